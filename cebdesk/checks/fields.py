"""Field rules, read from spec/: required, length, digits, decimals, dates, code tables."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
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

    table = field.codes

    def check(value: str) -> list[Problem]:
        bad = _BAD_XML_CHAR.search(value)
        if bad:
            return [("field.bad_char", True, {"position": bad.start() + 1})]
        problems = []
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
