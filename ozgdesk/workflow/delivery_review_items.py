"""What the review of returned step-4 forms finds: changes, conflicts, unknown and vanished
rows, problems, per form (see ``delivery_returns``)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import delivery
from ozgdesk.workflow.delivery import (
    Stored,
)
from ozgdesk.workflow.delivery_form_fields import UNIT_TARGET
from ozgdesk.workflow.problems import ERROR

if TYPE_CHECKING:
    pass


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
