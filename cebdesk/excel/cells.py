"""Turning what clerks type into the exact strings the standard wants.

Accepted: numbers for codes (3700 -> "3700", 35 in a unit column -> "035"), Excel dates and
date-like text for time fields, full-width digits and spaces, trailing spaces, text numbers
from .xls conversions ("3700.0"), code names instead of codes ("千克" -> "035", "142-人民币").

Refused at the cell (a normaliser raises :class:`CellIssue`), because the value in the file is
no longer what the clerk typed or meant:
- a number of 16 or more digits in a text or time field: Excel keeps 15 significant digits, so
  an ID number or order number typed as a number has lost its last digits; the same number
  shown in scientific notation and pasted back as text (``1.10105E+17``);
- a date (Excel turns ``3-5`` into 5 March) outside date and time fields; TRUE/FALSE anywhere;
- a formula without its calculated value, an error value (#N/A);
- a no-break space inside a code or number (removing it or making it a space are both guesses).
Cleaned with a warning: zero-width spaces, BOMs and other invisible characters (removed
anywhere), no-break spaces inside names and addresses (made ordinary spaces), a phone or ID
number stored as a number, which cannot carry a leading 0 (kept, but worth a look).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from ..spec import Field, Format, Kind

Normalizer = Callable[[object], str]

_SPACES = " \t\r\n\u3000\xa0"
#: Characters nobody sees: zero-width spaces and joiners, direction marks, word joiner, BOM,
#: soft hyphen, bidirectional embeddings.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Spaces that look like a space but are not one: no-break, figure, en/em… spaces.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
#: How Excel shows a large number it keeps as a number: 1.10105E+17.
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d+)?[Ee][+-]\d{1,3}")
#: Excel keeps 15 significant digits; a number of 16 or more digits has lost its last ones.
_EXACT_LIMIT = 10**15
_MOBILE = re.compile(r"1[3-9]\d{9}")
_IDENTIFIER = re.compile(r"(?:No|Code|Id|IdNumber|Numbers)$")


class Bad:
    """A cell that holds no value to take: a formula never calculated, an error value (#N/A)."""

    __slots__ = ("rule", "text")

    def __init__(self, rule: str, text: str) -> None:
        self.rule = rule
        self.text = text

    def __repr__(self) -> str:
        return f"Bad({self.rule!r}, {self.text!r})"

    def __str__(self) -> str:
        return self.text


class CellIssue(Exception):
    """What is wrong with one cell. ``issues`` are (rule, params, is_error); ``value`` is what
    the field holds afterwards: the cleaned text when only warnings were found, else the cell's
    content as shown (the document is not converted)."""

    def __init__(self, value: str, issues: list[tuple[str, dict, bool]]) -> None:
        super().__init__(value, issues)
        self.value = value
        self.issues = issues

    @classmethod
    def error(cls, rule: str, value: str, **params) -> CellIssue:
        return cls(value, [(rule, params or {"value": value}, True)])


def _codepoints(chars: list[str]) -> str:
    return ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in chars))


Issues = list[tuple[str, dict, bool]]


def _clean(text: str, strict: bool) -> tuple[str, Issues]:
    """``text`` (stripped, not ASCII) without invisible characters; odd spaces become ordinary
    ones, or an error for ``strict`` fields (codes, numbers). Also what was found."""
    issues: Issues = []
    hidden = _INVISIBLE.findall(text)
    if hidden:
        text = _INVISIBLE.sub("", text).strip(_SPACES)
        issues.append(("cell.invisible", {"count": len(hidden), "chars": _codepoints(hidden)}, False))
    odd = _ODD_SPACES.search(text)
    if odd:
        chars = _codepoints(_ODD_SPACES.findall(text))
        if strict:
            issues.append(("cell.odd_space_in_code", {"position": odd.start() + 1, "chars": chars}, True))
        else:
            text = _ODD_SPACES.sub(" ", text)
            issues.append(("cell.odd_space", {"chars": chars}, False))
    return text, issues


def _fixed(text: str) -> str:
    """1.5E+3 -> 1500; text that is no number stays as it is (the field check names it)."""
    try:
        return format(Decimal(text), "f")
    except InvalidOperation:
        return text


def _done(text: str, issues: Issues | None) -> str:
    """The normalised text, or CellIssue carrying it when cleaning found something."""
    if issues:
        raise CellIssue(text, issues)
    return text


def _shown(value: object) -> str:
    """A non-text cell as the clerk sees it, for findings."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != time() else value.strftime("%Y-%m-%d")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _refuse(value: object) -> CellIssue:
    """Why a cell of an unexpected kind cannot be taken (booleans, dates, formulas)."""
    if isinstance(value, Bad):
        return CellIssue.error(value.rule, value.text)
    if isinstance(value, bool):
        return CellIssue.error("cell.boolean", _shown(value))
    return CellIssue.error("cell.date", _shown(value))


def _exact_number(value: int | float) -> str:
    """A number in a text or time field, if Excel can have kept it exactly."""
    text = _number_text(value)
    if isinstance(value, float) and not value.is_integer():
        digits = text.lstrip("+-").replace(".", "").strip("0")
        if len(digits) > 15:
            raise CellIssue.error("cell.inexact_number", text)
    elif abs(value) >= _EXACT_LIMIT:
        raise CellIssue.error("cell.inexact_number", text)
    return text


def text_class(field: Field) -> str:
    """How a text field is read: "phone", "id" (identity numbers), "code" (codes, keys and
    numbers: no spaces inside) or "free" (names, addresses, descriptions)."""
    name = field.name
    if name.lower().endswith("telephone"):
        return "phone"
    if name.endswith("IdNumber"):
        return "id"
    if field.codes is not None or field.zero_pad or _IDENTIFIER.search(name) or name == "guid":
        return "code"
    return "free"


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
    """A function from a cell value (not None) to the field's string ("" = empty). It raises
    :class:`CellIssue` for a value it cannot take as it is (see the module's doc)."""
    kind = field.type.kind
    fmt = field.format
    table = field.codes
    pad = field.type.exact_length if field.zero_pad else None
    strict = kind is not Kind.TEXT or text_class(field) != "free"

    def text_of(value: str) -> tuple[str, Issues | None]:
        text = value.strip(_SPACES)
        return (text, None) if text.isascii() else _clean(text, strict)

    if fmt is not None:

        def time_value(value: object) -> str:
            if type(value) is str:
                text, issues = text_of(value)
                text = _fold(text)
                return _done(_time_text(text, fmt) if text and not text.isdigit() else text, issues)
            if isinstance(value, (datetime, date)) and not isinstance(value, bool):
                return _format_time(value, fmt)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return _exact_number(value)
            raise _refuse(value)

        return time_value

    if kind is Kind.DECIMAL:

        def decimal_value(value: object) -> str:
            if type(value) is str:
                text, issues = text_of(value)
                text = _fold(text)
                if _THOUSANDS.fullmatch(text):  # 1,234.50; but never 1,5 (a decimal comma)
                    text = text.replace(",", "")
                if "e" in text.lower():
                    text = _fixed(text)
                return _done(text, issues)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return _number_text(value)
            raise _refuse(value)

        return decimal_value

    if kind is Kind.INT:

        def int_value(value: object) -> str:
            if type(value) is str:
                text, issues = text_of(value)
                text = _fold(text)
                if _TEXT_INTEGER.fullmatch(text):
                    text = text.split(".")[0]
                return _done(text, issues)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return _number_text(value)
            raise _refuse(value)

        return int_value

    def scientific(text: str) -> str:
        if ("E" in text or "e" in text) and _SCIENTIFIC.fullmatch(text):
            raise CellIssue.error("cell.scientific", text)
        return text

    if table is not None or pad is not None:

        def code_value(value: object) -> str:
            if type(value) is str:
                text, issues = text_of(value)
                text = scientific(_fold(text))
                if _TEXT_INTEGER.fullmatch(text) and "." in text:
                    text = text.split(".")[0]
                if table is not None and text not in table:
                    by_name = table.value_for_name(text)
                    if by_name is not None:
                        text = by_name
                    elif (m := _CODE_PREFIX.match(text)) and m.group(1) in table:
                        text = m.group(1)
                return _done(text, issues)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                text = _exact_number(value)
                if pad is not None and text.isdigit() and len(text) < pad:
                    text = text.zfill(pad)
                return text
            raise _refuse(value)

        return code_value

    kind_of_text = text_class(field)

    def text_value(value: object) -> str:
        if type(value) is str:
            text, issues = text_of(value)
            return _done(scientific(text) if strict else text, issues)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            text = _exact_number(value)
            if kind_of_text == "phone" and not _MOBILE.fullmatch(text):
                raise CellIssue(text, [("cell.leading_zero_phone", {"value": text}, False)])
            if kind_of_text == "id" and len(text.lstrip("-")) < 15 and text.isdigit():
                raise CellIssue(text, [("cell.leading_zero_id", {"value": text}, False)])
            return text
        raise _refuse(value)

    return text_value
