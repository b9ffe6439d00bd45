"""Measure what a workbook claims before python-calamine reads it.

python-calamine allocates the whole area from A1 to the last filled cell at once,
trusts the repeat counts of an .ods file, the DIMENSIONS record of an .xls file and
the string count of an .xlsx file, and aborts the whole process (no exception)
when such an allocation fails. So every workbook is measured here first, with
bounded memory and without calamine:

- .xlsx/.xlsm/.ods (zip archives): the unpacked sizes and compression ratios of
  their parts (zip bombs), counting the bytes really unpacked, not only what the
  archive declares;
- .xlsx/.xlsm: the last row and column that hold a cell, in each worksheet part
  (the ``r`` references, or calamine's own counting where a file leaves them out),
  and the declared number of shared strings;
- .ods: rows and columns including ``number-rows-repeated`` and
  ``number-columns-repeated`` (repeats of empty cells and rows after the last
  value do not count, as in calamine);
- .xls: the DIMENSIONS record and the cell records of every sheet.

Anything beyond :mod:`ozgdesk.formats.limits` raises :class:`ProbeError` with a
German message; :mod:`ozgdesk.formats.spreadsheet` turns it into its own error.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ozgdesk.formats import limits
from ozgdesk.wording import number

CHUNK = 4 * 1024 * 1024
# what unpacking a damaged archive part raises
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    struct.error,
)


class ProbeError(Exception):
    """The file is beyond the limits or cannot be measured; nothing was read."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class Extent:
    """The area python-calamine will allocate for a sheet: rows × columns from A1."""

    rows: int = 0
    columns: int = 0

    def grow(self, rows: int, columns: int) -> None:
        if rows > self.rows:
            self.rows = rows
        if columns > self.columns:
            self.columns = columns


@dataclass
class Measurement:
    sheets: dict[str, Extent] = field(default_factory=dict)  # sheet name (or part) → extent
    may_contain_nul: bool = False  # cells may hold NUL characters (escaped in the file)
    # calamine reads every sheet of .ods and .xls files when it opens them: all are checked
    eager: bool = False

    def extent(self, sheet: str) -> Extent:
        """The sheet's extent; for a sheet that could not be matched, the largest."""
        if sheet in self.sheets:
            return self.sheets[sheet]
        largest = Extent()
        for extent in self.sheets.values():
            largest.grow(extent.rows, extent.columns)
        return largest


def column_letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def _column_number(letters: bytes) -> int:
    value = 0
    for byte in letters.upper():
        value = value * 26 + byte - 64
    return value


def check_extent(sheet: str, extent: Extent) -> None:
    """Refuse a sheet whose area is beyond the limits."""
    where = f"Das Tabellenblatt „{sheet}“ reicht bis Zeile {number(extent.rows)}, Spalte " + (
        f"{column_letters(extent.columns)} (Zelle {column_letters(extent.columns)}{extent.rows})"
        if extent.columns <= 16_384
        else number(extent.columns)
    )
    if extent.rows > limits.MAX_ROWS:
        limit = f"höchstens {number(limits.MAX_ROWS)} Zeilen"
    elif extent.columns > limits.MAX_COLUMNS:
        limit = f"höchstens {number(limits.MAX_COLUMNS)} Spalten (bis Spalte {column_letters(limits.MAX_COLUMNS)})"
    elif extent.rows * extent.columns > limits.MAX_CELLS:
        limit = (
            f"höchstens {number(limits.MAX_CELLS)} Zellen (Zeilen × Spalten); hier wären es "
            f"{number(extent.rows * extent.columns)}"
        )
    else:
        return
    raise ProbeError(f"{where}. ozgdesk liest je Tabellenblatt {limit}. {limits.what_to_do()}")


def measure(path: Path) -> Measurement:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods"):
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError):
            return Measurement()  # not a zip: calamine says what is wrong with it
        with archive:
            _check_archive(archive)
            try:
                if suffix == ".ods":
                    from ozgdesk.formats.workbook_probe_ods_xls import measure_ods

                    return measure_ods(archive)
                return _measure_xlsx(archive)
            except _DAMAGED as exc:
                raise ProbeError(
                    "Die Datei ist beschädigt (ein Teil des Archivs lässt sich nicht entpacken: "
                    f"{str(exc)[:120]})."
                ) from None
    if suffix == ".xls":
        from ozgdesk.formats.workbook_probe_ods_xls import measure_xls

        return measure_xls(path)
    return Measurement()


# -- zip archives -----------------------------------------------------------------------


def _check_archive(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > limits.RATIO_MIN_BYTES and info.file_size > limits.MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise ProbeError(
                f"Der Teil „{info.filename}“ der Datei wächst beim Entpacken auf das "
                f"{number(info.file_size // max(info.compress_size, 1))}-Fache "
                f"({limits.megabytes(info.file_size)}); ozgdesk lässt höchstens das "
                f"{number(limits.MAX_RATIO)}-Fache zu (Schutz vor „Zip-Bomben“). "
                + limits.what_to_do()
            )
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise ProbeError(_too_large(total))


def _too_large(size: int, at_least: bool = False) -> str:
    return (
        f"Die Datei ist entpackt {'mehr als ' if at_least else ''}{limits.megabytes(size)} groß; "
        f"ozgdesk liest höchstens {limits.megabytes(limits.MAX_UNCOMPRESSED_BYTES)}. "
        + limits.what_to_do()
    )


class _Budget:
    """Bytes really unpacked, over all parts (an archive may understate its sizes)."""

    def __init__(self) -> None:
        self.used = 0

    def chunks(self, stream: IO[bytes]) -> Iterator[bytes]:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                return
            self.used += len(chunk)
            if self.used > limits.MAX_UNCOMPRESSED_BYTES:
                raise ProbeError(_too_large(limits.MAX_UNCOMPRESSED_BYTES, at_least=True))
            yield chunk


class _BudgetReader:
    """A file-like view of a zip part for lxml, counted against the budget."""

    def __init__(self, stream: IO[bytes], budget: _Budget) -> None:
        self._chunks = budget.chunks(stream)
        self._rest = b""

    def read(self, size: int = -1) -> bytes:
        if not self._rest:
            self._rest = next(self._chunks, b"")
        if size < 0 or size >= len(self._rest):
            data, self._rest = self._rest, b""
        else:
            data, self._rest = self._rest[:size], self._rest[size:]
        return data


# -- xlsx ---------------------------------------------------------------------------------

_PREFIX = rb"(?:[A-Za-z_][\w.\-]*:)?"
# a cell start tag (not self-closing: calamine skips those) with an r="B12" reference
_CELL_WITH_REF = re.compile(
    rb"<" + _PREFIX + rb"c\s[^>]*?(?<=\s)r\s*=\s*[\"']([A-Za-z]{1,7})([0-9]{1,10})[\"'][^>]*(?<!/)>"
)
_CELL_ANY = re.compile(rb"<" + _PREFIX + rb"c(?:\s[^>]*)?(?<!/)>")
_SST = re.compile(rb"<" + _PREFIX + rb"sst\s[^>]*")
_UNIQUE_COUNT = re.compile(rb"uniqueCount\s*=\s*[\"']\s*([0-9]+)")


def _measure_xlsx(archive: zipfile.ZipFile) -> Measurement:
    result = Measurement()
    names = _xlsx_sheet_names(archive)
    budget = _Budget()
    for info in archive.infolist():
        if info.is_dir():
            continue
        extent, nul = _scan_xml_part(archive, info, budget)
        result.may_contain_nul |= nul
        if extent is not None:
            result.sheets[names.get(info.filename, info.filename)] = extent
    return result


def _scan_xml_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget
) -> tuple[Extent | None, bool]:
    """The extent of a worksheet part (None for other parts) and whether it may hold NULs.

    The quick pass reads the ``<c r="B12"`` tags as Excel and most programs write them
    (counting formatted empty cells too, so it may overstate); where a file writes
    cells differently, or the quick extent is beyond the limits, the precise pass
    decides (it skips empty cells, like calamine)."""
    quick = _Scan()
    size = 0
    for block in _blocks(archive, info, budget, check_strings=True):
        size += len(block)
        if quick.strings and size > limits.MAX_STRINGS_BYTES:
            raise ProbeError(
                f"Die Tabelle der Texte („{info.filename}“) ist entpackt mehr als "
                f"{limits.megabytes(limits.MAX_STRINGS_BYTES)} groß; ozgdesk liest höchstens so "
                "viel. " + limits.what_to_do()
            )
        quick.quick(block)
    if quick.cells == 0 and not quick.odd:
        return None, quick.nul
    if not quick.odd and within_limits(quick.extent):
        return quick.extent, quick.nul
    precise = _Scan()
    for block in _blocks(archive, info, _Budget()):
        precise.precise(block)
    if precise.cells_any == 0:
        return None, quick.nul
    if precise.cells_any != precise.cells:  # cells without (plain) references
        return _count_like_calamine(archive, info), quick.nul
    return precise.extent, quick.nul


def _blocks(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, check_strings: bool = False
) -> Iterator[bytes]:
    """The unpacked part in blocks that end before a ``<`` (no tag is cut in two)."""
    carry = b""
    first = True
    with archive.open(info) as stream:
        for chunk in budget.chunks(stream):
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                cut = len(data)
            block, carry = data[:cut], data[cut:]
            if first and check_strings:
                _check_shared_strings(info.filename, block)
            first = False
            yield block
    if carry:
        yield carry


# the cell tags as Excel and most programs write them: <c r="B12" ...; their rows and columns
_QUICK_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_QUICK_COLUMNS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
# cell tags written otherwise (<c>, a line break after "c", a namespace prefix such as <x:c);
# separate patterns, as each starts with a literal the search skips ahead to (together they
# take ten times as long)
_ODD_CELLS = (re.compile(rb"<c[>/\t\n\r]"), re.compile(rb":c[\s>/]"))
_NOT_QUICK = rb'(?!r="[A-Z]{1,3}[0-9]{1,7}")'  # after "<c ": attributes in another order
_NUL_ESCAPES = (re.compile(rb"_[xX]0000_"), re.compile(rb"&#[xX]?0+;"))
_SAMPLE = 65_536  # bytes at either end of a block whose cells propose the block's extent


def _greater_letters(letters: str) -> str:
    """A regular expression for column letters (1 to 3) after ``letters``."""
    options = [f"[A-Z]{{{len(letters) + 1},3}}"] if len(letters) < 3 else []
    for i, letter in enumerate(letters):
        if letter != "Z":
            rest = len(letters) - i - 1
            options.append(letters[:i] + f"[{chr(ord(letter) + 1)}-Z]" + f"[A-Z]{{{rest}}}")
    return "|".join(options) or "(?!)"


def _greater_number(digits: str) -> str:
    """A regular expression for row numbers (1 to 7 digits, no leading zero) above ``digits``."""
    options = [f"[0-9]{{{len(digits) + 1},7}}"] if len(digits) < 7 else []
    for i, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - i - 1
            options.append(digits[:i] + f"[{int(digit) + 1}-9]" + f"[0-9]{{{rest}}}")
    return "|".join(options) or "(?!)"


class _Scan:
    def __init__(self) -> None:
        self.extent = Extent()
        self.cells = 0  # cells with a reference the pass understood (quick pass: > 0 if any)
        self.cells_any = 0  # all non-empty cell tags (precise pass)
        self.odd = False  # cell tags the quick pass does not understand
        self.nul = False
        self.strings = False  # the part is the table of shared strings
        self._beyond: tuple[tuple[bytes, bytes], re.Pattern[bytes]] | None = None

    def quick(self, block: bytes) -> None:
        """Every cell tag must be ``<c r="B12"``; the block's extent is proposed by the cells
        at its ends (the last row, the widest columns there) and confirmed by one search for
        a cell beyond it. Only where one is found are all references read and compared."""
        if not self.extent.rows and not self.strings:
            self.strings = _SST.search(block[:65_536]) is not None
        if not self.nul:
            self.nul = any(p.search(block) for p in _NUL_ESCAPES)
        if any(p.search(block) for p in _ODD_CELLS):
            self.odd = True
            return
        last = block.rfind(b"<c ")
        if last < 0:
            return
        found = _QUICK_CELL.match(block, last)
        if found is None:  # the last cell tag is written otherwise
            self.odd = True
            return
        self.cells += 1
        columns = set(_QUICK_COLUMNS.findall(block, 0, _SAMPLE))
        columns.update(_QUICK_COLUMNS.findall(block, max(len(block) - _SAMPLE, 0)))
        row, column = found.group(2), max(columns, key=lambda c: (len(c), c))
        beyond = None if row[:1] == b"0" else self._beyond_search(column, row).search(block)
        if beyond is not None and beyond.end() - beyond.start() == 3:  # "<c " not quick
            self.odd = True
            return
        if beyond is None and row[:1] != b"0":
            self.extent.grow(int(row), _column_number(column))
            return
        cells = _QUICK_CELL.findall(block)  # (column, row) of every cell
        if len(cells) != block.count(b"<c "):
            self.odd = True
            return
        self.extent.grow(
            max(int(r) for _c, r in cells), max(_column_number(c) for c in {c for c, _r in cells})
        )

    def _beyond_search(self, column: bytes, row: bytes) -> re.Pattern[bytes]:
        """The first cell tag with a column after ``column`` or a row after ``row``, or one
        the quick pass cannot read (then the match is just "<c ")."""
        if self._beyond is None or self._beyond[0] != (column, row):
            after = (
                f'r="(?:(?:{_greater_letters(column.decode())})[0-9]|[A-Z]{{1,3}}'
                f'(?:{_greater_number(row.decode())})")'
            )
            pattern = b"<c (?:" + after.encode() + b"|" + _NOT_QUICK + b")"
            self._beyond = ((column, row), re.compile(pattern))
        return self._beyond[1]

    def precise(self, block: bytes) -> None:
        found = _CELL_WITH_REF.findall(block)
        if found:
            columns, rows = zip(*found, strict=True)
            self.extent.grow(max(map(int, rows)), max(map(_column_number, set(columns))))
            self.cells += len(found)
        self.cells_any += len(_CELL_ANY.findall(block))


def within_limits(extent: Extent) -> bool:
    return (
        extent.rows <= limits.MAX_ROWS
        and extent.columns <= limits.MAX_COLUMNS
        and extent.rows * extent.columns <= limits.MAX_CELLS
    )


def _check_shared_strings(name: str, head: bytes) -> None:
    match = _SST.search(head[:65_536])
    if match is None:
        return
    count = _UNIQUE_COUNT.search(match.group(0))
    if count is not None and int(count.group(1)) > limits.MAX_CELLS:
        raise ProbeError(
            f"Die Datei gibt an, {number(int(count.group(1)))} verschiedene Texte zu enthalten "
            f"(„{name}“); ozgdesk liest höchstens {number(limits.MAX_CELLS)} Zellen. "
            + limits.what_to_do()
        )


def _iterparse(source: object, events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    from lxml import etree

    return etree.iterparse(
        source, events=events, resolve_entities=False, no_network=True, huge_tree=False
    )


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _count_like_calamine(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Extent:
    """Positions as calamine assigns them: a cell without ``r`` follows the previous
    one, a row without ``r`` the previous row."""
    from lxml import etree

    extent = Extent()
    row = col = 0  # 0-based, like calamine
    with archive.open(info) as stream:
        reader = _BudgetReader(stream, _Budget())
        try:
            for event, element in _iterparse(reader, ("start", "end")):
                name = _local(element.tag)
                if name == "row":
                    if event == "start":
                        ref = element.get("r")
                        if ref is not None and ref.strip().isdigit():
                            row = max(int(ref) - 1, 0)
                    else:
                        row, col = row + 1, 0
                        element.clear()
                elif name == "c" and event == "end":
                    ref = element.get("r")
                    match = re.fullmatch(r"\s*([A-Za-z]{1,7})([0-9]{1,10})\s*", ref or "")
                    if match:
                        col = _column_number(match.group(1).encode()) - 1
                        position = (int(match.group(2)) - 1, col)
                    else:
                        position = (row, col)
                    if len(element) or (element.text or "").strip():
                        extent.grow(position[0] + 1, position[1] + 1)
                    col += 1
                    element.clear()
        except etree.XMLSyntaxError:
            pass  # calamine refuses the part itself
    return extent


def _xlsx_sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, from workbook.xml and its relationships."""
    from lxml import etree

    try:
        workbook = _small_xml(archive, "xl/workbook.xml")
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, etree.XMLSyntaxError, ProbeError, *_DAMAGED):
        return {}
    targets = {}
    for rel in rels.iter():
        if _local(rel.tag) == "Relationship" and rel.get("Id") and rel.get("Target"):
            target = str(rel.get("Target"))
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id")] = str(PurePosixPath(part))
    names = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        if rid in targets and sheet.get("name"):
            names[targets[rid]] = str(sheet.get("name"))
    return names


def _small_xml(archive: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    if archive.getinfo(name).file_size > 16 * 1024 * 1024:
        raise ProbeError("")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(archive.read(name), parser)
