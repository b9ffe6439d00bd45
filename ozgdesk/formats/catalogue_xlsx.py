"""The service catalogue with its decisions as an Excel workbook (.xlsx, openpyxl).

Sheet "Leistungen": one row per service, the LeiKa key first (as text, so Excel
keeps all 14 digits), a bold frozen header row and an autofilter. Sheet "Info":
the label/value pairs the caller passes (municipality, date, counts, source); dates
are date cells. Both print on A4 (``xlsx_sheet.print_layout``).

Written in openpyxl's write-only mode (streaming; 50,000 rows take a few
seconds) and atomically. Import this module lazily: it imports openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ozgdesk.formats import xlsx_sheet
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.store.rows import ServiceRow

SHEET_SERVICES = "Leistungen"
SHEET_INFO = "Info"

# (header, width in characters)
COLUMNS: tuple[tuple[str, float], ...] = (
    ("LeiKa-Schlüssel", 17),
    ("Leistung", 60),
    ("Typ", 7),
    ("OZG-Leistung", 40),
    ("Lebenslage", 28),
    ("Themenfeld", 26),
    ("SDG 1", 7),
    ("SDG 2", 7),
    ("Relevanz", 14),
    ("Begründung", 40),
    ("Vorschlag", 14),
    ("Begründung des Vorschlags", 60),
    ("Amt", 24),
    ("Bemerkung", 40),
    ("Nicht mehr in Liste", 12),
    ("Entfallen", 11),  # a newer catalogue release no longer has the service
)
HEADERS = tuple(h for h, _ in COLUMNS)

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
_HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
_LEFT = Alignment(horizontal="left")
# Characters that are not allowed in XML (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_catalogue(
    path: Path | str,
    rows: Iterable[ServiceRow],
    info: Mapping[str, object],
    *,
    title: str = "Leistungskatalog",
    suggestions: Mapping[int, tuple[str, str]] | None = None,
) -> Path:
    """Write the services and an info sheet to ``path`` (atomically); returns the path.

    ``info`` is written in order as label/value pairs on the sheet "Info"; ``suggestions``
    maps a service id to its suggested relevance and the suggestion's reason (columns
    "Vorschlag" and "Begründung des Vorschlags" next to the decision).
    """
    target = Path(path)
    wb = Workbook(write_only=True)
    wb.properties.creator = "ozgdesk"
    wb.properties.title = title
    wb.properties.language = "de-DE"

    services = wb.create_sheet(SHEET_SERVICES)
    # a write-only sheet takes its print layout before the first row
    xlsx_sheet.print_layout(
        services, [w for _, w in COLUMNS], heading=title, day=_day(info), repeat_columns="A:B"
    )
    _write_services(services, rows, suggestions or {})
    _write_info(wb.create_sheet(SHEET_INFO), info)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _write_services(
    ws: WriteOnlyWorksheet,
    rows: Iterable[ServiceRow],
    suggestions: Mapping[int, tuple[str, str]],
) -> None:
    # Write-only sheets take widths, freeze panes and the filter before the first row.
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.append([_header_cell(ws, h) for h in HEADERS])

    # Materialise to know the filter range (it must be set before saving, and the
    # rows are plain dataclasses already in memory).
    rows = list(rows)
    last_col = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last_col}{len(rows) + 1}"
    # One styled cell for the key column, reused: a write-only sheet serialises each
    # row as it is appended, and styling a new cell per row costs a third of the time.
    key = WriteOnlyCell(ws)
    key.number_format = "@"  # text: Excel keeps the 14 digits as typed
    for row in rows:
        key.value = row.key or None
        suggested, why = suggestions.get(row.id, ("", ""))
        ws.append(
            [
                key,
                _text(ws, row.name),
                _text(ws, row.typ),
                _text(ws, row.ozg),
                _text(ws, row.lebenslage),
                _text(ws, row.themenfeld),
                "ja" if row.sdg1 else None,
                "ja" if row.sdg2 else None,
                row.relevance or None,
                _text(ws, row.relevance_reason),
                suggested or None,
                _text(ws, why),
                _text(ws, row.office),
                _text(ws, row.remark),
                "ja" if row.missing else None,
                "entfallen" if row.retired else None,
            ]
        )


def _header_cell(ws: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGN
    return cell


def _text(ws: WriteOnlyWorksheet, value: str) -> str | WriteOnlyCell | None:
    """A string exactly as text: no formula ("=…"), no characters XML forbids; "" -> empty."""
    if not value:
        return None
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(" ", value)
    if value[0] == "=":
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        return cell
    return value


def _day(info: Mapping[str, object]) -> date:
    """The export's day for the page header: the first date among the info values."""
    found = next((v for v in info.values() if isinstance(v, date)), None)
    return found.date() if isinstance(found, datetime) else (found or date.today())


def _write_info(ws: WriteOnlyWorksheet, info: Mapping[str, object], heading: str = "") -> None:
    """Label/value rows; dates as date cells with a German format (shared with the
    delivery list)."""
    widths = (34, 70)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    xlsx_sheet.print_layout(ws, widths, title_rows="", heading=heading or "Info")
    for label, value in info.items():
        cell = WriteOnlyCell(ws, value=label)
        cell.font = _HEADER_FONT
        shown: object
        if isinstance(value, date):
            day = WriteOnlyCell(ws, value=xlsx_sheet.excel_date(value))
            day.number_format = xlsx_sheet.date_format(value)
            day.alignment = _LEFT
            shown = day
        elif isinstance(value, str):
            shown = _text(ws, value)
        else:
            shown = value
        ws.append([cell, shown])
