"""An office's fill-in form for step 4 as an Excel workbook (.xlsx, openpyxl).

Sheets:

- "Anleitung": what to fill in, which cells are locked, what the status means,
  the deadline and whom to send the form back to.
- "Ansprechstelle": the office's contact point as label/value rows and a table
  of up to three contact persons.
- "Leistungen": one row per service: a hidden technical id, the LeiKa key (as
  text) and the name (locked, grey), then the editable columns, pre-filled; the
  status is a drop-down list.
- "ozgdesk" (very hidden): the form's description and every value as exported
  (see ``delivery_form_records``), so a re-import can tell what the office
  changed.

Sheets are protected without a password (only the white cells can be edited)
and the workbook structure is locked, so sheets cannot be renamed, removed or
unhidden by accident. This is a guide rail against slips, not a security
measure: anyone can lift the protection in Excel. Written atomically. Import
this module lazily: it imports openpyxl.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ozgdesk.formats import xlsx_sheet
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.delivery_form_records import (
    FORM_VERSION,
    ID_COLUMN,
    KEY_COLUMN,
    MARKER,
    NAME_COLUMN,
    PERSONS_TITLE,
    SHEET_GUIDE,
    SHEET_META,
    SHEET_SERVICES,
    SHEET_UNIT,
    DeliveryForm,
    person_key,
    person_row_label,
    safe_text,
)

_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
_LOCKED_FILL = PatternFill("solid", fgColor="E7E6E6")
_EDIT_FILL = PatternFill("solid", fgColor="FFFFFF")
_THIN = Side(style="thin", color="B7B7B7")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(vertical="top", wrap_text=True)
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)

SERVICES_HEADER_ROW = 2  # row 1: group headers
SERVICES_FIRST_ROW = 3


def _put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write a value; text stays text (a leading "=" is no formula)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = safe_text(value)
        cell.value = text or None
        if text[:1] == "=":
            cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _editable(cell: Cell, wrap: bool = False) -> None:
    cell.protection = _UNLOCKED
    cell.fill = _EDIT_FILL
    cell.border = _BORDER
    cell.number_format = "@"  # text: Excel keeps "0251 …" and postcodes as typed
    cell.alignment = _WRAP_TOP if wrap else _TOP


def _locked(cell: Cell, wrap: bool = False) -> None:
    cell.fill = _LOCKED_FILL
    cell.border = _BORDER
    cell.alignment = _WRAP_TOP if wrap else _TOP


def _header(cell: Cell) -> None:
    cell.font = _BOLD
    cell.fill = _HEADER_FILL
    cell.border = _BORDER
    cell.alignment = _WRAP_TOP


def _protect(ws: Worksheet, *, allow_filter: bool = False) -> None:
    """Protect a sheet without password; rows may be resized, columns not (the id
    column stays hidden)."""
    protection = ws.protection
    protection.sheet = True
    protection.formatRows = False
    protection.autoFilter = not allow_filter
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def write_form(path: Path | str, form: DeliveryForm) -> Path:
    """Write one office's form to ``path`` (atomically); returns the path."""
    target = Path(path)
    wb = Workbook()
    wb.properties.creator = "ozgdesk"
    wb.properties.title = f"Datenlieferung {form.office_name}".strip()
    wb.properties.language = "de-DE"

    guide = wb.active
    assert guide is not None
    guide.title = SHEET_GUIDE
    _write_guide(guide, form)
    _write_unit(wb.create_sheet(SHEET_UNIT), form)
    _write_services(wb.create_sheet(SHEET_SERVICES), form)
    meta = wb.create_sheet(SHEET_META)
    _write_meta(meta, form)
    meta.sheet_state = "veryHidden"
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


# -- Anleitung -----------------------------------------------------------------------------


def _guide_paragraphs(form: DeliveryForm) -> list[tuple[str, str]]:
    """(style, text) pairs: style "title", "head", "bold" or ""."""
    exported = form.exported_at.astimezone().strftime("%d.%m.%Y")
    reply_to = form.reply_to.strip() or (
        "die OZG-Koordination (am einfachsten als Antwort auf die E-Mail, mit der Sie "
        "das Formular bekommen haben)"
    )
    lines: list[tuple[str, str]] = [
        ("title", f"Datenlieferung für das Serviceportal – {form.office_name}"),
        ("", f"{form.municipality}, Formular vom {exported}".lstrip(", ")),
    ]
    if form.deadline is not None:
        lines.append(
            (
                "bold",
                f"Bitte senden Sie das ausgefüllte Formular bis zum {form.deadline:%d.%m.%Y} zurück.",
            )
        )
    lines += [
        ("head", "Worum geht es?"),
        (
            "",
            "Nach dem Onlinezugangsgesetz (OZG) werden alle Verwaltungsleistungen unserer "
            "Kommune im Serviceportal und im Portalverbund beschrieben: wer zuständig ist, wie "
            "man die Stelle erreicht, wo die Leistung auf unserer Website steht und ob es sie "
            "online gibt. Für die Leistungen Ihres Amts brauchen wir dafür Ihre Angaben.",
        ),
        ("head", "So füllen Sie das Formular aus"),
        (
            "",
            f"1. Blatt „{SHEET_UNIT}“: Tragen Sie die Anschrift, Telefon, E-Mail und "
            "Öffnungszeiten Ihrer Stelle ein, dazu bis zu drei Ansprechpersonen. Diese Angaben "
            "gelten für alle Leistungen Ihres Amts.",
        ),
        (
            "",
            f"2. Blatt „{SHEET_SERVICES}“: Jede Zeile ist eine Leistung Ihres Amts. Tragen "
            "Sie vor allem die Seite der Leistung auf unserer Website ein und, falls es ihn "
            "gibt, den Online-Dienst; wählen Sie den Stand und schreiben Sie bei Bedarf eine "
            "Bemerkung. Die Spalten zur zuständigen Stelle und zur Ansprechperson füllen Sie "
            f"nur aus, wenn für diese Leistung etwas anderes gilt als im Blatt „{SHEET_UNIT}“ – "
            "leer bedeutet: wie die Ansprechstelle.",
        ),
        (
            "",
            "3. Was schon eingetragen ist, ist unser aktueller Stand. Bitte prüfen und "
            "korrigieren Sie es; was stimmt, lassen Sie einfach stehen.",
        ),
        (
            "",
            "Graue Felder (zum Beispiel LeiKa-Schlüssel und Name der Leistung) sind gesperrt und "
            "können nicht geändert werden; ausfüllen können Sie die weißen Felder. Bitte fügen "
            "Sie keine Zeilen, Spalten oder Blätter ein und löschen Sie keine – sonst können wir "
            "Ihre Angaben nicht automatisch übernehmen.",
        ),
        ("head", "Der Stand"),
        (
            "",
            "In der Spalte „Stand“ wählen Sie aus der Liste, wie weit die Angaben zu einer "
            "Leistung sind. Wenn Sie alles eingetragen haben, wählen Sie „geliefert“.",
        ),
    ]
    lines += [("", f"• {status}: {text}") for status, text in form.status_help]
    lines += [
        ("head", "Leistung fehlt oder gehört nicht zu Ihnen?"),
        (
            "",
            "Schreiben Sie es in die Spalte „Bemerkung“ der Leistung, oder teilen Sie uns "
            "fehlende Leistungen mit, wenn Sie das Formular zurückschicken.",
        ),
        ("head", "Ansprechpersonen und Datenschutz"),
        (
            "",
            "Namen, Telefonnummern und E-Mail-Adressen von Ansprechpersonen werden im "
            "Serviceportal veröffentlicht. Tragen Sie nur Personen ein, die damit einverstanden "
            "sind; sonst genügt eine Funktions-E-Mail-Adresse der Stelle.",
        ),
        ("head", "Zurücksenden"),
        (
            "",
            f"Speichern Sie die Datei als Excel-Arbeitsmappe (.xlsx, gern unter dem gleichen "
            f"Namen) und senden Sie sie an {reply_to}. Bitte kein PDF und kein Kennwort.",
        ),
    ]
    return lines


def _write_guide(ws: Worksheet, form: DeliveryForm) -> None:
    ws.column_dimensions["A"].width = 110
    ws.sheet_view.showGridLines = False
    row = 1
    for style, text in _guide_paragraphs(form):
        if style == "head":
            row += 1
        cell = _put(ws, row, 1, text)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if style == "title":
            cell.font = _TITLE_FONT
        elif style in ("head", "bold"):
            cell.font = _BOLD
        # a rough height for wrapped text (Excel does not grow rows by itself on open)
        lines = max(1, -(-len(text) // 100))
        if lines > 1:
            ws.row_dimensions[row].height = 15 * lines
        row += 1
    _protect(ws)
    _print_layout(ws, form, SHEET_GUIDE, title_rows="", orientation="portrait")


# -- Ansprechstelle --------------------------------------------------------------------------


def _write_unit(ws: Worksheet, form: DeliveryForm) -> None:
    widths = (30, 44, 22, 22, 32, 30)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    _put(ws, 1, 1, f"Ansprechstelle: {form.office_name}").font = _TITLE_FONT
    _put(
        ws,
        2,
        1,
        "Diese Angaben gelten für alle Leistungen Ihres Amts, soweit Sie im Blatt "
        f"„{SHEET_SERVICES}“ nichts Abweichendes eintragen. Graue Felder sind gesperrt.",
    ).alignment = Alignment(wrap_text=False)
    _header(_put(ws, 4, 1, "Angabe"))
    _header(_put(ws, 4, 2, "Eintrag"))
    row = 5
    for f in form.unit_fields:
        _locked(_put(ws, row, 1, f.label))
        _editable(_put(ws, row, 2, form.unit_values.get(f.name, "")), wrap=f.wrap)
        row += 1
    row += 1
    _put(ws, row, 1, PERSONS_TITLE).font = _BOLD
    _put(
        ws,
        row + 1,
        1,
        "Bis zu drei Personen; sie werden im Serviceportal veröffentlicht (siehe Anleitung).",
    )
    row += 2
    _header(_put(ws, row, 1, ""))
    for column, p in enumerate(form.person_fields, start=2):
        _header(_put(ws, row, column, p.label))
    for number in range(1, form.person_count + 1):
        row += 1
        _locked(_put(ws, row, 1, person_row_label(number)))
        for column, p in enumerate(form.person_fields, start=2):
            value = form.unit_values.get(person_key(number, p.name), "")
            _editable(_put(ws, row, column, value), wrap=p.wrap)
    _protect(ws)
    _print_layout(ws, form, f"{SHEET_UNIT}: {form.office_name}", title_rows="")


# -- Leistungen ------------------------------------------------------------------------------


def _write_services(ws: Worksheet, form: DeliveryForm) -> None:
    fixed = (ID_COLUMN, KEY_COLUMN, NAME_COLUMN)
    fixed_widths = (8, 17, 48)
    editable = form.service_fields
    first_edit = len(fixed) + 1
    last_col = len(fixed) + len(editable)

    # row 1: group headers over runs of columns with the same group
    _header(_put(ws, 1, 1, ""))
    ws.merge_cells(start_row=1, start_column=2, end_row=1, end_column=3)
    _header(_put(ws, 1, 2, "Leistung (gesperrt)"))
    start = 0
    while start < len(editable):
        end = start
        while end + 1 < len(editable) and editable[end + 1].group == editable[start].group:
            end += 1
        column = first_edit + start
        _header(_put(ws, 1, column, editable[start].group))
        if end > start:
            ws.merge_cells(start_row=1, start_column=column, end_row=1, end_column=first_edit + end)
        start = end + 1
    ws.row_dimensions[1].height = 30

    # row 2: column headers
    for column, ((_, label), width) in enumerate(zip(fixed, fixed_widths, strict=True), start=1):
        _header(_put(ws, SERVICES_HEADER_ROW, column, label))
        ws.column_dimensions[get_column_letter(column)].width = width
    for offset, f in enumerate(editable):
        column = first_edit + offset
        _header(_put(ws, SERVICES_HEADER_ROW, column, f.label))
        ws.column_dimensions[get_column_letter(column)].width = f.width
    ws.column_dimensions["A"].hidden = True
    ws.row_dimensions[SERVICES_HEADER_ROW].height = 30

    row = SERVICES_FIRST_ROW - 1
    for service in form.services:
        row += 1
        _locked(_put(ws, row, 1, service.service_id))
        key = _put(ws, row, 2, service.key)
        key.number_format = "@"
        _locked(key)
        _locked(_put(ws, row, 3, service.name), wrap=True)
        for offset, f in enumerate(editable):
            cell = _put(ws, row, first_edit + offset, service.values.get(f.name, ""))
            _editable(cell, wrap=f.wrap)
    last_row = max(row, SERVICES_FIRST_ROW)

    status_col = next(
        (first_edit + i for i, f in enumerate(editable) if f.name == form.status_field), None
    )
    if status_col is not None and form.statuses:
        letter = get_column_letter(status_col)
        validation = DataValidation(
            type="list",
            formula1=_list_formula(form.statuses),
            allow_blank=True,
            showDropDown=False,  # (sic: False shows the in-cell arrow)
            showErrorMessage=True,
            errorTitle="Stand",
            error="Bitte wählen Sie einen Stand aus der Liste.",
            showInputMessage=True,
            promptTitle="Stand",
            prompt="Bitte aus der Liste wählen.",
        )
        validation.add(f"{letter}{SERVICES_FIRST_ROW}:{letter}{last_row}")
        ws.add_data_validation(validation)

    ws.freeze_panes = ws.cell(row=SERVICES_FIRST_ROW, column=first_edit)
    ws.auto_filter.ref = f"A{SERVICES_HEADER_ROW}:{get_column_letter(last_col)}{last_row}"
    _protect(ws, allow_filter=True)
    _print_layout(ws, form, f"{SHEET_SERVICES}: {form.office_name}", f"1:{SERVICES_HEADER_ROW}")


def _print_layout(
    ws: Worksheet, form: DeliveryForm, heading: str, title_rows: str, orientation: str = ""
) -> None:
    """A4, header rows repeated, one page wide where readable (``xlsx_sheet``); hidden
    columns do not count."""
    widths = [
        dim.width or 13
        for c in range(1, ws.max_column + 1)
        if not (dim := ws.column_dimensions[get_column_letter(c)]).hidden
    ]
    xlsx_sheet.print_layout(
        ws,
        widths,
        title_rows=title_rows,
        repeat_columns="B:C",
        municipality=form.municipality,
        heading=heading,
        day=form.exported_at.astimezone().date(),
        orientation=orientation,
    )


def _list_formula(choices: Sequence[str]) -> str:
    """An explicit list for a drop-down ("a,b,c"); Excel allows 255 characters, no commas."""
    text = ",".join(choices)
    if len(text) > 250 or any("," in c or '"' in c for c in choices):
        raise ValueError("Die Auswahlliste ist für Excel zu lang oder enthält Kommas.")
    return f'"{text}"'


# -- ozgdesk (metadata) ----------------------------------------------------------------------


def _write_meta(ws: Worksheet, form: DeliveryForm) -> None:
    rows: list[list[str]] = [
        [MARKER, str(FORM_VERSION)],
        ["project_uid", form.project_uid],
        ["municipality", form.municipality],
        ["office_id", str(form.office_id)],
        ["office_name", form.office_name],
        ["exported_at", form.exported_at.isoformat(timespec="seconds")],
        ["deadline", form.deadline.isoformat() if form.deadline else ""],
        ["person_count", str(form.person_count)],
        ["status_field", form.status_field],
    ]
    rows += [["unit_field", f.name, f.label] for f in form.unit_fields]
    rows += [["person_field", f.name, f.label] for f in form.person_fields]
    rows += [["service_field", f.name, f.label, f.group] for f in form.service_fields]
    rows += [["unit_value", name, form.unit_values.get(name, "")] for name in form.unit_keys()]
    for service in form.services:
        rows.append(
            ["service", str(service.service_id), service.key, service.name]
            + [service.values.get(f.name, "") for f in form.service_fields]
        )
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)
    _protect(ws)
