"""The last day to declare a month's summary, by China's official calendar."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from cebdesk.cli import main
from cebdesk.summary.deadline import MonthError, due_date, parse_month, working_days_left

D = dt.date


@pytest.mark.parametrize(
    ("month", "due", "why"),
    [
        # Spring Festival 2026: 15-23 February off, the 15th a Sunday inside the holiday
        ("2026-01", D(2026, 2, 24), "Spring Festival"),
        # Spring Festival 2024: the 15th a Thursday off; Sunday the 18th is an adjusted working day
        ("2024-01", D(2024, 2, 18), "Spring Festival"),
        # 2015: Sunday 15 February was an adjusted working day: due on the 15th itself
        ("2015-01", D(2015, 2, 15), None),
        # Mid-Autumn 2024: Sunday 15 September inside the holiday (14 September, a Saturday, worked)
        ("2024-08", D(2024, 9, 18), "Mid-autumn Festival"),
        # an ordinary weekend: Sunday 15 June 2025 -> Monday
        ("2025-05", D(2025, 6, 16), "weekend"),
        # Saturday 15 November 2025 -> Monday
        ("2025-10", D(2025, 11, 17), "weekend"),
        # after National Day: Wednesday 15 October 2025, a working day
        ("2025-09", D(2025, 10, 15), None),
        # December's lists are declared in January of the next year
        ("2024-12", D(2025, 1, 15), None),
    ],
)
def test_the_deadline_follows_the_official_calendar(month, due, why):
    deadline = due_date(month)
    assert deadline.due == due
    assert deadline.moved_for == why
    assert deadline.official and deadline.warning() is None
    assert deadline.month == month


def test_working_days_left_across_national_day():
    """From 30 September 2025 to 15 October: 1-8 October are off, Saturday 11 October is worked
    (30 Sep; 9-10 Oct; Sat 11 Oct; 13-15 Oct)."""
    assert working_days_left(D(2025, 9, 30), D(2025, 10, 15)) == 1 + 2 + 1 + 3
    assert working_days_left(D(2025, 10, 15), D(2025, 10, 15)) == 1
    assert working_days_left(D(2025, 10, 16), D(2025, 10, 15)) == 0


@pytest.mark.parametrize(
    ("month", "due", "unknown"),
    [
        ("2027-01", D(2027, 2, 15), (2027,)),  # a Monday: weekends alone would keep it
        ("2027-04", D(2027, 5, 17), (2027,)),  # Saturday 15 May -> Monday, by weekends only
        ("2026-12", D(2027, 1, 15), (2027,)),  # December of a known year, due in an unknown one
        ("2003-05", D(2003, 6, 16), (2003,)),  # before the calendar's first year
    ],
)
def test_a_year_the_calendar_does_not_know_is_said_plainly(month, due, unknown):
    deadline = due_date(month)
    assert deadline.due == due and deadline.unknown_years == unknown and not deadline.official
    assert "2027" in deadline.warning("en") or "2003" in deadline.warning("en")
    assert "weekends only" in deadline.warning("en") and "仅按周末" in deadline.warning("zh")
    assert deadline.to_json("en")["calendar"] == "weekends-only"


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-01", "2026/01", "", "2026-1", "abcd-ef"])
def test_a_month_that_is_not_yyyy_mm_is_refused(text):
    with pytest.raises(MonthError):
        parse_month(text)


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def test_summary_due_on_the_command_line(tmp_path, capsys):
    code, out = run("--data-dir", tmp_path, "summary", "--month", "2026-01", "--due")
    assert code == 0 and out.strip() == "2026-02-24"
    code, out = run("--data-dir", tmp_path, "summary", "--month", "2024-01", "--due", "--json")
    assert code == 0 and json.loads(out)["due"] == "2024-02-18"
    code, out = run("--data-dir", tmp_path, "summary", "--month", "2027-01", "--due", "--lang", "en")
    assert code == 0 and out.splitlines()[0] == "2027-02-15"
    assert "weekends only" in capsys.readouterr().err
    code, out = run("--data-dir", tmp_path, "summary", "--month", "2027-01", "--due", "--json")
    assert json.loads(out)["warning"] and json.loads(out)["calendar"] == "weekends-only"
    code, _ = run("--data-dir", tmp_path, "summary", "--month", "2026-13", "--due")
    assert code == 2
