"""Step 4 outputs: the delivery list (Excel or CSV) for entering the data into the
website's editorial system, an XZuFi-structured XML file, and one PDF checklist per
office.

The data comes from :func:`ozgdesk.workflow.delivery.effective_rows` (relevant services
after inheritance, with their checks) and is gathered here as plain records
(``formats.delivery_records``); the writers are imported only when an export runs
(openpyxl, lxml and reportlab are slow to import). Problems with the target become an
:class:`~ozgdesk.workflow.exports.ExportError`.

Personal names: with ``include_names=False`` no contact person is written at all (no
name, phone, e-mail or consultation hours of a person), and check messages that name a
person say "Ansprechperson" instead; only the units' own phone and e-mail remain.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import delivery
from ozgdesk.workflow.exports import SOURCE_NOTE, _target, _writing
from ozgdesk.workflow.keys import KEY_RE
from ozgdesk.workflow.office_reports import _target_folder, office_file_names
from ozgdesk.workflow.problems import ERROR, WARNING
from ozgdesk.workflow.xzufi_export import Skipped

if TYPE_CHECKING:
    from ozgdesk.formats.delivery_records import (
        ContactPoint,
        DeliveryLine,
        DeliveryList,
        OfficeChecklist,
    )

FORMATS = ("xlsx", "csv", "xzufi")
SUFFIXES = {"xlsx": ".xlsx", "csv": ".csv", "xzufi": ".xml"}
CHECKLIST_PREFIX = "Checkliste "
CSV_NOTE = (
    "Die CSV-Datei ist für andere Programme gedacht. Zum Öffnen in Excel oder LibreOffice "
    "nehmen Sie die Excel-Liste: in der CSV machen Tabellenprogramme beim Doppelklick aus "
    "LeiKa-Schlüsseln Zahlen und lassen führende Nullen von Postleitzahlen weg (beim Import "
    "über „Daten → Aus Text/CSV“ die Spalten LeiKa-Schlüssel, PLZ, Hausnummer, Telefon und "
    "Fax als Text einlesen)."
)
NO_KEY_HINT = (
    "Ohne gültigen LeiKa-Schlüssel kann die Leistung nicht an den Portalverbund geliefert werden."
)
PERSON = "Ansprechperson"
# ContactPoint attribute of each checked field
_POINT_ATTRIBUTE = {f: f for f in delivery.UNIT_FIELDS} | {
    "unit_name": "name",
    "persons": "persons",
}
_ENTERED = (delivery.ENTERED, delivery.CHECKED)


# -- gathering -----------------------------------------------------------------------------


def _municipality(project: Project) -> str:
    with project.reading() as conn:
        return queries.project_summary(conn).municipality


def _person_lines(persons: Sequence[delivery.Person]):
    from ozgdesk.formats.delivery_records import PersonLine

    return tuple(PersonLine(p.first_name, p.surname, p.phone, p.email, p.hours) for p in persons)


def _point(
    values: dict[str, str], persons: Sequence[delivery.Person], include_names: bool
) -> ContactPoint:
    from ozgdesk.formats.delivery_records import ContactPoint

    get = values.get
    return ContactPoint(
        name=get("unit_name", ""),
        street=get("street", ""),
        house_number=get("house_number", ""),
        postcode=get("postcode", ""),
        town=get("town", ""),
        phone=get("phone", ""),
        fax=get("fax", ""),
        email=get("email", ""),
        opening_hours=get("opening_hours", ""),
        persons=_person_lines(persons) if include_names else (),
    )


def _message(check: delivery.Check, persons: Sequence[delivery.Person], names: bool) -> str:
    """The check's message; without names, a person's name at its start becomes
    "Ansprechperson"."""
    if names or check.field != "persons":
        return check.message
    for person in persons:
        if person.name and check.message.startswith(f"{person.name}: "):
            return f"{PERSON}: {check.message[len(person.name) + 2 :]}"
    return check.message


def _own_values(row: delivery.Effective, include_names: bool) -> tuple[tuple[str, str], ...]:
    """The contact point values the service sets itself, as (label, value)."""
    own = [
        (delivery.LABELS[f], row.stored.values[f])
        for f in delivery.UNIT_FIELDS
        if row.stored.values.get(f)
    ]
    if include_names and row.persons and not row.persons_inherited:
        own.append((delivery.LABELS["persons"], ", ".join(p.name for p in row.persons if p.name)))
    return tuple(own)


def _line(row: delivery.Effective, include_names: bool) -> DeliveryLine:
    from ozgdesk.formats.delivery_records import DeliveryLine

    status_field = delivery.STATUS_DATE.get(row.status)
    return DeliveryLine(
        key=row.key,
        name=row.name,
        office=row.unit_office,
        point=_point(row.values, row.persons, include_names),
        page_url=row.get("page_url"),
        online_url=row.get("online_url"),
        notes=row.get("notes"),
        status=row.status,
        status_date=row.dates.get(status_field) if status_field else None,
        complete=row.complete,
        problems=tuple(
            _message(c, row.persons, include_names) for c in row.checks if c.level == ERROR
        ),
        hints=tuple(
            _message(c, row.persons, include_names) for c in row.checks if c.level == WARNING
        )
        + (() if KEY_RE.fullmatch(row.key or "") else (NO_KEY_HINT,)),
        own_values=_own_values(row, include_names),
    )


def delivery_list(
    project: Project, *, include_names: bool = True, now: datetime | None = None
) -> DeliveryList:
    """Every relevant service with its delivery data (in the catalogue's order, by name)."""
    from ozgdesk.formats.delivery_records import DeliveryList

    return DeliveryList(
        municipality=_municipality(project),
        created=now or datetime.now(),
        lines=[_line(r, include_names) for r in delivery.effective_rows(project)],
        include_names=include_names,
        project_file=project.path.name,
    )


# -- XZuFi -----------------------------------------------------------------------------------


def xzufi_skipped(project: Project) -> list[Skipped]:
    """The relevant services the XZuFi file leaves out (no valid key, no responsible unit).
    Raises ``ExportError`` when the municipality's ARS is missing."""
    from ozgdesk.workflow import xzufi_export

    return xzufi_export.message(project)[1]


# -- checklists per office -------------------------------------------------------------------


def _point_checks(
    unit: delivery.Unit, website: str, include_names: bool
) -> tuple[list[delivery.Check], tuple[str, ...]]:
    """The checks of an office's contact point alone (no service fields)."""
    fields = set(delivery.UNIT_FIELDS) | {"persons"}
    found = [
        c
        for c in delivery.check_values(unit.values, unit.persons, True, website)
        if c.field in fields and c.level == ERROR
    ]
    return found, tuple(_message(c, unit.persons, include_names) for c in found)


def _flagged(unit: delivery.Unit, found: Sequence[delivery.Check]) -> frozenset[str]:
    """The contact point attributes the checks concern ("phone or e-mail missing" is both)."""
    flagged = {_POINT_ATTRIBUTE[c.field] for c in found}
    if "phone" in flagged and not unit.get("phone") and not unit.get("email"):
        flagged.add("email")
    return frozenset(flagged)


def checklists(
    project: Project, *, include_names: bool = True, day: date | None = None
) -> list[OfficeChecklist]:
    """One checklist per office that is responsible for relevant services (office order):
    its contact point with what is missing there, and its services with what is missing.
    A service's problems that come from the contact point (same field, inherited) are
    named once, at the contact point."""
    from ozgdesk.formats.delivery_records import ChecklistLine, OfficeChecklist

    with project.reading() as conn:
        summary = queries.project_summary(conn)
    rows = delivery.effective_rows(project)
    by_office: dict[int, list[delivery.Effective]] = {}
    for row in rows:
        if row.unit_office_id is not None:
            by_office.setdefault(row.unit_office_id, []).append(row)
    result = []
    for unit in delivery.units(project):
        services = by_office.get(unit.office_id)
        if not services:
            continue
        point_checks, point_messages = _point_checks(unit, summary.website, include_names)
        from_point = {(c.field, c.message) for c in point_checks}
        lines = []
        for row in services:
            line = _line(row, include_names)
            own: list[str] = []
            inherited_problem = False
            for check in row.checks:
                if check.level != ERROR:
                    continue
                inherited = (
                    row.persons_inherited
                    if check.field == "persons"
                    else not row.stored.values.get(check.field)
                )
                if inherited and (check.field, check.message) in from_point:
                    inherited_problem = True
                else:
                    own.append(_message(check, row.persons, include_names))
            lines.append(ChecklistLine(line, tuple(own), inherited_problem))
        result.append(
            OfficeChecklist(
                municipality=summary.municipality,
                day=day or date.today(),
                office=unit.office_name,
                point=_point(unit.values, unit.persons, include_names),
                point_problems=point_messages,
                point_flagged=_flagged(unit, point_checks),
                services=tuple(lines),
                entered=sum(r.status in _ENTERED for r in services),
                include_names=include_names,
            )
        )
    return result


# -- exports ---------------------------------------------------------------------------------


def export_delivery(
    project: Project,
    path: Path | str,
    fmt: str,
    include_names: bool = True,
    *,
    now: datetime | None = None,
) -> Path:
    """Write the delivery data as "xlsx" (list), "csv" (list) or "xzufi" (XML); returns
    the path. For what the XZuFi file leaves out use ``xzufi_export.export_xzufi``."""
    if fmt not in FORMATS:
        raise ValueError(f"Unbekanntes Format „{fmt}“ (möglich: {', '.join(FORMATS)}).")
    target = _target(project, path)
    if fmt == "xzufi":
        from ozgdesk.workflow.xzufi_export import export_xzufi

        result = export_xzufi(project, target, include_names=include_names, now=now)
        return result.path or target
    listing = delivery_list(project, include_names=include_names, now=now)
    if fmt == "csv":
        from ozgdesk.formats.delivery_list import write_delivery_csv

        with _writing(target):
            return write_delivery_csv(target, listing)
    from ozgdesk.formats.delivery_list import write_delivery_xlsx

    with _writing(target):
        return write_delivery_xlsx(target, listing, _info(listing))


def _info(listing: DeliveryList) -> dict[str, object]:
    total = len(listing.lines)
    return {
        "Kommune": listing.municipality,
        "Exportiert am": listing.created,
        "Projektdatei": listing.project_file,
        "Relevante Leistungen": total,
        "davon vollständig": listing.complete,
        "davon mit fehlenden Angaben": total - listing.complete,
        "Ansprechpersonen": "mit Namen"
        if listing.include_names
        else "weggelassen (nur Telefon und E-Mail der zuständigen Stellen)",
        "Hinweis": "Eine Zeile je relevanter Leistung, mit den Angaben nach Übernahme von "
        "der Ansprechstelle des Amts. „Offene Probleme“ muss vor der Lieferung an den "
        "Portalverbund behoben sein; „Hinweise“ sollten geprüft werden. Die Spalten "
        "„LeiKa-Schlüssel“ und „PLZ“ sind als Text gespeichert. Änderungen in dieser "
        "Datei fließen nicht automatisch in das Projekt zurück.",
    }


def export_checklists(
    project: Project,
    folder: Path | str,
    include_names: bool = True,
    *,
    day: date | None = None,
) -> list[Path]:
    """Write one PDF checklist per office with relevant services into ``folder`` (created
    if its parent exists), named "Checkliste <Amt>.pdf"; returns the files in office order."""
    target = _target_folder(folder)
    chosen = checklists(project, include_names=include_names, day=day)
    if not chosen:
        return []
    from ozgdesk.formats.delivery_checklist_pdf import write_checklist_pdf

    names = office_file_names([c.office for c in chosen], prefix=CHECKLIST_PREFIX)
    from ozgdesk.formats.atomic import staged_folder

    with _writing(target), staged_folder(target) as stage:  # all files or none
        for checklist, name in zip(chosen, names, strict=True):
            write_checklist_pdf(stage / name, checklist, source_note=SOURCE_NOTE)
    return [target / name for name in names]
