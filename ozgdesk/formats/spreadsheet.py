"""Reading spreadsheets into plain rows: .xlsx/.xlsm/.xls/.ods with python-calamine,
.csv/.txt with the csv module after detecting encoding and separator.

No business rules here: cells come back as Python values (str, int, float,
bool, date/datetime, None) with their real row numbers. File-level problems
raise :class:`SpreadsheetError` with a German message.

Hostile files: a workbook is measured first (:mod:`ozgdesk.formats.workbook_probe`)
and refused beyond :mod:`ozgdesk.formats.limits` before python-calamine sees it
(calamine would abort the process on an impossible allocation); rows are then
read one at a time and the reading stops at the limits whatever the file says.
CSV files are bounded in size, line length, fields, rows and columns. NUL
characters are never stored: a text file containing one is refused (it is binary,
or UTF-16 without a byte-order mark that could not be recognised), and NULs in
workbook cells (escaped as ``_x0000_``) are removed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ozgdesk.formats import limits
from ozgdesk.formats.workbook_probe import Extent, Measurement, ProbeError, check_extent, measure
from ozgdesk.wording import number

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
SUFFIXES = WORKBOOK_SUFFIXES | TEXT_SUFFIXES
SEPARATORS = (";", ",", "\t", "|")
SEPARATOR_NAMES = {";": "Semikolon", ",": "Komma", "\t": "Tabulator", "|": "senkrechter Strich"}

Cell = Any


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; nothing was imported."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path.name}: {message}")


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    first_row: int = 1  # spreadsheet row number of rows[0]
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # r1, c1, r2, c2 (1-based)
    line_numbers: list[int] | None = None  # CSV: first physical line of each record

    def row_number(self, index: int) -> int:
        if self.line_numbers is not None:
            return self.line_numbers[index]
        return self.first_row + index


@dataclass
class Workbook:
    path: Path
    sheets: list[Sheet]
    encoding: str = ""  # CSV only
    separator: str = ""  # CSV only

    def sheet(self, name: str | None) -> Sheet:
        if name is None:
            return self.sheets[0]
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        names = ", ".join(f"„{s.name}“" for s in self.sheets)
        raise SpreadsheetError(
            self.path, f"Das Tabellenblatt „{name}“ gibt es nicht (vorhanden: {names})."
        )


def read(path: Path | str, sheet: str | None = None) -> Workbook:
    """Read a spreadsheet. With ``sheet`` only that sheet is loaded (faster)."""
    path = Path(path)
    if not path.exists():
        raise SpreadsheetError(path, "Die Datei gibt es nicht (mehr).")
    if path.is_dir():
        raise SpreadsheetError(path, "Das ist ein Ordner, keine Tabelle.")
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpreadsheetError(
            path, f"Die Datei kann nicht gelesen werden ({exc.strerror})."
        ) from exc
    if size == 0:
        raise SpreadsheetError(path, "Die Datei ist leer.")
    if suffix == ".xlsb":
        raise SpreadsheetError(
            path,
            "Das Excel-Binärformat (.xlsb) wird nicht unterstützt. Bitte speichern Sie die "
            "Datei in Excel als „Excel-Arbeitsmappe (.xlsx)“.",
        )
    if suffix in TEXT_SUFFIXES:
        return _read_csv(path)
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path, sheet)
    raise SpreadsheetError(
        path,
        f"Dateien mit der Endung „{path.suffix or '(keine)'}“ können nicht importiert werden. "
        "Möglich sind Excel (.xlsx, .xlsm, .xls), LibreOffice (.ods) und CSV (.csv, .txt).",
    )


# -- workbooks (calamine) -------------------------------------------------------------------


def _read_workbook(path: Path, wanted: str | None) -> Workbook:
    import python_calamine as pc

    try:
        measured = measure(path)
        if measured.eager:
            for name, extent in measured.sheets.items():
                check_extent(name, extent)
    except ProbeError as exc:
        raise SpreadsheetError(path, exc.message) from None
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise SpreadsheetError(
            path,
            "Die Datei ist mit einem Kennwort geschützt. Bitte speichern Sie sie ohne Kennwort.",
        ) from None
    except (pc.ZipError, pc.XmlError, pc.CalamineError, ValueError, OSError) as exc:
        raise SpreadsheetError(
            path,
            "Die Datei ist keine lesbare Tabelle oder beschädigt (z. B. unvollständig "
            f"heruntergeladen oder umbenannt). Genauer: {_short(exc)}",
        ) from None
    try:
        names = list(book.sheet_names)
        if not names:
            raise SpreadsheetError(path, "Die Datei enthält keine Tabellenblätter.")
        if wanted is not None and wanted not in names:
            listed = ", ".join(f"„{n}“" for n in names)
            raise SpreadsheetError(
                path, f"Das Tabellenblatt „{wanted}“ gibt es nicht (vorhanden: {listed})."
            )
        sheets = []
        for name in names if wanted is None else [wanted]:
            sheets.append(_load_sheet(path, book, name, measured))
        return Workbook(path, sheets)
    finally:
        book.close()


def _load_sheet(path: Path, book: Any, name: str, measured: Measurement) -> Sheet:
    import python_calamine as pc

    try:
        check_extent(name, measured.extent(name))
    except ProbeError as exc:
        raise SpreadsheetError(path, exc.message) from None
    try:
        data = book.get_sheet_by_name(name)
        rows = _bounded_rows(path, name, data, measured.may_contain_nul)
        merged = []
        try:
            for (r1, c1), (r2, c2) in data.merged_cell_ranges or []:
                merged.append((r1 + 1, c1 + 1, r2 + 1, c2 + 1))
        except (TypeError, ValueError, pc.CalamineError):
            merged = []
    except (pc.ZipError, pc.XmlError, pc.CalamineError, ValueError, OSError) as exc:
        raise SpreadsheetError(
            path,
            f"Das Tabellenblatt „{name}“ ist beschädigt und kann nicht gelesen werden ({_short(exc)}).",
        ) from None
    except BaseException as exc:
        # python-calamine 0.9 panics (pyo3 PanicException, a BaseException) on some values,
        # e.g. a large negative number in a cell formatted as a date (upstream issue #139)
        if type(exc).__name__ != "PanicException":
            raise
        raise SpreadsheetError(
            path,
            f"Im Tabellenblatt „{name}“ steht ein Wert, der sich nicht lesen lässt – meist ein "
            "Datum oder eine Uhrzeit außerhalb des gültigen Bereichs (Excel zeigt dann "
            "„#####“). Bitte korrigieren Sie den Wert und speichern Sie die Datei erneut.",
        ) from None
    return Sheet(name=name, rows=rows, first_row=1, merged=merged)


def _bounded_rows(path: Path, name: str, data: Any, strip_nul: bool) -> list[list[Cell]]:
    """The sheet's rows from row 1 and column A; calamine's "" for an empty cell becomes
    None (as in the CSV reader). Refused beyond the limits even if the measurement before
    was wrong: calamine's own extent of the sheet (the area it has allocated already) is
    checked before its rows become Python lists."""
    if data.height and data.width:
        end_row, end_col = data.end
        try:
            check_extent(name, Extent(end_row + 1, end_col + 1))
        except ProbeError as exc:
            raise SpreadsheetError(path, exc.message) from None
    rows: list[list[Cell]] = data.to_python(skip_empty_area=False)
    for index, row in enumerate(rows):
        if strip_nul:
            rows[index] = [
                None
                if c == ""
                else (c.replace("\x00", "") or None if c.__class__ is str and "\x00" in c else c)
                for c in row
            ]
        elif "" in row:  # most rows of a list are full: they stay as they are
            rows[index] = [None if c == "" else c for c in row]
    return rows


def _short(exc: BaseException) -> str:
    """The library's (English) message in German (ozgdesk.errortext)."""
    from ozgdesk.errortext import describe

    return describe(exc)[:300]


# -- CSV --------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 with BOM, UTF-16 (with or without BOM), UTF-8, else
    Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 mit BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="replace"), "Windows-1252"


def _utf16_without_bom(data: bytes) -> str:
    """ "utf-16-le"/"utf-16-be" when the file looks like UTF-16 text without a byte-order
    mark (Latin text: every other byte is zero), else ""."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return ""
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= half * 0.6 and others.count(0) <= half * 0.02:
            try:
                sample.decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return ""


def detect_separator(text: str) -> str:
    """The separator that splits the first lines most consistently into several fields."""
    sample = text[:64_000]
    best, best_score = ";", -1.0
    for separator in SEPARATORS:
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=separator))[:50]
        except csv.Error:
            continue
        counts = [len(r) for r in rows if len(r) > 1]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * (mode - 1)
        if score > best_score:
            best, best_score = separator, score
    return best


def _read_csv(path: Path) -> Workbook:
    try:
        size = path.stat().st_size
        if size > limits.MAX_TEXT_BYTES:
            raise SpreadsheetError(
                path,
                f"Die Datei ist {limits.megabytes(size)} groß; ozgdesk liest CSV-Dateien bis "
                f"{limits.megabytes(limits.MAX_TEXT_BYTES)}. {limits.what_to_do()}",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(
            path, f"Die Datei kann nicht gelesen werden ({exc.strerror})."
        ) from exc
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or bool(_utf16_without_bom(data))
    if b"\x00" in data[:4096] and not utf16:
        raise SpreadsheetError(
            path,
            "Die Datei ist keine Textdatei (CSV), sondern enthält Binärdaten – vielleicht ein Bild "
            "oder eine umbenannte Excel-Datei.",
        )
    text, encoding = decode(data)
    del data
    if not text.strip():
        raise SpreadsheetError(path, "Die Datei ist leer.")
    _check_text(path, text)
    separator = detect_separator(text)
    csv.field_size_limit(limits.MAX_FIELD_CHARS)  # the module's default, made explicit
    rows: list[list[Cell]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False)
    previous_end = 0
    cells = 0
    try:
        for row in reader:
            if len(rows) >= limits.MAX_ROWS or len(row) > limits.MAX_COLUMNS:
                _too_many(path, previous_end + 1, len(rows) >= limits.MAX_ROWS, len(row))
            cells += len(row)
            if cells > limits.MAX_CELLS:
                raise SpreadsheetError(
                    path,
                    f"Bis Zeile {number(previous_end + 1)} enthält die Datei schon mehr als "
                    f"{number(limits.MAX_CELLS)} Felder; ozgdesk liest höchstens so viele. "
                    + limits.what_to_do(),
                )
            rows.append([cell or None for cell in row])  # "" → None, like an empty Excel cell
            lines.append(previous_end + 1)
            previous_end = reader.line_num
    except csv.Error as exc:
        raise SpreadsheetError(
            path,
            f"Die CSV-Datei ist ab Zeile {previous_end + 1} fehlerhaft aufgebaut (ein Feld ist "
            f"länger als {number(limits.MAX_FIELD_CHARS)} Zeichen oder ein Anführungszeichen "
            f"wird nicht geschlossen). Genauer: {_short(exc)}",
        ) from None
    if any(c is not None and ("\n" in c or "\r" in c) for row in rows for c in row):
        broken = _open_quote_line(text, separator)
        if broken:
            raise SpreadsheetError(
                path,
                f'In Zeile {broken} der CSV-Datei wird ein Anführungszeichen (") nicht richtig '
                "geschlossen; die folgenden Zeilen würden sonst unbemerkt zu einem einzigen Feld "
                "zusammengezogen. Bitte das Anführungszeichen korrigieren oder die Datei in Excel "
                "bzw. LibreOffice öffnen und neu als CSV speichern.",
            )
    sheet = Sheet(name=path.stem, rows=rows, first_row=1, line_numbers=lines)
    return Workbook(path, [sheet], encoding=encoding, separator=separator)


def _long_line(text: str, limit: int) -> int:
    """Where a line longer than ``limit`` characters starts, or -1.

    Such a line contains a whole aligned block of ``limit // 2`` characters without a
    line end; only those blocks are looked at more closely (C-speed, no copy of the
    lines)."""
    block = max(limit // 2, 1)
    for start in range(0, len(text) - block + 1, block):
        part = text[start : start + block]
        if "\n" in part or "\r" in part:
            continue
        begin = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
        end = min(ends) if ends else len(text)
        if end - begin > limit:
            return begin
    return -1


def _check_text(path: Path, text: str) -> None:
    """NUL characters anywhere and over-long lines are refused before the csv module
    reads the text (it would keep NULs and build rows from any length of line)."""
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise SpreadsheetError(
            path,
            f"In Zeile {number(line)} der Datei steht ein Nullzeichen (Binärdaten); eine CSV-Datei "
            "enthält nur Text. Bitte öffnen Sie die Datei in Excel oder LibreOffice und speichern "
            "Sie sie neu als CSV (UTF-8).",
        )
    long_line = _long_line(text, limits.MAX_LINE_CHARS)
    if long_line >= 0:
        line = text.count("\n", 0, long_line) + 1
        raise SpreadsheetError(
            path,
            f"Zeile {number(line)} der Datei ist länger als {number(limits.MAX_LINE_CHARS)} "
            f"Zeichen; ozgdesk liest höchstens so lange Zeilen. {limits.what_to_do()}",
        )


def _too_many(path: Path, line: int, rows: bool, fields: int) -> None:
    if rows:
        limit = f"mehr als {number(limits.MAX_ROWS)} Zeilen; ozgdesk liest höchstens so viele"
    else:
        limit = (
            f"in Zeile {number(line)} {number(fields)} Felder; ozgdesk liest höchstens "
            f"{number(limits.MAX_COLUMNS)} Spalten"
        )
    raise SpreadsheetError(path, f"Die Datei hat {limit}. {limits.what_to_do()}")


def _open_quote_line(text: str, separator: str) -> int:
    """The line where a quoted field starts that never closes properly, or 0.

    The tolerant reader takes a stray opening quote as the start of a field that
    runs to the next quote, often the end of the file; the strict reader refuses
    that. Only checked when some field spans lines (real multi-line cells pass).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    start = 1
    try:
        for _row in reader:
            start = reader.line_num + 1
    except csv.Error:
        return start
    return 0


def describe(book: Workbook) -> str:
    """Short German description of how a file was read (for the wizard and reports)."""
    if book.separator:
        return f"CSV, Zeichensatz {book.encoding}, Trennzeichen {SEPARATOR_NAMES[book.separator]}"
    from ozgdesk.wording import plural

    sheets = plural(len(book.sheets), "Tabellenblatt", "Tabellenblätter")
    return f"{book.path.suffix.lstrip('.').upper()}-Arbeitsmappe, {sheets}"
