"""Cross-document checks (三单对碰): an import inventory against the order, the payment and the
waybill of the same order and waybill numbers, before customs makes the same comparison hours
later and refuses what does not agree.

What is compared (the inventory's element, the partner's element):

- the order (CEB311, found by orderNo): ebpCode, ebcCode, buyerName, buyerIdNumber; the goods
  value (the inventory lines' totalPrice against goodsValue), the freight; the order's own
  acturalPaid = goodsValue + freight + taxTotal - discount (the amount the payment must carry);
  the goods lines by gnum ("与关联的电子订单表体序号一一对应"): itemNo, the name, qty;
- the payment (CEB411, found by orderNo): buyerName/payerName, buyerIdNumber/payerIdNumber,
  ebpCode; its amountPaid against the order's acturalPaid;
- the waybill (CEB511, found by orderNo or logisticsNo): logisticsNo, logisticsCode, orderNo,
  and the freight and insured fee where the waybill gives them.

A partner not found is no error (the platform or the payment company may declare it): a note
says which checks could not run; ``strict`` makes it an error. Pure functions: the documents
are looked up by the caller (pipeline/checking.py, over the journal's indexes) and handed in as
:class:`Partner` values. The same comparison is the simulator's (exchange/simulator.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..findings import Finding, Location, Severity
from ..records import Document
from ..spec import document_type_for, message_type

INVENTORY = "CEB621Message"
ORDER, PAYMENT, WAYBILL = "order", "payment", "waybill"
#: The partner documents of an import inventory, by kind.
PARTNER_TYPES: dict[str, str] = {ORDER: "CEB311Message", PAYMENT: "CEB411Message", WAYBILL: "CEB511Message"}
KIND_OF = {code: kind for kind, code in PARTNER_TYPES.items()}
#: (inventory element, partner element) compared as text, per partner kind.
SAME_TEXT: dict[str, tuple[tuple[str, str], ...]] = {
    ORDER: (
        ("ebpCode", "ebpCode"),
        ("ebcCode", "ebcCode"),
        ("buyerName", "buyerName"),
        ("buyerIdNumber", "buyerIdNumber"),
    ),
    PAYMENT: (
        ("buyerName", "payerName"),
        ("buyerIdNumber", "payerIdNumber"),
        ("ebpCode", "ebpCode"),
    ),
    WAYBILL: (
        ("logisticsNo", "logisticsNo"),
        ("logisticsCode", "logisticsCode"),
        ("orderNo", "orderNo"),
    ),
}
#: (inventory element, partner element) compared as amounts where the partner gives one.
SAME_AMOUNT: dict[str, tuple[tuple[str, str], ...]] = {
    ORDER: (("freight", "freight"),),
    PAYMENT: (),
    WAYBILL: (("freight", "freight"), ("insuredFee", "insuredFee")),
}
#: What could not be compared when a partner is missing (zh, en).
CHECKS_OF: dict[str, tuple[str, str]] = {
    ORDER: (
        "电商平台和电商企业、订购人姓名和证件号码、商品金额、运费、商品（货号、名称、数量）",
        "e-commerce platform and enterprise, buyer's name and ID number, goods value, freight, goods "
        "(item number, name, quantity)",
    ),
    PAYMENT: (
        "支付人姓名和证件号码、支付金额",
        "payer's name and ID number, the amount paid",
    ),
    WAYBILL: (
        "运单编号、物流企业、运费、保价费",
        "waybill number, logistics company, freight, insured fee",
    ),
}
_ADVICE = (
    "若此单证由电商平台、支付企业或物流企业申报，可用 cebdesk import --reference 文件 导入其数据（仅供核对，不会发送）",
    "if the platform, the payment company or the logistics company declares it, import their file with "
    "cebdesk import --reference FILE (kept for checking only, never sent)",
)


@dataclass(frozen=True)
class Partner:
    """An order, payment or waybill an inventory is compared with."""

    kind: str  # ORDER, PAYMENT, WAYBILL
    message_type: str
    key: str  # its business key (orderNo/ebpCode …)
    head: dict[str, str]
    lines: list[dict[str, str]] = field(default_factory=list)
    document_id: int | None = None  # in the journal; None: a file being checked
    state: str | None = None
    customs_status: str | None = None
    source: str | None = None  # the file it was read from (a document not in the journal)

    @property
    def label(self) -> str:
        return _doc_label(self.message_type, "zh")

    @property
    def label_en(self) -> str:
        return _doc_label(self.message_type, "en")

    def name(self, lang: str = "zh") -> str:
        """电子订单 ORD1/EBP1（日志 #12）: the document, its key and where it is."""
        where = ""
        if self.document_id is not None:
            where = f"（日志 #{self.document_id}）" if lang != "en" else f" (journal #{self.document_id})"
        elif self.source:
            where = f"（{self.source}）" if lang != "en" else f" ({self.source})"
        label = self.label if lang != "en" else self.label_en.lower()
        return f"{label} {self.key}{where}"

    def ref(self) -> dict:
        return {
            "id": self.document_id,
            "type": self.message_type,
            "key": self.key,
            "kind": self.kind,
            "file": self.source,
        }


@dataclass
class Partners:
    order: Partner | None = None
    payment: Partner | None = None
    waybill: Partner | None = None

    def of(self, kind: str) -> Partner | None:
        return getattr(self, kind)


def _doc_label(code: str, lang: str) -> str:
    dt = document_type_for(message_type(code))
    return dt.display(lang) if dt is not None else code


def _amount(text: str | None) -> Decimal | None:
    try:
        value = Decimal((text or "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _text(text: str | None) -> str:
    return (text or "").strip()


def choose(kind: str, candidates: list[Partner], head: dict[str, str]) -> Partner | None:
    """The partner an inventory is compared with among several of the same numbers: of the same
    platform (order, payment) or logistics company (waybill), not refused, newest first."""
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    own = "logisticsCode" if kind == WAYBILL else "ebpCode"

    def rank(p: Partner) -> tuple:
        refused = _refused(p.customs_status)
        same = _text(p.head.get(own)) == _text(head.get(own))
        number = "logisticsNo" if kind == WAYBILL else "orderNo"
        same_number = _text(p.head.get(number)) == _text(head.get(number))
        return (not same_number, not same, refused, -(p.document_id or 0))

    return min(candidates, key=rank)


def _refused(status: str | None) -> bool:
    status = (status or "").strip()
    return status.startswith("-") or status in ("4", "100")


def cross_check(doc: Document, partners: Partners, *, strict: bool = False) -> list[Finding]:
    """Every disagreement between an import inventory and its partners; notes (errors when
    ``strict``) for the partners that are missing."""
    if doc.message.code != INVENTORY:
        return []
    head, origin = doc.head, doc.origin
    findings: list[Finding] = []
    entity = doc.message.head

    def label(name: str) -> str | None:
        return entity[name].label if name in entity else None

    def partner_params(p: Partner, element: str) -> dict:
        p_entity = message_type(p.message_type).head
        return {
            "partner": p.name("zh"),
            "partner_en": p.name("en"),
            "partner_doc": p.label,
            "partner_doc_en": p.label_en.lower(),
            "partner_element": element,
            "partner_label": p_entity[element].label if element in p_entity else element,
            "partner_ref": p.ref(),
        }

    def differs(p: Partner, mine: str, theirs: str, value: str, their_value: str, where: Location | None = None):
        params = {**partner_params(p, theirs), "value": value, "partner_value": their_value}
        findings.append(
            Finding(where or origin.head(mine), "cross.differs", Severity.ERROR, mine, label(mine), params)
        )

    for kind in (ORDER, PAYMENT, WAYBILL):
        p = partners.of(kind)
        if p is None:
            zh, en = CHECKS_OF[kind]
            wanted_key = head.get("logisticsNo") if kind == WAYBILL else head.get("orderNo")
            number_zh = "运单编号" if kind == WAYBILL else "订单编号"
            number_en = "waybill number" if kind == WAYBILL else "order number"
            findings.append(
                Finding(
                    origin.head(),
                    "cross.partner_missing",
                    Severity.ERROR if strict else Severity.NOTE,
                    params={
                        "wanted": _doc_label(PARTNER_TYPES[kind], "zh"),
                        "wanted_en": _doc_label(PARTNER_TYPES[kind], "en").lower(),
                        "key": f"{number_zh} {_text(wanted_key)}",
                        "key_en": f"{number_en} {_text(wanted_key)}",
                        "checks": zh,
                        "checks_en": en,
                        "advice": _ADVICE[0],
                        "advice_en": _ADVICE[1],
                        "kind": kind,
                    },
                )
            )
            continue
        if _refused(p.customs_status):
            findings.append(
                Finding(
                    origin.head(),
                    "cross.partner_refused",
                    Severity.WARNING,
                    params={**partner_params(p, "orderNo"), "status": p.customs_status},
                )
            )
        for mine, theirs in SAME_TEXT[kind]:
            value, their_value = _text(head.get(mine)), _text(p.head.get(theirs))
            if value and their_value and value != their_value:
                differs(p, mine, theirs, value, their_value)
        for mine, theirs in SAME_AMOUNT[kind]:
            value, their_value = _amount(head.get(mine)), _amount(p.head.get(theirs))
            if value is not None and their_value is not None and value != their_value:
                differs(p, mine, theirs, _text(head.get(mine)), _text(p.head.get(theirs)))
    order, payment = partners.order, partners.payment
    if order is not None:
        findings += _order_values(doc, order, partner_params)
        findings += _lines(doc, order, partner_params)
    if order is not None and payment is not None:
        paid, amount_paid = _amount(order.head.get("acturalPaid")), _amount(payment.head.get("amountPaid"))
        if paid is not None and amount_paid is not None and paid != amount_paid:
            findings.append(
                Finding(
                    origin.head(),
                    "cross.paid",
                    Severity.ERROR,
                    params={
                        **partner_params(payment, "amountPaid"),
                        "order": order.name("zh"),
                        "value": _text(order.head.get("acturalPaid")),
                        "partner_value": _text(payment.head.get("amountPaid")),
                    },
                )
            )
    return findings


def _order_values(doc: Document, order: Partner, partner_params) -> list[Finding]:
    """The goods value (the lines' totalPrice against goodsValue) and the order's own sum:
    acturalPaid = goodsValue + freight + taxTotal - discount (the standard's definition, and what
    the payment must carry)."""
    findings = []
    total, readable = Decimal(0), True
    for line in doc.lines:
        price = _amount(line.get("totalPrice"))
        if price is None:
            readable = False
            break
        total += price
    goods = _amount(order.head.get("goodsValue"))
    if readable and goods is not None and total != goods:
        params = {
            **partner_params(order, "goodsValue"),
            "value": _plain(total),
            "partner_value": _text(order.head.get("goodsValue")),
        }
        where = doc.origin.line(0, "totalPrice") if doc.lines else doc.origin.head()
        findings.append(
            Finding(where, "cross.goods_value", Severity.ERROR, "totalPrice", _line_label(doc, "totalPrice"), params)
        )
    names = ("goodsValue", "freight", "taxTotal", "discount", "acturalPaid")
    parts = [_amount(order.head.get(n)) for n in names]
    if all(v is not None for v in parts):
        goods_value, freight, tax, discount, paid = parts
        expected = goods_value + freight + tax - discount
        if expected != paid:
            params = {
                **partner_params(order, "acturalPaid"),
                "partner_value": _text(order.head.get("acturalPaid")),
                "goods": _text(order.head.get("goodsValue")),
                "freight": _text(order.head.get("freight")),
                "tax": _text(order.head.get("taxTotal")),
                "discount": _text(order.head.get("discount")),
                "expected": _plain(expected),
            }
            findings.append(Finding(doc.origin.head(), "cross.order_sum", Severity.ERROR, params=params))
    return findings


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _line_label(doc: Document, name: str) -> str | None:
    entity = doc.message.list
    return entity[name].label if entity is not None and name in entity else None


def _lines(doc: Document, order: Partner, partner_params) -> list[Finding]:
    """The goods lines, matched by gnum (one to one with the order's, as the standard says),
    else by itemNo, else by name: the item and the quantity must agree."""
    findings: list[Finding] = []
    mine = list(enumerate(doc.lines))
    used: set[int] = set()

    def item_of(line: dict[str, str], *names: str) -> str:
        """The item number and the name: "SKU-A 婴儿奶粉"."""
        number = _text(line.get("itemNo"))
        name = next((_text(line.get(n)) for n in names if n != "itemNo" and _text(line.get(n))), "")
        return " ".join(v for v in (number, name) if v)

    def find(theirs: dict[str, str]) -> int | None:
        gnum = _text(theirs.get("gnum"))
        for by in (
            lambda m: _text(m.get("gnum")) == gnum and gnum,
            lambda m: _text(theirs.get("itemNo")) and _text(m.get("itemNo")) == _text(theirs.get("itemNo")),
            lambda m: _text(theirs.get("itemName"))
            and _text(theirs.get("itemName")) in (_text(m.get("itemName")), _text(m.get("gname"))),
        ):
            found = next((i for i, m in mine if i not in used and by(m)), None)
            if found is not None:
                return found
        return None

    for theirs in order.lines:
        index = find(theirs)
        gnum = _text(theirs.get("gnum"))
        if index is None:
            params = {
                **partner_params(order, "gnum"),
                "partner_gnum": gnum,
                "item": item_of(theirs, "itemNo", "itemName"),
            }
            findings.append(Finding(doc.origin.head(), "cross.line_missing", Severity.ERROR, params=params))
            continue
        used.add(index)
        line = doc.lines[index]
        where = doc.origin.line
        pairs = []
        if _text(theirs.get("itemNo")) and _text(line.get("itemNo")):
            pairs.append(("itemNo", "itemNo", _text(line.get("itemNo")), _text(theirs.get("itemNo"))))
        elif _text(theirs.get("itemName")):
            name = "itemName" if _text(line.get("itemName")) else "gname"
            pairs.append((name, "itemName", _text(line.get(name)), _text(theirs.get("itemName"))))
        for element, their_element, value, their_value in pairs:
            if value and value != their_value:
                params = {
                    **partner_params(order, their_element),
                    "partner_label": _order_line_label(their_element),
                    "partner_gnum": gnum,
                    "value": value,
                    "partner_value": their_value,
                }
                findings.append(
                    Finding(where(index, element), "cross.line_differs", Severity.ERROR, element,
                            _line_label(doc, element), params)
                )  # fmt: skip
        qty, their_qty = _amount(line.get("qty")), _amount(theirs.get("qty"))
        if qty is not None and their_qty is not None and qty != their_qty:
            params = {
                **partner_params(order, "qty"),
                "partner_label": _order_line_label("qty"),
                "partner_gnum": gnum,
                "value": _text(line.get("qty")),
                "partner_value": _text(theirs.get("qty")),
            }
            findings.append(
                Finding(where(index, "qty"), "cross.line_differs", Severity.ERROR, "qty", _line_label(doc, "qty"), params)
            )
    for i, line in mine:
        if i not in used:
            params = {
                **partner_params(order, "gnum"),
                "gnum": _text(line.get("gnum")),
                "item": item_of(line, "itemNo", "itemName", "gname"),
            }
            findings.append(Finding(doc.origin.line(i), "cross.line_extra", Severity.ERROR, params=params))
    return findings


def _order_line_label(name: str) -> str:
    entity = message_type(PARTNER_TYPES[ORDER]).list
    return entity[name].label if entity is not None and name in entity else name


# -- the checks against the journal, in force for a run ---------------------------------------------
#: A function (document, findings so far) -> more findings: the cross-document checks and the
#: buyer's limits against the journal (pipeline/checking.py), set for one run by the application
#: layer with :func:`use_journal_checks`; ``pipeline.files.checked`` (the one function every
#: import, convert, declaration and check goes through) asks it.
JournalCheck = Callable[[Document, list[Finding]], list[Finding]]
_ACTIVE: ContextVar[JournalCheck | None] = ContextVar("cebdesk_journal_checks", default=None)


@contextmanager
def use_journal_checks(check: JournalCheck | None) -> Iterator[None]:
    token = _ACTIVE.set(check)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def journal_findings(doc: Document, found: list[Finding]) -> list[Finding]:
    """What the checks against the journal in force say of a document (none: nothing)."""
    check = _ACTIVE.get()
    return check(doc, found) if check is not None else []


def journal_prefetch() -> Callable[[list[Document]], None] | None:
    """The checks in force's way to look up, at once, what a chunk of documents about to be
    checked will ask of the journal (their partners, their buyers); None: nothing to look up."""
    return getattr(_ACTIVE.get(), "prefetch", None)
