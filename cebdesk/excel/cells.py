"""Turning what clerks type into the exact strings the standard wants.

Accepted: numbers for codes (3700 -> "3700", 35 in a unit column -> "035"), Excel dates and
date-like text for time fields, full-width digits and spaces, trailing spaces, text numbers
from .xls conversions ("3700.0"), code names instead of codes ("千克" -> "035", "142-人民币").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from ..spec import Field, Format, Kind

Normalizer = Callable[[object], str]

_SPACES = " \t\r\n\u3000\xa0"
_TEXT_INTEGER = re.compile(r"[+-]?\d+\.0*")
_DATE_TEXT = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?)?"
)
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CODE_PREFIX = re.compile(r"([0-9A-Za-z]+)\s*[-:：\s]\s*\S")


def _is_wide(text: str) -> bool:
    return any("\uff01" <= ch <= "\uff5e" or ch == "\u3000" for ch in text)


def _fold(text: str) -> str:
    """Full-width letters, digits and spaces to ASCII; surrounding spaces removed."""
    if _is_wide(text):
        text = unicodedata.normalize("NFKC", text)
    return text.strip(_SPACES)


def _number_text(value: int | float) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    # repr gives the shortest text that reads back as the same float: 19.99, not 19.989999…
    return format(Decimal(repr(value)), "f")


def _format_time(value: datetime | date, fmt: Format | None) -> str:
    if fmt is Format.DATE8 or (fmt is None and not isinstance(value, datetime)):
        return value.strftime("%Y%m%d")
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if fmt is Format.DATETIME17:
        return value.strftime("%Y%m%d%H%M%S") + f"{value.microsecond // 1000:03d}"
    return value.strftime("%Y%m%d%H%M%S")


def _time_text(text: str, fmt: Format) -> str:
    """'2024-01-02 10:11:12', '2024/1/2' -> digits in the field's format; other text unchanged."""
    m = _DATE_TEXT.fullmatch(text)
    if not m:
        return text
    y, mo, d, h, mi, s = m.groups()
    try:
        value = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return text  # the field check will name it
    return _format_time(value, fmt)


def normalizer(field: Field) -> Normalizer:
    """A function from a cell value (not None) to the field's string ("" = empty)."""
    kind = field.type.kind
    fmt = field.format
    table = field.codes
    pad = field.type.exact_length if field.zero_pad else None

    if fmt is not None:

        def time_value(value: object) -> str:
            if isinstance(value, (datetime, date)):
                return _format_time(value, fmt)
            if isinstance(value, (int, float)):
                return _number_text(value)
            text = _fold(str(value))
            return _time_text(text, fmt) if text and not text.isdigit() else text

        return time_value

    if kind is Kind.DECIMAL:

        def decimal_value(value: object) -> str:
            if isinstance(value, (int, float)):
                return _number_text(value)
            text = _fold(str(value))
            if _THOUSANDS.fullmatch(text):  # 1,234.50; but never 1,5 (a decimal comma)
                text = text.replace(",", "")
            if "e" in text.lower():
                try:
                    return format(Decimal(text), "f")
                except InvalidOperation:
                    return text
            return text

        return decimal_value

    if kind is Kind.INT:

        def int_value(value: object) -> str:
            if isinstance(value, (int, float)):
                return _number_text(value)
            text = _fold(str(value))
            if _TEXT_INTEGER.fullmatch(text):
                text = text.split(".")[0]
            return text

        return int_value

    if table is not None or pad is not None:

        def code_value(value: object) -> str:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                text = _number_text(value)
                if pad is not None and text.isdigit() and len(text) < pad:
                    text = text.zfill(pad)
                return text
            text = _fold(str(value))
            if _TEXT_INTEGER.fullmatch(text) and "." in text:
                text = text.split(".")[0]
            if table is not None and text not in table:
                by_name = table.value_for_name(text)
                if by_name is not None:
                    return by_name
                m = _CODE_PREFIX.match(text)
                if m and m.group(1) in table:
                    return m.group(1)
            return text

        return code_value

    def text_value(value: object) -> str:
        if type(value) is str:
            return value.strip(_SPACES)
        if isinstance(value, (int, float)):
            return _number_text(value)
        if isinstance(value, (datetime, date)):
            return _format_time(value, None)
        return str(value).strip(_SPACES)

    return text_value
