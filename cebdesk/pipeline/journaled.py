"""The whole flow through the journal: import -> check -> build -> sign -> send, resumable.

Every step is a committed state change in the journal before or after one atomic file
operation, so a batch killed at any point (kill -9, power cut, key pulled) is finished by the
next run, and every document ends up in exactly one sent message:

    document: ready -> planned (in one message, with that message's guid) -> sent
    message:  planned -> staged (signed bytes in .staging/ of the outbox the journal names)
              -> handing_over (folder mode: about to rename into send/) -> sent (renamed, or
              delivered over HTTP with its CopMsgId; a repeat of the same CopMsgId is
              recognised by the receiving side). The journal keeps where it went.

On restart, a message ``handing_over`` whose staged file is gone was renamed: it is sent. A
``staged`` one is handed over from where it lies (taken over into the outbox in use when the
outbox changed), and one whose staged file is gone is signed again with its guid: a missing file
is never taken for a delivered one. ``planned`` ones are built with the guid they were given.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..clients import Client, mismatches
from ..excel.reader import WorkbookReader
from ..exchange.dxp import wrap
from ..exchange.folders import Outbox
from ..exchange.http import DeliveryError, HttpChannel
from ..findings import Finding, InputError, Location
from ..messages.build import build_message, file_name, indent, serialize
from ..messages.parse import read_message_file
from ..messages.parts import DEFAULT_PART_LINES, part_count, split_parts
from ..records import Document, XmlOrigin, new_guid
from ..settings import Profile
from ..signing.base import Signer, TokenGone, key_name
from ..spec import DocumentType, document_type_for, message_type
from ..store import Journal
from ..store.journal import MessageRow
from .files import FileVerdict, Progress, is_xml, prefetched, sign_verified



@dataclass
class ImportReport:
    files: int = 0
    documents: int = 0
    new: int = 0
    same: int = 0
    changed: int = 0
    rejected: int = 0
    rows: int = 0
    #: files refused as a whole (broken, or a problem of the file itself): nothing of them journaled
    refused_files: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "new": self.new,
            "same": self.same,
            "changed": self.changed,
            "rejected": self.rejected,
        }

    @property
    def exit_code(self) -> int:
        """0 all journaled; 1 a document or a whole file was refused."""
        return 1 if self.rejected or self.errors or self.refused_files else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "files": self.files,
            **self.counts(),
            "refused_files": self.refused_files,
            "rows": self.rows,
            "findings": [f.to_json(lang) for f in self.findings],
            "exit_code": self.exit_code,
        }


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
    client: Client | None = None,
    state: str = "ready",
) -> ImportReport:
    """Read, check and journal documents (``only``: just those business keys). Importing the
    same rows again changes nothing. ``state`` ``reference``: kept for the cross-document
    checks only, never sent (the platform's orders, the payment company's payments).

    Each file is all or nothing, by the same file-level rules as converting to files: its
    documents are read to the end first (kept in a temporary file, so memory stays flat) and
    journaled in one transaction only if the whole file was sound. A file that breaks off,
    or is refused as a whole, leaves nothing in the journal. ``client``: the broker's client the
    files are for (default: each document's, by its ebcCode); a document naming another ebcCode
    refuses its file."""
    report = ImportReport()
    for raw in paths:
        path = Path(raw)
        report.files += 1
        with tempfile.TemporaryFile(dir=journal.spool_dir) as spool:
            try:
                count = _read_into(spool, path, report, doc_type, profile, sheet, now, only, client)
            except InputError as exc:
                report.findings.extend(exc.findings)
                report.refused_files += 1
                continue
            if count is None:
                report.refused_files += 1
                continue
            spool.seek(0)
            new = report.new
            with journal.transaction():
                for _ in range(count):
                    _store_one(journal, pickle.load(spool), report, state)
            journal.grew(report.new - new)
    return report


def _read_into(
    spool, path: Path, report: ImportReport, doc_type, profile, sheet, now, only, client=None
) -> int | None:
    """Read one file, writing the documents that may be journaled to ``spool``; how many, or
    None when the file is refused as a whole (its documents then count as rejected)."""
    verdict = FileVerdict()
    read = kept = 0
    if is_xml(path):
        parsed = read_message_file(path)
        report.findings.extend(parsed.findings)
        if not parsed.ok:
            report.documents += len(parsed.documents)
            report.rejected += len(parsed.documents)
            return None
        items: Iterable = ((d, mismatches([d], client)) for d in parsed.documents)
        reader = None
    else:
        reader = WorkbookReader(
            path,
            doc_type,
            defaults=profile.defaults if profile else None,
            sheet=sheet,
            now=now,
            clients=profile.clients if profile else (),
            client=client,
        )
        items = reader.documents()
    items = prefetched(items)
    try:
        for doc, found in items:
            if only is not None and doc.key not in only:
                continue
            found, ok = verdict.judge(doc, found)
            report.findings.extend(found)
            read += 1
            if not ok:
                continue
            origin = doc.origin
            source = (
                str(path),
                getattr(origin, "sheet", None) if reader is not None else None,
                getattr(origin, "head_row", None),
            )
            pickle.dump((doc.message.code, doc.head, doc.lines, source), spool, pickle.HIGHEST_PROTOCOL)
            kept += 1
    finally:
        if reader is not None:
            report.rows += reader.rows
            report.findings.extend(reader.findings)
    report.documents += read
    if verdict.finish(reader.findings if reader is not None else ()):
        report.rejected += read
        return None
    report.rejected += read - kept
    return kept


def _store_one(journal: Journal, item: tuple, report: ImportReport, state: str = "ready") -> None:
    code, head, lines, source = item
    mt = message_type(code)
    dt = document_type_for(mt)
    if dt is None:
        report.findings.append(Finding(Location(source[0]), "message.unknown_type", params={"root": code}))
        return
    document_id, outcome = journal.import_document(code, dt.business_key(head), head, lines, source, state=state)
    setattr(report, outcome, getattr(report, outcome) + 1)
    if outcome == "new" and state != "reference":
        _give_cop_no(journal, document_id, Document(mt, head, lines, XmlOrigin(source[0], "/")))


@dataclass
class SendOptions:
    outbox: Outbox
    signer: Signer
    transfer: dict[str, str]
    channel: HttpChannel | None = None  # None: folder mode
    per_message: int = 100
    dxp: bool = False  # wrap each message in a DxpMsg envelope (terminal-node mode)
    #: lines one part of a document sent in parts carries (export arrival, departure, waybill,
    #: summary: messages/parts.py); each part is a message of its own
    part_lines: int = DEFAULT_PART_LINES


@dataclass
class SendReport:
    messages: list[tuple[str, str, int]] = field(default_factory=list)  # (file name, type, documents)
    #: the documents of those messages (a document sent in parts is in several messages)
    document_ids: set[int] = field(default_factory=set)
    resumed: int = 0
    #: messages whose staged file was gone (deleted, never there): signed again with their guid
    rebuilt: int = 0
    #: messages staged in another outbox (the outbox changed since): moved here and sent from here
    taken_over: int = 0
    stopped: str | None = None
    #: stopped by a fault that may pass (the server unreachable), not by the key
    retry: bool = False
    #: messages another computer's sender was handing over when it stopped: left to it
    elsewhere: int = 0
    cancelled: bool = False

    @property
    def documents(self) -> int:
        return len(self.document_ids)

    def add(self, name: str, code: str, document_ids: list[int]) -> None:
        self.messages.append((name, code, len(document_ids)))
        self.document_ids.update(document_ids)

    @property
    def exit_code(self) -> int:
        return 2 if self.stopped else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "messages": [{"file": n, "type": t, "documents": d} for n, t, d in self.messages],
            "documents": self.documents,
            "resumed": self.resumed,
            "rebuilt": self.rebuilt,
            "taken_over": self.taken_over,
            "elsewhere": self.elsewhere,
            "cancelled": self.cancelled,
            "stopped": self.stopped,
            "exit_code": self.exit_code,
        }


def _payload(options: SendOptions, root_bytes: bytes, guid: str, code: str) -> bytes:
    if not options.dxp:
        return root_bytes
    return wrap(root_bytes, cop_msg_id=guid, sender=options.transfer["dxpId"], msg_type=code)


def _outbox_id(outbox: Outbox) -> str:
    return str(outbox.root.resolve())


def _stage(journal: Journal, options: SendOptions, message: MessageRow) -> None:
    """Build and sign the planned message from its journaled documents (or the one part of a
    document it carries, split as when it was planned); stage the bytes."""
    mt = message_type(message.message_type)
    docs = [
        Document(mt, row.head, row.lines, XmlOrigin(row.source_file or "journal", "/"))
        for row in journal.message_documents(message.id)
    ]
    if message.part is not None:
        docs = [split_parts(docs[0], message.part_lines or options.part_lines)[message.part - 1]]
    else:
        docs = [split_parts(doc, options.part_lines)[0] if mt.parts else doc for doc in docs]
    root = build_message(mt, docs, base_transfer=options.transfer, guid=message.guid)
    indent(root)
    sign_verified(root, options.signer, mt.signature_position, message.file_name)
    data = _payload(options, serialize(root), message.guid, message.message_type)
    options.outbox.stage(message.file_name, data)
    journal.mark_staged(
        message.id, hashlib.sha256(data).hexdigest(), key_name(options.signer.certificate), _outbox_id(options.outbox)
    )


def _hand_over(journal: Journal, options: SendOptions, message: MessageRow) -> None:
    """Deliver the staged message: rename it into send/, or upload it. The journal says "sent"
    only after that, and knows where it went."""
    name = message.file_name
    if options.channel is None:
        target = options.outbox.send_path(name)  # send/, or the transfer client's OutBox
        journal.mark_handing_over(message.id, str(target))
        try:
            options.outbox.hand_over(name)
        except BaseException:
            if options.outbox.staged_file(options.outbox.root, name).exists():
                journal.unmark_handing_over(message.id)  # not renamed: still only staged
            raise
        journal.mark_sent(message.id, "folder", str(target))
        return
    data = options.outbox.staged(name)
    if data is None:
        raise FileNotFoundError(f"the staged message {name} is gone")
    options.channel.deliver(name, data, message.guid, message.message_type)
    journal.mark_sent(message.id, "http", options.channel.url)
    options.outbox.unstage(name)


def _resume(journal: Journal, options: SendOptions, message: MessageRow, report: SendReport) -> None:
    """Finish a message an earlier run staged (perhaps in another outbox) or was handing over."""
    here = options.outbox
    name = message.file_name
    recorded = message.outbox or _outbox_id(here)
    staged_there = Outbox.staged_file(recorded, name).exists()
    if message.state == "handing_over" and not staged_there:
        # renamed into send/ before the run stopped: delivered there
        journal.mark_sent(message.id, "folder", message.delivered or "")
        return
    if message.outbox is None and not staged_there and _archived(here, name):
        journal.mark_sent(message.id, "folder", str(here.send / name))  # journal of an older cebdesk
        return
    if recorded != _outbox_id(here) and staged_there and here.take_over(recorded, name):
        journal.move_staged(message.id, _outbox_id(here))
        report.taken_over += 1
    if here.staged(name) is None:
        _stage(journal, options, message)  # lost: signed again, with the same guid
        report.rebuilt += 1
    _hand_over(journal, options, message)


def _archived(outbox: Outbox, name: str) -> bool:
    return any((day / name).exists() for day in outbox.sent.iterdir() if day.is_dir())


def _part_names(code: str, count: int) -> list[tuple[str, str]]:
    names = []
    for _ in range(count):
        guid = new_guid()
        names.append((guid, f"{code}_{guid}.xml"))
    return names


def _plan_next(journal: Journal, options: SendOptions) -> tuple[list[int], int]:
    """Claim the next message's worth of ready documents (the oldest one's type) and plan them,
    in one transaction: one message, or the parts of a document sent in parts (one message a
    part, "拆分后的报文总数"). Returns the planned messages, held by this sender (none: nothing
    left to claim), and how many documents they carry."""
    with journal.transaction():
        first = journal.claim_ready(1)
        if not first:
            return [], 0
        code = first[0].message_type
        mt = message_type(code)
        size = min(options.per_message, mt.max_nodes or options.per_message)
        singles, planned = [], []
        rows = journal.claim_ready(size, code)
        for row in rows:
            count = part_count(len(row.lines), options.part_lines) if mt.parts else 1
            if count > 1:
                planned += journal.plan_parts(code, row.id, _part_names(code, count), options.part_lines)
            else:
                singles.append(row.id)
        if singles:
            (guid, name), = _part_names(code, 1)
            planned.append(journal.plan_message(code, guid, name, singles))
        for message_id in planned:
            journal.hold(message_id)  # new, so nobody else's: held from before it is seen
    return planned, len(rows)


def send_pending(
    journal: Journal,
    options: SendOptions,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> SendReport:
    """Finish what an earlier run left, then send every ready document.

    A journal file has one sender at a time. A shared journal has as many as its seats and
    signing stations run: each claims documents and messages for itself, so none sends what
    another does, and the messages of one that died are finished by the next."""
    with journal.send_lock(), options.outbox.send_lock(shared=journal.shared) as alone:
        if alone:
            _drop_sent_copies(journal, options.outbox)
        return _send_pending(journal, options, progress, cancelled)


def _drop_sent_copies(journal: Journal, outbox: Outbox) -> None:
    """Staged files of messages the journal says were sent, removed while no other sender is
    on the outbox: an upload's, when the sender was stopped after the journal knew and before
    it archived the file (archived now); or a copy a sender killed while staging left, its
    message then staged again and sent by another sender from another outbox (never handed
    over from here: dropped)."""
    here = _outbox_id(outbox)
    for name in outbox.staged_names():
        message = journal.message_by_guid(name.removesuffix(".xml").rpartition("_")[2])
        if message is None or message.state != "sent" or message.file_name != name:
            continue
        if message.outbox == here:
            outbox.unstage(name)
        else:
            outbox.drop_staged(name)


def _send_pending(journal: Journal, options: SendOptions, progress, cancelled) -> SendReport:
    report = SendReport()
    try:
        for message in journal.unfinished_messages():
            if not journal.hold(message.id):
                continue  # another sender's, at work
            try:
                message = journal.message(message.id)  # as it is now it is ours
                if message.state == "sent":
                    continue
                if message.state == "handing_over" and journal.on_another_computer(message):
                    report.elsewhere += 1  # that computer's sender finishes it
                    continue
                if message.state == "planned":
                    _stage(journal, options, message)
                    _hand_over(journal, options, message)
                else:
                    _resume(journal, options, message, report)
            finally:
                journal.release(message.id)
            report.add(message.file_name, message.message_type, [d.id for d in journal.message_documents(message.id)])
            report.resumed += 1
        total, done = journal.ready_count(), 0
        while True:
            if cancelled():
                report.cancelled = True
                return report
            planned, count = _plan_next(journal, options)
            if not planned:
                break
            try:
                for message_id in planned:
                    message = journal.message(message_id)
                    _stage(journal, options, message)
                    _hand_over(journal, options, message)
                    report.add(
                        message.file_name, message.message_type, [d.id for d in journal.message_documents(message_id)]
                    )
            finally:
                for message_id in planned:
                    journal.release(message_id)
            done += count
            if progress:
                progress("send", done, max(total, done))
    except (TokenGone, DeliveryError) as exc:
        report.stopped = str(exc)  # what was sent is journaled; the next run goes on from here
        report.retry = isinstance(exc, DeliveryError)
    return report


__all__ = ["ImportReport", "SendOptions", "SendReport", "import_files", "send_pending", "file_name"]
