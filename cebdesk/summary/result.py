"""What customs made of a month's summaries, beside what the preview expects: the summary
results (CEB792, one per customs declaration; a long one in parts) of each summary application
(CEB701) that names lists released in the month, compared with the eight-same merge of the same
lists done here.

Differences said, each naming the lists:
- ``missing``: a list of the application that no result received names (yet);
- ``extra``: a result names a list the application did not;
- ``merged``: customs put into one declaration lists the preview keeps in several;
- ``split``: customs spread over several declarations lists the preview keeps in one;
- ``item``: inside a declaration both sides agree on, customs grouped the lines into goods items
  otherwise than the preview (same destination, HS code and currency make one item);
- ``gcode``: customs gives a line another HS code than the list has.
Numbering alone (which declaration or goods item comes first) is no difference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..spec.receipts import explain_status
from ..store.journal import Journal
from .deadline import month_range
from .merge import Declaration, Merger
from .preview import INVENTORY, INVT_NO_SQL, RELEASED, RELEASES_SQL, RESULT, SUMMARY

_TEXTS = {
    "missing": (
        "汇总申请单中的 {count} 票清单不在已收到的汇总结果单中：{lists}",
        "{count} list(s) of the summary are in no summary result received: {lists}",
    ),
    "extra": (
        "汇总结果单 {declSeqNo} 含有汇总申请单中没有的 {count} 票清单：{lists}",
        "summary result {declSeqNo} names {count} list(s) the summary did not: {lists}",
    ),
    "merged": (
        "海关把预览中分属 {local} 份报关单的清单合并为一份（汇总统一编号 {declSeqNo}）：{lists}",
        "customs merged into one declaration (declSeqNo {declSeqNo}) lists the preview keeps in {local} "
        "declarations: {lists}",
    ),
    "split": (
        "预览中同一份报关单（第 {number} 份）的清单被海关分为 {count} 份报关单（{declSeqNos}）：{lists}",
        "customs split the lists of the preview's declaration {number} into {count} declarations "
        "({declSeqNos}): {lists}",
    ),
    "item": (
        "报关单 {declSeqNo} 的商品项与预览不同：海关商品项 {gseqno} 含 {lines}，预览为 {expected}",
        "declaration {declSeqNo} groups goods items otherwise than the preview: customs item {gseqno} "
        "holds {lines}, the preview {expected}",
    ),
    "gcode": (
        "报关单 {declSeqNo}：清单 {invtNo} 第 {gnum} 项商品编码为 {gcode}，清单申报为 {declared}",
        "declaration {declSeqNo}: list {invtNo} line {gnum} has HS code {gcode}, the list declared {declared}",
    ),
    "unknown": (
        "{count} 票清单不在本机日志中，无法预览其归并：{lists}",
        "{count} list(s) are not in this journal; their merge cannot be previewed: {lists}",
    ),
}


def _names(numbers, limit: int = 6) -> str:
    numbers = list(numbers)
    return ", ".join(numbers[:limit]) + (f" … (+{len(numbers) - limit})" if len(numbers) > limit else "")


@dataclass(frozen=True)
class Difference:
    kind: str  # a key of _TEXTS
    invt_nos: tuple[str, ...]
    params: dict

    def text(self, lang: str = "zh") -> str:
        params = {"count": len(self.invt_nos), "lists": _names(self.invt_nos), **self.params}
        return _TEXTS[self.kind][lang == "en"].format(**params)

    def to_json(self, lang: str = "zh") -> dict:
        return {"kind": self.kind, "invtNos": list(self.invt_nos), **self.params, "text": self.text(lang)}


@dataclass
class CustomsDeclaration:
    """One summary result (its parts joined): customs' numbers and the lines it lists."""

    decl_seq_no: str
    values: dict[str, str]  # the result's head (sumNo, entryId, decState, …) of its last part
    rows: list[dict[str, str]] = field(default_factory=list)  # invtNo, gnum, gseqno, gcode
    parts: set[str] = field(default_factory=set)

    @property
    def invt_nos(self) -> list[str]:
        return list(dict.fromkeys(row["invtNo"] for row in self.rows if row.get("invtNo")))

    @property
    def items(self) -> int:
        return len({row.get("gseqno", "") for row in self.rows})

    def to_json(self) -> dict:
        v = self.values
        return {
            "declSeqNo": self.decl_seq_no,
            "sumNo": v.get("sumNo", ""),
            "entryId": v.get("entryId", ""),
            "decState": v.get("decState", ""),
            "opDate": v.get("opDate", ""),
            "grossWeight": v.get("grossWeight", ""),
            "netWeight": v.get("netWeight", ""),
            "items": self.items,
            "invtNos": self.invt_nos,
        }


@dataclass
class SummaryCheck:
    """One summary application and what customs answered."""

    document_id: int
    head: dict[str, str]
    invt_nos: list[str]
    status: str | None  # customs' last returnStatus of the application (CEB702)
    info: str | None
    declarations: list[CustomsDeclaration] = field(default_factory=list)
    expected: list[Declaration] = field(default_factory=list)  # the preview's merge of its lists
    differences: list[Difference] = field(default_factory=list)

    def status_text(self, lang: str = "zh") -> str:
        """Customs' status of the application with its meaning; "" before any receipt."""
        if not self.status:
            return ""
        meaning = explain_status(self.status, lang, SUMMARY)[0]
        return meaning if self.status in meaning else f"{self.status} {meaning}".strip()

    @property
    def answered(self) -> bool:
        """At least one summary result arrived."""
        return bool(self.declarations)

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "copNo": self.head.get("copNo", ""),
            "sumNo": next((d.values.get("sumNo") for d in self.declarations if d.values.get("sumNo")), ""),
            "ebcCode": self.head.get("ebcCode", ""),
            "returnStatus": self.status,
            "statusText": self.status_text(lang),
            "returnInfo": self.info,
            "lists": len(self.invt_nos),
            "expected": [d.to_json() for d in self.expected],
            "declarations": [d.to_json() for d in self.declarations],
            "differences": [d.to_json(lang) for d in self.differences],
        }


@dataclass
class ResultComparison:
    month: str
    summaries: list[SummaryCheck] = field(default_factory=list)

    @property
    def differences(self) -> int:
        return sum(len(s.differences) for s in self.summaries)

    @property
    def exit_code(self) -> int:
        return 1 if self.differences else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "month": self.month,
            "summaries": [s.to_json(lang) for s in self.summaries],
            "differences": self.differences,
            "exit_code": self.exit_code,
        }


def _month_lists(journal: Journal, month: str) -> set[str]:
    """The invtNos of the export lists released (800) in ``month``."""
    start, end = month_range(month)
    rows = journal.db.execute(
        f"SELECT {INVT_NO_SQL} AS invt_no FROM documents d JOIN {RELEASES_SQL} rel ON rel.document_id=d.id"
        " WHERE d.message_type=? AND rel.t >= ? AND rel.t < ?",
        (RELEASED, INVENTORY, start, end),
    )
    return {row["invt_no"] for row in rows if row["invt_no"]}


def _merge_lists(journal: Journal, checks: list[SummaryCheck]) -> None:
    """Each application's lists merged again as the preview did, in the order the journal holds
    them (the preview's order), one list read at a time; lists not in the journal noted."""
    owners: dict[str, list[int]] = {}
    for index, check in enumerate(checks):
        for number in check.invt_nos:
            owners.setdefault(number, []).append(index)
    mergers = [
        Merger(by_owner=(check.head.get("summaryFlag") or "").strip() == "2", keep_rows=True) for check in checks
    ]
    found: set[str] = set()
    rows = journal.db.execute(
        f"SELECT d.record, {INVT_NO_SQL} AS invt_no FROM documents d WHERE d.message_type=? ORDER BY d.id",
        (INVENTORY,),
    )
    for row in rows:
        number = row["invt_no"] or ""
        indices = owners.get(number)
        if not indices or number in found:
            continue
        found.add(number)
        record = json.loads(row["record"])
        for index in indices:
            mergers[index].add(number, record.get("head") or {}, record.get("lines") or [])
    for check, merger in zip(checks, mergers, strict=True):
        check.expected = merger.declarations()
        unknown = [n for n in check.invt_nos if n not in found]
        if unknown:
            check.differences.append(Difference("unknown", tuple(unknown), {}))


def _results(journal: Journal, document_id: int) -> list[CustomsDeclaration]:
    """The summary results attached to a summary application, one per declSeqNo (parts joined)."""
    rows = journal.db.execute(
        "SELECT r.keys FROM receipts r JOIN receipt_files f ON f.id=r.file_id WHERE r.document_id=?"
        " AND f.message_type=? AND r.flag IS NULL ORDER BY r.return_time, r.id",
        (document_id, RESULT),
    )
    out: dict[str, CustomsDeclaration] = {}
    for (keys,) in rows:
        values = json.loads(keys or "{}")
        lines = [line for line in values.pop("lines", []) or [] if isinstance(line, dict)]
        number = values.get("declSeqNo") or values.get("sumNo") or ""
        declaration = out.get(number)
        if declaration is None:
            declaration = out[number] = CustomsDeclaration(number, values)
        part = values.get("msgSeqNo") or "1"
        if part in declaration.parts:  # the same part read again (another copy of the file)
            continue
        declaration.parts.add(part)
        declaration.values = values
        declaration.rows.extend(lines)
    return list(out.values())


def _compare(check: SummaryCheck) -> None:
    if not check.declarations:
        return
    named = set(check.invt_nos)
    local_of = {n: i for i, d in enumerate(check.expected) for n in d.invt_nos}
    customs_of: dict[str, str] = {}
    for declaration in check.declarations:
        extra = [n for n in declaration.invt_nos if n not in named]
        if extra:
            check.differences.append(Difference("extra", tuple(extra), {"declSeqNo": declaration.decl_seq_no}))
        for number in declaration.invt_nos:
            customs_of.setdefault(number, declaration.decl_seq_no)
    missing = [n for n in check.invt_nos if n not in customs_of]
    if missing:
        check.differences.append(Difference("missing", tuple(missing), {}))
    # declarations: the two partitions of the lists both sides know
    for declaration in check.declarations:
        locals_ = sorted({local_of[n] for n in declaration.invt_nos if n in local_of})
        if len(locals_) > 1:
            numbers = tuple(n for n in declaration.invt_nos if n in local_of)
            check.differences.append(
                Difference("merged", numbers, {"declSeqNo": declaration.decl_seq_no, "local": len(locals_)})
            )
    for index, expected in enumerate(check.expected):
        seqs = list(dict.fromkeys(customs_of[n] for n in expected.invt_nos if n in customs_of))
        if len(seqs) > 1:
            numbers = tuple(n for n in expected.invt_nos if n in customs_of)
            check.differences.append(
                Difference("split", numbers, {"number": index + 1, "declSeqNos": ", ".join(seqs)})
            )
    # goods items and HS codes, where a declaration holds the same lists on both sides
    local_rows = {
        (invt_no, gnum): (i, gseqno, gcode)
        for i, d in enumerate(check.expected)
        for invt_no, _logistics, gseqno, gnum, gcode in d.places
    }
    for declaration in check.declarations:
        for row in declaration.rows:
            mine = local_rows.get((row.get("invtNo", ""), row.get("gnum", "")))
            if mine is not None and row.get("gcode") and row.get("gcode") != mine[2]:
                check.differences.append(
                    Difference(
                        "gcode",
                        (row["invtNo"],),
                        {"declSeqNo": declaration.decl_seq_no, "invtNo": row["invtNo"], "gnum": row.get("gnum", ""),
                         "gcode": row["gcode"], "declared": mine[2]},
                    )
                )  # fmt: skip
        locals_ = {local_of.get(n) for n in declaration.invt_nos}
        if len(locals_) != 1 or None in locals_:
            continue
        index = locals_.pop()
        if set(check.expected[index].invt_nos) != set(declaration.invt_nos):
            continue
        items: dict[str, list[tuple[str, str]]] = {}
        for row in declaration.rows:
            items.setdefault(row.get("gseqno", ""), []).append((row.get("invtNo", ""), row.get("gnum", "")))
        for gseqno, members in items.items():
            theirs = {local_rows[m][1] for m in members if m in local_rows}
            whole = {m for m, place in local_rows.items() if place[0] == index and place[1] in theirs}
            if len(theirs) > 1 or whole != set(members) & set(local_rows):
                check.differences.append(
                    Difference(
                        "item",
                        tuple(dict.fromkeys(m[0] for m in members)),
                        {"declSeqNo": declaration.decl_seq_no, "gseqno": gseqno,
                         "lines": _names(f"{n}#{g}" for n, g in members),
                         "expected": _names(f"{n}#{g}" for n, g in sorted(whole))},
                    )
                )  # fmt: skip


def compare(journal: Journal, month: str, *, ebc: str | None = None) -> ResultComparison:
    """The summary applications naming lists released in ``month`` (for one ebcCode or all),
    each with the summary results customs sent and the differences from the preview's merge."""
    released = _month_lists(journal, month)
    out = ResultComparison(month)
    if not released:
        return out
    rows = journal.db.execute(
        "SELECT id, record, customs_status, customs_info FROM documents WHERE message_type=? ORDER BY id",
        (SUMMARY,),
    )
    for row in rows:
        record = json.loads(row["record"])
        head = record.get("head") or {}
        numbers = list(dict.fromkeys(line.get("invtNo", "") for line in record.get("lines") or [] if line.get("invtNo")))
        if not released.intersection(numbers) or (ebc and head.get("ebcCode") != ebc):
            continue
        check = SummaryCheck(row["id"], head, numbers, row["customs_status"], row["customs_info"])
        check.declarations = _results(journal, row["id"])
        out.summaries.append(check)
    if out.summaries:
        _merge_lists(journal, out.summaries)
    for check in out.summaries:
        _compare(check)
    return out
