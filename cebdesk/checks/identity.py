"""Identity numbers: the 18-character resident ID card number (buyerIdType / payerIdType 1).

Region (the first two digits a province), birth date (a real date from 1900 to today) and the
GB 11643 check character (ISO 7064 MOD 11-2). The facts live in spec/identity.py.

A lower-case "x" as check character is refused, not corrected: GB 11643 writes the Roman
numeral ten as an upper-case X, customs compares the number as it is written, and cebdesk
declares values as the clerk gave them. The finding says what to type instead.
"""

from __future__ import annotations

from datetime import date

from ..spec import identity as spec
from .fields import Problem


def check_digit(first17: str) -> str:
    """The check character of the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, spec.WEIGHTS, strict=True))
    return spec.CHECK_CHARACTERS[total % 11]


def check_resident_id(value: str, today: date | None = None) -> list[Problem]:
    """What is wrong with an 18-character resident ID card number (one problem at most)."""
    body, last = value[:-1], value[-1:]
    if len(value) != spec.LENGTH or not body.isascii() or not body.isdigit():
        return [("id.format", True, {"value": value, "length": len(value)})]
    if last == "x":
        return [("id.lowercase_x", True, {"value": value})]
    if not (last.isascii() and last.isdigit()) and last != "X":
        return [("id.format", True, {"value": value, "length": len(value)})]
    if body[:2] not in spec.PROVINCES:
        return [("id.region", True, {"value": value, "province": body[:2]})]
    birth = body[6:14]
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
    except ValueError:
        born = None
    if born is None or born.year < spec.EARLIEST_BIRTH_YEAR or born > (today or date.today()):
        return [("id.birth_date", True, {"value": value, "birth": birth})]
    expected = check_digit(body)
    if last != expected:
        return [("id.check_digit", True, {"value": value, "expected": expected, "actual": last})]
    return []
