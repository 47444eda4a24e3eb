"""Numbered schema steps. Each runs in one transaction with its version bump (PRAGMA user_version);
the database file is copied aside before an existing journal is migrated."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: documents, messages, receipts, events
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        message_type TEXT NOT NULL,          -- CEB621Message
        business_key TEXT NOT NULL,          -- orderNo, logisticsNo… as the document type says
        guid TEXT NOT NULL,                  -- the head's guid
        app_type TEXT NOT NULL DEFAULT '1',
        content_hash TEXT NOT NULL,
        record TEXT NOT NULL,                -- JSON {"head": {...}, "lines": [...]}
        pending_record TEXT,                 -- a changed re-import, sent as appType 2 on request
        source_file TEXT,
        source_sheet TEXT,
        source_row INTEGER,
        state TEXT NOT NULL,                 -- ready, planned, sent, changed
        message_id INTEGER REFERENCES messages(id),
        customs_status TEXT,                 -- last returnStatus
        customs_info TEXT,
        customs_time TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        UNIQUE (message_type, business_key)
    );
    CREATE INDEX documents_state ON documents(state);
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,           -- root guid, also the CopMsgId
        message_type TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT,
        signer TEXT,
        state TEXT NOT NULL,                 -- planned, staged, sent
        channel TEXT,                        -- folder, http
        created TEXT NOT NULL,
        sent TEXT
    );
    CREATE INDEX messages_state ON messages(state);
    CREATE TABLE receipt_files (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        message_type TEXT NOT NULL,          -- CEB622Message
        raw BLOB NOT NULL,                   -- the receipt exactly as it arrived
        sha256 TEXT NOT NULL UNIQUE,         -- the same file twice is ingested once
        received TEXT NOT NULL
    );
    CREATE TABLE receipts (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES receipt_files(id),
        position INTEGER NOT NULL,           -- which …Return of the file
        document_id INTEGER REFERENCES documents(id),
        message_id INTEGER REFERENCES messages(id),
        return_status TEXT,
        return_info TEXT,
        return_time TEXT,
        keys TEXT                            -- JSON of the Return's fields
    );
    CREATE INDEX receipts_document ON receipts(document_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        kind TEXT NOT NULL,
        document_id INTEGER,
        message_id INTEGER,
        detail TEXT
    );
    CREATE INDEX documents_key ON documents(business_key);
    """,
    # 2: the numbers a receipt may use to name a document (copNo, invtNo, preNo, rkdNo), indexed
    """
    CREATE TABLE document_keys (
        document_id INTEGER NOT NULL REFERENCES documents(id),
        element TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (element, value, document_id)
    );
    INSERT OR IGNORE INTO document_keys
        SELECT id, 'copNo', json_extract(record, '$.head.copNo') FROM documents
        WHERE json_extract(record, '$.head.copNo') IS NOT NULL;
    INSERT OR IGNORE INTO document_keys
        SELECT id, 'invtNo', json_extract(record, '$.head.invtNo') FROM documents
        WHERE json_extract(record, '$.head.invtNo') IS NOT NULL;
    INSERT OR IGNORE INTO document_keys
        SELECT document_id, 'invtNo', json_extract(keys, '$.invtNo') FROM receipts
        WHERE document_id IS NOT NULL AND json_extract(keys, '$.invtNo') IS NOT NULL;
    INSERT OR IGNORE INTO document_keys
        SELECT document_id, 'preNo', json_extract(keys, '$.preNo') FROM receipts
        WHERE document_id IS NOT NULL AND json_extract(keys, '$.preNo') IS NOT NULL;
    INSERT OR IGNORE INTO document_keys
        SELECT document_id, 'rkdNo', json_extract(keys, '$.rkdNo') FROM receipts
        WHERE document_id IS NOT NULL AND json_extract(keys, '$.rkdNo') IS NOT NULL;
    CREATE INDEX messages_guid ON messages(guid COLLATE NOCASE);
    """,
    # where each message was staged (the outbox root) and where it was delivered (a file in send/
    # or the upload URL): a staged file that is gone is never taken for a delivered one
    """
    ALTER TABLE messages ADD COLUMN outbox TEXT;
    ALTER TABLE messages ADD COLUMN delivered TEXT;
    """,
]
