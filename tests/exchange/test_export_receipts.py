"""Export receipts: every one (CEB304 … CEB216, CEB702, CEB792) read into the journal in the four
forms customs and transfer clients deliver (default namespace, ceb: prefix, GB18030 with its
declaration, inside a DxpMsg envelope) and attached to the export document it answers by that
document's identity; the summary result's numbers and list kept; the official samples read."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from cebdesk.exchange.dxp import EXPORT_RECEIVER, wrap
from cebdesk.exchange.receipts import ReceiptError, ingest_bytes
from cebdesk.messages.build import build_message, serialize
from cebdesk.records import Document, XmlOrigin
from cebdesk.spec import EXPORT_RECEIPTS, NS_CEB, document_type, message_type
from cebdesk.spec.receipts import (
    FINAL_STATUSES,
    RECEIPT_FOR,
    RECEIPT_STATUSES,
    RETURN_MATCHES,
    RETURN_STATUS,
    explain_status,
)
from cebdesk.store import Journal
from tests.exchange.exportdocs import AGENT, EBC, EXPORT_NAMES, head_and_lines

FORMS = ("default-namespace", "ceb-prefix", "gb18030", "dxp")
#: receipt -> the export document type it answers
ANSWERS = {RECEIPT_FOR[document_type(n).message.code]: n for n in EXPORT_NAMES}


def test_every_export_receipt_has_its_declaration_and_statuses():
    assert set(EXPORT_RECEIPTS) == set(ANSWERS) | {"CEB792Message"}
    for code in EXPORT_RECEIPTS:
        assert RETURN_MATCHES[code].declaration in {document_type(n).message.code for n in EXPORT_NAMES}
        if code != "CEB792Message":  # the summary result has no returnStatus
            assert set(RECEIPT_STATUSES[code]) <= set(RETURN_STATUS), code
            assert FINAL_STATUSES[code] <= set(RECEIPT_STATUSES[code]), code


@pytest.mark.parametrize(
    ("status", "lang", "meaning"),
    [
        ("505", "zh", "移交"),
        ("600", "en", "Suspended"),
        ("300", "zh", "人工审核"),
        ("899", "en", "Closed"),
    ],
)
def test_export_status_meanings(status, lang, meaning):
    assert explain_status(status, lang, "CEB214Message")[0] == meaning


@pytest.mark.parametrize(
    ("status", "message", "zh", "en"),
    [
        (
            "-601001",
            "CEB604Message",
            "申报清单签名校验失败（-601001）",
            "Export inventory: signature check failed (-601001)",
        ),
        (
            "-603017",
            "CEB603Message",
            "申报清单业务校验失败（-603017）",
            "Export inventory: business rule check failed (-603017)",
        ),
        (
            "-301010",
            "CEB304Message",
            "电子订单签名校验失败（-301010）",
            "Order: signature check failed (-301010)",
        ),
        (
            "-702001",
            "CEB702Message",
            "汇总申请单格式校验失败（-702001）",
            "Summary application: format check failed (-702001)",
        ),
        ("-704500", "CEB702Message", "处理异常（-704500）", "Processing exception (-704500)"),
        (
            "-506001",
            "CEB510Message",
            "离境单格式校验失败（-506001）",
            "Departure: format check failed (-506001)",
        ),
        ("-10150", "CEB404Message", "企业信息错误（-10150）", "Enterprise error (-10150)"),
        ("-213001", "CEB214Message", "处理异常（-213001）", "Processing exception (-213001)"),
    ],
)
def test_export_negative_codes_are_read_by_the_export_ranges(status, message, zh, en):
    assert explain_status(status, "zh", message)[0] == zh
    assert explain_status(status, "en", message)[0] == en
    # the import table still reads import receipts
    assert explain_status("-301010", "zh", "CEB312Message")[0] == "已存在相同编号的订单"


def _return_values(code: str, head: dict[str, str], status: str = "2", n: int = 0) -> dict[str, str]:
    """A …Return answering ``head``, as customs fills it."""
    values = {}
    for f in message_type(code).head.fields:
        if f.name in head:
            values[f.name] = head[f.name]
    values.update(
        guid=f"4CDE1CFD-EDED-46B1-946C-B8022E42FC{n:02d}",
        returnStatus=status,
        returnTime=f"2024010112000{n % 10}000",
        returnInfo="新增申报成功[测试]" if status == "2" else "海关退单：测试",
        preNo=f"B20240101{n:09d}",
    )
    if "invtNo" in message_type(code).head and not values.get("invtNo"):
        values["invtNo"] = f"37002024E{n:09d}"
    if "msgSeqNo" in message_type(code).head:
        values.setdefault("msgSeqNo", "1")
    return {k: v for k, v in values.items() if k in message_type(code).head}


def _receipt_bytes(code: str, documents: list[Document], form: str) -> bytes:
    root = build_message(message_type(code), documents)
    if form == "default-namespace":
        text = etree.tostring(root, encoding="unicode").replace("ceb:", "").replace("xmlns:ceb=", "xmlns=")
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text.encode("utf-8")
    if form == "gb18030":
        return b'<?xml version="1.0" encoding="GB18030"?>\n' + etree.tostring(
            root, encoding="GB18030", xml_declaration=False
        )
    data = serialize(root)
    if form == "dxp":
        return wrap(data, cop_msg_id="X1", sender=EXPORT_RECEIVER, msg_type=code, receiver="DXPENT0000000001")
    return data


def _journal_with(tmp_path, name: str, n: int = 0, **changes) -> tuple[Journal, int, dict[str, str]]:
    journal = Journal(tmp_path / "journal.sqlite3")
    dt = document_type(name)
    head, lines = head_and_lines(dt, n, **changes)
    with journal.transaction():
        document_id, _ = journal.import_document(dt.message.code, dt.business_key(head), head, lines)
    return journal, document_id, head


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("code", sorted(ANSWERS))
def test_each_export_receipt_in_each_form_finds_its_document(tmp_path, code, form):
    name = ANSWERS[code]
    journal, document_id, head = _journal_with(tmp_path, name)
    # another enterprise's document with the same number: never chosen
    dt = document_type(name)
    other = {**head, **{k: "9999999999" for k in dt.identity[1:]}}
    with journal.transaction():
        journal.import_document(dt.message.code, dt.business_key(other), other, [])
    values = _return_values(code, head, "2")
    values["returnInfo"] = "新增申报成功：退单原因说明（中文）"
    doc = Document(message_type(code), values, [], XmlOrigin("customs", "/"))
    taken = ingest_bytes(journal, f"{code}.xml", _receipt_bytes(code, [doc], form))
    assert taken.documents == [document_id]
    row = journal.document(document_id)
    assert (row.customs_status, row.customs_info) == ("2", "新增申报成功：退单原因说明（中文）")
    if "preNo" in values:
        assert journal.customs_numbers([document_id])[document_id]["preNo"] == values["preNo"]
    journal.close()


@pytest.mark.parametrize("code", sorted(ANSWERS))
def test_a_later_receipt_finds_the_document_by_the_numbers_customs_gave(tmp_path, code):
    """The receipts that carry preNo find the document by it once an earlier receipt named it,
    even when the later one spells the enterprise with its 18-character credit code."""
    name = ANSWERS[code]
    journal, document_id, head = _journal_with(tmp_path, name)
    first = _return_values(code, head, "2", 1)
    ingest_bytes(
        journal,
        "a.xml",
        _receipt_bytes(code, [Document(message_type(code), first, [], XmlOrigin("c", "/"))], "ceb-prefix"),
    )
    later = _return_values(code, head, "399", 2)
    if "preNo" in first:
        later["preNo"] = first["preNo"]
    dt = document_type(name)
    for key in dt.identity[1:]:  # the enterprise in its other spelling
        if key in later:
            later[key] = "91110000100000000X"
    final = next(iter(FINAL_STATUSES[code]))
    later["returnStatus"] = final
    data = _receipt_bytes(code, [Document(message_type(code), later, [], XmlOrigin("c", "/"))], "ceb-prefix")
    if "preNo" not in message_type(code).head and not RETURN_MATCHES[code].by_head:
        with pytest.raises(ReceiptError, match="no document in the journal matches"):
            ingest_bytes(journal, "b.xml", data)
        return
    assert ingest_bytes(journal, "b.xml", data).documents == [document_id]
    assert journal.document(document_id).customs_status == final
    journal.close()


def _summary_journal(tmp_path, invt_nos: list[str], *, sum_no: str | None = None):
    """Two released inventories and a summary naming them (and, optionally, its CEB702 read)."""
    journal = Journal(tmp_path / "journal.sqlite3")
    ids = []
    inventory = document_type("export-inventory")
    for n, invt_no in enumerate(invt_nos):
        head, lines = head_and_lines(inventory, n, lines=2)
        with journal.transaction():
            document_id, _ = journal.import_document(
                inventory.message.code, inventory.business_key(head), head, lines
            )
        ids.append(document_id)
        released = _return_values("CEB604Message", head, "800", n)
        released["invtNo"] = invt_no
        data = _receipt_bytes(
            "CEB604Message",
            [Document(message_type("CEB604Message"), released, [], XmlOrigin("c", "/"))],
            "ceb-prefix",
        )
        ingest_bytes(journal, f"604-{n}.xml", data)
    summary = document_type("summary")
    head, _ = head_and_lines(summary, 0)
    lines = [{"invtNo": n} for n in invt_nos]
    with journal.transaction():
        summary_id, _ = journal.import_document(summary.message.code, summary.business_key(head), head, lines)
    if sum_no:
        answer = _return_values("CEB702Message", head, "399", 5)
        answer["sumNo"] = sum_no
        data = _receipt_bytes(
            "CEB702Message",
            [Document(message_type("CEB702Message"), answer, [], XmlOrigin("c", "/"))],
            "ceb-prefix",
        )
        assert ingest_bytes(journal, "702.xml", data).documents == [summary_id]
    return journal, summary_id, ids, head


def _result(head: dict[str, str], sum_no: str, invt_nos: list[str], **changes) -> Document:
    values = {
        "guid": "123E0097-2B80-4568-AECF-CB6C90530012",
        "customsCode": "3700",
        "sumNo": sum_no,
        "opDate": "20240201101112012",
        "declSeqNo": "D20240201000000001",
        "entryId": "370020240000000001",
        "decState": "A",
        "agentCode": head["agentCode"],
        "agentName": "申报企业",
        "ebcCode": head["ebcCode"],
        "ebcName": "电商企业",
        "declAgentCode": AGENT,
        "declAgentName": "报关企业",
        "grossWeight": "21",
        "netWeight": "20.5",
        "msgCount": "1",
        "msgSeqNo": "1",
        **changes,
    }
    lines = [
        {"invtNo": n, "logisticsNo": f"L{i}", "gseqno": "1", "gnum": str(g), "gcode": "8541401000"}
        for i, n in enumerate(invt_nos)
        for g in (1, 2)
    ]
    return Document(message_type("CEB792Message"), values, lines, XmlOrigin("customs", "/"))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("known_sum_no", [True, False], ids=["after-702", "before-702"])
def test_the_summary_result_attaches_to_the_summary_and_its_inventories(tmp_path, form, known_sum_no):
    invt_nos = ["37002024E000000001", "37002024E000000002"]
    sum_no = "S20240201000000001"
    journal, summary_id, inventory_ids, head = _summary_journal(
        tmp_path, invt_nos, sum_no=sum_no if known_sum_no else None
    )
    status_before = journal.document(summary_id).customs_status
    data = _receipt_bytes("CEB792Message", [_result(head, sum_no, invt_nos)], form)
    taken = ingest_bytes(journal, "792.xml", data)
    assert set(taken.documents) == {summary_id, *inventory_ids}
    # the result decides no status: customs' last returnStatus stays
    assert journal.document(summary_id).customs_status == status_before
    numbers = journal.customs_numbers([summary_id, *inventory_ids])
    for document_id in (summary_id, *inventory_ids):
        assert numbers[document_id]["entryId"] == "370020240000000001"
        assert numbers[document_id]["declSeqNo"] == "D20240201000000001"
        assert numbers[document_id]["decState"] == "A"
        assert numbers[document_id]["sumNo"] == sum_no
    [summary_row] = [r for r in journal.receipts_for(summary_id) if r["message_type"] == "CEB792Message"]
    assert (
        "370020240000000001" in summary_row["return_info"]
        and summary_row["return_time"] == "20240201101112012"
    )
    import json

    assert [line["invtNo"] for line in json.loads(summary_row["keys"])["lines"]] == [invt_nos[0]] * 2 + [
        invt_nos[1]
    ] * 2
    [inventory_row] = [
        r for r in journal.receipts_for(inventory_ids[1]) if r["message_type"] == "CEB792Message"
    ]
    assert {line["invtNo"] for line in json.loads(inventory_row["keys"])["lines"]} == {invt_nos[1]}
    # the same result again adds nothing
    assert ingest_bytes(journal, "792-again.xml", data + b"\n").rows == 0
    journal.close()


def test_a_summary_result_for_another_enterprise_is_not_attached(tmp_path):
    invt_nos = ["37002024E000000001"]
    journal, summary_id, _, head = _summary_journal(tmp_path, invt_nos, sum_no="S20240201000000001")
    other = _result(
        {**head, "ebcCode": "9999999999", "agentCode": "9999999999"}, "S20240201000000001", invt_nos
    )
    with pytest.raises(ReceiptError, match="no document in the journal matches this CEB792Message"):
        ingest_bytes(journal, "792.xml", _receipt_bytes("CEB792Message", [other], "ceb-prefix"))
    assert not [r for r in journal.receipts_for(summary_id) if r["message_type"] == "CEB792Message"]
    journal.close()


SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "anchors" / "ceb-samples"


def _samples() -> list[Path]:
    found = sorted(SAMPLES.glob("*/export/CEB*.xml"))
    return [p for p in found if p.stem in ANSWERS or p.stem == "CEB792Message"]


@pytest.mark.skipif(not SAMPLES.exists(), reason="the official samples (../shared/anchors) are not here")
@pytest.mark.parametrize("sample", _samples(), ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_official_export_receipt_samples_are_read_into_the_journal(tmp_path, sample):
    """Each official export receipt sample finds the document that carries its numbers."""
    from cebdesk.messages.parse import read_message_bytes

    data = sample.read_bytes()
    try:
        parsed = read_message_bytes(data, sample.name)
    except Exception as exc:  # a sample whose root is misnamed (CEB214 in 202205) is not a receipt
        pytest.skip(f"the sample itself is not a message: {exc}")
    first = parsed.documents[0]
    code = parsed.message.code
    journal = Journal(tmp_path / "journal.sqlite3")
    if code == "CEB792Message":
        summary = document_type("summary")
        head, _ = head_and_lines(summary, 0, agentCode=first.head["agentCode"], ebcCode=first.head["ebcCode"])
        head["sumNo"] = first.head["sumNo"]
        expected_type = summary
    else:
        expected_type = document_type(ANSWERS[code])
        head, _ = head_and_lines(expected_type, 0)
        head.update({k: v for k, v in first.head.items() if k in expected_type.head and k not in ("guid",)})
    lines = [{"invtNo": line["invtNo"]} for line in first.lines] if code == "CEB792Message" else []
    with journal.transaction():
        document_id, _ = journal.import_document(
            expected_type.message.code, expected_type.business_key(head), head, lines
        )
    taken = ingest_bytes(journal, sample.name, data)
    assert document_id in taken.documents
    assert taken.rows >= 1  # ten identical returns in the sample make one history row
    journal.close()


def test_export_statuses_are_real_statuses_of_the_standard():
    """Nothing outside the standard's words: every export receipt's listed statuses have a Chinese
    and an English meaning."""
    for code, statuses in RECEIPT_STATUSES.items():
        for status in statuses:
            zh, family = explain_status(status, "zh", code)
            en, _ = explain_status(status, "en", code)
            assert zh and en and not zh.startswith("未知") and not en.startswith("Unknown"), (code, status)


def test_ebc_code_of_test_documents_differs_from_the_agent():
    assert EBC != AGENT  # the enterprise checks below compare real differences
    assert NS_CEB
