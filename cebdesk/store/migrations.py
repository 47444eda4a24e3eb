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

# -- step 4 ---------------------------------------------------------------------------------------
# The identities as spec/documents.py defined them when this step was written (frozen here: a
# migration must not change when the spec does later). Types not named keep their key.
_IDENTITY_4 = {
    "CEB311Message": ("orderNo", "ebpCode"),
    "CEB411Message": ("payTransactionId", "payCode"),
    "CEB511Message": ("logisticsNo", "logisticsCode"),
    "CEB513Message": ("logisticsNo", "logisticsCode"),
    "CEB621Message": ("orderNo", "ebpCode"),
    "CEB711Message": ("billNo", "operatorCode"),
}
#: Receipts that were matched by the number alone and are matched by the identity now.
_RETURNS_4 = {
    "CEB312Message": "CEB311Message",
    "CEB412Message": "CEB411Message",
    "CEB512Message": "CEB511Message",
    "CEB514Message": "CEB513Message",
}
_NOW_4 = "strftime('%Y-%m-%dT%H:%M:%f', 'now', 'localtime')"


def _joined_4(column: str, path: str, elements: tuple[str, ...]) -> str:
    return " || '/' || ".join(f"COALESCE(json_extract({column}, '{path}{e}'), '')" for e in elements)


def _key_4(column: str) -> str:
    """SQL: the business key of a documents row's ``column`` (record or pending_record)."""
    cases = " ".join(
        f"WHEN '{code}' THEN {_joined_4(column, '$.head.', elements)}"
        for code, elements in _IDENTITY_4.items()
    )
    return f"(CASE message_type {cases} ELSE business_key END)"


_MOVED_4 = " UNION ALL ".join(
    f"SELECT r.id, r.document_id AS old_doc, (SELECT d.id FROM documents d WHERE d.message_type = '{decl}'"
    f" AND d.business_key = {_joined_4('r.keys', '$.', _IDENTITY_4[decl])}) AS new_doc"
    f" FROM receipts r JOIN receipt_files f ON f.id = r.file_id WHERE f.message_type = '{code}'"
    " AND r.message_id IS NULL AND "
    + " AND ".join(f"json_extract(r.keys, '$.{e}') IS NOT NULL" for e in _IDENTITY_4[decl])
    for code, decl in _RETURNS_4.items()
)

MIGRATIONS.append(
    # 4: documents known by the key customs uses (the number and its enterprise); a re-import
    #    that was another enterprise's document becomes a document of its own; receipts matched
    #    again by that key; receipts dated far in the future flagged (they decide no status);
    #    the same return kept once (fingerprint); statuses decided again.
    f"""
    ALTER TABLE receipts ADD COLUMN flag TEXT;          -- future: returnTime far ahead; decides nothing
    ALTER TABLE receipts ADD COLUMN fingerprint TEXT;   -- the same return (all but its guid) is kept once
    UPDATE documents SET business_key = {_key_4("record")};

    CREATE TEMP TABLE step4_split AS
        SELECT id AS old_id, message_type, {_key_4("pending_record")} AS new_key FROM documents
        WHERE pending_record IS NOT NULL AND {_key_4("pending_record")} <> business_key;
    INSERT OR IGNORE INTO documents (message_type, business_key, guid, app_type, content_hash, record,
            source_file, source_sheet, source_row, state, created, updated)
        SELECT d.message_type, s.new_key, COALESCE(json_extract(d.pending_record, '$.head.guid'), ''),
            COALESCE(json_extract(d.pending_record, '$.head.appType'), '1'),
            cebdesk_content_hash(d.pending_record), d.pending_record, d.source_file, d.source_sheet,
            d.source_row, 'ready', {_NOW_4}, {_NOW_4}
        FROM step4_split s JOIN documents d ON d.id = s.old_id;
    CREATE TEMP TABLE step4_new AS
        SELECT s.old_id, n.id AS new_id, s.new_key FROM step4_split s
        JOIN documents o ON o.id = s.old_id
        JOIN documents n ON n.message_type = s.message_type AND n.business_key = s.new_key
        WHERE n.record = o.pending_record;
    UPDATE documents SET pending_record = NULL WHERE id IN (SELECT old_id FROM step4_new);
    UPDATE documents SET record = json_set(record, '$.head.copNo', printf('CEBD%016d', id))
        WHERE id IN (SELECT new_id FROM step4_new) AND message_type IN ('CEB621Message', 'CEB711Message')
        AND COALESCE(json_extract(record, '$.head.copNo'), '') = '';
    INSERT INTO events (time, kind, document_id, detail)
        SELECT {_NOW_4}, 'split', old_id, 'the pending re-import is another document: ' || new_key
        FROM step4_new;
    INSERT INTO events (time, kind, document_id, detail)
        SELECT {_NOW_4}, 'imported', new_id, 'from the pending re-import of document ' || old_id
        FROM step4_new;
    DROP TABLE step4_split;
    DROP TABLE step4_new;

    CREATE TEMP TABLE step4_moved AS {_MOVED_4};
    DELETE FROM step4_moved WHERE old_doc IS new_doc;
    UPDATE receipts SET document_id = (SELECT new_doc FROM step4_moved m WHERE m.id = receipts.id)
        WHERE id IN (SELECT id FROM step4_moved);
    INSERT INTO events (time, kind, document_id, detail)
        SELECT {_NOW_4}, 'receipt-moved', old_doc, 'receipt ' || id || ' answers '
            || COALESCE('document ' || new_doc, 'no document in the journal') || ' (it carries another enterprise code)'
        FROM step4_moved;
    DROP TABLE step4_moved;

    UPDATE receipts SET flag = 'future'
        WHERE substr(return_time, 1, 14) > strftime('%Y%m%d%H%M%S', 'now', 'localtime', '+1 day');
    INSERT INTO events (time, kind, document_id, detail)
        SELECT {_NOW_4}, 'receipt-implausible', document_id, 'returnTime ' || return_time
            || ' is more than a day ahead of the clock; kept, decides no status'
        FROM receipts WHERE flag IS NOT NULL;
    UPDATE receipts SET fingerprint = cebdesk_receipt_fingerprint(document_id, message_id, keys);
    DELETE FROM receipts WHERE fingerprint IS NOT NULL
        AND id NOT IN (SELECT MIN(id) FROM receipts WHERE fingerprint IS NOT NULL GROUP BY fingerprint);
    CREATE UNIQUE INDEX receipts_fingerprint ON receipts(fingerprint);
    UPDATE documents SET (customs_status, customs_info, customs_time) = (SELECT return_status, return_info,
            return_time FROM receipts r WHERE r.document_id = documents.id AND r.flag IS NULL
            AND r.return_status IS NOT NULL ORDER BY COALESCE(r.return_time, '') DESC, r.id DESC LIMIT 1)
        WHERE customs_status IS NOT NULL OR id IN (SELECT document_id FROM receipts);
    INSERT OR IGNORE INTO document_keys
        SELECT id, 'orderNo', json_extract(record, '$.head.orderNo') FROM documents
        WHERE json_extract(record, '$.head.orderNo') IS NOT NULL;
    INSERT OR IGNORE INTO document_keys
        SELECT id, 'copNo', json_extract(record, '$.head.copNo') FROM documents
        WHERE json_extract(record, '$.head.copNo') IS NOT NULL
    """
)

MIGRATIONS.append(
    # 5: a document sent in parts goes as one message a part ("拆分后的报文总数"): such a message
    #    names its document (part_of), its msgSeqNo (part) and the lines a part held when it was
    #    planned (part_lines), so a lost part is built again with the same lines.
    """
    ALTER TABLE messages ADD COLUMN part_of INTEGER REFERENCES documents(id);
    ALTER TABLE messages ADD COLUMN part INTEGER;
    ALTER TABLE messages ADD COLUMN part_lines INTEGER;
    """
)

MIGRATIONS.append(
    # 6: every version of a document with who made it and when (entered, saved as draft,
    #    declared, edited before sending, modified as appType 2, declared again after a
    #    refusal, deleted as appType 3). The versions of a draft removed before it was ever sent
    #    stay (no foreign key). Documents already in the journal get their current values as
    #    version 1 ("journaled", who unknown, at the time they were first journaled).
    """
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL,
        number INTEGER NOT NULL,             -- 1, 2, 3… per document
        kind TEXT NOT NULL,                  -- journaled, imported, draft, declared, edited, modified,
                                             -- redeclared, deleted, discarded
        app_type TEXT,
        app_status TEXT,
        record TEXT NOT NULL,                -- JSON {"head": {...}, "lines": [...]} of this version
        who TEXT,
        time TEXT NOT NULL,
        changes TEXT,                        -- JSON list of changes from the version before
        UNIQUE (document_id, number)
    );
    INSERT INTO versions (document_id, number, kind, app_type, app_status, record, who, time)
        SELECT id, 1, 'journaled', app_type, json_extract(record, '$.head.appStatus'), record, NULL, created
        FROM documents
    """
)

MIGRATIONS.append(
    # 7: the buyer's import inventories found by the buyer's ID number (the annual limit,
    #    checks/limits.py), an index on the value in the record; documents imported "for checking
    #    only" (state reference: the platform's orders, the payment company's payments, never
    #    sent) need no column of their own.
    """
    CREATE INDEX documents_buyer ON documents (json_extract(record, '$.head.buyerIdNumber'))
        WHERE message_type = 'CEB621Message'
    """
)

MIGRATIONS.append(
    # 8: the transfer client's taking or refusing a message is an event of that message
    #    (exchange/transfer.py); the messages still waiting for one are found by this index.
    """
    CREATE INDEX events_message ON events (message_id, kind) WHERE message_id IS NOT NULL
    """
)

MIGRATIONS.append(
    # 9: who sent a message (the seat that signed and handed it over: "operator@host"), shown
    #    beside who imported a document (its first version's ``who``); the ready documents
    #    found oldest first by an index of their own, as each sender claims the next ones
    #    (several senders share a journal on a server, store/database.py).
    """
    ALTER TABLE messages ADD COLUMN sent_by TEXT;
    CREATE INDEX documents_ready ON documents (id) WHERE state = 'ready'
    """
)
