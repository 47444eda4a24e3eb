"""Import -> check -> build -> sign -> write, for the CLI and (later) the GUI.

Plain functions over plain data. Progress goes out through a callback, cancellation comes in
through one; every file is written under a temporary name and renamed, so what is in the output
folder is always whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree

from ..checks import (
    check_document,
    check_documents,
    check_envelope,
    xsd_accepts_document,
    xsd_accepts_envelope,
)
from ..clients import Client, mismatches
from ..checks.cross import journal_findings, journal_prefetch
from ..excel.reader import WorkbookReader
from ..excel.xlsx import ReadLimits
from ..files import atomic_write, atomic_write_many, private_dir
from ..findings import Finding, InputError, Location, Severity
from ..messages.build import build_message, file_name, indent, serialize
from ..messages.parse import ParsedMessage, read_message, read_message_file, unwrap_dxp
from ..messages.parts import DEFAULT_PART_LINES, split_parts
from ..messages.safexml import parse_bytes, parse_file
from ..records import Document
from ..settings import Profile
from ..signing.base import Signer, SigningError, TokenGone
from ..signing.xmldsig import finish_signature, find_signature, prepare_signature, sign_message, verify_message
from ..spec import DocumentType, MessageType, signature_position

XML_SUFFIXES = {".xml"}
STAGING_PREFIX = ".staged-"
#: Findings that make a whole workbook unusable: rows of one document scattered through the
#: file (or over two sheets) or lines without a head mean no document of it can be trusted to be
#: complete.
FILE_LEVEL_RULES = frozenset(
    {"group.not_contiguous", "group.duplicate_key", "group.orphan_line", "group.key_in_other_sheet"}
    # a document of another client than the one named: the file was given the wrong client
    | {"client.mismatch"}
)


@dataclass
class WrittenMessage:
    path: Path
    message: str  # CEB621Message
    guid: str
    documents: int
    signed: bool
    source: str
    #: A message holding one part of a document sent in parts: its msgSeqNo and msgCount (the
    #: part alone is in the message; ``documents`` is 1).
    part: int | None = None
    parts: int | None = None

    def to_json(self) -> dict:
        item = {
            "file": str(self.path),
            "type": self.message,
            "guid": self.guid,
            "documents": self.documents,
            "signed": self.signed,
            "source": self.source,
        }
        if self.part is not None:
            item["part"] = {"msgSeqNo": self.part, "msgCount": self.parts}
        return item


@dataclass
class ConvertOptions:
    out_dir: Path
    doc_type: DocumentType | None = None
    profile: Profile | None = None
    signer: Signer | None = None
    per_message: int = 100
    sheet: str | None = None
    now: datetime | None = None
    #: How large a workbook may be (None: the limits in force, see excel.xlsx.use_limits).
    limits: ReadLimits | None = None
    #: Lines one part of a document sent in parts carries (export arrival, departure, waybill,
    #: summary: msgCount/msgSeqNo); a longer document becomes several numbered messages, each
    #: holding one part alone.
    part_lines: int = DEFAULT_PART_LINES
    #: The broker's client the files are for (None: each document's by its ebcCode).
    client: Client | None = None


@dataclass
class ConvertReport:
    files: int = 0
    documents: int = 0
    converted: int = 0
    rejected: int = 0
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    messages: list[WrittenMessage] = field(default_factory=list)
    cancelled: bool = False
    #: Why the batch stopped before the end (the key went away); what was written is kept.
    stopped: str | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def exit_code(self) -> int:
        """0: everything converted; 1: something was rejected or could not be read;
        2: the batch stopped before the end."""
        if self.stopped:
            return 2
        return 1 if self.rejected or self.errors else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "files": self.files,
            "documents": self.documents,
            "converted": self.converted,
            "rejected": self.rejected,
            "rows": self.rows,
            "cancelled": self.cancelled,
            "stopped": self.stopped,
            "messages": [m.to_json() for m in self.messages],
            "findings": [f.to_json(lang) for f in self.findings],
            "exit_code": self.exit_code,
        }


#: The one progress callback of every long operation: (what, done, total); total 0 when unknown
#: (a workbook being read: documents done so far in that file).
Progress = Callable[[str, int, int], None]


class Cancelled(Exception):
    pass


def sign_verified(root: etree._Element, signer: Signer, position, name: str = "message") -> None:
    """Sign ``root`` in place, then verify the signature just made: one that does not verify
    is never written anywhere (the one place every signed message goes through)."""
    sign_message(root, signer, position)
    verdict = verify_message(root, name)
    if not verdict.valid:
        raise SigningError(f"the signature just made does not verify: {verdict.reason}")


def _write(
    root: etree._Element,
    mt: MessageType,
    options: ConvertOptions,
    source: str,
    count: int,
    *,
    stage: bool = False,
) -> WrittenMessage:
    """Sign (and check the signature), then write. ``stage``: under a temporary name, for
    :func:`_commit` to rename once the whole input is known to be sound."""
    indent(root)
    signed = False
    if options.signer is not None:
        sign_verified(root, options.signer, mt.signature_position)
        signed = True
    path = options.out_dir / file_name(root)
    data = serialize(root)
    if stage:
        atomic_write(path.with_name(STAGING_PREFIX + path.name), data)
    else:
        atomic_write(path, data)
    return WrittenMessage(path, mt.code, root.get("guid", ""), count, signed, source)


def _commit(staged: list[WrittenMessage]) -> None:
    for message in staged:
        os.replace(message.path.with_name(STAGING_PREFIX + message.path.name), message.path)


def _discard(staged: list[WrittenMessage]) -> None:
    for message in staged:
        message.path.with_name(STAGING_PREFIX + message.path.name).unlink(missing_ok=True)


def _signature_warning(mt: MessageType, options: ConvertOptions, name: str) -> list[Finding]:
    if mt.signature == "required" and options.signer is None:
        return [
            Finding(
                Location(name), "message.signature_required", Severity.WARNING, params={"message": mt.code}
            )
        ]
    return []


def checked(doc: Document, found: list[Finding]) -> tuple[list[Finding], bool]:
    """Everything found about a document read (the reader's findings and the field rules);
    whether it may be converted. The checks against the journal in force for the run (an
    import inventory against its order, payment and waybill, its buyer's limits: see
    pipeline/checking.py) are asked too."""
    found = found + check_document(doc)
    found += journal_findings(doc, found)
    return found, not any(f.is_error for f in found)


#: Documents read ahead, with checks against the journal in force, whose lookups go in one go.
PREFETCH_CHUNK = 256


def prefetched(items: Iterable[tuple[Document, list[Finding]]]) -> Iterator[tuple[Document, list[Finding]]]:
    """The documents read (with the reader's findings), unchanged; with checks against the
    journal in force, read in chunks whose partner documents and buyers those checks look up
    at once before the chunk is checked (``JournalChecks.prefetch``)."""
    prefetch = journal_prefetch()
    if prefetch is None:
        yield from items
        return
    chunk: list[tuple[Document, list[Finding]]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == PREFETCH_CHUNK:
            prefetch([doc for doc, _ in chunk])
            yield from chunk
            chunk = []
    if chunk:
        prefetch([doc for doc, _ in chunk])
        yield from chunk


class FileVerdict:
    """The rules of a whole input, the same for writing files and for importing into the
    journal: a document with field errors is left out; a problem of the file itself (rows of
    one document scattered, a key twice, lines without a head) refuses every document of it."""

    def __init__(self) -> None:
        self.refused = False

    def judge(self, doc: Document, found: list[Finding]) -> tuple[list[Finding], bool]:
        """Everything found about one document; whether it may go on (so far)."""
        self.refused = self.refused or any(f.rule in FILE_LEVEL_RULES for f in found)
        found, ok = checked(doc, found)
        return found, ok and not self.refused

    def finish(self, findings: Iterable[Finding]) -> bool:
        """The file's own findings, known once it has been read to the end; whether it is refused."""
        self.refused = self.refused or any(f.rule in FILE_LEVEL_RULES for f in findings)
        return self.refused


def _accept(doc: Document, found: list[Finding], report: ConvertReport) -> bool:
    found, ok = checked(doc, found)
    report.findings.extend(found)
    report.documents += 1
    if not ok:
        report.rejected += 1
    return ok


def _convert_workbook(
    path: Path, options: ConvertOptions, report: ConvertReport, progress, cancelled
) -> None:
    """Convert one workbook. Its messages are staged and renamed into place only when the whole
    file has been read without a file-level problem; otherwise none of them appears."""
    name = str(path)
    profile = options.profile
    if profile is None:
        raise InputError(
            [Finding(Location(name), "profile.missing", params={"element": "copCode, copName, dxpId"})]
        )
    transfer = profile.base_transfer()
    reader = WorkbookReader(
        path,
        options.doc_type,
        defaults=profile.defaults,
        sheet=options.sheet,
        now=options.now,
        limits=options.limits,
        clients=profile.clients,
        client=options.client,
    )
    mt = reader.doc_type.message
    size = min(options.per_message, mt.max_nodes or options.per_message)
    batch: list[Document] = []
    staged: list[WrittenMessage] = []
    verdict = FileVerdict()
    done = 0
    written = 0  # documents whose every message is staged

    def flush() -> None:
        nonlocal written
        root = build_message(mt, batch, base_transfer=transfer)
        staged.append(_write(root, mt, options, name, len(batch), stage=True))
        written += len(batch)
        batch.clear()

    def alone(parts: list[Document]) -> None:
        """A document sent in parts: each part a message of its own ("拆分后的报文总数"). A
        document whose parts are not all written is not kept at all."""
        nonlocal written
        first = len(staged)
        try:
            for seq, part in enumerate(parts, start=1):
                root = build_message(mt, [part], base_transfer=transfer)
                message = _write(root, mt, options, name, 1, stage=True)
                message.part, message.parts = seq, len(parts)
                staged.append(message)
        except TokenGone:
            _discard(staged[first:])
            del staged[first:]
            raise
        written += 1

    try:
        for doc, found in prefetched(reader.documents()):
            if cancelled():
                report.cancelled = True
                break
            found, ok = verdict.judge(doc, found)
            report.findings.extend(found)
            report.documents += 1
            report.rejected += 0 if ok else 1
            if ok:
                parts = split_parts(doc, options.part_lines)
                if len(parts) > 1:
                    alone(parts)
                else:
                    batch.append(parts[0])
                    if len(batch) >= size:
                        flush()
            done += 1
            if progress and done % 100 == 0:
                progress(name, done, 0)
        if batch and not verdict.finish(reader.findings):
            flush()
    except TokenGone as exc:
        # the key went away: every staged message is whole and signed, so it is kept
        _commit(staged)
        report.messages.extend(staged)
        report.converted += written
        report.stopped = str(exc)
        return
    except BaseException:
        _discard(staged)
        raise
    finally:
        report.rows += reader.rows
        report.findings.extend(reader.findings)
    if verdict.refused:
        _discard(staged)
        report.rejected = report.documents - report.converted  # every document read is either
    else:
        _commit(staged)
        report.messages.extend(staged)
        report.converted += written
    if progress:
        progress(name, done, 0)
    report.findings.extend(_signature_warning(mt, options, name))


def _convert_xml(path: Path, options: ConvertOptions, report: ConvertReport) -> None:
    """Re-emit an existing message: same guid and values, signed if a signer is given."""
    name = str(path)
    parsed: ParsedMessage = read_message_file(path)
    # the same document twice: which one is meant cannot be known, the message is refused whole
    found = parsed.findings + check_documents(parsed.documents) + mismatches(parsed.documents, options.client)
    report.findings.extend(found)
    mt = parsed.message
    if any(f.is_error for f in found):
        report.documents += len(parsed.documents)
        report.rejected += len(parsed.documents)
        return
    good = [doc for doc in parsed.documents if _accept(doc, [], report)]
    if not good:
        return
    env = parsed.envelope
    transfer = env.base_transfer
    if options.profile is not None and mt.has_base_transfer:
        transfer = options.profile.base_transfer()
    extend = env.extend_message
    if extend is not None:
        extend = etree.fromstring(etree.tostring(extend))
        extend.tail = None
    root = build_message(
        mt,
        good,
        base_transfer=transfer,
        base_subscribe=env.base_subscribe,
        extend_message=extend,
        guid=env.guid or None,
        version=env.version or "1.0",
    )
    report.messages.append(_write(root, mt, options, name, len(good)))
    report.converted += len(good)
    report.findings.extend(_signature_warning(mt, options, name) if mt.has_base_transfer else [])


def is_xml(path: Path) -> bool:
    if path.suffix.lower() in XML_SUFFIXES:
        return True
    try:
        with path.open("rb") as fh:
            start = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return start.startswith(b"<")


def convert(
    paths: Iterable[str | os.PathLike[str]],
    options: ConvertOptions,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ConvertReport:
    """Convert Excel and XML inputs into CEB messages in ``options.out_dir``."""
    private_dir(options.out_dir)  # 0700 when made here; messages hold personal data
    report = ConvertReport()
    for raw in paths:
        path = Path(raw)
        report.files += 1
        try:
            if is_xml(path):
                _convert_xml(path, options, report)
            else:
                _convert_workbook(path, options, report, progress, cancelled)
        except InputError as exc:
            report.findings.extend(exc.findings)
        except TokenGone as exc:
            report.stopped = str(exc)
        if report.stopped:
            break
        if report.cancelled or cancelled():
            report.cancelled = True
            break
    return report


@dataclass
class ValidateResult:
    path: str
    message: str | None
    documents: int
    findings: list[Finding]
    #: What the official XSD alone would say: the structure, occurrences, lengths and number
    #: formats are right. ``ok`` asks more (code tables, dates, signs, identity numbers …).
    schema_ok: bool = False
    #: The file holds one part of a document sent in parts: (msgSeqNo, msgCount).
    part: tuple[int, int] | None = None

    def to_json(self, lang: str = "zh") -> dict:
        item = {
            "file": self.path,
            "type": self.message,
            "documents": self.documents,
            "valid": self.ok,
            "findings": [f.to_json(lang) for f in self.findings],
        }
        if self.part is not None:
            item["part"] = {"msgSeqNo": self.part[0], "msgCount": self.part[1]}
        return item

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


def _validate(name: str, read: Callable[[], ParsedMessage], client: Client | None = None) -> ValidateResult:
    try:
        parsed = read()
    except InputError as exc:
        return ValidateResult(name, None, 0, exc.findings)
    mt = parsed.message
    findings = list(parsed.findings)
    findings.extend(check_envelope(mt, parsed.envelope, name))
    for doc in parsed.documents:
        findings.extend(check_document(doc))
    findings.extend(check_documents(parsed.documents))
    findings.extend(mismatches(parsed.documents, client))
    unsigned = mt.signature == "required" and not parsed.envelope.signed
    if unsigned:
        findings.append(
            Finding(Location(name), "message.missing_element", params={"element": "ds:Signature"})
        )
    encoding = parsed.tree.docinfo.encoding if parsed.tree is not None else None
    if encoding and _codec_name(encoding) not in ("utf-8", "ascii"):
        findings.append(
            Finding(Location(name), "xml.not_utf8", Severity.WARNING, params={"encoding": encoding})
        )
    schema_ok = (
        not parsed.findings
        and not unsigned
        and xsd_accepts_envelope(mt, parsed.envelope)
        and all(xsd_accepts_document(doc) for doc in parsed.documents)
    )
    documents, part = _count_documents(parsed.documents)
    return ValidateResult(name, mt.code, documents, findings, schema_ok, part)


def _part_of(doc: Document) -> tuple[int, int] | None:
    """(msgSeqNo, msgCount) of a part of a document sent in parts (msgCount above 1)."""
    if not doc.message.parts:
        return None
    try:
        seq, count = int(doc.head.get("msgSeqNo", "")), int(doc.head.get("msgCount", ""))
    except ValueError:
        return None
    return (seq, count) if count > 1 else None


def _count_documents(documents: list[Document]) -> tuple[int, tuple[int, int] | None]:
    """How many documents the nodes are (the parts of one document count once), and which part
    the file is when it holds one part alone."""
    keys = {doc.key if _part_of(doc) else id(doc) for doc in documents}
    part = _part_of(documents[0]) if len(documents) == 1 else None
    return len(keys), part


def _codec_name(label: str) -> str:
    import codecs

    try:
        return codecs.lookup(label).name
    except LookupError:
        return label


def validate(paths: Iterable[str | os.PathLike[str]], *, client: Client | None = None) -> Iterator[ValidateResult]:
    """Structure and field rules for existing messages, one result per file (``client``: every
    document must name that client's ebcCode)."""
    for raw in paths:
        yield _validate(str(raw), lambda raw=raw: read_message_file(raw), client)


def validate_bytes(data: bytes, name: str = "<bytes>") -> ValidateResult:
    """``validate`` for a message held in memory."""
    return _validate(name, lambda: read_message(parse_bytes(data, name), name))


@dataclass
class SignReport:
    files: int = 0
    signed: list[WrittenMessage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    stopped: str | None = None

    @property
    def exit_code(self) -> int:
        if self.stopped:
            return 2
        return 1 if any(f.is_error for f in self.findings) else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "files": self.files,
            "signed": [
                {"file": str(m.path), "source": m.source, "type": m.message, "guid": m.guid} for m in self.signed
            ],
            "findings": [f.to_json(lang) for f in self.findings],
            "stopped": self.stopped,
            "exit_code": self.exit_code,
        }


def _reporter(batch):
    """``done(index)`` for ``atomic_write_many``: the callback handed over with that file."""
    return lambda index: batch[index][2](batch[index][0])


class _BackgroundWriter:
    """Writes files durably on a thread of its own, in order, while the caller signs the next
    message. What has queued up meanwhile is written as one batch (``atomic_write_many``: one
    flush of the disk for the batch, not one per file), so a fast key gets large batches and a
    slow one batches of one. ``done(path)`` is called once a file is whole and durable on disk,
    and only then is it reported; a write that fails stops everything after it and is raised to
    the caller."""

    BATCH = 64

    def __init__(self, depth: int = 128) -> None:
        import queue
        import threading

        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="cebdesk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import queue

        closing = False
        while not closing:
            batch = [self._queue.get()]
            while len(batch) < self.BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if None in batch:
                closing = True
                batch = batch[: batch.index(None)]
            if self._error is not None or not batch:
                continue  # drain: nothing after a failed write is written
            try:
                atomic_write_many([(target, data) for target, data, _done in batch], _reporter(batch))
            except BaseException as exc:  # raised in the caller's thread
                self._error = exc

    def put(self, target: Path, data: bytes, done) -> None:
        self._raise()
        self._queue.put((target, data, done))

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Wait until every file handed over is written (or the first failure is raised)."""
        self._queue.put(None)
        self._thread.join()
        self._raise()


def sign_files(paths: Iterable[str | os.PathLike[str]], out_dir: Path, signer: Signer) -> SignReport:
    """Sign messages the user already has: an old signature is replaced, the rest of each file
    is kept as it was, the result goes to ``out_dir`` under the same name. Files are written on
    a thread of their own while the next one is signed; a file is reported signed only once it
    is whole on disk."""
    private_dir(out_dir)
    report = SignReport()
    writer = _BackgroundWriter()
    try:
        _sign_into(paths, out_dir, signer, report, writer)
    finally:
        writer.close()
    return report


def _sign_into(paths, out_dir: Path, signer: Signer, report: SignReport, writer: _BackgroundWriter) -> None:
    """Three things at once: the key signs one message on a thread of its own while this thread
    reads and prepares the next and checks the one before, and the writer makes files durable.
    Order and reporting stay those of the input."""
    from concurrent.futures import ThreadPoolExecutor

    pending = None  # (future signature value, sig, root, code, path, name)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cebdesk-key") as key:
        for raw in paths:
            prepared = _prepare_file(Path(raw), signer, report)
            if pending is not None and not _finish_file(pending, out_dir, report, writer):
                return
            pending = None
            if prepared is not None:
                sig, to_sign, root, code, path = prepared
                pending = (key.submit(signer.sign, to_sign), sig, root, code, path)
        if pending is not None:
            _finish_file(pending, out_dir, report, writer)


def _prepare_file(path: Path, signer: Signer, report: SignReport):
    name = str(path)
    report.files += 1
    try:
        tree = parse_file(path)
    except InputError as exc:
        report.findings.extend(exc.findings)
        return None
    root = tree.getroot()
    code = etree.QName(root).localname
    if not (code.startswith("CEB") and code.endswith("Message")):
        report.findings.append(Finding(Location(name, path=f"/{code}"), "message.not_ceb", params={"root": code}))
        return None
    position = signature_position(code)
    if position is None:
        report.findings.append(
            Finding(Location(name, path=f"/{code}"), "sig.not_allowed", params={"message": code})
        )
        return None
    sig, to_sign = prepare_signature(root, signer, position)
    return sig, to_sign, root, code, path


def _finish_file(pending, out_dir: Path, report: SignReport, writer: _BackgroundWriter) -> bool:
    """Take the key's answer for one message, check the signature, hand the file to the writer.
    False when the key went away (what was signed before is kept)."""
    future, sig, root, code, path = pending
    try:
        finish_signature(sig, future.result())
    except TokenGone as exc:
        report.stopped = str(exc)
        return False
    verdict = verify_message(root, str(path))
    if not verdict.valid:  # never write a signature that does not verify
        raise SigningError(f"the signature just made does not verify: {verdict.reason}")
    message = WrittenMessage(out_dir / path.name, code, root.get("guid", ""), 0, True, str(path))
    writer.put(message.path, serialize(root), lambda _target, m=message: report.signed.append(m))
    return True


@dataclass
class VerifyResult:
    path: str
    message: str | None
    valid: bool
    findings: list[Finding]
    algorithm: str | None = None
    signer: str | None = None
    key_name: str | None = None
    #: A customs receipt without a signature: nothing to verify, and nothing wrong either.
    receipt: bool = False

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "file": self.path,
            "type": self.message,
            "valid": self.valid,
            "algorithm": self.algorithm,
            "signer": self.signer,
            "key_name": self.key_name,
            "findings": [f.to_json(lang) for f in self.findings],
        }


def verify_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[VerifyResult]:
    """Check the signature of each file and explain what is wrong."""
    from ..signing.base import key_name

    for raw in paths:
        name = str(raw)
        try:
            # a DxpMsg envelope: the signature to check is the business message's, inside Data
            tree = unwrap_dxp(parse_file(raw), name)
        except InputError as exc:
            yield VerifyResult(name, None, False, exc.findings)
            continue
        root = tree.getroot()
        code = etree.QName(root).localname
        if code.startswith("CEB") and signature_position(code) is None and find_signature(root) is None:
            where = Location(name, path=f"/{code}")
            note = Finding(where, "sig.receipt_unsigned", Severity.WARNING, params={"message": code})
            yield VerifyResult(name, code, False, [note], receipt=True)
            continue
        verdict = verify_message(root, name)
        findings = list(verdict.findings)
        if signature_position(code) is None and code.startswith("CEB"):
            findings.insert(
                0, Finding(Location(name, path=f"/{code}"), "sig.not_allowed", params={"message": code})
            )
        cert = verdict.certificate
        yield VerifyResult(
            name,
            code,
            verdict.valid and not any(f.is_error for f in findings),
            findings,
            verdict.algorithm.short if verdict.algorithm else None,
            cert.subject.rfc4514_string() if cert is not None else None,
            key_name(cert) if cert is not None else None,
        )
