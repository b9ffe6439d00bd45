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

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.formats.delivery_form_records import (
    SHEET_UNIT,
    FormCell,
)
from ozgdesk.store.project import Project
from ozgdesk.workflow.delivery import (
    STATUSES,
)
from ozgdesk.workflow.delivery_form_fields import (
    SERVICE_TARGET,
    STATUS,
    UNIT_TARGET,
    _service_field_known,
    _service_value,
    _status,
    _unit_field_known,
    _unit_value,
    normalise,
    value_problem,
)
from ozgdesk.workflow.delivery_matching import (
    LONE_HOURS,
    _add_identity,
    _Candidate,
    _cross_check,
    _lone_hours,
    _match_rows,
    _unit_cells,
)
from ozgdesk.workflow.delivery_review_items import (
    Change,
    FormInfo,
    ReturnProblem,
    ReturnsReview,
    Vanished,
    _change_id,
    _Context,
    _shown,
)

if TYPE_CHECKING:
    from ozgdesk.formats.delivery_form_records import ReturnedForm


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

# The round trip's interface for callers (GUI, command line, XZuFi), in one place:
# the fields, the export, the review's items and the apply live in their own modules.
from ozgdesk.workflow.delivery_apply import ApplyResult, Skipped, accept_ids, apply, undo  # noqa: E402
from ozgdesk.workflow.delivery_form_fields import (  # noqa: E402
    BACKUP_REASON,
    PERSON_ATTRS,
    PERSON_COUNT,
    form_fields,
)
from ozgdesk.workflow.delivery_forms import (  # noqa: E402
    default_deadline,
    export_forms,
    form_deadline_warnings,
)

__all__ = [
    "BACKUP_REASON",
    "PERSON_ATTRS",
    "PERSON_COUNT",
    "SERVICE_TARGET",
    "UNIT_TARGET",
    "ApplyResult",
    "Change",
    "FormInfo",
    "ReturnProblem",
    "ReturnsReview",
    "Skipped",
    "accept_ids",
    "apply",
    "default_deadline",
    "export_forms",
    "form_deadline_warnings",
    "form_fields",
    "review",
    "undo",
    "value_problem",
]
