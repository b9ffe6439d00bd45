"""Plain data of the step 4 fill-in form an office gets (and sends back).

The workflow fills a :class:`DeliveryForm`; ``delivery_form`` lays it out as an
Excel workbook and ``delivery_form_reader`` reads a returned one back into a
:class:`ReturnedForm`. No openpyxl here, so the reader stays free of it.

The form describes itself: its hidden sheet "ozgdesk" holds the form version,
the project, the office, the fields with their German labels and every value as
it was exported, so a re-import can tell what the office changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

FORM_VERSION = 1
MARKER = "ozgdesk-Rücklaufformular"  # cell A1 of the metadata sheet

SHEET_GUIDE = "Anleitung"
SHEET_UNIT = "Ansprechstelle"
SHEET_SERVICES = "Leistungen"
SHEET_META = "ozgdesk"

# Fixed columns of the sheet "Leistungen" (technical name, header); the editable
# columns follow and are listed in the form itself.
ID_COLUMN = ("id", "Nr. (ozgdesk)")
KEY_COLUMN = ("key", "LeiKa-Schlüssel")
NAME_COLUMN = ("name", "Leistung")

PERSONS_TITLE = "Ansprechpersonen"

# Excel's limit for one cell
MAX_CELL = 32_767
# Characters that are not allowed in XML (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_text(value: str) -> str:
    """A text as the form holds it: without the characters XML forbids, at most Excel's
    cell length. The writer puts the same text into the cell and into the metadata."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(" ", value)
    return value[:MAX_CELL]


def person_key(number: int, name: str) -> str:
    """Field name of a contact point's person attribute: ``person_key(2, "email")``."""
    return f"person{number}_{name}"


def person_row_label(number: int) -> str:
    return f"Ansprechperson {number}"


@dataclass(frozen=True)
class FormField:
    """One fillable value: its technical name, German label and (sheet "Leistungen")
    column width and group header."""

    name: str
    label: str
    width: float = 18
    group: str = ""
    wrap: bool = False


@dataclass(frozen=True)
class FormService:
    """One service row as exported: id, key (text), name and the pre-filled values."""

    service_id: int
    key: str
    name: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeliveryForm:
    """Everything one office's form contains."""

    project_uid: str
    municipality: str
    office_id: int
    office_name: str
    exported_at: datetime  # UTC
    unit_fields: tuple[FormField, ...]  # the contact point's label/value rows
    person_fields: tuple[FormField, ...]  # columns of the contact persons table
    service_fields: tuple[FormField, ...]  # editable columns of the sheet "Leistungen"
    unit_values: dict[str, str]  # unit fields and person_key(n, name) -> value
    services: tuple[FormService, ...]
    statuses: tuple[str, ...]  # choices of the status drop-down
    status_field: str = "status"
    status_help: tuple[tuple[str, str], ...] = ()  # (status, what it means)
    person_count: int = 3
    deadline: date | None = None
    reply_to: str = ""  # whom to send the form back to

    def unit_keys(self) -> list[str]:
        """All contact point field names in form order (unit fields, then persons)."""
        return [f.name for f in self.unit_fields] + [
            person_key(n, p.name)
            for n in range(1, self.person_count + 1)
            for p in self.person_fields
        ]


@dataclass(frozen=True)
class FormCell:
    """A fillable cell of a returned form: its text and where it is."""

    text: str
    sheet: str
    row: int
    column: str  # column letter
    header: str  # column header or row label, for messages

    @property
    def ref(self) -> str:
        return f"{self.column}{self.row}"


@dataclass(frozen=True)
class ReturnedRow:
    """A row of the sheet "Leistungen" of a returned form."""

    row: int
    id_text: str  # the hidden id cell as text ("" if empty)
    key: str
    name: str
    cells: dict[str, FormCell]  # editable field name -> cell


@dataclass(frozen=True)
class LayoutProblem:
    """Something of the form's layout that could not be found (the value is skipped)."""

    sheet: str
    row: int
    column: str
    message: str


@dataclass
class ReturnedForm:
    """A form as it came back."""

    path: Path
    version: int
    project_uid: str
    municipality: str
    office_id: int
    office_name: str
    exported_at: datetime | None
    deadline: date | None
    unit_fields: tuple[FormField, ...]
    person_fields: tuple[FormField, ...]
    service_fields: tuple[FormField, ...]
    person_count: int
    exported_unit: dict[str, str]
    exported_services: dict[int, FormService]  # in form order
    unit_cells: dict[str, FormCell]
    rows: list[ReturnedRow]
    problems: list[LayoutProblem] = field(default_factory=list)

    def unit_label(self, name: str) -> str:
        for f in self.unit_fields:
            if f.name == name:
                return f.label
        for n in range(1, self.person_count + 1):
            for p in self.person_fields:
                if person_key(n, p.name) == name:
                    return f"{person_row_label(n)}: {p.label}"
        return name

    def service_label(self, name: str) -> str:
        return next((f.label for f in self.service_fields if f.name == name), name)
