"""The window's main flows, driven offscreen with pytest-qt through its real widgets: mouse clicks
on buttons and rows, key clicks on fields and shortcuts, the real PIN dialog and message boxes
answered through their own fields and buttons. Real parts behind them: SoftHSM, SQLite, the
customs simulator. Only the native file dialogs are stood in for."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from cebdesk.exchange.simulator import Customs, run_folder
from cebdesk.gui.context import AppContext
from cebdesk.gui.dialogs import PinDialog
from cebdesk.gui.main_window import PAGES, MainWindow
from cebdesk.gui.models import MAX_COLUMN_WIDTH, readable_time
from cebdesk.pipeline.workspace import Workspace
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import document_type
from tests.factory import document_rows, filled_template, write_workbook

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
READABLE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def _token(softhsm) -> SignerOptions:
    return SignerOptions(pkcs11_module=softhsm["module"], token_label=softhsm["token"], key_label="signkey")


def _window(qtbot, context: AppContext) -> MainWindow:
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


@pytest.fixture
def window(qtbot, tmp_path, profile, softhsm):
    return _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile, _token(softhsm)))


# -- acting as a user -----------------------------------------------------------------------------
class Modal:
    """Answers the next modal dialog of ``kind`` as a user would, from the event loop, while the
    window waits for it in ``exec()``. Gives up after a while (``seen`` stays empty)."""

    waiting: list[Modal] = []  # held until answered or given up: a timer does not hold them

    def __init__(self, kind, answer, *, tries: int = 500) -> None:
        self.kind, self.answer, self.tries = kind, answer, tries
        self.seen: list = []
        self.texts: list[str] = []
        Modal.waiting.append(self)
        QTimer.singleShot(20, self._look)

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog not in self.seen:
            self.seen.append(dialog)
            if isinstance(dialog, QMessageBox):
                self.texts.append(dialog.text() + "\n" + dialog.informativeText())
            Modal.waiting.remove(self)
            self.answer(dialog)
            return
        self.tries -= 1
        if self.tries > 0:
            QTimer.singleShot(20, self._look)
        else:
            Modal.waiting.remove(self)


def _answer_pin(pin: str) -> Modal:
    """Type into the PIN dialog when it opens and click its OK button."""

    def answer(dialog: PinDialog) -> None:
        QTest.keyClicks(dialog.pin, pin)
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)

    return Modal(PinDialog, answer)


def _press(text: str) -> Modal:
    """Click the button reading ``text`` of the next message box."""

    def answer(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.text() == text]
        QTest.mouseClick(button, LEFT)

    return Modal(QMessageBox, answer)


def _click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, LEFT)


def _open(qtbot, win, monkeypatch, paths: list[Path]) -> None:
    """The 打开文件… button, with the native dialog answering ``paths``."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in paths], ""))
    )
    if not win.import_view.isVisible():
        _page(qtbot, win, "导入")
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        _click(qtbot, win.import_view.open_button)


def _send(qtbot, win, pin: str, button=None) -> Modal:
    """Click 签名并发送 (or ``button``), answer the PIN dialog, wait until the job is done."""
    asked = _answer_pin(pin)
    with qtbot.waitSignal(win.imports.done, timeout=60_000):
        _click(qtbot, button or win.import_view.send_button)
    assert len(asked.seen) == 1
    return asked


def _drop(win, mime: QMimeData) -> bool:
    """Drag ``mime`` over the window and let it go (the window must take the drag first)."""
    where = QPoint(win.width() // 2, win.height() // 2)
    with warnings.catch_warnings():  # PySide marks the QPoint constructor deprecated; Qt has no other
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, LEFT, NONE)
    QApplication.sendEvent(win, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(win, QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, LEFT, NONE))
    return True


def _page(qtbot, win, page: str) -> None:
    """The page named (one of PAGES) by its shortcut, Ctrl+1…7 (the window active again, as after
    the user closes a dialog and clicks in it)."""
    number = PAGES.index(page) + 1
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    qtbot.keyClick(win, getattr(Qt.Key, f"Key_{number}"), CTRL)
    assert win.nav.currentRow() == number - 1


def _click_row(qtbot, table, row: int, modifier=NONE) -> None:
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), LEFT, modifier, table.visualRect(index).center())


def _double_click_item(qtbot, listing, item) -> None:
    listing.scrollToItem(item)
    position = listing.visualItemRect(item).center()
    qtbot.mouseClick(listing.viewport(), LEFT, NONE, position)
    qtbot.mouseDClick(listing.viewport(), LEFT, NONE, position)


def _choose(qtbot, combo, data) -> None:
    """Pick an entry of a combo box with the keyboard (Home, then Down)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{data!r} is not in the combo box")


def _type(qtbot, edit, text: str) -> None:
    """Replace a line edit's text by typing (Ctrl+A, then the keys; QTest types Latin-1 only)."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def _receipts(win, tmp_path) -> None:
    """Customs answers what is in send/; the window reads the receipts on its own."""
    customs = Customs(tmp_path / "customs")
    try:
        run_folder(win.context.outbox(), customs)
    finally:
        customs.close()


def _wait_receipts(qtbot, win, expected: set[str]) -> None:
    qtbot.waitUntil(
        lambda: (
            {r["returnStatus"] for r in win.journal.model.rows} == expected
            and not (win.journal.job is not None and win.journal.job.running)
        ),
        timeout=20_000,
    )


# -- item 1: the main button and its siblings -------------------------------------------------------
def test_import_shows_documents_and_findings(qtbot, window, tmp_path, monkeypatch):
    order = document_type("order")
    rows = document_rows(order, 0, 1) + document_rows(order, 1, 1)
    rows[1]["buyerName"] = None
    path = write_workbook(order, rows, tmp_path / "orders.xlsx")
    _open(qtbot, window, monkeypatch, [path])
    model = window.imports.model
    assert model.rowCount() == 2
    assert [model.rows[i]["state"] for i in range(2)] == ["可发送", "有错误"]
    findings = window.import_view.findings
    assert findings.count() == 1
    assert "订购人姓名 (buyerName): 必填项为空" in findings.item(0).text()
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        _double_click_item(qtbot, findings, findings.item(0))
    assert "单元格：" in window.import_view.detail.text() and "4" in window.import_view.detail.text()
    preview = window.import_view.preview
    assert preview.isVisible()
    column = preview.currentColumn()
    assert preview.item(1, column).text() == "buyerName" and preview.item(2, column).text() == ""
    assert preview.item(2, column).background().color().name() == "#f8d7da"
    assert window.import_view.send_button.isEnabled()


def test_the_send_button_with_nothing_loaded_asks_nothing_and_says_what_to_do(qtbot, window, tmp_path):
    view = window.import_view
    assert not view.send_button.isEnabled()
    qtbot.mouseClick(view.send_button, LEFT)  # a disabled button: nothing happens, nothing breaks
    assert window.imports.job is None
    asked = _answer_pin("never typed")
    asked.tries = 10
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)  # the menu's shortcut is not disabled
    qtbot.waitUntil(lambda: asked.tries <= 0, timeout=5_000)
    assert asked.seen == [] and window.imports.job is None
    assert "打开文件" in view.summary.text() and view.error.text() == ""


def test_the_send_button_signs_and_sends_what_is_loaded(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=3)
    _open(qtbot, window, monkeypatch, [path])
    _send(qtbot, window, softhsm["pin"])
    assert window.imports.last_error is None
    assert window.imports.last_report.documents == 3
    assert "已发送 1 个报文，3 个单证" in window.import_view.summary.text()
    assert len(list((tmp_path / "exchange" / "send").glob("CEB621Message_*.xml"))) == 1


def test_ctrl_return_signs_and_sends_what_is_loaded(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=2)
    _open(qtbot, window, monkeypatch, [path])
    asked = _answer_pin(softhsm["pin"])
    with qtbot.waitSignal(window.imports.done, timeout=60_000):
        qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    assert len(asked.seen) == 1 and window.imports.last_report.documents == 2


def test_a_wrong_pin_is_explained_in_the_window_and_nothing_is_sent(
    qtbot, window, tmp_path, softhsm, monkeypatch, capfd
):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=2)
    _open(qtbot, window, monkeypatch, [path])
    _send(qtbot, window, "000000")  # asked once, not again
    error = window.import_view.error.text()
    assert "口令错误" in error and "没有签名或发送任何单证" in error
    assert "wrong PIN" not in error and "Traceback" not in error
    assert "Traceback" not in capfd.readouterr().err
    assert not list((tmp_path / "exchange" / "send").glob("*.xml"))


def test_the_outbox_page_sends_the_waiting_documents(qtbot, window, tmp_path, softhsm, profile):
    path = filled_template(document_type("payment"), tmp_path / "pay.xlsx", documents=2)
    workspace = Workspace(tmp_path / "data", exchange_dir=tmp_path / "exchange", profile=profile)
    workspace.import_files([path])  # journaled earlier (the CLI, or a cancelled send)
    _page(qtbot, window, "发送与回执")  # shown: the page reads the journal again
    assert [r["state"] for r in window.journal.model.rows] == ["待发送", "待发送"]
    _send(qtbot, window, softhsm["pin"], window.journal_view.send_button)
    assert window.imports.last_report.documents == 2
    assert [r["state"] for r in window.journal.model.rows] == ["已发送", "已发送"]
    assert "待发送 0" in window.journal_view.counts.text()


def test_cancel_halfway_leaves_a_consistent_journal(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("payment"), tmp_path / "pay.xlsx", documents=1500)
    _open(qtbot, window, monkeypatch, [path])
    _answer_pin(softhsm["pin"])

    def cancel_on_first_progress(done, _total):
        if done and window.import_view.cancel_button.isEnabled():
            qtbot.mouseClick(window.import_view.cancel_button, LEFT)

    with qtbot.waitSignal(window.imports.done, timeout=60_000):
        _click(qtbot, window.import_view.send_button)
        window.imports.job.progressed.connect(cancel_on_first_progress)
    report = window.imports.last_report
    assert report.cancelled
    assert 0 < report.documents < 1500
    with window.context.journal() as journal:
        sent = [d for d in journal.documents() if d.state == "sent"]
        ready = [d for d in journal.documents() if d.state == "ready"]
        assert len(sent) == report.documents and len(sent) + len(ready) == 1500
        assert all(m.state == "sent" for m in journal.messages())
    files = list((tmp_path / "exchange" / "send").glob("*.xml"))
    assert len(files) == len(report.messages)


def test_only_the_selected_documents_are_sent(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("payment"), tmp_path / "pay.xlsx", documents=3)
    _open(qtbot, window, monkeypatch, [path])
    _click_row(qtbot, window.import_view.documents, 1)
    _send(qtbot, window, softhsm["pin"])
    assert window.imports.last_report.documents == 1
    with window.context.journal() as journal:
        [document] = journal.documents()
        assert document.business_key == window.imports.model.rows[1]["key"]
    assert [r["state"] for r in window.imports.model.rows] == ["可发送", "已发送", "可发送"]


def test_receipts_arriving_in_the_folder_appear(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=2)
    _open(qtbot, window, monkeypatch, [path])
    _send(qtbot, window, softhsm["pin"])
    _page(qtbot, window, "发送与回执")
    model = window.journal.model
    assert [r["state"] for r in model.rows] == ["已发送", "已发送"]
    _receipts(window, tmp_path)  # receipts land in receive/ while the window is open
    qtbot.waitUntil(lambda: [r["returnStatus"] for r in model.rows] == ["800", "800"], timeout=15_000)
    assert model.rows[0]["meaning"] == "放行"
    _click_row(qtbot, window.journal_view.table, 0)
    timeline = window.journal_view.timeline
    qtbot.waitUntil(lambda: timeline.count() == 4, timeout=5_000)
    assert all(READABLE.match(timeline.item(i).text().split("  ")[0]) for i in range(4))


def test_query_export_and_resend_as_modification(qtbot, window, tmp_path, softhsm, monkeypatch):
    import openpyxl

    path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=3)
    _open(qtbot, window, monkeypatch, [path])
    _send(qtbot, window, softhsm["pin"])
    _receipts(window, tmp_path)
    _wait_receipts(qtbot, window, {"120"})

    _page(qtbot, window, "查询")
    view, query = window.query_view, window.query
    assert len(query.model.rows) == 3  # shown: the last year's documents, without a click
    _type(qtbot, view.key, "K000001")
    qtbot.keyClick(view.key, Qt.Key.Key_Return)
    assert len(query.model.rows) == 1 and query.model.rows[0]["returnStatus"] == "120"
    _click_row(qtbot, view.table, 0)
    assert view.head.rowCount() > 10
    assert view.lines.rowCount() == 1
    assert "<ceb:CEB311Message" in view.xml.toPlainText()
    view.detail.setCurrentIndex(3)  # the 签名 tab
    _click(qtbot, view.verify_button)
    assert view.verdict.text().startswith("签名有效")
    assert view.receipts.count() == 2

    _type(qtbot, view.key, "")
    _click(qtbot, view.search_button)
    assert len(query.model.rows) == 3
    out = tmp_path / "result.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    _click(qtbot, view.export_button)
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row == 4 and sheet.cell(1, 2).value == "编号"

    _click_row(qtbot, view.table, 0)
    asked = Modal(QMessageBox, lambda box: box.reject(), tries=5)
    _click(qtbot, view.resend_button)  # 120 (入库) is not final: nothing to ask
    assert asked.seen == []
    assert "1 个单证将作为变更" in view.message.text()
    with window.context.journal() as journal:
        again = [d for d in journal.documents() if d.state == "ready"]
        assert len(again) == 1 and again[0].app_type == "2" and again[0].head["appType"] == "2"
    _page(qtbot, window, "发送与回执")
    _send(qtbot, window, softhsm["pin"], window.journal_view.send_button)
    assert window.imports.last_report.documents == 1


def test_templates_type_choice_and_drop(qtbot, window, tmp_path, monkeypatch):
    import openpyxl

    target = tmp_path / "入库明细单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))

    def pick_delivery() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, pick_delivery)
            return
        [action] = [a for a in menu.actions() if a.data() == "delivery"]
        QTest.mouseClick(menu, LEFT, NONE, menu.actionGeometry(action).center())

    _page(qtbot, window, "导入")  # the window opens on the home page
    QTimer.singleShot(20, pick_delivery)
    _click(qtbot, window.import_view.template_button)
    qtbot.waitUntil(target.exists, timeout=5_000)
    assert openpyxl.load_workbook(target).sheetnames[0] == "入库明细单"

    _choose(qtbot, window.import_view.type, "payment")
    path = filled_template(document_type("payment"), tmp_path / "pay.xlsx", documents=2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    _page(qtbot, window, "查询")
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        _drop(window, mime)
    assert window.nav.currentRow() == PAGES.index("导入")
    assert window.imports.model.rowCount() == 2
    assert window.import_view.excel_button.isEnabled()


def test_outbox_filters(qtbot, window, tmp_path, softhsm, monkeypatch):
    files = [
        filled_template(document_type(n), tmp_path / f"{n}.xlsx", documents=2) for n in ("order", "inventory")
    ]
    _open(qtbot, window, monkeypatch, files)
    _send(qtbot, window, softhsm["pin"])
    _receipts(window, tmp_path)
    _wait_receipts(qtbot, window, {"120", "800"})
    _page(qtbot, window, "发送与回执")
    view, model = window.journal_view, window.journal.model
    assert len(model.rows) == 4
    _choose(qtbot, view.type, "CEB621Message")
    assert [r["returnStatus"] for r in model.rows] == ["800", "800"]
    _choose(qtbot, view.type, None)
    _choose(qtbot, view.family, "入库")
    assert [r["returnStatus"] for r in model.rows] == ["120", "120"]
    assert not model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole).isNull()
    _choose(qtbot, view.family, None)
    _type(qtbot, view.filter, "2600")  # [Code:2600;Desc:放行]
    assert [r["returnStatus"] for r in model.rows] == ["800", "800"]
    _type(qtbot, view.filter, "")
    view.since.setFocus()
    qtbot.keyClick(view.since, Qt.Key.Key_Home)  # the year
    for _ in range(5):
        qtbot.keyClick(view.since, Qt.Key.Key_Up)
    assert model.rows == []


def test_page_shortcuts(qtbot, window):
    for page in ("查询", "发送与回执", "汇总申报", "导入", "准备工作", "设置", "首页"):
        _page(qtbot, window, page)
        assert window.pages.currentIndex() == PAGES.index(page)


def test_first_run_offers_the_demo_and_shows_its_receipts(qtbot, tmp_path):
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange"))
    asked = _press("用演示数据试一试")
    with qtbot.waitSignal(win.demo_ready, timeout=120_000):
        win.first_run()  # what the app does at start when there is no profile
    assert len(asked.seen) == 1
    _wait_receipts(qtbot, win, {"120", "800"})
    assert len(win.journal.model.rows) == 12
    assert win.nav.currentRow() == PAGES.index("发送与回执")
    assert win.context.profile is not None and win.context.profile.transfer["copName"] == "演示供应链有限公司"


# -- item 6: every view shows the journal after every operation -------------------------------------
def test_a_clean_reimport_clears_the_previous_finding(qtbot, window, tmp_path, monkeypatch):
    order = document_type("order")
    rows = document_rows(order, 0, 1)
    rows[0]["buyerName"] = None
    bad = write_workbook(order, rows, tmp_path / "bad.xlsx")
    _open(qtbot, window, monkeypatch, [bad])
    view = window.import_view
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        _double_click_item(qtbot, view.findings, view.findings.item(0))
    assert view.preview.isVisible() and "buyerName" in view.detail.text()
    good = filled_template(order, tmp_path / "good.xlsx", documents=1)
    _open(qtbot, window, monkeypatch, [good])
    assert view.findings.count() == 0
    assert not view.preview.isVisible() and view.preview.columnCount() == 0
    assert view.detail.text() == "" and view.error.text() == ""
    assert [r["state"] for r in window.imports.model.rows] == ["可发送"]


def test_could_not_finish_goes_when_a_new_job_starts(qtbot, tmp_path, profile, monkeypatch):
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile))  # no signer
    path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)
    _open(qtbot, win, monkeypatch, [path])
    _click(qtbot, win.import_view.send_button)
    assert "无法完成" in win.import_view.error.text()
    _open(qtbot, win, monkeypatch, [path])
    assert win.import_view.error.text() == ""


def test_could_not_finish_goes_when_the_settings_are_saved(qtbot, tmp_path, profile, monkeypatch):
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile))  # no signer
    path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)
    _open(qtbot, win, monkeypatch, [path])
    _click(qtbot, win.import_view.send_button)
    assert "无法完成" in win.import_view.error.text()
    _page(qtbot, win, "设置")
    assert str(win.settings.path).startswith(str(tmp_path))  # never the user's own profile
    _click(qtbot, win.settings_view.save_button)
    assert win.import_view.error.text() == ""


def test_imported_rows_follow_the_journal(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=2)
    _open(qtbot, window, monkeypatch, [path])
    states = lambda: [r["state"] for r in window.imports.model.rows]  # noqa: E731
    assert states() == ["可发送", "可发送"]
    _send(qtbot, window, softhsm["pin"])
    assert states() == ["已发送", "已发送"]
    _receipts(window, tmp_path)
    qtbot.waitUntil(lambda: states() == ["放行（800）", "放行（800）"], timeout=20_000)
    _page(qtbot, window, "查询")
    _click(qtbot, window.query_view.search_button)
    _click_row(qtbot, window.query_view.table, 0)
    _press("仍然作为变更重发")
    _click(qtbot, window.query_view.resend_button)
    assert states() == ["待发送", "放行（800）"]
    assert [r["state"] for r in window.journal.model.rows] == ["待发送", "已发送"]
    assert window.query.model.rows[0]["state"] == "待发送" and window.query.model.rows[0]["appType"] == "2"
    _open(qtbot, window, monkeypatch, [path])  # the same file again: what the journal has, at once
    assert states() == ["待发送", "放行（800）"]


def test_the_receipts_panes_and_counts_follow_new_receipts(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=2)
    _open(qtbot, window, monkeypatch, [path])
    _send(qtbot, window, softhsm["pin"])
    _page(qtbot, window, "查询")
    _click(qtbot, window.query_view.search_button)
    _click_row(qtbot, window.query_view.table, 1)
    assert window.query_view.receipts.count() == 0
    _page(qtbot, window, "发送与回执")
    view = window.journal_view
    _click_row(qtbot, view.table, 1)
    assert view.timeline.count() == 0
    assert "待回执 2" in view.counts.text()
    _receipts(window, tmp_path)
    qtbot.waitUntil(lambda: view.timeline.count() == 4, timeout=20_000)  # the selected one, not re-clicked
    assert view.table.currentIndex().row() == 1
    assert "待回执 0" in view.counts.text()
    assert window.query_view.receipts.count() == 4 and window.query.model.rows[1]["returnStatus"] == "800"


# -- item 8: a released inventory is not resent as a modification without a word --------------------
def test_resending_a_released_inventory_asks_and_explains(qtbot, window, tmp_path, softhsm, monkeypatch):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=1)
    _open(qtbot, window, monkeypatch, [path])
    _send(qtbot, window, softhsm["pin"])
    _receipts(window, tmp_path)
    _wait_receipts(qtbot, window, {"800"})
    _page(qtbot, window, "查询")
    view = window.query_view
    _click(qtbot, view.search_button)
    _click_row(qtbot, view.table, 0)

    asked = _press("不重发")
    _click(qtbot, view.resend_button)
    assert len(asked.seen) == 1
    said = asked.texts[0]
    assert "800" in said and "撤销申请单（CEB623）" in said and "异常回执" in said
    with window.context.journal() as journal:
        [document] = journal.documents()
        assert document.state == "sent" and document.app_type == "1"
    assert "没有重发" in view.message.text()

    asked = _press("仍然作为变更重发")
    _click(qtbot, view.resend_button)
    assert len(asked.seen) == 1
    with window.context.journal() as journal:
        [document] = journal.documents()
        assert document.state == "ready" and document.app_type == "2"


# -- item 9: what went wrong is said in the window ------------------------------------------------
def test_open_in_excel_without_an_application_says_so(qtbot, window, tmp_path, monkeypatch):
    path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)
    _open(qtbot, window, monkeypatch, [path])
    _click(qtbot, window.import_view.excel_button)  # offscreen: no program opens .xlsx
    error = window.import_view.error.text()
    assert "没有找到能打开 o.xlsx 的程序" in error and str(path) in error


def test_open_in_excel_with_an_application(qtbot, window, tmp_path, monkeypatch):
    class Desktop(QObject):
        opened: list[str] = []

        @Slot(QUrl)
        def open(self, url) -> None:
            self.opened.append(url.toLocalFile())

    desktop = Desktop()
    QDesktopServices.setUrlHandler("file", desktop, "open")
    try:
        path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)
        _open(qtbot, window, monkeypatch, [path])
        _click(qtbot, window.import_view.excel_button)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert desktop.opened == [str(path)] and window.import_view.error.text() == ""


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_wrong_key_file_password_is_explained_in_the_window(
    qtbot, tmp_path, profile, test_keys, monkeypatch, capfd, language
):
    from cebdesk.gui.app import install_translator

    translator = install_translator(QApplication.instance(), language)
    try:
        signer = SignerOptions(key_file=test_keys["p12"])
        win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile, signer, language))
        path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)
        _open(qtbot, win, monkeypatch, [path])
        _send(qtbot, win, "not-the-password")
        error = win.import_view.error.text()
    finally:
        if translator is not None:
            QApplication.instance().removeTranslator(translator)
    assert "op.p12" in error and "Traceback" not in error and "PKCS12 data" not in error
    if language == "zh":
        assert "无法打开密钥文件 op.p12：口令不正确" in error and "没有签名或发送任何单证" in error
    else:
        assert "password" in error.lower() and not re.search(r"[\u4e00-\u9fff]", error)
    assert "Traceback" not in capfd.readouterr().err
    assert not list((tmp_path / "exchange" / "send").glob("*.xml"))


def test_receipt_times_read_alike_on_every_page_and_columns_fit(
    qtbot, window, tmp_path, softhsm, monkeypatch
):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=1)
    _open(qtbot, window, monkeypatch, [path])
    _send(qtbot, window, softhsm["pin"])
    _receipts(window, tmp_path)
    _wait_receipts(qtbot, window, {"800"})
    _page(qtbot, window, "发送与回执")
    [row] = window.journal.model.rows
    assert READABLE.match(row["returnTime"])
    _click_row(qtbot, window.journal_view.table, 0)
    _page(qtbot, window, "查询")
    _click(qtbot, window.query_view.search_button)
    [found] = window.query.model.rows
    assert READABLE.match(found["updated"])
    _click_row(qtbot, window.query_view.table, 0)
    for listing in (window.journal_view.timeline, window.query_view.receipts):
        assert listing.count() == 4
        assert all(READABLE.match(listing.item(i).text().split("  ")[0]) for i in range(4))
    for table in (window.journal_view.table, window.query_view.table, window.import_view.documents):
        header, model = table.horizontalHeader(), table.model()
        metrics = table.fontMetrics()
        for column in range(model.columnCount()):
            text = model.data(model.index(0, column)) or ""
            last = column == model.columnCount() - 1 and header.stretchLastSection()  # takes what is left
            assert last or header.sectionSize(column) <= MAX_COLUMN_WIDTH
            if table is window.journal_view.table and model.columns[column].key in ("meaning", "returnInfo"):
                # narrowed so that the outbox fits its page: the whole text in the tooltip
                assert model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole) == text
                continue
            assert header.sectionSize(column) >= min(
                metrics.horizontalAdvance(text), MAX_COLUMN_WIDTH - 20
            ), text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("20241023152230", "2024-10-23 15:22:30"),
        ("20241023152230123", "2024-10-23 15:22:30"),
        ("2024-10-23T15:22:30.123", "2024-10-23 15:22:30"),
        ("2024-10-23T15:22:30", "2024-10-23 15:22:30"),
        ("2024-10-23 15:22:30", "2024-10-23 15:22:30"),
        ("2024-10-23T15:22:30.123456", "2024-10-23 15:22:30"),
        (" 20241023152230 ", "2024-10-23 15:22:30"),
        ("", ""),
        (None, ""),
        ("not a time", "not a time"),
        ("2024102315", "2024102315"),
    ],
)
def test_readable_time(value, shown):
    assert readable_time(value) == shown


def test_a_zoned_time_is_shown_in_local_time():
    from datetime import UTC, datetime

    moment = datetime(2024, 10, 23, 7, 22, 30, tzinfo=UTC)
    assert readable_time(moment.isoformat()) == moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert readable_time("2024-10-23T07:22:30Z") == readable_time(moment.isoformat())


def test_a_drop_without_files_is_refused(qtbot, window):
    mime = QMimeData()
    mime.setText("not files")
    assert not _drop(window, mime)
    assert window.imports.job is None


def _failures():
    import errno

    from cebdesk.findings import Finding, InputError, Location
    from cebdesk.pipeline.workspace import WorkspaceError
    from cebdesk.signing.base import CertificateError, PinError, SigningError, TokenGone
    from cebdesk.store.journal import JournalBusy

    return [
        (PinError("wrong PIN for tok; cebdesk does not try again (the key locks)"), "口令错误"),
        (PinError("the card refused the PIN; cebdesk does not try again (x)"), "口令错误"),
        (PinError("the PIN of tok is locked; it must be unlocked by the SO"), "已锁定"),
        (PinError("the PIN for tok has characters or a length the token does not accept"), "长度或字符"),
        (TokenGone("token tok is not present"), "令牌被拔出"),
        (CertificateError("/k/op.pem: the certificate does not belong to this key"), "证书不能用于签名"),
        (
            SigningError("cannot open key file /k/op.p12: Invalid password or PKCS12 data"),
            "无法打开密钥文件 op.p12",
        ),
        (SigningError("cannot read key file /k/gone.pem: No such file or directory"), "密钥文件 gone.pem"),
        (
            SigningError("no token labelled 'tok' (tokens present: none); see cebdesk tokens"),
            "没有找到令牌 tok",
        ),
        (
            SigningError("choose one signer: --key-file, --token-label (PKCS#11) or --eport-control"),
            "签名失败",
        ),
        (JournalBusy(Path("/d/journal.sqlite3")), "另一个 cebdesk"),
        (WorkspaceError("no enterprise profile: give --profile"), "企业档案"),
        (OSError(errno.ENOSPC, "No space left on device", "/x/send/a.xml"), "磁盘已满（/x/send/a.xml）"),
        (OSError(errno.EACCES, "Permission denied"), "没有权限。"),
        (OSError(errno.EBUSY, "Device or resource busy"), "系统错误"),
        (InputError([Finding(Location("/f/o.xlsx"), "file.missing")]), "o.xlsx"),
        (RuntimeError("something nobody foresaw"), "意外错误"),
    ]


@pytest.mark.parametrize(
    ("exc", "said"), _failures(), ids=lambda v: type(v).__name__ if isinstance(v, Exception) else ""
)
def test_every_failure_is_explained_in_the_windows_language(exc, said):
    from cebdesk.gui.workers import explain, failure_of

    text = explain(failure_of(exc), "zh")
    assert said in text
    assert "Traceback" not in text and "PKCS12" not in text and "cebdesk tokens" not in text
    unexpected = failure_of(exc).kind == "unexpected"
    assert unexpected or not re.search(r"\b(the|cannot|wrong|give)\b", text), text


def test_a_row_with_errors_does_not_wear_the_journals_status(qtbot, tmp_path, profile, signer, monkeypatch):
    """The file's row has an error; the journal holds the same document released: the row says
    有错误 and has neither the journal's tick nor its colour."""
    from cebdesk.exchange.simulator import Customs, run_folder

    workspace = Workspace(tmp_path / "data", exchange_dir=tmp_path / "exchange", profile=profile)
    inventory = document_type("inventory")
    good = document_rows(inventory, 0, 1)
    workspace.import_files([write_workbook(inventory, good, tmp_path / "good.xlsx")])
    workspace.send(signer)
    customs = Customs(tmp_path / "customs")
    run_folder(workspace.outbox(), customs)
    customs.close()
    workspace.receive()
    bad = [dict(r) for r in good]
    bad[0]["buyerName"] = None
    context = AppContext(tmp_path / "data", tmp_path / "exchange", profile, SignerOptions())
    win = _window(qtbot, context)
    _open(qtbot, win, monkeypatch, [write_workbook(inventory, bad, tmp_path / "bad.xlsx")])
    model = win.imports.model
    assert model.rows[0]["state"] == "有错误"
    index = model.index(0, 0)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
