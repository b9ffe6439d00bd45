"""Step 2 outputs: offices with contacts and services (Excel), one service list per
office (PDF) and the briefing of the administration's leadership (PDF).

The data is gathered here as plain records (``formats.office_records``,
``formats.briefing_pdf``); the writers are imported only when an export runs
(openpyxl and reportlab are slow to import). Every service an office leads is
listed with its decision (an office must see what it was given, decided or not);
``only_relevant`` restricts the lists to services decided "relevant". Problems writing become an :class:`ExportError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, briefings, offices, overview, steps, tech
from ozgdesk.workflow.exports import SOURCE_NOTE, ExportError, _target, _writing
from ozgdesk.workflow.relevance import RELEVANT

if TYPE_CHECKING:
    from ozgdesk.formats.briefing_pdf import BriefingData
    from ozgdesk.formats.office_records import OfficesReport

# What each step is about, in one plain sentence (the briefing's step table).
STEP_PURPOSES = {
    "overview": "Welche Leistungen aus dem Leistungskatalog betreffen unsere Kommune?",
    "assignment": "Welches Amt ist für welche Leistung federführend, und wer ist dort "
    "OZG-Ansprechperson?",
    "workshop": "Auftakt mit allen Ansprechpersonen: Ziele, Aufgaben und Zeitplan klären.",
    "delivery": "Zu jeder Leistung Zuständigkeit und Kontakt an den Portalverbund liefern.",
    "roadmap": "Festlegen, wann welcher Online-Dienst angebunden wird; Bericht an den Rat.",
}
_PROGRESS = {
    steps.StepStatus.NOT_STARTED: 0,
    steps.StepStatus.IN_PROGRESS: 1,
    steps.StepStatus.DONE: 2,
}
FILE_PREFIX = "Leistungen "
_MAX_FILE_STEM = 120
_FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)
}


# -- gathering ---------------------------------------------------------------------------


def office_report(
    project: Project, *, only_relevant: bool = False, day: date | None = None
) -> OfficesReport:
    """Every office with its contacts and the services it leads, and the services
    without a lead office (only relevant ones unless ``only_relevant`` is false)."""
    from ozgdesk.formats.office_records import (
        ContactLine,
        OfficeReport,
        OfficesReport,
        ServiceLine,
    )

    with project.reading() as conn:
        municipality = queries.project_summary(conn).municipality
        involved: dict[int, list[str]] = {}
        for service_id, name in queries.involved_office_names(conn):
            involved.setdefault(service_id, []).append(name)
    rows = overview.catalogue_rows(project)
    if only_relevant:
        rows = [r for r in rows if r.relevance == RELEVANT]
    by_office: dict[str, list[ServiceLine]] = {}
    for row in rows:
        line = ServiceLine(
            key=row.key,
            name=row.name,
            ozg=row.ozg,
            lebenslage=row.lebenslage,
            themenfeld=row.themenfeld,
            typ=row.typ,
            involved=tuple(involved.get(row.id, ())),
            remark=row.remark,
            relevance=row.relevance,
            retired=row.retired,
        )
        by_office.setdefault(row.office, []).append(line)
    reports = [
        OfficeReport(
            name=o.name,
            short_name=o.short_name,
            kind=o.kind,
            parent=o.parent_name,
            contacts=tuple(
                ContactLine(c.name, c.function, c.email, c.phone, c.deputy) for c in o.contacts
            ),
            services=tuple(by_office.get(o.name, ())),
        )
        for o in offices.offices(project)
    ]
    return OfficesReport(
        municipality=municipality,
        day=day or date.today(),
        offices=reports,
        unassigned=tuple(by_office.get("", ())),
        only_relevant=only_relevant,
    )


def upcoming_dates(
    project: Project, day: date | None = None, limit: int = 6
) -> list[tuple[date, str]]:
    """The next dates from the project: planned workshops and open tasks with a due date."""
    from ozgdesk.workflow import tasks, workshop

    today = day or date.today()
    dates = [
        (w.starts_at.date(), f"{w.title}, {w.starts_at:%H:%M} Uhr ({w.format})")
        for w in workshop.workshops(project)
        if w.starts_at.date() >= today
    ]
    dates += [
        (t.due_on, f"Frist: {t.title}" + (f" ({t.owner})" if t.owner else ""))
        for t in tasks.tasks(project, open_only=True)
        if t.due_on is not None and t.due_on >= today
    ]
    return sorted(dates, key=lambda d: d[0])[:limit]


def briefing_data(
    project: Project,
    *,
    day: date | None = None,
    appointments: Iterable[tuple[date, str]] = (),
) -> BriefingData:
    """The figures and lists of the leadership briefing (plain data, e.g. for a preview)."""
    from ozgdesk.formats.briefing_pdf import (
        BriefingData,
        BriefingLine,
        OfficeCount,
        StepLine,
        TechLine,
    )

    with project.reading() as conn:
        municipality = queries.project_summary(conn).municipality
    states = steps.step_states(project)
    numbers = assignment.counters(project)
    all_offices = offices.offices(project)
    counts = [
        OfficeCount(
            o.name,
            o.short_name,
            numbers.per_office.get(o.id, 0) if o.id is not None else 0,
            tuple(c.name for c in o.main_contacts),
        )
        for o in all_offices
    ]
    with_services = sorted(
        (c for c in counts if c.services), key=lambda c: (-c.services, c.name.casefold())
    )
    # offices that lead relevant services first: their contacts are needed most
    without_contact = [c for c in with_services if not c.contacts] + [
        c for c in counts if not c.services and not c.contacts
    ]
    prerequisite = tech.get(project)
    return BriefingData(
        municipality=municipality,
        day=day or date.today(),
        steps=[
            StepLine(
                step.number,
                step.title,
                STEP_PURPOSES.get(step.key, ""),
                states[step.key].status.value,
                _PROGRESS[states[step.key].status],
                _step_detail(step.key, states[step.key]),
            )
            for step in steps.STEPS
        ],
        relevant=numbers.relevant,
        assigned=numbers.relevant - numbers.relevant_unassigned,
        unassigned=numbers.relevant_unassigned,
        offices=with_services,
        offices_total=len(all_offices),
        without_contact=without_contact,
        briefings=[
            BriefingLine(b.audience, b.done_on, b.person, b.note)
            for b in briefings.briefings(project)
        ],
        tech=TechLine(prerequisite.status, prerequisite.explain(), _tech_detail(prerequisite)),
        appointments=sorted(list(appointments) or upcoming_dates(project, day), key=lambda a: a[0]),
    )


def _step_detail(key: str, state: steps.StepState) -> str:
    counts = state.counts
    if state.status == steps.StepStatus.NOT_STARTED:
        return ""
    if key == "overview":
        return f"{_n(counts.get('relevant', 0))} relevant, {_n(counts.get('open', 0))} offen"
    if key == "assignment":
        relevant = counts.get("relevant", 0)
        assigned = relevant - counts.get("relevant_unassigned", 0)
        parts = [f"{_n(assigned)} von {_n(relevant)} zugeordnet"]
        if counts.get("offices_without_contact"):
            missing = counts["offices_without_contact"]
            parts.append(f"{_n(missing)} {'Amt' if missing == 1 else 'Ämter'} ohne Ansprechperson")
        return ", ".join(parts)
    return ""


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _tech_detail(value: tech.Prerequisite) -> str:
    parts = []
    if value.cms_product and value.status != tech.YES:  # "ja" names the product already
        parts.append(f"Redaktionssystem: {value.cms_product}")
    if value.asked_person:
        asked = f"Angefragt bei {value.asked_person}"
        if value.asked_on:
            asked += f" am {value.asked_on.strftime('%d.%m.%Y')}"
        parts.append(asked)
    elif value.asked_on:
        parts.append(f"Angefragt am {value.asked_on.strftime('%d.%m.%Y')}")
    return " · ".join(parts)


# -- file names --------------------------------------------------------------------------


def office_file_names(names: Sequence[str], prefix: str = FILE_PREFIX) -> list[str]:
    """Safe, unique (ignoring case) PDF file names for offices, e.g. "Leistungen Bauamt.pdf".

    Characters that Windows or other systems forbid become "-" (":" a space), and very long
    names are shortened; a name that is taken gets " (2)", " (3)" ….
    """
    taken: set[str] = set()
    result = []
    for name in names:
        text = f"{prefix}{name}".replace(":", " ")  # "Bau: Hochbau" -> "Bau Hochbau"
        stem = " ".join(_FILE_FORBIDDEN.sub("-", text).split()).strip(" .")
        stem = stem[:_MAX_FILE_STEM].rstrip(" .") or "Amt"
        if stem.split(".")[0].casefold() in _WINDOWS_RESERVED:
            stem = f"{stem}-"
        candidate, number = stem, 2
        while candidate.casefold() in taken:
            candidate = f"{stem} ({number})"
            number += 1
        taken.add(candidate.casefold())
        result.append(f"{candidate}.pdf")
    return result


# -- exports -----------------------------------------------------------------------------


def export_offices_workbook(
    project: Project, path: Path | str, *, only_relevant: bool = False, day: date | None = None
) -> Path:
    """Write the offices with contacts and services as .xlsx; returns its path."""
    target = _target(project, path)
    report = office_report(project, only_relevant=only_relevant, day=day)
    from ozgdesk.formats.offices_xlsx import write_offices_workbook

    title = f"Ämter und Leistungen {report.municipality}".strip()
    with _writing(target):
        return write_offices_workbook(target, report, title=title)


def export_office_pdfs(
    project: Project, folder: Path | str, *, only_relevant: bool = False, day: date | None = None
) -> list[Path]:
    """Write one PDF service list per office that leads services into ``folder``
    (created if its parent exists); returns the files, in office order."""
    target = _target_folder(folder)
    report = office_report(project, only_relevant=only_relevant, day=day)
    chosen = [o for o in report.offices if o.services]
    if not chosen:
        return []
    from ozgdesk.formats.atomic import staged_folder
    from ozgdesk.formats.office_pdf import write_office_pdf

    names = office_file_names([o.name for o in chosen])
    with _writing(target), staged_folder(target) as stage:  # all files or none
        for office, name in zip(chosen, names, strict=True):
            write_office_pdf(
                stage / name,
                office,
                municipality=report.municipality,
                day=report.day,
                only_relevant=only_relevant,
                source_note=SOURCE_NOTE,
            )
    return [target / name for name in names]


def export_briefing_pdf(
    project: Project,
    path: Path | str,
    *,
    day: date | None = None,
    appointments: Iterable[tuple[date, str]] = (),
) -> Path:
    """Write the briefing for the administration's leadership (one or two pages)."""
    target = _target(project, path)
    data = briefing_data(project, day=day, appointments=appointments)
    from ozgdesk.formats.briefing_pdf import write_briefing_pdf

    with _writing(target):
        return write_briefing_pdf(target, data)


def _target_folder(folder: Path | str) -> Path:
    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise ExportError(
            target,
            f"„{target}“ ist eine Datei, kein Ordner.",
            "Geben Sie einen Ordner an, in den die PDF-Dateien geschrieben werden.",
        )
    if not target.exists() and not target.parent.is_dir():
        raise ExportError(
            target,
            f"Den Ordner „{target.parent}“ gibt es nicht.",
            "Wählen Sie einen vorhandenen Ordner oder legen Sie ihn zuerst an.",
        )
    return target
