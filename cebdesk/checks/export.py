"""Rules over whole export documents that the standard writes in words rather than in the XSD:
parts numbered within their count, values that go in pairs, time ranges, weights, sums, the
special-zone fields, and the conditions of simplified declaration (statisticsFlag A).

Each rule applies where the document carries the elements it speaks of (read from spec/), so
one function serves every export type.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..findings import Finding, Severity
from ..records import Document
from ..spec import Direction, Entity, document_type_for
from .fields import check_field

#: "单票货值人民币5000元以内" (the retail export procedure, simplified declaration).
SIMPLIFIED_LIMIT = Decimal(5000)
RMB = "142"
#: Trade modes of exports from special customs supervision zones ("特殊区域出口为1210/1239"),
#: for which the zone enterprise ("区内企业代码 特殊区域模式必填") and the bonded record number
#: of each item ("账册备案料号 保税出口模式必填") are required.
SPECIAL_ZONE_MODES = frozenset({"1210", "1239"})
#: Pairs that must be filled together: the second quantity and its unit; a summary's time range
#: ("填写须成对").
PAIRS = (("qty2", "unit2"), ("startTime", "endTime"))
#: How far a line's total may be from quantity × unit price before it is pointed out: a fen, or
#: rounding of a 5-decimal unit price over the quantity.
_CENT = Decimal("0.01")


def _number(value: str | None) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        return None


def _valid(entity: Entity, values: dict[str, str], name: str) -> bool:
    """The field is there and passes its own rules (else it is reported already)."""
    return (
        name in entity
        and bool(values.get(name))
        and not any(p[1] for p in check_field(entity[name], values[name]))
    )


def _at(entity: Entity, locate, name: str, rule: str, severity=Severity.ERROR, **params) -> Finding:
    return Finding(locate(name), rule, severity, name, entity[name].label, params)


def _pairs(entity: Entity, values: dict[str, str], locate) -> list[Finding]:
    found = []
    for a, b in PAIRS:
        if a not in entity or b not in entity:
            continue
        for have, missing in ((a, b), (b, a)):
            if values.get(have) and not values.get(missing):
                found.append(
                    _at(entity, locate, missing, "export.pair", other=have, other_label=entity[have].label)
                )
    return found


def _parts(doc: Document) -> list[Finding]:
    head, values = doc.message.head, doc.head
    if not (_valid(head, values, "msgCount") and _valid(head, values, "msgSeqNo")):
        return []
    count, seq = int(values["msgCount"]), int(values["msgSeqNo"])
    if seq > count:
        return [_at(head, doc.origin.head, "msgSeqNo", "export.part_number", seq=seq, count=count)]
    return []


def _summary(doc: Document) -> list[Finding]:
    head, values = doc.message.head, doc.head
    found = []
    if "startTime" not in head:
        return found
    start, end = values.get("startTime"), values.get("endTime")
    if _valid(head, values, "startTime") and _valid(head, values, "endTime") and end < start:  # type: ignore[operator]
        found.append(_at(head, doc.origin.head, "endTime", "export.time_order", start=start, end=end))
    # "如指定时间范围将忽略表体数据": without a range, the listed inventories are what is summarised
    if doc.message.list is not None and not doc.lines and not (start or end):
        found.append(Finding(doc.origin.head(), "export.summary_empty"))
    return found


def _weights(doc: Document) -> list[Finding]:
    head, values = doc.message.head, doc.head
    if not (_valid(head, values, "grossWeight") and _valid(head, values, "netWeight")):
        return []
    gross, net = _number(values["grossWeight"]), _number(values["netWeight"])
    if gross is not None and net is not None and net > gross:
        return [
            _at(
                head,
                doc.origin.head,
                "netWeight",
                "export.net_over_gross",
                net=values["netWeight"],
                gross=values["grossWeight"],
            )
        ]
    return []


def _line_totals(doc: Document) -> list[Finding]:
    lst = doc.message.list
    if lst is None or not all(name in lst for name in ("qty", "price", "totalPrice")):
        return []
    found = []
    for index, line in enumerate(doc.lines):
        if not all(_valid(lst, line, name) for name in ("qty", "price", "totalPrice")):
            continue
        qty, price, total = (_number(line[n]) for n in ("qty", "price", "totalPrice"))
        expected = qty * price  # type: ignore[operator]
        if abs(expected - total) > max(_CENT, abs(qty) * Decimal("0.000005")):  # type: ignore[operator]
            found.append(
                _at(
                    lst,
                    lambda el, i=index: doc.origin.line(i, el),
                    "totalPrice",
                    "export.line_total",
                    Severity.WARNING,
                    total=line["totalPrice"],
                    qty=line["qty"],
                    price=line["price"],
                    expected=f"{expected.normalize():f}",
                )
            )
    return found


def _line_sum(doc: Document) -> Decimal | None:
    """The lines' total prices added up; None when one of them is missing or not a number."""
    lst = doc.message.list
    if lst is None or "totalPrice" not in lst or not doc.lines:
        return None
    values = [
        _number(line.get("totalPrice")) if _valid(lst, line, "totalPrice") else None for line in doc.lines
    ]
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0))  # type: ignore[arg-type]


def _goods_value(doc: Document) -> list[Finding]:
    """An order's goodsValue (商品实际成交价, the goods without freight) against its lines."""
    head = doc.message.head
    if not _valid(head, doc.head, "goodsValue"):
        return []
    total = _line_sum(doc)
    value = _number(doc.head["goodsValue"])
    if total is None or value is None or abs(total - value) <= _CENT:
        return []
    return [
        _at(
            head,
            doc.origin.head,
            "goodsValue",
            "export.goods_value",
            Severity.WARNING,
            value=doc.head["goodsValue"],
            sum=f"{total.normalize():f}",
        )
    ]


def _special_zone(doc: Document) -> list[Finding]:
    head, lst, values = doc.message.head, doc.message.list, doc.head
    mode = values.get("tradeMode", "").strip()
    if mode not in SPECIAL_ZONE_MODES:
        return []
    found = [
        _at(head, doc.origin.head, name, "export.special_zone", mode=mode)
        for name in ("iacCode", "iacName")
        if name in head and not values.get(name)
    ]
    if lst is not None and "itemRecordNo" in lst:
        for index, line in enumerate(doc.lines):
            if not line.get("itemRecordNo"):
                found.append(
                    _at(
                        lst,
                        lambda el, i=index: doc.origin.line(i, el),
                        "itemRecordNo",
                        "export.special_zone",
                        mode=mode,
                    )
                )
    return found


def _simplified(doc: Document) -> list[Finding]:
    """statisticsFlag A (简化申报) is allowed only for goods without licence, export duty or tax
    refund, within RMB 5,000 a ticket; it alone may give the HS code at 4-digit heading level
    (written 4 digits + 000000 in the 10-character gcode). Warnings: whether the goods need a
    licence or a duty is known to the clerk, not to the file."""
    head, lst, values = doc.message.head, doc.message.list, doc.head
    if "statisticsFlag" not in head or lst is None or "gcode" not in lst:
        return []
    flag = values.get("statisticsFlag", "").strip()
    found = []
    for index, line in enumerate(doc.lines):
        code = line.get("gcode", "")
        if len(code) == 4 and code.isdigit() and lst["gcode"].type.exact_length == 10:
            # refused for its length, in words that fit the document's flag (this finding takes
            # the place of the plain length error: check_document drops that one)
            found.append(
                _at(
                    lst,
                    lambda el, i=index: doc.origin.line(i, el),
                    "gcode",
                    "export.heading_form" if flag == "A" else "export.heading_full",
                    value=code,
                    padded=code + "000000",
                )
            )
    if flag == "A":
        if values.get("licenseNo"):
            found.append(
                _at(
                    head,
                    doc.origin.head,
                    "licenseNo",
                    "export.simplified_licence",
                    Severity.WARNING,
                    value=values["licenseNo"],
                )
            )
        total = _line_sum(doc)
        currencies = {line.get("currency") for line in doc.lines}
        if total is not None and currencies == {RMB} and total > SIMPLIFIED_LIMIT:
            found.append(
                _at(
                    head,
                    doc.origin.head,
                    "statisticsFlag",
                    "export.simplified_over_limit",
                    Severity.WARNING,
                    sum=f"{total.normalize():f}",
                    limit=SIMPLIFIED_LIMIT,
                )
            )
    elif flag == "B":
        for index, line in enumerate(doc.lines):
            code = line.get("gcode", "")
            if _valid(lst, line, "gcode") and len(code) == 10 and code.endswith("000000"):
                found.append(
                    _at(
                        lst,
                        lambda el, i=index: doc.origin.line(i, el),
                        "gcode",
                        "export.heading_only",
                        Severity.WARNING,
                        value=code,
                    )
                )
    return found


def check_parts(documents) -> list[Finding]:
    """The parts of one document in one message agree on how many parts there are."""
    found = []
    counts: dict[str, tuple[str, Document]] = {}
    for doc in documents:
        mt = doc.message
        if not mt.parts or mt.direction is not Direction.DECLARATION:
            continue
        doc_type = document_type_for(mt)
        key = doc_type.business_key({k: v.strip() for k, v in doc.head.items()}) if doc_type else ""
        count = doc.head.get("msgCount", "").strip()
        if not key.strip("/") or not count:
            continue
        first = counts.setdefault(key, (count, doc))
        if first[0] != count:
            found.append(
                _at(
                    mt.head,
                    doc.origin.head,
                    "msgCount",
                    "export.part_count_differs",
                    count=count,
                    first=first[0],
                )
            )
    return found


#: Export rules that say, for one cell, what a plain field rule says less well: the field rule's
#: finding for that cell is left out (one clear finding a cell).
REPLACES_FIELD_RULE = {"export.heading_form": "field.wrong_length", "export.heading_full": "field.wrong_length"}


def check_export_document(doc: Document) -> list[Finding]:
    """The export rules for one declaration (field rules are checked beside them)."""
    mt = doc.message
    found = _pairs(mt.head, doc.head, doc.origin.head)
    if mt.list is not None:
        for index, line in enumerate(doc.lines):
            found.extend(_pairs(mt.list, line, lambda el, i=index: doc.origin.line(i, el)))
    for rule in (_parts, _summary, _weights, _line_totals, _goods_value, _special_zone, _simplified):
        found.extend(rule(doc))
    return found
