"""Offices, their OZG contacts and their services as an Excel workbook (.xlsx, openpyxl).

Sheet "Übersicht": one row per office (kind, superior office, OZG contacts with
e-mail and phone, deputy, number of services), then the services without a
lead office and the total. Then one sheet per office that leads services (the
LeiKa key first, as text) and the sheet "Nicht zugeordnet". Every sheet has a
bold frozen header row, an autofilter, column widths and a print layout
(landscape, one page wide, the header row repeated, the office in the page
header).

Sheet names follow Excel's rules (at most 31 characters, none of : \\ / ? * [ ],
no apostrophe at either end) and are unique ignoring case; see
:func:`sheet_names`. Import this module lazily: it imports openpyxl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ozgdesk.formats import xlsx_sheet
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.office_records import OfficesReport, ServiceLine

SHEET_OVERVIEW = "Übersicht"
SHEET_UNASSIGNED = "Nicht zugeordnet"
UNASSIGNED_LABEL = "nicht zugeordnet"
TOTAL_LABEL = "gesamt"
MAX_SHEET_NAME = 31
# Excel keeps "History" for its change tracking.
_RESERVED_SHEET_NAMES = ("History",)

# (header, width in characters); the count header depends on the report
OVERVIEW_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Amt", 36),
    ("Kürzel", 10),
    ("Art", 13),
    ("übergeordnet", 28),
    ("OZG-Ansprechperson(en)", 30),
    ("E-Mail", 32),
    ("Telefon", 18),
    ("Vertretung", 24),
    ("E-Mail Vertretung", 30),
    ("Telefon Vertretung", 18),
    ("Leistungen", 13),
)
SERVICE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("LeiKa-Schlüssel", 17),
    ("Leistung", 60),
    ("Relevanz", 16),
    ("OZG-Leistung", 40),
    ("Lebenslage", 28),
    ("Themenfeld", 26),
    ("Typ", 7),
    ("beteiligte Ämter", 30),
    ("Bemerkung", 40),
)
SERVICE_HEADERS = tuple(h for h, _ in SERVICE_COLUMNS)

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
_HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
_MISSING_FILL = PatternFill("solid", fgColor="FCE4C4")  # light orange: contact missing
_NOTE_FONT = Font(italic=True, color="5F6B76")
# Characters that are not allowed in XML (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_CHARS = str.maketrans({":": " ", "\\": "-", "/": "-", "?": "", "*": "", "[": "(", "]": ")"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# -- sheet names -------------------------------------------------------------------------


def _utf16_len(text: str) -> int:
    """Excel counts a sheet name's length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _shorten(text: str, limit: int) -> str:
    while _utf16_len(text) > limit:
        text = text[:-1]
    return _strip_ends(text)


def _strip_ends(text: str) -> str:
    """No spaces and no apostrophe at either end (Excel refuses a leading or trailing ')."""
    return text.strip(" '")


def clean_sheet_name(name: str) -> str:
    """``name`` with Excel's forbidden characters replaced, not yet shortened."""
    text = _CONTROL.sub(" ", name.translate(_SHEET_CHARS))
    return _strip_ends(" ".join(text.split()))


def sheet_names(wanted: Sequence[str], reserved: Iterable[str] = ()) -> list[str]:
    """Valid, unique (ignoring case) sheet names for ``wanted``, in the same order.

    Names are cleaned (see :func:`clean_sheet_name`) and cut to 31 characters; a
    name that is taken (by ``reserved``, by Excel or by an earlier name) gets
    " (2)", " (3)" … within the 31 characters.
    """
    taken = {n.casefold() for n in (*reserved, *_RESERVED_SHEET_NAMES)}
    result = []
    for name in wanted:
        base = clean_sheet_name(name) or "Blatt"
        candidate = _shorten(base, MAX_SHEET_NAME)
        number = 2
        while candidate.casefold() in taken:
            suffix = f" ({number})"
            candidate = _shorten(base, MAX_SHEET_NAME - len(suffix)) + suffix
            number += 1
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


# -- workbook ----------------------------------------------------------------------------


def write_offices_workbook(
    path: Path | str, report: OfficesReport, *, title: str = "Ämter und Leistungen"
) -> Path:
    """Write the overview, one sheet per office with services and the unassigned
    services to ``path`` (atomically); returns the path."""
    target = Path(path)
    wb = Workbook()
    wb.properties.creator = "ozgdesk"
    wb.properties.title = title
    wb.properties.language = "de-DE"

    with_services = [o for o in report.offices if o.services]
    names = sheet_names(
        [o.name for o in with_services], reserved=(SHEET_OVERVIEW, SHEET_UNASSIGNED)
    )
    sheet_of = {id(o): n for o, n in zip(with_services, names, strict=True)}

    overview = wb.active
    assert overview is not None
    overview.title = SHEET_OVERVIEW
    _write_overview(overview, report, sheet_of)
    for office, name in zip(with_services, names, strict=True):
        ws = wb.create_sheet(name)
        _write_services(ws, office.services)
        _print_layout(ws, report, office.label)
    ws = wb.create_sheet(SHEET_UNASSIGNED)
    _write_services(ws, report.unassigned)
    _print_layout(ws, report, f"Ohne federführendes Amt ({report.service_word})")

    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _count_header(report: OfficesReport) -> str:
    return "relevante Leistungen" if report.only_relevant else "Leistungen (federführend)"


def _header(ws: Worksheet, headers: Sequence[tuple[str, float]]) -> None:
    for col, (text, width) in enumerate(headers, start=1):
        cell = ws.cell(1, col, text)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """Write a value; strings exactly as text (no formula, no characters XML forbids)."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        if not value:
            return cell
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub(" ", value)
        cell.value = value
        if value.startswith("="):
            cell.data_type = "s"  # openpyxl would store "=…" as a formula
    else:
        cell.value = value
    return cell


def _link(cell: Cell, sheet: str) -> None:
    quoted = sheet.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")
    cell.style = "Hyperlink"


def _write_overview(ws: Worksheet, report: OfficesReport, sheet_of: dict[int, str]) -> None:
    columns = [*OVERVIEW_COLUMNS[:-1], (_count_header(report), OVERVIEW_COLUMNS[-1][1])]
    _header(ws, columns)
    count_col = len(columns)
    row = 1
    for office in report.offices:
        row += 1
        main, deputies = office.main_contacts, office.deputies
        values = [
            office.name,
            office.short_name,
            office.kind,
            office.parent,
            _join(c.name for c in main),
            _join(c.email for c in main),
            _join(c.phone for c in main),
            _join(c.name for c in deputies),
            _join(c.email for c in deputies),
            _join(c.phone for c in deputies),
        ]
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value)
        ws.cell(row, count_col, len(office.services))
        if id(office) in sheet_of:
            _link(ws.cell(row, 1), sheet_of[id(office)])
        if office.services and not main:
            for col in (5, 6, 7):
                ws.cell(row, col).fill = _MISSING_FILL
    last_office_row = row
    ws.auto_filter.ref = f"A1:{get_column_letter(count_col)}{max(last_office_row, 1)}"

    row += 2
    label = _put(ws, row, 1, UNASSIGNED_LABEL)
    _link(label, SHEET_UNASSIGNED)
    label.font = Font(bold=True, underline="single", color="0563C1")  # a bold link
    ws.cell(row, count_col, len(report.unassigned)).font = _BOLD
    row += 1
    _put(ws, row, 1, TOTAL_LABEL).font = _BOLD
    total = sum(len(o.services) for o in report.offices) + len(report.unassigned)
    ws.cell(row, count_col, total).font = _BOLD

    row += 2
    notes = [f"Stand: {report.day.strftime('%d.%m.%Y')}"]
    if report.municipality:
        notes[0] += f" · {report.municipality}"
    notes.append(
        "Gezählt sind die "
        + (
            "als „relevant“ entschiedenen Leistungen"
            if report.only_relevant
            else "Leistungen (gleich welcher Relevanz)"
        )
        + ", für die das Amt federführend ist. Ein Klick auf den Namen öffnet das "
        "Tabellenblatt des Amts."
    )
    if any(o.services and not o.main_contacts for o in report.offices):
        notes.append(
            "Orange markiert: Das Amt ist für Leistungen zuständig, hat aber noch keine "
            "OZG-Ansprechperson."
        )
    for note in notes:
        _put(ws, row, 1, note).font = _NOTE_FONT
        row += 1
    _print_layout(ws, report, "Ämter und OZG-Ansprechpersonen")


def _join(values: Iterable[str]) -> str:
    return "; ".join(v for v in values if v)


def _write_services(ws: Worksheet, services: Sequence[ServiceLine]) -> None:
    _header(ws, SERVICE_COLUMNS)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(SERVICE_COLUMNS))}{len(services) + 1}"
    for row, service in enumerate(services, start=2):
        key = ws.cell(row, 1, service.key or None)
        key.number_format = "@"  # text: Excel keeps the 14 digits as typed
        values = [
            service.name,
            service.decision,
            service.ozg,
            service.lebenslage,
            service.themenfeld,
            service.typ,
            ", ".join(service.involved),
            service.remark,
        ]
        for col, value in enumerate(values, start=2):
            _put(ws, row, col, value)


def _print_layout(ws: Worksheet, report: OfficesReport, heading: str) -> None:
    widths = [
        ws.column_dimensions[get_column_letter(c)].width or 13 for c in range(1, ws.max_column + 1)
    ]
    xlsx_sheet.print_layout(
        ws, widths, municipality=report.municipality, heading=heading, day=report.day
    )
