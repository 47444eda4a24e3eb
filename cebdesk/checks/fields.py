"""Field rules, read from spec/: required, length, digits, decimals, dates, code tables, signs,
spaces around values.

``check_field`` says what is wrong with a value, one error at a time. ``xsd_accepts`` answers a
narrower question: would the official XSD alone accept it (occurrence, length, the lexical form
and digits of numbers)? Every value the XSD refuses, ``check_field`` refuses too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cache

from ..spec import CodeTable, Field, Format, Kind

#: (rule, is_error, params)
Problem = tuple[str, bool, dict]
Checker = Callable[[str], list[Problem]]

_BAD_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECIMAL = re.compile(r"-?(\d+)(?:\.(\d+))?")
_INT = re.compile(r"-?(\d+)")
_DATE_PARSE = {
    Format.DATETIME14: ("%Y%m%d%H%M%S", re.compile(r"\d{14}")),
    Format.DATE8: ("%Y%m%d", re.compile(r"\d{8}")),
    Format.DATETIME17: ("%Y%m%d%H%M%S%f", re.compile(r"\d{17}")),
}
_INT32_MAX = 2**31 - 1
#: xs:decimal and xs:int as the XSD reads them, after collapsing white space.
_XSD_DECIMAL = re.compile(r"[+-]?(?:(\d+)(?:\.(\d*))?|\.(\d+))")
_XSD_INT = re.compile(r"[+-]?(\d+)")
_XML_SPACE = " \t\n\r"
_UUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")


#: How alike a value and a code's name must be (difflib's ratio) to be suggested: "瓶子" and
#: "瓶" are 0.67, "日本国" and "中国" 0.4.
NEAR_RATIO = 0.5


def closest_codes(table: CodeTable, value: str, limit: int = 3) -> list[str]:
    """The codes whose names read most like ``value`` ("瓶子" -> ["142 瓶"]), closest first and
    in table order among equals; empty when no name is close."""
    scored = []
    for i, code in enumerate(table.codes):
        ratio = SequenceMatcher(None, value, code.name).ratio()
        if ratio >= NEAR_RATIO:
            scored.append((-ratio, i, code))
    scored.sort(key=lambda item: item[:2])
    return [f"{code.value} {code.name}" for _, _, code in scored[:limit]]


def _unknown(table: CodeTable, field: Field, value: str, is_error: bool) -> Problem:
    """A value outside the code table: the closest names when some are close, else the first
    codes of the table (strict tables) or a plain warning."""
    params = {"value": value, "table": table.label}
    near = closest_codes(table, value)
    if near:
        params["near"] = "，".join(near)
        return ("field.unknown_code_near" if is_error else "field.uncommon_code_near", is_error, params)
    params["allowed"] = _allowed(field)
    return ("field.unknown_code" if is_error else "field.uncommon_code", is_error, params)


def _allowed(field: Field) -> str:
    table = field.codes
    assert table is not None
    shown = [f"{c.value} {c.name}" for c in table.codes[:8]]
    if len(table.codes) > 8:
        shown.append("…")
    return "，".join(shown)


@cache
def checker(field: Field) -> Checker:
    """A function that checks one non-empty value of ``field`` and lists what is wrong."""
    ftype = field.type
    steps: list[Callable[[str], Problem | None]] = []

    if ftype.kind is Kind.TEXT:
        exact = ftype.exact_length
        lo, hi = ftype.min_length, ftype.max_length

        def length(value: str) -> Problem | None:
            n = len(value)
            if exact is not None:
                if n != exact:
                    return ("field.wrong_length", True, {"expected": exact, "length": n})
            elif hi is not None and n > hi:
                return ("field.too_long", True, {"length": n, "max": hi})
            elif n < lo:
                return ("field.too_short", True, {"length": n, "min": lo})
            return None

        steps.append(length)
    elif ftype.kind is Kind.DECIMAL:
        total = ftype.total_digits or 0
        fraction = ftype.fraction_digits or 0
        integer = total - fraction

        def decimal(value: str) -> Problem | None:
            m = _DECIMAL.fullmatch(value)
            if not m:
                return ("field.not_decimal", True, {"value": value})
            int_part = m.group(1).lstrip("0")
            frac_part = (m.group(2) or "").rstrip("0")
            if len(int_part) > integer or len(frac_part) > fraction:
                params = {"value": value, "total": total, "fraction": fraction, "integer": integer}
                return ("field.decimal_digits", True, params)
            return None

        steps.append(decimal)
    else:
        total = ftype.total_digits

        def integer_(value: str) -> Problem | None:
            m = _INT.fullmatch(value)
            if not m:
                return ("field.not_int", True, {"value": value})
            digits = m.group(1).lstrip("0")
            if (total and len(digits) > total) or int(value) > _INT32_MAX or int(value) < -_INT32_MAX - 1:
                return ("field.int_digits", True, {"value": value, "total": total or 10})
            return None

        steps.append(integer_)

    if field.format is not None:
        fmt, shape = _DATE_PARSE[field.format]
        label = field.format.value

        def date(value: str) -> Problem | None:
            if not shape.fullmatch(value):
                return ("field.bad_date", True, {"value": value, "format": label})
            try:
                if field.format is Format.DATETIME17:
                    datetime.strptime(value[:14], "%Y%m%d%H%M%S")
                else:
                    datetime.strptime(value, fmt)
            except ValueError:
                return ("field.bad_date", True, {"value": value, "format": label})
            return None

        steps.insert(0, date)

    if field.pattern is not None:
        regex, zh, en = field.pattern
        compiled = re.compile(regex)

        def pattern(value: str) -> Problem | None:
            if not compiled.fullmatch(value):
                return ("field.pattern", True, {"value": value, "rule": zh, "rule_en": en})
            return None

        steps.append(pattern)

    if field.codes is not None:
        codes = field.codes

        def code(value: str) -> Problem | None:
            if value in codes:
                return None
            return _unknown(codes, field, value, codes.strict)

        steps.append(code)

    if ftype.minimum is not None:
        least = ftype.minimum

        def minimum(value: str) -> Problem | None:
            if Decimal(value) >= least:
                return None
            if least == 0:
                return ("field.negative", True, {"value": value})
            return ("field.below_minimum", True, {"value": value, "minimum": least})

        steps.append(minimum)

    table = field.codes
    numeric = ftype.kind is not Kind.TEXT
    padding_is_error = not field.free_text

    def check(value: str) -> list[Problem]:
        bad = _BAD_XML_CHAR.search(value)
        if bad:
            return [("field.bad_char", True, {"position": bad.start() + 1})]
        problems = []
        core = value.strip()
        if core != value:
            if not core and field.required:  # nothing but spaces
                return [("field.required", True, {})]
            problems.append(("field.padded", padding_is_error, {"value": value}))
            if padding_is_error:
                return problems
        if numeric:
            value = core  # the XSD reads numbers without the spaces around them
        for step in steps:
            problem = step(value)
            if problem is not None:
                if problem[1] and table is not None and value not in table:
                    # "瓶子" in a unit column: say it is not a unit code, not that it is too long
                    return [_unknown(table, field, value, True)]
                problems.append(problem)
                if problem[1]:  # one error per value is enough
                    break
        return problems

    return check


def check_field(field: Field, value: str | None) -> list[Problem]:
    """Problems with ``value`` (None or "" = empty) for ``field``."""
    if not value:
        return [("field.required", True, {})] if field.required else []
    return checker(field)(value)


def _significant(whole: str, fraction: str) -> tuple[int, int]:
    """Digits that count for totalDigits / fractionDigits: no leading or trailing zeros."""
    whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
    return len(whole) + len(fraction), len(fraction)


def xsd_accepts(field: Field, value: str | None) -> bool:
    """Would the official XSD accept ``value`` for ``field``? None: the element is absent; "":
    present without text. Only the schema's facets count here, none of the rules the standard
    writes in words (codes, real dates, signs, padding)."""
    if value is None:
        return not field.required
    if field.fixed is not None:
        return value in ("", field.fixed)
    ftype = field.type
    if ftype.kind is Kind.TEXT:
        length = len(value)
        return length >= ftype.min_length and (ftype.max_length is None or length <= ftype.max_length)
    value = value.strip(_XML_SPACE)
    if ftype.kind is Kind.DECIMAL:
        m = _XSD_DECIMAL.fullmatch(value)
        if not m:
            return False
        total, fraction = _significant(m.group(1) or "", m.group(2) or m.group(3) or "")
        return (ftype.total_digits is None or total <= ftype.total_digits) and (
            ftype.fraction_digits is None or fraction <= ftype.fraction_digits
        )
    m = _XSD_INT.fullmatch(value)
    if not m or not -_INT32_MAX - 1 <= int(value) <= _INT32_MAX:
        return False
    return ftype.total_digits is None or len(m.group(1).lstrip("0")) <= ftype.total_digits


def check_guid(value: str) -> list[Problem]:
    """A guid the enterprise generates: "36位唯一序号（英文字母大写）". Lower-case letters are an
    error (the standard's own words); another 36-character form is a warning: customs has
    accepted ids like CEB621_HNZB_FXJK_20220208175055_0035 (ceb-spec §9.11)."""
    if any(c.islower() for c in value):
        return [("field.guid_case", True, {"value": value})]
    if not _UUID.fullmatch(value):
        return [("field.guid_format", False, {"value": value})]
    return []
