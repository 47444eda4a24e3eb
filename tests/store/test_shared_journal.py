"""A journal several seats share, on a real PostgreSQL server (a throw-away cluster): the same
document journaled by two seats at once is one document (the unique key decides, not a look-up
before the insert), one sender at a time whatever seat it runs on, the schema made once."""

from __future__ import annotations

import threading

import pytest

from cebdesk.store import Journal, JournalBusy
from cebdesk.store.database import Row, _row_class, _without_password, to_postgres
from cebdesk.store.migrations import MIGRATIONS

HEAD = {"guid": "G1", "orderNo": "A1", "ebpCode": "1105910159", "appType": "1", "buyerName": "张三"}


@pytest.fixture
def url(postgres, request):
    return postgres.new_database("shared_" + request.node.name.lower()[:40].replace("[", "_").replace("]", ""))


def test_a_new_shared_journal_is_at_the_latest_schema_and_opens_again_unchanged(url):
    with Journal(url) as journal:
        assert journal.version == len(MIGRATIONS) and journal.shared and journal.path is None
        assert journal.spool_dir is None
    with Journal(url) as again:
        assert again.version == len(MIGRATIONS)


def test_the_same_document_from_two_seats_at_once_is_one_document(url):
    """Seat A has journaled the order but not committed; seat B, importing the same order, waits
    on the unique key and then finds A's document: one document, "same" for B."""
    with Journal(url) as a, Journal(url) as b:
        outcome = {}
        a.db.begin()
        first = a.import_document("CEB311Message", "A1/1105910159", HEAD, [{"gnum": "1"}])

        def seat_b():
            with b.transaction():
                outcome["b"] = b.import_document("CEB311Message", "A1/1105910159", {**HEAD, "guid": "G2"}, [{"gnum": "1"}])

        thread = threading.Thread(target=seat_b)
        thread.start()
        thread.join(0.5)
        assert thread.is_alive()  # waiting on seat A's row
        a.db.commit()
        thread.join(10)
        assert first[1] == "new" and outcome["b"] == (first[0], "same")
        assert len(a.documents()) == 1


def test_a_change_imported_by_another_seat_waits_as_a_change(url):
    with Journal(url) as a, Journal(url) as b:
        with a.transaction():
            first = a.import_document("CEB311Message", "A1/1105910159", HEAD, [])
        with b.transaction():
            changed = b.import_document("CEB311Message", "A1/1105910159", {**HEAD, "buyerName": "李四"}, [])
        assert changed == (first[0], "changed")
        assert a.document(first[0]).head["buyerName"] == "张三"


def test_one_sender_at_a_time_whatever_seat(url):
    with Journal(url) as a, Journal(url) as b:
        with a.send_lock(), pytest.raises(JournalBusy), b.send_lock():
            pass
        with b.send_lock():  # released with A's send
            pass


def test_a_killed_senders_lock_goes_with_its_connection(url):
    a = Journal(url)
    with Journal(url) as b:
        lock = a.send_lock()
        lock.__enter__()
        a.db.close()  # as when the process dies: the server ends the session and its locks
        with b.send_lock():
            pass


def test_receipts_bytes_and_json_lookups_work_on_the_server(url):
    with Journal(url) as journal:
        with journal.transaction():
            document_id, _ = journal.import_document("CEB621Message", "A1/1105910159", {**HEAD, "buyerIdNumber": "X1"}, [])
            file_id = journal.add_receipt_file("r.xml", "CEB622Message", b"<x>\x00\xff</x>", "0" * 64)
            assert journal.add_receipt_file("r.xml", "CEB622Message", b"<x/>", "0" * 64) is None  # known bytes
            values = {"guid": "R1", "returnStatus": "-621001", "returnTime": "20240101120000000", "invtNo": "I1"}
            assert journal.add_receipt(file_id, 0, values, document_id, None)
            assert not journal.add_receipt(file_id, 0, values, document_id, None)  # the same return once
        assert journal.document(document_id).customs_status == "-621001"
        assert journal.find_document_by("CEB621Message", "invtNo", "I1") == document_id
        raw = journal.db.execute("SELECT raw FROM receipt_files WHERE id=?", (file_id,)).fetchone()["raw"]
        assert bytes(raw) == b"<x>\x00\xff</x>"
        # refused by customs: it no longer counts towards the buyer's limits
        assert journal.buyers_inventories(["X1"]) == {}


def test_the_sql_written_for_sqlite_is_turned_into_psycopgs():
    assert to_postgres("SELECT * FROM t WHERE a=? AND b LIKE '-%' AND c='?' AND d=:id") == (
        "SELECT * FROM t WHERE a=%s AND b LIKE '-%%' AND c='?' AND d=%(id)s"
    )
    assert to_postgres("SELECT x::jsonb, 'it''s ?' FROM t WHERE y=?") == "SELECT x::jsonb, 'it''s ?' FROM t WHERE y=%s"
    row = _row_class(("id", "state"))((7, "sent"))
    assert isinstance(row, Row) and row["state"] == "sent" and row[0] == 7 and row.keys() == ["id", "state"]
    assert _without_password("postgresql://clerk:s3cret@db.office/cebdesk") == "postgresql://clerk@db.office/cebdesk"
