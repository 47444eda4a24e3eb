"""The journal: a SQLite file (WAL, synchronous=FULL), or a PostgreSQL database several seats
share (store/database.py). Plain SQL; what was committed survives a crash or a power cut. Every
state change of a document or message is one committed transaction, so a batch killed at any
point can be finished by the next run without losing or repeating anything."""

from __future__ import annotations

import fcntl
import functools
import getpass
import hashlib
import json
import os
import shutil
import socket
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from ..files import private_dir, private_file
from ..spec.receipts import CUSTOMS_NUMBERS
from .database import POSTGRESQL, Database, PostgresDatabase, SqliteDatabase, is_url, transaction
from .migrations import MIGRATIONS
from .postgres_schema import BASELINE, SCHEMA as POSTGRES_SCHEMA, STEPS as POSTGRES_STEPS

APP_NAME = "cebdesk"
#: Head fields that do not make a document different when re-imported.
_VOLATILE = {"guid", "appTime", "appType"}
#: Numbers by which receipts name documents: from the declared head, and from receipts.
#: coElNo: the export return request's and tally's own number; sumNo: the summary's number
#: customs gave (CEB702), the customs declaration's numbers (CEB792).
HEAD_KEYS = ("copNo", "invtNo", "orderNo", "coElNo", "sumNo")
RECEIPT_KEYS = ("invtNo", "preNo", "rkdNo", "copNo", "sumNo", "declSeqNo", "entryId")
#: Numbers in a document's lines by which it is found: the inventories a summary (CEB701) names.
LINE_KEYS = ("invtNo",)
_NUMBER_ELEMENTS = tuple(name for name, _, _ in CUSTOMS_NUMBERS)
#: A document kept for the cross-document checks only (the platform's order, the payment
#: company's payment): never planned, never sent.
REFERENCE = "reference"


def _chunks(values: list, size: int = 500) -> Iterator[list]:
    """``values`` in pieces of ``size``: the parameters of one SQL IN (...) each."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


@functools.cache
def _os_user() -> str:
    """The OS user name, looked up once (a passwd lookup per version would cost an import)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment (no USER, no passwd entry)
        return ""


@functools.cache
def _host() -> str:
    return socket.gethostname() or "localhost"


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


def content_hash(head: dict[str, str], lines: list[dict[str, str]]) -> str:
    stable = {k: v for k, v in head.items() if k not in _VOLATILE}
    data = json.dumps({"head": stable, "lines": lines}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _record_hash(record: str | None) -> str | None:
    if record is None:
        return None
    parsed = json.loads(record)
    return content_hash(parsed.get("head") or {}, parsed.get("lines") or [])


def _refused(status: str | None) -> bool:
    """Customs refused it: a processing exception (negative), sending failed (4), returned (100)."""
    status = (status or "").strip()
    return status.startswith("-") or status in ("4", "100")


def _progress(status: str | None) -> int:
    """How far along a status is (1 暂存 … 899 结关), for comparing the parts of a document."""
    try:
        return int((status or "").strip())
    except ValueError:
        return 0


def receipt_fingerprint(document_id: int | None, message_id: int | None, keys: str | None) -> str | None:
    """What makes two …Returns the same receipt: the document (or message) answered and every
    value but the Return's own guid (status, time, text, numbers). Customs and transfer clients
    repeat returns, in one file and across files; each is kept once."""
    if keys is None:
        return None
    try:
        values = json.loads(keys)
    except ValueError:
        return None
    if isinstance(values, dict):
        values.pop("guid", None)
    data = json.dumps([document_id, message_id, values], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass
class DocumentRow:
    id: int
    message_type: str
    business_key: str
    guid: str
    app_type: str
    state: str
    head: dict[str, str]
    lines: list[dict[str, str]]
    message_id: int | None
    customs_status: str | None
    customs_info: str | None
    customs_time: str | None
    source_file: str | None
    source_sheet: str | None
    source_row: int | None
    updated: str


@dataclass
class MessageRow:
    id: int
    guid: str
    message_type: str
    file_name: str
    state: str
    sha256: str | None
    channel: str | None
    sent: str | None
    outbox: str | None = None  # the outbox root it was staged in
    delivered: str | None = None  # the file in send/ or the URL it went to
    #: One part of a document sent in parts: the document, its msgSeqNo, and the lines a part
    #: holds (the split it was planned with)
    part_of: int | None = None
    part: int | None = None
    part_lines: int | None = None
    #: the seat that signed it and handed it over ("operator@host")
    sent_by: str | None = None


class JournalBusy(Exception):
    """Another cebdesk process is sending from the same journal."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(f"another cebdesk is sending from the journal {path}; wait for it to finish")
        self.path = path


class Journal:
    """One journal: a SQLite file (the default) or a PostgreSQL database several seats share
    (``postgresql://`` URL); use as a context manager or call ``close()``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        #: the journal file (None: a journal on a server)
        self.path: Path | None = None
        #: who the versions this journal records are by (None: the OS user; see :meth:`who`)
        self.operator: str | None = None
        if is_url(path):
            self.db: Database = PostgresDatabase(str(path))
            self.where = self.db.where
            self._migrate(True)
            return
        self.path = Path(path)
        self.where = str(self.path)
        private_dir(self.path.parent)
        existed = self.path.exists() and self.path.stat().st_size > 0
        # private to the user (it holds ID numbers, phones, addresses); SQLite gives its -wal and
        # -shm the database's mode, and an older journal left readable is made private too
        for file in (self.path, *(self.path.with_name(self.path.name + s) for s in ("-wal", "-shm"))):
            if file == self.path or file.exists():
                private_file(file)
        db = SqliteDatabase(self.path)
        # used by schema step 4 to re-key existing journals: the same functions as below
        db.create_function("cebdesk_content_hash", 1, _record_hash)
        db.create_function("cebdesk_receipt_fingerprint", 3, receipt_fingerprint)
        self.db = db
        self._migrate(existed)

    @classmethod
    def in_dir(cls, data_dir: str | os.PathLike[str] | None) -> Journal:
        return cls(Path(data_dir or default_data_dir()) / "journal.sqlite3")

    @property
    def shared(self) -> bool:
        """A journal on a server, which several seats use at once."""
        return self.path is None

    @property
    def spool_dir(self) -> Path | None:
        """Where an import keeps what it read until the file is judged whole (beside the
        journal, on the same disk; a server's journal: the system's temporary folder)."""
        return self.path.parent if self.path is not None else None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return self.db.version

    def _migrate(self, existed: bool) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise RuntimeError(f"{self.where} was written by a newer cebdesk (schema {current})")
        if self.db.dialect == POSTGRESQL:
            if current < BASELINE:
                self.db.migrate(BASELINE, POSTGRES_SCHEMA)
            for version in range(max(current, BASELINE) + 1, len(MIGRATIONS) + 1):
                self.db.migrate(version, POSTGRES_STEPS[version])
            return
        if current < len(MIGRATIONS) and existed and current > 0:
            shutil.copy2(self.path, self.path.with_suffix(f".v{current}.bak"))
        for version in range(current + 1, len(MIGRATIONS) + 1):
            self.db.migrate(version, MIGRATIONS[version - 1])  # the step and its version bump: one transaction

    @contextmanager
    def send_lock(self) -> Iterator[None]:
        """One sender per journal file, whatever outbox each one names: two would plan the same
        documents into two messages. A shared journal needs none: its senders claim documents
        and messages (:meth:`claim_ready`, :meth:`hold`), so several work side by side."""
        if self.path is None:
            yield
            return
        with self.path.with_name(self.path.name + ".send-lock").open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise JournalBusy(self.path) from None
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        with transaction(self.db) as db:
            yield db

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """A transaction of its own, or a part of the caller's."""
        if self.db.in_transaction:
            yield
            return
        with transaction(self.db):
            yield

    def event(
        self, kind: str, detail: str = "", *, document_id: int | None = None, message_id: int | None = None
    ) -> None:
        self.db.execute(
            "INSERT INTO events (time, kind, document_id, message_id, detail) VALUES (?, ?, ?, ?, ?)",
            (_now(), kind, document_id, message_id, detail),
        )

    # -- documents ------------------------------------------------------------------------------
    def import_document(
        self,
        message_type: str,
        business_key: str,
        head: dict[str, str],
        lines: list[dict[str, str]],
        source: tuple[str | None, str | None, int | None] = (None, None, None),
        *,
        state: str = "ready",
    ) -> tuple[int, str]:
        """Record a document; returns (id, "new" | "same" | "changed"). Call inside a transaction.

        The same rows imported twice make one document. A changed document is kept aside
        (pending) and sent as appType 2 only when the user asks.

        ``state`` ``reference``: a document someone else declares (the platform's order, the
        payment company's payment), kept for the cross-document checks only and never sent. A
        reference imported again takes the new values; a document imported to declare replaces
        a reference of the same key (it is then new here); a reference never touches a document
        of this cebdesk.
        """
        digest = content_hash(head, lines)
        row = self.db.execute(
            "SELECT id, content_hash, pending_record, state FROM documents WHERE message_type=? AND business_key=?",
            (message_type, business_key),
        ).fetchone()
        record = json.dumps({"head": head, "lines": lines}, ensure_ascii=False)
        now = _now()
        if row is not None and REFERENCE in (row["state"], state):
            if row["state"] != REFERENCE:
                return row["id"], "same"  # cebdesk's own document is what the checks compare with
            if state == REFERENCE and row["content_hash"] == digest:
                return row["id"], "same"
            self.db.execute(
                "UPDATE documents SET record=?, content_hash=?, guid=?, app_type=?, state=?, source_file=?,"
                " source_sheet=?, source_row=?, updated=? WHERE id=?",
                (record, digest, head.get("guid", ""), head.get("appType", "1"), state, *source, now, row["id"]),
            )
            self.event("imported", f"{source[0]}:{source[1]}!{source[2]} ({state})", document_id=row["id"])
            self.add_version(row["id"], "imported", head, lines)
            self._remember(row["id"], head, HEAD_KEYS)
            self._remember_lines(row["id"], lines)
            return row["id"], "new" if state != REFERENCE else "changed"
        if row is None:
            # the unique key decides, not the look-up above: another seat of a shared journal
            # may journal the same document between the two
            inserted = self.db.execute(
                "INSERT INTO documents (message_type, business_key, guid, app_type, content_hash, record, source_file,"
                " source_sheet, source_row, state, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (message_type, business_key) DO NOTHING RETURNING id",
                (
                    message_type,
                    business_key,
                    head.get("guid", ""),
                    head.get("appType", "1"),
                    digest,
                    record,
                    *source,
                    state,
                    now,
                    now,
                ),
            ).fetchone()
            if inserted is None:
                return self.import_document(message_type, business_key, head, lines, source, state=state)
            document_id = inserted[0]
            self.event("imported", f"{source[0]}:{source[1]}!{source[2]}", document_id=document_id)
            self.add_version(document_id, "imported", head, lines)
            self._remember(document_id, head, HEAD_KEYS)
            self._remember_lines(document_id, lines)
            return document_id, "new"
        if row["content_hash"] == digest:
            return row["id"], "same"
        pending = json.loads(row["pending_record"]) if row["pending_record"] else None
        if pending is None or content_hash(pending["head"], pending["lines"]) != digest:
            self.db.execute(
                "UPDATE documents SET pending_record=?, updated=? WHERE id=?", (record, now, row["id"])
            )
            self.event(
                "changed",
                "re-imported with other values; send as modification (appType 2) to declare",
                document_id=row["id"],
            )
        return row["id"], "changed"

    def grew(self, documents: int) -> None:
        """``documents`` new documents were journaled at once. A server's planner learns the
        journal's new size now, not at its next automatic look a minute on: senders claiming
        the first of them would otherwise sort every ready document for each message."""
        if self.shared and documents >= 1000:
            self.db.execute("ANALYZE documents")

    def _document(self, row: sqlite3.Row) -> DocumentRow:
        record = json.loads(row["record"])
        return DocumentRow(
            row["id"], row["message_type"], row["business_key"], row["guid"], row["app_type"], row["state"],
            record["head"], record["lines"], row["message_id"], row["customs_status"], row["customs_info"],
            row["customs_time"], row["source_file"], row["source_sheet"], row["source_row"], row["updated"],
        )  # fmt: skip

    def document(self, document_id: int) -> DocumentRow:
        return self._document(
            self.db.execute("SELECT * FROM documents WHERE id=?", (document_id,)).fetchone()
        )

    def documents(self, *, state: str | None = None, message_type: str | None = None) -> list[DocumentRow]:
        sql, args = "SELECT * FROM documents WHERE 1=1", []
        if state:
            sql += " AND state=?"
            args.append(state)
        if message_type:
            sql += " AND message_type=?"
            args.append(message_type)
        return [self._document(r) for r in self.db.execute(sql + " ORDER BY id", args)]

    def summaries(self, *, message_type: str | None = None) -> list[sqlite3.Row]:
        """Every document's state and latest status, without decoding its values: for tables."""
        sql = (
            "SELECT id, message_type, business_key, app_type, state, customs_status, customs_info, customs_time, updated"
            " FROM documents"
        )
        args: list[str] = []
        if message_type:
            sql += " WHERE message_type=?"
            args.append(message_type)
        return list(self.db.execute(sql + " ORDER BY id", args))

    def summaries_of(self, document_ids: Iterable[int]) -> list[sqlite3.Row]:
        """Those documents' state and latest status, like :meth:`summaries`."""
        ids = sorted(set(document_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return list(
            self.db.execute(
                "SELECT id, message_type, business_key, app_type, state, customs_status, customs_info,"
                f" customs_time, updated FROM documents WHERE id IN ({marks}) ORDER BY id",
                ids,
            )
        )

    def search(
        self,
        *,
        message_type: str | None = None,
        message_types: Iterable[str] | None = None,
        key: str | None = None,
        person: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 10_000,
        client=None,
    ) -> list[sqlite3.Row]:
        """Documents by type (one, or any of ``message_types``), business key (or copNo/invtNo/
        orderNo/logisticsNo, or a number customs gave: preNo, sumNo, entryId …), buyer/payer/
        consignee, status (returnStatus or state), date of last change and a broker's client
        (``client``: clients.ClientCodes, matched per type as clients.match_rule says) —
        filtered in SQL, values not decoded. Each row says who imported the document (its
        first version's author) and which seat sent it."""
        person_expr = (
            "COALESCE(json_extract(record, '$.head.buyerName'), json_extract(record, '$.head.payerName'),"
            " json_extract(record, '$.head.consignee'), '')"
        )
        sql = (
            "SELECT id, message_type, business_key, app_type, state, customs_status, customs_info, customs_time,"
            f" updated, {person_expr} AS person,"
            " (SELECT who FROM versions v WHERE v.document_id=documents.id AND v.number=1) AS imported_by,"
            " (SELECT sent_by FROM messages m WHERE m.id=documents.message_id AND m.state='sent') AS sent_by"
            " FROM documents WHERE 1=1"
        )
        args: list[object] = []
        if message_type:
            sql += " AND message_type=?"
            args.append(message_type)
        if message_types is not None:
            codes = sorted(set(message_types))
            sql += f" AND message_type IN ({','.join('?' * len(codes))})" if codes else " AND 1=0"
            args += codes
        if key:
            sql += (
                " AND (instr(business_key, ?) > 0"
                " OR id IN (SELECT document_id FROM document_keys WHERE instr(value, ?) > 0)"
                " OR instr(COALESCE(json_extract(record, '$.head.orderNo'), ''), ?) > 0"
                " OR instr(COALESCE(json_extract(record, '$.head.logisticsNo'), ''), ?) > 0)"
            )
            args += [key, key, key, key]
        if person:
            sql += f" AND instr({person_expr}, ?) > 0"
            args.append(person)
        if status:
            sql += " AND (customs_status=? OR state=?)"
            args += [status, status]
        if status != "discarded":  # a draft discarded before it was sent: only when asked for
            sql += " AND state <> 'discarded'"
        if since:
            sql += " AND substr(updated, 1, 10) >= ?"
            args.append(since)
        if until:
            sql += " AND substr(updated, 1, 10) <= ?"
            args.append(until)
        if client is not None:
            where, values = _client_filter(client)
            sql += f" AND {where}"
            args += values
        if limit < 0:  # all of them (SQLite reads LIMIT -1 so; PostgreSQL refuses it)
            return list(self.db.execute(sql + " ORDER BY id", args))
        return list(self.db.execute(sql + " ORDER BY id LIMIT ?", [*args, limit]))

    def update_record(self, document_id: int, head: dict[str, str], lines: list[dict[str, str]]) -> None:
        record = json.dumps({"head": head, "lines": lines}, ensure_ascii=False)
        self.db.execute("UPDATE documents SET record=?, updated=? WHERE id=?", (record, _now(), document_id))
        self._remember(document_id, head, HEAD_KEYS)
        self._remember_lines(document_id, lines)

    def _remember(self, document_id: int, values: dict[str, str], elements: tuple[str, ...]) -> None:
        self.db.executemany(
            "INSERT INTO document_keys (document_id, element, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(document_id, e, values[e]) for e in elements if isinstance(values.get(e), str) and values[e]],
        )

    def _remember_lines(self, document_id: int, lines: list[dict[str, str]]) -> None:
        for line in lines:
            self._remember(document_id, line, LINE_KEYS)

    def promote_modification(self, document_id: int) -> bool:
        """Turn a pending change into the document to send, as appType 2, with a new guid."""
        row = self.db.execute(
            "SELECT pending_record, state FROM documents WHERE id=?", (document_id,)
        ).fetchone()
        if row is None or not row["pending_record"]:
            return False
        pending = json.loads(row["pending_record"])
        pending["head"]["appType"] = "2"
        from ..records import new_guid

        pending["head"]["guid"] = new_guid()
        self.db.execute(
            "UPDATE documents SET record=?, pending_record=NULL, content_hash=?, app_type='2', guid=?, state='ready',"
            " message_id=NULL, updated=? WHERE id=?",
            (
                json.dumps(pending, ensure_ascii=False),
                content_hash(pending["head"], pending["lines"]),
                pending["head"]["guid"],
                _now(),
                document_id,
            ),
        )
        self.event("modification", "queued as appType 2", document_id=document_id)
        self.add_version(document_id, "modified", pending["head"], pending["lines"])
        return True

    def requeue_as_modification(self, document_id: int) -> bool:
        """Send a document again as appType 2 (after customs rejected it and it was fixed):
        the pending re-import if there is one, else the recorded values, with a new guid."""
        if self.promote_modification(document_id):
            return True
        row = self.db.execute("SELECT record, state FROM documents WHERE id=?", (document_id,)).fetchone()
        if row is None or row["state"] != "sent":
            return False
        record = json.loads(row["record"])
        from ..records import new_guid

        record["head"]["appType"] = "2"
        record["head"]["guid"] = new_guid()
        self.db.execute(
            "UPDATE documents SET record=?, app_type='2', guid=?, state='ready', message_id=NULL, updated=? WHERE id=?",
            (json.dumps(record, ensure_ascii=False), record["head"]["guid"], _now(), document_id),
        )
        self.event("modification", "requeued as appType 2", document_id=document_id)
        self.add_version(document_id, "modified", record["head"], record["lines"])
        return True

    # -- messages -------------------------------------------------------------------------------
    def plan_message(self, message_type: str, guid: str, file_name: str, document_ids: Iterable[int]) -> int:
        """Assign documents to a new message (one transaction: a document is in one message)."""
        with self._atomic():
            message_id = self.db.execute(
                "INSERT INTO messages (guid, message_type, file_name, state, created) VALUES (?, ?, ?, 'planned', ?)"
                " RETURNING id",
                (guid, message_type, file_name, _now()),
            ).fetchone()[0]
            ids = list(document_ids)
            changed = 0
            for chunk in _chunks(ids):  # one statement a chunk: a server's round trip each
                changed += self.db.execute(
                    "UPDATE documents SET state='planned', message_id=?, updated=?"
                    f" WHERE id IN ({','.join('?' * len(chunk))}) AND state='ready'",
                    (message_id, _now(), *chunk),
                ).rowcount
            if changed != len(ids):
                raise RuntimeError("a document was already planned into another message")
            self.event("planned", file_name, message_id=message_id)
        return message_id

    def plan_parts(
        self, message_type: str, document_id: int, messages: list[tuple[str, str]], part_lines: int
    ) -> list[int]:
        """A document sent in parts: one new message a part (``messages``: (guid, file name) in
        msgSeqNo order), planned together in one transaction. The document points at its last
        part and is sent once every part is."""
        with self._atomic():
            ids = []
            for seq, (guid, file_name) in enumerate(messages, start=1):
                message_id = self.db.execute(
                    "INSERT INTO messages (guid, message_type, file_name, state, created, part_of, part, part_lines)"
                    " VALUES (?, ?, ?, 'planned', ?, ?, ?, ?) RETURNING id",
                    (guid, message_type, file_name, _now(), document_id, seq, part_lines),
                ).fetchone()[0]
                ids.append(message_id)
                self.event("planned", f"{file_name} (part {seq}/{len(messages)})", message_id=message_id)
            changed = self.db.execute(
                "UPDATE documents SET state='planned', message_id=?, updated=? WHERE id=? AND state='ready'",
                (ids[-1], _now(), document_id),
            ).rowcount
            if changed != 1:
                raise RuntimeError("a document was already planned into another message")
        return ids

    def mark_staged(self, message_id: int, sha256: str, signer: str | None, outbox: str) -> None:
        """The signed bytes lie in ``outbox``'s staging folder (not yet delivered anywhere)."""
        with self.transaction():
            self.db.execute(
                "UPDATE messages SET state='staged', sha256=?, signer=?, outbox=?, delivered=NULL, sent_by=? WHERE id=?",
                (sha256, signer, outbox, self.seat(), message_id),
            )

    def mark_handing_over(self, message_id: int, target: str) -> None:
        """About to rename the staged file to ``target`` (send/). From now on a staged file that
        is gone means the rename happened; before, it means the file was lost."""
        with self.transaction():
            self.db.execute(
                "UPDATE messages SET state='handing_over', delivered=? WHERE id=?", (target, message_id)
            )

    def unmark_handing_over(self, message_id: int) -> None:
        """The rename failed: the message is still only staged."""
        with self.transaction():
            self.db.execute(
                "UPDATE messages SET state='staged', delivered=NULL WHERE id=? AND state='handing_over'",
                (message_id,),
            )

    def move_staged(self, message_id: int, outbox: str) -> None:
        """The staged file was taken over by another outbox."""
        with self.transaction():
            self.db.execute("UPDATE messages SET outbox=? WHERE id=?", (outbox, message_id))
            self.event("taken_over", outbox, message_id=message_id)

    def mark_sent(self, message_id: int, channel: str, delivered: str) -> None:
        now = _now()
        with self.transaction():
            self.db.execute(
                "UPDATE messages SET state='sent', channel=?, sent=?, delivered=?, sent_by=? WHERE id=?",
                (channel, now, delivered, self.seat(), message_id),
            )
            # a document sent in parts is sent once none of its parts is left unsent
            self.db.execute(
                "UPDATE documents SET state='sent', updated=? WHERE (message_id=? OR (state='planned'"
                " AND id=(SELECT part_of FROM messages WHERE id=?)"
                " AND message_id IN (SELECT id FROM messages WHERE part_of=documents.id)))"
                " AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.part_of=documents.id AND m.state<>'sent'"
                " AND m.id<=documents.message_id)",
                (now, message_id, message_id),
            )
            self.event("sent", f"{channel} {delivered}", message_id=message_id)

    def change_mark(self) -> tuple:
        """Changes as the window follows them: what was journaled, planned and sent (events),
        customs' answers (receipts), edits (versions). Another seat's work moves the mark."""
        row = self.db.execute(
            "SELECT (SELECT MAX(id) FROM events), (SELECT MAX(id) FROM receipts), (SELECT MAX(id) FROM versions)"
        ).fetchone()
        return tuple(row)

    # -- who sends what: claims of several senders on a shared journal ---------------------------
    def claim_ready(self, limit: int, message_type: str | None = None) -> list[DocumentRow]:
        """Up to ``limit`` ready documents (of ``message_type``), oldest first, to plan into a
        message in the caller's transaction. On a shared journal the rows are locked until it
        ends and rows another sender is claiming are skipped (``FOR UPDATE SKIP LOCKED``), so
        two senders never plan the same document; a journal file has one sender (send lock)."""
        sql, args = "SELECT * FROM documents WHERE state='ready'", []
        if message_type is not None:
            sql += " AND message_type=?"
            args.append(message_type)
        sql += " ORDER BY id LIMIT ?"
        if self.shared:
            sql += " FOR UPDATE SKIP LOCKED"
        return [self._document(r) for r in self.db.execute(sql, (*args, limit))]

    def ready_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents WHERE state='ready'").fetchone()[0]

    def unfinished_messages(self) -> list[MessageRow]:
        """Messages planned and not yet sent: being handed over, staged, planned (in the order
        a sender finishes them)."""
        rows = self.db.execute(
            "SELECT * FROM messages WHERE state IN ('handing_over', 'staged', 'planned')"
            " ORDER BY CASE state WHEN 'handing_over' THEN 0 WHEN 'staged' THEN 1 ELSE 2 END, id"
        )
        return [self._message(r) for r in rows]

    def hold(self, message_id: int) -> bool:
        """This process works on the message until :meth:`release`. On a shared journal a
        session lock on the server, which ends with the connection: a sender killed
        mid-message leaves it to the next one, at once. False: another sender holds it. A
        journal file's sender holds the send lock, and so every message."""
        if not self.shared:
            return True
        return bool(
            self.db.execute("SELECT pg_try_advisory_lock(7267, CAST(? AS INTEGER))", (message_id,)).fetchone()[0]
        )

    def on_another_computer(self, message: MessageRow) -> bool:
        """The message was staged by a seat on another computer (a shared journal): only that
        computer sees its staging folder and knows whether a hand-over it began happened."""
        return self.shared and bool(message.sent_by) and message.sent_by.rpartition("@")[2] != _host()

    def release(self, message_id: int) -> None:
        if self.shared and not self.db.closed:  # a connection gone took its locks with it
            self.db.execute("SELECT pg_advisory_unlock(7267, CAST(? AS INTEGER))", (message_id,))

    def _message(self, row: sqlite3.Row) -> MessageRow:
        return MessageRow(
            row["id"],
            row["guid"],
            row["message_type"],
            row["file_name"],
            row["state"],
            row["sha256"],
            row["channel"],
            row["sent"],
            row["outbox"],
            row["delivered"],
            row["part_of"],
            row["part"],
            row["part_lines"],
            row["sent_by"],
        )

    def messages(self, *, state: str | None = None) -> list[MessageRow]:
        sql, args = "SELECT * FROM messages", []
        if state:
            sql += " WHERE state=?"
            args.append(state)
        return [self._message(r) for r in self.db.execute(sql + " ORDER BY id", args)]

    def messages_without(self, kinds: Iterable[str], *, channel: str = "folder") -> list[MessageRow]:
        """Messages sent through ``channel`` with no event of ``kinds`` yet (the transfer
        client's taking or refusing them, exchange/transfer.py)."""
        kinds = list(kinds)
        marks = ", ".join("?" * len(kinds))
        rows = self.db.execute(
            "SELECT * FROM messages m WHERE state='sent' AND channel=? AND NOT EXISTS (SELECT 1 FROM events e"
            f" WHERE e.message_id=m.id AND e.kind IN ({marks})) ORDER BY id",
            (channel, *kinds),
        )
        return [self._message(r) for r in rows]

    def message(self, message_id: int) -> MessageRow:
        return self._message(self.db.execute("SELECT * FROM messages WHERE id=?", (message_id,)).fetchone())

    def message_by_guid(self, guid: str) -> MessageRow | None:
        row = self.db.execute("SELECT * FROM messages WHERE guid=? COLLATE NOCASE", (guid,)).fetchone()
        return self._message(row) if row else None

    def message_documents(self, message_id: int) -> list[DocumentRow]:
        """The documents a message carries (a part of a document sent in parts: that document)."""
        rows = self.db.execute(
            "SELECT * FROM documents WHERE id=(SELECT part_of FROM messages WHERE id=?)"
            " OR (message_id=? AND NOT EXISTS (SELECT 1 FROM messages WHERE id=? AND part_of IS NOT NULL))"
            " ORDER BY id",
            (message_id, message_id, message_id),
        )
        return [self._document(r) for r in rows]

    # -- receipts -------------------------------------------------------------------------------
    def receipt_file_known(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM receipt_files WHERE sha256=?", (sha256,)).fetchone() is not None

    def add_receipt_file(self, name: str, message_type: str, raw: bytes, sha256: str) -> int | None:
        """Record a receipt file; None if the same bytes are recorded already (by another
        reader too: the check is the insert, inside the caller's transaction)."""
        inserted = self.db.execute(
            "INSERT INTO receipt_files (file_name, message_type, raw, sha256, received)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (name, message_type, raw, sha256, _now()),
        ).fetchone()
        return inserted[0] if inserted is not None else None

    def add_receipt(
        self,
        file_id: int,
        position: int,
        values: dict[str, str],
        document_id: int | None,
        message_id: int | None,
        *,
        flag: str | None = None,
        info: str | None = None,
        time: str | None = None,
    ) -> bool:
        """One …Return into the history; False if the same return is there already. ``flag``:
        why it must not decide the status (``future``: its returnTime is far ahead). ``info`` and
        ``time`` stand for returnInfo and returnTime where the receipt has none (the summary
        result CEB792: its declaration's numbers, its opDate); such a row decides no status."""
        status = values.get("returnStatus")
        info = values.get("returnInfo") or info
        time_ = values.get("returnTime") or time
        keys = json.dumps(values, ensure_ascii=False)
        inserted = self.db.execute(
            "INSERT INTO receipts (file_id, position, document_id, message_id, return_status, return_info,"
            " return_time, keys, flag, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING RETURNING id",
            (
                file_id,
                position,
                document_id,
                message_id,
                status,
                info,
                time_,
                keys,
                flag,
                receipt_fingerprint(document_id, message_id, keys),
            ),
        ).fetchone()
        if inserted is None:
            return False
        if document_id is not None:
            self._remember(document_id, values, RECEIPT_KEYS)
            self.decide_status(document_id)
        return True

    def decide_status(self, document_id: int) -> None:
        """A document's status is that of its latest plausible receipt: the latest returnTime
        (receipts arrive out of order), the one read later on a tie. A flagged receipt stays in
        the history and decides nothing. A document sent in parts (msgSeqNo) has each part's
        latest status: a refused part decides, else the part furthest behind."""
        if self._decide_parts(document_id):
            return
        self.db.execute(
            "UPDATE documents SET (customs_status, customs_info, customs_time) = (SELECT return_status,"
            " return_info, return_time FROM receipts WHERE document_id=:id AND flag IS NULL AND return_status"
            " IS NOT NULL ORDER BY COALESCE(return_time, '') DESC, id DESC LIMIT 1), updated=:now WHERE id=:id",
            {"id": document_id, "now": _now()},
        )

    def _decide_parts(self, document_id: int) -> bool:
        """The status of a document whose receipts answer several parts; False when they answer
        one part only (the usual rule decides)."""
        rows = self.db.execute(
            "SELECT return_status, return_info, return_time, json_extract(keys, '$.msgSeqNo') AS part"
            " FROM receipts WHERE document_id=? AND flag IS NULL AND return_status IS NOT NULL"
            " ORDER BY COALESCE(return_time, '') DESC, id DESC",
            (document_id,),
        ).fetchall()
        latest: dict[str, sqlite3.Row] = {}
        for row in rows:
            latest.setdefault(str(row["part"] or "").strip(), row)
        if len(latest) < 2:
            return False
        parts = list(latest.values())
        refused = [r for r in parts if _refused(r["return_status"])]
        # refused: the latest refusal; else the part furthest behind (the earliest latest answer)
        row = (
            refused[0]
            if refused
            else min(parts, key=lambda r: (_progress(r["return_status"]), r["return_time"] or ""))
        )
        self.db.execute(
            "UPDATE documents SET customs_status=?, customs_info=?, customs_time=?, updated=? WHERE id=?",
            (row["return_status"], row["return_info"], row["return_time"], _now(), document_id),
        )
        return True

    def find_document(self, message_type: str, key: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM documents WHERE message_type=? AND business_key=?", (message_type, key)
        ).fetchone()
        return row["id"] if row else None

    def find_documents_by(self, message_type: str, element: str, value: str) -> list[int]:
        """Every document known by ``element`` = ``value``, newest first."""
        rows = self.db.execute(
            "SELECT k.document_id FROM document_keys k JOIN documents d ON d.id=k.document_id"
            " WHERE k.element=? AND k.value=? AND d.message_type=? ORDER BY k.document_id DESC",
            (element, value, message_type),
        )
        return [r["document_id"] for r in rows]

    def find_document_by(self, message_type: str, element: str, value: str) -> int | None:
        """A document known by ``element`` = ``value``: declared (copNo, invtNo) or named so by an
        earlier receipt (invtNo, preNo, rkdNo)."""
        row = self.db.execute(
            "SELECT k.document_id FROM document_keys k JOIN documents d ON d.id=k.document_id"
            " WHERE k.element=? AND k.value=? AND d.message_type=? ORDER BY k.document_id DESC",
            (element, value, message_type),
        ).fetchone()
        return row["document_id"] if row else None

    # -- cross-document checks and the buyer's limits (checks/cross.py, checks/limits.py) ---------
    def partners_by_order(self, order_no: str, message_types: Iterable[str]) -> list[DocumentRow]:
        """Documents of those types that name ``order_no`` (orders, payments, waybills: their
        orderNo is indexed), newest first; deleted and discarded ones left out."""
        return self.partners_by_orders([order_no], message_types).get(order_no, [])

    def partners_by_orders(
        self, order_nos: Iterable[str], message_types: Iterable[str]
    ) -> dict[str, list[DocumentRow]]:
        """:meth:`partners_by_order` for many numbers at once (the checks of a chunk of an
        import): orderNo -> its documents, newest first; numbers without any left out."""
        codes = sorted(set(message_types))
        found: dict[str, list[DocumentRow]] = {}
        for chunk in _chunks(sorted(set(order_nos))):
            rows = self.db.execute(
                "SELECT k.value AS number, d.* FROM document_keys k JOIN documents d ON d.id=k.document_id"
                f" WHERE k.element='orderNo' AND k.value IN ({','.join('?' * len(chunk))})"
                f" AND d.message_type IN ({','.join('?' * len(codes))})"
                " AND d.state NOT IN ('deleted', 'discarded') ORDER BY d.id DESC",
                (*chunk, *codes),
            )
            for row in rows:
                found.setdefault(row["number"], []).append(self._document(row))
        return found

    def documents_by_number(self, message_type: str, number: str) -> list[DocumentRow]:
        """Documents of a type whose business key starts with ``number`` + "/" (a waybill by its
        logisticsNo, whatever its logisticsCode: the key's index), newest first."""
        return self.documents_by_numbers(message_type, [number]).get(number, [])

    def documents_by_numbers(self, message_type: str, numbers: Iterable[str]) -> dict[str, list[DocumentRow]]:
        """:meth:`documents_by_number` for many numbers: number -> its documents (one range of
        the key's index each: a prefix is no IN list)."""
        found: dict[str, list[DocumentRow]] = {}
        for number in sorted(set(numbers)):
            # one range of the key's index each: "0" follows "/"
            rows = self.db.execute(
                "SELECT * FROM documents WHERE message_type=? AND business_key >= ? AND business_key < ?"
                " AND state NOT IN ('deleted', 'discarded') ORDER BY id DESC",
                (message_type, number + "/", number + "0"),
            )
            mine = [self._document(r) for r in rows if r["business_key"].rsplit("/", 1)[0] == number]
            if mine:
                found[number] = mine
        return found

    def buyer_inventories(self, id_number: str) -> list[sqlite3.Row]:
        """The import inventories of one buyer (buyerIdNumber, indexed: schema step 7) that count
        towards the buyer's limits: declared or to be declared (not drafts, deleted, discarded),
        not refused by customs (a processing exception, 4, 100), not cancelled (a cancellation
        customs accepted names its invtNo). Columns: id, business_key, state, customs_status,
        record."""
        return self.buyers_inventories([id_number]).get(id_number, [])

    def buyers_inventories(self, id_numbers: Iterable[str]) -> dict[str, list[sqlite3.Row]]:
        """:meth:`buyer_inventories` for many buyers at once: ID number -> the inventories
        (buyers without any left out)."""
        found: dict[str, list[sqlite3.Row]] = {}
        for chunk in _chunks(sorted(set(id_numbers))):
            rows = self.db.execute(
                "SELECT json_extract(d.record, '$.head.buyerIdNumber') AS buyer,"
                " d.id, d.business_key, d.state, d.customs_status, d.record FROM documents d"
                " WHERE d.message_type='CEB621Message'"
                f" AND json_extract(d.record, '$.head.buyerIdNumber') IN ({','.join('?' * len(chunk))})"
                " AND d.state NOT IN ('draft', 'deleted', 'discarded')"
                " AND NOT (COALESCE(d.customs_status, '') LIKE '-%' OR COALESCE(d.customs_status, '') IN ('4', '100'))"
                " AND NOT EXISTS (SELECT 1 FROM document_keys k JOIN document_keys c ON c.element='invtNo'"
                " AND c.value=k.value JOIN documents x ON x.id=c.document_id AND x.message_type='CEB623Message'"
                " AND x.customs_status IN ('399', '800', '899') WHERE k.document_id=d.id AND k.element='invtNo')"
                " ORDER BY d.id",
                chunk,
            )
            for row in rows:
                found.setdefault(row["buyer"], []).append(row)
        return found

    def customs_numbers(self, document_ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """The numbers customs gave each document in its receipts (``CUSTOMS_NUMBERS``: invtNo,
        preNo, sumNo, the declaration's declSeqNo, entryId, decState), the latest of each; a
        flagged receipt gives none."""
        ids = sorted(set(document_ids))
        numbers: dict[int, dict[str, str]] = {}
        for chunk in _chunks(ids):
            rows = self.db.execute(
                f"SELECT document_id, keys FROM receipts WHERE document_id IN ({','.join('?' * len(chunk))})"
                " AND flag IS NULL ORDER BY COALESCE(return_time, ''), id",
                chunk,
            )
            for row in rows:
                try:
                    values = json.loads(row["keys"] or "{}")
                except ValueError:
                    continue
                if not isinstance(values, dict):
                    continue
                mine = numbers.setdefault(row["document_id"], {})
                for name in _NUMBER_ELEMENTS:
                    value = values.get(name)
                    if isinstance(value, str) and value.strip():
                        mine[name] = value.strip()
        return numbers

    def receipts_for(self, document_id: int) -> list[sqlite3.Row]:
        return list(
            self.db.execute(
                "SELECT r.*, f.file_name, f.message_type FROM receipts r JOIN receipt_files f ON f.id=r.file_id"
                " WHERE r.document_id=? ORDER BY r.return_time, r.id",
                (document_id,),
            )
        )

    # -- a document's life: versions, entered documents, drafts (pipeline/lifecycle.py) -----------
    def who(self) -> str:
        """Who the versions recorded now are by: ``operator`` when set (the profile names one),
        else the OS user name."""
        if self.operator:
            return self.operator
        return _os_user()

    def seat(self) -> str:
        """The seat: who, on which computer ("operator@host"), as messages record who sent them."""
        return f"{self.who()}@{_host()}"

    def add_version(
        self,
        document_id: int,
        kind: str,
        head: dict[str, str],
        lines: list[dict[str, str]],
        changes: list[dict] | None = None,
    ) -> int:
        """Record the document's values as its next version (``kind``: imported, draft, declared,
        edited, modified, redeclared, deleted, discarded); its number. Call inside a transaction."""
        number = self.db.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE document_id=?", (document_id,)
        ).fetchone()[0]
        self.db.execute(
            "INSERT INTO versions (document_id, number, kind, app_type, app_status, record, who, time, changes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                number,
                kind,
                head.get("appType"),
                head.get("appStatus"),
                json.dumps({"head": head, "lines": lines}, ensure_ascii=False),
                self.seat() if self.shared else self.who(),  # a shared journal: on which computer too
                _now(),
                json.dumps(changes, ensure_ascii=False) if changes is not None else None,
            ),
        )
        return number

    def versions(self, document_id: int) -> list[sqlite3.Row]:
        """Every version of a document, oldest first."""
        return list(
            self.db.execute("SELECT * FROM versions WHERE document_id=? ORDER BY number", (document_id,))
        )

    def enter_document(
        self,
        message_type: str,
        business_key: str,
        head: dict[str, str],
        lines: list[dict[str, str]],
        *,
        state: str,
        source: str = "entered",
    ) -> int:
        """A document made in cebdesk (entered in the form, a draft, a cancellation or refund made
        from the journal): a row with ``state``, to be given its values and version 1 by
        :meth:`replace_document` in the same transaction (once its id is known, for the copNo the
        journal gives). Call inside a transaction; its id."""
        now = _now()
        document_id = self.db.execute(
            "INSERT INTO documents (message_type, business_key, guid, app_type, content_hash, record, source_file,"
            " state, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                message_type,
                business_key,
                head.get("guid", ""),
                head.get("appType", "1"),
                content_hash(head, lines),
                json.dumps({"head": head, "lines": lines}, ensure_ascii=False),
                source,
                state,
                now,
                now,
            ),
        ).fetchone()[0]
        self.event("entered", source, document_id=document_id)
        return document_id

    def replace_document(
        self,
        document_id: int,
        business_key: str,
        head: dict[str, str],
        lines: list[dict[str, str]],
        *,
        state: str,
        kind: str,
        changes: list[dict] | None = None,
    ) -> int:
        """New values for a document (edited in place, or its next version to send): record,
        key, guid, appType and ``state``; a pending re-import is dropped; a document to send
        again leaves its former message. Call inside a transaction; the version's number."""
        self.db.execute(
            "UPDATE documents SET business_key=?, guid=?, app_type=?, content_hash=?, record=?, pending_record=NULL,"
            " state=?, message_id=CASE WHEN ? IN ('draft', 'ready') THEN NULL ELSE message_id END, updated=?"
            " WHERE id=?",
            (
                business_key,
                head.get("guid", ""),
                head.get("appType", "1"),
                content_hash(head, lines),
                json.dumps({"head": head, "lines": lines}, ensure_ascii=False),
                state,
                state,
                _now(),
                document_id,
            ),
        )
        self.event(kind, f"appType {head.get('appType', '')}, {state}", document_id=document_id)
        self._remember(document_id, head, HEAD_KEYS)
        self._remember_lines(document_id, lines)
        return self.add_version(document_id, kind, head, lines, changes)

    def set_state(self, document_id: int, state: str, kind: str) -> None:
        """Only the state changes (a refused document deleted here: nothing to tell customs);
        recorded as a version. Call inside a transaction."""
        row = self.document(document_id)
        self.db.execute("UPDATE documents SET state=?, updated=? WHERE id=?", (state, _now(), document_id))
        self.event(kind, state, document_id=document_id)
        self.add_version(document_id, kind, row.head, row.lines)

    def discard_document(self, document_id: int) -> None:
        """A document customs never saw (a draft, one not yet sent) discarded: state
        ``discarded``, its number freed for another document (the key becomes
        ``discarded/ID/…``), no receipt finds it any more; its row and versions stay, with one
        more version saying who discarded it. Call inside a transaction."""
        row = self.document(document_id)
        self.db.execute(
            "UPDATE documents SET state='discarded', business_key=?, pending_record=NULL, updated=? WHERE id=?",
            (f"discarded/{document_id}/{row.business_key}", _now(), document_id),
        )
        self.db.execute("DELETE FROM document_keys WHERE document_id=?", (document_id,))
        self.event("discarded", row.business_key, document_id=document_id)
        self.add_version(document_id, "discarded", row.head, row.lines)

    def has_receipts(self, document_id: int) -> bool:
        return (
            self.db.execute("SELECT 1 FROM receipts WHERE document_id=? LIMIT 1", (document_id,)).fetchone()
            is not None
        )


def _client_filter(client) -> tuple[str, list[object]]:
    """SQL for one broker's client: documents with ebcCode by it, payments by the platform's
    ebpCode, waybills by a logisticsNo one of the client's documents names."""

    def among(codes) -> str:
        return f"message_type IN ({','.join('?' * len(codes))})"

    ebc = "json_extract(record, '$.head.ebcCode')"
    parts: list[str] = []
    values: list[object] = []
    if client.by_ebc and client.ebc_code:
        parts.append(f"({among(client.by_ebc)} AND {ebc} = ?)")
        values += [*client.by_ebc, client.ebc_code]
    if client.by_ebp and client.ebp_code:
        parts.append(f"({among(client.by_ebp)} AND json_extract(record, '$.head.ebpCode') = ?)")
        values += [*client.by_ebp, client.ebp_code]
    if client.by_logistics and client.by_ebc and client.ebc_code:
        parts.append(
            f"({among(client.by_logistics)} AND json_extract(record, '$.head.logisticsNo') IN"
            f" (SELECT json_extract(record, '$.head.logisticsNo') FROM documents"
            f" WHERE {among(client.by_ebc)} AND {ebc} = ?))"
        )
        values += [*client.by_logistics, *client.by_ebc, client.ebc_code]
    return ("(" + " OR ".join(parts) + ")" if parts else "1=0"), values
