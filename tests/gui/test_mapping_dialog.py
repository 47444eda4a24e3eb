"""The column dialog on the import page, driven through its real widgets: a file from another
system is opened, its unknown columns named, the 列对应… button opens the dialog, each unknown
column is given its element by clicking in its drop-down, 保存列对应 saves the mapping in the
data folder and the file is read again, now without refusals; the next file with the same
header is read by it at once. Only the native file dialog is stood in for."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtTest import QTest

from cebdesk.excel.columns import template_columns
from cebdesk.excel.mapping import fingerprint, load_mapping, mappings_folder
from cebdesk.gui.context import AppContext
from cebdesk.gui.mapping_dialog import MappingDialog
from cebdesk.spec import document_type
from tests.gui.test_gui_flows import LEFT, Modal, _choose, _click, _open, _window
from tests.hostile.test_column_names import OTHER_NAMES, one_row

INVENTORY = document_type("inventory")


@pytest.fixture
def win(qtbot, tmp_path, profile):
    return _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile))


def _answer(qtbot, choices: dict[str, str], seen: dict) -> Modal:
    def answer(dialog: MappingDialog) -> None:
        seen["type"] = dialog.type.currentData()
        seen["preset"] = {
            dialog.rows.labelForField(c).text(): c.currentData() for c in dialog.combos.values()
        }
        for i, combo in dialog.combos.items():
            text = str(dialog.header[i]).strip()
            if text in choices:
                _choose(qtbot, combo, choices[text])
        QTest.mouseClick(dialog.save_button, LEFT)

    return Modal(MappingDialog, answer)


def test_the_dialog_maps_unknown_columns_and_the_file_reads(qtbot, win, monkeypatch, tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES, documents=2)
    _open(qtbot, win, monkeypatch, [src])
    view = win.import_view
    texts = [view.findings.item(i).text() for i in range(view.findings.count())]
    assert texts, texts  # the header is not understood (its key column has another name)
    button = view.findChild(type(view.send_button), "mapping_button")
    assert button.isVisible()
    seen: dict = {}
    answered = _answer(qtbot, {v: k for k, v in OTHER_NAMES.items()}, seen)
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        _click(qtbot, button)
    assert len(answered.seen) == 1
    # the type the header knows most of; the columns cebdesk knew were preset
    assert seen["type"] == "inventory"
    assert seen["preset"]["物流运单编号"] == "logisticsNo" and seen["preset"]["货品规格"] is None
    header = next(openpyxl.load_workbook(src).active.iter_rows(max_row=1, values_only=True))
    saved = load_mapping(mappings_folder(tmp_path / "data") / f"{fingerprint(header)}.toml")
    assert saved.keys["货品规格"] == "gmodel" and saved.keys["原产地"] == "InventoryList.country"
    assert saved.type == "inventory"
    # read again by the mapping: both documents can be sent, nothing is refused
    rows = win.imports.model.rows
    texts = [view.findings.item(i).text() for i in range(view.findings.count())]
    assert len(rows) == 2, texts
    assert len(rows) == 2 and all(r["ok"] for r in rows)
    assert not button.isVisible()
    assert view.send_button.isEnabled()
    # another file with the same header: read by the saved mapping at once
    again, _ = one_row(INVENTORY, tmp_path / "erp2.xlsx", OTHER_NAMES, documents=1)
    _open(qtbot, win, monkeypatch, [again])
    assert [r["ok"] for r in win.imports.model.rows] == [True]


def test_cancel_saves_nothing(qtbot, win, monkeypatch, tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    _open(qtbot, win, monkeypatch, [src])
    button = win.import_view.findChild(type(win.import_view.send_button), "mapping_button")

    def cancel(dialog: MappingDialog) -> None:
        dialog.reject()

    answered = Modal(MappingDialog, cancel)
    _click(qtbot, button)
    qtbot.waitUntil(lambda: bool(answered.seen))
    assert not mappings_folder(tmp_path / "data").exists() or not list(mappings_folder(tmp_path / "data").iterdir())
    assert button.isVisible()


def test_a_known_file_offers_no_dialog(qtbot, win, monkeypatch, tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "ok.xlsx")
    _open(qtbot, win, monkeypatch, [src])
    button = win.import_view.findChild(type(win.import_view.send_button), "mapping_button")
    assert not button.isVisible()


def test_the_type_drop_down_changes_the_elements_offered(qtbot, tmp_path):
    src, _ = one_row(INVENTORY, tmp_path / "erp.xlsx", OTHER_NAMES)
    header = next(openpyxl.load_workbook(src).active.iter_rows(max_row=1, values_only=True))
    dialog = MappingDialog(Path(src), "导出数据", header, INVENTORY)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = next(iter(dialog.combos.values()))
    assert combo.count() == 1 + len(template_columns(INVENTORY))
    _choose(qtbot, dialog.type, "order")
    assert combo.count() == 1 + len(template_columns(document_type("order")))
    assert dialog.mapping().type == "order"
