"""A journal several seats share, on a real PostgreSQL server (a throw-away cluster): the same
document journaled by two seats at once is one document (the unique key decides, not a look-up
before the insert), senders on several seats never claim the same document or message, the
schema made once."""

from __future__ import annotations

import threading

import pytest

from cebdesk.store import Journal, JournalBusy
from cebdesk.store.database import Row, _row_class, to_postgres, without_password
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


def test_seats_opening_a_new_journal_at_once_make_its_schema_once(postgres, request):
    """Each seat reads the schema's version, then waits its turn to make it: the seat after the
    first must find the version the first recorded (a server that remembered "no such table"
    from the first look would have it make the tables again)."""
    for attempt in range(3):
        url = postgres.new_database(f"race_{attempt}_" + request.node.name.lower()[:30])
        start, errors = threading.Barrier(6), []

        def seat(url=url, start=start, errors=errors):
            try:
                start.wait()
                Journal(url).close()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=seat) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        with Journal(url) as journal:
            assert journal.version == len(MIGRATIONS)


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


def _ready(journal, count):
    with journal.transaction():
        return [
            journal.import_document("CEB311Message", f"A{i}/1105910159", {**HEAD, "orderNo": f"A{i}"}, [])[0]
            for i in range(count)
        ]


def test_two_senders_claim_different_documents(url):
    """Sender A has claimed the two oldest ready documents and not yet planned them: sender B,
    claiming at the same time, skips them instead of waiting or taking them too."""
    with Journal(url) as a, Journal(url) as b:
        ids = _ready(a, 5)
        a.db.begin()
        assert [d.id for d in a.claim_ready(2)] == ids[:2]
        with b.transaction():
            assert [d.id for d in b.claim_ready(2)] == ids[2:4]
            assert [d.id for d in b.claim_ready(10, "CEB311Message")] == ids[2:]
        a.db.rollback()  # not planned: free again
        with b.transaction():
            assert [d.id for d in b.claim_ready(10)] == ids


def test_a_message_is_held_by_one_sender_and_a_killed_ones_goes_with_its_connection(url):
    a, b = Journal(url), Journal(url)
    try:
        ids = _ready(a, 1)
        message_id = a.plan_message("CEB311Message", "M1", "CEB311Message_M1.xml", ids)
        assert a.hold(message_id) and not b.hold(message_id)
        a.release(message_id)
        assert b.hold(message_id) and not a.hold(message_id)
        b.db.close()  # as when the process dies: the server ends the session and its locks
        assert a.hold(message_id)
        assert [m.id for m in a.unfinished_messages()] == [message_id]
    finally:
        a.close()
        b.close()


def test_a_journal_file_has_one_sender_a_shared_one_needs_no_lock(url, tmp_path):
    file = tmp_path / "j.sqlite3"
    with Journal(file) as a, Journal(file) as b, a.send_lock(), pytest.raises(JournalBusy), b.send_lock():
        pass
    with Journal(url) as a, Journal(url) as b, a.send_lock(), b.send_lock():
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
    assert without_password("postgresql://clerk:s3cret@db.office/cebdesk") == "postgresql://clerk@db.office/cebdesk"
