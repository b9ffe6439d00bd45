"""Step 3 outputs: the calendar file, e-mail drafts of the invitation and the printed
papers of a workshop (agenda, sign-in sheet, one handout per office, minutes).

ozgdesk never sends anything: the .eml drafts are opened in the mail program and
sent from there. The data is gathered here as plain records
(``formats.workshop_records``); the writers are imported only when an export runs
(icalendar and reportlab are slow to import). Problems with the target become an
:class:`~ozgdesk.workflow.exports.ExportError`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.textnorm import fold
from ozgdesk.workflow import offices, overview, tasks, workshop
from ozgdesk.workflow.checks import email_problem
from ozgdesk.workflow.exports import SOURCE_NOTE, ExportError, _target, _writing
from ozgdesk.workflow.office_reports import office_file_names
from ozgdesk.workflow.relevance import RELEVANT

if TYPE_CHECKING:
    from ozgdesk.formats.workshop_records import (
        Handout,
        MinutesData,
        PersonLine,
        WorkshopInfo,
    )

AGENDA_FILE = "Tagesordnung.pdf"
SIGN_IN_FILE = "Teilnehmerliste.pdf"
PRINT_FILE = "Alles-zum-Drucken.pdf"
HANDOUT_PREFIX = "Handzettel-"
INVITATION_PREFIX = "Einladung "

# What every service needs in step 4 (labels as in workflow.delivery.LABELS).
DELIVERABLES = (
    (
        "Zuständige Stelle",
        "Die Organisationseinheit, die die Leistung bearbeitet, zum Beispiel "
        "„Bauamt, Sachgebiet Bauordnung“.",
    ),
    ("Anschrift", "Straße, Hausnummer, PLZ und Ort, wo Bürgerinnen und Bürger die Stelle finden."),
    ("Telefon", "Die Nummer, unter der die Stelle erreichbar ist."),
    ("E-Mail", "Am besten ein Funktionspostfach, das auch im Urlaub gelesen wird."),
    ("Öffnungszeiten", "Sprechzeiten der Stelle, auch „nur nach Vereinbarung“, wenn es so ist."),
    (
        "Ansprechpersonen",
        "Wer gibt Auskunft? Name, Telefon und E-Mail – nur mit dem Einverständnis der Person.",
    ),
    (
        "Seite auf der Website (URL)",
        "Die Adresse der Seite, die diese Leistung auf unserer Website beschreibt.",
    ),
)
DELIVERY_NOTE = (
    "Was für alle Leistungen Ihres Amts gleich ist (Stelle, Anschrift, Telefon, E-Mail, "
    "Öffnungszeiten), geben Sie nur einmal an; je Leistung nur, was davon abweicht, und die "
    "Seite auf der Website. Die Angaben erscheinen später in den Verwaltungsportalen, damit "
    "Bürgerinnen, Bürger und Unternehmen die richtige Stelle finden."
)
BRING_OFFICES = (
    "Amtsvertretungen: den Handzettel mit den Leistungen Ihres Amts, mit Ihren Anmerkungen – "
    "was fehlt, was gehört zu einem anderen Amt?"
)
BRING_ALL = "Ihre Fragen und Erfahrungen zur Digitalisierung unserer Verwaltungsleistungen."


@dataclass(frozen=True)
class Gathered:
    """Everything the outputs of one workshop need, read once."""

    detail: workshop.WorkshopDetail
    info: WorkshopInfo
    office_names: dict[int, str]  # office id -> name
    relevant_per_office: dict[int, int]  # office id -> relevant services it leads


# -- gathering ---------------------------------------------------------------------------


def _detail(project: Project, workshop_id: int) -> workshop.WorkshopDetail:
    found = workshop.detail(project, workshop_id)
    if found is None:
        raise ExportError(
            project.path,
            f"Einen Workshop mit der Nummer {workshop_id} gibt es im Projekt nicht (mehr).",
            "Wählen Sie einen vorhandenen Workshop aus (Schritt 3 „Workshop“).",
        )
    return found


def _municipality(project: Project) -> str:
    with project.reading() as conn:
        return queries.project_summary(conn).municipality


def workshop_info(project: Project, workshop_id: int) -> WorkshopInfo:
    """The workshop with its timed agenda as the outputs show it."""
    return _info(_municipality(project), _detail(project, workshop_id))


def _info(municipality: str, detail: workshop.WorkshopDetail) -> WorkshopInfo:
    from ozgdesk.formats.workshop_records import AgendaLine, WorkshopInfo

    w = detail.workshop
    has_offices = any(p.office_id is not None for p in detail.participants)
    return WorkshopInfo(
        municipality=municipality,
        uid=w.uid,
        sequence=w.sequence,
        title=w.title,
        starts_at=w.starts_at,
        ends_at=w.ends_at,
        when=workshop.german_when(w),
        location=w.location,
        place=w.place,
        video_link=w.video_link,
        organiser=w.organiser,
        organiser_email=w.organiser_email,
        deliver_by=w.deliver_by,
        agenda=tuple(
            AgendaLine(t.start, t.end, t.entry.title, t.entry.responsible, t.entry.notes)
            for t in detail.timed_agenda()
        ),
        bring=(BRING_OFFICES, BRING_ALL) if has_offices else (BRING_ALL,),
        updated_at=w.updated_at,
    )


def _gather(project: Project, workshop_id: int) -> Gathered:
    detail = _detail(project, workshop_id)
    all_offices = offices.offices(project)
    return Gathered(
        detail,
        _info(_municipality(project), detail),
        {o.id: o.name for o in all_offices if o.id is not None},
        {o.id: o.relevant_services for o in all_offices if o.id is not None},
    )


def _function(person: workshop.Participant, office_names: dict[int, str]) -> str:
    """ "Sachgebietsleitung, Bauamt": the role, with the office if the role does not name it."""
    office = office_names.get(person.office_id, "") if person.office_id is not None else ""
    if office and office.casefold() not in person.role.casefold():
        return ", ".join(x for x in (person.role, office) if x)
    return person.role


def sign_in_people(project: Project, workshop_id: int) -> list[PersonLine]:
    """Everyone on the list who has not declined, in list order."""
    return _sign_in_people(_gather(project, workshop_id))


def _sign_in_people(data: Gathered) -> list[PersonLine]:
    from ozgdesk.formats.workshop_records import PersonLine
    from ozgdesk.wording import is_person_name

    lines = []
    for p in data.detail.participants:
        if p.invitation == workshop.DECLINED:
            continue
        if is_person_name(p.name):
            lines.append(PersonLine(p.name, _function(p, data.office_names)))
        else:  # a role without a name yet: the name is written in by hand
            function = ", ".join(x for x in (p.name, _function(p, data.office_names)) if x)
            lines.append(PersonLine("", function))
    return lines


def minutes_data(project: Project, workshop_id: int) -> MinutesData:
    """Present (attended) and excused (declined) people, decisions and action items."""
    from ozgdesk.formats.workshop_records import MinutesData, PersonLine, TaskLine

    data = _gather(project, workshop_id)
    people = data.detail.participants
    items = sorted(tasks.tasks(project, workshop_id=workshop_id), key=lambda t: t.id or 0)
    return MinutesData(
        workshop=data.info,
        present=[PersonLine(p.name, _function(p, data.office_names)) for p in people if p.attended],
        excused=[
            PersonLine(p.name, _function(p, data.office_names))
            for p in people
            if p.invitation == workshop.DECLINED and not p.attended
        ],
        decisions=[d.text for d in data.detail.decisions],
        tasks=[TaskLine(t.title, t.owner, t.due_on, t.status) for t in items],
    )


def handouts(project: Project, workshop_id: int, *, day: date | None = None) -> list[Handout]:
    """One handout per office that leads relevant services, in office order."""
    return _handouts(project, _gather(project, workshop_id), day or date.today())


def _handouts(project: Project, data: Gathered, day: date) -> list[Handout]:
    from ozgdesk.formats.office_records import ContactLine
    from ozgdesk.formats.workshop_records import (
        Deliverable,
        Handout,
        HandoutService,
        LebenslageGroup,
    )

    with project.reading() as conn:
        known = queries.names(conn, "lebenslage")
    by_office: dict[str, dict[str, list[HandoutService]]] = {}
    for row in overview.catalogue_rows(project):
        if row.relevance != RELEVANT or not row.office:
            continue
        lebenslagen = split_lebenslagen(row.lebenslage, known)
        first = lebenslagen[0] if lebenslagen else ""
        service = HandoutService(row.key, row.name, ", ".join(lebenslagen[1:]))
        by_office.setdefault(row.office, {}).setdefault(first, []).append(service)
    deliverables = tuple(Deliverable(label, text) for label, text in DELIVERABLES)
    result = []
    for office in offices.offices(project):
        groups = by_office.get(office.name)
        if not groups:
            continue
        ordered = sorted(groups.items(), key=lambda item: (not item[0], fold(item[0])))
        result.append(
            Handout(
                office=office.name,
                short_name=office.short_name,
                contacts=tuple(
                    ContactLine(c.name, c.function, c.email, c.phone, c.deputy)
                    for c in office.contacts
                ),
                groups=tuple(LebenslageGroup(name, tuple(s)) for name, s in ordered),
                deliverables=deliverables,
                deliver_by=data.detail.workshop.deliver_by,
                day=day,
                delivery_note=DELIVERY_NOTE,
            )
        )
    return result


def split_lebenslagen(joined: str, known: Sequence[str]) -> list[str]:
    """'A, B' (as catalogue rows join them) -> ['A', 'B'], respecting names that contain
    ", " themselves ("Aus-, Weiterbildung & Sachkunde")."""
    if not joined:
        return []
    names = set(known)
    if joined in names:
        return [joined]
    parts = joined.split(", ")
    result: list[str] = []
    start = 0
    while start < len(parts):
        # the longest known name starting here, else the single part
        end = next(
            (e for e in range(len(parts), start, -1) if ", ".join(parts[start:e]) in names),
            start + 1,
        )
        result.append(", ".join(parts[start:end]))
        start = end
    return result


# -- calendar and e-mail -------------------------------------------------------------------


def ics_bytes(project: Project, workshop_id: int, *, now: datetime | None = None) -> bytes:
    """The workshop as iCalendar data (METHOD:PUBLISH, stable UID, current SEQUENCE)."""
    from ozgdesk.formats.ics import calendar_bytes

    return calendar_bytes(workshop_info(project, workshop_id), now=now)


def export_ics(
    project: Project, workshop_id: int, path: Path | str, *, now: datetime | None = None
) -> Path:
    """Write the calendar file (.ics) of the workshop; returns its path."""
    target = _target(project, path)
    info = workshop_info(project, workshop_id)
    from ozgdesk.formats.ics import write_ics

    with _writing(target):
        return write_ics(target, info, now=now)


def subject(info: WorkshopInfo) -> str:
    return f"Einladung: {info.title} am {info.starts_at:%d.%m.%Y}"


def invitation_recipients(
    project: Project, workshop_id: int
) -> tuple[list[workshop.Participant], list[tuple[workshop.Participant, str]]]:
    """Who gets an e-mail draft, and who does not and why (for the report after saving)."""
    current = workshop.detail(project, workshop_id)
    if current is None:
        raise ValueError("Den Workshop gibt es nicht (mehr).")
    drafts, skipped = [], []
    for person in current.participants:
        if person.email:
            drafts.append(person)
        else:
            skipped.append((person, "keine E-Mail-Adresse"))
    return drafts, skipped


def export_invitations(
    project: Project,
    workshop_id: int,
    folder: Path | str,
    *,
    now: datetime | None = None,
    day: date | None = None,
) -> list[Path]:
    """Write one e-mail draft (.eml) per participant with an e-mail address into
    ``folder`` (created if its parent exists); returns the files in list order.

    Each draft has the invitation text, the calendar file and, for people of an office
    with relevant services, that office's handout (the text says it is enclosed).
    """
    target = _folder(project, folder)
    data = _gather(project, workshop_id)
    people = [p for p in data.detail.participants if _invitable(p)]
    if not people:
        return []
    from ozgdesk.formats.eml import Attachment, write_draft
    from ozgdesk.formats.ics import calendar_bytes

    ics = calendar_bytes(data.info, now=now)
    office_ids = {p.office_id for p in people if p.office_id is not None}
    wanted = {data.office_names[i] for i in office_ids if data.relevant_per_office.get(i)}
    sheets = _handout_bytes(
        data,
        [h for h in _handouts(project, data, day or date.today()) if h.office in wanted],
    )
    names = [
        name[: -len(".pdf")] + ".eml"
        for name in office_file_names([p.name for p in people], prefix=INVITATION_PREFIX)
    ]
    from ozgdesk.wording import is_person_name

    municipality = data.info.municipality
    written = []
    with _writing(target):
        target.mkdir(exist_ok=True)
        for person, name in zip(people, names, strict=True):
            office = data.office_names.get(person.office_id, "") if person.office_id else ""
            count = data.relevant_per_office.get(person.office_id, 0) if person.office_id else 0
            attachments = [Attachment(*sheets[office])] if office in sheets else []
            written.append(
                write_draft(
                    target / name,
                    to=person.email,
                    to_name=person.name if is_person_name(person.name) else "",
                    subject=subject(data.info),
                    body=workshop.invitation_text(municipality, data.detail, person, count),
                    ics=ics,
                    sender=data.info.organiser_email,
                    sender_name=data.info.organiser,
                    attachments=attachments,
                    date=now,
                )
            )
    return written


def _invitable(person: workshop.Participant) -> bool:
    return bool(person.email) and not email_problem(person.email)


@dataclass(frozen=True)
class NotInvited:
    """Someone on the list who gets no e-mail draft, and why."""

    name: str
    reason: str


def not_invited(project: Project, workshop_id: int) -> list[NotInvited]:
    """The participants :func:`export_invitations` writes no draft for (no or an invalid
    e-mail address), in list order – to be invited another way."""
    result = []
    for person in _detail(project, workshop_id).participants:
        if not person.email:
            reason = "keine E-Mail-Adresse"
        elif problem := email_problem(person.email):
            reason = f"E-Mail-Adresse „{person.email}“ ungültig: {problem}"
        else:
            continue
        result.append(NotInvited(person.name, reason))
    return result


def _handout_bytes(data: Gathered, chosen: Sequence[Handout]) -> dict[str, tuple[str, bytes]]:
    """office name -> (file name, PDF bytes) of its handout, rendered in a temporary folder."""
    if not chosen:
        return {}
    from ozgdesk.formats.workshop_pdf import write_handout_pdf

    result = {}
    names = office_file_names([h.office for h in chosen], prefix=HANDOUT_PREFIX)
    with tempfile.TemporaryDirectory(prefix="ozgdesk-") as tmp:
        for handout, name in zip(chosen, names, strict=True):
            path = write_handout_pdf(Path(tmp) / name, data.info, handout, SOURCE_NOTE)
            result[handout.office] = (name, path.read_bytes())
    return result


# -- printed papers ------------------------------------------------------------------------


def export_agenda_pdf(project: Project, workshop_id: int, path: Path | str) -> Path:
    """Write the agenda ("Tagesordnung") as PDF; returns its path."""
    target = _target(project, path)
    info = workshop_info(project, workshop_id)
    from ozgdesk.formats.workshop_pdf import write_agenda_pdf

    with _writing(target):
        return write_agenda_pdf(target, info)


def export_sign_in_pdf(project: Project, workshop_id: int, path: Path | str) -> Path:
    """Write the sign-in sheet ("Teilnehmerliste") as PDF; returns its path."""
    target = _target(project, path)
    data = _gather(project, workshop_id)
    from ozgdesk.formats.workshop_pdf import write_sign_in_pdf

    with _writing(target):
        return write_sign_in_pdf(target, data.info, _sign_in_people(data))


def export_minutes_pdf(project: Project, workshop_id: int, path: Path | str) -> Path:
    """Write the minutes ("Protokoll") as PDF; returns its path."""
    target = _target(project, path)
    minutes = minutes_data(project, workshop_id)
    from ozgdesk.formats.workshop_pdf import write_minutes_pdf

    with _writing(target):
        return write_minutes_pdf(target, minutes)


def export_print_pdf(
    project: Project, workshop_id: int, path: Path | str, *, day: date | None = None
) -> Path:
    """Write agenda, sign-in sheet and all office handouts in one PDF for printing."""
    target = _target(project, path)
    data = _gather(project, workshop_id)
    sheets = _handouts(project, data, day or date.today())
    from ozgdesk.formats.workshop_pdf import write_print_pdf

    with _writing(target):
        return write_print_pdf(
            target, data.info, _sign_in_people(data), sheets, source_note=SOURCE_NOTE
        )


def export_handouts(
    project: Project, workshop_id: int, folder: Path | str, *, day: date | None = None
) -> list[Path]:
    """Write everything to print into ``folder`` (created if its parent exists):
    Tagesordnung.pdf, Teilnehmerliste.pdf, one Handzettel-<Amt>.pdf per office with
    relevant services and Alles-zum-Drucken.pdf (all of them in one file)."""
    target = _folder(project, folder)
    data = _gather(project, workshop_id)
    people = _sign_in_people(data)
    sheets = _handouts(project, data, day or date.today())
    from ozgdesk.formats.atomic import staged_folder
    from ozgdesk.formats.workshop_pdf import (
        write_agenda_pdf,
        write_handout_pdf,
        write_print_pdf,
        write_sign_in_pdf,
    )

    names = office_file_names([h.office for h in sheets], prefix=HANDOUT_PREFIX)
    with _writing(target), staged_folder(target) as stage:  # all files or none
        write_agenda_pdf(stage / AGENDA_FILE, data.info)
        write_sign_in_pdf(stage / SIGN_IN_FILE, data.info, people)
        for handout, name in zip(sheets, names, strict=True):
            write_handout_pdf(stage / name, data.info, handout, SOURCE_NOTE)
        write_print_pdf(stage / PRINT_FILE, data.info, people, sheets, source_note=SOURCE_NOTE)
    return [target / n for n in (AGENDA_FILE, SIGN_IN_FILE, *names, PRINT_FILE)]


def _folder(project: Project, folder: Path | str) -> Path:
    target = Path(folder).expanduser()
    if target.exists() and target.resolve() == project.path.resolve():
        raise ExportError(
            target,
            f"„{target}“ ist die Projektdatei selbst.",
            "Geben Sie einen Ordner an, in den die Dateien geschrieben werden.",
        )
    if target.exists() and not target.is_dir():
        raise ExportError(
            target,
            f"„{target}“ ist eine Datei, kein Ordner.",
            "Geben Sie einen Ordner an, in den die Dateien geschrieben werden.",
        )
    if not target.exists() and not target.parent.is_dir():
        raise ExportError(
            target,
            f"Den Ordner „{target.parent}“ gibt es nicht.",
            "Wählen Sie einen vorhandenen Ordner oder legen Sie ihn zuerst an.",
        )
    return target
