"""The .ods and .xls halves of :mod:`ozgdesk.formats.workbook_probe`.

.ods: rows and columns including ``number-rows-repeated`` and
``number-columns-repeated`` (repeats of empty cells and rows after the last value do
not count, as in calamine), read with lxml. .xls: the DIMENSIONS record (calamine
reserves what it claims) and the cell records of every sheet, read from the OLE
container with olefile.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ozgdesk.formats import limits
from ozgdesk.formats.workbook_probe import (
    Extent,
    Measurement,
    ProbeError,
    _Budget,
    _BudgetReader,
    _iterparse,
    _local,
    _too_large,
    check_extent,
)

# -- ods ----------------------------------------------------------------------------------


def _repeat(element: Any, attribute: str) -> int:
    best = 1
    for key, value in element.attrib.items():
        if _local(key) == attribute:
            try:
                best = max(best, int(value))
            except ValueError:
                continue
    return best


def _ods_filled(element: Any) -> bool:
    if any(_local(k) == "value-type" for k in element.attrib):
        return True
    return bool(len(element) or (element.text or "").strip())


def measure_ods(archive: zipfile.ZipFile) -> Measurement:
    from lxml import etree

    result = Measurement(may_contain_nul=True, eager=True)  # may_contain_nul: &#0;
    try:
        info = archive.getinfo("content.xml")
    except KeyError:
        return result
    budget = _Budget()
    table = ""
    extent = Extent()
    row_at = 0  # rows so far in this table
    col_at = 0  # columns so far in this row
    row_last = 0  # last filled column of this row
    with archive.open(info) as stream:
        try:
            for event, element in _iterparse(_BudgetReader(stream, budget), ("start", "end")):
                name = _local(element.tag)
                if name == "table":
                    if event == "start":
                        table = str(element.get(f"{{{_TABLE_NS}}}name") or _any_name(element))
                        extent, row_at = Extent(), 0
                        result.sheets[table] = extent
                    else:
                        element.clear()
                elif name == "table-row":
                    if event == "start":
                        col_at = row_last = 0
                    else:
                        repeats = _repeat(element, "number-rows-repeated")
                        if row_last:
                            extent.grow(row_at + repeats, row_last)
                        row_at += repeats
                        element.clear()
                elif name in ("table-cell", "covered-table-cell") and event == "end":
                    repeats = _repeat(element, "number-columns-repeated")
                    col_at += repeats
                    if _ods_filled(element):
                        row_last = col_at
                    element.clear()
        except etree.XMLSyntaxError:
            pass  # calamine refuses the file itself
    return result


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _any_name(element: Any) -> str:
    for key, value in element.attrib.items():
        if _local(key) == "name":
            return str(value)
    return ""


# -- xls (BIFF in an OLE compound file) ---------------------------------------------------

_BOUNDSHEET = 0x0085
_BOF = 0x0809
_EOF = 0x000A
_DIMENSIONS = 0x0200
# cells calamine keeps: Number, Label, RString, BoolErr, Rk, LabelSst, Formula
_CELLS = {0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006}
_MULRK = 0x00BD


def measure_xls(path: Path) -> Measurement:
    import olefile

    result = Measurement(may_contain_nul=True, eager=True)  # BIFF strings may hold NULs
    try:
        if not olefile.isOleFile(str(path)):
            return result
        with olefile.OleFileIO(str(path)) as ole:
            stream_name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if stream_name is None:
                return result
            if ole.get_size(stream_name) > limits.MAX_UNCOMPRESSED_BYTES:
                raise ProbeError(_too_large(ole.get_size(stream_name)))
            data = ole.openstream(stream_name).read()
    except (OSError, ValueError, struct.error, IndexError):
        return result  # calamine says what is wrong with it
    except Exception as exc:  # noqa: BLE001 - olefile raises plain exceptions on damage
        if isinstance(exc, ProbeError):
            raise
        return result
    for name, offset in _boundsheets(data):
        result.sheets[name] = _xls_sheet(name, data, offset)
    return result


def _records(data: bytes, offset: int) -> Iterator[tuple[int, bytes]]:
    end = len(data)
    while offset + 4 <= end:
        typ, size = struct.unpack_from("<HH", data, offset)
        yield typ, data[offset + 4 : offset + 4 + size]
        offset += 4 + size


def _boundsheets(data: bytes) -> list[tuple[str, int]]:
    sheets = []
    for typ, body in _records(data, 0):
        if typ == _EOF:
            break
        if typ == _BOUNDSHEET and len(body) >= 8:
            (offset,) = struct.unpack_from("<I", body, 0)
            cch, flags = body[6], body[7]
            raw = body[8:]
            if flags & 1:
                name = raw[: cch * 2].decode("utf-16-le", errors="replace")
            else:
                name = raw[:cch].decode("latin-1")
            if body[5] == 0:  # worksheets only (no charts, macros)
                sheets.append((name, offset))
    return sheets


def _xls_sheet(name: str, data: bytes, offset: int) -> Extent:
    extent = Extent()
    depth = 0
    for typ, body in _records(data, offset):
        if typ == _BOF:
            depth += 1
        elif typ == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif typ == _DIMENSIONS:
            _check_dimensions(name, body)
        elif typ in _CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body, 0)
            extent.grow(row + 1, col + 1)
        elif typ == _MULRK and len(body) >= 6:
            row, _first = struct.unpack_from("<HH", body, 0)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            extent.grow(row + 1, last + 1)
    return extent


def _check_dimensions(name: str, body: bytes) -> None:
    """calamine reserves rows × columns of what DIMENSIONS claims."""
    if len(body) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body, 0)
    elif len(body) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body, 0)
    else:
        return
    if first_col > 0xFF or last_col < first_col:
        first_col = 0
    if last_row < 1 or last_col < 1:
        return
    if last_row - 1 < first_row or last_col - 1 < first_col:
        raise ProbeError(
            f"Das Tabellenblatt „{name}“ ist beschädigt (seine Größenangabe ist widersprüchlich). "
            "Bitte öffnen Sie die Datei in Excel oder LibreOffice und speichern Sie sie neu."
        )
    claimed = Extent(last_row - first_row, last_col - first_col)
    try:
        check_extent(name, claimed)
    except ProbeError as exc:
        raise ProbeError("Laut seiner Größenangabe: " + exc.message) from None
