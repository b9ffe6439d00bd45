"""The delivery list of step 4 as Excel workbook (.xlsx) or CSV: one row per service with
its responsible unit, address, communication, contact persons, web page and online
service, status and open problems – for entering the data into the website's editorial
system.

Excel: sheet "Lieferliste" with the look of the catalogue export (bold frozen header
row, autofilter, column widths, LeiKa key and postcode as text, dates as date cells, A4
print layout with the header row and the key and name repeated) and a sheet "Info".
CSV: UTF-8 with byte order mark, ";" as separator and CRLF line ends, fields quoted
where needed – the dialect German Excel opens with a double click. Cells starting with
"=" or "@" get a leading apostrophe there, so no spreadsheet takes them for a formula.

Without personal names (``include_names`` false) the column "Ansprechpersonen" is left
out; the records then carry no persons anyway. Both files are written atomically.
Import this module lazily: it imports openpyxl.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ozgdesk.formats import xlsx_sheet
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.catalogue_xlsx import _ILLEGAL, _header_cell, _text, _write_info
from ozgdesk.formats.csv_safety import neutralise
from ozgdesk.formats.delivery_records import DeliveryLine, DeliveryList, PersonLine

SHEET_LIST = "Lieferliste"
SHEET_INFO = "Info"
PERSONS = "Ansprechpersonen"
YES, NO = "ja", "nein"

# (header, width in characters); "Ansprechpersonen" only with names
COLUMNS: tuple[tuple[str, float], ...] = (
    ("LeiKa-Schlüssel", 17),
    ("Leistung", 50),
    ("Zuständige Stelle", 30),
    ("Amt", 22),
    ("Straße", 24),
    ("Hausnummer", 8),
    ("PLZ", 7),
    ("Ort", 16),
    ("Telefon", 18),
    ("Fax", 18),
    ("E-Mail", 30),
    ("Öffnungszeiten", 34),
    (PERSONS, 50),
    ("Seite auf der Website", 45),
    ("Online-Dienst", 40),
    ("Stand", 24),
    ("Stand seit", 11),
    ("Vollständig", 11),
    ("Offene Probleme", 60),
    ("Hinweise", 45),
    ("Bemerkung", 30),
)
_TEXT_COLUMNS = {"LeiKa-Schlüssel", "PLZ", "Hausnummer"}  # stored as text ("@")


def columns(include_names: bool = True) -> tuple[tuple[str, float], ...]:
    """The columns of the list (without "Ansprechpersonen" if names are left out)."""
    return tuple(c for c in COLUMNS if include_names or c[0] != PERSONS)


def headers(include_names: bool = True) -> tuple[str, ...]:
    return tuple(h for h, _ in columns(include_names))


# -- text of the cells ---------------------------------------------------------------------


def person_text(person: PersonLine) -> str:
    """ "Erika Muster, Tel. 02561 72-100, e.muster@ahaus.de, Sprechzeiten: Di 14–16 Uhr" """
    parts = [person.name]
    if person.phone:
        parts.append(f"Tel. {person.phone}")
    if person.email:
        parts.append(person.email)
    if person.hours:
        parts.append(f"Sprechzeiten: {person.hours}")
    return ", ".join(p for p in parts if p)


def persons_text(persons: Sequence[PersonLine]) -> str:
    """All persons in one cell, separated by "; "."""
    return "; ".join(t for t in (person_text(p) for p in persons) if t)


def messages_text(messages: Sequence[str]) -> str:
    """Messages as one sentence chain: "Straße fehlt. Hausnummer fehlt." """
    return " ".join(m if m.endswith((".", "!", "?", "…")) else f"{m}." for m in messages)


def german_date(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def row_values(line: DeliveryLine, include_names: bool = True) -> list[str | date | None]:
    """The cells of one service, in the order of :func:`columns` ("" = empty)."""
    p = line.point
    values: list[str | date | None] = [
        line.key,
        line.name,
        p.name,
        line.office,
        p.street,
        p.house_number,
        p.postcode,
        p.town,
        p.phone,
        p.fax,
        p.email,
        p.opening_hours,
    ]
    if include_names:
        values.append(persons_text(p.persons))
    values += [
        line.page_url,
        line.online_url,
        line.status,
        line.status_date,
        YES if line.complete else NO,
        messages_text(line.problems),
        messages_text(line.hints),
        line.notes,
    ]
    return values


# -- Excel ---------------------------------------------------------------------------------


def write_delivery_xlsx(
    path: Path | str, data: DeliveryList, info: Mapping[str, object], *, title: str = ""
) -> Path:
    """Write the list and an info sheet (label/value pairs in order) to ``path``."""
    target = Path(path)
    wb = Workbook(write_only=True)
    wb.properties.creator = "ozgdesk"
    wb.properties.title = title or f"Lieferliste {data.municipality}".strip()
    wb.properties.language = "de-DE"
    listing = wb.create_sheet(SHEET_LIST)
    # a write-only sheet takes its print layout before the first row
    xlsx_sheet.print_layout(
        listing,
        [w for _, w in columns(data.include_names)],
        municipality=data.municipality,
        heading="Lieferliste für das Redaktionssystem",
        day=data.created.date(),
    )
    _write_list(listing, data)
    _write_info(wb.create_sheet(SHEET_INFO), info)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _write_list(ws: WriteOnlyWorksheet, data: DeliveryList) -> None:
    cols = columns(data.include_names)
    for index, (_, width) in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "B2"  # header row and the key stay visible
    ws.append([_header_cell(ws, h) for h, _ in cols])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(data.lines) + 1}"
    kinds = ["text" if h in _TEXT_COLUMNS else "date" if h == "Stand seit" else "" for h, _ in cols]
    for line in data.lines:
        cells: list[object] = []
        for kind, value in zip(kinds, row_values(line, data.include_names), strict=True):
            if kind == "text":
                text = _ILLEGAL.sub(" ", str(value or "")) or None
                cell = WriteOnlyCell(ws, value=text)
                cell.number_format = "@"  # text: Excel keeps the digits as typed
                if text:
                    cell.data_type = "s"  # never a formula
                cells.append(cell)
            elif kind == "date":
                cell = WriteOnlyCell(ws, value=value or None)
                cell.number_format = xlsx_sheet.DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(_text(ws, str(value or "")))
        ws.append(cells)


# -- CSV -----------------------------------------------------------------------------------


def write_delivery_csv(path: Path | str, data: DeliveryList) -> Path:
    """Write the list as CSV (UTF-8 with BOM, ";", CRLF) to ``path``."""
    target = Path(path)
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(headers(data.include_names))
        for line in data.lines:
            writer.writerow(_csv_cell(v) for v in row_values(line, data.include_names))
    return target


def _csv_cell(value: str | date | None) -> str:
    if isinstance(value, date):
        return german_date(value)
    return neutralise(value or "")
