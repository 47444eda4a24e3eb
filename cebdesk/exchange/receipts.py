"""Reading receipts into the journal: CEB312 … CEB900, bare or in a DXP envelope, prefixed or
default namespace, UTF-8 or GB2312/GBK/GB18030 declared.

Each …Return is matched to the document it answers (by the business key, copNo, or the invtNo
and preNo earlier receipts carried); the raw file is kept verbatim. A receipt that cannot be read
or answers nothing cebdesk sent goes to error/ with the reason, and ingestion carries on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..findings import InputError
from ..messages.parse import read_message
from ..messages.safexml import parse_bytes
from ..spec import Direction
from ..spec.receipts import RETURN_MATCHES
from ..store import Journal
from .folders import Outbox

MAX_RECEIPT_BYTES = 8 * 1024 * 1024
_ORDER_NO_IN_INFO = re.compile(r"订单编号[：:]\s*([^\]\s]+)")


class ReceiptError(Exception):
    """This file cannot be taken into the journal; the message is the reason written beside it."""


@dataclass
class IngestReport:
    files: int = 0
    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    documents: set[int] = field(default_factory=set)


def _match(journal: Journal, code: str, values: dict[str, str]) -> int | None:
    rule = RETURN_MATCHES.get(code)
    if rule is None:
        return None
    if rule.keys and all(values.get(k) for k in rule.keys):
        found = journal.find_document(rule.declaration, "/".join(values[k] for k in rule.keys))
        if found:
            return found
    for element in rule.by_head:
        if values.get(element):
            found = journal.find_document_by(rule.declaration, element, values[element])
            if found:
                return found
    for element in rule.by_receipts:
        if values.get(element):
            found = journal.find_document_by(rule.declaration, element, values[element])
            if found:
                return found
    m = _ORDER_NO_IN_INFO.search(values.get("returnInfo", ""))
    if m and rule.declaration == "CEB621Message":
        return journal.find_document(rule.declaration, m.group(1))
    return None


def ingest_bytes(journal: Journal, name: str, data: bytes) -> list[int]:
    """Take one receipt file into the journal; the documents it answered. Raises ReceiptError."""
    if len(data) > MAX_RECEIPT_BYTES:
        raise ReceiptError(f"too large for a receipt: {len(data)} bytes (limit {MAX_RECEIPT_BYTES})")
    if not data.strip():
        raise ReceiptError("empty file")
    digest = hashlib.sha256(data).hexdigest()
    if journal.receipt_file_known(digest):
        return []
    try:
        parsed = read_message(parse_bytes(data, name), name)
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
    rows: list[tuple[int, dict[str, str], int | None, int | None]] = []
    for position, doc in enumerate(parsed.documents):
        values = doc.head
        if mt.code == "CEB900Message":
            message = journal.message_by_guid(values.get("oriCopMsgId", ""))
            if message is not None:
                for answered in journal.message_documents(message.id):
                    rows.append((position, values, answered.id, message.id))
                continue
            rows.append((position, values, None, None))
            continue
        document_id = _match(journal, mt.code, values)
        rows.append((position, values, document_id, None))
    answered = [r[2] for r in rows if r[2] is not None]
    if not answered:
        keys = ", ".join(
            f"{k}={v}"
            for _, values, _, _ in rows[:3]
            for k, v in values.items()
            if k in ("orderNo", "logisticsNo", "copNo", "invtNo", "payTransactionId", "oriCopMsgId")
        )
        raise ReceiptError(f"no document in the journal matches this {mt.code} ({keys or 'no keys'})")
    with journal.transaction():
        file_id = journal.add_receipt_file(name, mt.code, data, digest)
        for position, values, document_id, message_id in rows:
            journal.add_receipt(file_id, position, values, document_id, message_id)
            if document_id is None:
                journal.event("receipt-unmatched", f"{name}#{position}")
    return answered


def ingest(journal: Journal, outbox: Outbox) -> IngestReport:
    """Read every receipt waiting in receive/; never stops on a bad one."""
    report = IngestReport()
    for path in outbox.incoming():
        report.files += 1
        try:
            if path.stat().st_size > MAX_RECEIPT_BYTES:
                raise ReceiptError(
                    f"too large for a receipt: {path.stat().st_size} bytes (limit {MAX_RECEIPT_BYTES})"
                )
            data = path.read_bytes()
            answered = ingest_bytes(journal, path.name, data)
        except ReceiptError as exc:
            outbox.reject(path, str(exc))
            report.rejected.append((path.name, str(exc)))
            continue
        except Exception as exc:  # a hostile file must not stop the others
            outbox.reject(path, f"unexpected error: {type(exc).__name__}: {exc}")
            report.rejected.append((path.name, str(exc)))
            continue
        if answered:
            report.ingested.append(path.name)
            report.documents.update(answered)
        else:
            report.duplicates.append(path.name)
        outbox.finish(path)
    return report
