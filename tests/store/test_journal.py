"""The journal: a real SQLite file, migrations, de-duplication, modifications."""

from __future__ import annotations

import sqlite3

from cebdesk.store import Journal
from cebdesk.store.migrations import MIGRATIONS


def test_new_journal_is_at_the_latest_schema_in_wal_mode(tmp_path):
    with Journal(tmp_path / "j.sqlite3") as journal:
        assert journal.version == len(MIGRATIONS)
        assert journal.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Journal(tmp_path / "j.sqlite3") as again:  # reopening migrates nothing
        assert again.version == len(MIGRATIONS)
    assert not list(tmp_path.glob("*.bak"))


def test_a_version_1_journal_is_copied_aside_then_migrated(tmp_path):
    path = tmp_path / "j.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + ";PRAGMA user_version=1;")
    db.execute(
        "INSERT INTO documents (message_type, business_key, guid, content_hash, record, state, created, updated)"
        " VALUES ('CEB621Message', 'A1', 'G', 'h', ?, 'sent', 't', 't')",
        ('{"head": {"copNo": "C-1", "orderNo": "A1"}, "lines": []}',),
    )
    db.commit()
    db.close()
    with Journal(path) as journal:
        assert journal.version == len(MIGRATIONS) >= 2
        assert journal.find_document_by("CEB621Message", "copNo", "C-1") == 1  # keys filled in by step 2
    assert (tmp_path / "j.v1.bak").is_file()
    old = sqlite3.connect(tmp_path / "j.v1.bak")
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1


def test_same_rows_twice_make_one_document_and_a_change_waits_for_the_user(journal_target):
    with Journal(journal_target) as journal:
        head = {
            "guid": "G1",
            "orderNo": "A1",
            "appType": "1",
            "appTime": "20240101000000",
            "buyerName": "张三",
        }
        with journal.transaction():
            first = journal.import_document("CEB311Message", "A1", head, [{"gnum": "1"}])
        with journal.transaction():  # the same rows again (other guid and time: not a change)
            again = journal.import_document(
                "CEB311Message", "A1", {**head, "guid": "G2", "appTime": "20240202000000"}, [{"gnum": "1"}]
            )
        with journal.transaction():
            changed = journal.import_document(
                "CEB311Message", "A1", {**head, "buyerName": "李四"}, [{"gnum": "1"}]
            )
        assert first == (1, "new") and again == (1, "same") and changed == (1, "changed")
        assert len(journal.documents()) == 1
        document = journal.document(1)
        assert document.head["buyerName"] == "张三" and document.app_type == "1"
        with journal.transaction():
            assert journal.promote_modification(1)
        document = journal.document(1)
        assert document.head["buyerName"] == "李四"
        assert document.head["appType"] == "2" and document.app_type == "2" and document.state == "ready"
        assert document.guid != "G1"


def test_a_document_goes_into_one_message_only(journal_target):
    import pytest

    with Journal(journal_target) as journal:
        with journal.transaction():
            journal.import_document("CEB411Message", "P1", {"guid": "G"}, [])
        journal.plan_message("CEB411Message", "M1", "a.xml", [1])
        with pytest.raises(RuntimeError):
            journal.plan_message("CEB411Message", "M2", "b.xml", [1])
        assert [m.guid for m in journal.messages()] == ["M1"]  # the failed plan left nothing
