"""三单对碰: an import inventory against the order, payment and waybill in the journal (real
SQLite, real workbooks), each value disagreeing in turn; partners missing; strict mode; the
documents kept for checking only."""

from __future__ import annotations

import json

import pytest

from cebdesk.checks.identity import check_digit
from cebdesk.cli import main
from cebdesk.findings import Severity
from cebdesk.pipeline.lifecycle import LifecycleError
from tests.cross.conftest import make_workspace
from tests.cross.docs import GOODS, rows, workbook

OTHER_ID = "11010119850505123" + check_digit("11010119850505123")


def _partners(ws, tmp_path, *, order=None, payment=None, logistics=None, skip=()):
    """The order journaled as ours, the payment and waybill as references (someone else's)."""
    for kind, spoiled in (("order", order), ("payment", payment), ("logistics", logistics)):
        if kind in skip:
            continue
        path = workbook(kind, tmp_path / f"{kind}.xlsx", spoiled or rows(kind))
        report = ws.import_files([path], reference=kind != "order")
        assert report.new == 1 and not report.errors, [f.render() for f in report.findings]


def _errors(report):
    return sorted((f.rule, f.element or "", f.params.get("partner_doc", "")) for f in report.findings if f.is_error)


def test_documents_that_agree_pass(ws, tmp_path):
    _partners(ws, tmp_path)
    report = ws.check_files([workbook("inventory", tmp_path / "inv.xlsx")])
    assert report.exit_code == 0 and report.findings == []


#: (what is spoiled, head changes, line changes) -> (rule, element, partner document) found
INVENTORY_CASES = [
    ("buyer name", {"buyerName": "李四"}, {}, [("cross.differs", "buyerName", "支付凭证"), ("cross.differs", "buyerName", "电子订单")]),
    ("buyer ID", {"buyerIdNumber": OTHER_ID}, {}, [("cross.differs", "buyerIdNumber", "支付凭证"), ("cross.differs", "buyerIdNumber", "电子订单")]),
    ("platform", {"ebpCode": "3301960099"}, {}, [("cross.differs", "ebpCode", "支付凭证"), ("cross.differs", "ebpCode", "电子订单")]),
    ("e-commerce enterprise", {"ebcCode": "3301960099"}, {}, [("cross.differs", "ebcCode", "电子订单")]),
    ("waybill number", {"logisticsNo": "YT0000000"}, {}, [("cross.differs", "logisticsNo", "物流运单")]),
    ("logistics company", {"logisticsCode": "3301980099"}, {}, [("cross.differs", "logisticsCode", "物流运单")]),
    ("freight", {"freight": "12"}, {}, [("cross.differs", "freight", "物流运单"), ("cross.differs", "freight", "电子订单")]),
    ("insured fee", {"insuredFee": "3"}, {}, [("cross.differs", "insuredFee", "物流运单")]),
    ("goods value", {}, {0: {"totalPrice": "199"}}, [("cross.goods_value", "totalPrice", "电子订单")]),
    ("item number", {}, {1: {"itemNo": "SKU-X"}}, [("cross.line_differs", "itemNo", "电子订单")]),
    ("quantity", {}, {0: {"qty": "3"}}, [("cross.line_differs", "qty", "电子订单")]),
    ("a line the order lacks", {}, {}, [("cross.line_extra", "", "电子订单")]),
]  # fmt: skip
GIFT = ("SKU-Z", "赠品奶瓶", "1", "0")  # a line worth nothing: only the lines disagree


@pytest.mark.parametrize("what,head,lines,expected", INVENTORY_CASES, ids=[c[0] for c in INVENTORY_CASES])
def test_each_inventory_value_disagreeing(ws, tmp_path, what, head, lines, expected):
    _partners(ws, tmp_path)
    goods = (*GOODS, GIFT) if what == "a line the order lacks" else GOODS
    spoiled = rows("inventory", head=head, lines=lines, goods=goods)
    report = ws.check_files([workbook("inventory", tmp_path / "inv.xlsx", spoiled)])
    assert _errors(report) == sorted(expected)
    assert report.exit_code == 1
    finding = next(f for f in report.findings if f.is_error)
    # both documents and both values named, in both languages
    text_zh, text_en = finding.render("zh"), finding.render("en")
    assert "（日志 #" in text_zh and "(journal #" in text_en
    assert finding.to_json()["partner"]["id"] is not None


def test_an_order_line_the_inventory_lacks(ws, tmp_path):
    _partners(ws, tmp_path, order=rows("order", goods=(*GOODS, GIFT)))
    report = ws.check_files([workbook("inventory", tmp_path / "inv.xlsx")])
    assert _errors(report) == [("cross.line_missing", "", "电子订单")]
    assert "赠品奶瓶" in report.findings[0].render()


def test_item_name_disagreeing_without_item_numbers(ws, tmp_path):
    order = rows("order", lines={0: {"itemNo": None}, 1: {"itemNo": None}})
    _partners(ws, tmp_path, order=order)
    spoiled = rows("inventory", lines={0: {"itemNo": None, "itemName": None, "gname": "奶粉罐"}, 1: {"itemNo": None}})
    report = ws.check_files([workbook("inventory", tmp_path / "inv.xlsx", spoiled)])
    assert _errors(report) == [("cross.line_differs", "gname", "电子订单")]
    assert "婴儿奶粉" in report.findings[0].render() and "奶粉罐" in report.findings[0].render()


#: a partner's value spoiled -> (rule, element, partner document)
PARTNER_CASES = [
    ("payment amount", {"payment": rows("payment", head={"amountPaid": "259"})}, [("cross.paid", "", "支付凭证")]),
    ("payer", {"payment": rows("payment", head={"payerName": "王五"})}, [("cross.differs", "buyerName", "支付凭证")]),
    ("order's paid sum", {"order": rows("order", head={"acturalPaid": "261"})},
     [("cross.order_sum", "", "电子订单"), ("cross.paid", "", "支付凭证")]),
    ("waybill's order", {"logistics": rows("logistics", head={"orderNo": "ORD-OTHER"})}, [("cross.differs", "orderNo", "物流运单")]),
]  # fmt: skip


@pytest.mark.parametrize("what,partners,expected", PARTNER_CASES, ids=[c[0] for c in PARTNER_CASES])
def test_each_partner_value_disagreeing(ws, tmp_path, what, partners, expected):
    _partners(ws, tmp_path, **partners)
    report = ws.check_files([workbook("inventory", tmp_path / "inv.xlsx")])
    assert _errors(report) == sorted(expected)


@pytest.mark.parametrize("missing", ["order", "payment", "logistics"])
@pytest.mark.parametrize("strict", [False, True])
def test_a_partner_missing_is_a_note_or_in_strict_mode_an_error(tmp_path, missing, strict):
    ws = make_workspace(tmp_path / "ws", '[checks]\nstrict = "true"\n' if strict else "")
    _partners(ws, tmp_path, skip=(missing,))
    report = ws.check_files([workbook("inventory", tmp_path / "inv.xlsx")])
    found = [f for f in report.findings if f.rule == "cross.partner_missing"]
    assert len(found) == 1 and found[0].params["kind"] == ("waybill" if missing == "logistics" else missing)
    assert found[0].severity is (Severity.ERROR if strict else Severity.NOTE)
    assert report.exit_code == (1 if strict else 0)
    assert ("提示" in found[0].render()) is not strict
    assert "cebdesk import --reference" in found[0].render()


def test_strict_from_the_command_line_and_check_json(tmp_path, capsys):
    data = tmp_path / "ws"
    make_workspace(data)
    inventory = workbook("inventory", tmp_path / "inv.xlsx")
    assert main(["--data-dir", str(data), "check", str(inventory)]) == 0
    assert "未能核对" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "check", str(inventory), "--strict", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in report["findings"]] == ["cross.partner_missing"] * 3
    assert report["exit_code"] == 1


def test_check_compares_the_files_given_together_and_journals_nothing(ws, tmp_path, capsys):
    files = [workbook(k, tmp_path / f"{k}.xlsx") for k in ("order", "payment", "logistics")]
    spoiled = workbook("inventory", tmp_path / "inv.xlsx", rows("inventory", head={"buyerName": "李四"}))
    code = main(["--data-dir", str(ws.data_dir), "--lang", "en", "check", *map(str, files), str(spoiled)])
    out = capsys.readouterr().out
    assert code == 1 and "disagrees with the order ORD2024001/3301960001 (" in out and "order.xlsx" in out
    with ws.journal() as journal:
        assert journal.documents() == []


def test_an_import_refuses_the_inventory_and_journals_nothing_of_it(ws, tmp_path):
    _partners(ws, tmp_path)
    spoiled = workbook("inventory", tmp_path / "inv.xlsx", rows("inventory", head={"buyerIdNumber": OTHER_ID}))
    report = ws.import_files([spoiled])
    assert report.rejected == 1 and report.new == 0 and report.exit_code == 1
    with ws.journal() as journal:
        assert journal.documents(message_type="CEB621Message") == []


def test_without_the_checks_the_same_inventory_is_journaled(ws, tmp_path):
    _partners(ws, tmp_path)
    ws.journal_checks = False
    spoiled = workbook("inventory", tmp_path / "inv.xlsx", rows("inventory", head={"buyerIdNumber": OTHER_ID}))
    assert ws.import_files([spoiled]).new == 1


def test_references_are_never_sent_and_a_declaration_replaces_one(ws, tmp_path, signer):
    order = workbook("order", tmp_path / "order.xlsx")
    assert ws.import_files([order], reference=True).new == 1
    assert ws.send(signer).documents == 0  # nothing to send: a reference stays one
    with ws.journal() as journal:
        (doc,) = journal.documents()
        assert doc.state == "reference"
    assert ws.import_files([order], reference=True).same == 1
    assert ws.import_files([order]).new == 1  # now declared by us: it goes
    assert ws.send(signer).documents == 1
    assert ws.import_files([order], reference=True).same == 1  # never turned back into a reference
    with ws.journal() as journal:
        assert journal.documents()[0].state == "sent"


def test_import_reference_command(tmp_path, capsys):
    data = tmp_path / "ws"
    make_workspace(data)
    payment = workbook("payment", tmp_path / "payment.xlsx")
    assert main(["--data-dir", str(data), "import", "--reference", str(payment)]) == 0
    assert "仅供核对" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["state"] == "reference"


def test_convert_to_files_stops_a_mismatch_before_signing(ws, tmp_path, test_keys, monkeypatch):
    _partners(ws, tmp_path)
    spoiled = workbook("inventory", tmp_path / "inv.xlsx", rows("inventory", head={"buyerName": "李四"}))
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    out = tmp_path / "out"
    args = ["--data-dir", str(ws.data_dir), "convert", str(spoiled), "-o", str(out), "--key-file", str(test_keys["p12"])]
    assert main(args) == 1
    assert not list(out.glob("*.xml"))
    assert main([*args, "--no-cross-checks"]) == 0
    assert len(list(out.glob("*.xml"))) == 1


def test_a_reference_is_someone_elses_it_cannot_be_edited_or_modified(ws, tmp_path):
    """A document kept for checking only is never declared by this cebdesk: neither edited in
    place nor sent as a modification (appType 2) of someone else's declaration; it may be
    deleted (a wrong file) or duplicated into a document of one's own."""
    assert ws.import_files([workbook("payment", tmp_path / "payment.xlsx")], reference=True).new == 1
    with ws.journal() as journal:
        (doc,) = journal.documents()
    actions = ws.can(doc.id)
    assert not actions.allowed("edit") and not actions.allowed("modify")
    assert "仅供核对" in actions.why("modify") and "someone else's" in actions.why("edit", "en")
    assert actions.allowed("delete") and actions.allowed("duplicate")
    with pytest.raises(LifecycleError, match="仅供核对"):
        ws.modify(doc.id, {**doc.head, "payerName": "李四"}, doc.lines)
    with ws.journal() as journal:
        assert journal.document(doc.id).state == "reference"
