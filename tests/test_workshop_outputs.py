"""Step 3 outputs: the calendar file (read back with icalendar), the e-mail drafts (read
back with the email package) and the workshop PDFs (read back with pypdf); the
`ozgdesk export` commands of step 3 as real processes."""

from __future__ import annotations

import email
import os
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, offices, overview, relevance, tasks, workshop
from ozgdesk.workflow import workshop_outputs as wo
from ozgdesk.workflow.exports import ExportError
from ozgdesk.workflow.offices import Contact, Office
from ozgdesk.workflow.workshop import Decision, Participant

TODAY = date(2026, 11, 22)  # a Sunday: the proposal is Monday, 07.12.2026, 10:00–12:00
START = datetime(2026, 12, 7, 10, 0)
BAU, ORDNUNG, STANDESAMT, KAEMMEREI = (
    "Bauamt",
    "Bürgerbüro und Ordnungsamt",
    "Standesamt",
    "Kämmerei",
)
TWO_WORDS = "Aus-, Weiterbildung & Sachkunde"  # a Lebenslage with ", " in its name
DELIVER_BY = date(2027, 1, 22)


@dataclass
class Prepared:
    project: Project
    workshop_id: int
    uid: str
    keys: dict[str, list[str]]  # office -> keys of its relevant services (with key)
    services: dict[str, int]  # office -> relevant services


def _prepare(project: Project) -> Prepared:
    ids = {
        name: offices.save_office(project, Office(None, name, short))
        for name, short in ((BAU, "63"), (ORDNUNG, "32"), (STANDESAMT, "34"), (KAEMMEREI, "20"))
    }
    offices.save_contact(
        project,
        Contact(
            None,
            ids[BAU],
            "Jürgen Bäcker",
            "Sachgebietsleitung Bauordnung",
            "j.baecker@ahaus.de",
            "02561 72-300",
        ),
    )
    offices.save_contact(
        project, Contact(None, ids[BAU], "Grete Weiß", email="g.weiss@ahaus.de", deputy=True)
    )
    offices.save_contact(
        project, Contact(None, ids[ORDNUNG], "Ömer Öztürk", "Leitung", "o.oeztuerk@ahaus.de")
    )
    offices.save_contact(project, Contact(None, ids[KAEMMEREI], "Karl Groß"))  # no e-mail

    rows = overview.catalogue_rows(project)
    chosen = {
        BAU: [r for r in rows if r.key.startswith("99") and r.themenfeld.startswith("Bauen")][:5],
        ORDNUNG: [r for r in rows if r.lebenslage == TWO_WORDS][:3]
        + [r for r in rows if r.key.startswith("99") and "Melde" in r.name][:2],
        STANDESAMT: [r for r in rows if r.key.startswith("99") and "Ehe" in r.name][:2],
    }
    for name, picked in chosen.items():
        relevance.decide(project, [r.id for r in picked], relevance.RELEVANT)
        assignment.assign(project, [r.id for r in picked], ids[name])
    # led by the Kämmerei but not relevant: no handout for it
    taken = {r.id for picked in chosen.values() for r in picked}
    other = next(r for r in rows if r.key.startswith("99") and r.id not in taken)
    relevance.decide(project, [other.id], relevance.NOT_RELEVANT)
    assignment.assign(project, [other.id], ids[KAEMMEREI])

    proposal = workshop.proposal(today=TODAY)
    assert proposal.starts_at == START
    workshop_id = workshop.save_workshop(
        project,
        replace(
            proposal,
            format="hybrid",
            place="Rathaus Ahaus, Ratssaal",
            video_link="https://video.example/ozg-auftakt",
            organiser="Erika Müller",
            organiser_email="e.mueller@ahaus.de",
            deliver_by=DELIVER_BY,
        ),
    )
    workshop.add_participants(project, workshop_id, workshop.candidates(project, workshop_id))
    workshop.save_participant(
        project,
        Participant(
            None, workshop_id, "Petra Pohl", "Kundenbetreuung", "IT-Dienstleister", "p@it.example"
        ),
    )
    people = {p.name: p for p in workshop.detail(project, workshop_id).participants}
    workshop.set_invitation(project, [people["Jürgen Bäcker"].id], workshop.ACCEPTED)
    workshop.set_invitation(project, [people["Ömer Öztürk"].id], workshop.DECLINED)
    workshop.set_attended(
        project, [people["Jürgen Bäcker"].id, people["Bürgermeister/in"].id], True
    )
    workshop.save_decision(
        project, Decision(None, workshop_id, "Jedes Amt benennt eine OZG-Ansprechperson.")
    )
    workshop.save_decision(
        project, Decision(None, workshop_id, "Die Daten für Schritt 4 liefern die Ämter selbst.")
    )
    tasks.save(
        project,
        tasks.Task(
            None,
            "Kontaktdaten der Bauordnung zusammenstellen",
            "Jürgen Bäcker",
            DELIVER_BY,
            step=4,
            workshop_id=workshop_id,
        ),
    )
    tasks.save(
        project,
        tasks.Task(
            None, "Öffnungszeiten prüfen", "Ömer Öztürk", None, tasks.IN_PROGRESS, 4, workshop_id
        ),
    )
    tasks.save(project, tasks.Task(None, "Nicht aus diesem Workshop", "Jemand"))
    detail = workshop.detail(project, workshop_id)
    return Prepared(
        project,
        workshop_id,
        detail.workshop.uid,
        {name: [r.key for r in picked if r.key] for name, picked in chosen.items()},
        {name: len(picked) for name, picked in chosen.items()},
    )


@pytest.fixture
def prepared(project: Project) -> Prepared:
    return _prepare(project)


def _text(path: Path) -> str:
    """All pages' text, whitespace (line breaks in table cells) collapsed to spaces."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _pages(path: Path) -> int:
    return len(PdfReader(path).pages)


# -- calendar ----------------------------------------------------------------------------


def test_ics_is_a_published_event_in_berlin_time(prepared: Prepared) -> None:
    data = wo.ics_bytes(prepared.project, prepared.workshop_id)
    assert b"\r\n" in data and data.startswith(b"BEGIN:VCALENDAR")
    cal = Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["VERSION"]) == "2.0"
    assert "ozgdesk" in str(cal["PRODID"])
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Berlin"
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == prepared.uid and prepared.uid.endswith("@ozgdesk")
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert b"DTSTART;TZID=Europe/Berlin:20261207T100000" in data
    assert b"DTEND;TZID=Europe/Berlin:20261207T120000" in data
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.replace(tzinfo=None) == START and end - start == timedelta(hours=2)
    assert start.astimezone(UTC) == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # CET
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(event["LOCATION"]) == "Rathaus Ahaus, Ratssaal · https://video.example/ozg-auftakt"
    assert str(event["URL"]) == "https://video.example/ozg-auftakt"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:e.mueller@ahaus.de"
    assert event["ORGANIZER"].params["CN"] == "Erika Müller"
    description = str(event["DESCRIPTION"])
    assert "10:00 Begrüßung durch die Verwaltungsspitze (Bürgermeister/in)" in description
    assert "11:50 Nächste Schritte und Termine (OZG-Koordination)" in description
    assert "Bitte mitbringen" in description and "Handzettel" in description
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-1)


def test_vtimezone_agrees_with_zoneinfo() -> None:
    """The RRULE definition (as Outlook understands it) gives the offsets zoneinfo gives,
    also in summer and on the days the clocks change."""
    from ozgdesk.formats.ics import calendar_bytes
    from ozgdesk.formats.workshop_records import WorkshopInfo

    summer = datetime(2027, 6, 14, 9, 30)
    info = WorkshopInfo("Ahaus", "x@ozgdesk", 0, "Test", summer, summer + timedelta(hours=2), "")
    cal = Calendar.from_ical(calendar_bytes(info))
    (tz,) = cal.walk("VTIMEZONE")
    assert [c.name for c in tz.subcomponents] == ["DAYLIGHT", "STANDARD"]
    ours, berlin = tz.to_tz(), ZoneInfo("Europe/Berlin")
    for moment in (
        summer,
        datetime(2027, 1, 10, 10),
        datetime(2027, 3, 28, 1, 59),
        datetime(2027, 3, 28, 3, 1),
        datetime(2027, 10, 31, 3, 1),
        datetime(2030, 7, 1, 12),
    ):
        assert (
            moment.replace(tzinfo=ours).utcoffset() == moment.replace(tzinfo=berlin).utcoffset()
        ), moment
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(UTC).hour == 7  # 09:30 CEST


def test_a_change_raises_the_sequence_and_keeps_the_uid(prepared: Prepared) -> None:
    before = Calendar.from_ical(wo.ics_bytes(prepared.project, prepared.workshop_id))
    current = workshop.detail(prepared.project, prepared.workshop_id).workshop
    later = current.starts_at + timedelta(hours=1)
    workshop.save_workshop(
        prepared.project,
        replace(current, place="Sitzungssaal", starts_at=later, ends_at=later + timedelta(hours=2)),
    )
    after = Calendar.from_ical(wo.ics_bytes(prepared.project, prepared.workshop_id))
    (old,), (new,) = before.walk("VEVENT"), after.walk("VEVENT")
    assert str(new["UID"]) == str(old["UID"]) == prepared.uid
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new.decoded("DTSTART").hour == 11
    assert str(new["LOCATION"]).startswith("Sitzungssaal")
    assert "11:00 Begrüßung" in str(new["DESCRIPTION"])


def test_ics_without_place_or_organiser(project: Project) -> None:
    workshop_id = workshop.save_workshop(project, workshop.proposal(today=TODAY))
    (event,) = Calendar.from_ical(wo.ics_bytes(project, workshop_id)).walk("VEVENT")
    assert str(event["LOCATION"]) == "Videokonferenz"
    assert "ORGANIZER" not in event and "URL" not in event


@pytest.mark.file_only  # compares with the file's own storage
def test_export_ics_and_bad_targets(prepared: Prepared, tmp_path: Path) -> None:
    target = tmp_path / "Workshop.ics"
    assert wo.export_ics(prepared.project, prepared.workshop_id, target) == target
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT")[0]["UID"] == prepared.uid
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    for bad in (tmp_path, tmp_path / "fehlt" / "x.ics", prepared.project.path):
        with pytest.raises(ExportError):
            wo.export_ics(prepared.project, prepared.workshop_id, bad)
    with pytest.raises(ExportError, match="Nummer 999"):
        wo.export_ics(prepared.project, 999, tmp_path / "x.ics")
    with pytest.raises(ExportError, match="Datei, kein Ordner"):
        wo.export_handouts(prepared.project, prepared.workshop_id, target)
    with pytest.raises(ExportError, match="gibt es nicht"):
        wo.export_invitations(prepared.project, prepared.workshop_id, tmp_path / "a" / "b")


# -- e-mail drafts -------------------------------------------------------------------------


def test_invitations_are_drafts_with_calendar_and_handout(
    prepared: Prepared, tmp_path: Path
) -> None:
    folder = tmp_path / "Einladungen"
    written = wo.export_invitations(prepared.project, prepared.workshop_id, folder)
    names = [p.name for p in written]
    # everyone on the list with an e-mail address, in list order (Karl Groß has none)
    assert names == [
        "Einladung Jürgen Bäcker.eml",
        "Einladung Grete Weiß.eml",
        "Einladung Ömer Öztürk.eml",
        "Einladung Petra Pohl.eml",
    ]
    msg = email.message_from_bytes((folder / names[0]).read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == "Einladung: Auftakt-Workshop OZG am 07.12.2026"
    assert msg["To"] == "Jürgen Bäcker <j.baecker@ahaus.de>"
    assert msg["From"] == "Erika Müller <e.mueller@ahaus.de>"
    assert msg["Date"] is not None
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith("Guten Tag Jürgen Bäcker,")
    assert "10:00  Begrüßung durch die Verwaltungsspitze" in body
    assert f"({prepared.services[BAU]} relevante Leistungen; sie liegt bei)" in body
    attachments = list(msg.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["text/calendar", "application/pdf"]
    ics = attachments[0]
    assert ics.get_filename() == "einladung.ics"
    assert ics.get_param("method") == "PUBLISH" and ics.get_param("name") == "einladung.ics"
    (event,) = Calendar.from_ical(ics.get_content()).walk("VEVENT")
    assert str(event["UID"]) == prepared.uid
    handout = attachments[1]
    assert handout.get_filename() == "Handzettel-Bauamt.pdf"
    pdf = tmp_path / "anlage.pdf"
    pdf.write_bytes(handout.get_content())
    assert prepared.keys[BAU][0] in _text(pdf)

    outsider = email.message_from_bytes((folder / names[3]).read_bytes(), policy=policy.default)
    assert [a.get_content_type() for a in outsider.iter_attachments()] == ["text/calendar"]
    assert "Ihre Fragen und Erfahrungen" in outsider.get_body(("plain",)).get_content()


def test_no_invitations_without_addresses(project: Project, tmp_path: Path) -> None:
    workshop_id = workshop.save_workshop(project, workshop.proposal(today=TODAY))
    workshop.add_participants(
        project, workshop_id, [Participant(None, workshop_id, "Bürgermeister/in")]
    )
    assert wo.export_invitations(project, workshop_id, tmp_path / "leer") == []


def test_draft_without_sender_and_with_odd_subject(tmp_path: Path) -> None:
    from ozgdesk.formats.eml import write_draft

    path = write_draft(
        tmp_path / "x.eml",
        to="a@b.example",
        subject="Einladung: „Workshop“ – Ämter & Öffentlichkeit am 01.02.2027",
        body="Text mit Umlauten: äöüß\nZeile 2",
        ics=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    )
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert msg["From"] is None and msg["To"] == "a@b.example"
    assert msg["Subject"] == "Einladung: „Workshop“ – Ämter & Öffentlichkeit am 01.02.2027"
    assert msg.get_body(("plain",)).get_content().startswith("Text mit Umlauten: äöüß")


# -- printed papers ------------------------------------------------------------------------


def test_handouts_folder(prepared: Prepared, tmp_path: Path) -> None:
    folder = tmp_path / "Workshop"
    written = wo.export_handouts(prepared.project, prepared.workshop_id, folder, day=TODAY)
    assert [p.name for p in written] == [
        "Tagesordnung.pdf",
        "Teilnehmerliste.pdf",
        "Handzettel-Bauamt.pdf",
        "Handzettel-Bürgerbüro und Ordnungsamt.pdf",
        "Handzettel-Standesamt.pdf",
        "Alles-zum-Drucken.pdf",
    ]  # no handout for the Kämmerei: none of its services is relevant
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)

    agenda = _text(folder / "Tagesordnung.pdf")
    for text in (
        "Tagesordnung",
        "Auftakt-Workshop OZG",
        "Montag, 07.12.2026, 10:00–12:00 Uhr",
        "Rathaus Ahaus, Ratssaal",
        "https://video.example/ozg-auftakt",
        "10:00–10:10",
        "Begrüßung durch die Verwaltungsspitze",
        "Bürgermeister/in",
        "11:50–12:00",
        "Bitte mitbringen",
        "Seite 1 von 1",
        "Ahaus",
    ):
        assert text in agenda, text

    sign_in = _text(folder / "Teilnehmerliste.pdf")
    assert "Unterschrift" in sign_in and "Jürgen Bäcker" in sign_in
    assert "Sachgebietsleitung Bauordnung, Bauamt" in sign_in
    assert "Ömer Öztürk" not in sign_in  # declined
    assert _pages(folder / "Teilnehmerliste.pdf") >= 1

    bau = _text(folder / "Handzettel-Bauamt.pdf")
    assert "Handzettel – Bauamt" in bau and "Stand: 22.11.2026" in bau
    assert "Jürgen Bäcker" in bau and "Grete Weiß" in bau and "Vertretung" in bau
    assert "Was Ihr Amt in Schritt 4 liefern muss und bis wann" in bau
    assert "Freitag, 22.01.2027" in bau
    for label in ("Zuständige Stelle", "Anschrift", "Telefon", "E-Mail", "Öffnungszeiten"):
        assert label in bau
    assert "Ansprechpersonen" in bau and "Seite auf der Website (URL)" in bau
    assert "nur einmal an" in bau
    assert "Bauen & Immobilien" in bau or "Wohnen & Umzug" in bau
    for key in prepared.keys[BAU]:
        assert key in bau
    assert f"Ihre {prepared.services[BAU]} relevanten Leistungen nach Lebenslagen" in bau

    ordnung = _text(folder / "Handzettel-Bürgerbüro und Ordnungsamt.pdf")
    assert TWO_WORDS in ordnung and "Ömer Öztürk" in ordnung
    standesamt = _text(folder / "Handzettel-Standesamt.pdf")
    assert "Noch keine OZG-Ansprechperson benannt" in standesamt

    parts = [p for p in written if p.name != "Alles-zum-Drucken.pdf"]
    combined = folder / "Alles-zum-Drucken.pdf"
    # duplex: every part starts on an odd page, a blank page after a part of odd length
    sizes = [_pages(p) for p in parts]
    assert _pages(combined) == sum(n + n % 2 for n in sizes[:-1]) + sizes[-1]
    pages = PdfReader(combined).pages
    start = 0
    for size in sizes:
        assert start % 2 == 0  # page start + 1 is odd
        assert f"Seite 1 von {size}" in pages[start].extract_text()
        if size % 2 and start + size < len(pages):
            assert pages[start + size].extract_text().strip() == ""  # the blank back
        start += size + size % 2
    everything = _text(combined)
    assert "Tagesordnung" in everything and "Unterschrift" in everything
    assert "Handzettel – Standesamt" in everything

    reader = PdfReader(folder / "Handzettel-Bauamt.pdf")
    assert reader.metadata.title == "Handzettel – Bauamt – Auftakt-Workshop OZG"
    assert reader.metadata.author == "Ahaus"  # the municipality
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    for page in PdfReader(combined).pages:  # only the embedded DejaVu Sans, no Helvetica
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            assert "DejaVuSans" in font["/BaseFont"]
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded


def test_handout_groups_by_lebenslage(prepared: Prepared) -> None:
    sheets = {h.office: h for h in wo.handouts(prepared.project, prepared.workshop_id)}
    assert list(sheets) == [BAU, ORDNUNG, STANDESAMT]
    ordnung = sheets[ORDNUNG]
    assert ordnung.service_count == prepared.services[ORDNUNG]
    names = [g.name for g in ordnung.groups]
    assert TWO_WORDS in names and names == sorted(names, key=lambda n: (not n, n.casefold()))
    assert [c.name for c in ordnung.main_contacts] == ["Ömer Öztürk"]
    assert ordnung.deliver_by == DELIVER_BY
    assert [d.label for d in ordnung.deliverables][0] == "Zuständige Stelle"


def test_split_lebenslagen() -> None:
    known = [TWO_WORDS, "Familie", "Umzug", "Arbeit, Beruf"]
    assert wo.split_lebenslagen("", known) == []
    assert wo.split_lebenslagen(TWO_WORDS, known) == [TWO_WORDS]
    assert wo.split_lebenslagen(f"Familie, {TWO_WORDS}, Umzug", known) == [
        "Familie",
        TWO_WORDS,
        "Umzug",
    ]
    assert wo.split_lebenslagen("Arbeit, Beruf, Unbekannt", known) == ["Arbeit, Beruf", "Unbekannt"]


def test_handout_with_a_second_lebenslage_and_long_names(tmp_path: Path) -> None:
    from ozgdesk.formats.office_records import ContactLine
    from ozgdesk.formats.workshop_pdf import write_handout_pdf
    from ozgdesk.formats.workshop_records import (
        Handout,
        HandoutService,
        LebenslageGroup,
        WorkshopInfo,
    )

    long_name = "Antrag auf Erteilung einer wasserrechtlichen Genehmigung " * 4
    services = [HandoutService(f"99{i:012d}", f"Leistung {i} – Größe") for i in range(120)]
    services.append(HandoutService("", long_name.strip(), also="Umzug, Familie"))
    handout = Handout(
        office="Amt für Öffentliche Ordnung",
        short_name="32",
        contacts=(ContactLine("Jürgen Bäcker", email="j@b.example"),),
        groups=(LebenslageGroup("Familie", services), LebenslageGroup("", services[:2])),
        deliverables=(),
        deliver_by=None,
        day=TODAY,
    )
    info = WorkshopInfo("Ahaus", "u@ozgdesk", 0, "Workshop", START, START, "Montag")
    path = write_handout_pdf(tmp_path / "h.pdf", info, handout)
    text = _text(path)
    reader = PdfReader(path)
    assert len(reader.pages) >= 3
    assert "Termin wird im Workshop vereinbart" in text
    assert "auch: Umzug, Familie" in text and "Ohne Lebenslage" in text
    assert "99000000000119" in text and "Leistung 119 – Größe" in text
    # the table header is repeated on every page the list continues on
    assert all("LeiKa-Schlüssel" in page.extract_text() for page in reader.pages[1:])


def test_minutes(prepared: Prepared, tmp_path: Path) -> None:
    path = wo.export_minutes_pdf(prepared.project, prepared.workshop_id, tmp_path / "P.pdf")
    text = _text(path)
    assert "Protokoll" in text and "Auftakt-Workshop OZG" in text
    assert "Anwesend (2)" in text and "Jürgen Bäcker" in text and "Bürgermeister/in" in text
    assert "Entschuldigt (1)" in text and "Ömer Öztürk" in text
    assert "Leitung, Bürgerbüro und Ordnungsamt" in text
    assert "1." in text and "Jedes Amt benennt eine OZG-Ansprechperson." in text
    assert "2." in text and "Die Daten für Schritt 4 liefern die Ämter selbst." in text
    assert "Kontaktdaten der Bauordnung zusammenstellen" in text and "22.01.2027" in text
    assert "Öffnungszeiten prüfen" in text and "in Arbeit" in text and "offen" in text
    assert "Nicht aus diesem Workshop" not in text
    assert PdfReader(path).metadata.title == "Protokoll – Auftakt-Workshop OZG"

    data = wo.minutes_data(prepared.project, prepared.workshop_id)
    assert [t.title for t in data.tasks] == [
        "Kontaktdaten der Bauordnung zusammenstellen",
        "Öffnungszeiten prüfen",
    ]


def test_empty_minutes_and_agenda(project: Project, tmp_path: Path) -> None:
    workshop_id = workshop.save_workshop(
        project, workshop.proposal(today=TODAY), with_default_agenda=False
    )
    text = _text(wo.export_minutes_pdf(project, workshop_id, tmp_path / "P.pdf"))
    assert "Anwesend (0)" in text and "Keine Beschlüsse festgehalten." in text
    assert "Keine Aufgaben festgehalten." in text
    agenda = _text(wo.export_agenda_pdf(project, workshop_id, tmp_path / "T.pdf"))
    assert "Die Tagesordnung folgt." in agenda and "Videokonferenz" in agenda
    written = wo.export_handouts(project, workshop_id, tmp_path / "Mappe")
    assert [p.name for p in written] == [
        "Tagesordnung.pdf",
        "Teilnehmerliste.pdf",
        "Alles-zum-Drucken.pdf",
    ]


def test_long_sign_in_sheet(project: Project, tmp_path: Path) -> None:
    workshop_id = workshop.save_workshop(project, workshop.proposal(today=TODAY))
    people = [
        Participant(None, workshop_id, f"Person {i:02d} Müßig", f"Sachbearbeitung {i}")
        for i in range(1, 41)
    ]
    workshop.add_participants(project, workshop_id, people)
    path = wo.export_sign_in_pdf(project, workshop_id, tmp_path / "T.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    text = _text(path)
    assert all(f"Person {i:02d} Müßig" in text for i in range(1, 41))
    assert "46" in reader.pages[-1].extract_text()  # 40 people and at least 6 empty rows
    assert all("Unterschrift" in page.extract_text() for page in reader.pages)


def test_print_pdf_is_the_sum_of_the_parts(prepared: Prepared, tmp_path: Path) -> None:
    project, workshop_id = prepared.project, prepared.workshop_id
    combined = wo.export_print_pdf(project, workshop_id, tmp_path / "Alles.pdf")
    parts = [
        wo.export_agenda_pdf(project, workshop_id, tmp_path / "T.pdf"),
        wo.export_sign_in_pdf(project, workshop_id, tmp_path / "S.pdf"),
    ]
    parts += wo.export_handouts(project, workshop_id, tmp_path / "Mappe")[2:-1]
    sizes = [_pages(p) for p in parts]  # each part on an odd page: blank backs in between
    assert _pages(combined) == sum(n + n % 2 for n in sizes[:-1]) + sizes[-1]
    reader = PdfReader(combined)
    assert reader.metadata.title == "Unterlagen zum Ausdrucken – Auftakt-Workshop OZG"
    last = reader.pages[-1].extract_text()
    assert f"Seite {sizes[-1]} von {sizes[-1]}" in last  # numbered per part
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:2] == ["Tagesordnung", "Teilnehmerliste"]
    assert "Handzettel – Bauamt" in outline


# -- command line ------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_cli_without_a_workshop(catalogue_path: Path, tmp_path: Path) -> None:
    result = run(
        "export", "ics", "--project", str(catalogue_path), "--out", str(tmp_path / "a.ics")
    )
    assert result.returncode == 1
    assert "noch keinen Workshop" in result.stderr
    assert not (tmp_path / "a.ics").exists()


def test_cli_workshop_exports(catalogue_path: Path, tmp_path: Path) -> None:
    with Project.open(catalogue_path) as project:
        prepared = _prepare(project)
        uid, workshop_id = prepared.uid, prepared.workshop_id
    project_arg = ("--project", str(catalogue_path))

    ics = tmp_path / "Auftakt.ics"
    result = run("export", "ics", *project_arg, "--out", str(ics))  # the next workshop
    assert result.returncode == 0, result.stderr
    assert "Auftakt-Workshop OZG" in result.stdout
    assert str(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]["UID"]) == uid

    minutes = tmp_path / "Protokoll.pdf"
    result = run(
        "export", "minutes", *project_arg, "--workshop", str(workshop_id), "--out", str(minutes)
    )
    assert result.returncode == 0, result.stderr
    assert "Entschuldigt (1)" in _text(minutes)

    folder = tmp_path / "Mappe"
    result = run("export", "handouts", *project_arg, "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "Alles-zum-Drucken.pdf").exists() and "Handzettel-Bauamt.pdf" in result.stdout

    drafts = tmp_path / "Einladungen"
    result = run("export", "invitations", *project_arg, "--out", str(drafts))
    assert result.returncode == 0, result.stderr
    assert len(list(drafts.glob("*.eml"))) == 4

    unknown = run("export", "minutes", *project_arg, "--workshop", "99", "--out", str(minutes))
    assert unknown.returncode == 1 and "Nummer 99" in unknown.stderr
    wrong = run("export", "ics", *project_arg, "--out", str(tmp_path / "a.pdf"))
    assert wrong.returncode == 2
    folder_as_file = run("export", "handouts", *project_arg, "--out", str(tmp_path / "x.pdf"))
    assert folder_as_file.returncode == 2


def test_roles_without_names_are_not_printed_as_names(prepared: Prepared) -> None:
    """The suggested roles ("Bürgermeister/in") leave the name column of the sign-in sheet
    empty for the person to write in; the role goes into "Funktion / Amt"."""
    project, workshop_id = prepared.project, prepared.workshop_id
    workshop.add_participants(
        project,
        workshop_id,
        [
            Participant(None, workshop_id, "Bürgermeister/in", group="Verwaltungsspitze"),
            Participant(None, workshop_id, "Personalrat (Vorsitz)", group="Personalrat"),
            Participant(None, workshop_id, "Frau Anna Schmidt", "Gleichstellung"),
        ],
    )
    lines = {(p.name, p.function) for p in wo.sign_in_people(project, workshop_id)}
    assert ("", "Bürgermeister/in") in lines
    assert ("", "Personalrat (Vorsitz)") in lines
    assert ("Frau Anna Schmidt", "Gleichstellung") in lines
    assert not any(name in ("Bürgermeister/in", "Personalrat (Vorsitz)") for name, _ in lines)
