"""Cancel and refund of import inventories and export lists, end to end with the simulator;
each refusal; the messages XSD-valid and exactly the journal's values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from cebdesk.exchange.simulator import customs_dir
from cebdesk.messages.build import build_message, indent, serialize
from cebdesk.pipeline.lifecycle import LifecycleError
from cebdesk.records import Document, XmlOrigin, new_guid
from cebdesk.signing.xmldsig import sign_message
from cebdesk.spec import message_type
from tests.exchange.exportdocs import TRANSFER
from tests.lifecycle.conftest import business_nodes

CANCEL = {"inventory": ("CEB623Message", "InvtCancel", "CEB624Message", "399")}
CANCEL["export-inventory"] = ("CEB605Message", "InvtCancel", "CEB606Message", "399")
REFUND = {
    "inventory": ("CEB625Message", "CEB626Message", "399"),
    "export-inventory": ("CEB213Message", "CEB214Message", "800"),
}
#: An export return request needs what an export list may lack (trafName, voyageNo are optional there).
EXPORT_WAY_BACK = {"trafName": "CA1234", "voyageNo": "V001"}


def _row(desk, document_id):
    with desk.workspace.journal() as journal:
        return journal.document(document_id), journal.customs_numbers([document_id]).get(document_id, {})


def _sent_root(desk, name):
    return etree.parse(str(desk.sent_file(name)))


@pytest.mark.parametrize("kind", ["inventory", "export-inventory"])
def test_cancel_a_released_inventory_end_to_end(desk, schema_for, kind):
    code, entity, receipt, final = CANCEL[kind]
    inventory = desk.released(kind)
    row, numbers = _row(desk, inventory)
    cancel_id = desk.workspace.cancel(inventory, "消费者取消订单")
    [name] = desk.send()
    assert name.startswith(code)
    tree = _sent_root(desk, name)
    schema = schema_for(message_type(code))
    assert schema.validate(tree), schema.error_log
    [sent] = business_nodes(desk.sent_file(name), entity)
    assert sent["invtNo"] == numbers["invtNo"] and sent["copNo"] == row.head["copNo"]
    assert sent["reason"] == "消费者取消订单" and sent["appType"] == "1" and sent["appStatus"] == "2"
    for element in message_type(code).head.names:
        if element not in ("guid", "appType", "appTime", "appStatus", "invtNo", "reason", "preNo", "note"):
            assert sent[element] == row.head[element], element  # the inventory's values, exactly
    cancel = desk.status(cancel_id)
    assert cancel.return_status == final and {r.receipt for r in cancel.history} == {receipt}
    inventory_status = desk.status(inventory)
    [follow] = inventory_status.follow_ups
    assert (follow.kind, follow.document_id, follow.text("zh"), follow.text("en")) == (
        "cancel",
        cancel_id,
        "已撤销",
        "cancelled",
    )
    assert inventory_status.to_json()["followUps"][0]["text"] == "已撤销"
    assert not desk.workspace.can(inventory).allowed("cancel")
    assert "撤销" in desk.workspace.can(inventory).why("cancel") and "refund" not in desk.workspace.can(
        inventory
    ).why("refund")


@pytest.mark.parametrize("kind", ["inventory", "export-inventory"])
def test_refund_one_line_end_to_end(desk, schema_for, kind):
    code, receipt, final = REFUND[kind]
    inventory = desk.released(kind, lines=2)
    row, numbers = _row(desk, inventory)
    extra = EXPORT_WAY_BACK if kind == "export-inventory" else None
    refund_id = desk.workspace.refund(inventory, "七天无理由退货", {2: "0.5"}, head=extra)
    [name] = desk.send()
    tree = _sent_root(desk, name)
    schema = schema_for(message_type(code))
    assert schema.validate(tree), schema.error_log
    [head] = business_nodes(desk.sent_file(name), "InvtRefundHead")
    [line] = business_nodes(desk.sent_file(name), "InvtRefundList")
    assert head["invtNo"] == numbers["invtNo"] and head["reason"] == "七天无理由退货"
    assert line["gnum"] == "2" and line["qty"] == "0.5"
    original = row.lines[1]
    assert (
        line["gcode"] == original["gcode"]
        and line["gname"] == original["gname"]
        and line["unit"] == original["unit"]
    )
    if kind == "export-inventory":
        assert (
            head["ieFlag"] == "I"
            and head["trafName"] == "CA1234"
            and head["billNo"] == row.head["logisticsNo"]
        )
        assert Decimal(line["qty1"]) == Decimal(original["qty1"]) / 2
        assert head["coElNo"] == f"CEBD{refund_id:016d}"
    else:
        assert head["copNo"] == row.head["copNo"] and head["orderNo"] == row.head["orderNo"]
    refund = desk.status(refund_id)
    assert refund.return_status == final and {r.receipt for r in refund.history} == {receipt}
    [follow] = desk.status(inventory).follow_ups
    assert follow.kind == "refund" and follow.text("zh") == "已退货"


def test_refund_all_lines_by_default(desk):
    inventory = desk.released(lines=3)
    row, _ = _row(desk, inventory)
    refund_id = desk.workspace.refund(inventory, "退货")
    with desk.workspace.journal() as journal:
        lines = journal.document(refund_id).lines
    assert [(x["gnum"], x["qty"]) for x in lines] == [(x["gnum"], x["qty"]) for x in row.lines]


def test_an_export_refund_without_the_way_back_names_what_is_missing(desk):
    inventory = desk.released("export-inventory")
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.refund(inventory, "退货")
    assert refused.value.reason == "findings"
    assert {f.element for f in refused.value.findings if f.is_error} >= {"trafName", "voyageNo"}
    assert desk.workspace.status() and len(desk.workspace.status()) == 1  # nothing journaled


# -- refusals ------------------------------------------------------------------------------------------
def _not_sent(desk):
    head, lines = desk.entered("inventory")
    return desk.workspace.declare_entered("inventory", head, lines)


def _sent_unanswered(desk):
    document_id = _not_sent(desk)
    desk.workspace.send(desk.signer)
    return document_id


def _refused(desk):
    from tests.lifecycle.test_entry import _refuse_by_customs

    document_id = _sent_unanswered(desk)
    _refuse_by_customs(desk, document_id)
    return document_id


def _cancelled(desk):
    document_id = desk.released()
    desk.workspace.cancel(document_id, "取消")
    return document_id


def _cancel_waiting(desk):
    document_id = desk.released()
    desk.workspace.cancel(document_id, "取消")  # journaled, not sent yet
    return document_id


def _an_order(desk):
    head, lines = desk.entered("order")
    document_id = desk.workspace.declare_entered("order", head, lines)
    desk.send()
    return document_id


@pytest.mark.parametrize("action", ["cancel", "refund"])
@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_not_sent, "no_invt_no"),
        (_sent_unanswered, "no_invt_no"),
        (_refused, "refused"),
        (_cancel_waiting, "cancelled"),
        (_an_order, "not_inventory"),
    ],
)
def test_cancel_and_refund_are_refused_with_a_reason(desk, action, make, reason):
    document_id = make(desk)
    before = len(desk.workspace.status())
    with pytest.raises(LifecycleError) as refused:
        getattr(desk.workspace, action)(document_id, "理由")
    assert refused.value.reason == reason
    assert refused.value.zh and refused.value.en and refused.value.zh != refused.value.en
    assert len(desk.workspace.status()) == before  # nothing journaled
    assert desk.workspace.can(document_id).why(action, "en") == refused.value.text("en")


def test_a_second_cancellation_is_refused_once_customs_accepted_the_first(desk):
    document_id = _cancelled(desk)
    desk.send()
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.cancel(document_id, "again")
    assert refused.value.reason == "cancelled" and "399" in refused.value.text("zh")


def test_a_second_refund_is_refused(desk):
    document_id = desk.released()
    desk.workspace.refund(document_id, "退货", {1: None})
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.refund(document_id, "退货", {2: None})
    assert refused.value.reason == "refunded"


@pytest.mark.parametrize("action", ["cancel", "refund"])
@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_reason_is_required(desk, action, reason):
    document_id = desk.released()
    with pytest.raises(LifecycleError) as refused:
        getattr(desk.workspace, action)(document_id, reason)
    assert refused.value.reason == "reason_required"


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        ({9: "1"}, "bad_line"),
        ({"x": "1"}, "bad_line"),
        ({1: "0"}, "bad_qty"),
        ({1: "-1"}, "bad_qty"),
        ({1: "abc"}, "bad_qty"),
        ({1: "NaN"}, "bad_qty"),
        ({1: "1.00001"}, "qty_above"),  # the line declares 1
        ({}, "no_lines"),
    ],
)
def test_refund_lines_are_checked_against_the_inventory(desk, lines, reason):
    document_id = desk.released(lines=2)
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.refund(document_id, "退货", lines)
    assert refused.value.reason == reason


def test_a_cancellation_customs_refused_is_declared_again(desk):
    inventory = desk.released()
    cancel_id = desk.workspace.cancel(inventory, "取消")
    desk.workspace.send(desk.signer)
    for sent in desk.workspace.outbox().send.iterdir():  # customs answers it with a refusal below
        sent.unlink()
    row, numbers = _row(desk, cancel_id)
    mt = message_type("CEB624Message")
    values = {
        "guid": new_guid(), "copNo": row.head["copNo"], "preNo": "B20240102000000009", "invtNo": row.head["invtNo"],
        "returnStatus": "-623005", "returnTime": "20240102030405123", "returnInfo": "清单的状态不符合撤单申报要求",
    }  # fmt: skip
    root = build_message(mt, [Document(mt, values, [], XmlOrigin("customs", "/"))])
    indent(root)
    (desk.workspace.outbox().receive / "CEB624_refused.xml").write_bytes(serialize(root))
    desk.workspace.receive()
    assert desk.status(cancel_id).return_status == "-623005"
    [follow] = desk.status(inventory).follow_ups
    assert follow.refused and "被拒" in follow.text("zh")
    assert desk.workspace.cancel(inventory, "再次申请") == cancel_id  # the same document, its next version
    desk.send()
    assert desk.status(cancel_id).return_status == "399"
    assert [v.kind for v in desk.workspace.versions(cancel_id)] == ["declared", "redeclared"]


def test_cancel_by_number(desk):
    inventory = desk.released()
    row, numbers = _row(desk, inventory)
    for key in (numbers["invtNo"], row.head["copNo"], row.head["orderNo"], row.business_key):
        with desk.workspace.journal() as journal:
            from cebdesk.pipeline.lifecycle import find_inventory

            assert find_inventory(journal, key).id == inventory
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.cancel("NO-SUCH-NUMBER", "取消")
    assert refused.value.reason == "key_not_found"


# -- the simulator judges like customs ---------------------------------------------------------------------
def _declare(desk, code: str, head: dict, lines: list[dict]) -> list[tuple[str, str]]:
    mt = message_type(code)
    root = build_message(mt, [Document(mt, head, lines, XmlOrigin("test", "/"))], base_transfer=TRANSFER)
    indent(root)
    sign_message(root, desk.signer)
    receipts = desk.customs.take(serialize(root), f"{code}.xml")
    found = []
    for _name, data in receipts:
        tree = etree.fromstring(data)
        for status in tree.iter("{http://www.chinaport.gov.cn/ceb}returnStatus"):
            info = status.getparent().find("{http://www.chinaport.gov.cn/ceb}returnInfo")
            found.append((status.text, info.text))
    return found


@pytest.mark.parametrize(
    ("case", "status", "words"),
    [
        ("unknown", "-623003", "不存在"),
        ("twice", "-623009", "已存在"),
        ("refunded", "-623005", "退货"),
    ],
)
def test_the_simulator_refuses_cancellations_like_customs(desk, case, status, words):
    inventory = desk.released()
    cancel_id = desk.workspace.cancel(inventory, "取消")
    with desk.workspace.journal() as journal:
        head = dict(journal.document(cancel_id).head)
    if case == "unknown":
        head["invtNo"] = "370020249999999999"
    elif case == "twice":
        desk.send()
        head["guid"] = new_guid()
    else:  # customs accepted a return request of one line before
        desk.customs.db.execute("INSERT INTO refunded VALUES (?, 1, '1')", (head["invtNo"],))
    answers = _declare(desk, "CEB623Message", head, [])
    assert answers[-1][0] == status and words in answers[-1][1]


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"invtNo": "370020249999999999"}, "-625003", "不存在"),
        ({"gnum": "7"}, "-625209", "未找到表体序号"),
        ({"qty": "1.5"}, "-625010", "超过"),
    ],
)
def test_the_simulator_refuses_refunds_like_customs(desk, change, status, words):
    inventory = desk.released(lines=2)
    refund_id = desk.workspace.refund(inventory, "退货", {1: None})
    with desk.workspace.journal() as journal:
        row = journal.document(refund_id)
    head, lines = dict(row.head), [dict(x) for x in row.lines]
    if "invtNo" in change:
        head.update(change)
    else:
        lines[0].update(change)
    answers = _declare(desk, "CEB625Message", head, lines)
    assert answers[-1][0] == status and words in answers[-1][1]


def test_the_simulator_refuses_a_cancellation_of_a_cancelled_export_list(desk):
    inventory = desk.released("export-inventory")
    desk.workspace.cancel(inventory, "取消")
    desk.send()
    invt_no = _row(desk, inventory)[1]["invtNo"]
    state = desk.customs.db.execute("SELECT state FROM inventories WHERE invt_no=?", (invt_no,)).fetchone()[0]
    assert state == "cancelled"
    assert list(customs_dir(desk.workspace.outbox()).iterdir())
