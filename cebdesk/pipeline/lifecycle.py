"""A document's life after it is journaled: drafts, declaring a document entered by hand,
editing, modification, declaring again after a refusal, deletion, duplication, cancellation and
refund of inventories, and the versions of each document.

The rules, in one place for the window and the CLI (``Workspace`` exposes each function):

- A **draft** (暂存) has appStatus 1 and journal state ``draft``: it is never planned or sent and
  is not checked. Declaring it (appStatus 2) runs the same checks as an Excel import
  (:func:`cebdesk.pipeline.files.checked`) and journals it ``ready``; the usual
  ``Workspace.send`` signs and sends it. A refused declaration journals nothing.
- **Before sending** (draft or ready) a document is edited in place. **After sending** a change
  is a new version with appType 2 (变更) and a new guid; customs' own numbers identify the
  document, so its number (the business key) cannot change. A document customs **refused** is
  corrected and declared again: a processing exception (negative) or "sending failed" (4) means
  customs holds no record, so it goes with the appType it had; a document returned (100, 退单)
  goes as appType 2. Once customs has decided (399 审结, 800 放行, 899 结关, 700 退运) neither a
  modification nor a deletion is accepted: an inventory is then cancelled (撤销).
- **Delete**: a document customs never saw is discarded (state ``discarded``, its number freed,
  its versions kept); one customs refused outright is marked ``deleted`` here; otherwise a new
  version with appType 3 (删除) is sent, where the message's appType allows 3 (the import
  cancellation allows only 1-新增).
- **Cancel** an import inventory (CEB621 → CEB623) or an export list (CEB603 → CEB605), and
  **refund** (CEB625 / CEB213, all goods lines or chosen ones with quantities): only once customs
  accepted the inventory (an invtNo in its receipts), not when customs refused it, not when a
  cancellation (or, for a refund, a refund) that customs did not refuse exists. The new document
  carries the inventory's invtNo, copNo and enterprise fields from the journal, is checked like
  every declaration and journaled ``ready``. Its receipts (CEB624/626, CEB606/214) attach to it;
  the inventory's status shows it (:func:`follow_ups`).
- Every version is kept in the journal (``versions`` table) with who (the profile's operator,
  else the OS user) and when, and the changes from the version before.

Refusals raise :class:`LifecycleError` with a Chinese and an English text (and the findings, when
a field rule is broken). Nothing here imports Qt or prints.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..excel.columns import PART_FIELDS
from ..excel.reader import fill_defaults
from ..findings import Finding
from ..records import Document, XmlOrigin, new_guid
from ..spec import DocumentType, document_type, document_type_for, message_type
from ..spec.receipts import DECIDED_STATUSES, explain_status
from ..store import Journal
from ..store.journal import REFERENCE, DocumentRow
from .files import checked

#: What can be done with a document (``can()`` answers each).
ACTIONS = ("declare", "edit", "modify", "delete", "duplicate", "cancel", "refund")

#: What :func:`delete` did.
DISCARDED = "discarded"  # never sent: taken out of the work (state discarded, versions kept)
DELETED = "deleted"  # customs refused it outright: nothing to tell customs, marked deleted here
QUEUED = "queued"  # a version with appType 3 waits to be sent (Workspace.send)

#: The inventory each cancellation and refund type acts on, by direction.
CANCEL_OF = {"CEB621Message": "CEB623Message", "CEB603Message": "CEB605Message"}
REFUND_OF = {"CEB621Message": "CEB625Message", "CEB603Message": "CEB213Message"}
INVENTORIES = tuple(CANCEL_OF)

#: Head fields a copy (duplicate) does not keep: the program's and customs' own.
_NOT_COPIED = ("guid", "appTime", "appType", "appStatus", "copNo", "preNo", "invtNo", "coElNo", "sumNo")
#: Head fields ignored when comparing two versions: they change with every sending.
_VOLATILE = frozenset({"guid", "appTime", "appType", "appStatus"})
_QTY = Decimal("0.00001")

_TEXTS: dict[str, tuple[str, str]] = {
    "not_found": ("日志中没有单证 {id}", "no document {id} in the journal"),
    "unknown_type": ("未知的单证类型 {name}", "unknown document type {name}"),
    "key_not_found": (
        "日志中没有编号为 {key} 的进口清单或出口申报清单",
        "no import inventory or export list numbered {key} in the journal",
    ),
    "key_ambiguous": (
        "编号 {key} 对应 {count} 个清单（{keys}），请给出完整的编号（清单编号、企业唯一编号或 编号/企业代码）",
        "{count} inventories match {key} ({keys}); give the full number (invtNo, copNo or number/enterprise code)",
    ),
    "sending": (
        "单证正在发送中，请等发送结束后再操作",
        "the document is being sent; wait until sending has finished",
    ),
    "discarded": ("单证已作废（未曾发送）", "the document was discarded (it was never sent)"),
    "deleted": ("单证已删除", "the document was deleted"),
    "deleting": (
        "单证已申请删除（报送类型 3），等待发送或海关回执",
        "the document's deletion (appType 3) is waiting to be sent or answered",
    ),
    "decided": (
        "海关已{meaning}（{status}），不能再{action}{hint}",
        "customs has decided ({status} {meaning_en}): it can no longer be {action_en}{hint_en}",
    ),
    "not_allowed": (
        "标准不允许{action}{label}（报送类型只能为 {codes}）",
        "the standard does not allow a {label_en} to be {action_en} (appType can only be {codes})",
    ),
    "key_changed": (
        "变更不能改变单证编号（{old} → {new}）：海关以编号识别单证。若是另一单证，请复制后作为新单证申报",
        "a modification cannot change the document's number ({old} → {new}): customs knows the "
        "document by it. For another document, duplicate this one and declare the copy",
    ),
    "key_taken": (
        "编号 {key} 的{label}已在日志中（单证 {id}）",
        "a {label_en} numbered {key} is in the journal already (document {id})",
    ),
    "key_missing": (
        "申报前需填写单证编号（{fields}）",
        "the document's number ({fields}) is needed to declare it",
    ),
    "findings": (
        "单证有 {count} 处错误，未保存：{first}",
        "the document has {count} error(s); nothing was saved: {first}",
    ),
    "unchanged": ("没有改动，无需变更", "nothing was changed: there is nothing to send as a modification"),
    "already_sent": (
        "单证已发送，不能再暂存或原样修改；请用变更（报送类型 2）",
        "the document was sent: it cannot be saved as a draft or edited in place; modify it (appType 2)",
    ),
    "not_draft": ("只有暂存的单证可以申报", "only a draft can be declared"),
    "reference": (
        "仅供核对的单证由他方申报，不能{action}；如由本企业申报，请复制为新单证",
        "a document kept for checking only is someone else's declaration: it cannot be {action_en}; "
        "duplicate it to declare it yourself",
    ),
    "not_sent": ("单证尚未发送：请直接修改", "the document has not been sent: edit it in place"),
    "not_inventory": (
        "只能{action}进口清单或出口申报清单，{label}不能{action}",
        "only an import inventory or an export list can be {action_en}, not a {label_en}",
    ),
    "reason_required": ("{action}需要填写原因", "a {what_en} needs a reason"),
    "no_invt_no": (
        "清单还没有清单编号（海关尚未接受），不能{action}",
        "the inventory has no invtNo yet (customs has not accepted it): it cannot be {action_en}",
    ),
    "refused": (
        "海关已拒绝该清单（{status} {meaning}），不能{action}",
        "customs refused the inventory ({status} {meaning_en}): it cannot be {action_en}",
    ),
    "cancelled": (
        "清单已申请撤销（单证 {id}，{state}），不能{action}",
        "the inventory's cancellation exists (document {id}, {state_en}): it cannot be {action_en}",
    ),
    "refunded": (
        "清单已申请退货（单证 {id}，{state}），不能{action}",
        "the inventory's return request exists (document {id}, {state_en}): it cannot be {action_en}",
    ),
    "no_lines": ("退货至少需要一项商品", "a return request needs at least one goods line"),
    "bad_line": ("清单没有第 {gnum} 项商品", "the inventory has no goods line {gnum}"),
    "bad_qty": (
        "第 {gnum} 项的退货数量 {qty} 不是大于 0 的数",
        "the quantity {qty} to return of line {gnum} is not a number above 0",
    ),
    "qty_above": (
        "第 {gnum} 项的退货数量 {qty} 大于清单数量 {limit}",
        "the quantity {qty} to return of line {gnum} is above the inventory's {limit}",
    ),
}

#: (Chinese, English) words for the actions, as the texts above use them.
_ACTION_WORDS = {
    "declare": ("申报", "declared"),
    "edit": ("修改", "edited"),
    "modify": ("变更", "modified"),
    "delete": ("删除", "deleted"),
    "duplicate": ("复制", "duplicated"),
    "cancel": ("撤销", "cancelled"),
    "refund": ("退货", "returned"),
}


class LifecycleError(Exception):
    """Why an action on a document is refused, in Chinese (``zh``) and English (``en``).

    ``reason`` names the rule (``no_invt_no``, ``refused``, ``cancelled``, ``decided``,
    ``not_allowed``, ``findings`` …, the keys of ``_TEXTS``); ``findings`` holds the broken field
    rules when a declaration was refused by them (each names its element and, for a line, the
    path ``lines[N]/element``)."""

    def __init__(
        self, zh: str, en: str, *, reason: str = "refused", findings: Iterable[Finding] = ()
    ) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en
        self.reason = reason
        self.findings = list(findings)

    def text(self, lang: str = "zh") -> str:
        """The reason in the user's language ("en", else Chinese)."""
        return self.en if lang == "en" else self.zh

    def __reduce__(self):  # whole across the window's worker process (pickled)
        return (_rebuilt, (self.zh, self.en, self.reason, self.findings))

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "refused": self.reason,
            "message": self.text(lang),
            "findings": [f.to_json(lang) for f in self.findings],
        }


def _rebuilt(zh: str, en: str, reason: str, findings: list[Finding]) -> LifecycleError:
    return LifecycleError(zh, en, reason=reason, findings=findings)


def _refuse(reason: str, findings: Iterable[Finding] = (), **params) -> LifecycleError:
    zh, en = _TEXTS[reason]
    if params.get("action") in _ACTION_WORDS:
        params["action"], params["action_en"] = _ACTION_WORDS[params["action"]]
    return LifecycleError(
        zh.format_map(_Blank(params)), en.format_map(_Blank(params)), reason=reason, findings=findings
    )


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Change:
    """One value that differs between two versions: ``gnum`` None for the head; ``old`` None for
    a value (or a whole line) added, ``new`` None for one removed. ``label``: the Chinese label."""

    field: str
    gnum: int | None
    old: str | None
    new: str | None
    label: str = ""

    def to_json(self) -> dict:
        return {"field": self.field, "gnum": self.gnum, "old": self.old, "new": self.new, "label": self.label}


@dataclass(frozen=True)
class Version:
    """One version of a document as the journal keeps it. ``kind``: journaled (before versions
    were kept), imported, draft, declared, edited (in place, before sending), modified (appType
    2), redeclared (after a refusal), deleted (appType 3, or marked deleted), discarded."""

    number: int
    kind: str
    app_type: str | None
    app_status: str | None
    who: str
    when: str
    head: dict[str, str]
    lines: list[dict[str, str]]
    changes: tuple[Change, ...] = ()

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "kind": self.kind,
            "appType": self.app_type,
            "appStatus": self.app_status,
            "who": self.who,
            "when": self.when,
            "changes": [c.to_json() for c in self.changes],
        }


@dataclass(frozen=True)
class Actions:
    """What may be done with a document now: for each of ``ACTIONS``, None (allowed) or the
    :class:`LifecycleError` the action would raise (the window greys its button with that text)."""

    document_id: int
    refusals: Mapping[str, LifecycleError | None]

    def allowed(self, action: str) -> bool:
        return self.refusals.get(action) is None

    def why(self, action: str, lang: str = "zh") -> str:
        """Why ``action`` is refused, in the user's language; "" when it is allowed."""
        refusal = self.refusals.get(action)
        return refusal.text(lang) if refusal is not None else ""

    def to_json(self, lang: str = "zh") -> dict:
        return {a: (None if r is None else r.text(lang)) for a, r in self.refusals.items()}


@dataclass(frozen=True)
class FollowUp:
    """A cancellation or refund declared for an inventory, with customs' latest answer to it."""

    kind: str  # "cancel" | "refund"
    document_id: int
    message_type: str  # CEB623Message …
    state: str  # the follow-up's journal state (ready, sent …)
    return_status: str | None

    @property
    def refused(self) -> bool:
        return _refused(self.return_status)

    @property
    def accepted(self) -> bool:
        """Customs decided for it (审结 399, 放行 800, 结关 899)."""
        return (self.return_status or "").strip() in DECIDED_STATUSES

    def text(self, lang: str = "zh") -> str:
        """ "已撤销" / "cancelled", "撤销被拒" …: what became of the inventory."""
        en = lang == "en"
        what = (
            ("cancellation" if self.kind == "cancel" else "return request")
            if en
            else ("撤销" if self.kind == "cancel" else "退货")
        )
        meaning = explain_status(self.return_status, lang, self.message_type)[0] if self.return_status else ""
        if self.accepted:
            if en:
                return "cancelled" if self.kind == "cancel" else "returned"
            return "已撤销" if self.kind == "cancel" else "已退货"
        if self.refused:
            return f"{what} refused: {meaning}" if en else f"{what}被拒：{meaning}"
        if self.state in ("ready", "planned"):
            return f"{what} waiting to be sent" if en else f"{what}待发送"
        return (
            f"{what} declared" + (f": {meaning}" if meaning else "")
            if en
            else f"{what}申报中" + (f"：{meaning}" if meaning else "")
        )

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "kind": self.kind,
            "id": self.document_id,
            "state": self.state,
            "returnStatus": self.return_status,
            "text": self.text(lang),
        }


# -- helpers ----------------------------------------------------------------------------------------
def _refused(status: str | None) -> bool:
    """Customs refused it: a processing exception (negative), sending failed (4), returned (100)."""
    status = (status or "").strip()
    return status.startswith("-") or status in ("4", "100")


def _no_record(status: str | None) -> bool:
    """Customs holds no record of it: a processing exception (negative) or sending failed (4)."""
    status = (status or "").strip()
    return status.startswith("-") or status == "4"


def _now(now: datetime | None) -> datetime:
    return now or datetime.now()


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d%H%M%S")


def _doc_type(name: str) -> DocumentType:
    try:
        return document_type(name)
    except KeyError:
        pass
    try:
        found = document_type_for(message_type(name))
    except KeyError:
        found = None
    if found is None:
        raise _refuse("unknown_type", name=name)
    return found


def _type_of(row: DocumentRow) -> DocumentType:
    found = document_type_for(message_type(row.message_type))
    if found is None:
        raise _refuse("unknown_type", name=row.message_type)
    return found


def _row(journal: Journal, document_id: int) -> DocumentRow:
    found = journal.db.execute("SELECT 1 FROM documents WHERE id=?", (document_id,)).fetchone()
    if found is None:
        raise _refuse("not_found", id=document_id)
    return journal.document(document_id)


def _clean(values: Mapping[str, object] | None) -> dict[str, str]:
    """Values as the journal keeps them: strings, empty ones absent (as the reader gives them)."""
    out = {}
    for name, value in (values or {}).items():
        if value is None:
            continue
        text = value if isinstance(value, str) else str(value)
        if text != "":
            out[str(name)] = text
    return out


def _copy(
    head: Mapping[str, str], lines: Iterable[Mapping[str, str]]
) -> tuple[dict[str, str], list[dict[str, str]]]:
    return dict(head), [dict(line) for line in lines]


def _origin(doc_type: DocumentType) -> XmlOrigin:
    """Where findings about an entered document point: ``head/element``, ``lines[N]/element``."""
    return XmlOrigin(doc_type.label, "head", "lines")


def _prepared(
    doc_type: DocumentType,
    head: Mapping[str, object],
    lines: Iterable[Mapping[str, object]],
    defaults: Mapping[str, str] | None,
    now: datetime,
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """An entered document's values with what the program fills as on import: guid, the
    profile's and the standard's defaults, gnum 1, 2, 3… when no line has one, parts 1 of 1."""
    values = _clean(head)
    rows = [_clean(line) for line in lines] if doc_type.list is not None else []
    rows = [line for line in rows if line]
    if not values.get("guid"):
        values["guid"] = new_guid()
    if doc_type.message.parts:
        for name in PART_FIELDS:
            values.setdefault(name, "1")
    if doc_type.list is not None and "gnum" in doc_type.list and not any(line.get("gnum") for line in rows):
        for n, line in enumerate(rows, start=1):
            line["gnum"] = str(n)
    fill_defaults(doc_type, values, rows, dict(defaults or {}), now)
    return values, rows


def _key_complete(doc_type: DocumentType, head: Mapping[str, str]) -> bool:
    return all(head.get(name) for name in doc_type.identity)


def _findings(doc_type: DocumentType, head: dict[str, str], lines: list[dict[str, str]]) -> list[Finding]:
    found, _ok = checked(Document(doc_type.message, head, lines, _origin(doc_type)), [])
    return found


def _check_or_refuse(
    doc_type: DocumentType, head: dict[str, str], lines: list[dict[str, str]]
) -> list[Finding]:
    """The import's checks; raises LifecycleError(findings) when a rule is broken; the warnings."""
    found = _findings(doc_type, head, lines)
    errors = [f for f in found if f.is_error]
    if errors:
        first_zh, first_en = errors[0].render("zh"), errors[0].render("en")
        zh, en = _TEXTS["findings"]
        raise LifecycleError(
            zh.format(count=len(errors), first=first_zh),
            en.format(count=len(errors), first=first_en),
            reason="findings",
            findings=found,
        )
    return found


def _give_numbers(journal: Journal, document_id: int, doc_type: DocumentType, head: dict[str, str]) -> None:
    """copNo (coElNo for an export return request) is the enterprise's own number; left empty,
    the journal's is used (as on import), so every receipt finds its document."""
    for name in ("copNo", "coElNo"):
        if name in doc_type.head and not head.get(name):
            head[name] = f"CEBD{document_id:016d}"


def _taken(journal: Journal, doc_type: DocumentType, key: str, document_id: int | None) -> int | None:
    other = journal.find_document(doc_type.message.code, key)
    return other if other is not None and other != document_id else None


def _app_type_field(doc_type: DocumentType):
    return next((f for f in doc_type.head.fields if f.name == "appType"), None)


def _allows(doc_type: DocumentType, app_type: str) -> bool:
    """Whether the message's appType may be ``app_type`` (2-变更, 3-删除)."""
    f = _app_type_field(doc_type)
    return f is not None and (f.codes is None or app_type in f.codes)


def _app_type_codes(doc_type: DocumentType) -> str:
    f = _app_type_field(doc_type)
    return "、".join(f.codes.values) if f is not None and f.codes is not None else ""


# -- versions and differences -----------------------------------------------------------------------
def changes(
    doc_type: DocumentType | None,
    old_head: Mapping[str, str],
    old_lines: Iterable[Mapping[str, str]],
    new_head: Mapping[str, str],
    new_lines: Iterable[Mapping[str, str]],
) -> list[Change]:
    """What differs between two sets of values: head fields (guid, appTime, appType and appStatus
    change with every sending and are left out), then lines by gnum (a line added or removed
    gives one change per value)."""
    head_entity = doc_type.head if doc_type is not None else None
    list_entity = doc_type.list if doc_type is not None else None

    def label(entity, name: str) -> str:
        return entity[name].label if entity is not None and name in entity else ""

    def order(entity, names: Iterable[str]) -> list[str]:
        known = list(entity.names) if entity is not None else []
        names = set(names)
        return [n for n in known if n in names] + sorted(n for n in names if n not in known)

    out: list[Change] = []
    old_h, new_h = _clean(old_head), _clean(new_head)
    for name in order(head_entity, set(old_h) | set(new_h)):
        if name in _VOLATILE:
            continue
        if old_h.get(name) != new_h.get(name):
            out.append(Change(name, None, old_h.get(name), new_h.get(name), label(head_entity, name)))

    def by_gnum(lines: Iterable[Mapping[str, str]]) -> dict[int, dict[str, str]]:
        found = {}
        for index, line in enumerate(lines, start=1):
            values = _clean(line)
            try:
                number = int(values.get("gnum", index))
            except ValueError:
                number = index
            found[number] = values
        return found

    old_l, new_l = by_gnum(old_lines), by_gnum(new_lines)
    for gnum in sorted(set(old_l) | set(new_l)):
        before, after = old_l.get(gnum, {}), new_l.get(gnum, {})
        for name in order(list_entity, set(before) | set(after)):
            if before.get(name) != after.get(name):
                out.append(Change(name, gnum, before.get(name), after.get(name), label(list_entity, name)))
    return out


def _change_json(found: list[Change]) -> list[dict]:
    return [c.to_json() for c in found]


def diff(
    journal: Journal, document_id: int, head: Mapping[str, object], lines: Iterable[Mapping[str, object]]
) -> list[Change]:
    """The differences between a document as journaled and the values given (the form's)."""
    row = _row(journal, document_id)
    return changes(
        document_type_for(message_type(row.message_type)),
        row.head,
        row.lines,
        _clean(head),
        [_clean(x) for x in lines],
    )


def versions(journal: Journal, document_id: int) -> list[Version]:
    """Every version of the document, oldest first (also of one discarded)."""
    out = []
    for row in journal.versions(document_id):
        record = json.loads(row["record"])
        found = tuple(Change(**c) for c in json.loads(row["changes"])) if row["changes"] else ()
        out.append(
            Version(
                row["number"],
                row["kind"],
                row["app_type"],
                row["app_status"],
                row["who"] or "",
                row["time"],
                record.get("head") or {},
                record.get("lines") or [],
                found,
            )  # fmt: skip
        )
    if not out:
        _row(journal, document_id)  # not found: say so
    return out


# -- drafts, declaring, editing ---------------------------------------------------------------------
def _editable(row: DocumentRow) -> None:
    """Edited in place only before it is sent (draft, ready)."""
    if row.state == REFERENCE:
        raise _refuse("reference", action="edit")
    if row.state == "planned":
        raise _refuse("sending")
    if row.state == "discarded":
        raise _refuse("discarded")
    if row.state == "deleted":
        raise _refuse("deleted")
    if row.state != "draft" and row.state != "ready":
        raise _refuse("already_sent")


def save_draft(
    journal: Journal,
    type_name: str,
    head: Mapping[str, object],
    lines: Iterable[Mapping[str, object]],
    *,
    document_id: int | None = None,
    defaults: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> int:
    """Keep a document as a draft (appStatus 1, state ``draft``): not checked, never sent. With
    ``document_id`` (a draft, or a document not sent yet) it is saved in place; a document
    already sent is refused (``already_sent``). Its id."""
    doc_type = _doc_type(type_name)
    now = _now(now)
    with journal.transaction():
        row = _row(journal, document_id) if document_id is not None else None
        if row is not None:
            _editable(row)
        values, rows = _prepared(doc_type, head, lines, defaults, now)
        values["appStatus"] = "1"
        values.setdefault("appType", row.app_type if row is not None else "1")
        if row is None:
            document_id = journal.enter_document(
                doc_type.message.code, f"entering/{values['guid']}", values, rows, state="draft"
            )
        _give_numbers(journal, document_id, doc_type, values)
        key = doc_type.business_key(values)
        if not _key_complete(doc_type, values) or _taken(journal, doc_type, key, document_id) is not None:
            key = f"draft/{values['guid']}"  # numbered once it is complete and free
        previous = changes(doc_type, row.head, row.lines, values, rows) if row is not None else None
        journal.replace_document(
            document_id, key, values, rows, state="draft", kind="draft",
            changes=_change_json(previous) if previous is not None else None,
        )  # fmt: skip
    return document_id


def _declare_key(journal: Journal, doc_type: DocumentType, values: dict[str, str], document_id: int) -> str:
    if not _key_complete(doc_type, values):
        labels = "、".join(f"{doc_type.head[n].label}({n})" for n in doc_type.identity if not values.get(n))
        raise _refuse("key_missing", fields=labels)
    key = doc_type.business_key(values)
    other = _taken(journal, doc_type, key, document_id)
    if other is not None:
        raise _refuse("key_taken", key=key, id=other, label=doc_type.label, label_en=doc_type.label_en)
    return key


def declare_entered(
    journal: Journal,
    type_name: str,
    head: Mapping[str, object],
    lines: Iterable[Mapping[str, object]],
    *,
    document_id: int | None = None,
    defaults: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> int:
    """Declare a document entered by hand (appStatus 2): the import's checks, then journaled
    ``ready`` for ``Workspace.send``. With ``document_id``: a draft or a document not sent yet
    is declared in place; one already sent is modified (:func:`modify`). Refused (nothing
    journaled) with LifecycleError: ``findings`` (a field rule broken, the findings attached),
    ``key_missing``, ``key_taken`` (another document has this number). Its id."""
    if document_id is not None and _row(journal, document_id).state == "sent":
        return modify(journal, document_id, head, lines, defaults=defaults, now=now)
    doc_type = _doc_type(type_name)
    now = _now(now)
    with journal.transaction():
        row = _row(journal, document_id) if document_id is not None else None
        if row is not None:
            _editable(row)
        values, rows = _prepared(doc_type, head, lines, defaults, now)
        values["appStatus"] = "2"
        values["appTime"] = _stamp(now)
        values["appType"] = row.app_type if row is not None else "1"
        if row is None:
            document_id = journal.enter_document(
                doc_type.message.code, f"entering/{values['guid']}", values, rows, state="ready"
            )
        _give_numbers(journal, document_id, doc_type, values)
        key = _declare_key(journal, doc_type, values, document_id)
        _check_or_refuse(doc_type, values, rows)
        previous = changes(doc_type, row.head, row.lines, values, rows) if row is not None else None
        journal.replace_document(
            document_id, key, values, rows, state="ready", kind="edited" if row is not None and row.state == "ready" else "declared",
            changes=_change_json(previous) if previous is not None else None,
        )  # fmt: skip
    return document_id


def _decided_refusal(row: DocumentRow, action: str) -> LifecycleError:
    status = (row.customs_status or "").strip()
    meaning = explain_status(status, "zh", row.message_type)[0]
    meaning_en = explain_status(status, "en", row.message_type)[0]
    inventory = row.message_type in INVENTORIES
    return _refuse(
        "decided", status=status, meaning=meaning, meaning_en=meaning_en, action=action,
        hint="；请改为申请撤销" if inventory else "", hint_en="; cancel it instead" if inventory else "",
    )  # fmt: skip


def _modifiable(row: DocumentRow, doc_type: DocumentType) -> str:
    """May a sent document get a new version now? The kind of version it will be (modified,
    redeclared) and, by the rules in the module's notes, its appType: "kind:appType"."""
    if row.state == REFERENCE:
        raise _refuse("reference", action="modify")
    if row.state in ("draft", "ready"):
        raise _refuse("not_sent")
    if row.state == "planned":
        raise _refuse("sending")
    if row.state in ("discarded", "deleted"):
        raise _refuse(row.state)
    if row.app_type == "3":
        raise _refuse("deleting")
    status = (row.customs_status or "").strip()
    if _no_record(status):
        return f"redeclared:{row.app_type or '1'}"
    if status in DECIDED_STATUSES:
        raise _decided_refusal(row, "modify")
    if not _allows(doc_type, "2"):
        raise _refuse(
            "not_allowed", action="modify", label=doc_type.label, label_en=doc_type.label_en,
            codes=_app_type_codes(doc_type),
        )  # fmt: skip
    return "redeclared:2" if status == "100" else "modified:2"


def modify(
    journal: Journal,
    document_id: int,
    head: Mapping[str, object],
    lines: Iterable[Mapping[str, object]],
    *,
    defaults: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> int:
    """Change a document. A draft is saved in place (still a draft); a document not sent yet is
    checked and changed in place; a sent one gets a new version to send (new guid, appTime,
    appStatus 2): appType 2 (变更), or, after customs refused it, declared again (see the
    module's notes). The number (business key) cannot change after sending. Refused with
    LifecycleError: ``findings``, ``sending``, ``decided`` (customs decided: cancel instead),
    ``not_allowed``, ``key_changed``, ``unchanged`` (a sent, accepted document given the same
    values), ``deleting``. Its id (the same document)."""
    row = _row(journal, document_id)
    doc_type = _type_of(row)
    if row.state == "draft":
        return save_draft(
            journal, doc_type.name, head, lines, document_id=document_id, defaults=defaults, now=now
        )
    if row.state == "ready":
        return declare_entered(
            journal, doc_type.name, head, lines, document_id=document_id, defaults=defaults, now=now
        )
    now = _now(now)
    with journal.transaction():
        row = _row(journal, document_id)
        kind, app_type = _modifiable(row, doc_type).split(":")
        values, rows = _prepared(doc_type, head, lines, defaults, now)
        for name in ("copNo", "coElNo"):  # the enterprise's own number stays
            if name in doc_type.head and not values.get(name) and row.head.get(name):
                values[name] = row.head[name]
        values.update(guid=new_guid(), appTime=_stamp(now), appStatus="2", appType=app_type)
        key = doc_type.business_key(values)
        if key != row.business_key:
            raise _refuse("key_changed", old=row.business_key, new=key)
        found = changes(doc_type, row.head, row.lines, values, rows)
        if not found and kind == "modified":
            raise _refuse("unchanged")
        _check_or_refuse(doc_type, values, rows)
        journal.replace_document(
            document_id, key, values, rows, state="ready", kind=kind, changes=_change_json(found)
        )
    return document_id


# -- delete, duplicate ----------------------------------------------------------------------------------
def _never_sent(journal: Journal, row: DocumentRow) -> bool:
    return row.state == "draft" or (
        row.state == "ready" and row.app_type == "1" and not journal.has_receipts(row.id)
    )


def _deletion(journal: Journal, row: DocumentRow, doc_type: DocumentType) -> str:
    """What deleting the document does now (DISCARDED, DELETED, QUEUED), or LifecycleError."""
    if row.state == "planned":
        raise _refuse("sending")
    if row.state in ("discarded", "deleted"):
        raise _refuse(row.state)
    if _never_sent(journal, row):
        return DISCARDED
    if row.app_type == "3":
        raise _refuse("deleting")
    status = (row.customs_status or "").strip()
    if row.state == "sent" and _no_record(status) and row.app_type == "1":
        return DELETED
    if status in DECIDED_STATUSES:
        raise _decided_refusal(row, "delete")
    if not _allows(doc_type, "3"):
        raise _refuse(
            "not_allowed", action="delete", label=doc_type.label, label_en=doc_type.label_en,
            codes=_app_type_codes(doc_type),
        )  # fmt: skip
    return QUEUED


def delete(journal: Journal, document_id: int, *, now: datetime | None = None) -> str:
    """Delete a document: ``DISCARDED`` (never sent: state discarded, its number free again),
    ``DELETED`` (customs refused it outright: marked deleted, nothing sent) or ``QUEUED`` (a
    version with appType 3 waits for ``Workspace.send``). Refused with LifecycleError:
    ``sending``, ``decided`` (customs decided: cancel an inventory instead), ``not_allowed`` (the
    standard allows only appType 1, as for the import cancellation), ``deleting``, ``deleted``."""
    now = _now(now)
    with journal.transaction():
        row = _row(journal, document_id)
        doc_type = _type_of(row)
        outcome = _deletion(journal, row, doc_type)
        if outcome == DISCARDED:
            journal.discard_document(document_id)
        elif outcome == DELETED:
            journal.set_state(document_id, "deleted", "deleted")
        else:
            values, rows = _copy(row.head, row.lines)
            values.update(guid=new_guid(), appTime=_stamp(now), appStatus="2", appType="3")
            journal.replace_document(
                document_id, row.business_key, values, rows, state="ready", kind="deleted", changes=[]
            )
    return outcome


def duplicate(journal: Journal, document_id: int) -> tuple[str, dict[str, str], list[dict[str, str]]]:
    """A copy of a document to enter as a new one: (type name, head, lines), not saved. It has a
    new guid; copNo, customs' numbers (invtNo, preNo …), appTime, appType and appStatus are left
    out (the journal gives the copy its own copNo when it is saved; appType 1)."""
    row = _row(journal, document_id)
    doc_type = _type_of(row)
    head, lines = _copy(row.head, row.lines)
    for name in _NOT_COPIED:
        head.pop(name, None)
    head["guid"] = new_guid()
    head["appType"] = "1"
    return doc_type.name, head, lines


# -- cancel and refund -------------------------------------------------------------------------------------
def find_inventory(journal: Journal, target: int | str) -> DocumentRow:
    """The import inventory or export list ``target`` names: a document id, or a number — its
    business key (number/enterprise), orderNo, copNo, invtNo or preNo. LifecycleError
    ``key_not_found``, ``key_ambiguous`` (the number fits several: they are named)."""
    if isinstance(target, int):
        return _row(journal, target)
    key = str(target).strip()
    rows = journal.search(key=key, message_types=INVENTORIES)
    ids = {r["id"] for r in rows if r["business_key"] == key}
    if not ids:
        numbers = journal.db.execute(
            "SELECT DISTINCT k.document_id FROM document_keys k JOIN documents d ON d.id=k.document_id"
            " WHERE k.value=? AND d.message_type IN (?, ?) AND d.state <> 'discarded'",
            (key, *INVENTORIES),
        )
        ids = {r[0] for r in numbers}
    if not ids:
        ids = {r["id"] for r in rows if r["business_key"].split("/", 1)[0] == key}
    if not ids:
        raise _refuse("key_not_found", key=key)
    if len(ids) > 1:
        keys = ", ".join(journal.document(i).business_key for i in sorted(ids)[:5])
        raise _refuse("key_ambiguous", key=key, count=len(ids), keys=keys)
    return journal.document(ids.pop())


def _follow_up_rows(journal: Journal, code: str, invt_no: str) -> list[DocumentRow]:
    return [
        journal.document(i)
        for i in journal.find_documents_by(code, "invtNo", invt_no)
        if journal.document(i).state not in ("discarded", "deleted")
    ]


_STATE_WORDS = {
    "draft": ("暂存", "draft"),
    "ready": ("待发送", "waiting to be sent"),
    "planned": ("发送中", "being sent"),
    "sent": ("已发送", "sent"),
}


def _state_words(row: DocumentRow) -> tuple[str, str]:
    zh, en = _STATE_WORDS.get(row.state, (row.state, row.state))
    if row.customs_status:
        zh = f"{zh}，{row.customs_status} {explain_status(row.customs_status, 'zh', row.message_type)[0]}"
        en = f"{en}, {row.customs_status} {explain_status(row.customs_status, 'en', row.message_type)[0]}"
    return zh, en


def _accepted_invt_no(journal: Journal, row: DocumentRow, action: str) -> str:
    """The invtNo customs gave the inventory, when it may be cancelled or refunded now."""
    if row.message_type not in INVENTORIES:
        doc_type = document_type_for(message_type(row.message_type))
        label = doc_type.label if doc_type else row.message_type
        label_en = doc_type.label_en if doc_type else row.message_type
        raise _refuse("not_inventory", action=action, label=label, label_en=label_en)
    if row.state in ("discarded", "deleted"):
        raise _refuse(row.state)
    status = (row.customs_status or "").strip()
    if _refused(status):
        return_refusal = _refuse(
            "refused", action=action, status=status,
            meaning=explain_status(status, "zh", row.message_type)[0],
            meaning_en=explain_status(status, "en", row.message_type)[0],
        )  # fmt: skip
        raise return_refusal
    invt_no = journal.customs_numbers([row.id]).get(row.id, {}).get("invtNo")
    if not invt_no:
        raise _refuse("no_invt_no", action=action)
    for kind, table in (("cancelled", CANCEL_OF), ("refunded", REFUND_OF)):
        if kind == "refunded" and action != "refund":
            continue
        for other in _follow_up_rows(journal, table[row.message_type], invt_no):
            if not _refused(other.customs_status):
                zh, en = _state_words(other)
                raise _refuse(kind, action=action, id=other.id, state=zh, state_en=en)
    return invt_no


def _reason(reason: str | None, action: str) -> str:
    text = (reason or "").strip()
    if not text:
        what_en = "cancellation" if action == "cancel" else "return request"
        raise _refuse("reason_required", action=action, what_en=what_en)
    return text


def _from_inventory(entity, inventory: Mapping[str, str], skip: Iterable[str] = ()) -> dict[str, str]:
    """The new document's head from the inventory's values, field by field of the standard."""
    skip = {"guid", "appType", "appTime", "appStatus", "preNo", "note", "reason", *skip}
    return {f.name: inventory[f.name] for f in entity.fields if f.name not in skip and inventory.get(f.name)}


def _journal_follow_up(
    journal: Journal,
    code: str,
    head: dict[str, str],
    lines: list[dict[str, str]],
    invt_no: str,
    source: str,
) -> int:
    """Journal a cancellation or refund ``ready`` to send: the refused one of the same number is
    declared again (a new version), else a new document. Call inside a transaction."""
    mt = message_type(code)
    doc_type = document_type_for(mt)
    earlier = [
        journal.document(i)
        for i in journal.find_documents_by(code, "invtNo", invt_no)
        if journal.document(i).state != "discarded"
    ]
    if earlier:
        row = earlier[0]
        for name in ("copNo", "coElNo"):
            if name in doc_type.head and not head.get(name) and row.head.get(name):
                head[name] = row.head[name]
        document_id, kind = row.id, "redeclared"
    else:
        document_id, kind = (
            journal.enter_document(
                code, f"entering/{head['guid']}", head, lines, state="ready", source=source
            ),
            "declared",
        )
    _give_numbers(journal, document_id, doc_type, head)
    key = doc_type.business_key(head)
    other = _taken(journal, doc_type, key, document_id)
    if other is not None:
        raise _refuse("key_taken", key=key, id=other, label=doc_type.label, label_en=doc_type.label_en)
    _check_or_refuse(doc_type, head, lines)
    found = (
        _change_json(changes(doc_type, earlier[0].head, earlier[0].lines, head, lines)) if earlier else None
    )
    journal.replace_document(document_id, key, head, lines, state="ready", kind=kind, changes=found)
    return document_id


def cancel(journal: Journal, target: int | str, reason: str, *, now: datetime | None = None) -> int:
    """Journal the cancellation of an import inventory (CEB623) or an export list (CEB605),
    ready for ``Workspace.send``; its id. ``target``: the inventory's id or number (see
    :func:`find_inventory`). It carries the inventory's invtNo (from customs' receipts), copNo and
    enterprise fields, the reason, appType 1, appStatus 2. A cancellation customs refused is
    declared again (its next version). Refused with LifecycleError: ``reason_required``,
    ``not_inventory``, ``no_invt_no`` (customs has not accepted it), ``refused`` (customs refused
    the inventory), ``cancelled`` (a cancellation customs did not refuse exists), ``findings``,
    ``key_not_found`` / ``key_ambiguous``."""
    now = _now(now)
    with journal.transaction():
        inventory = find_inventory(journal, target)
        text = _reason(reason, "cancel")
        invt_no = _accepted_invt_no(journal, inventory, "cancel")
        code = CANCEL_OF[inventory.message_type]
        entity = message_type(code).head
        head = {
            "guid": new_guid(), "appType": "1", "appTime": _stamp(now), "appStatus": "2",
            **_from_inventory(entity, inventory.head), "invtNo": invt_no, "reason": text,
        }  # fmt: skip
        head = {f.name: head[f.name] for f in entity.fields if f.name in head}
        return _journal_follow_up(journal, code, head, [], invt_no, f"cancel of document {inventory.id}")


def _quantity(text: object, gnum: int) -> Decimal:
    try:
        qty = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        raise _refuse("bad_qty", gnum=gnum, qty=text) from None
    if not qty.is_finite() or qty <= 0:
        raise _refuse("bad_qty", gnum=gnum, qty=text)
    return qty


def _amount(value: Decimal) -> str:
    """A quantity as the standard writes it: at most 5 decimals, no trailing zeros."""
    text = format(value.quantize(_QTY, rounding=ROUND_HALF_UP).normalize(), "f")
    return text


def _refund_lines(
    entity, inventory_lines: list[dict[str, str]], chosen: Mapping[object, object] | None
) -> list[dict[str, str]]:
    by_gnum: dict[int, dict[str, str]] = {}
    for index, line in enumerate(inventory_lines, start=1):
        try:
            by_gnum[int(line.get("gnum", index))] = line
        except ValueError:
            by_gnum[index] = line
    if chosen is None:
        wanted = {g: None for g in by_gnum}
    else:
        wanted = {}
        for gnum, qty in chosen.items():
            try:
                number = int(str(gnum).strip())
            except ValueError:
                raise _refuse("bad_line", gnum=gnum) from None
            wanted[number] = qty
    if not wanted:
        raise _refuse("no_lines")
    out = []
    for gnum in sorted(wanted):
        line = by_gnum.get(gnum)
        if line is None:
            raise _refuse("bad_line", gnum=gnum)
        whole = _quantity(line.get("qty", "0"), gnum)
        qty = whole if wanted[gnum] in (None, "") else _quantity(wanted[gnum], gnum)
        if qty > whole:
            raise _refuse("qty_above", gnum=gnum, qty=_amount(qty), limit=_amount(whole))
        share = qty / whole
        values = {}
        for f in entity.fields:
            if f.name == "note":
                continue
            if f.name == "gnum":
                values["gnum"] = str(gnum)
            elif f.name == "qty":
                values["qty"] = _amount(qty)
            elif f.name in ("qty1", "qty2") and line.get(f.name):
                # the legal quantities in the same proportion ("不大于原清单法定数量")
                values[f.name] = _amount(Decimal(line[f.name]) * share) if qty != whole else line[f.name]
            elif line.get(f.name):
                values[f.name] = line[f.name]
        out.append(values)
    return out


def refund(
    journal: Journal,
    target: int | str,
    reason: str,
    lines: Mapping[object, object] | None = None,
    *,
    head: Mapping[str, object] | None = None,
    now: datetime | None = None,
) -> int:
    """Journal a return request for an import inventory (CEB625) or an export list (CEB213),
    ready for ``Workspace.send``; its id. ``lines``: gnum -> quantity to return (None or "" for
    the whole line); None: every line, whole. Each line carries the inventory line's values (the
    legal quantities of a part in proportion). ``head``: values the inventory does not have
    (an export return request needs trafName, voyageNo …). It carries the inventory's invtNo,
    copNo and enterprise fields, the reason. A refund customs refused is declared again. Refused
    with LifecycleError: ``reason_required``, ``not_inventory``, ``no_invt_no``, ``refused``,
    ``cancelled``, ``refunded`` (a refund customs did not refuse exists), ``no_lines``,
    ``bad_line`` (no such gnum), ``bad_qty``, ``qty_above`` (more than the line's quantity),
    ``findings``."""
    now = _now(now)
    with journal.transaction():
        inventory = find_inventory(journal, target)
        text = _reason(reason, "refund")
        invt_no = _accepted_invt_no(journal, inventory, "refund")
        code = REFUND_OF[inventory.message_type]
        mt = message_type(code)
        rows = _refund_lines(mt.list, inventory.lines, lines)
        values = {
            "guid": new_guid(), "appType": "1", "appTime": _stamp(now), "appStatus": "2",
            **_from_inventory(mt.head, inventory.head, skip=("coElNo", "ieFlag")),
        }  # fmt: skip
        if code == "CEB213Message":
            # the goods come back into China: ieFlag I by its default ("出口退货填写I"); billNo
            # "提单或总运单的编号，如无则填写物流运单号"
            values.setdefault("billNo", inventory.head.get("logisticsNo", ""))
        values.update(_clean(head))
        values.update(invtNo=invt_no, reason=text)
        for f in mt.head.fields:
            if f.name not in values and f.default:
                values[f.name] = f.default
        values = {f.name: values[f.name] for f in mt.head.fields if values.get(f.name)}
        return _journal_follow_up(journal, code, values, rows, invt_no, f"refund of document {inventory.id}")


# -- what may be done, and what became of an inventory ------------------------------------------------------
def can(journal: Journal, document_id: int) -> Actions:
    """Which of ``ACTIONS`` are allowed now, and why the others are not (the same
    LifecycleError the action raises; cancel and refund are judged without a reason)."""
    row = _row(journal, document_id)
    doc_type = _type_of(row)
    refusals: dict[str, LifecycleError | None] = {}

    def judge(action: str, check) -> None:
        try:
            check()
        except LifecycleError as exc:
            refusals[action] = exc
        else:
            refusals[action] = None

    def declare() -> None:
        if row.state != "draft":
            raise _refuse("not_draft")

    def duplicate_() -> None:
        if row.state == "discarded":
            raise _refuse("discarded")

    judge("declare", declare)
    judge("edit", lambda: _editable(row))
    judge("modify", lambda: _modifiable(row, doc_type))
    judge("delete", lambda: _deletion(journal, row, doc_type))
    judge("duplicate", duplicate_)
    judge("cancel", lambda: _accepted_invt_no(journal, row, "cancel"))
    judge("refund", lambda: _accepted_invt_no(journal, row, "refund"))
    return Actions(document_id, refusals)


def follow_ups(journal: Journal, document_ids: Iterable[int]) -> dict[int, tuple[FollowUp, ...]]:
    """For each inventory among ``document_ids``: the cancellations and refunds declared for it
    (found by the invtNo customs gave it), oldest first."""
    ids = sorted(set(document_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    inventories = journal.db.execute(
        f"SELECT id, message_type FROM documents WHERE id IN ({marks}) AND message_type IN (?, ?)",
        (*ids, *INVENTORIES),
    ).fetchall()
    if not inventories:
        return {}
    numbers = journal.customs_numbers(r["id"] for r in inventories)
    out: dict[int, tuple[FollowUp, ...]] = {}
    for r in inventories:
        invt_no = numbers.get(r["id"], {}).get("invtNo")
        if not invt_no:
            continue
        found = []
        for kind, table in (("cancel", CANCEL_OF), ("refund", REFUND_OF)):
            for other in sorted(
                _follow_up_rows(journal, table[r["message_type"]], invt_no), key=lambda d: d.id
            ):
                found.append(FollowUp(kind, other.id, other.message_type, other.state, other.customs_status))
        if found:
            out[r["id"]] = tuple(found)
    return out


__all__ = [
    "ACTIONS",
    "DELETED",
    "DISCARDED",
    "QUEUED",
    "Actions",
    "Change",
    "FollowUp",
    "LifecycleError",
    "Version",
    "can",
    "cancel",
    "changes",
    "declare_entered",
    "delete",
    "diff",
    "duplicate",
    "find_inventory",
    "follow_ups",
    "modify",
    "refund",
    "save_draft",
    "versions",
]
