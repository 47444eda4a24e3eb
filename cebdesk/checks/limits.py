"""The buyer's limits of cross-border retail imports: a single transaction within RMB 5,000 and
RMB 26,000 a calendar year per buyer (buyerIdNumber), customs' -621005 and -621018.

The value of an inventory is its dutiable value (完税价格 = 实际交易价格: the goods' retail
price, freight and insurance): the lines' totalPrice plus the head's freight and insuredFee, in
RMB. Other currencies are converted with a ``to_rmb(amount, currency)`` function (the profile's
``[rates]``, cebdesk.summary.classify.Rates: one rate table); a currency without a rate is an
error, never taken 1:1. The year is the calendar year of declTime (申报日期), else of appTime.

:class:`BuyerLedger` keeps each buyer's running total of a year: what the journal holds (released
and pending inventories, given by a lookup function) and the inventories accepted earlier in
the same run. The limits are settings (``[limits] single``, ``annual``): they have changed before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date
from decimal import Decimal, InvalidOperation

from ..findings import Finding, Location, Severity
from ..records import Document

INVENTORY = "CEB621Message"
RMB = "142"
DEFAULT_SINGLE = Decimal("5000")
DEFAULT_ANNUAL = Decimal("26000")
CENT = Decimal("0.01")

#: to_rmb(amount, currency code) -> RMB, or None when the currency has no rate.
ToRmb = Callable[[Decimal, str], Decimal | None]
#: buyerIdNumber -> the journal's inventories of that buyer that count: (business key, head, lines).
PriorLookup = Callable[[str], Iterable[tuple[str, dict[str, str], list[dict[str, str]]]]]


class LimitSettingError(ValueError):
    """A [limits] value that is not a positive amount; ``finding`` says which."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message("en"))
        self.finding = finding


@dataclass(frozen=True)
class Limits:
    single: Decimal = DEFAULT_SINGLE
    annual: Decimal = DEFAULT_ANNUAL

    @classmethod
    def from_settings(cls, settings: dict[str, str] | None, source: str = "profile") -> Limits:
        values = {}
        for key, default in (("single", DEFAULT_SINGLE), ("annual", DEFAULT_ANNUAL)):
            text = ((settings or {}).get(key) or "").replace(",", "").strip()
            if not text:
                values[key] = default
                continue
            try:
                value = Decimal(text)
            except InvalidOperation:
                value = Decimal(0)
            if not value.is_finite() or value <= 0:
                raise LimitSettingError(
                    Finding(Location(source, path=f"/limits/{key}"), "limit.setting", params={"key": key, "value": text})
                )
            values[key] = value
        return cls(**values)


def _amount(text: str | None) -> Decimal:
    try:
        value = Decimal((text or "0").strip() or "0")
    except InvalidOperation:
        return Decimal(0)
    return value if value.is_finite() else Decimal(0)


class Value(NamedTuple):
    """An inventory's dutiable value in RMB and its parts; ``missing``: currencies without a rate.
    (A tuple of amounts: the ledger keeps one per inventory of the run, and the garbage
    collector need not follow them.)"""

    total: Decimal
    goods: Decimal
    freight: Decimal
    insured: Decimal
    missing: tuple[str, ...] = ()


def inventory_value(head: dict[str, str], lines: list[dict[str, str]], to_rmb: ToRmb) -> Value:
    missing: list[str] = []

    def rmb(amount: Decimal, currency: str | None) -> Decimal:
        code = (currency or RMB).strip() or RMB
        converted = to_rmb(amount, code)
        if converted is None:
            if code not in missing:
                missing.append(code)
            return Decimal(0)
        return converted

    goods = sum((rmb(_amount(line.get("totalPrice")), line.get("currency")) for line in lines), Decimal(0))
    currency = head.get("currency")
    freight = rmb(_amount(head.get("freight")), currency)
    insured = rmb(_amount(head.get("insuredFee")), currency)
    return Value(goods + freight + insured, goods, freight, insured, tuple(missing))


def year_of(head: dict[str, str], today: date | None = None) -> int:
    """The calendar year an inventory counts in: its declTime's, else its appTime's, else this one."""
    for name in ("declTime", "appTime"):
        text = (head.get(name) or "").strip()
        if len(text) >= 8 and text[:8].isdigit():
            return int(text[:4])
    return (today or date.today()).year


def money(value: Decimal) -> str:
    """5000 -> "5,000.00": RMB as a clerk reads it."""
    return f"{value.quantize(CENT):,.2f}"


def mask_id(number: str) -> str:
    """An ID number as findings show it: the first 6 and last 4 characters."""
    number = number.strip()
    return number if len(number) <= 10 else f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


class BuyerLedger:
    """Each buyer's running total per calendar year: the journal's inventories (asked for once
    per buyer) and those accepted in this run, each counted once by its business key (a
    modification replaces the inventory it modifies)."""

    def __init__(self, prior: PriorLookup, to_rmb: ToRmb, limits: Limits | None = None, today: date | None = None):
        self.prior = prior
        self.to_rmb = to_rmb
        self.limits = limits or Limits()
        self.today = today
        #: buyerIdNumber -> business key -> (year, value in RMB or None without a rate)
        self.buyers: dict[str, dict[str, tuple[int, Value]]] = {}
        #: the inventory checked last: (document, business key, year, value), for :meth:`add`
        self._checked: tuple[Document, str, int, Value] | None = None

    def _buyer(self, id_number: str) -> dict[str, tuple[int, Value]]:
        known = self.buyers.get(id_number)
        return known if known is not None else self.load(id_number, self.prior(id_number))

    def load(
        self, id_number: str, prior: Iterable[tuple[str, dict[str, str], list[dict[str, str]]]]
    ) -> dict[str, tuple[int, Value]]:
        """Take a buyer's inventories in the journal as looked up by the caller (the buyers of
        many inventories at once) instead of asking ``prior``; a buyer already known is kept."""
        known = self.buyers.get(id_number)
        if known is None:
            known = {}
            for key, head, lines in prior:
                known[key] = (year_of(head, self.today), inventory_value(head, lines, self.to_rmb))
            self.buyers[id_number] = known
        return known

    def check(self, doc: Document) -> list[Finding]:
        """The limits this inventory breaks (none for other documents or without a buyer ID)."""
        if doc.message.code != INVENTORY:
            return []
        head = doc.head
        id_number = (head.get("buyerIdNumber") or "").strip()
        if not id_number:
            return []
        value = inventory_value(head, doc.lines, self.to_rmb)
        year, key = year_of(head, self.today), doc.key
        self._checked = (doc, key, year, value)
        where = doc.origin.head("buyerIdNumber")
        entity = doc.message.head
        label = entity["buyerIdNumber"].label if "buyerIdNumber" in entity else None
        if value.missing:
            return [
                Finding(where, "limit.no_rate", Severity.ERROR, "currency", None, {"currency": c})
                for c in value.missing
            ]
        findings = []
        buyer = {"buyer": (head.get("buyerName") or "").strip(), "id_number": mask_id(id_number)}
        if value.total > self.limits.single:
            findings.append(
                Finding(
                    where,
                    "limit.single",
                    Severity.ERROR,
                    "buyerIdNumber",
                    label,
                    {
                        **buyer,
                        "value": money(value.total),
                        "goods": money(value.goods),
                        "freight": money(value.freight),
                        "insured": money(value.insured),
                        "limit": money(self.limits.single),
                    },
                )
            )
        others = [
            v for k, (y, v) in self._buyer(id_number).items() if y == year and k != key
        ]
        missing = sorted({c for v in others for c in v.missing})
        if missing:
            return findings + [
                Finding(where, "limit.no_rate", Severity.ERROR, "currency", None, {"currency": c}) for c in missing
            ]
        before = sum((v.total for v in others), Decimal(0))
        total = before + value.total
        if total > self.limits.annual:
            findings.append(
                Finding(
                    where,
                    "limit.annual",
                    Severity.ERROR,
                    "buyerIdNumber",
                    label,
                    {
                        **buyer,
                        "year": year,
                        "before": money(before),
                        "count": len(others),
                        "value": money(value.total),
                        "total": money(total),
                        "limit": money(self.limits.annual),
                    },
                )
            )
        return findings

    def add(self, doc: Document) -> None:
        """Count an accepted inventory towards its buyer's total (once per business key)."""
        if doc.message.code != INVENTORY:
            return
        id_number = (doc.head.get("buyerIdNumber") or "").strip()
        if not id_number:
            return
        checked = self._checked
        if checked is not None and checked[0] is doc:
            _, key, year, value = checked
        else:
            key, year, value = doc.key, year_of(doc.head, self.today), inventory_value(doc.head, doc.lines, self.to_rmb)
        self._buyer(id_number)[key] = (year, value)
