"""The last day to declare the summary of the lists released in a month.

Lists released in month M are summarised and declared by the 15th of M+1; when that day is a
legal holiday or a rest day, by the first working day after it. Working days follow China's
official holiday and adjusted-working-day calendar (the ``chinesecalendar`` package, kept up to
date with each year's State Council notice): a weekend day may be a working day (调休) and a
weekday a holiday. A year the package does not know yet is counted with weekends only, and the
result says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import chinese_calendar

#: The day of the next month by which a month's lists are declared.
DUE_DAY = 15
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthError(ValueError):
    """A month that is not YYYY-MM."""


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) from ``YYYY-MM``; MonthError otherwise."""
    match = _MONTH.match((text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise MonthError(f"month {text!r}: expected YYYY-MM, e.g. 2026-01")
    return int(match.group(1)), int(match.group(2))


def month_range(month: str) -> tuple[str, str]:
    """The month as the journal's compact times compare: (YYYYMM of it, YYYYMM of the next)."""
    year, mon = parse_month(month)
    end = f"{year + 1:04d}01" if mon == 12 else f"{year:04d}{mon + 1:02d}"
    return f"{year:04d}{mon:02d}", end


@dataclass(frozen=True)
class WorkCalendar:
    """Working days by the official calendar; weekends only for the years it does not know."""

    def known(self, day: dt.date) -> bool:
        try:
            chinese_calendar.is_workday(day)
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: dt.date) -> bool:
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            return day.weekday() < 5

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday ``day`` belongs to (English name the package gives), if any."""
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return None
        return name if on_holiday else None


CALENDAR = WorkCalendar()


@dataclass(frozen=True)
class Deadline:
    month: str  # YYYY-MM: the month the lists were released in
    due: dt.date  # the last day to declare their summary
    nominal: dt.date  # the 15th of the next month
    moved_for: str | None  # why the 15th was not a working day: a holiday's name, "weekend"
    unknown_years: tuple[int, ...]  # years counted with weekends only

    @property
    def official(self) -> bool:
        """True when every day looked at is in the official calendar."""
        return not self.unknown_years

    def warning(self, lang: str = "zh") -> str | None:
        """What the user must know when the calendar did not know the year, else None."""
        if self.official:
            return None
        years = "、".join(map(str, self.unknown_years))
        if lang == "en":
            years = ", ".join(map(str, self.unknown_years))
            return (
                f"the official holiday calendar does not cover {years} yet: the deadline was counted "
                "with weekends only (holidays and adjusted working days are not known); check it "
                "against the State Council's holiday notice and update chinesecalendar"
            )
        return (
            f"官方节假日日历尚未收录 {years} 年：截止日仅按周末推算（不含法定节假日和调休），"
            "请对照国务院办公厅放假通知核对，并更新 chinesecalendar"
        )

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "month": self.month,
            "due": self.due.isoformat(),
            "nominal": self.nominal.isoformat(),
            "movedFor": self.moved_for,
            "calendar": "official" if self.official else "weekends-only",
            "warning": self.warning(lang),
        }


def due_date(month: str, calendar: WorkCalendar = CALENDAR) -> Deadline:
    """The deadline for the summary of the lists released in ``month`` (YYYY-MM)."""
    released = parse_month(month)
    year, mon = (released[0] + 1, 1) if released[1] == 12 else (released[0], released[1] + 1)
    nominal = dt.date(year, mon, DUE_DAY)
    day, unknown = nominal, set()
    while True:
        if not calendar.known(day):
            unknown.add(day.year)
        if calendar.is_workday(day):
            break
        day += dt.timedelta(days=1)
    moved_for = None
    if day != nominal:
        moved_for = calendar.holiday_name(nominal) or ("weekend" if nominal.weekday() >= 5 else "rest day")
    return Deadline(f"{released[0]:04d}-{released[1]:02d}", day, nominal, moved_for, tuple(sorted(unknown)))


def working_days_left(today: dt.date, due: dt.date, calendar: WorkCalendar = CALENDAR) -> int:
    """Working days from ``today`` to ``due``, both counted when working days (0: the deadline
    passed; 1: today is the last day). For warning ahead of the deadline."""
    if due < today:
        return 0
    count, day = 0, today
    while day <= due:
        count += calendar.is_workday(day)
        day += dt.timedelta(days=1)
    return count
