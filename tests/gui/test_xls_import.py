"""An .xls chosen through the real 打开文件 button is read like an .xlsx."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import MainWindow
from cebdesk.spec import document_type
from tests.excel.test_xls import write_xls
from tests.factory import document_rows


def test_the_open_dialog_offers_xls_and_the_page_reads_it(qtbot, tmp_path, profile, monkeypatch):
    order = document_type("order")
    rows = document_rows(order, 0, 2) + document_rows(order, 1, 1)
    rows[2]["OrderList.unit" if "OrderList.unit" in rows[2] else "unit"] = "瓶子"
    path = write_xls(order, rows, tmp_path / "erp-export.xls")
    asked = {}

    def choose(parent, caption, directory, filters, *args, **kwargs):
        asked["filters"] = filters
        return [str(path)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    window = MainWindow(AppContext(tmp_path / "data", tmp_path / "exchange", profile))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        qtbot.mouseClick(window.import_view.open_button, Qt.MouseButton.LeftButton)
    assert "*.xls" in asked["filters"].replace("*.xlsx", "")
    model = window.imports.model
    assert [model.rows[i]["state"] for i in range(model.rowCount())] == ["可发送", "有错误"]
    findings = [window.import_view.findings.item(i).text() for i in range(window.import_view.findings.count())]
    assert any("瓶子" in f and "142 瓶" in f for f in findings), findings
