"""Documents too long for one message, split into numbered parts (msgCount / msgSeqNo).

The export arrival, departure, waybill and summary heads carry msgCount ("拆分后的报文总数") and
msgSeqNo ("以1开始的报文顺序号 … 拆分的报文需要连续编号，不得跳号"). A document with more lines than
one part may hold is sent as several MESSAGES, each holding one part alone: a copy of the head
with its own guid and a slice of the lines, numbered 1..n with n = msgCount in every part. The
parts keep the document's own number (copNo), which is how customs puts them together again (its
receipts answer copNo and msgSeqNo). A part's guid is derived from the document's, so a part
built again (a lost staged file) is the same record.

"未拆分的不填" reads as if an unsplit document left both empty, but the XSD makes both elements
required xs:int (minOccurs 1, no empty value allowed), and every official sample sends 1 and 1:
an unsplit document is therefore part 1 of 1.

Line numbers (gnum, "从1开始连续序号") start at 1 again in every part: each part is a whole
document to customs' checks.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from ..records import Document, SheetOrigin, new_guid

#: How many lines one part carries. The standard leaves the list unbounded and says only that a
#: large document is split; 1,000 lines keep a part (a message of its own) to a few hundred KB,
#: which every transfer client accepts.
DEFAULT_PART_LINES = 1000
PART_FIELDS = ("msgCount", "msgSeqNo")


def part_count(lines: int, limit: int) -> int:
    """How many parts ``lines`` lines make: at least one (a document without lines is one part)."""
    if limit < 1:
        raise ValueError("a part holds at least one line")
    return max(1, -(-lines // limit))


def _origin(origin, start: int, end: int):
    if isinstance(origin, SheetOrigin):
        return replace(origin, line_rows=origin.line_rows[start:end])
    return origin


def part_guid(guid: str, seq: int) -> str:
    """The guid of part ``seq`` (2 and after) of the document whose guid is ``guid``: the same
    every time it is made, upper-case as the standard asks."""
    return str(uuid.uuid5(uuid.NAMESPACE_OID, f"cebdesk part {seq} of {guid.upper()}")).upper()


def split_parts(doc: Document, limit: int = DEFAULT_PART_LINES) -> list[Document]:
    """The parts ``doc`` is sent as, each a message of its own: itself numbered 1 of 1, or parts
    of at most ``limit`` lines. Types without msgCount/msgSeqNo are returned as they are."""
    if not getattr(doc.message, "parts", False):
        return [doc]
    count = part_count(len(doc.lines), limit)
    if count == 1:
        head = {**doc.head, "msgCount": "1", "msgSeqNo": "1"}
        return [Document(doc.message, head, doc.lines, doc.origin)]
    parts = []
    for seq in range(1, count + 1):
        start, end = (seq - 1) * limit, min(seq * limit, len(doc.lines))
        head = {**doc.head, "msgCount": str(count), "msgSeqNo": str(seq)}
        if seq > 1:
            # each part a record of its own
            head["guid"] = part_guid(doc.head["guid"], seq) if doc.head.get("guid") else new_guid()
        lines = doc.lines[start:end]
        if doc.message.list is not None and "gnum" in doc.message.list:
            lines = [{**line, "gnum": str(i)} for i, line in enumerate(lines, start=1)]
        parts.append(Document(doc.message, head, lines, _origin(doc.origin, start, end)))
    return parts
