"""The customs simulator answers export declarations as customs does: format (CEB900), signature,
field rules, duplicates, inventories it has not released, and the summary's declarations."""

from __future__ import annotations

import pytest

from cebdesk.exchange.dxp import wrap
from cebdesk.exchange.simulator import ERRORS, MAX_DECLARATION_ITEMS, Customs
from cebdesk.messages.parse import read_message_bytes
from cebdesk.spec import document_type
from tests.exchange.exportdocs import EXPORT_NAMES, document, message_bytes

SIMPLE = tuple(n for n in EXPORT_NAMES if n not in ("export-cancel", "summary"))


def _answers(receipts):
    out = []
    for name, data in receipts:
        parsed = read_message_bytes(data, name)
        assert parsed.ok, [f.render("en") for f in parsed.findings]
        out += [(parsed.message.code, d.head, d.lines) for d in parsed.documents]
    return out


def _statuses(receipts):
    return [h.get("returnStatus") for _, h, _ in _answers(receipts)]


def _release(customs, n=0, **changes) -> str:
    """An inventory customs released; its invtNo."""
    answers = _answers(customs.take(message_bytes([document("export-inventory", n, **changes)]), "i.xml"))
    assert [h["returnStatus"] for _, h, _ in answers] == ["2", "120", "399", "800"]
    return answers[-1][1]["invtNo"]


@pytest.mark.parametrize("name", SIMPLE)
def test_each_export_declaration_is_answered_by_its_receipt(tmp_path, signer, name):
    customs = Customs(tmp_path)
    # a return request names an inventory customs released (its lines: gnum 1, qty 1)
    doc = document(name, 0)
    if name == "export-refund":
        lines = [dict(doc.lines[0], qty="1")]
        doc = document(name, 0, invtNo=_release(customs, 5), list_lines=lines)
    answers = _answers(customs.take(message_bytes([doc], signer), "m.xml", "M1"))
    codes = {code for code, _, _ in answers}
    assert codes == {f"CEB{int(doc.message.number) + 1}Message"}
    statuses = [h["returnStatus"] for _, h, _ in answers]
    assert statuses[0] == "2" and statuses[-1] in {"399", "800"}
    # the same CopMsgId again: already taken; the same document in a new message: refused
    assert customs.take(message_bytes([doc], signer), "m.xml", "M1") == []
    [refused] = _statuses(customs.take(message_bytes([doc], signer), "n.xml", "M2"))
    assert refused == ERRORS[doc.message.code][0]


@pytest.mark.parametrize("name", SIMPLE)
def test_a_tampered_signature_is_refused_with_the_types_signature_code(tmp_path, signer, name):
    customs = Customs(tmp_path)
    data = message_bytes([document(name, 1)], signer)
    tampered = data.replace(b"<ceb:appTime>20240102030405<", b"<ceb:appTime>20240102030406<", 1)
    assert tampered != data
    [status] = _statuses(customs.take(tampered, "t.xml", "T1"))
    assert status == ERRORS[document_type(name).message.code][2]


@pytest.mark.parametrize("name", SIMPLE)
def test_a_field_rule_broken_is_refused_with_the_types_format_code(tmp_path, name):
    customs = Customs(tmp_path)
    doc = document(name, 2, appType="9")
    [status] = _statuses(customs.take(message_bytes([doc]), "f.xml", "F1"))
    assert status == ERRORS[doc.message.code][1]


@pytest.mark.parametrize("name", ("export-inventory", "summary", "waybill"))
def test_a_message_customs_cannot_read_earns_a_ceb900(tmp_path, name):
    customs = Customs(tmp_path)
    data = message_bytes([document(name, 3, list_lines=[] if name == "summary" else None)])
    broken = data.replace(b"<ceb:BaseTransfer>", b"<ceb:Unknown/><ceb:BaseTransfer>", 1)
    [(code, head, _)] = _answers(customs.take(broken, "b.xml", "B1"))
    assert code == "CEB900Message" and head["returnStatus"].startswith("-")
    assert head["oriMessageType"] == document_type(name).message.code


def test_an_export_inventory_is_released_with_an_invtno_in_a_dxp_envelope_too(tmp_path):
    customs = Customs(tmp_path)
    data = message_bytes([document("export-inventory", 0)])
    answers = _answers(
        customs.take(
            wrap(data, cop_msg_id="C1", sender="DXPENT0000000001", msg_type="CEB603Message"), "d.xml"
        )
    )
    invt = {h["invtNo"] for _, h, _ in answers}
    [number] = invt
    assert len(number) == 18 and number[:4] == "3700" and number[8] == "E"


def test_a_cancellation_names_a_released_inventory(tmp_path):
    customs = Customs(tmp_path)
    assert _statuses(
        customs.take(message_bytes([document("export-cancel", 0, invtNo="37002024E999999999")]), "c.xml")
    ) == ["-607001"]
    invt = _release(customs)
    assert _statuses(customs.take(message_bytes([document("export-cancel", 1, invtNo=invt)]), "c2.xml")) == [
        "2",
        "399",
    ]
    # a cancelled inventory cannot be summarised
    summary = document("summary", 0, list_lines=[{"invtNo": invt}])
    [(_, head, _)] = _answers(customs.take(message_bytes([summary]), "s.xml"))
    assert head["returnStatus"] == "-703001" and "已撤销或已汇总" in head["returnInfo"]


@pytest.mark.parametrize(
    ("case", "changes", "words"),
    [
        ("unknown-inventory", {}, "不存在或未放行"),
        ("another-enterprise", {"ebcCode": "9999999999"}, "电商企业与汇总申请单不符"),
        ("simplified-declaration", {"statisticsFlag": "A"}, "简化申报"),
        ("neither-list-nor-time-range", {}, "未列清单"),
    ],
)
def test_a_summary_customs_refuses(tmp_path, case, changes, words):
    customs = Customs(tmp_path)
    if case == "unknown-inventory":
        lines = [{"invtNo": "37002024E999999999"}]
    elif case == "neither-list-nor-time-range":
        lines = []
    else:
        invt = _release(customs, **({"statisticsFlag": "A"} if case == "simplified-declaration" else {}))
        lines = [{"invtNo": invt}]
    summary_changes = {"ebcCode": "9999999999"} if case == "another-enterprise" else {}
    summary = document("summary", 0, list_lines=lines, **summary_changes)
    [(_, head, _)] = _answers(customs.take(message_bytes([summary]), "s.xml"))
    assert not head.get("sumNo")
    if case == "neither-list-nor-time-range":  # the field rules refuse it already
        assert head["returnStatus"] in ("-702001", "-703001")
        return
    assert head["returnStatus"] == "-703001" and words in head["returnInfo"], head["returnInfo"]


def test_a_summary_is_answered_by_ceb702_then_ceb792_covering_its_inventories(tmp_path):
    customs = Customs(tmp_path)
    invts = [_release(customs, n) for n in range(3)]
    summary = document("summary", 0, list_lines=[{"invtNo": n} for n in invts[:2]])
    answers = _answers(customs.take(message_bytes([summary]), "s.xml"))
    assert [(c, h.get("returnStatus")) for c, h, _ in answers] == [
        ("CEB702Message", "2"),
        ("CEB702Message", "399"),
        ("CEB792Message", None),
    ]
    sum_no = answers[1][1]["sumNo"]
    _, result, lines = answers[2]
    assert result["sumNo"] == sum_no and len(result["declSeqNo"]) == 18 and len(result["entryId"]) == 18
    assert {line["invtNo"] for line in lines} == set(invts[:2])
    assert result["ebcCode"] == summary.head["ebcCode"] and result["opDate"] >= answers[1][1]["returnTime"]
    # summarised once: naming them again is refused; the third one is still free
    again = document("summary", 1, list_lines=[{"invtNo": invts[0]}])
    assert _statuses(customs.take(message_bytes([again]), "s2.xml")) == ["-703001"]
    # a time range without a list covers every released inventory not yet summarised
    ranged = document("summary", 2, list_lines=[], startTime="20240101000000", endTime="20241231235959")
    answers = _answers(customs.take(message_bytes([ranged]), "s3.xml"))
    assert {line["invtNo"] for line in answers[-1][2]} == {invts[2]}


def test_the_summary_result_groups_by_the_eight_same_rule(tmp_path):
    """Inventories to two countries make two declarations; goods items are numbered by HS code,
    and more than 50 items make another declaration."""
    customs = Customs(tmp_path)
    to_us = _release(customs, 0, country="502")
    to_jp = _release(customs, 1, country="116")
    many = [
        {**line, "gnum": str(i + 1), "gcode": f"{8541401000 + i}"}
        for i, line in enumerate([document("export-inventory", 2).lines[0]] * (MAX_DECLARATION_ITEMS + 1))
    ]
    big_doc = document("export-inventory", 2, list_lines=many, country="502")
    big = _answers(customs.take(message_bytes([big_doc]), "big.xml"))
    big_invt = big[-1][1]["invtNo"]
    summary = document("summary", 0, list_lines=[{"invtNo": n} for n in (to_us, to_jp, big_invt)])
    answers = _answers(customs.take(message_bytes([summary]), "s.xml"))
    results = [(h, lines) for code, h, lines in answers if code == "CEB792Message"]
    assert len({h["declSeqNo"] for h, _ in results}) == len(results) == 3
    sizes = sorted(len({line["gseqno"] for line in lines}) for _, lines in results)
    assert sizes[-1] == MAX_DECLARATION_ITEMS
    for _, lines in results:
        assert max(int(line["gseqno"]) for line in lines) <= MAX_DECLARATION_ITEMS


def test_the_parts_of_a_split_document_are_each_taken_once(tmp_path):
    customs = Customs(tmp_path)
    parts = [document("arrival", 0, msgCount="2", msgSeqNo=str(n)) for n in (1, 2)]
    answers = _answers(customs.take(message_bytes(parts), "a.xml"))
    assert sorted((h["msgSeqNo"], h["returnStatus"]) for _, h, _ in answers) == [
        ("1", "2"), ("1", "399"), ("2", "2"), ("2", "399"),
    ]  # fmt: skip
    [status] = _statuses(customs.take(message_bytes(parts[:1]), "b.xml"))
    assert status == "-803001"


def test_modifications_keep_what_customs_knows(tmp_path):
    """A modified inventory (appType 2) keeps its invtNo and stays summarised; a modified summary
    may name its own inventories again."""
    customs = Customs(tmp_path)
    invt = _release(customs)
    summary = document("summary", 0, list_lines=[{"invtNo": invt}])
    assert _statuses(customs.take(message_bytes([summary]), "s.xml"))[:2] == ["2", "399"]
    modified = document("export-inventory", 0, appType="2", invtNo=invt, note="改")
    answers = _answers(customs.take(message_bytes([modified]), "m.xml"))
    assert {h["invtNo"] for _, h, _ in answers} == {invt}
    other = document("summary", 1, list_lines=[{"invtNo": invt}])
    assert _statuses(customs.take(message_bytes([other]), "o.xml")) == ["-703001"]  # still summarised
    again = document("summary", 0, appType="2", list_lines=[{"invtNo": invt}])
    answers = _answers(customs.take(message_bytes([again]), "a.xml"))
    assert [c for c, _, _ in answers] == ["CEB702Message", "CEB702Message", "CEB792Message"]
