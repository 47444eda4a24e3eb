"""The eight-same rule (八个相同): which released export lists merge into one customs
declaration, and which of their lines make one goods item.

Lists merge when they share the consignor (InventoryHead.ebcCode), the mode of transport
(trafMode), the production and sales unit (ownerCode; only when the summary groups by it,
summaryFlag 2), the country of arrival (country) and the exit port (portCode); inside a
declaration, lines with the same final destination country (InventoryList.country), 10-digit HS
code (gcode) and currency make one goods item, their quantities and values summed. A declaration
holds at most ``MAX_ITEMS`` goods items; the next new item opens another declaration of the same
group. One implementation for the preview and for the simulator's summary result (CEB792).

Lists of different summary applications never merge (customs answers each application on its
own): ``apart`` gives the values that put a list into another application (its declaring
enterprise, customs office, supervision site), kept beside the declaration's head.

Streaming: lists are taken one at a time and only the sums are kept (``keep_rows`` keeps each
line's place too, which the summary result lists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

#: Goods items one export customs declaration holds.
MAX_ITEMS = 50
#: The head-level "same" elements of InventoryHead, in the rule's order.
HEAD_FIELDS = ("ebcCode", "trafMode", "ownerCode", "country", "portCode")
#: The line-level ones of InventoryList: one goods item.
ITEM_FIELDS = ("country", "gcode", "currency")
#: A line's place in a summary result (SummaryResultList), as ``keep_rows`` keeps it.
ROW_FIELDS = ("invtNo", "logisticsNo", "gseqno", "gnum", "gcode")
#: What a goods item sums from its lines.
SUMMED = ("qty", "qty1", "qty2", "totalPrice")


def amount(value: str | None) -> Decimal:
    """A decimal from the list (empty or unreadable: 0; the lists were validated when declared)."""
    try:
        return Decimal((value or "0").strip() or "0")
    except InvalidOperation:
        return Decimal(0)


def format_amount(value: Decimal) -> str:
    """At most 5 decimals, no trailing zeros (dec(19,5))."""
    text = f"{value.quantize(Decimal('0.00001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Item:
    """One goods item of a declaration: the lines of one (destination, HS code, currency)."""

    gseqno: int
    country: str
    gcode: str
    currency: str
    sums: dict[str, Decimal] = field(default_factory=lambda: {name: Decimal(0) for name in SUMMED})
    lines: int = 0

    def to_json(self) -> dict:
        return {
            "gseqno": self.gseqno,
            "country": self.country,
            "gcode": self.gcode,
            "currency": self.currency,
            **{name: format_amount(value) for name, value in self.sums.items()},
            "lines": self.lines,
        }


@dataclass
class Declaration:
    """One export declaration the rule makes: its head values, goods items and lists."""

    head: dict[str, str]  # HEAD_FIELDS -> value (ownerCode "" when not grouped by it)
    serial: int = 0  # the how-manieth declaration of its group (more than MAX_ITEMS items)
    items: dict[tuple[str, str, str], Item] = field(default_factory=dict)
    invt_nos: dict[str, None] = field(default_factory=dict)  # ordered set
    gross_weight: Decimal = Decimal(0)
    net_weight: Decimal = Decimal(0)
    #: keep_rows: each line's place (invtNo, logisticsNo, gseqno, gnum, gcode), compact
    places: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    application: dict[str, str] = field(default_factory=dict)  # ``apart``'s values

    @property
    def rows(self) -> list[dict[str, str]]:
        """keep_rows: each line's place as a summary result lists it."""
        return [dict(zip(ROW_FIELDS, place, strict=True)) for place in self.places]

    def to_json(self) -> dict:
        return {
            **self.head,
            **({"application": self.application} if self.application else {}),
            "serial": self.serial,
            "grossWeight": format_amount(self.gross_weight),
            "netWeight": format_amount(self.net_weight),
            "items": [item.to_json() for item in self.items.values()],
            "invtNos": list(self.invt_nos),
        }


def head_key(head: dict[str, str], *, by_owner: bool = True) -> tuple[str, ...]:
    """The head-level values that decide a list's declaration."""
    return tuple(
        "" if name == "ownerCode" and not by_owner else (head.get(name) or "").strip() for name in HEAD_FIELDS
    )


def item_key(line: dict[str, str]) -> tuple[str, str, str]:
    return tuple((line.get(name) or "").strip() for name in ITEM_FIELDS)  # type: ignore[return-value]


class Merger:
    """Takes lists one at a time (:meth:`add`); :meth:`declarations` in the order their groups
    first appeared, each group's declarations in turn."""

    def __init__(
        self,
        *,
        by_owner: bool = True,
        max_items: int = MAX_ITEMS,
        keep_rows: bool = False,
        apart: Callable[[dict[str, str]], dict[str, str]] | None = None,
    ) -> None:
        self.by_owner = by_owner
        self.max_items = max_items
        self.keep_rows = keep_rows
        self.apart = apart
        self._groups: dict[tuple[str, ...], list[Declaration]] = {}

    def add(self, invt_no: str, head: dict[str, str], lines: Iterable[dict[str, str]]) -> None:
        key = head_key(head, by_owner=self.by_owner)
        application = self.apart(head) if self.apart else {}
        group = self._groups.get((*application.values(), *key))
        if group is None:
            group = self._groups[(*application.values(), *key)] = [
                Declaration(dict(zip(HEAD_FIELDS, key, strict=True)), application=application)
            ]
        current = group[-1]
        for line in lines:
            which = item_key(line)
            item = current.items.get(which)
            if item is None:
                if len(current.items) >= self.max_items:
                    current = Declaration(current.head, current.serial + 1, application=current.application)
                    group.append(current)
                item = current.items[which] = Item(len(current.items) + 1, *which)
            for name in SUMMED:
                item.sums[name] += amount(line.get(name))
            item.lines += 1
            current.invt_nos[invt_no] = None
            if self.keep_rows:
                current.places.append(
                    (invt_no, head.get("logisticsNo", ""), str(item.gseqno), line.get("gnum", ""), line.get("gcode", ""))
                )
        current.invt_nos[invt_no] = None
        current.gross_weight += amount(head.get("grossWeight"))
        current.net_weight += amount(head.get("netWeight"))

    def declarations(self) -> list[Declaration]:
        return [declaration for group in self._groups.values() for declaration in group]


def merge(
    lists: Iterable[tuple[str, dict[str, str], list[dict[str, str]]]],
    *,
    by_owner: bool = True,
    max_items: int = MAX_ITEMS,
    keep_rows: bool = False,
) -> list[Declaration]:
    """The declarations the eight-same rule makes of ``lists`` (invtNo, head, lines)."""
    merger = Merger(by_owner=by_owner, max_items=max_items, keep_rows=keep_rows)
    for invt_no, head, lines in lists:
        merger.add(invt_no, head, lines)
    return merger.declarations()
