"""A document's life in the window, driven offscreen through the real widgets: an inventory typed
by hand (a code picked from the drop-down, a field error that appears and goes), saved as a
draft, reopened from the query page and declared with the PIN; a sent order modified with the
differences shown before signing; a released inventory cancelled (the simulator's CEB624
arrives) and one line of another refunded. The messages written are judged by the official XSD
and must carry the values typed. Real parts: the key file signer, SQLite, the customs simulator."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from cebdesk.exchange.simulator import Customs, run_folder
from cebdesk.gui.context import AppContext
from cebdesk.gui.entry_dialogs import CancelDialog, DiffDialog, RefundDialog
from cebdesk.gui.entry_view import CodeBox, EntryWindow
from cebdesk.gui.main_window import MainWindow
from cebdesk.pipeline.workspace import Workspace
from cebdesk.settings import load_profile
from cebdesk.signing.keyfile import KeyFileSigner
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import DOCUMENT_TYPES, NS_CEB, document_type
from tests.factory import filled_template
from tests.gui.test_gui_flows import LEFT, Modal, _answer_pin, _choose, _click, _click_row, _page, _type

CTRL = Qt.KeyboardModifier.ControlModifier
NS = {"ceb": NS_CEB}
#: What a clerk's profile holds for every inventory: the enterprises and the customs office.
DEFAULTS = """
[defaults]
ebpCode = "1105910159"
ebpName = "测试电商平台"
ebcCode = "1105910159"
ebcName = "测试电商企业"
logisticsCode = "1105910159"
logisticsName = "测试物流企业"
assureCode = "1105910159"
agentCode = "1105910159"
agentName = "测试报关企业"
customsCode = "3700"
portCode = "3700"
"""


@pytest.fixture
def clerk_profile(profile_file):
    profile_file.write_text(profile_file.read_text(encoding="utf-8") + DEFAULTS, encoding="utf-8")
    return load_profile(profile_file)


@pytest.fixture
def window(qtbot, tmp_path, clerk_profile, test_keys):
    context = AppContext(
        tmp_path / "data", tmp_path / "exchange", clerk_profile, SignerOptions(key_file=test_keys["p12"])
    )
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    for entry in list(win.entry_windows):
        entry.close()


# -- acting as a clerk ---------------------------------------------------------------------------------
def _new_entry(qtbot, win) -> EntryWindow:
    """Ctrl+N in the main window: the entry window opens."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    before = list(win.entry_windows)
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(win.entry_windows) == len(before) + 1, timeout=5_000)
    entry = win.entry_windows[-1]
    qtbot.waitExposed(entry)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is entry, timeout=5_000)
    return entry


def _fill(qtbot, entry: EntryWindow, values: dict[str, str]) -> None:
    """Type each value into its field (a code field's text too)."""
    for name, value in values.items():
        editor = entry.form.editors[name]
        if isinstance(editor, CodeBox):
            _type(qtbot, editor.lineEdit(), value)
        elif hasattr(editor, "edit"):
            _type(qtbot, editor.edit, value)
        else:
            _type(qtbot, editor, value)


def _pick(qtbot, combo: CodeBox, code: str) -> None:
    """Open the drop-down with the mouse (its arrow) and click the entry of ``code``."""
    qtbot.mouseClick(combo, LEFT, pos=QPoint(combo.width() - 8, combo.height() // 2))
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=5_000)
    # a release within a double-click interval of the opening click is not taken as a choice
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    index = combo.model().index(combo.findData(code), 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5_000)


def _cell(qtbot, entry: EntryWindow, row: int, name: str, value: str, *, complete: bool = False) -> None:
    """Double-click a cell of the goods grid, type, Enter. ``complete``: the typed text is a
    search; the first match of the completer's list is taken with Down and Enter."""
    table = entry.form.lines
    column = entry.doc_type.list.names.index(name)
    index = table.model().index(row, column)
    table.scrollTo(index)
    where = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), LEFT, pos=where)
    qtbot.mouseDClick(table.viewport(), LEFT, pos=where)
    qtbot.waitUntil(lambda: table.indexWidget(index) is not None, timeout=5_000)
    editor = table.indexWidget(index)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, value)
    if complete:
        combo = editor
        popup = combo.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=5_000)
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=5_000)


def _answer(kind, answer) -> Modal:
    """Answer the next dialog of ``kind`` with ``answer``; an assertion that fails inside closes
    the dialog (the test then fails, instead of waiting on a dialog nobody answers)."""
    failures: list[BaseException] = []

    def guarded(dialog) -> None:
        try:
            answer(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test through ``failures``
            failures.append(exc)
            dialog.reject()

    modal = Modal(kind, guarded)
    modal.failures = failures
    return modal


def _tick(button) -> None:
    """Click a check box or radio button on its indicator (its middle may be empty room)."""
    QTest.mouseClick(button, LEFT, pos=QPoint(8, button.height() // 2))


def _checked(qtbot, entry: EntryWindow) -> None:
    """Wait for the checks that typing started (they run after a pause)."""
    qtbot.waitUntil(lambda: not entry.form.timer.isActive(), timeout=5_000)


def _declare(qtbot, win, entry: EntryWindow, password: str, before: Modal | None = None) -> None:
    """申报, answer the PIN dialog (after the ``before`` dialog), wait until the send is done."""
    asked = _answer_pin(password)
    with qtbot.waitSignal(win.imports.done, timeout=30_000, raising=False) as sending:
        _click(qtbot, entry.declare_button)
    if before is not None:
        assert not before.failures, before.failures
    assert sending.signal_triggered, entry.message.text()
    assert len(asked.seen) == 1


def _sent_files(win) -> list[Path]:
    return sorted(win.context.outbox().send.glob("*.xml"))


def _message(path: Path, schema) -> etree._ElementTree:
    tree = etree.parse(str(path))
    assert schema.validate(tree), schema.error_log
    return tree


def _customs(win, tmp_path) -> None:
    """Customs answers what is in send/; the window reads the receipts."""
    customs = Customs(tmp_path / "customs")
    try:
        run_folder(win.context.outbox(), customs)
    finally:
        customs.close()
    win.journal.refresh()


def _wait_status(qtbot, win, key_part: str, status: str) -> None:
    def arrived() -> bool:
        job = win.journal.job
        if job is not None and job.running:
            return False
        return any(key_part in r["key"] and r["returnStatus"] == status for r in win.journal.model.rows)

    qtbot.waitUntil(arrived, timeout=30_000)


def _select(qtbot, win, key_part: str, message_type: str | None = None) -> dict:
    """The query page (by its shortcut), searched, with the document whose number holds ``key_part``
    clicked."""
    _page(qtbot, win, "查询")
    _click(qtbot, win.query_view.search_button)
    rows = win.query.model.rows
    row = next(
        i
        for i, r in enumerate(rows)
        if key_part in r["key"] and (message_type is None or r["type"] == message_type)
    )
    _click_row(qtbot, win.query_view.table, row)
    return rows[row]


# -- the inventory typed by hand --------------------------------------------------------------------------
HEAD = {
    "orderNo": "ORD20240601A",
    "logisticsNo": "YT7788990011",
    "declTime": "20240601",
    "buyerName": "Zhang San",
    "buyerTelephone": "13800138000",
    "consigneeAddress": "Beijing Haidian Road 1",
    "freight": "0",
    "insuredFee": "0",
    "packNo": "1",
    "grossWeight": "1.25",
    "netWeight": "1",
}


def test_an_inventory_typed_by_hand_saved_reopened_and_declared(
    qtbot, window, tmp_path, test_keys, import_schema
):
    win = window
    entry = _new_entry(qtbot, win)
    assert entry.doc_type.name == "inventory"
    form = entry.form
    # the profile's defaults are there, as Excel import would fill them; the standard's too
    assert form.editors["ebpCode"].value() == "1105910159" and form.editors["currency"].value() == "142"
    # a fresh form is not all red: an empty required field is said once it was touched
    assert not any(p.isVisible() for p in form.problems.values())
    _fill(qtbot, entry, HEAD)
    # codes picked from the drop-downs (trade mode, transport) or searched (the country)
    _pick(qtbot, form.editors["tradeMode"], "9610")
    _pick(qtbot, form.editors["trafMode"], "5")
    assert form.editors["tradeMode"].currentText() == "9610 直购进口"
    _type(qtbot, form.editors["country"].lineEdit(), "116")
    popup = form.editors["country"].completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5_000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.editors["country"].value() == "116"

    # a field error appears at the field as the clerk types, and goes once it is right
    id_number = form.editors["buyerIdNumber"]
    _type(qtbot, id_number, "110101199001011230")  # the check digit is 7
    _checked(qtbot, entry)
    problem = form.problems["buyerIdNumber"]
    assert problem.isVisible() and problem.text()
    assert id_number.property("check") == "error"
    _type(qtbot, id_number, "110101199001011237")
    _checked(qtbot, entry)
    assert not problem.isVisible() and id_number.property("check") == ""

    # two goods lines: the first typed (its unit from the drop-down search), the second a copy
    line = {"gcode": "8541401000", "gname": "LED lamp", "gmodel": "10W warm", "qty": "2", "qty1": "2"}
    for name, value in line.items():
        _cell(qtbot, entry, 0, name, value)
    for name in ("country", "unit", "unit1"):
        _cell(qtbot, entry, 0, name, "116" if name == "country" else "007", complete=True)
    _cell(qtbot, entry, 0, "price", "10")
    _cell(qtbot, entry, 0, "totalPrice", "20")
    _click_row(qtbot, form.lines, 0)
    _click(qtbot, form.copy_line_button)
    assert form.lines.rowCount() == 2
    _cell(qtbot, entry, 1, "gname", "LED strip")
    _cell(qtbot, entry, 1, "price", "15")
    _cell(qtbot, entry, 1, "totalPrice", "30")
    values = form.line_values()
    assert [v["gnum"] for v in values] == ["1", "2"] and values[0]["unit"] == "007"
    _checked(qtbot, entry)
    assert form.errors() == [], [f.render() for f in form.errors()]

    # 暂存: in the journal as a draft, nothing sent
    _click(qtbot, entry.save_button)
    draft_id = entry.document_id
    with win.context.journal() as journal:
        draft = journal.document(draft_id)
    assert draft.state == "draft" and draft.head["appStatus"] == "1"
    assert draft.head["buyerName"] == "Zhang San" and len(draft.lines) == 2
    assert _sent_files(win) == []
    entry.close()

    # reopened from the query page, and declared with the PIN
    _select(qtbot, win, "ORD20240601A")
    assert win.query_view.edit_button.isEnabled()
    assert not win.query_view.cancel_button.isEnabled() and win.query_view.cancel_button.toolTip()
    _click(qtbot, win.query_view.edit_button)
    qtbot.waitUntil(lambda: len(win.entry_windows) == 1, timeout=5_000)
    reopened = win.entry_windows[0]
    assert reopened.document_id == draft_id
    assert reopened.form.editors["logisticsNo"].value() == "YT7788990011"
    _declare(qtbot, win, reopened, test_keys["password"])
    [sent] = _sent_files(win)
    tree = _message(sent, import_schema)
    head = tree.find(".//ceb:InventoryHead", NS)
    typed = {
        **HEAD,
        "tradeMode": "9610",
        "trafMode": "5",
        "country": "116",
        "buyerIdNumber": "110101199001011237",
    }
    for name, value in typed.items():
        assert head.findtext(f"ceb:{name}", namespaces=NS) == value, name
    assert head.findtext("ceb:appStatus", namespaces=NS) == "2"
    assert head.findtext("ceb:appType", namespaces=NS) == "1"
    assert head.findtext("ceb:ebpName", namespaces=NS) == "测试电商平台"
    lines = tree.findall(".//ceb:InventoryList", NS)
    assert [(x.findtext("ceb:gnum", namespaces=NS), x.findtext("ceb:gname", namespaces=NS),
             x.findtext("ceb:unit", namespaces=NS), x.findtext("ceb:totalPrice", namespaces=NS))
            for x in lines] == [("1", "LED lamp", "007", "20"), ("2", "LED strip", "007", "30")]  # fmt: skip
    with win.context.journal() as journal:
        assert journal.document(draft_id).state == "sent"


# -- a sent order modified ----------------------------------------------------------------------------------
def _sent_by_cli(win, tmp_path, test_keys, name: str, lines: int = 1) -> None:
    """A workbook imported and sent as the CLI does (the key file signer), then customs' answers."""
    workspace = Workspace(
        win.context.data_dir, exchange_dir=win.context.exchange_dir, profile=win.context.profile
    )
    path = filled_template(document_type(name), tmp_path / f"{name}.xlsx", documents=1, lines=lines)
    workspace.import_files([path])
    signer = KeyFileSigner(test_keys["p12"], password=test_keys["password"])
    workspace.send(signer, workspace.exchange())
    _customs(win, tmp_path)


def test_a_sent_order_modified_shows_its_differences_before_signing(
    qtbot, window, tmp_path, test_keys, import_schema
):
    win = window
    _sent_by_cli(win, tmp_path, test_keys, "order")
    _wait_status(qtbot, win, "K000000", "120")
    for path in _sent_files(win):  # customs took what was sent: only the modification is new
        path.unlink()
    _select(qtbot, win, "K000000")
    assert not win.query_view.edit_button.isEnabled()  # sent: not in place
    assert win.query_view.edit_button.toolTip()
    _click(qtbot, win.query_view.modify_button)
    qtbot.waitUntil(lambda: len(win.entry_windows) == 1, timeout=5_000)
    entry = win.entry_windows[0]
    assert entry.declare_button.text() == "申报变更…" and not entry.save_button.isEnabled()
    _type(qtbot, entry.form.editors["buyerName"], "Li Si")
    _type(qtbot, entry.form.editors["consigneeTelephone"], "13900139000")

    seen: dict = {}

    def read_and_sign(dialog: DiffDialog) -> None:
        table = dialog.table
        seen["rows"] = [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]
        QTest.mouseClick(dialog.sign_button, LEFT)

    diff = _answer(DiffDialog, read_and_sign)
    _declare(qtbot, win, entry, test_keys["password"], before=diff)
    assert len(diff.seen) == 1
    rows = seen["rows"]
    assert len(rows) == 2
    assert rows[0][0] == "订购人姓名 (buyerName)" and rows[0][1] == "" and rows[0][3] == "Li Si"
    assert rows[1][0].endswith("(consigneeTelephone)") and rows[1][3] == "13900139000"
    [sent] = _sent_files(win)
    head = _message(sent, import_schema).find(".//ceb:OrderHead", NS)
    assert head.findtext("ceb:appType", namespaces=NS) == "2"
    assert head.findtext("ceb:buyerName", namespaces=NS) == "Li Si"
    assert head.findtext("ceb:consigneeTelephone", namespaces=NS) == "13900139000"


def test_a_modification_refused_by_a_wrong_pin_is_sent_by_the_next_click(
    qtbot, window, tmp_path, test_keys, import_schema
):
    """A mistyped PIN: the modification is journaled and waits; 申报变更… again sends it (no
    'nothing changed'), and the failure said where it waits."""
    win = window
    _sent_by_cli(win, tmp_path, test_keys, "order")
    _wait_status(qtbot, win, "K000000", "120")
    for path in _sent_files(win):
        path.unlink()
    _select(qtbot, win, "K000000")
    _click(qtbot, win.query_view.modify_button)
    qtbot.waitUntil(lambda: len(win.entry_windows) == 1, timeout=5_000)
    entry = win.entry_windows[0]
    _type(qtbot, entry.form.editors["buyerName"], "Li Si")
    diff = _answer(DiffDialog, lambda dialog: QTest.mouseClick(dialog.sign_button, LEFT))
    with qtbot.waitSignal(win.imports.done, timeout=30_000, raising=False):
        asked = _answer_pin("not-the-password")
        _click(qtbot, entry.declare_button)
    assert len(diff.seen) == 1 and len(asked.seen) == 1
    qtbot.waitUntil(lambda: "没有发送" in entry.message.text(), timeout=30_000)
    assert "待发送" in entry.message.text() and _sent_files(win) == []
    # the query page does not let customs' 120 read as the answer to the waiting modification
    qtbot.waitUntil(
        lambda: any("上一版本的回执" in (r.get("meaning") or "") for r in win.query.model.rows), timeout=10_000
    )
    _declare(qtbot, win, entry, test_keys["password"])  # no difference dialog: it is journaled
    assert "没有改动" not in entry.message.text()
    assert "待发送" not in entry.state.text()  # the title follows the journal
    [sent] = _sent_files(win)
    head = _message(sent, import_schema).find(".//ceb:OrderHead", NS)
    assert head.findtext("ceb:appType", namespaces=NS) == "2" and head.findtext("ceb:buyerName", namespaces=NS) == "Li Si"


# -- cancel and refund of released inventories -----------------------------------------------------------------
def _released(qtbot, win, tmp_path, test_keys, lines: int = 1) -> dict:
    """An inventory sent and released by customs (800), selected on the query page."""
    _sent_by_cli(win, tmp_path, test_keys, "inventory", lines=lines)
    _wait_status(qtbot, win, "K000000", "800")
    for path in _sent_files(win):  # customs took what was sent
        path.unlink()
    return _select(qtbot, win, "K000000", "CEB621Message")


def test_a_released_inventory_cancelled_with_a_reason_and_customs_answers(
    qtbot, window, tmp_path, test_keys, import_schema
):
    win = window
    row = _released(qtbot, win, tmp_path, test_keys)
    invt_no = row["numbers"]["invtNo"]
    view = win.query_view
    assert view.cancel_button.isEnabled() and view.refund_button.isEnabled()
    assert not view.modify_button.isEnabled() and "撤销" in view.modify_button.toolTip()

    def give_reason(dialog: CancelDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no reason, no cancellation
        QTest.keyClicks(dialog.reason, "Buyer cancelled the order")
        assert ok.isEnabled()
        QTest.mouseClick(ok, LEFT)

    reason = _answer(CancelDialog, give_reason)
    asked = _answer_pin(test_keys["password"])
    with qtbot.waitSignal(win.imports.done, timeout=30_000, raising=False) as sending:
        _click(qtbot, view.cancel_button)
    assert not reason.failures, reason.failures
    assert sending.signal_triggered
    assert len(reason.seen) == 1 and len(asked.seen) == 1
    [sent] = _sent_files(win)
    cancel = _message(sent, import_schema).find(".//ceb:InvtCancel", NS)
    assert cancel.findtext("ceb:invtNo", namespaces=NS) == invt_no
    assert cancel.findtext("ceb:reason", namespaces=NS) == "Buyer cancelled the order"
    _customs(win, tmp_path)
    _wait_status(qtbot, win, invt_no, "399")  # the cancellation's CEB624: 审结
    cancelled = _select(qtbot, win, invt_no, "CEB623Message")
    assert view.receipts.count() >= 1
    with win.context.journal() as journal:
        receipts = journal.receipts_for(cancelled["id"])
    assert {r["message_type"] for r in receipts} == {"CEB624Message"}
    inventory = _select(qtbot, win, "K000000", "CEB621Message")
    assert "已撤销" in inventory["meaning"]
    assert not view.cancel_button.isEnabled()  # once is enough: the reason is said
    assert view.cancel_button.toolTip()


def test_one_line_of_a_released_inventory_refunded(qtbot, window, tmp_path, test_keys, import_schema):
    win = window
    _released(qtbot, win, tmp_path, test_keys, lines=2)
    view = win.query_view

    def one_line(dialog: RefundDialog) -> None:
        assert dialog.all_lines.isChecked() and not dialog.table.isEnabled()  # default: every line
        _tick(dialog.some_lines)
        _tick(dialog.ticks[1])  # line 2 stays
        assert not dialog.ticks[1].isChecked() and not dialog.quantities[1].isEnabled()
        dialog.quantities[0].setFocus()
        QTest.keyClick(dialog.quantities[0], Qt.Key.Key_A, CTRL)
        QTest.keyClicks(dialog.quantities[0], "0.5")
        QTest.keyClicks(dialog.reason, "Damaged in transit")
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)

    chosen = _answer(RefundDialog, one_line)
    asked = _answer_pin(test_keys["password"])
    with qtbot.waitSignal(win.imports.done, timeout=30_000, raising=False) as sending:
        _click(qtbot, view.refund_button)
    assert not chosen.failures, chosen.failures
    assert sending.signal_triggered
    assert len(chosen.seen) == 1 and len(asked.seen) == 1
    [sent] = _sent_files(win)
    tree = _message(sent, import_schema)
    assert (
        tree.find(".//ceb:InvtRefundHead", NS).findtext("ceb:reason", namespaces=NS) == "Damaged in transit"
    )
    [line] = tree.findall(".//ceb:InvtRefundList", NS)
    assert (
        line.findtext("ceb:gnum", namespaces=NS) == "1" and line.findtext("ceb:qty", namespaces=NS) == "0.5"
    )


# -- every document type ----------------------------------------------------------------------------------------
def _typed_values(doc_type) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Valid values for every field of a type (the test factory's), as a clerk would type them."""
    from tests.factory import document_rows
    from cebdesk.excel.columns import template_columns

    columns = template_columns(doc_type)
    rows = document_rows(doc_type, 7, lines=2)
    head = {
        c.name: str(rows[0][c.header]) for c in columns if not c.in_list and rows[0].get(c.header) is not None
    }
    lines = [
        {c.name: str(row[c.header]) for c in columns if c.in_list and row.get(c.header) is not None} for row in rows
    ] if doc_type.list is not None else []  # fmt: skip
    return head, lines


@pytest.mark.parametrize("name", [dt.name for dt in DOCUMENT_TYPES])
def test_every_type_has_its_form_and_what_is_typed_is_declared_exactly(
    qtbot, tmp_path, clerk_profile, test_keys, schema_for, name
):
    """The form is made from spec/ for every type (no field left out, codes as drop-downs);
    values put into its widgets pass its checks, are declared by the application and come out
    in an XSD-valid message unchanged."""
    doc_type = document_type(name)
    context = AppContext(tmp_path / "data", tmp_path / "exchange", clerk_profile, SignerOptions())
    entry = EntryWindow(context, doc_type=doc_type)
    qtbot.addWidget(entry)
    form = entry.form
    shown = {
        f.name
        for f in doc_type.head.fields
        if f.name not in ("guid", "appType", "appStatus", "appTime", "msgCount", "msgSeqNo")
    }
    assert set(form.editors) == shown
    for field in doc_type.head.fields:
        if field.name in form.editors and field.codes is not None:
            box = form.editors[field.name]
            assert isinstance(box, CodeBox) and box.count() == len(field.codes.codes) + 1
    head, lines = _typed_values(doc_type)
    for name_, editor in form.editors.items():
        editor.set_value(head.get(name_, ""))
    if form.lines is not None:
        while form.lines.rowCount() < len(lines):
            form.add_line()
        names = doc_type.list.names
        for r, line in enumerate(lines):
            for c, element in enumerate(names):
                if element != "gnum":  # numbered by the form
                    form.lines.item(r, c).setData(Qt.ItemDataRole.EditRole, line.get(element, ""))
    assert form.run_checks() is not None
    assert form.errors() == [], [f.render() for f in form.errors()]
    typed_head, typed_lines = form.head(), form.line_values()
    workspace = context.workspace()
    document_id = workspace.declare_entered(name, typed_head, typed_lines)
    workspace.send(KeyFileSigner(test_keys["p12"], password=test_keys["password"]), workspace.exchange())
    [sent] = sorted(context.outbox().send.glob("*.xml"))
    tree = _message(sent, schema_for(doc_type))
    node = tree.find(f".//ceb:{doc_type.head.name}", NS)
    for element, value in typed_head.items():
        assert node.findtext(f"ceb:{element}", namespaces=NS) == value, element
    if doc_type.list is not None:
        found = tree.findall(f".//ceb:{doc_type.list.name}", NS)
        assert [
            {e: x.findtext(f"ceb:{e}", namespaces=NS) for e in line}
            for x, line in zip(found, typed_lines, strict=True)
        ] == typed_lines
    with context.journal() as journal:
        assert journal.document(document_id).state == "sent"


def test_goods_lines_added_copied_moved_and_deleted_keep_their_numbers_in_order(
    qtbot, tmp_path, clerk_profile
):
    context = AppContext(tmp_path / "data", tmp_path / "exchange", clerk_profile, SignerOptions())
    entry = EntryWindow(context, doc_type=document_type("order"))
    qtbot.addWidget(entry)
    entry.show()
    qtbot.waitExposed(entry)
    form = entry.form
    _cell(qtbot, entry, 0, "itemName", "first")
    _click(qtbot, form.add_line_button)
    _cell(qtbot, entry, 1, "itemName", "second")
    _click_row(qtbot, form.lines, 0)
    _click(qtbot, form.copy_line_button)  # a copy below the first
    names = lambda: [(v["gnum"], v.get("itemName")) for v in form.line_values()]  # noqa: E731
    assert names() == [("1", "first"), ("2", "first"), ("3", "second")]
    assert form.line_values()[1]["currency"] == "142"  # the line's defaults came along
    _click_row(qtbot, form.lines, 2)
    _click(qtbot, form.up_button)
    assert names() == [("1", "first"), ("2", "second"), ("3", "first")]
    assert not form.down_button.isEnabled() or form.lines.currentRow() != 2
    _click_row(qtbot, form.lines, 0)
    assert not form.up_button.isEnabled()
    _click(qtbot, form.down_button)
    assert names() == [("1", "second"), ("2", "first"), ("3", "first")]
    _click(qtbot, form.delete_line_button)
    assert names() == [("1", "second"), ("2", "first")]
    # another type chosen for a new document: its own form
    _choose(qtbot, entry.type, "export-order")
    assert entry.doc_type.name == "export-order" and "orderType" in entry.form.editors


@pytest.mark.parametrize(
    ("name", "element", "group"),
    [
        ("order", "freight", "amounts"),
        ("order", "acturalPaid", "amounts"),
        ("order", "currency", "amounts"),
        ("inventory", "grossWeight", "transport"),
        ("logistics", "weight", "transport"),
        ("inventory", "trafMode", "transport"),
        ("inventory", "buyerIdNumber", "people"),
        ("inventory", "agentCode", "enterprise"),
        ("inventory", "orderNo", "document"),
        ("inventory-cancel", "reason", "other"),
        ("export-inventory", "fCurrency", "amounts"),
        ("export-logistics", "ebcTelephone", "enterprise"),
    ],
)
def test_head_fields_are_grouped_by_what_they_are(name, element, group):
    from cebdesk.gui.entry_view import group_of

    assert group_of(document_type(name).head[element]) == group


def test_an_empty_amount_does_not_look_like_a_typed_zero(qtbot, tmp_path, clerk_profile):
    """An empty amount field shows a hint in words, not "0.00000" (which reads as a value typed)."""
    context = AppContext(tmp_path / "data", tmp_path / "exchange", clerk_profile, SignerOptions())
    entry = EntryWindow(context, doc_type=document_type("order"))
    qtbot.addWidget(entry)
    for name in ("freight", "discount", "taxTotal", "goodsValue"):
        editor = entry.form.editors[name]
        assert editor.text() == "" and not any(c.isdigit() for c in editor.placeholderText().replace("5", ""))
        assert "5" in editor.placeholderText()  # the standard's decimals, said


def test_resending_waits_for_a_selected_document(qtbot, window, tmp_path, test_keys):
    win = window
    _page(qtbot, win, "查询")
    view = win.query_view
    assert not view.resend_button.isEnabled() and view.resend_button.toolTip() == "先在表中选择单证"
    _sent_by_cli(win, tmp_path, test_keys, "order")
    _wait_status(qtbot, win, "K000000", "120")
    _select(qtbot, win, "K000000")
    assert view.resend_button.isEnabled() and "变更…" in view.resend_button.toolTip()
