"""Working days and deadlines: a deadline falls on a working day in NRW and after the date
of the paper that names it.

Public holidays come from the maintained ``holidays`` package (Germany, Land
Nordrhein-Westfalen, German names), not from hand-written rules; Christmas Eve and New
Year's Eve are added because town halls are closed then. Deadline checks return warnings
in plain German: the caller shows them (CLI: a line "Hinweis: …", GUI: a message box) and
still lets the user go on – a deadline is the user's decision.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

SUBDIVISION = "NW"  # Nordrhein-Westfalen: the Land the catalogue and the guidance are for
_CLOSED_DAYS = {(12, 24): "Heiligabend", (12, 31): "Silvester"}  # town halls closed
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[date, str]:
    import holidays

    found = holidays.country_holidays("DE", subdiv=SUBDIVISION, years=year, language="de")
    return {day: str(name) for day, name in found.items()}


def holiday_name(day: date) -> str:
    """The name of the public holiday (or closing day) on ``day`` in NRW, "" if none."""
    return _holidays(day.year).get(day) or _CLOSED_DAYS.get((day.month, day.day), "")


def is_working_day(day: date) -> bool:
    """Monday to Friday and no public holiday in NRW."""
    return day.weekday() < 5 and not holiday_name(day)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def deadline_warnings(
    deadline: date | None, paper_date: date, *, paper: str = "Formular"
) -> list[str]:
    """What is odd about a deadline printed on a paper dated ``paper_date`` (e.g. the
    delivery form or the workshop): it lies before that date, or on a weekend or holiday.
    [] if it is fine or there is no deadline."""
    if deadline is None:
        return []
    warnings = []
    if deadline < paper_date:
        warnings.append(
            f"Die Frist {deadline:%d.%m.%Y} liegt vor dem Datum des {paper}s "
            f"({paper_date:%d.%m.%Y}); bitte wählen Sie ein späteres Datum."
        )
    elif deadline == paper_date:
        warnings.append(
            f"Die Frist {deadline:%d.%m.%Y} ist der Tag des {paper}s selbst; es bleibt "
            "keine Zeit zum Ausfüllen."
        )
    name = holiday_name(deadline)
    if name:
        warnings.append(
            f"Die Frist {deadline:%d.%m.%Y} fällt auf einen Feiertag ({name}); nächster "
            f"Arbeitstag: {next_working_day(deadline):%d.%m.%Y}."
        )
    elif deadline.weekday() >= 5:
        warnings.append(
            f"Die Frist {deadline:%d.%m.%Y} ist ein {WEEKDAYS[deadline.weekday()]}; nächster "
            f"Arbeitstag: {next_working_day(deadline):%d.%m.%Y}."
        )
    return warnings
