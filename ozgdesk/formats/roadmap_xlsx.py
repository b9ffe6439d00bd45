"""The roadmap as an Excel workbook (.xlsx, openpyxl), in the look of the catalogue export.

Sheet "Roadmap": one row per relevant service, the LeiKa key first (as text, so
Excel keeps all 14 digits), then name, office, Themenfeld, OZG service, every plan
value with its German label, the prerequisites in one cell (and how many are still
open), the services it waits for and which values come from the OZG service. The
quarter is written as "2027-Q2" so that sorting keeps the order.

Sheet "Kapazität": offices × quarters, planned person-days next to the capacity;
where more is planned than there is capacity both cells are highlighted. Sheets
"Kommunikation" and "Meilensteine": the communication plan and the milestones. Sheet
"Info": the label/value pairs the caller passes.

Every sheet has a bold frozen header, an autofilter where it helps, column widths and
a print layout (``xlsx_sheet.print_layout``: A4, landscape where wide, one page wide
where readable, header rows repeated); dates are date cells. Written
atomically. Import this module lazily: it imports openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ozgdesk.formats import xlsx_sheet
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.roadmap_records import PrerequisiteLine, RoadmapData, RoadmapLine

SHEET_ROADMAP = "Roadmap"
SHEET_CAPACITY = "Kapazität"
SHEET_COMMUNICATION = "Kommunikation"
SHEET_MILESTONES = "Meilensteine"
SHEET_INFO = "Info"

# The plan values' labels (as in the app); the order of RoadmapLine's plan fields.
PLAN_HEADERS: tuple[tuple[str, float], ...] = (
    ("Online-Dienst verfügbar", 11),
    ("Art des Online-Dienstes", 22),
    ("EfA-Stand", 11),
    ("Name des Online-Dienstes", 30),
    ("Anbieter", 22),
    ("verfügbar ab", 12),
    ("Entscheidung", 13),
    ("Begründung", 36),
    ("Anbindung geplant", 12),
    ("Reifegrad heute", 10),
    ("Reifegrad Ziel", 10),
    ("Aufwand (Personentage)", 12),
    ("Schulungsbedarf", 30),
    ("Marketing", 30),
    ("Notizen", 36),
)
COLUMNS: tuple[tuple[str, float], ...] = (
    ("LeiKa-Schlüssel", 17),
    ("Leistung", 50),
    ("Amt", 24),
    ("Themenfeld", 24),
    ("OZG-Leistung", 36),
    *PLAN_HEADERS,
    ("Voraussetzungen", 50),
    ("Voraussetzungen offen", 13),
    ("wartet auf", 40),
    ("von OZG-Leistung übernommen", 30),
)
HEADERS = tuple(h for h, _ in COLUMNS)
COMMUNICATION_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Zielgruppe", 14),
    ("Maßnahme", 60),
    ("fällig am", 12),
    ("Phase", 20),
    ("verantwortlich", 30),
    ("erledigt", 9),
    ("Notizen", 40),
)
MILESTONE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Meilenstein", 50),
    ("fällig am", 12),
    ("erreicht", 9),
    ("Leistung", 50),
    ("Notizen", 40),
)
DATE_FORMAT = xlsx_sheet.DATE_FORMAT
NUMBER_FORMAT = "#,##0.0#"

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
_HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
_OVER_FILL = PatternFill("solid", fgColor="F8D3C5")  # light vermilion: over capacity
_OVER_FONT = Font(bold=True, color="9C2F00")
_TOTAL_FILL = PatternFill("solid", fgColor="EEF2F6")
_NOTE_FONT = Font(italic=True, color="5F6B76")
# Characters that are not allowed in XML (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_roadmap_xlsx(path: Path | str, data: RoadmapData) -> Path:
    """Write the roadmap workbook to ``path`` (atomically); returns the path."""
    target = Path(path)
    wb = Workbook()
    wb.properties.creator = "ozgdesk"
    wb.properties.title = f"Roadmap {data.municipality}".strip()
    wb.properties.language = "de-DE"

    ws = wb.active
    assert ws is not None
    ws.title = SHEET_ROADMAP
    _write_roadmap(ws, data.lines)
    # too wide for one page: runs across pages with key and name repeated on each
    _print_layout(ws, data, "Roadmap: Anbindung der Online-Dienste")
    ws = wb.create_sheet(SHEET_CAPACITY)
    _write_capacity(ws, data)
    _print_layout(ws, data, "Aufwand und Kapazität je Amt und Quartal", title_rows="1:2")
    ws = wb.create_sheet(SHEET_COMMUNICATION)
    _write_communication(ws, data)
    _print_layout(ws, data, "Kommunikationsplan")
    ws = wb.create_sheet(SHEET_MILESTONES)
    _write_milestones(ws, data)
    _print_layout(ws, data, "Meilensteine")
    ws = wb.create_sheet(SHEET_INFO)
    _write_info(ws, data.info)
    _print_layout(ws, data, "Info", title_rows="")

    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


# -- cells -------------------------------------------------------------------------------------


def _header(ws: Worksheet, columns: Sequence[tuple[str, float]], row: int = 1) -> None:
    for col, (text, width) in enumerate(columns, start=1):
        cell = ws.cell(row, col, text)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row + 1, 1).coordinate


def _put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """Write a value; strings exactly as text (no formula, no characters XML forbids),
    dates with a German date format, "" leaves the cell empty."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        if not value:
            return cell
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub(" ", value)
        cell.value = value
        if value.startswith("="):
            cell.data_type = "s"  # openpyxl would store "=…" as a formula
    elif isinstance(value, date):
        cell.value = xlsx_sheet.excel_date(value)
        cell.number_format = xlsx_sheet.date_format(value)
    elif value is not None:
        cell.value = value
    return cell


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nein")


def prerequisite_text(item: PrerequisiteLine) -> str:
    """ "Fachverfahren ProBauG (Beispiel GmbH, Schnittstelle: unklar): in Arbeit – Erika Muster"."""
    text = item.kind
    if item.name:
        text += f" {item.name}"
    details = [
        d for d in (item.vendor, f"Schnittstelle: {item.interface}" if item.interface else "") if d
    ]
    if details:
        text += f" ({', '.join(details)})"
    if item.status:
        text += f": {item.status}"
    if item.owner:
        text += f" – {item.owner}"
    return text


def _plan_values(line: RoadmapLine) -> list[object]:
    return [
        _yes_no(line.online_available),
        line.efa_kind,
        line.efa_state,
        line.online_name,
        line.provider,
        line.available_on,
        line.decision,
        line.decision_reason,
        line.quarter,
        line.current_level,
        line.target_level,
        line.effort_days,
        line.training,
        line.marketing,
        line.notes,
    ]


# -- sheets ------------------------------------------------------------------------------------


def _write_roadmap(ws: Worksheet, lines: Sequence[RoadmapLine]) -> None:
    _header(ws, COLUMNS)
    ws.freeze_panes = "C2"  # key and name stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(lines) + 1}"
    effort_col = HEADERS.index("Aufwand (Personentage)") + 1
    for row, line in enumerate(lines, start=2):
        key = ws.cell(row, 1, line.key or None)
        key.number_format = "@"  # text: Excel keeps the 14 digits as typed
        values: list[object] = [
            line.name,
            line.office,
            line.themenfeld,
            line.ozg,
            *_plan_values(line),
            "; ".join(prerequisite_text(p) for p in line.prerequisites),
            line.prerequisites_open if line.prerequisites else None,
            "; ".join(line.depends_on),
            ", ".join(line.inherited),
        ]
        for col, value in enumerate(values, start=2):
            _put(ws, row, col, value)
        if line.effort_days is not None:
            ws.cell(row, effort_col).number_format = NUMBER_FORMAT


def _write_capacity(ws: Worksheet, data: RoadmapData) -> None:
    ws.column_dimensions["A"].width = 36
    first = ws.cell(1, 1, "Amt")
    first.font, first.fill, first.alignment = _BOLD, _HEADER_FILL, _HEADER_ALIGN
    ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
    for n, quarter in enumerate(data.quarters):
        col = 2 + 2 * n
        cell = ws.cell(1, col, quarter)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _CENTER
        ws.cell(1, col + 1).fill = _HEADER_FILL
        ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + 1)
        for offset, text in enumerate(("geplant", "Kapazität")):
            sub = ws.cell(2, col + offset, text)
            sub.font, sub.fill, sub.alignment = _BOLD, _HEADER_FILL, _CENTER
            ws.column_dimensions[get_column_letter(col + offset)].width = 10
    ws.freeze_panes = "B3"
    row = 2
    over = False
    for office in data.capacity:
        row += 1
        _put(ws, row, 1, office.office)
        for n, cell in enumerate(office.cells):
            col = 2 + 2 * n
            planned = ws.cell(row, col, cell.planned)
            capacity = ws.cell(row, col + 1, cell.capacity)
            planned.number_format = capacity.number_format = NUMBER_FORMAT
            if cell.over:
                over = True
                for target in (planned, capacity):
                    target.fill, target.font = _OVER_FILL, _OVER_FONT
    if data.capacity:
        row += 1
        _put(ws, row, 1, "gesamt").font = _BOLD
        ws.cell(row, 1).fill = _TOTAL_FILL
        for n in range(len(data.quarters)):
            col = 2 + 2 * n
            cells = [o.cells[n] for o in data.capacity]
            known = [c.capacity for c in cells if c.capacity is not None]
            for offset, value in enumerate(
                (sum(c.planned for c in cells), sum(known) if known else None)
            ):
                total = ws.cell(row, col + offset, value)
                total.font, total.fill, total.number_format = _BOLD, _TOTAL_FILL, NUMBER_FORMAT
    row += 2
    notes = ["Geplant: Summe des Aufwands (Personentage) der Leistungen, deren Anbindung im "
             "Quartal geplant ist (ohne „Status quo“). Kapazität: wie im Projekt erfasst; leer = noch "
             "nicht erfasst."]  # fmt: skip
    if over:
        notes.append(
            "Rot markiert: mehr geplant als Kapazität – Anbindungen verschieben oder Kapazität klären."
        )
    if not data.capacity:
        notes = ["Noch sind weder Aufwand noch Kapazität erfasst."]
    for text in notes:
        _put(ws, row, 1, text).font = _NOTE_FONT
        row += 1


def _write_communication(ws: Worksheet, data: RoadmapData) -> None:
    _header(ws, COMMUNICATION_COLUMNS)
    ws.auto_filter.ref = (
        f"A1:{get_column_letter(len(COMMUNICATION_COLUMNS))}{len(data.communication) + 1}"
    )
    for row, item in enumerate(data.communication, start=2):
        values = [item.audience, item.title, item.due_on, item.phase, item.owner,
                  "ja" if item.done else "nein", item.notes]  # fmt: skip
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)


def _write_milestones(ws: Worksheet, data: RoadmapData) -> None:
    _header(ws, MILESTONE_COLUMNS)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(MILESTONE_COLUMNS))}{len(data.milestones) + 1}"
    for row, item in enumerate(data.milestones, start=2):
        values = [item.title, item.due_on, "ja" if item.done else "nein", item.service, item.notes]
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)


def _write_info(ws: Worksheet, info: Iterable[tuple[str, object]]) -> None:
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70
    for row, (label, value) in enumerate(info, start=1):
        _put(ws, row, 1, label).font = _BOLD
        cell = _put(ws, row, 2, value)  # a date as a date cell
        cell.alignment = Alignment(
            wrap_text=True, vertical="top", horizontal="left" if isinstance(value, date) else None
        )


def _print_layout(ws: Worksheet, data: RoadmapData, heading: str, title_rows: str = "1:1") -> None:
    widths = [
        ws.column_dimensions[get_column_letter(c)].width or 13 for c in range(1, ws.max_column + 1)
    ]
    xlsx_sheet.print_layout(
        ws,
        widths,
        title_rows=title_rows,
        municipality=data.municipality,
        heading=heading,
        day=data.day,
    )
