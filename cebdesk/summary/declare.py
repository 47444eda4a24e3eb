"""The summary applications (CEB701 汇总申请单) a month's preview makes: one for each declaring
enterprise of each e-commerce enterprise (ebcCode, agentCode; customs code and supervision site
too, since one application goes to one customs office), naming the invtNos of its "summary
declaration" lists. The lists' heads give the names and codes unless the profile's [summary]
table sets them (customsCode, agentCode, agentName, ebcName, declAgentCode, declAgentName,
loctNo); the declaring customs broker (declAgent…) is the declaring enterprise unless set.

startTime/endTime are left out on purpose: the standard says a time range makes customs ignore
the list body, and the body is what the preview chose (lists already summarised, other agents'
lists and other enterprises' lists left out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..records import new_guid
from ..store.journal import Journal
from .deadline import month_range
from .preview import SUMMARY, SummaryPreview, application_of, released_lists

#: [summary] keys that may stand in for the lists' values.
PROFILE_KEYS = (
    "customsCode",
    "agentCode",
    "agentName",
    "ebcName",
    "declAgentCode",
    "declAgentName",
    "loctNo",
)
#: Head elements that must have a value, and where the value can be set.
REQUIRED = ("customsCode", "agentCode", "agentName", "ebcName", "declAgentCode", "declAgentName")


class SummaryProfileError(Exception):
    """A value a summary application needs is neither in the lists nor in the profile."""

    def __init__(self, key: str, ebc: str, invt_nos: list[str]) -> None:
        self.key, self.ebc, self.invt_nos = key, ebc, invt_nos
        super().__init__(self.text("en"))

    def text(self, lang: str = "zh") -> str:
        lists = ", ".join(self.invt_nos[:3]) + (" …" if len(self.invt_nos) > 3 else "")
        if lang == "en":
            return (
                f"the summary of ebcCode {self.ebc} needs {self.key}, which its lists ({lists}) do not give:"
                f" set {self.key} in the profile's [summary] table (key [summary] {self.key}); nothing was journaled"
            )
        return (
            f"电商企业 {self.ebc} 的汇总申请单需要 {self.key}，其清单（{lists}）未提供："
            f"请在企业配置的 [summary] 表中填写 {self.key}（[summary] {self.key}）；未记入任何单证"
        )


@dataclass
class Application:
    """One CEB701 to declare: its head and list (invtNo lines)."""

    head: dict[str, str]
    lines: list[dict[str, str]] = field(default_factory=list)

    @property
    def invt_nos(self) -> list[str]:
        return [line["invtNo"] for line in self.lines]

    def to_json(self) -> dict:
        keys = ("copNo", "customsCode", "ebcCode", "ebcName", "agentCode", "agentName", "declAgentCode")
        return {**{k: self.head.get(k, "") for k in keys}, "invtNos": self.invt_nos}


def _next_seq(journal: Journal, prefix: str) -> int:
    """The next free number after ``prefix`` among the summaries in the journal."""
    rows = journal.db.execute(
        "SELECT business_key FROM documents WHERE message_type=? AND business_key LIKE ?",
        (SUMMARY, prefix + "%"),
    )
    used = [int(k[len(prefix) :]) for (k,) in rows if k[len(prefix) :].isdigit()]
    return max(used, default=0) + 1


def applications(
    journal: Journal,
    result: SummaryPreview,
    settings: dict[str, str] | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[Application]:
    """The applications ``result`` (a preview made from ``journal``) declares; raises
    SummaryProfileError, naming the [summary] key, when a required value is missing."""
    settings = {k: (v or "").strip() for k, v in (settings or {}).items()}
    now = now or dt.datetime.now()
    wanted: dict[str, None] = {}
    for numbers in result.by_enterprise().values():
        wanted.update(dict.fromkeys(numbers))
    if not wanted:
        return []
    start, end = month_range(result.month)
    heads: dict[str, dict[str, str]] = {}
    for _released, invt_no, head, _lines in released_lists(journal, end):
        if invt_no in wanted:
            heads[invt_no] = head
    groups: dict[tuple[str, ...], Application] = {}
    for invt_no in wanted:
        list_head = heads.get(invt_no, {})
        values = {"ebcCode": (list_head.get("ebcCode") or "").strip()}
        for key in PROFILE_KEYS:
            values[key] = settings.get(key) or (list_head.get(key) or "").strip()
        values["declAgentCode"] = settings.get("declAgentCode") or values["agentCode"]
        values["declAgentName"] = settings.get("declAgentName") or values["agentName"]
        group = (values["ebcCode"], *application_of(list_head, settings).values())
        app = groups.get(group)
        if app is None:
            app = groups[group] = Application(values)
        app.lines.append({"invtNo": invt_no})
    prefix = f"SUM{start}"
    seq = _next_seq(journal, prefix)
    out = []
    for app in groups.values():
        values = app.head
        for key in REQUIRED:
            if not values[key]:
                raise SummaryProfileError(key, values["ebcCode"], app.invt_nos)
        head = {
            "guid": new_guid(),
            "appType": "1",
            "appTime": now.strftime("%Y%m%d%H%M%S"),
            "appStatus": "2",
            "customsCode": values["customsCode"],
            "copNo": f"{prefix}{seq:04d}",
            "agentCode": values["agentCode"],
            "agentName": values["agentName"],
            "ebcCode": values["ebcCode"],
            "ebcName": values["ebcName"],
            "declAgentCode": values["declAgentCode"],
            "declAgentName": values["declAgentName"],
            "summaryFlag": result.summary_flag,
            "itemNameFlag": result.item_name_flag,
            "msgCount": "1",
            "msgSeqNo": "1",
        }
        if values["loctNo"]:
            head["loctNo"] = values["loctNo"]
        seq += 1
        out.append(Application(head, app.lines))
    return out


@dataclass
class Declared:
    """What ``summary --send`` journaled: the preview it came from, the applications (empty when
    nothing is to be declared, or when a field rule refused one: then nothing was journaled)."""

    preview: SummaryPreview
    applications: list[Application] = field(default_factory=list)
    findings: list = field(default_factory=list)  # Finding: field rules the applications broke
    #: summaries in the journal not sent yet (these, and any an interrupted run left)
    waiting: int = 0

    @property
    def refused(self) -> bool:
        return any(f.is_error for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.refused or self.preview.exit_code else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "month": self.preview.month,
            "applications": [a.to_json() for a in self.applications],
            "findings": [f.to_json(lang) for f in self.findings],
            "waiting": self.waiting,
            "preview": self.preview.to_json(lang),
            "exit_code": self.exit_code,
        }
