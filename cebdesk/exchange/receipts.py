"""Reading receipts into the journal: CEB312 … CEB900, bare or in a DXP envelope, prefixed or
default namespace, UTF-8 or GB2312/GBK/GB18030 declared.

Each …Return is matched to the document it answers (by the key customs uses for its type, by
copNo, or by the invtNo and preNo earlier receipts carried; never by a guess between several);
the raw file is kept verbatim. A receipt that cannot be read or answers nothing cebdesk sent goes
to error/ with the reason, and ingestion carries on. Besides:

- a file is read only once it has stopped growing; one whose XML breaks off at its end is still
  being written and waits (until it has not changed for ``INCOMPLETE_GRACE``: then error/);
- one reader per outbox at a time, and taking a file in is idempotent inside the journal's
  transaction (a second reader, or a second outbox, finds it recorded and adds nothing);
- a returnTime more than ``FUTURE_TOLERANCE`` ahead of the clock is flagged: kept in the history,
  reported, and it decides no status;
- the same return (same document, status, time, text and numbers) is kept once.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from lxml import etree

from ..findings import InputError
from ..messages.parse import read_message
from ..messages.safexml import parse_bytes
from ..spec import Direction, document_type_for, message_type
from ..spec.receipts import COVERS, ENTERPRISE_CODES, RETURN_MATCHES
from ..store import Journal
from .folders import Outbox, OutboxBusy
from .transfer import follow

MAX_RECEIPT_BYTES = 8 * 1024 * 1024
#: A returnTime further ahead of this computer's clock than this is implausible (a wrong clock
#: somewhere, or a forged file). A day covers every time zone a clock may wrongly be set to.
FUTURE_TOLERANCE = timedelta(days=1)
#: Two looks at a file's size and modification time this far apart (seconds): a file that
#: changed between them is still being written and is left for the next reading.
SETTLE_SECONDS = 0.3
#: A file whose XML breaks off at its end is taken as still being written until it has not
#: changed for this long (seconds); then it goes to error/ as incomplete.
INCOMPLETE_GRACE = 300.0
#: How long a second reader waits for the first one to finish (seconds) before leaving the
#: files to it.
LOCK_WAIT = 30.0

_ORDER_NO_IN_INFO = re.compile(r"订单编号[：:]\s*([^\]\s]+)")
_EBC_IN_INFO = re.compile(r"电商企业编码[：:]\s*([0-9A-Za-z]+)")


class ReceiptError(Exception):
    """This file cannot be taken into the journal; the message is the reason written beside it."""


class IncompleteReceipt(ReceiptError):
    """The file ends before its XML does: still being written, or cut off for good."""


@dataclass
class IngestReport:
    files: int = 0
    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    documents: set[int] = field(default_factory=set)
    #: (file, why) left in receive/ for the next reading: still being written.
    waiting: list[tuple[str, str]] = field(default_factory=list)
    #: (file, what) taken in, but worth a look: a returnTime far in the future.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    #: Another reader had the outbox: nothing was touched.
    busy: str | None = None
    #: The transfer client's folders (Outbox.client): messages it took, refused, has not taken yet.
    client_taken: list[str] = field(default_factory=list)
    client_refused: list[tuple[str, str]] = field(default_factory=list)
    client_waiting: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 when a file could not be read (it went to error/), else 0."""
        return 1 if self.rejected else 0

    def to_json(self) -> dict:
        return {
            "files": self.files,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": [{"file": n, "reason": r} for n, r in self.rejected],
            "waiting": [{"file": n, "reason": r} for n, r in self.waiting],
            "warnings": [{"file": n, "warning": w} for n, w in self.warnings],
            "busy": self.busy,
            "client": {
                "taken": self.client_taken,
                "refused": [{"file": n, "reason": r} for n, r in self.client_refused],
                "waiting": self.client_waiting,
            },
            "documents": len(self.documents),
            "exit_code": self.exit_code,
        }


@dataclass
class Taken:
    """What one file brought: the documents given new history, and warnings."""

    documents: list[int] = field(default_factory=list)
    rows: int = 0
    warnings: list[str] = field(default_factory=list)


def _codes_agree(head: dict[str, str], values: dict[str, str]) -> bool:
    """No enterprise code of the Return contradicts the document (spec/receipts.py)."""
    for code in ENTERPRISE_CODES:
        ours, theirs = head.get(code), values.get(code)
        if ours and theirs and len(ours) == len(theirs) and ours != theirs:
            return False
    return True


def _one(
    journal: Journal, candidates: list[int], values: dict[str, str], by: str
) -> tuple[int | None, str | None]:
    fitting = [c for c in candidates if _codes_agree(journal.document(c).head, values)]
    if len(fitting) == 1:
        return fitting[0], None
    if len(fitting) > 1:
        return None, f"several documents match {by} ({len(fitting)}); none was chosen"
    return None, None


def _match(journal: Journal, code: str, values: dict[str, str]) -> tuple[int | None, str | None]:
    """The document a …Return answers, or (None, why not) — never a guess between several."""
    rule = RETURN_MATCHES.get(code)
    if rule is None:
        return None, None
    doc_type = document_type_for(message_type(rule.declaration))
    if doc_type is not None and all(values.get(k) for k in doc_type.identity):
        found = journal.find_document(rule.declaration, doc_type.business_key(values))
        if found:
            return found, None
    note = None
    for element in (*rule.by_head, *rule.by_receipts):
        if values.get(element):
            by = f"{element}={values[element]}"
            found, why = _one(
                journal, journal.find_documents_by(rule.declaration, element, values[element]), values, by
            )
            if found:
                return found, None
            note = note or why
    info = values.get("returnInfo", "")
    order_no = _ORDER_NO_IN_INFO.search(info)
    if order_no and rule.declaration == "CEB621Message":
        ebc = _EBC_IN_INFO.search(info)
        narrowed = {**values, **({"ebcCode": ebc.group(1)} if ebc else {})}
        by = f"orderNo={order_no.group(1)} in returnInfo"
        candidates = journal.find_documents_by(rule.declaration, "orderNo", order_no.group(1))
        found, why = _one(journal, candidates, narrowed, by)
        if found:
            return found, None
        note = note or why
    return None, note


def _match_by_lines(
    journal: Journal, code: str, head: dict[str, str], lines: list[dict[str, str]]
) -> tuple[int | None, str | None]:
    """A summary result (CEB792) whose sumNo is not known yet (its CEB702 not read): the one
    summary whose list names every inventory of the result."""
    element = COVERS[code][1]
    numbers = sorted({line[element] for line in lines if line.get(element)})
    if not numbers:
        return None, None
    declaration = RETURN_MATCHES[code].declaration
    found = set(journal.find_documents_by(declaration, element, numbers[0]))
    for number in numbers[1:]:
        found &= set(journal.find_documents_by(declaration, element, number))
    by = f"the {len(numbers)} {element} of its list"
    return _one(journal, sorted(found, reverse=True), head, by)


def summary_result_text(values: dict, count: int, lang: str = "zh") -> str:
    """What a summary result (CEB792) says, in one language, from the values it carried (it has
    no returnInfo of its own): the declaration's numbers and how many list items it holds. The
    history, ``status`` and the window all read it through this one function."""
    entry = values.get("entryId") or ("（未生成）" if lang == "zh" else "(not yet)")
    if lang == "zh":
        return (
            f"汇总结果单：汇总申请编号 {values.get('sumNo', '')}，汇总统一编号 {values.get('declSeqNo', '')}，"
            f"报关单编号 {entry}，报关单状态 {values.get('decState', '')}，{count} 项"
        )
    return (
        f"summary result: summary no. {values.get('sumNo', '')}, declaration sequence no. "
        f"{values.get('declSeqNo', '')}, customs declaration no. {entry}, state {values.get('decState', '')}, "
        f"{count} item(s)"
    )


def _result_rows(
    journal: Journal,
    code: str,
    position: int,
    head: dict[str, str],
    lines: list[dict[str, str]],
    summary_id: int | None,
) -> list[tuple[int, dict, int | None, None, dict[str, str]]]:
    """The summary result's rows: one for the summary it answers (head and every line), one for
    each inventory of its list found in the journal (head and that inventory's lines). They keep
    the declaration's numbers and list in the history; the status stays customs' last returnStatus."""
    covered, element = COVERS[code]
    extra = {"info": summary_result_text(head, len(lines)), "time": head.get("opDate", "")}
    rows: list[tuple[int, dict, int | None, None, dict[str, str]]] = [
        (position, {**head, "lines": lines}, summary_id, None, extra)
    ]
    seen: set[int] = set()
    for number in dict.fromkeys(line.get(element, "") for line in lines):
        if not number:
            continue
        # the inventories are the e-commerce enterprise's; the agent may be another one
        candidates = journal.find_documents_by(covered, element, number)
        inventory, _ = _one(journal, candidates, {"ebcCode": head.get("ebcCode", "")}, f"{element}={number}")
        if inventory is None or inventory in seen:
            continue
        seen.add(inventory)
        own = [line for line in lines if line.get(element) == number]
        info = {**extra, "info": summary_result_text(head, len(own))}
        rows.append((position, {**head, "lines": own}, inventory, None, info))
    return rows


def _implausible(return_time: str | None, now: datetime) -> str | None:
    """Why a returnTime must not decide a status: ``future`` (far ahead of the clock) or
    ``not-a-time``; None when it is fine."""
    if not return_time:
        return None
    try:
        moment = datetime.strptime(return_time[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return "not-a-time"
    return "future" if moment - now > FUTURE_TOLERANCE else None


def _warning(flag: str, position: int, return_time: str, now: datetime) -> str:
    if flag == "future":
        return (
            f"#{position + 1}: 回执时间 {return_time} 比本机时钟（{now:%Y-%m-%d %H:%M}）晚一天以上，已记入历史并标记，"
            f"不决定状态 / returnTime {return_time} is more than a day ahead of this computer's clock "
            f"({now:%Y-%m-%d %H:%M}): kept in the history, marked, it does not decide the status"
        )
    return (
        f"#{position + 1}: 回执时间 {return_time} 不是有效时间，已记入历史并标记，不决定状态 / "
        f"returnTime {return_time} is not a date and time: kept in the history, marked, it does not decide the status"
    )


def _breaks_off(data: bytes) -> bool:
    """Whether the XML ends before it is complete (the rest not written yet), rather than being
    broken somewhere inside: the parser's complaint is about where the data ends."""
    if not data.strip():
        return True
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        return line >= data.count(b"\n")
    return False


def ingest_bytes(journal: Journal, name: str, data: bytes, *, now: datetime | None = None) -> Taken:
    """Take one receipt file into the journal. Raises ReceiptError (IncompleteReceipt when the
    XML breaks off at its end)."""
    if len(data) > MAX_RECEIPT_BYTES:
        raise ReceiptError(f"too large for a receipt: {len(data)} bytes (limit {MAX_RECEIPT_BYTES})")
    if not data.strip():
        raise IncompleteReceipt("incomplete: empty file / 回执文件不完整：空文件")
    digest = hashlib.sha256(data).hexdigest()
    if journal.receipt_file_known(digest):
        return Taken()
    try:
        tree = parse_bytes(data, name)
    except InputError as exc:
        reason = "; ".join(f.message("zh") + " / " + f.message("en") for f in exc.findings)
        # a file cut off inside a multi-byte character fails the encoding check first
        cut = any(f.rule in ("xml.malformed", "xml.encoding_mismatch") for f in exc.findings)
        if cut and _breaks_off(data):
            raise IncompleteReceipt(
                f"incomplete: the XML breaks off at its end / 回执文件不完整：XML 在结尾处中断（{reason}）"
            ) from None
        raise ReceiptError(reason) from None
    try:
        parsed = read_message(tree, name)
    except InputError as exc:
        raise ReceiptError(
            "; ".join(f.message("zh") + " / " + f.message("en") for f in exc.findings)
        ) from None
    mt = parsed.message
    if mt.direction is not Direction.RECEIPT:
        raise ReceiptError(f"not a receipt: {mt.code} is a declaration")
    errors = [f for f in parsed.findings if f.is_error]
    if errors:
        raise ReceiptError("; ".join(f.render("en") for f in errors[:5]))
    rows: list[tuple[int, dict, int | None, int | None, dict[str, str]]] = []
    notes: list[str] = []
    for position, doc in enumerate(parsed.documents):
        values = doc.head
        if mt.code == "CEB900Message":
            message = journal.message_by_guid(values.get("oriCopMsgId", ""))
            if message is not None:
                for answered in journal.message_documents(message.id):
                    rows.append((position, values, answered.id, message.id, {}))
                continue
            rows.append((position, values, None, None, {}))
            continue
        document_id, note = _match(journal, mt.code, values)
        if document_id is None and mt.code in COVERS:
            document_id, why = _match_by_lines(journal, mt.code, doc.head, doc.lines)
            note = note or why
        if note:
            notes.append(note)
        if mt.code in COVERS:
            rows.extend(_result_rows(journal, mt.code, position, doc.head, doc.lines, document_id))
            continue
        rows.append((position, values, document_id, None, {}))
    if not any(r[2] is not None for r in rows):
        keys = ", ".join(
            f"{k}={v}"
            for _, values, _, _, _ in rows[:3]
            for k, v in values.items()
            if k in ("orderNo", "ebpCode", "logisticsNo", "logisticsCode", "payTransactionId", "payCode")
            or k in ("copNo", "agentCode", "invtNo", "oriCopMsgId", "coElNo", "sumNo", "operatorCode")
        )
        why = f"; {notes[0]}" if notes else ""
        raise ReceiptError(f"no document in the journal matches this {mt.code} ({keys or 'no keys'}){why}")
    now = now or datetime.now()
    taken = Taken()
    with journal.transaction():
        file_id = journal.add_receipt_file(name, mt.code, data, digest)
        if file_id is None:  # another reader recorded the same file meanwhile
            return Taken()
        for position, values, document_id, message_id, extra in rows:
            flag = _implausible(values.get("returnTime") or extra.get("time"), now)
            if not journal.add_receipt(file_id, position, values, document_id, message_id, flag=flag, **extra):
                continue  # the same return is in the history already
            taken.rows += 1
            if document_id is not None and document_id not in taken.documents:
                taken.documents.append(document_id)
            if document_id is None:
                journal.event("receipt-unmatched", f"{name}#{position}")
            if flag:
                warning = _warning(flag, position, values.get("returnTime") or extra.get("time", ""), now)
                taken.warnings.append(warning)
                journal.event(
                    "receipt-implausible",
                    f"{name}: {warning}",
                    document_id=document_id,
                    message_id=message_id,
                )
    return taken


def _look(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


def ingest(
    journal: Journal,
    outbox: Outbox,
    *,
    now: datetime | None = None,
    settle: float = SETTLE_SECONDS,
    grace: float = INCOMPLETE_GRACE,
    lock_wait: float = LOCK_WAIT,
) -> IngestReport:
    """Read every receipt waiting in receive/ (and the transfer client's InBox); never stops on
    a bad one. With the transfer client, first look where the messages handed to it have gone
    (taken, refused: exchange/transfer.py). One reader per outbox: a second one waits
    ``lock_wait`` seconds, then leaves everything to the first (``busy``)."""
    report = IngestReport()
    try:
        with outbox.receive_lock(wait=lock_wait):
            followed = follow(journal, outbox, now)
            report.client_taken, report.client_refused = followed.taken, followed.refused
            report.client_waiting = followed.waiting
            _ingest(journal, outbox, report, now, settle, grace)
    except OutboxBusy as exc:
        report.busy = str(exc)
    return report


def _reject(outbox: Outbox, report: IngestReport, path: Path, reason: str) -> None:
    try:
        outbox.reject(path, reason)
    except FileNotFoundError:
        return  # taken away meanwhile
    report.rejected.append((path.name, reason))


def _ingest(
    journal: Journal, outbox: Outbox, report: IngestReport, now: datetime | None, settle: float, grace: float
) -> None:
    paths = outbox.incoming()
    first = {p: _look(p) for p in paths}
    # a file written to within the last ``settle`` seconds gets a second look after a pause
    recent = [look for look in first.values() if look and time.time() - look[1] / 1e9 < settle]
    if recent:
        time.sleep(settle)
    for path in paths:
        look = _look(path)
        if look is None:
            continue  # taken away (by the transfer client, or another reader)
        report.files += 1
        if look != first[path]:
            report.waiting.append((path.name, "still being written"))
            continue
        try:
            if look[0] > MAX_RECEIPT_BYTES:
                raise ReceiptError(f"too large for a receipt: {look[0]} bytes (limit {MAX_RECEIPT_BYTES})")
            data = path.read_bytes()
            if len(data) != look[0] or _look(path) != look:
                report.waiting.append((path.name, "still being written"))
                continue
            taken = ingest_bytes(journal, path.name, data, now=now)
        except FileNotFoundError:
            continue
        except IncompleteReceipt as exc:
            quiet = time.time() - look[1] / 1e9
            if quiet < grace:
                report.waiting.append((path.name, str(exc)))
            else:
                _reject(
                    outbox,
                    report,
                    path,
                    f"{exc}; unchanged for {int(quiet)} s (waited {int(grace)} s for the rest): "
                    "the transfer stopped half-way, ask for the receipt again",
                )
            continue
        except ReceiptError as exc:
            _reject(outbox, report, path, str(exc))
            continue
        except sqlite3.OperationalError as exc:  # the journal's trouble (busy, disk full), not the file's
            report.waiting.append((path.name, f"journal: {exc}"))
            continue
        except Exception as exc:  # a hostile file must not stop the others
            _reject(outbox, report, path, f"unexpected error: {type(exc).__name__}: {exc}")
            continue
        report.warnings.extend((path.name, w) for w in taken.warnings)
        if taken.rows:
            report.ingested.append(path.name)
            report.documents.update(taken.documents)
        else:
            report.duplicates.append(path.name)
        with contextlib.suppress(FileNotFoundError):  # taken away meanwhile
            outbox.finish(path)
