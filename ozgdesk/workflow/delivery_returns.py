"""Step 4 office round trip: fill-in forms out, returned forms back in with a review.

``export_forms`` writes one Excel form per office that is the responsible unit
of relevant services (``formats.delivery_form``). The form carries the values
as exported, so ``review`` can tell, field by field, what the office changed
(form ≠ exported) from what changed in the project since (project ≠ exported):

- a field only the office changed is a *change* (old = project, new = form);
- a field changed in both, to different values, is a *conflict*: shown, applied
  only when accepted explicitly;
- rows of services that are not in the form (or not in the project) are
  *unknown*; exported rows missing from the return have *vanished*;
- invalid values (e-mail, phone, URL, postcode, status, length) are *errors*
  with file, row, column and value, and are never applied.

``review`` writes nothing. ``apply`` takes a backup, re-checks each accepted
change against the project as it is now (a value changed meanwhile is skipped,
never overwritten), writes everything in one transaction and returns what it
replaced; ``undo`` restores that.

In the form, the service columns hold the service's own values (empty =
inherited from the contact point) and one contact person: the service's first
own person. Changing it replaces only that first person; further persons stay.
The contact point's persons are compared as a list (empty rows of the form
dropped), as the project stores them. Opening hours of a person without name,
phone or e-mail are an error (the project keeps no such person).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ozgdesk.formats.delivery_form_records import (
    KEY_COLUMN,
    SHEET_SERVICES,
    SHEET_UNIT,
    FormCell,
    FormField,
    ReturnedRow,
    person_key,
)
from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.workflow import checks, delivery
from ozgdesk.workflow.delivery import (
    LABELS,
    SERVICE_FIELDS,
    STATUSES,
    UNIT_FIELDS,
    Person,
    Stored,
    Unit,
)
from ozgdesk.workflow.exports import ExportError, _writing
from ozgdesk.workflow.keys import check_key
from ozgdesk.workflow.problems import ERROR

if TYPE_CHECKING:
    from ozgdesk.formats.delivery_form_records import DeliveryForm, ReturnedForm

FILE_PREFIX = "Datenlieferung "
BACKUP_REASON = "vor-Rücklauf"
PERSON_COUNT = 3
STATUS = "status"

# the attributes of a contact person in the form (Person attribute, German label)
PERSON_ATTRS: tuple[tuple[str, str], ...] = (
    ("first_name", "Vorname"),
    ("surname", "Nachname"),
    ("phone", "Telefon"),
    ("email", "E-Mail"),
    ("hours", "Sprechzeiten"),
)
# labels of the service's contact person in the sheet "Leistungen" (unique headers)
_SERVICE_PERSON_LABELS = {
    "first_name": "Vorname",
    "surname": "Nachname",
    "phone": "Telefon der Person",
    "email": "E-Mail der Person",
    "hours": "Sprechzeiten",
}
_GROUP_UNIT = "Abweichend von der Ansprechstelle (leer = wie im Blatt „Ansprechstelle“)"
_GROUP_WEB = "Internet"
_GROUP_PERSON = "Ansprechperson für diese Leistung (leer = wie Ansprechstelle)"
_GROUP_STATE = "Bearbeitung"
_WIDTHS = {
    "unit_name": 28,
    "street": 20,
    "house_number": 9,
    "postcode": 8,
    "town": 16,
    "phone": 17,
    "fax": 17,
    "email": 28,
    "opening_hours": 30,
    "page_url": 40,
    "online_url": 40,
    "notes": 40,
    STATUS: 22,
}
STATUS_HELP = {
    delivery.OPEN: "noch nicht bearbeitet.",
    delivery.REQUESTED: "das Formular liegt bei Ihnen, die Angaben kommen noch.",
    delivery.DELIVERED: "Ihre Angaben zu dieser Leistung sind vollständig eingetragen.",
    delivery.ENTERED: "die OZG-Koordination hat die Angaben ins Serviceportal übernommen.",
    delivery.CHECKED: "die Angaben im Serviceportal sind geprüft.",
}
# the longest text accepted per kind of field (anything longer is an error)
_MAX_LENGTH = {
    "notes": 4000,
    "opening_hours": 1000,
    "hours": 1000,
    "page_url": 2000,
    "online_url": 2000,
}
_DEFAULT_MAX_LENGTH = 300
_STRIP_ONLY = {"email", "page_url", "online_url", "notes"}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

UNIT_TARGET = "Ansprechstelle"
SERVICE_TARGET = "Leistung"


def service_person_field(attr: str) -> str:
    """Field name of the service's contact person attribute, e.g. "person_email"."""
    return f"person_{attr}"


def unit_person_field(number: int, attr: str) -> str:
    """Field name of a contact point's person attribute, e.g. "person2_email"."""
    return person_key(number, attr)


# -- fields -------------------------------------------------------------------------------


def form_fields() -> tuple[tuple[FormField, ...], tuple[FormField, ...], tuple[FormField, ...]]:
    """(contact point rows, person columns, editable service columns) of the form."""
    unit = tuple(
        FormField(name, LABELS[name], wrap=name == "opening_hours") for name in UNIT_FIELDS
    )
    persons = tuple(FormField(attr, label) for attr, label in PERSON_ATTRS)
    service = [
        FormField(name, LABELS[name], _WIDTHS[name], _GROUP_UNIT, wrap=name == "opening_hours")
        for name in UNIT_FIELDS
    ]
    service += [
        FormField(name, LABELS[name], _WIDTHS[name], _GROUP_WEB)
        for name in ("page_url", "online_url")
    ]
    service += [
        FormField(service_person_field(attr), _SERVICE_PERSON_LABELS[attr], 18, _GROUP_PERSON)
        for attr, _ in PERSON_ATTRS
    ]
    service += [
        FormField(STATUS, LABELS[STATUS], _WIDTHS[STATUS], _GROUP_STATE),
        FormField("notes", LABELS["notes"], _WIDTHS["notes"], _GROUP_STATE, wrap=True),
    ]
    return unit, persons, tuple(service)


def _base(name: str) -> str:
    """The kind of a field: "person2_email" and "person_email" -> "email"."""
    if name.startswith("person"):
        return name.split("_", 1)[1] if "_" in name else name
    return name


def _person_attrs() -> set[str]:
    return {attr for attr, _ in PERSON_ATTRS}


def _service_field_known(name: str) -> bool:
    if name in UNIT_FIELDS or name in SERVICE_FIELDS or name == STATUS:
        return True
    return name.startswith("person_") and _base(name) in _person_attrs()


def _unit_field_number(name: str) -> int:
    """The person number of a contact point field ("person2_email" -> 2), 0 for unit fields."""
    match = re.fullmatch(r"person(\d+)_(\w+)", name)
    if match and match.group(2) in _person_attrs():
        return int(match.group(1))
    return 0


def _unit_field_known(name: str) -> bool:
    return name in UNIT_FIELDS or 1 <= _unit_field_number(name) <= PERSON_COUNT


def normalise(name: str, text: str) -> str:
    """A field's value as the project stores it (how delivery cleans it)."""
    text = _ILLEGAL.sub(" ", text)
    if _base(name) in _STRIP_ONLY:
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return clean(text)


def value_problem(name: str, text: str) -> str:
    """What is wrong with a (normalised) value, in German ("" if fine)."""
    base = _base(name)
    limit = _MAX_LENGTH.get(base, _DEFAULT_MAX_LENGTH)
    if len(text) > limit:
        return f"Der Eintrag ist zu lang ({len(text)} Zeichen, höchstens {limit})."
    if base == "postcode":
        return checks.postcode_problem(text)
    if base in ("phone", "fax"):
        return checks.phone_problem(text)
    if base == "email":
        return checks.email_problem(text)
    if base in ("page_url", "online_url"):
        return checks.url_problem(text)
    return ""


def _status(text: str) -> str | None:
    folded = " ".join(text.split()).casefold()
    return next((s for s in STATUSES if s.casefold() == folded), None)


def _service_value(item: Stored, name: str) -> str:
    if name == STATUS:
        return item.status
    if name.startswith("person_"):
        return getattr(item.persons[0], _base(name)) if item.persons else ""
    return item.values.get(name, "")


def _unit_value(unit: Unit | None, name: str) -> str:
    if unit is None:
        return ""
    number = _unit_field_number(name)
    if number:
        return getattr(unit.persons[number - 1], _base(name)) if number <= len(unit.persons) else ""
    return unit.get(name)


# -- export ---------------------------------------------------------------------------------


def export_forms(
    project: Project,
    folder: Path | str,
    deadline: date | None = None,
    *,
    reply_to: str = "",
    now: datetime | None = None,
) -> list[Path]:
    """Write one form per office that is the responsible unit of relevant services into
    ``folder`` (created if its parent exists); returns the files in office order."""
    target = _target_folder(project, folder)
    forms = build_forms(project, deadline, reply_to=reply_to, now=now)
    if not forms:
        return []
    from ozgdesk.formats.delivery_form import write_form
    from ozgdesk.workflow.office_reports import office_file_names

    names = [
        n[: -len(".pdf")] + ".xlsx"
        for n in office_file_names([f.office_name for f in forms], prefix=FILE_PREFIX)
    ]
    written = []
    with _writing(target):
        target.mkdir(exist_ok=True)
        for form, name in zip(forms, names, strict=True):
            written.append(write_form(target / name, form))
    return written


def default_deadline(project: Project) -> date | None:
    """The deadline the forms name unless the user gives one: "Datenlieferung bis" of the
    most recent workshop that set it (None if none did)."""
    from ozgdesk.workflow import workshop

    with_deadline = [w for w in workshop.workshops(project) if w.deliver_by is not None]
    if not with_deadline:
        return None
    return max(with_deadline, key=lambda w: w.starts_at).deliver_by


def form_deadline_warnings(deadline: date | None, day: date | None = None) -> list[str]:
    """Warnings about a form's deadline (before the form's date ``day``, weekend, holiday)."""
    from ozgdesk.workflow.workdays import deadline_warnings

    return deadline_warnings(deadline, day or date.today())


def build_forms(
    project: Project,
    deadline: date | None = None,
    *,
    reply_to: str = "",
    now: datetime | None = None,
) -> list[DeliveryForm]:
    """The forms' contents (plain data), one per office with relevant services."""
    from ozgdesk.formats.delivery_form_records import DeliveryForm, FormService, safe_text

    with project.reading() as conn:
        summary = queries.project_summary(conn)
        uid = queries.project_uid(conn)
    exported_at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    unit_fields, person_fields, service_fields = form_fields()
    by_office: dict[int, list[delivery.Effective]] = {}
    for row in delivery.effective_rows(project):
        if row.unit_office_id is not None:
            by_office.setdefault(row.unit_office_id, []).append(row)
    forms = []
    for unit in delivery.units(project):
        rows = by_office.get(unit.office_id)
        if not rows:
            continue
        unit_values = {name: unit.get(name) for name in UNIT_FIELDS}
        for number in range(1, PERSON_COUNT + 1):
            for attr, _ in PERSON_ATTRS:
                name = unit_person_field(number, attr)
                unit_values[name] = _unit_value(unit, name)
        services = tuple(
            FormService(
                row.service_id,
                row.key,
                row.name,
                {f.name: safe_text(_service_value(row.stored, f.name)) for f in service_fields},
            )
            for row in rows
        )
        forms.append(
            DeliveryForm(
                project_uid=uid,
                municipality=summary.municipality,
                office_id=unit.office_id,
                office_name=unit.office_name,
                exported_at=exported_at,
                unit_fields=unit_fields,
                person_fields=person_fields,
                service_fields=service_fields,
                unit_values={k: safe_text(v) for k, v in unit_values.items()},
                services=services,
                statuses=STATUSES,
                status_field=STATUS,
                status_help=tuple((s, STATUS_HELP[s]) for s in STATUSES),
                person_count=PERSON_COUNT,
                deadline=deadline,
                reply_to=reply_to,
            )
        )
    return forms


def _target_folder(project: Project, folder: Path | str) -> Path:
    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise ExportError(
            target,
            f"„{target}“ ist eine Datei, kein Ordner.",
            "Geben Sie einen Ordner an, in den die Formulare (.xlsx) geschrieben werden.",
        )
    if not target.exists() and not target.parent.is_dir():
        raise ExportError(
            target,
            f"Den Ordner „{target.parent}“ gibt es nicht.",
            "Wählen Sie einen vorhandenen Ordner oder legen Sie ihn zuerst an.",
        )
    return target


# -- review ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field the office changed: in a service or in the office's contact point."""

    id: str  # stable for the same file, target and field
    file: str  # file name
    office_id: int
    office: str
    target: str  # UNIT_TARGET or SERVICE_TARGET
    service_id: int | None
    key: str
    name: str  # service name, or "Ansprechstelle"
    field: str  # technical field name (e.g. "page_url", "person_email", "person2_phone")
    label: str  # German label
    old: str  # value in the project now
    new: str  # value in the form
    exported: str  # value when the form went out
    row: int = 0
    cell: str = ""  # e.g. "M5"
    conflict: bool = False
    reason: str = ""  # why it is a conflict

    @property
    def where(self) -> str:
        if self.target == UNIT_TARGET:
            return f"{self.office} – Ansprechstelle"
        return f"{self.key or '(ohne Schlüssel)'} {self.name}"

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "file": self.file,
            "office_id": self.office_id,
            "office": self.office,
            "target": self.target,
            "service_id": self.service_id,
            "key": self.key,
            "name": self.name,
            "field": self.field,
            "label": self.label,
            "old": self.old,
            "new": self.new,
            "exported": self.exported,
            "row": self.row,
            "cell": self.cell,
            "conflict": self.conflict,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Unknown:
    """A row of a returned form that is not one of the form's services."""

    file: str
    row: int
    service_id: int | None
    key: str
    name: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "service_id": self.service_id,
            "key": self.key,
            "name": self.name,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Vanished:
    """A service that was in the exported form but is missing from the return."""

    file: str
    office: str
    service_id: int
    key: str
    name: str

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "office": self.office,
            "service_id": self.service_id,
            "key": self.key,
            "name": self.name,
        }


@dataclass(frozen=True)
class ReturnProblem:
    """A problem of a returned file (row 0: the whole file) or of one of its cells."""

    file: str
    message: str
    sheet: str = ""
    row: int = 0
    column: str = ""  # header or label of the column
    cell: str = ""  # e.g. "M5"
    value: str = ""
    level: str = ERROR

    @property
    def file_level(self) -> bool:
        return not self.row and not self.sheet

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "value": self.value,
            "message": self.message,
            "level": self.level,
        }


@dataclass(frozen=True)
class FormInfo:
    """A returned form that could be read."""

    file: str
    office_id: int
    office: str
    exported_at: datetime | None
    rows: int

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "office_id": self.office_id,
            "office": self.office,
            "exported_at": self.exported_at.isoformat() if self.exported_at else "",
            "rows": self.rows,
        }


@dataclass
class ReturnsReview:
    """What the returned forms would change; nothing is written."""

    files: list[Path] = field(default_factory=list)
    forms: list[FormInfo] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    vanished: list[Vanished] = field(default_factory=list)
    errors: list[ReturnProblem] = field(default_factory=list)

    @property
    def file_errors(self) -> list[ReturnProblem]:
        return [e for e in self.errors if e.file_level]

    def change(self, change_id: str) -> Change:
        for c in self.changes + self.conflicts:
            if c.id == change_id:
                return c
        raise KeyError(change_id)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": [f.as_dict() for f in self.forms],
            "changes": [c.as_dict() for c in self.changes],
            "conflicts": [c.as_dict() for c in self.conflicts],
            "unknown": [u.as_dict() for u in self.unknown],
            "vanished": [v.as_dict() for v in self.vanished],
            "errors": [e.as_dict() for e in self.errors],
        }


def _change_id(path: Path, target: str, name: str) -> str:
    text = f"{path.resolve()}|{target}|{name}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _shown(text: str) -> str:
    return text if len(text) <= 200 else text[:200] + "…"


class _Context:
    """The project's state as the review compares with it."""

    def __init__(self, project: Project) -> None:
        with project.reading() as conn:
            self.uid = queries.project_uid(conn)
            self.municipality = queries.project_summary(conn).municipality
            identities = queries.service_identities(conn)
        self.services = {i: (key, name) for i, key, name in identities}
        self.by_key = {key: i for i, key, _ in identities if key}
        self.units = {u.office_id: u for u in delivery.units(project)}
        self.stored: dict[int, Stored] = {}

    def load_stored(self, project: Project, ids: Iterable[int]) -> None:
        wanted = [i for i in ids if i not in self.stored and i in self.services]
        for item in delivery.stored(project, wanted):
            self.stored[item.service_id] = item


def review(project: Project, files: Sequence[Path | str]) -> ReturnsReview:
    """Compare returned forms with the exported values and the project (writes nothing)."""
    from ozgdesk.formats.delivery_form_reader import FormError, read_form

    result = ReturnsReview()
    context = _Context(project)
    seen: set[Path] = set()
    for file in files:
        path = Path(file)
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        result.files.append(path)
        try:
            form = read_form(path)
        except FormError as exc:
            result.errors.append(ReturnProblem(path.name, exc.message, value=path.name))
            continue
        _review_form(project, context, form, result)
    _cross_check(result)
    return result


def _review_form(
    project: Project, context: _Context, form: ReturnedForm, result: ReturnsReview
) -> None:
    name = form.path.name
    if form.project_uid != context.uid:
        other = f" ({form.municipality})" if form.municipality else ""
        result.errors.append(
            ReturnProblem(
                name,
                f"Das Formular gehört zu einem anderen Projekt{other}, nicht zu diesem "
                f"({context.municipality}). Bitte öffnen Sie das Projekt, aus dem es "
                "erstellt wurde.",
                value=name,
            )
        )
        return
    unit = context.units.get(form.office_id)
    office = unit.office_name if unit is not None else form.office_name
    result.forms.append(FormInfo(name, form.office_id, office, form.exported_at, len(form.rows)))
    if unit is None:
        result.errors.append(
            ReturnProblem(
                name,
                f"Das Amt „{form.office_name}“, für das das Formular erstellt wurde, gibt es im "
                "Projekt nicht mehr; die Angaben zur Ansprechstelle werden nicht übernommen "
                "(die zu den Leistungen schon).",
                SHEET_UNIT,
            )
        )
    for problem in form.problems:
        result.errors.append(
            ReturnProblem(name, problem.message, problem.sheet, problem.row, problem.column)
        )

    def problem_at(cell: FormCell, message: str) -> None:
        result.errors.append(
            ReturnProblem(
                name, message, cell.sheet, cell.row, cell.header, cell.ref, _shown(cell.text)
            )
        )

    def candidate(
        field_name: str, label: str, exported: str, current: str, cell: FormCell, new: str
    ) -> _Candidate | None:
        """A field the office changed with a valid value (an invalid one is an error)."""
        if new == exported:
            return None
        problem = value_problem(field_name, new)
        if problem:
            problem_at(cell, problem)
            return None
        return _Candidate(field_name, label, exported, current, cell, new)

    def emit(
        target: str, service_id: int | None, key: str, title: str, found: list[_Candidate]
    ) -> None:
        lone = _lone_hours(found)
        for c in lone:
            assert c.cell is not None
            problem_at(c.cell, LONE_HOURS)
        for c in found:
            if c in lone or c.current == c.new or c.cell is None:
                continue  # lone hours are an error; an equal value is no change
            scope = f"unit:{form.office_id}" if service_id is None else f"service:{service_id}"
            change = Change(
                id=_change_id(form.path, scope, c.field),
                file=name,
                office_id=form.office_id,
                office=office,
                target=target,
                service_id=service_id,
                key=key,
                name=title,
                field=c.field,
                label=c.label,
                old=c.current,
                new=c.new,
                exported=c.exported,
                row=c.cell.row,
                cell=c.cell.ref,
            )
            if c.current != c.exported:
                result.conflicts.append(
                    replace(
                        change,
                        conflict=True,
                        reason=f"Seit dem Versand des Formulars im Projekt geändert (damals "
                        f"„{_shown(c.exported)}“, jetzt „{_shown(c.current)}“).",
                    )
                )
            else:
                result.changes.append(change)

    # the contact point
    if unit is not None:
        found: list[_Candidate] = []
        for field_name, cell in _unit_cells(form).items():
            if not _unit_field_known(field_name):
                continue
            item = candidate(
                field_name,
                form.unit_label(field_name),
                normalise(field_name, form.exported_unit.get(field_name, "")),
                normalise(field_name, _unit_value(unit, field_name)),
                cell,
                normalise(field_name, cell.text),
            )
            if item is not None:
                found.append(item)
        _add_identity(found, lambda f: normalise(f, _unit_value(unit, f)))
        emit(UNIT_TARGET, None, "", UNIT_TARGET, found)

    # the services
    matched = _match_rows(context, form, result)
    context.load_stored(project, matched)
    for service_id, row in matched.items():
        exported_service = form.exported_services[service_id]
        stored_item = context.stored[service_id]
        key, title = context.services[service_id]
        found = []
        for f in form.service_fields:
            if not _service_field_known(f.name):
                continue
            cell = row.cells[f.name]
            new = normalise(f.name, cell.text)
            if f.name == STATUS:
                if not new:
                    continue  # an emptied status says nothing
                status = _status(new)
                if status is None:
                    problem_at(
                        cell, f"Unbekannter Stand „{_shown(new)}“ (möglich: {', '.join(STATUSES)})."
                    )
                    continue
                new = status
            item = candidate(
                f.name,
                f.label,
                normalise(f.name, exported_service.values.get(f.name, "")),
                normalise(f.name, _service_value(stored_item, f.name)),
                cell,
                new,
            )
            if item is not None:
                found.append(item)
        _add_identity(found, lambda f, s=stored_item: normalise(f, _service_value(s, f)))
        emit(SERVICE_TARGET, service_id, key, title, found)
    for service_id, service in form.exported_services.items():
        if service_id not in matched:
            result.vanished.append(Vanished(name, office, service_id, service.key, service.name))


# a contact person needs one of these, else delivery drops it (hours alone are no person)
_IDENTITY = ("first_name", "surname", "phone", "email")
LONE_HOURS = (
    "Sprechzeiten ohne Ansprechperson: Bitte tragen Sie auch Name, Telefon oder E-Mail der "
    "Person ein."
)


@dataclass(eq=False)
class _Candidate:
    field: str
    label: str
    exported: str
    current: str
    cell: FormCell | None
    new: str
    identity_only: bool = False  # added to know a person's identity; never a change


def _add_identity(found: list[_Candidate], current_of) -> None:
    """Add the current identity values of persons whose hours change, so that
    ``_lone_hours`` sees the person as it will be."""
    fields = {c.field for c in found}
    for c in list(found):
        if _base(c.field) != "hours":
            continue
        prefix = c.field[: -len("hours")]
        for attr in _IDENTITY:
            if prefix + attr not in fields:
                value = current_of(prefix + attr)
                found.append(_Candidate(prefix + attr, "", value, value, None, value, True))
                fields.add(prefix + attr)


def _lone_hours(found: list[_Candidate]) -> list[_Candidate]:
    """Hours entered for a person that has no name, phone or e-mail."""
    by_field = {c.field: c for c in found}
    lone = []
    for c in found:
        if _base(c.field) == "hours" and c.new and not c.identity_only:
            prefix = c.field[: -len("hours")]
            if not any(by_field[prefix + a].new for a in _IDENTITY if prefix + a in by_field):
                lone.append(c)
    return lone


def _unit_cells(form: ReturnedForm) -> dict[str, FormCell]:
    """The contact point's cells, with the persons as a list: rows that will hold a person
    first, in order, then the others (the project stores no gaps, so "row 1 empty, row 2
    filled" means one person). A row holds a person when it has a name, phone or e-mail
    that is valid or was exported like that (an invalid new value is not taken)."""
    cells = {n: c for n, c in form.unit_cells.items() if not _unit_field_number(n)}
    count = min(form.person_count, PERSON_COUNT)

    def holds_person(number: int) -> bool:
        for attr in _IDENTITY:
            name = unit_person_field(number, attr)
            if name not in form.unit_cells:
                continue
            value = normalise(name, form.unit_cells[name].text)
            exported = normalise(name, form.exported_unit.get(name, ""))
            if value and (value == exported or not value_problem(name, value)):
                return True
        return False

    numbers = range(1, count + 1)
    order = [n for n in numbers if holds_person(n)] + [n for n in numbers if not holds_person(n)]
    for slot, number in enumerate(order, start=1):
        for attr, _ in PERSON_ATTRS:
            cell = form.unit_cells.get(unit_person_field(number, attr))
            if cell is not None:
                cells[unit_person_field(slot, attr)] = cell
    return cells


def _match_rows(
    context: _Context, form: ReturnedForm, result: ReturnsReview
) -> dict[int, ReturnedRow]:
    """service id -> returned row, for the rows that are services of the form; the others
    go to ``unknown`` (or, for a row that contradicts itself or repeats, to ``errors``)."""
    name = form.path.name
    exported = form.exported_services
    by_key = {s.key: i for i, s in exported.items() if s.key}
    by_name: dict[str, list[int]] = {}
    for i, s in exported.items():
        by_name.setdefault(clean(s.name).casefold(), []).append(i)
    matched: dict[int, ReturnedRow] = {}
    first_row: dict[int, int] = {}
    for row in form.rows:
        id_text = row.id_text
        sid = (
            int(id_text) if id_text.isascii() and id_text.isdigit() and len(id_text) < 19 else None
        )
        raw_key = clean(row.key)
        key = check_key(raw_key).key or raw_key
        title = clean(row.name)
        target: int | None = None
        if sid is not None and sid in exported:
            if sid not in context.services:
                result.unknown.append(
                    Unknown(
                        name,
                        row.row,
                        sid,
                        _shown(key),
                        _shown(title),
                        "Diese Leistung gibt es im Projekt nicht mehr.",
                    )
                )
                continue
            expected = exported[sid].key
            if key and expected and key != expected:
                result.errors.append(
                    ReturnProblem(
                        name,
                        f"Der LeiKa-Schlüssel passt nicht zur Leistung dieser Zeile (erwartet "
                        f"{expected}); die Zeile wird nicht übernommen.",
                        SHEET_SERVICES,
                        row.row,
                        KEY_COLUMN[1],
                        value=_shown(row.key),
                    )
                )
                continue
            target = sid
        elif sid is None and not id_text and key and key in by_key:
            target = by_key[key]
        elif sid is None and not id_text and not key and title:
            candidates = by_name.get(title.casefold(), [])
            if len(candidates) == 1:
                target = candidates[0]
        if target is None:
            project_id = sid if sid in context.services else context.by_key.get(key)
            if project_id is not None:
                reason = (
                    f"Die Leistung gehört nicht zu den Leistungen dieses Formulars "
                    f"({form.office_name}); ihre Angaben werden nicht übernommen."
                )
            elif not key and not title and not id_text:
                reason = "Die Zeile nennt keine Leistung (kein LeiKa-Schlüssel, kein Name)."
            else:
                reason = "Diese Leistung gibt es im Projekt nicht; die Zeile wird nicht übernommen."
            result.unknown.append(
                Unknown(name, row.row, project_id, _shown(key), _shown(title), reason)
            )
            continue
        if target in matched:
            result.errors.append(
                ReturnProblem(
                    name,
                    f"Die Leistung steht mehrfach im Formular; nur Zeile {first_row[target]} "
                    "wird berücksichtigt.",
                    SHEET_SERVICES,
                    row.row,
                    KEY_COLUMN[1],
                    value=_shown(key or title),
                )
            )
            continue
        matched[target] = row
        first_row[target] = row.row
    return matched


def _cross_check(result: ReturnsReview) -> None:
    """Several returns for the same field: identical values count once, different ones
    are conflicts."""
    groups: dict[tuple[str, int, str], list[Change]] = {}
    for change in result.changes + result.conflicts:
        if change.service_id is not None:
            scope = ("service", change.service_id, change.field)
        else:
            scope = ("unit", change.office_id, change.field)
        groups.setdefault(scope, []).append(change)
    changes: list[Change] = []
    conflicts: list[Change] = []
    dropped: set[str] = set()
    contested: dict[str, Change] = {}
    for items in groups.values():
        if len(items) == 1:
            continue
        if len({c.new for c in items}) == 1:
            dropped.update(c.id for c in items[1:])
            continue
        files = ", ".join(dict.fromkeys(c.file for c in items))
        for c in items:
            contested[c.id] = replace(
                c,
                conflict=True,
                reason=(c.reason + " " if c.reason else "")
                + f"Mehrere Rückläufe ändern dieses Feld unterschiedlich ({files}).",
            )
    for change in result.changes:
        if change.id in dropped:
            continue
        if change.id in contested:
            conflicts.append(contested[change.id])
        else:
            changes.append(change)
    for change in result.conflicts:
        if change.id not in dropped:
            conflicts.append(contested.get(change.id, change))
    result.changes, result.conflicts = changes, conflicts


# -- apply ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    change: Change
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"id": self.change.id, "reason": self.reason}


@dataclass
class ApplyResult:
    """What ``apply`` did, and what it replaced (for undo)."""

    committed: bool
    applied: list[Change] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    previous_stored: list[Stored] = field(default_factory=list)
    previous_units: list[Unit] = field(default_factory=list)
    backup: Path | None = None
    reason: str = ""  # why nothing was committed

    def as_dict(self) -> dict[str, object]:
        return {
            "committed": self.committed,
            "applied": [c.id for c in self.applied],
            "skipped": [s.as_dict() for s in self.skipped],
            "backup": str(self.backup) if self.backup else "",
            "reason": self.reason,
        }


def accept_ids(review_: ReturnsReview, conflicts: bool = False) -> set[str]:
    """The ids of all changes (and, with ``conflicts``, of all conflicts)."""
    ids = {c.id for c in review_.changes}
    if conflicts:
        ids |= {c.id for c in review_.conflicts}
    return ids


def apply(
    project: Project, review_: ReturnsReview, accepted: Iterable[str] | Literal["all"]
) -> ApplyResult:
    """Apply the accepted changes in one transaction after a backup.

    ``"all"`` means every change but no conflict; a conflict is applied only when its id is
    given. A change whose field was changed in the project since the review is skipped.
    """
    candidates = review_.changes + review_.conflicts
    if accepted == "all":
        chosen = list(review_.changes)
    else:
        wanted = set(accepted)
        unknown = wanted - {c.id for c in candidates}
        if unknown:
            raise ValueError(f"Unbekannte Änderung(en): {', '.join(sorted(unknown))}")
        chosen = [c for c in candidates if c.id in wanted]
    if not chosen:
        if not candidates:
            reason = "Die Rückläufe enthalten keine Änderungen gegenüber dem Projekt."
        else:
            reason = "Keine Änderung ausgewählt; das Projekt bleibt unverändert."
        return ApplyResult(False, reason=reason)
    if project.read_only:
        return ApplyResult(False, reason="Das Projekt ist schreibgeschützt geöffnet.")

    service_ids = list(dict.fromkeys(c.service_id for c in chosen if c.service_id is not None))
    before_services = {s.service_id: s for s in delivery.stored(project, service_ids)}
    before_units = {u.office_id: u for u in delivery.units(project)}
    drafts: dict[int, _ServiceDraft] = {}
    unit_drafts: dict[int, _UnitDraft] = {}
    applied: list[Change] = []
    skipped: list[Skipped] = []
    for change in chosen:
        if change.service_id is not None:
            if change.service_id not in before_services:
                skipped.append(Skipped(change, "Die Leistung gibt es im Projekt nicht mehr."))
                continue
            draft = drafts.setdefault(
                change.service_id, _ServiceDraft.of(before_services[change.service_id])
            )
        else:
            if change.office_id not in before_units:
                skipped.append(Skipped(change, "Das Amt gibt es im Projekt nicht mehr."))
                continue
            draft = unit_drafts.setdefault(  # type: ignore[assignment]  # the draft dict holds unit drafts only; setdefault's type is wider
                change.office_id, _UnitDraft.of(before_units[change.office_id])
            )
        current = normalise(change.field, draft.get(change.field))
        if current == change.new:
            skipped.append(Skipped(change, "Der Wert steht bereits so im Projekt."))
            continue
        if current != change.old:
            skipped.append(
                Skipped(
                    change,
                    f"Inzwischen im Projekt geändert (jetzt „{_shown(current)}“); nicht "
                    "überschrieben.",
                )
            )
            continue
        draft.set(change.field, change.new)
        applied.append(change)
    for change in list(applied):  # hours whose person lost (or never got) a name
        if _base(change.field) != "hours":
            continue
        holder = (
            drafts[change.service_id]
            if change.service_id is not None
            else unit_drafts[change.office_id]
        )
        if holder.lone_hours(change.field):
            holder.set(change.field, change.old)
            applied.remove(change)
            skipped.append(Skipped(change, LONE_HOURS))
    if not applied:
        return ApplyResult(
            False,
            skipped=skipped,
            reason="Keine der ausgewählten Änderungen ist noch offen; das Projekt bleibt unverändert.",
        )
    backup = project.backup(BACKUP_REASON)
    now = datetime.now(UTC)
    services_changed = {c.service_id for c in applied if c.service_id is not None}
    units_changed = {c.office_id for c in applied if c.service_id is None}
    new_services = [d.stored(now) for i, d in drafts.items() if i in services_changed]
    new_units = [d for i, d in unit_drafts.items() if i in units_changed]
    with project.session() as session:
        for unit_draft in new_units:
            _write_unit(session, unit_draft.office_id, unit_draft.values, unit_draft.persons(), now)
        for item in new_services:
            _write_service(session, item, now)
    return ApplyResult(
        True,
        applied=applied,
        skipped=skipped,
        previous_stored=[before_services[s.service_id] for s in new_services],
        previous_units=[before_units[u.office_id] for u in new_units],
        backup=backup,
    )


def undo(project: Project, result: ApplyResult) -> None:
    """Restore what ``apply`` replaced (one transaction)."""
    from sqlalchemy import delete

    from ozgdesk.store.models import OfficeUnit

    now = datetime.now(UTC)
    with project.session() as session:
        for unit in result.previous_units:
            if unit.updated_at is None:  # there was no contact point yet
                session.execute(
                    delete(OfficeUnit).where(col(OfficeUnit.office_id) == unit.office_id)
                )
                delivery._replace_persons(session, office_id=unit.office_id, persons=unit.persons)
            else:
                _write_unit(session, unit.office_id, unit.values, unit.persons, unit.updated_at)
        for item in result.previous_stored:
            _write_service(session, item, now)


@dataclass
class _ServiceDraft:
    item: Stored
    values: dict[str, str]
    status: str
    person: dict[str, str]

    @classmethod
    def of(cls, item: Stored) -> _ServiceDraft:
        first = item.persons[0] if item.persons else Person(None)
        return cls(
            item,
            dict(item.values),
            item.status,
            {attr: getattr(first, attr) for attr, _ in PERSON_ATTRS},
        )

    def get(self, name: str) -> str:
        if name == STATUS:
            return self.status
        if name.startswith("person_"):
            return self.person[_base(name)]
        return self.values.get(name, "")

    def set(self, name: str, value: str) -> None:
        if name == STATUS:
            self.status = value
        elif name.startswith("person_"):
            self.person[_base(name)] = value
        else:
            self.values[name] = value

    def lone_hours(self, name: str) -> bool:
        return bool(self.person["hours"]) and not any(self.person[a] for a in _IDENTITY)

    def stored(self, now: datetime) -> Stored:
        item = self.item
        persons = list(item.persons)
        first = Person(None, **self.person)
        empty = not any(self.person.values())
        if persons:
            persons = persons[1:] if empty else [first, *persons[1:]]
        elif not empty:
            persons = [first]
        new = replace(item, values=self.values, persons=tuple(persons), exists=True, updated_at=now)
        if self.status != item.status:
            new = delivery.with_status(new, self.status)
        return new


@dataclass
class _UnitDraft:
    office_id: int
    values: dict[str, str]
    people: list[dict[str, str]]

    @classmethod
    def of(cls, unit: Unit) -> _UnitDraft:
        people = [{attr: getattr(p, attr) for attr, _ in PERSON_ATTRS} for p in unit.persons]
        while len(people) < PERSON_COUNT:
            people.append({attr: "" for attr, _ in PERSON_ATTRS})
        return cls(unit.office_id, {n: unit.get(n) for n in UNIT_FIELDS}, people)

    def get(self, name: str) -> str:
        number = _unit_field_number(name)
        if number:
            return self.people[number - 1][_base(name)]
        return self.values.get(name, "")

    def set(self, name: str, value: str) -> None:
        number = _unit_field_number(name)
        if number:
            self.people[number - 1][_base(name)] = value
        else:
            self.values[name] = value

    def lone_hours(self, name: str) -> bool:
        person = self.people[_unit_field_number(name) - 1]
        return bool(person["hours"]) and not any(person[a] for a in _IDENTITY)

    def persons(self) -> list[Person]:
        return [Person(None, **p) for p in self.people if any(p.values())]


def _write_unit(
    session,
    office_id: int,
    values: dict[str, str],
    persons: Sequence[Person],
    updated_at: datetime,
) -> None:
    """Like ``delivery.save_unit``, inside the caller's transaction."""
    from ozgdesk.store.models import OfficeUnit

    row = session.get(OfficeUnit, office_id)
    if row is None:
        row = OfficeUnit(office_id=office_id, updated_at=updated_at)
        session.add(row)
    for name, value in delivery._clean_values({n: values.get(n, "") for n in UNIT_FIELDS}).items():
        setattr(row, name, value)
    row.updated_at = updated_at
    delivery._replace_persons(session, office_id=office_id, persons=persons)


def _write_service(session, item: Stored, now: datetime) -> None:
    """Like ``delivery.save_services`` for one service, inside the caller's transaction."""
    from sqlalchemy import delete

    from ozgdesk.store.models import ServiceDelivery

    if item.status not in STATUSES:
        raise ValueError(f"Unbekannter Stand „{item.status}“.")
    if not item.exists:
        session.execute(
            delete(ServiceDelivery).where(col(ServiceDelivery.service_id) == item.service_id)
        )
        delivery._replace_persons(session, service_id=item.service_id, persons=item.persons)
        return
    row = session.get(ServiceDelivery, item.service_id)
    if row is None:
        row = ServiceDelivery(service_id=item.service_id, updated_at=now)
        session.add(row)
    row.unit_office_id = item.unit_office_id
    cleaned = delivery._clean_values(
        {n: item.values.get(n, "") for n in UNIT_FIELDS + SERVICE_FIELDS}
    )
    for name, value in cleaned.items():
        setattr(row, name, value)
    row.status = item.status
    for name in delivery.STATUS_DATE.values():
        setattr(row, name, item.dates.get(name))
    row.updated_at = item.updated_at or now
    delivery._replace_persons(session, service_id=item.service_id, persons=item.persons)
