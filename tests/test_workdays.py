"""Working days in NRW (public holidays from the holidays package) and deadline warnings."""

from __future__ import annotations

from datetime import date

import pytest

from ozgdesk.workflow import workdays


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 12, 25), "Erster Weihnachtstag"),
        (date(2026, 12, 26), "Zweiter Weihnachtstag"),
        (date(2027, 1, 1), "Neujahr"),
        (date(2026, 6, 4), "Fronleichnam"),  # an NRW holiday, not in every Land
        (date(2026, 11, 1), "Allerheiligen"),
        (date(2026, 12, 24), "Heiligabend"),  # town halls closed
        (date(2026, 12, 31), "Silvester"),
        (date(2026, 12, 4), ""),
    ],
)
def test_holiday_names(day: date, name: str) -> None:
    assert workdays.holiday_name(day) == name
    assert workdays.is_working_day(day) is (not name and day.weekday() < 5)


def test_next_working_day() -> None:
    assert workdays.next_working_day(date(2026, 12, 4)) == date(2026, 12, 4)  # Friday
    assert workdays.next_working_day(date(2026, 12, 5)) == date(2026, 12, 7)  # Saturday
    assert workdays.next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert workdays.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)


def test_deadline_warnings() -> None:
    form_day = date(2026, 12, 4)
    assert workdays.deadline_warnings(None, form_day) == []
    assert workdays.deadline_warnings(date(2026, 12, 18), form_day) == []
    (before,) = workdays.deadline_warnings(date(2026, 11, 30), form_day)
    assert before.startswith("Die Frist 30.11.2026 liegt vor dem Datum des Formulars (04.12.2026)")
    (same,) = workdays.deadline_warnings(form_day, form_day)
    assert "Tag des Formulars selbst" in same
    (holiday,) = workdays.deadline_warnings(date(2026, 12, 25), form_day)
    assert "Feiertag (Erster Weihnachtstag)" in holiday and "28.12.2026" in holiday
    (weekend,) = workdays.deadline_warnings(date(2026, 12, 19), form_day)
    assert "Samstag" in weekend and "21.12.2026" in weekend
    both = workdays.deadline_warnings(date(2026, 11, 1), form_day, paper="Workshop")
    assert len(both) == 2 and "des Workshops" in both[0] and "Allerheiligen" in both[1]
