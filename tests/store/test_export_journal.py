"""The journal keeps export documents by the identity customs uses, beside import ones, in
journals of every schema version."""

from __future__ import annotations

import sqlite3

import pytest

from cebdesk.spec import EXPORT_TYPES, document_type
from cebdesk.store import Journal
from cebdesk.store.migrations import MIGRATIONS
from tests.exchange.exportdocs import head_and_lines


@pytest.mark.parametrize("version", range(1, 4))  # steps of plain SQL (4 needs the journal's functions)
def test_an_older_journal_opens_and_takes_export_documents(tmp_path, version):
    path = tmp_path / "journal.sqlite3"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        db.executescript(f"BEGIN; {step}; COMMIT;")
    db.execute(f"PRAGMA user_version={version}")
    db.close()
    with Journal(path) as journal:
        assert journal.version == len(MIGRATIONS)
        summary = document_type("summary")
        head, _ = head_and_lines(summary, 0)
        with journal.transaction():
            document_id, outcome = journal.import_document(
                summary.message.code, summary.business_key(head), head, [{"invtNo": "37002024E000000001"}]
            )
        assert outcome == "new"
        assert journal.find_documents_by("CEB701Message", "invtNo", "37002024E000000001") == [document_id]
        assert [r["id"] for r in journal.search(key="37002024E000000001")] == [document_id]


@pytest.mark.parametrize("dt", EXPORT_TYPES, ids=lambda dt: dt.name)
def test_export_documents_are_known_by_number_and_enterprise(journal_target, dt):
    """The same number from another enterprise is another document; the same rows again are the
    same one; other values wait as a change."""
    with Journal(journal_target) as journal:
        head, lines = head_and_lines(dt, 0)
        other = {**head, **{k: "9999999999" for k in dt.identity[1:]}}
        changed = {**head, "note": "改"} if "note" in dt.head else {**head, "appStatus": "1"}
        with journal.transaction():
            first, a = journal.import_document(dt.message.code, dt.business_key(head), head, lines)
            again, b = journal.import_document(dt.message.code, dt.business_key(head), dict(head), lines)
            second, c = journal.import_document(dt.message.code, dt.business_key(other), other, lines)
            third, d = journal.import_document(dt.message.code, dt.business_key(changed), changed, lines)
        assert (a, b, c, d) == ("new", "same", "new", "changed")
        assert first == again == third != second
        assert len(dt.identity) == 2 and dt.business_key(head).split("/")[0] == head[dt.key[0]]


def test_an_import_and_an_export_document_with_one_number_are_two(journal_target):
    with Journal(journal_target) as journal:
        ids = []
        for name in ("export-order", "order"):
            dt = document_type(name)
            head, lines = head_and_lines(dt, 0) if dt.direction == "export" else ({}, [])
            head = head or {"orderNo": "E00000EXP", "ebpCode": "1105910159"}
            with journal.transaction():
                ids.append(journal.import_document(dt.message.code, dt.business_key(head), head, lines)[0])
        assert len(set(ids)) == 2
        assert journal.find_documents_by("CEB303Message", "orderNo", "E00000EXP") == [ids[0]]


def _arrival_return(head, seq: str, status: str, time_: str) -> dict[str, str]:
    return {
        "guid": f"G{seq}{status}".ljust(36, "0"),
        "operatorCode": head["operatorCode"],
        "logisticsCode": head["logisticsCode"],
        "preNo": "B20240101000000001",
        "copNo": head["copNo"],
        "billNo": "B1",
        "msgSeqNo": seq,
        "returnStatus": status,
        "returnTime": time_,
        "returnInfo": status,
    }


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # (part, status, time): the part customs refused decides, whatever came later
        ([("1", "399", "20240101120500000"), ("2", "-802001", "20240101120000000")], "-802001"),
        ([("1", "399", "20240101120500000"), ("2", "100", "20240101120000000")], "100"),
        # the part furthest behind decides: the document is cleared when every part is
        ([("1", "399", "20240101120500000"), ("2", "2", "20240101120000000")], "2"),
        ([("1", "2", "20240101120000000"), ("1", "399", "20240101120500000"), ("2", "399", "20240101120100000")], "399"),
        # a part refused, then declared again and cleared: cleared
        ([("2", "-802001", "20240101120000000"), ("2", "399", "20240101120600000"), ("1", "399", "20240101120500000")], "399"),
        # one part only (not split): its latest status, as for any document
        ([("1", "2", "20240101120000000"), ("1", "399", "20240101120500000")], "399"),
    ],
)
def test_a_split_documents_status_is_that_of_its_parts_together(journal_target, answers, expected):
    """Arrival, departure, waybill and summary go in parts (msgSeqNo); each part has its own
    receipts. A refused part is not hidden by another part's later success."""
    dt = document_type("arrival")
    with Journal(journal_target) as journal:
        head, lines = head_and_lines(dt, 0)
        with journal.transaction():
            document_id, _ = journal.import_document(dt.message.code, dt.business_key(head), head, lines)
            file_id = journal.add_receipt_file("r.xml", "CEB508Message", b"x", "0" * 64)
            for position, (seq, status, time_) in enumerate(answers):
                journal.add_receipt(file_id, position, _arrival_return(head, seq, status, time_), document_id, None)
        assert journal.document(document_id).customs_status == expected
