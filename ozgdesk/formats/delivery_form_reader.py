"""Reading a returned step 4 form (see ``delivery_form``) into plain records.

Uses python-calamine through ``formats.spreadsheet`` (no openpyxl), which reads
the very hidden metadata sheet as well. The form describes itself there, so the
reader needs no knowledge of the fields: it finds the contact point's rows by
their labels and the service columns by their headers, which also copes with a
form whose protection was lifted and whose rows or columns were moved.

File-level problems (not a form of ozgdesk, another form version, damaged,
password-protected, essential parts missing) raise :class:`FormError` with a
German message naming the file. No business rules: cells come back as text,
the workflow checks them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ozgdesk.formats import spreadsheet
from ozgdesk.formats.delivery_form_records import (
    FORM_VERSION,
    ID_COLUMN,
    KEY_COLUMN,
    MARKER,
    NAME_COLUMN,
    SHEET_META,
    SHEET_SERVICES,
    SHEET_UNIT,
    FormCell,
    FormField,
    FormService,
    LayoutProblem,
    ReturnedForm,
    ReturnedRow,
    person_key,
    person_row_label,
)
from ozgdesk.formats.spreadsheet import Sheet, SpreadsheetError

_HEADER_SCAN_ROWS = 20
_MAX_PERSONS = 10
_CHANGED_LAYOUT = (
    "Das Formular wurde im Aufbau verändert. Bitten Sie das Amt, die Angaben in ein neu "
    "erstelltes Formular zu übertragen, oder übernehmen Sie sie von Hand."
)


class FormError(Exception):
    """The file as a whole cannot be read as a returned form; nothing of it is used."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path.name}: {message}")


def cell_text(cell: Any) -> str:
    """A cell as text, as the office typed it (numbers without ".0", German dates).

    Text is returned unchanged (the workflow cleans it per field).
    """
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "ja" if cell else "nein"
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return repr(cell).replace(".", ",")
    if isinstance(cell, dt.datetime):
        if cell.hour or cell.minute or cell.second:
            return cell.strftime("%d.%m.%Y %H:%M")
        return cell.strftime("%d.%m.%Y")
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    if isinstance(cell, dt.time):
        return cell.strftime("%H:%M")
    return str(cell)


def _is_number(text: str) -> bool:
    """Plain ASCII digits (int() would also take "²" or "١" and then fail or surprise)."""
    return text.isascii() and text.isdigit() and len(text) < 19


def _label(cell: Any) -> str:
    """A label or header cell, compared with whitespace collapsed."""
    return " ".join(cell_text(cell).split())


def _column_letter(index: int) -> str:
    """0-based column index -> "A", "B", … "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _at(rows: list[list[Any]], r: int, c: int) -> Any:
    if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
        return rows[r][c]
    return None


def read_form(path: Path | str) -> ReturnedForm:
    """Read a returned form; raises :class:`FormError` when the file is no usable form."""
    path = Path(path)
    try:
        book = spreadsheet.read(path)
    except SpreadsheetError as exc:
        raise FormError(path, exc.message) from None
    except BaseException as exc:
        # python-calamine 0.9 panics (pyo3 PanicException, a BaseException) on some values,
        # e.g. a large negative number in a cell formatted as a date (upstream issue #139)
        if type(exc).__name__ != "PanicException":
            raise
        raise FormError(
            path,
            "Die Datei enthält einen Wert, der sich nicht lesen lässt – meist ein Datum oder "
            "eine Uhrzeit außerhalb des gültigen Bereichs (Excel zeigt dann „#####“). Bitten "
            "Sie das Amt, den Wert zu korrigieren, oder übernehmen Sie die Angaben von Hand.",
        ) from None
    sheets = {s.name: s for s in book.sheets}
    meta_sheet = sheets.get(SHEET_META)
    if meta_sheet is None or _label(_at(meta_sheet.rows, 0, 0)) != MARKER:
        raise FormError(
            path,
            "Die Datei ist kein Rücklaufformular von ozgdesk (das Formular für die "
            "Datenlieferung eines Amts). Solche Formulare erstellen Sie in Schritt 4 mit "
            "„Formulare für die Ämter erstellen“.",
        )
    version_text = _label(_at(meta_sheet.rows, 0, 1))
    if not _is_number(version_text):
        raise FormError(path, "Die Versionsangabe des Formulars ist beschädigt. " + _CHANGED_LAYOUT)
    version = int(version_text)
    if version > FORM_VERSION:
        raise FormError(
            path,
            f"Das Formular wurde mit einer neueren Version von ozgdesk erstellt (Formularversion "
            f"{version}, diese Version liest {FORM_VERSION}). Bitte aktualisieren Sie ozgdesk.",
        )
    if version < FORM_VERSION:
        raise FormError(
            path,
            f"Das Formular stammt von einer älteren Version von ozgdesk (Formularversion {version}) "
            "und kann nicht mehr eingelesen werden. Bitte erstellen Sie neue Formulare.",
        )
    form = _read_meta(path, meta_sheet, version)
    unit = sheets.get(SHEET_UNIT)
    services = sheets.get(SHEET_SERVICES)
    if unit is None or services is None:
        missing = SHEET_UNIT if unit is None else SHEET_SERVICES
        raise FormError(path, f"Das Tabellenblatt „{missing}“ fehlt. {_CHANGED_LAYOUT}")
    _read_unit(form, unit)
    _read_services(form, services)
    return form


def _read_meta(path: Path, sheet: Sheet, version: int) -> ReturnedForm:
    values: dict[str, str] = {}
    unit_fields: list[FormField] = []
    person_fields: list[FormField] = []
    service_fields: list[FormField] = []
    exported_unit: dict[str, str] = {}
    service_rows: list[list[str]] = []
    for raw in sheet.rows:
        row = [cell_text(c) for c in raw]
        kind = row[0] if row else ""
        rest = row[1:] + ["", "", ""]
        if kind == "unit_field":
            unit_fields.append(FormField(rest[0], rest[1]))
        elif kind == "person_field":
            person_fields.append(FormField(rest[0], rest[1]))
        elif kind == "service_field":
            service_fields.append(FormField(rest[0], rest[1], group=rest[2]))
        elif kind == "unit_value":
            exported_unit[rest[0]] = rest[1]
        elif kind == "service":
            service_rows.append(row[1:])
        elif kind:
            values[kind] = rest[0]

    def broken(what: str) -> FormError:
        return FormError(path, f"Die Formularangaben sind beschädigt ({what}). {_CHANGED_LAYOUT}")

    if not _is_number(values.get("office_id", "")):
        raise broken("Amt")
    count = values.get("person_count", "")
    if not _is_number(count) or int(count) > _MAX_PERSONS:
        raise broken("Ansprechpersonen")
    if not service_fields or any(not f.name or not f.label for f in service_fields):
        raise broken("Spalten")
    exported_services: dict[int, FormService] = {}
    for row in service_rows:
        row = row + [""] * (3 + len(service_fields) - len(row))
        if not _is_number(row[0]):
            raise broken("Leistungen")
        exported_services[int(row[0])] = FormService(
            int(row[0]),
            row[1],
            row[2],
            {f.name: row[3 + i] for i, f in enumerate(service_fields)},
        )
    return ReturnedForm(
        path=path,
        version=version,
        project_uid=values.get("project_uid", ""),
        municipality=values.get("municipality", ""),
        office_id=int(values["office_id"]),
        office_name=values.get("office_name", ""),
        exported_at=_parse_datetime(values.get("exported_at", "")),
        deadline=_parse_date(values.get("deadline", "")),
        unit_fields=tuple(unit_fields),
        person_fields=tuple(person_fields),
        service_fields=tuple(service_fields),
        person_count=int(values["person_count"]),
        exported_unit=exported_unit,
        exported_services=exported_services,
        unit_cells={},
        rows=[],
    )


def _parse_datetime(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _read_unit(form: ReturnedForm, sheet: Sheet) -> None:
    rows = sheet.rows
    by_label: dict[str, int] = {}
    for r, row in enumerate(rows):
        label = _label(row[0]) if row else ""
        if label and label not in by_label:
            by_label[label] = r
    for f in form.unit_fields:
        found = by_label.get(f.label)
        if found is None:
            form.problems.append(
                LayoutProblem(
                    SHEET_UNIT,
                    0,
                    "",
                    f"Die Zeile „{f.label}“ fehlt im Blatt „{SHEET_UNIT}“; diese Angabe wird "
                    "nicht übernommen.",
                )
            )
            continue
        form.unit_cells[f.name] = FormCell(
            cell_text(_at(rows, found, 1)), SHEET_UNIT, sheet.row_number(found), "B", f.label
        )
    if not form.person_fields or not form.person_count:
        return
    wanted = [p.label for p in form.person_fields]
    header_row, columns = -1, {}
    for r, row in enumerate(rows):
        labels = {_label(c): i for i, c in enumerate(row)}
        if all(label in labels for label in wanted):
            header_row, columns = r, {p.name: labels[p.label] for p in form.person_fields}
            break
    if header_row < 0:
        form.problems.append(
            LayoutProblem(
                SHEET_UNIT,
                0,
                "",
                f"Die Tabelle der Ansprechpersonen im Blatt „{SHEET_UNIT}“ wurde nicht gefunden; "
                "die Ansprechpersonen werden nicht übernommen.",
            )
        )
        return
    for number in range(1, form.person_count + 1):
        label = person_row_label(number)
        r = by_label.get(label, -1)
        if r <= header_row:
            form.problems.append(
                LayoutProblem(
                    SHEET_UNIT,
                    0,
                    "",
                    f"Die Zeile „{label}“ fehlt im Blatt „{SHEET_UNIT}“; sie wird nicht übernommen.",
                )
            )
            continue
        for p in form.person_fields:
            c = columns[p.name]
            form.unit_cells[person_key(number, p.name)] = FormCell(
                cell_text(_at(rows, r, c)),
                SHEET_UNIT,
                sheet.row_number(r),
                _column_letter(c),
                f"{label}: {p.label}",
            )


def _read_services(form: ReturnedForm, sheet: Sheet) -> None:
    rows = sheet.rows
    fixed = (ID_COLUMN, KEY_COLUMN, NAME_COLUMN)
    header_row, columns = -1, {}
    for r, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        labels: dict[str, int] = {}
        for i, c in enumerate(row):
            labels.setdefault(_label(c), i)
        if KEY_COLUMN[1] in labels and NAME_COLUMN[1] in labels:
            header_row, columns = r, labels
            break
    if header_row < 0:
        raise FormError(
            form.path,
            f"Im Blatt „{SHEET_SERVICES}“ fehlt die Kopfzeile mit „{KEY_COLUMN[1]}“ und "
            f"„{NAME_COLUMN[1]}“. {_CHANGED_LAYOUT}",
        )
    missing = [label for _, label in fixed if label not in columns] + [
        f.label for f in form.service_fields if f.label not in columns
    ]
    if missing:
        listed = ", ".join(f"„{m}“" for m in missing)
        raise FormError(
            form.path,
            f"Im Blatt „{SHEET_SERVICES}“ fehlt die Spalte {listed}. {_CHANGED_LAYOUT}",
        )
    id_col, key_col, name_col = (columns[label] for _, label in fixed)
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            continue
        cells = {
            f.name: FormCell(
                cell_text(_at(rows, r, columns[f.label])),
                SHEET_SERVICES,
                sheet.row_number(r),
                _column_letter(columns[f.label]),
                f.label,
            )
            for f in form.service_fields
        }
        form.rows.append(
            ReturnedRow(
                row=sheet.row_number(r),
                id_text=cell_text(_at(rows, r, id_col)).strip(),
                key=cell_text(_at(rows, r, key_col)),
                name=cell_text(_at(rows, r, name_col)),
                cells=cells,
            )
        )
