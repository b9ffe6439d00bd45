"""Matching the rows of a returned form to the project: services by key, the contact
point's persons by identity, lone opening hours; cross-checks between forms."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ozgdesk.formats.delivery_form_records import (
    KEY_COLUMN,
    SHEET_SERVICES,
    FormCell,
    ReturnedRow,
)
from ozgdesk.textnorm import clean
from ozgdesk.workflow.delivery_form_fields import (
    PERSON_ATTRS,
    PERSON_COUNT,
    _base,
    _unit_field_number,
    normalise,
    unit_person_field,
    value_problem,
)
from ozgdesk.workflow.delivery_review_items import (
    Change,
    ReturnProblem,
    ReturnsReview,
    Unknown,
    _Context,
    _shown,
)
from ozgdesk.workflow.keys import check_key

if TYPE_CHECKING:
    from ozgdesk.formats.delivery_form_records import ReturnedForm


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
