"""The import page shows the cross-document findings and the buyer limits like the others,
naming the partner document, before anything is signed (real widgets, real journal)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cebdesk.gui.context import AppContext
from cebdesk.gui.models import ROW_ROLE
from cebdesk.pipeline.workspace import Workspace
from tests.cross.docs import rows, workbook
from tests.gui.test_gui_flows import _double_click_item, _open, _token, _window


def test_the_import_page_shows_a_mismatch_with_the_order_and_the_partners_missing(
    qtbot, tmp_path, profile, softhsm, monkeypatch
):
    data = tmp_path / "data"
    workspace = Workspace(data, profile=profile)
    assert workspace.import_files([workbook("order", tmp_path / "order.xlsx")], reference=True).new == 1
    window = _window(qtbot, AppContext(data, tmp_path / "exchange", profile, _token(softhsm)))
    spoiled = workbook("inventory", tmp_path / "inventory.xlsx", rows("inventory", head={"buyerName": "李四"}))
    _open(qtbot, window, monkeypatch, [spoiled])
    assert window.imports.model.rows[0]["state"] == "有错误"
    findings = window.import_view.findings
    texts = [findings.item(i).text() for i in range(findings.count())]
    mismatch = next(i for i, t in enumerate(texts) if "订购人姓名 (buyerName)" in t)
    assert "电子订单 ORD2024001/3301960001（日志 #1）" in texts[mismatch] and "李四" in texts[mismatch]
    assert findings.item(mismatch).foreground().color() == Qt.GlobalColor.darkRed
    notes = [i for i, t in enumerate(texts) if "提示" in t and "未能核对" in t]
    assert len(notes) == 2  # the payment and the waybill are not in the journal
    assert findings.item(notes[0]).foreground().color() == Qt.GlobalColor.darkGray
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        _double_click_item(qtbot, findings, findings.item(mismatch))
    detail = window.import_view.detail.text()
    assert "电子订单 ORD2024001/3301960001" in detail and "buyerName" in detail
    assert not window.import_view.send_button.isEnabled()  # nothing that may be sent


def test_a_finding_opens_its_partner_document_on_the_query_page(qtbot, tmp_path, profile, softhsm, monkeypatch):
    """The order an inventory disagrees with is one click away: the finding's button opens it
    on the query page, selected, its values shown; a finding without a partner in the journal
    offers none."""
    data = tmp_path / "data"
    workspace = Workspace(data, profile=profile)
    for n in (1, 2):  # another order first: the one named is not simply the first row
        order = workbook("order", tmp_path / f"order{n}.xlsx", rows("order", n=n - 1))
        assert workspace.import_files([order], reference=True).new == 1
    window = _window(qtbot, AppContext(data, tmp_path / "exchange", profile, _token(softhsm)))
    spoiled = workbook("inventory", tmp_path / "inventory.xlsx", rows("inventory", n=1, head={"buyerName": "李四"}))
    _open(qtbot, window, monkeypatch, [spoiled])
    findings, button = window.import_view.findings, window.import_view.partner_button
    texts = [findings.item(i).text() for i in range(findings.count())]
    note = next(i for i, t in enumerate(texts) if "未能核对" in t)
    qtbot.mouseClick(findings.viewport(), Qt.MouseButton.LeftButton, pos=findings.visualItemRect(findings.item(note)).center())
    assert not button.isVisible()  # the payment is not in the journal: nothing to open
    mismatch = next(i for i, t in enumerate(texts) if "订购人姓名 (buyerName)" in t)
    qtbot.mouseClick(findings.viewport(), Qt.MouseButton.LeftButton, pos=findings.visualItemRect(findings.item(mismatch)).center())
    assert button.isVisible() and "电子订单 ORD2024001-1/3301960001" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.query_view
    query = window.query
    row = query.model.data(window.query_view.table.currentIndex(), ROW_ROLE)
    assert row["id"] == 2 and row["key"] == "ORD2024001-1/3301960001"
    assert row["state"] == "仅供核对"  # someone else's: not 待发送, never the raw state name
    assert not window.query_view.action_buttons["modify"].isEnabled()
    assert len(query.model.rows) == 1
    head = window.query_view.head
    cells = [head.item(r, c).text() for r in range(head.rowCount()) for c in range(head.columnCount()) if head.item(r, c)]
    assert "buyerName" in cells and "张三" in cells
