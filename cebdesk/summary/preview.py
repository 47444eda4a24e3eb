"""The preview of a month's summary, from the journal: the export lists (CEB603) released (800)
in the month by their receipts' returnTime, not yet summarised, classified (B: merged by the
eight-same rule; A: summary statistics; A breaking its conditions: refused with the reason), and
the declarations the rule makes of the B lists.

A list is not offered again when a summary (CEB701) in the journal names it and customs has not
refused that summary (answered: summarised; sent or waiting: pending), when a summary result
(CEB792) lists it, or when a cancellation (CEB605) of it was not refused. Lists released in
earlier months and not summarised are counted as overdue: they belong to their own month's
summary, whose deadline passed.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..files import atomic_write
from ..store.journal import Journal
from .classify import DECLARATION, REFUSED, STATISTICS, Classified, GoodsFlags, Rates, classify
from .deadline import Deadline, due_date, month_range
from .merge import HEAD_FIELDS, Declaration, Merger, format_amount

INVENTORY = "CEB603Message"
SUMMARY = "CEB701Message"
CANCEL = "CEB605Message"
RESULT = "CEB792Message"
RELEASED = "800"
#: summaryFlag when the profile's [summary] says nothing: the standard's default (1: group by
#: the consignor alone; 2 groups by the production and sales unit too).
DEFAULT_SUMMARY_FLAG = "1"
#: itemNameFlag by default: 1, the lists' own item names (else customs' general classification names).
DEFAULT_ITEM_NAME_FLAG = "1"


#: What puts a list into another summary application beside its ebcCode: one application goes
#: from one declaring enterprise to one customs office for one supervision site. A value the
#: profile's [summary] sets stands for the lists' own.
APPLICATION_KEYS = ("agentCode", "customsCode", "loctNo")


def application_of(head: dict[str, str], settings: dict[str, str] | None = None) -> dict[str, str]:
    """The values of APPLICATION_KEYS the summary application of a list (its head) carries."""
    settings = settings or {}
    return {k: (settings.get(k) or "").strip() or (head.get(k) or "").strip() for k in APPLICATION_KEYS}


#: SQL: the invtNo of an export list ``d``: the one customs gave (its latest receipt naming one),
#: else the list's own.
INVT_NO_SQL = (
    "COALESCE((SELECT json_extract(r2.keys, '$.invtNo') FROM receipts r2 WHERE r2.document_id=d.id"
    " AND r2.flag IS NULL AND json_extract(r2.keys, '$.invtNo') IS NOT NULL ORDER BY r2.return_time DESC,"
    " r2.id DESC LIMIT 1), json_extract(d.record, '$.head.invtNo'))"
)
#: SQL: each document's release, the returnTime of its first receipt with status ? (800).
RELEASES_SQL = (
    "(SELECT document_id, MIN(return_time) AS t FROM receipts WHERE return_status=? AND flag IS NULL"
    " AND document_id IS NOT NULL GROUP BY document_id)"
)


def _refused(status: str | None) -> bool:
    status = (status or "").strip()
    return status.startswith("-") or status in ("4", "100")


@dataclass
class SummaryPreview:
    month: str
    ebc: str | None
    deadline: Deadline
    summary_flag: str
    item_name_flag: str
    declarations: list[Declaration] = field(default_factory=list)
    statistics: list[Classified] = field(default_factory=list)
    refused: list[Classified] = field(default_factory=list)
    released: int = 0  # lists released in the month (of the enterprise), before exclusions
    excluded: dict[str, int] = field(default_factory=dict)  # summarised, pending, cancelled
    overdue: dict[str, int] = field(default_factory=dict)  # YYYY-MM -> earlier lists not summarised
    declared_rmb: Decimal = Decimal(0)
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def lists(self) -> int:
        """The lists the preview merges into declarations."""
        return len({n for d in self.declarations for n in d.invt_nos})

    @property
    def late(self) -> bool:
        return self.today > self.deadline.due

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0

    def by_enterprise(self) -> dict[str, list[str]]:
        """ebcCode -> its lists in the order of the declarations (one summary each)."""
        out: dict[str, dict[str, None]] = {}
        for declaration in self.declarations:
            out.setdefault(declaration.head["ebcCode"], {}).update(declaration.invt_nos)
        return {ebc: list(numbers) for ebc, numbers in out.items()}

    def notes(self, lang: str = "zh") -> list[str]:
        """What the user must know, one line each: an empty month, late lists, a missed deadline."""
        en = lang == "en"
        notes = []
        if not self.released:
            notes.append(
                f"no export list was released in {self.month}: nothing to summarise"
                if en
                else f"{self.month} 没有放行的出口申报清单，无需汇总"
            )
        elif not self.declarations and not self.statistics and not self.refused:
            notes.append(
                f"every list released in {self.month} is summarised or cancelled already"
                if en
                else f"{self.month} 放行的清单均已汇总或已撤销"
            )
        for month, count in sorted(self.overdue.items()):
            due = due_date(month).due
            notes.append(
                f"{count} list(s) released in {month} are not summarised and their deadline {due} passed: "
                f"declare them late with --month {month}"
                if en
                else f"{month} 放行的 {count} 票清单尚未汇总，截止日 {due} 已过：请用 --month {month} 补报"
            )
        if self.late and (self.declarations or self.refused):
            notes.append(
                f"the deadline for {self.month} was {self.deadline.due}: this summary is late"
                if en
                else f"{self.month} 的汇总申报截止日为 {self.deadline.due}，已逾期"
            )
        warning = self.deadline.warning(lang)
        if warning:
            notes.append(warning)
        return notes

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "month": self.month,
            "ebcCode": self.ebc,
            "deadline": self.deadline.to_json(lang),
            "late": self.late,
            "summaryFlag": self.summary_flag,
            "itemNameFlag": self.item_name_flag,
            "released": self.released,
            "excluded": self.excluded,
            "overdue": self.overdue,
            "lists": self.lists,
            "declarations": [d.to_json() for d in self.declarations],
            "statistics": [c.to_json(lang) for c in self.statistics],
            "refused": [c.to_json(lang) for c in self.refused],
            "notes": self.notes(lang),
        }


def _excluded(journal: Journal) -> dict[str, str]:
    """invtNo -> why it is not offered: summarised, pending (in a summary not answered yet), cancelled."""
    why: dict[str, str] = {}
    lines = journal.db.json_elements("d.record", "$.lines", "j")
    rows = journal.db.execute(
        "SELECT d.customs_status, json_extract(j.value, '$.invtNo') AS invt_no FROM documents d,"
        f" {lines} WHERE d.message_type=?",
        (SUMMARY,),
    )
    for row in rows:
        if row["invt_no"] and not _refused(row["customs_status"]):
            why[row["invt_no"]] = "summarised" if row["customs_status"] else "pending"
    rows = journal.db.execute(
        "SELECT json_extract(r.keys, '$.lines') AS lines FROM receipts r JOIN receipt_files f ON f.id=r.file_id"
        " WHERE f.message_type=? AND r.flag IS NULL",
        (RESULT,),
    )
    for row in rows:
        for line in json.loads(row["lines"] or "[]"):
            if isinstance(line, dict) and line.get("invtNo"):
                why[line["invtNo"]] = "summarised"
    rows = journal.db.execute(
        "SELECT customs_status, json_extract(record, '$.head.invtNo') AS invt_no FROM documents"
        " WHERE message_type=?",
        (CANCEL,),
    )
    for row in rows:
        if row["invt_no"] and not _refused(row["customs_status"]):
            why.setdefault(row["invt_no"], "cancelled")
    return why


def released_lists(journal: Journal, until: str) -> Iterator[tuple[str, str, dict, list[dict]]]:
    """(returnTime of the release, invtNo, head, lines) of every export list released before
    ``until`` (YYYYMM…), in the order they were declared. The invtNo is the one customs gave
    (in its receipts), else the head's."""
    rows = journal.db.execute(
        f"SELECT d.record, rel.t AS released, {INVT_NO_SQL} AS invt_no FROM documents d"
        f" JOIN {RELEASES_SQL} rel ON rel.document_id=d.id WHERE d.message_type=? AND rel.t < ? ORDER BY d.id",
        (RELEASED, INVENTORY, until),
    )
    for row in rows:
        record = json.loads(row["record"])
        yield row["released"], row["invt_no"] or "", record.get("head") or {}, record.get("lines") or []


def preview(
    journal: Journal,
    month: str,
    *,
    ebc: str | None = None,
    rates: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    today: dt.date | None = None,
) -> SummaryPreview:
    """The summary of ``month`` (YYYY-MM) for one ebcCode or all. RateError when a currency the
    lists use has no rate; SummarySettingError when [summary] dutyHs/refundHs is not HS codes."""
    start, end = month_range(month)  # MonthError for no YYYY-MM
    settings = settings or {}
    summary_flag = (settings.get("summaryFlag") or DEFAULT_SUMMARY_FLAG).strip()
    result = SummaryPreview(
        month,
        ebc,
        due_date(month),
        summary_flag,
        (settings.get("itemNameFlag") or DEFAULT_ITEM_NAME_FLAG).strip(),
        today=today or dt.date.today(),
    )
    table = Rates(rates)
    goods = GoodsFlags(settings)
    merger = Merger(by_owner=summary_flag == "2", apart=lambda head: application_of(head, settings))
    excluded = _excluded(journal)
    for released, invt_no, head, lines in released_lists(journal, end):
        if ebc and (head.get("ebcCode") or "").strip() != ebc:
            continue
        why = excluded.get(invt_no)
        if (released or "") < start:
            if why is None and (head.get("statisticsFlag") or "").strip().upper() != "A":
                earlier = f"{released[:4]}-{released[4:6]}"
                result.overdue[earlier] = result.overdue.get(earlier, 0) + 1
            continue
        result.released += 1
        if why is not None:
            result.excluded[why] = result.excluded.get(why, 0) + 1
            continue
        verdict = classify(invt_no, head, lines, table, goods)
        if verdict.kind == DECLARATION:
            merger.add(invt_no, head, lines)
            if verdict.value_rmb is not None:
                result.declared_rmb += verdict.value_rmb
        elif verdict.kind == STATISTICS:
            result.statistics.append(verdict)
        else:
            assert verdict.kind == REFUSED
            result.refused.append(verdict)
    table.check()
    result.declarations = merger.declarations()
    return result


# -- Excel ----------------------------------------------------------------------------------------
_HEAD_LABELS = {
    "ebcCode": "电商企业代码（收发货人）",
    "trafMode": "运输方式",
    "ownerCode": "生产销售单位代码",
    "country": "运抵国（地区）",
    "portCode": "出口口岸代码",
}


def write_excel(result: SummaryPreview, path: str | os.PathLike[str], lang: str = "zh") -> Path:
    """The preview as a workbook: declarations, goods items, lists, summary statistics, refused."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总报关单")
    sheet.append(
        ["报关单序号", *(_HEAD_LABELS[n] for n in HEAD_FIELDS), "商品项数", "清单票数", "毛重", "净重"]
    )
    sheet.append(["#", *HEAD_FIELDS, "items", "lists", "grossWeight", "netWeight"])
    for number, d in enumerate(result.declarations, 1):
        sheet.append(
            [number, *(d.head[n] for n in HEAD_FIELDS), len(d.items), len(d.invt_nos)]
            + [format_amount(d.gross_weight), format_amount(d.net_weight)]
        )
    sheet = book.create_sheet("商品项")
    sheet.append(
        [
            "报关单序号",
            "商品序号",
            "最终目的国（地区）",
            "商品编码",
            "币制",
            "数量",
            "法定数量",
            "第二数量",
            "总价",
            "清单商品行数",
        ]
    )
    for number, d in enumerate(result.declarations, 1):
        for item in d.items.values():
            j = item.to_json()
            sheet.append([number, j["gseqno"], j["country"], j["gcode"], j["currency"], j["qty"], j["qty1"], j["qty2"], j["totalPrice"], j["lines"]])  # fmt: skip
    sheet = book.create_sheet("清单")
    sheet.append(["报关单序号", "清单编号"])
    for number, d in enumerate(result.declarations, 1):
        for invt_no in d.invt_nos:
            sheet.append([number, invt_no])
    for title, entries in (("简化申报（汇总统计）", result.statistics), ("不能汇总", result.refused)):
        sheet = book.create_sheet(title)
        sheet.append(["清单编号", "货值（人民币元）", "原因"])
        for c in entries:
            j = c.to_json(lang)
            sheet.append([j["invtNo"], j["valueRmb"], "; ".join(j["reasons"])])
    sheet = book.create_sheet("说明")
    sheet.append(["月份", result.month])
    sheet.append(["截止日", result.deadline.due.isoformat()])
    for note in result.notes(lang):
        sheet.append(["", note])
    data = io.BytesIO()
    book.save(data)
    return atomic_write(path, data.getvalue())


def has_export_lists(journal: Journal) -> bool:
    """Whether the journal holds any export list: a month's preview has something to read."""
    return journal.db.execute("SELECT 1 FROM documents WHERE message_type=? LIMIT 1", (INVENTORY,)).fetchone() is not None
