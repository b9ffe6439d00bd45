"""A workshop as an iCalendar file (RFC 5545) for calendar programs.

One VCALENDAR with METHOD:PUBLISH (a calendar entry to take over, not a meeting
request that expects replies), a VTIMEZONE for Europe/Berlin and one VEVENT. The
event keeps the workshop's UID; its SEQUENCE grows with every change, so a
calendar program updates the entry it already has instead of adding a second one.

The VTIMEZONE uses the yearly rules (last Sunday in March / October) in the form
Outlook, Thunderbird and Google Calendar write themselves: Outlook shifts times by
an hour when a VTIMEZONE lists the changes as single dates (RDATE), which is what
icalendar generates from zoneinfo. Should zoneinfo ever disagree with those rules
for the years concerned (the EU might end the clock change), the definition is
generated from zoneinfo instead.

icalendar is imported only when a file is written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk import __version__
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.workshop_records import WorkshopInfo

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from icalendar import Timezone

TZID = "Europe/Berlin"
PRODID = f"-//ozgdesk//ozgdesk {__version__}//DE"
REMIND_BEFORE = timedelta(days=1)


def calendar_bytes(info: WorkshopInfo, *, now: datetime | None = None) -> bytes:
    """The .ics file content (CRLF line endings, UTF-8)."""
    from zoneinfo import ZoneInfo

    from icalendar import Alarm, Calendar, Event, vCalAddress, vText

    zone = ZoneInfo(TZID)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add_component(_vtimezone(zone, info.starts_at.year, info.ends_at.year))

    event = Event()
    event.add("uid", info.uid)
    event.add("sequence", info.sequence)
    event.add("dtstamp", stamp)
    if info.updated_at is not None:
        updated = info.updated_at
        updated = updated.replace(tzinfo=UTC) if updated.tzinfo is None else updated
        event.add("last-modified", updated.astimezone(UTC))
    event.add("dtstart", info.starts_at.replace(tzinfo=zone))
    event.add("dtend", info.ends_at.replace(tzinfo=zone))
    event.add("summary", info.title)
    if info.location:
        event.add("location", info.location)
    if info.video_link:
        event.add("url", info.video_link)
    event.add("description", description(info))
    if info.organiser_email:
        organiser = vCalAddress(f"mailto:{info.organiser_email}")
        if info.organiser:
            organiser.params["cn"] = vText(info.organiser)
        event.add("organizer", organiser)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "PUBLIC")

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Morgen: {info.title}")
    alarm.add("trigger", -REMIND_BEFORE)
    event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()


def write_ics(path: Path | str, info: WorkshopInfo, *, now: datetime | None = None) -> Path:
    """Write the .ics file atomically and return its path."""
    target = Path(path)
    data = calendar_bytes(info, now=now)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target


def description(info: WorkshopInfo) -> str:
    """The event's text: when and where, the timed agenda, what to bring."""
    lines = [info.when]
    if info.location:
        lines.append(f"Ort: {info.location}")
    if info.agenda:
        lines += ["", "Tagesordnung:"]
        for item in info.agenda:
            who = f" ({item.responsible})" if item.responsible else ""
            lines.append(f"{item.start:%H:%M} {item.title}{who}")
    if info.bring:
        lines += ["", "Bitte mitbringen:"]
        lines += [f"- {line}" for line in info.bring]
    if info.organiser or info.organiser_email:
        email = f"<{info.organiser_email}>" if info.organiser_email else ""
        lines += ["", "Kontakt: " + " ".join(x for x in (info.organiser, email) if x)]
    return "\n".join(lines)


# -- time zone ----------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def _follows_eu_rule(zone: ZoneInfo, first_year: int, last_year: int) -> bool:
    """Whether ``zone`` is CET/CEST with the EU clock changes (01:00 UTC on the last
    Sunday in March and October) in every year from ``first_year`` to ``last_year``."""
    hour = timedelta(hours=1)
    for year in range(first_year, last_year + 1):
        for month, before, after in ((3, hour, 2 * hour), (10, 2 * hour, hour)):
            change = datetime.combine(_last_sunday(year, month), datetime.min.time(), UTC) + hour
            if (change - timedelta(seconds=1)).astimezone(zone).utcoffset() != before:
                return False
            if change.astimezone(zone).utcoffset() != after:
                return False
    return True


def _vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    if not _follows_eu_rule(zone, first_year - 1, last_year + 1):
        return Timezone.from_tzinfo(
            zone, TZID, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1)
        )
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    for kind, name, month, day, hour, offset_from, offset_to in (
        (TimezoneDaylight, "CEST", 3, 29, 2, 1, 2),
        (TimezoneStandard, "CET", 10, 25, 3, 2, 1),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("tzoffsetfrom", timedelta(hours=offset_from))
        part.add("tzoffsetto", timedelta(hours=offset_to))
        part.add("dtstart", datetime(1970, month, day, hour))  # a last Sunday in 1970
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz
