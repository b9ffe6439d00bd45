"""Step 3, the invitation's wording: the date in German, the text of the invitation e-mail
for the workshop's kind, and a workshop moved to another time."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ozgdesk.workflow.workshop_model import (
    Participant,
    Workshop,
    WorkshopDetail,
)

# -- invitation text ----------------------------------------------------------------------------


# What the invitation says about the workshop, per kind (the rest of the text is shared).
_INTRO = {
    "Auftakt": "Damit starten wir gemeinsam die Umsetzung des Onlinezugangsgesetzes (OZG)",
    "Folgetermin": "Wir besprechen, wie weit die Umsetzung des Onlinezugangsgesetzes (OZG) "
    "ist, und planen die nächsten Schritte",
    "Kreisweit": "Gemeinsam mit den Nachbarkommunen im Kreis stimmen wir die Umsetzung des "
    "Onlinezugangsgesetzes (OZG) ab – für die Verwaltung",
}
_PURPOSE = {
    "Auftakt": "Im Workshop verteilen wir die Aufgaben für die Datenlieferung an das Portal "
    "und planen, welche Leistungen wann online gehen.",
    "Folgetermin": "Wir sehen uns an, was aus den Aufgaben des Auftakts geworden ist, und "
    "planen Leistung für Leistung, wann welcher Online-Dienst angebunden wird.",
    "Kreisweit": "Wir klären, was die Kommunen gemeinsam nutzen können (Einer-für-Alle-"
    "Dienste, Formulare, Schulungen), und wer im kreisweiten Team welche Aufgabe übernimmt.",
}
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def german_when(workshop: Workshop) -> str:
    day = workshop.starts_at
    return f"{WEEKDAYS[day.weekday()]}, {day:%d.%m.%Y}, {day:%H:%M}–{workshop.ends_at:%H:%M} Uhr"


def invitation_text(
    municipality: str,
    detail_: WorkshopDetail,
    person: Participant | None = None,
    office_services: int = 0,
) -> str:
    """The invitation as plain text (to copy into an e-mail or to put in an .eml draft)."""
    w = detail_.workshop
    from ozgdesk.wording import in_municipality, salutation

    greeting = salutation(person.name) if person else "Guten Tag,"
    lines = [
        greeting,
        "",
        f"hiermit lade ich Sie herzlich zum {w.title} ein. {_INTRO.get(w.kind, _INTRO['Auftakt'])} "
        f"{in_municipality(municipality)}.",
        "",
        f"Wann: {german_when(w)}",
    ]
    if w.format == "Video":
        lines.append(
            f"Wo: Videokonferenz{': ' + w.video_link if w.video_link else ' (der Link folgt)'}"
        )
    elif w.format == "hybrid":
        lines.append(
            f"Wo: {w.place or 'Ort folgt'} oder per Video{': ' + w.video_link if w.video_link else ''}"
        )
    else:
        lines.append(f"Wo: {w.place or 'Ort folgt'}")
    lines += ["", "Tagesordnung:"]
    for item in detail_.timed_agenda():
        who = f" ({item.entry.responsible})" if item.entry.responsible else ""
        lines.append(f"  {item.start:%H:%M}  {item.entry.title}{who}")
    lines += ["", "Bitte mitbringen:"]
    if person is not None and person.office_id is not None and office_services:
        from ozgdesk.wording import plural

        count = (
            "eine relevante Leistung"
            if office_services == 1
            else plural(office_services, "relevante Leistung", "relevante Leistungen")
        )
        lines.append(
            f"  die Liste der Leistungen Ihres Amts ({count}; sie liegt bei), "
            "mit Ihren Anmerkungen: Was fehlt, was gehört zu einem anderen Amt?"
        )
    elif person is not None and person.office_id is not None:
        lines.append(
            "  Ihre Einschätzung, welche Leistungen Ihres Amts online angeboten werden "
            "sollten – bisher ist Ihrem Amt noch keine Leistung zugeordnet."
        )
    else:
        lines.append(
            "  Ihre Fragen und Erfahrungen zur Digitalisierung unserer Verwaltungsleistungen."
        )
    lines += [
        "",
        _PURPOSE.get(w.kind, _PURPOSE["Auftakt"]),
        "",
        "Bitte sagen Sie kurz zu oder ab.",
        "",
        "Mit freundlichen Grüßen",
        w.organiser or "Ihre OZG-Koordination",
    ]
    if w.organiser_email:
        lines.append(w.organiser_email)
    return "\n".join(lines)


def with_times(workshop: Workshop, start: datetime, minutes: int) -> Workshop:
    return replace(workshop, starts_at=start, ends_at=start + timedelta(minutes=minutes))
