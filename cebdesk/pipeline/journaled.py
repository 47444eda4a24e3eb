"""The whole flow through the journal: import -> check -> build -> sign -> send, resumable.

Every step is a committed state change in the journal before or after one atomic file
operation, so a batch killed at any point (kill -9, power cut, key pulled) is finished by the
next run, and every document ends up in exactly one sent message:

    document: ready -> planned (in one message, with that message's guid) -> sent
    message:  planned -> staged (signed bytes in .staging/) -> sent (renamed into send/ or
              delivered over HTTP with its CopMsgId; a repeat of the same CopMsgId is
              recognised by the receiving side)

On restart, ``staged`` messages are handed over (or found already handed over: the rename is
atomic, so the staged file either still exists or is gone) and ``planned`` ones are rebuilt
with the guid they were given.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..excel.reader import WorkbookReader
from ..exchange.dxp import wrap
from ..exchange.folders import Outbox
from ..exchange.http import DeliveryError, HttpChannel
from ..findings import Finding, InputError, Location
from ..messages.build import build_message, file_name, indent, serialize
from ..messages.parse import read_message_file
from ..records import Document, XmlOrigin, new_guid
from ..settings import Profile
from ..signing.base import Signer, SigningError, TokenGone, key_name
from ..signing.xmldsig import sign_message, verify_message
from ..spec import DocumentType, document_type_for, message_type
from ..store import Journal
from .files import is_xml, checked

IMPORT_CHUNK = 500
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class ImportReport:
    files: int = 0
    documents: int = 0
    new: int = 0
    same: int = 0
    changed: int = 0
    rejected: int = 0
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)


def _business_key(doc_type: DocumentType, head: dict[str, str]) -> str:
    return "/".join(head.get(k, "") for k in doc_type.key)


def _give_cop_no(journal: Journal, document_id: int, doc: Document) -> None:
    """copNo is the enterprise's own number for a document; receipts echo it. When the clerk
    left it empty, the journal's number is used, so every receipt finds its document."""
    if "copNo" in doc.message.head and not doc.head.get("copNo"):
        doc.head["copNo"] = f"CEBD{document_id:016d}"
        journal.update_record(document_id, doc.head, doc.lines)


def import_files(
    paths: Iterable[str | os.PathLike[str]],
    journal: Journal,
    *,
    doc_type: DocumentType | None = None,
    profile: Profile | None = None,
    sheet: str | None = None,
    now: datetime | None = None,
    only: set[str] | None = None,
) -> ImportReport:
    """Read, check and journal documents (``only``: just those business keys). Importing the
    same rows again changes nothing."""
    report = ImportReport()
    for raw in paths:
        path = Path(raw)
        report.files += 1
        try:
            xml = is_xml(path)
            if xml:
                parsed = read_message_file(path)
                report.findings.extend(parsed.findings)
                items = [(d, []) for d in parsed.documents] if parsed.ok else []
                source_sheet = None
            else:
                reader = WorkbookReader(
                    path, doc_type, defaults=profile.defaults if profile else None, sheet=sheet, now=now
                )
                items = reader.documents()
                source_sheet = True
            pending: list[tuple[Document, tuple]] = []
            for doc, found in items:
                if only is not None and doc.key not in only:
                    continue
                found, ok = checked(doc, found)
                report.findings.extend(found)
                report.documents += 1
                if not ok:
                    report.rejected += 1
                    continue
                origin = doc.origin
                source = (
                    str(path),
                    getattr(origin, "sheet", None) if source_sheet else None,
                    getattr(origin, "head_row", None),
                )
                pending.append((doc, source))
                if len(pending) >= IMPORT_CHUNK:
                    _store(journal, pending, report)
            _store(journal, pending, report)
            if not xml:
                report.rows += reader.rows
                report.findings.extend(reader.findings)
        except InputError as exc:
            report.findings.extend(exc.findings)
    return report


def _store(journal: Journal, pending: list, report: ImportReport) -> None:
    if not pending:
        return
    with journal.transaction():
        for doc, source in pending:
            dt = document_type_for(doc.message)
            if dt is None:
                report.findings.append(
                    Finding(Location(source[0]), "message.unknown_type", params={"root": doc.message.code})
                )
                continue
            document_id, outcome = journal.import_document(
                doc.message.code, _business_key(dt, doc.head), doc.head, doc.lines, source
            )
            setattr(report, outcome, getattr(report, outcome) + 1)
            if outcome == "new":
                _give_cop_no(journal, document_id, doc)
    pending.clear()


@dataclass
class SendOptions:
    outbox: Outbox
    signer: Signer
    transfer: dict[str, str]
    channel: HttpChannel | None = None  # None: folder mode
    per_message: int = 100
    dxp: bool = False  # wrap each message in a DxpMsg envelope (terminal-node mode)


@dataclass
class SendReport:
    messages: list[tuple[str, str, int]] = field(default_factory=list)  # (file name, type, documents)
    resumed: int = 0
    stopped: str | None = None
    cancelled: bool = False

    @property
    def documents(self) -> int:
        return sum(n for _, _, n in self.messages)

    @property
    def exit_code(self) -> int:
        return 2 if self.stopped else 0


def _payload(options: SendOptions, root_bytes: bytes, guid: str, code: str) -> bytes:
    if not options.dxp:
        return root_bytes
    return wrap(root_bytes, cop_msg_id=guid, sender=options.transfer["dxpId"], msg_type=code)


def _stage(journal: Journal, options: SendOptions, message_id: int, guid: str, code: str, name: str) -> None:
    """Build and sign the planned message from its journaled documents; stage the bytes."""
    mt = message_type(code)
    docs = [
        Document(mt, row.head, row.lines, XmlOrigin(row.source_file or "journal", "/"))
        for row in journal.message_documents(message_id)
    ]
    root = build_message(mt, docs, base_transfer=options.transfer, guid=guid)
    indent(root)
    sign_message(root, options.signer, mt.signature_position)
    verdict = verify_message(root)
    if not verdict.valid:
        raise SigningError(f"the signature just made does not verify: {verdict.reason}")
    data = _payload(options, serialize(root), guid, code)
    options.outbox.stage(name, data)
    journal.mark_staged(message_id, hashlib.sha256(data).hexdigest(), key_name(options.signer.certificate))


def _hand_over(
    journal: Journal, options: SendOptions, message_id: int, guid: str, code: str, name: str
) -> None:
    if options.channel is None:
        options.outbox.hand_over(name)  # False when it was handed over before a crash: fine
        journal.mark_sent(message_id, "folder")
        return
    data = options.outbox.staged(name)
    if data is not None:
        options.channel.deliver(name, data, guid, code)
    journal.mark_sent(message_id, "http")
    options.outbox.unstage(name)


def send_pending(
    journal: Journal,
    options: SendOptions,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> SendReport:
    """Finish what an earlier run left, then send every ready document."""
    with options.outbox.send_lock():
        options.outbox.sweep()
        return _send_pending(journal, options, progress, cancelled)


def _send_pending(journal: Journal, options: SendOptions, progress, cancelled) -> SendReport:
    report = SendReport()
    try:
        for message in journal.messages(state="staged"):
            _hand_over(journal, options, message.id, message.guid, message.message_type, message.file_name)
            report.messages.append(
                (message.file_name, message.message_type, len(journal.message_documents(message.id)))
            )
            report.resumed += 1
        for message in journal.messages(state="planned"):
            _stage(journal, options, message.id, message.guid, message.message_type, message.file_name)
            _hand_over(journal, options, message.id, message.guid, message.message_type, message.file_name)
            report.messages.append(
                (message.file_name, message.message_type, len(journal.message_documents(message.id)))
            )
            report.resumed += 1
        ready = journal.documents(state="ready")
        total, done = len(ready), 0
        by_type: dict[str, list[int]] = {}
        for row in ready:
            by_type.setdefault(row.message_type, []).append(row.id)
        for code, ids in by_type.items():
            mt = message_type(code)
            size = min(options.per_message, mt.max_nodes or options.per_message)
            for start in range(0, len(ids), size):
                if cancelled():
                    report.cancelled = True
                    return report
                chunk = ids[start : start + size]
                guid = new_guid()
                name = f"{code}_{guid}.xml"
                message_id = journal.plan_message(code, guid, name, chunk)
                _stage(journal, options, message_id, guid, code, name)
                _hand_over(journal, options, message_id, guid, code, name)
                report.messages.append((name, code, len(chunk)))
                done += len(chunk)
                if progress:
                    progress("send", done, total)
    except (TokenGone, DeliveryError) as exc:
        report.stopped = str(exc)  # what was sent is journaled; the next run goes on from here
    return report


__all__ = ["ImportReport", "SendOptions", "SendReport", "import_files", "send_pending", "file_name"]
