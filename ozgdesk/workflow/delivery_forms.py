"""Step 4: the fill-in forms, one Excel workbook per office (``export_forms``; the format
is ``formats.delivery_form``). The way back is ``delivery_returns.review``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import delivery
from ozgdesk.workflow.delivery import (
    STATUSES,
    UNIT_FIELDS,
)
from ozgdesk.workflow.delivery_form_fields import (
    FILE_PREFIX,
    PERSON_ATTRS,
    PERSON_COUNT,
    STATUS,
    STATUS_HELP,
    _service_value,
    _unit_value,
    form_fields,
    unit_person_field,
)
from ozgdesk.workflow.exports import ExportError, _writing

if TYPE_CHECKING:
    from ozgdesk.formats.delivery_form_records import DeliveryForm


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
