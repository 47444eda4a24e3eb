"""What a new user's trial of the export side in the window found, driven through the real
widgets: the summary result (CEB792) read in the window's language with its list, a summary
whose customs declaration is made marked as done, no PIN asked when nothing waits to be sent,
export rows and pages worded for export, marks explained, stale texts cleared, the outbox
within a 1366-pixel window, Qt's own file dialog in Chinese."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from cebdesk.gui.context import AppContext
from cebdesk.gui.dialogs import PinDialog
from cebdesk.gui.main_window import MainWindow
from cebdesk.gui.models import FAMILY_COLOURS
from cebdesk.spec import document_type
from cebdesk.spec.receipts import Family
from tests.factory import filled_template
from tests.gui.test_export_window import english  # noqa: F401  (a fixture)
from tests.gui.test_gui_flows import (
    Modal,
    _choose,
    _click,
    _click_row,
    _open,
    _page,
    _send,
    _token,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
INVT_NOS = ["37002024E000000001", "37002024E000000002"]
ENTRY_ID = "370020240000000001"


def _summary_with_result(data_dir) -> None:
    """Two released export inventories, a summary of them, its CEB702 and its CEB792 read."""
    from cebdesk.exchange.receipts import ingest_bytes
    from tests.exchange.test_export_receipts import _receipt_bytes, _result, _summary_journal

    data_dir.mkdir(parents=True, exist_ok=True)
    journal, _, _, head = _summary_journal(data_dir, INVT_NOS, sum_no="S20240201000000001")
    ingest_bytes(
        journal,
        "792.xml",
        _receipt_bytes("CEB792Message", [_result(head, "S20240201000000001", INVT_NOS)], "ceb-prefix"),
    )
    journal.close()


def _window(qtbot, tmp_path, profile, language="zh", signer=None) -> MainWindow:
    args = (tmp_path / "data", tmp_path / "exchange", profile) + ((signer,) if signer else ())
    win = MainWindow(AppContext(*args, language=language))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def _row_of(model, message_type: str) -> int:
    return next(
        i for i, r in enumerate(model.rows) if r["type"].startswith(message_type) or r["type"] == message_type
    )


def _summary_row(model) -> int:
    return next(i for i, r in enumerate(model.rows) if "CEB701" in r["type"])


def _items(listing) -> list[str]:
    return [listing.item(i).text() for i in range(listing.count())]


# -- 1. the summary result in the window's language, with its list ---------------------------------
def test_the_summary_result_reads_in_chinese_with_its_list(qtbot, tmp_path, profile):
    _summary_with_result(tmp_path / "data")
    win = _window(qtbot, tmp_path, profile)
    _page(qtbot, win, "发送与回执")
    _click_row(qtbot, win.journal_view.table, _summary_row(win.journal.model))
    [result] = [t for t in _items(win.journal_view.timeline) if "汇总结果单" in t]
    assert "summary result" not in result and "item(s)" not in result
    assert f"报关单编号 {ENTRY_ID}" in result and "4 项" in result
    for invt_no in INVT_NOS:
        assert f"invtNo={invt_no}" in result
    assert "gseqno=1" in result and "gnum=2" in result and "gcode=8541401000" in result
    _page(qtbot, win, "查询")
    model = win.query.model
    _click_row(
        qtbot, win.query_view.table, next(i for i, r in enumerate(model.rows) if r["type"] == "CEB701Message")
    )
    [shown] = [t for t in _items(win.query_view.receipts) if "汇总结果单" in t]
    assert "summary result" not in shown and f"invtNo={INVT_NOS[1]}" in shown


def test_the_summary_result_reads_in_english(qtbot, tmp_path, profile, english):  # noqa: F811
    _summary_with_result(tmp_path / "data")
    win = _window(qtbot, tmp_path, profile, "en")
    _page(qtbot, win, "发送与回执")
    _click_row(qtbot, win.journal_view.table, _summary_row(win.journal.model))
    [result] = [t for t in _items(win.journal_view.timeline) if "summary result" in t.lower()]
    assert not CJK.search(result), result
    assert ENTRY_ID in result and f"invtNo={INVT_NOS[0]}" in result


# -- 2. a summary whose declaration is made says so ------------------------------------------------
def test_a_summary_with_its_declaration_made_is_marked_done(qtbot, tmp_path, profile):
    _summary_with_result(tmp_path / "data")
    win = _window(qtbot, tmp_path, profile)
    for page, model in (("发送与回执", win.journal.model), ("查询", win.query.model)):
        _page(qtbot, win, page)
        row = (
            _summary_row(model)
            if page == "发送与回执"
            else next(i for i, r in enumerate(model.rows) if r["type"] == "CEB701Message")
        )
        meaning = model.data(model.index(row, [c.key for c in model.columns].index("meaning")))
        assert f"已生成报关单 {ENTRY_ID}" in meaning, meaning
        first = model.index(row, 0)
        assert (
            model.data(first, Qt.ItemDataRole.BackgroundRole).color().name().upper()
            == FAMILY_COLOURS[Family.RELEASED]
        )
        assert ENTRY_ID in model.data(first, Qt.ItemDataRole.ToolTipRole)


# -- 3 and 5. nothing waiting: no PIN; the ▲ explained; the speed cleared ---------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", ["export-order", "order"])
def test_a_workbook_sent_before_asks_no_pin(qtbot, tmp_path, profile, softhsm, monkeypatch, name):
    win = _window(qtbot, tmp_path, profile, signer=_token(softhsm))
    path = filled_template(document_type(name), tmp_path / f"{name}.xlsx")
    _open(qtbot, win, monkeypatch, [path])
    assert "可发送 1" in win.import_view.summary.text()
    _send(qtbot, win, softhsm["pin"])
    assert win.imports.last_report.documents == 1
    model = win.imports.model
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "已发送，等待海关回执"
    assert win.import_view.rate.text() == ""  # the speed of the send is over
    # the same workbook opened again: nothing of it waits, and the page says so
    _open(qtbot, win, monkeypatch, [path])
    assert "可发送 0" in win.import_view.summary.text(), win.import_view.summary.text()
    assert "已发送过 1" in win.import_view.summary.text()
    asked = _no_pin_asked(qtbot, win.import_view.send_button, softhsm["pin"])
    assert asked.seen == []
    assert "已发送过，未改动" in win.import_view.summary.text(), win.import_view.summary.text()
    # the outbox's button with nothing waiting: no PIN either, and it says why
    _page(qtbot, win, "发送与回执")
    asked = _no_pin_asked(qtbot, win.journal_view.send_button, softhsm["pin"])
    assert asked.seen == []
    assert win.journal_view.message.text() == "没有待发送的单证"


def _no_pin_asked(qtbot, button, pin: str) -> Modal:
    """Click ``button``; a PIN dialog, if one opens, is answered (and counted). Returns once
    the watch for it is over, so that it answers no later dialog."""


    def answer(dialog: PinDialog) -> None:
        QTest.keyClicks(dialog.pin, pin)
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    asked = Modal(PinDialog, answer, tries=25)
    _click(qtbot, button)
    qtbot.waitUntil(lambda: asked not in Modal.waiting, timeout=5_000)
    return asked


# -- 4. export rows and pages worded for export ---------------------------------------------------
@pytest.mark.parametrize(
    ("name", "shown"),
    [("arrival", "运单 3"), ("waybill", "运单 3"), ("departure", "运单 3"), ("order", "商品 3")],
)
def test_the_import_page_names_what_the_lines_are(qtbot, tmp_path, profile, monkeypatch, name, shown):
    win = _window(qtbot, tmp_path, profile)
    _open(qtbot, win, monkeypatch, [filled_template(document_type(name), tmp_path / f"{name}.xlsx", lines=3)])
    view, model = win.import_view.documents, win.imports.model
    keys = [c.key for c in model.columns]
    assert model.data(model.index(0, keys.index("lines"))) == shown
    assert model.headerData(keys.index("lines"), Qt.Orientation.Horizontal) == "表体"
    export = document_type(name).direction == "export"
    assert view.isColumnHidden(keys.index("buyer")) == export  # export documents name no buyer
    assert view.isColumnHidden(keys.index("amount")) == export  # nor, these, an amount
    assert win.import_view.rate.text() == ""


def test_a_summary_counts_its_inventories(qtbot, tmp_path, profile, monkeypatch):
    win = _window(qtbot, tmp_path, profile)
    _open(qtbot, win, monkeypatch, [filled_template(document_type("summary"), tmp_path / "s.xlsx", lines=2)])
    model = win.imports.model
    assert model.data(model.index(0, [c.key for c in model.columns].index("lines"))) == "清单 2"


def test_the_query_page_has_no_buyer_for_export(qtbot, tmp_path, profile):
    from tests.gui.test_export_window import _journal_with_both_directions

    win = _window(qtbot, tmp_path, profile)
    _journal_with_both_directions(win.context)
    _page(qtbot, win, "查询")
    view = win.query_view
    assert "进口" in view.buyer.placeholderText()
    _choose(qtbot, view.direction, "export")
    assert not view.buyer.isVisible()
    assert view.table.isColumnHidden([c.key for c in win.query.model.columns].index("buyer"))
    _choose(qtbot, view.direction, "import")
    assert view.buyer.isVisible()


def test_the_defaults_hint_names_export_lists_too(qtbot, tmp_path, profile):
    win = _window(qtbot, tmp_path, profile)
    _page(qtbot, win, "设置")
    [hint] = [label.text() for label in win.settings_view.findChildren(QLabel) if "OrderList" in label.text()]
    assert "出口" in hint and "InventoryList" in hint


# -- 5. the outbox fits a 1366-pixel window --------------------------------------------------------
def test_the_outbox_columns_fit_the_window(qtbot, tmp_path, profile):
    _summary_with_result(tmp_path / "data")
    from cebdesk.store import Journal

    # refusals, with the long answers customs gives
    with Journal.in_dir(tmp_path / "data") as journal, journal.transaction():
        journal.db.execute(
            "UPDATE documents SET customs_status='-603017', customs_info=?", ("某个很长的海关回执说明，" * 20,)
        )
    win = _window(qtbot, tmp_path, profile)
    win.resize(1366, 728)
    _page(qtbot, win, "发送与回执")
    QApplication.processEvents()
    table = win.journal_view.table
    header = table.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
    assert total <= table.viewport().width(), (total, table.viewport().width(), [header.sectionSize(c) for c in range(header.count())])
    assert not table.horizontalScrollBar().isVisible()


# -- 6. Qt's own file dialog in Chinese ------------------------------------------------------------
def test_the_file_dialog_reads_chinese(qtbot):
    import subprocess
    import sys
    from pathlib import Path

    from cebdesk.gui.app import I18N, install_translator

    if not (I18N / "qt_gaps_zh_CN.qm").is_file():
        root = Path(__file__).resolve().parents[2]
        subprocess.run([sys.executable, str(root / "tools" / "translations.py"), "compile"], check=True)
    app = QApplication.instance()
    translator = install_translator(app, "zh")
    try:
        assert app.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts, texts
        assert not [t for t in texts if re.search("[A-Za-z]{3}", t)], texts
    finally:
        app.removeTranslator(translator)
