"""Export receipts as they really arrive, and the ones that must not be believed: naming a
document another enterprise owns, a summary result nobody asked for or that fits two summaries,
dated in the future, cut off, wrongly encoded, with a DTD, a declaration dropped into receive/.

Each goes through a real outbox and a real SQLite journal: a bad file goes to error/ with its
reason (never a traceback, the others read on); a good one attaches to exactly one document."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from cebdesk.exchange.folders import Outbox
from cebdesk.exchange.receipts import ingest
from cebdesk.messages.build import build_message, indent, serialize
from cebdesk.records import Document, XmlOrigin
from cebdesk.spec import document_type, message_type
from cebdesk.store import Journal
from tests.exchange.exportdocs import AGENT, EBC, head_and_lines, message_bytes
from tests.exchange.exportdocs import document as export_document

OTHER = "9999999999"  # another enterprise, spelled like ours (10 characters)
SUM_NO = "S20240201000000001"
INVT = ("37002024E000000001", "37002024E000000002")


def at(**delta) -> str:
    moment = datetime.now() + timedelta(**delta)
    return moment.strftime("%Y%m%d%H%M%S") + f"{moment.microsecond // 1000:03d}"


def receipt(
    code: str, values: list[dict[str, str]], lines: list[list[dict[str, str]]] | None = None
) -> bytes:
    mt = message_type(code)
    docs = [
        Document(mt, v, (lines or [[]] * len(values))[i], XmlOrigin("customs", "/"))
        for i, v in enumerate(values)
    ]
    root = build_message(mt, docs)
    indent(root)
    return serialize(root)


def inventory_return(copno: str, status: str = "2", **changes) -> dict[str, str]:
    values = {
        "guid": "4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
        "agentCode": AGENT,
        "copNo": copno,
        "preNo": "B20240101000000001",
        "invtNo": INVT[0],
        "ebcCode": EBC,
        "ebpCode": AGENT,
        "orderNo": "订单编号0",
        "statisticsFlag": "B",
        "returnStatus": status,
        "returnTime": at(minutes=-5),
        "returnInfo": "新增申报成功",
    }
    values.update(changes)
    return values


def summary_result(invt_nos=INVT, sum_no=SUM_NO, **changes) -> tuple[dict[str, str], list[dict[str, str]]]:
    head = {
        "guid": "123E0097-2B80-4568-AECF-CB6C90530012",
        "customsCode": "3700",
        "sumNo": sum_no,
        "opDate": at(minutes=-1),
        "declSeqNo": "D20240201000000001",
        "entryId": "370020240000000001",
        "decState": "A",
        "agentCode": AGENT,
        "agentName": "申报企业",
        "ebcCode": EBC,
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
        {"invtNo": n, "logisticsNo": f"L{i}", "gseqno": "1", "gnum": "1", "gcode": "8541401000"}
        for i, n in enumerate(invt_nos)
    ]
    return head, lines


@pytest.fixture
def world(tmp_path):
    """An outbox and a journal holding two export inventories (one released with INVT[0]) and
    a summary naming both."""
    journal = Journal(tmp_path / "data" / "journal.sqlite3")
    outbox = Outbox(tmp_path / "exchange")
    inventory = document_type("export-inventory")
    ids = {}
    for n in range(2):
        head, lines = head_and_lines(inventory, n)
        with journal.transaction():
            ids[f"inventory{n}"], _ = journal.import_document(
                inventory.message.code, inventory.business_key(head), head, lines
            )
    summary = document_type("summary")
    head, _ = head_and_lines(summary, 0)
    with journal.transaction():
        ids["summary"], _ = journal.import_document(
            summary.message.code, summary.business_key(head), head, [{"invtNo": n} for n in INVT]
        )
    yield journal, outbox, ids
    journal.close()


def _copno(journal, document_id) -> str:
    return journal.document(document_id).head["copNo"]


def _drop(outbox: Outbox, name: str, data: bytes) -> None:
    (outbox.receive / name).write_bytes(data)


def _read(journal, outbox):
    return ingest(journal, outbox, settle=0, grace=0)


# -- what is refused: (name, bytes builder, the reason's words) ----------------------------------
def _refused_cases():
    def other_agent(j, ids):
        return receipt("CEB604Message", [inventory_return(_copno(j, ids["inventory0"]), agentCode=OTHER)])

    def other_ebc(j, ids):
        return receipt(
            "CEB604Message", [inventory_return(_copno(j, ids["inventory0"]), ebcCode=OTHER, agentCode="X")]
        )

    def unknown_copno(j, ids):
        return receipt("CEB604Message", [inventory_return("NOT-OURS")])

    def result_other_enterprise(j, ids):
        head, lines = summary_result(sum_no="S20249999999999999", ebcCode=OTHER, agentCode=OTHER)
        return receipt("CEB792Message", [head], [lines])

    def result_unknown(j, ids):
        head, lines = summary_result(invt_nos=("37002024E999999999",), sum_no="S20249999999999999")
        return receipt("CEB792Message", [head], [lines])

    def result_no_list_unknown_sum(j, ids):
        head, _ = summary_result(sum_no="S20249999999999999")
        return receipt("CEB792Message", [head], [[]])

    def refund_answer_unknown(j, ids):
        values = {"guid": "G" * 36, "agentCode": AGENT, "coElNo": "NOPE", "invtNo": INVT[0],
                  "returnStatus": "2", "returnTime": at(), "returnInfo": "x"}  # fmt: skip
        return receipt("CEB214Message", [values])

    def tally_answer_unknown(j, ids):
        values = {"guid": "G" * 36, "operatorCode": AGENT, "logisticsCode": AGENT, "logisticsNo": "L0",
                  "coElNo": "NOPE", "returnStatus": "2", "returnTime": at(), "returnInfo": "x"}  # fmt: skip
        return receipt("CEB216Message", [values])

    def empty(j, ids):
        return b""

    def not_xml(j, ids):
        return "回执".encode() + b" <not xml"

    def dxp_bad_base64(j, ids):
        return (
            b'<DxpMsg xmlns="http://www.chinaport.gov.cn/dxp" ver="1.0"><TransInfo><CopMsgId>X</CopMsgId>'
            b"<SenderId>DXPEDCCEB0000003</SenderId><ReceiverIds><ReceiverId>DXPENT0000000001</ReceiverId>"
            b"</ReceiverIds><CreatTime>2024-01-01T00:00:00</CreatTime><MsgType>CEB604Message</MsgType>"
            b"</TransInfo><Data>!!!not base64!!!</Data></DxpMsg>"
        )

    def declaration_in_receive(j, ids):
        return message_bytes([export_document("export-inventory", 5)])

    def doctype(j, ids):
        data = receipt("CEB604Message", [inventory_return(_copno(j, ids["inventory0"]))])
        return data.replace(b"?>\n", b'?>\n<!DOCTYPE x [<!ENTITY e "boom">]>\n', 1)

    def gb18030_declared_utf8_bytes(j, ids):
        data = receipt("CEB604Message", [inventory_return(_copno(j, ids["inventory0"]), returnInfo="放行")])
        return data.replace(b'encoding="UTF-8"', b'encoding="GB18030"', 1)

    def misnamed_root(j, ids):
        data = receipt("CEB214Message", [{"guid": "G", "agentCode": AGENT, "coElNo": "X", "invtNo": INVT[0],
                                           "returnStatus": "2", "returnTime": at(), "returnInfo": "x"}])  # fmt: skip
        return data.replace(b"CEB214Message", b"CEB214")

    def unknown_root(j, ids):
        return receipt("CEB604Message", [inventory_return("X")]).replace(b"CEB604Message", b"CEB609Message")

    def cancel_answer_unknown(j, ids):
        values = {"guid": "G" * 36, "agentCode": AGENT, "copNo": "NOPE", "preNo": "B20240101000000009",
                  "invtNo": "37002024E000000077", "returnStatus": "2", "returnTime": at(), "returnInfo": "x"}  # fmt: skip
        return receipt("CEB606Message", [values])

    def summary_answer_other_agent(j, ids):
        values = {"guid": "G" * 36, "agentCode": OTHER, "ebcCode": EBC, "copNo": _copno(j, ids["summary"]),
                  "preNo": "B20240101000000009", "sumNo": SUM_NO, "msgSeqNo": "1", "returnStatus": "399",
                  "returnTime": at(), "returnInfo": "审结"}  # fmt: skip
        return receipt("CEB702Message", [values])

    return [
        ("another-agents-copno", other_agent, "no document in the journal matches"),
        ("another-enterprises-inventory", other_ebc, "no document in the journal matches"),
        ("unknown-copno", unknown_copno, "no document in the journal matches"),
        ("result-of-another-enterprise", result_other_enterprise, "no document in the journal matches"),
        ("result-of-unknown-inventories", result_unknown, "no document in the journal matches"),
        (
            "result-without-list-or-known-sumno",
            result_no_list_unknown_sum,
            "no document in the journal matches",
        ),
        ("declaration-dropped-in-receive", declaration_in_receive, "not a receipt"),
        ("doctype", doctype, "DOCTYPE"),
        ("gb18030-declared-over-utf8", gb18030_declared_utf8_bytes, "GB18030"),
        ("misnamed-root-CEB214", misnamed_root, "CEB214"),
        ("unknown-message-type", unknown_root, "CEB609"),
        ("refund-answer-for-nothing-sent", refund_answer_unknown, "no document in the journal matches"),
        ("tally-answer-for-nothing-sent", tally_answer_unknown, "no document in the journal matches"),
        ("empty-file-left-too-long", empty, "incomplete"),
        ("not-xml", not_xml, "XML"),
        ("dxp-data-not-base64", dxp_bad_base64, "base64"),
        ("cancellation-answer-for-nothing-sent", cancel_answer_unknown, "no document in the journal matches"),
        ("summary-answer-of-another-agent", summary_answer_other_agent, "no document in the journal matches"),
    ]


@pytest.mark.parametrize(("case", "build", "reason"), _refused_cases(), ids=[c[0] for c in _refused_cases()])
def test_refused_export_receipts_go_to_error_with_their_reason(world, case, build, reason):
    journal, outbox, ids = world
    _drop(outbox, f"{case}.xml", build(journal, ids))
    # a good receipt beside it is still read
    good = receipt(
        "CEB604Message",
        [inventory_return(_copno(journal, ids["inventory1"]), invtNo=INVT[1], preNo="B20240101000000002")],
    )
    _drop(outbox, "good.xml", good)
    report = _read(journal, outbox)
    assert [name for name, _ in report.rejected] == [f"{case}.xml"], report.to_json()
    why = report.rejected[0][1]
    assert reason.lower() in why.lower(), why
    assert (outbox.error / f"{case}.xml.reason.txt").exists() or any(outbox.error.glob(f"{case}*.reason.txt"))
    assert report.ingested == ["good.xml"]
    assert journal.document(ids["inventory1"]).customs_status == "2"
    assert not [r for r in journal.receipts_for(ids["inventory0"])]  # nothing attached by a guess


def test_a_result_that_fits_two_summaries_is_attached_to_neither(world):
    """Two summaries list the same inventories and customs' sumNo is not known yet: the result
    is not attached to either summary by a guess (the inventories still get it)."""
    journal, outbox, ids = world
    summary = document_type("summary")
    head, _ = head_and_lines(summary, 1)
    with journal.transaction():
        second, _ = journal.import_document(
            summary.message.code, summary.business_key(head), head, [{"invtNo": n} for n in INVT]
        )
    for n, invt in enumerate(INVT):  # the inventories are known by their invtNo
        data = receipt(
            "CEB604Message", [inventory_return(_copno(journal, ids[f"inventory{n}"]), "800", invtNo=invt)]
        )
        _drop(outbox, f"604-{n}.xml", data)
    head, lines = summary_result()
    _drop(outbox, "792.xml", receipt("CEB792Message", [head], [lines]))
    report = _read(journal, outbox)
    assert not report.rejected
    for summary_id in (ids["summary"], second):
        assert not [r for r in journal.receipts_for(summary_id) if r["message_type"] == "CEB792Message"]
    for n in range(2):
        numbers = journal.customs_numbers([ids[f"inventory{n}"]])[ids[f"inventory{n}"]]
        assert numbers["entryId"] == "370020240000000001"


def test_a_result_dated_in_the_future_is_kept_but_gives_no_numbers(world):
    journal, outbox, ids = world
    head, lines = summary_result(opDate=at(days=3))
    data = receipt("CEB702Message", [{"guid": "G" * 36, "agentCode": AGENT, "ebcCode": EBC,
                                       "copNo": _copno(journal, ids["summary"]), "preNo": "B20240101000000009",
                                       "sumNo": SUM_NO, "msgSeqNo": "1", "returnStatus": "399",
                                       "returnTime": at(minutes=-3), "returnInfo": "审结"}])  # fmt: skip
    _drop(outbox, "702.xml", data)
    _drop(outbox, "792.xml", receipt("CEB792Message", [head], [lines]))
    report = _read(journal, outbox)
    assert not report.rejected and report.warnings
    numbers = journal.customs_numbers([ids["summary"]])[ids["summary"]]
    assert numbers["sumNo"] == SUM_NO and "entryId" not in numbers
    assert journal.document(ids["summary"]).customs_status == "399"
    flagged = [r for r in journal.receipts_for(ids["summary"]) if r["flag"]]
    assert len(flagged) == 1


def test_a_summary_result_cut_off_waits_for_the_rest(world):
    journal, outbox, ids = world
    head, lines = summary_result()
    data = receipt("CEB792Message", [head], [lines])
    _drop(outbox, "792.xml", data[: len(data) // 2])
    report = ingest(journal, outbox, settle=0, grace=3600)
    assert report.waiting and not report.rejected and not report.ingested


@pytest.mark.parametrize("copies", [2, 10])
def test_the_same_export_return_repeated_is_kept_once(world, copies):
    journal, outbox, ids = world
    values = inventory_return(_copno(journal, ids["inventory0"]), "800")
    _drop(outbox, "a.xml", receipt("CEB604Message", [values] * copies))
    _drop(outbox, "b.xml", receipt("CEB604Message", [{**values, "guid": "0" * 36}]))
    report = _read(journal, outbox)
    assert not report.rejected
    assert len(journal.receipts_for(ids["inventory0"])) == 1


def test_an_unknown_element_in_an_export_receipt_is_read_with_a_warning(world):
    journal, outbox, ids = world
    data = receipt("CEB604Message", [inventory_return(_copno(journal, ids["inventory0"]), "120")])
    data = data.replace(b"</ceb:returnInfo>", b"</ceb:returnInfo><ceb:extra>x</ceb:extra>", 1)
    _drop(outbox, "a.xml", data)
    report = _read(journal, outbox)
    assert not report.rejected, report.to_json()
    assert journal.document(ids["inventory0"]).customs_status == "120"


def test_the_summary_result_history_keeps_its_list(world):
    journal, outbox, ids = world
    _drop(
        outbox,
        "604.xml",
        receipt("CEB604Message", [inventory_return(_copno(journal, ids["inventory0"]), "800")]),
    )
    head, lines = summary_result()
    _drop(outbox, "792.xml", receipt("CEB792Message", [head], [lines]))
    assert not _read(journal, outbox).rejected
    [row] = [r for r in journal.receipts_for(ids["summary"]) if r["message_type"] == "CEB792Message"]
    assert json.loads(row["keys"])["lines"] == lines
    [row] = [r for r in journal.receipts_for(ids["inventory0"]) if r["message_type"] == "CEB792Message"]
    assert json.loads(row["keys"])["lines"] == lines[:1]


def _without(data: bytes, element: bytes) -> bytes:
    start = data.index(b"<ceb:" + element + b">")
    end = data.index(b"</ceb:" + element + b">") + len(element) + 7
    return data[:start] + data[end:]


@pytest.mark.parametrize(
    ("case", "spoil"),
    [
        # the official 202205 CEB792 sample itself has no gseqno: customs' own output is read
        ("no-gseqno-as-the-official-sample", lambda d: _without(d, b"gseqno")),
        ("no-decState", lambda d: _without(d, b"decState")),
        ("gseqno-not-a-number", lambda d: d.replace(b"<ceb:gseqno>1<", b"<ceb:gseqno>one<")),
    ],
)
def test_customs_own_summary_result_is_read_even_where_the_xsd_would_refuse_it(world, case, spoil):
    """What customs sends is kept rather than lost: its values are its own, and the journal
    shows them as they came."""
    journal, outbox, ids = world
    _drop(
        outbox,
        "604.xml",
        receipt("CEB604Message", [inventory_return(_copno(journal, ids["inventory0"]), "800")]),
    )
    head, lines = summary_result()
    _drop(outbox, "792.xml", spoil(receipt("CEB792Message", [head], [lines])))
    report = _read(journal, outbox)
    assert not report.rejected, report.to_json()
    numbers = journal.customs_numbers([ids["summary"]])[ids["summary"]]
    assert numbers["entryId"] == "370020240000000001"
