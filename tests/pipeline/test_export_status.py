"""Status and query show export documents: their types, customs' statuses and meanings (export
codes read by the export ranges), the numbers customs gave, and a filter by direction."""

from __future__ import annotations

import pytest

from cebdesk.exchange.receipts import ingest_bytes
from cebdesk.messages.build import build_message, serialize
from cebdesk.pipeline.workspace import StatusQuery, Workspace
from cebdesk.records import Document, XmlOrigin
from cebdesk.spec import document_type, message_type
from cebdesk.store import Journal
from tests.exchange.exportdocs import AGENT, EBC, head_and_lines
from tests.factory import value_for


def _receipt(code: str, values: dict[str, str]) -> bytes:
    return serialize(
        build_message(message_type(code), [Document(message_type(code), values, [], XmlOrigin("c", "/"))])
    )


@pytest.fixture
def workspace(tmp_path):
    data = tmp_path / "data"
    with Journal(data / "journal.sqlite3") as journal:
        order = document_type("order")
        head = {f.name: value_for(f, 0) for f in order.head.fields}
        with journal.transaction():
            journal.import_document(order.message.code, order.business_key(head), head, [])
        inventory = document_type("export-inventory")
        for n, status in enumerate(("800", "-601001")):
            head, lines = head_and_lines(inventory, n)
            with journal.transaction():
                journal.import_document(inventory.message.code, inventory.business_key(head), head, lines)
            values = {
                "guid": "4CDE1CFD-EDED-46B1-946C-B8022E42FC94",
                "agentCode": AGENT,
                "copNo": head["copNo"],
                "preNo": f"B20240101{n:09d}",
                "invtNo": f"37002024E{n:09d}",
                "ebcCode": EBC,
                "ebpCode": AGENT,
                "orderNo": head["orderNo"],
                "statisticsFlag": "B",
                "returnStatus": status,
                "returnTime": "20240101120000000",
                "returnInfo": "放行" if status == "800" else "验签失败",
            }
            ingest_bytes(journal, f"604-{n}.xml", _receipt("CEB604Message", values))
    return Workspace(data, exchange_dir=tmp_path / "exchange")


@pytest.mark.parametrize(
    ("direction", "types"),
    [
        ("export", {"CEB603Message"}),
        ("import", {"CEB311Message"}),
        (None, {"CEB603Message", "CEB311Message"}),
    ],
)
def test_status_filters_by_direction(workspace, direction, types):
    assert {d.message_type for d in workspace.status(StatusQuery(direction=direction))} == types


@pytest.mark.parametrize(
    ("lang", "meanings"),
    [
        ("zh", {"放行", "申报清单签名校验失败（-601001）"}),
        ("en", {"Released", "Export inventory: signature check failed (-601001)"}),
    ],
)
def test_export_statuses_read_in_either_language(workspace, lang, meanings):
    found = workspace.status(StatusQuery(message_type="CEB603Message"), history=True, lang=lang)
    assert {d.meaning for d in found} == meanings
    assert {r.meaning for d in found for r in d.history} == meanings
    assert {r.receipt for d in found for r in d.history} == {"CEB604Message"}


def test_the_numbers_customs_gave_are_shown_and_searchable(workspace):
    found = workspace.status(StatusQuery(message_type="CEB603Message"))
    assert {d.numbers["invtNo"] for d in found} == {"37002024E000000000", "37002024E000000001"}
    assert all(d.to_json()["numbers"]["preNo"].startswith("B2024") for d in found)
    [by_invt] = workspace.status(StatusQuery(key="37002024E000000000"))
    assert by_invt.return_status == "800"
    [by_status] = workspace.status(StatusQuery(status="-601001", direction="export"))
    assert by_status.family.name == "REJECTED"
