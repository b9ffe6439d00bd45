"""The size limits for files that ozgdesk reads (service lists, returned forms).

One place for all of them: the spreadsheet reader measures what a file claims
*before* the native reader (python-calamine) sees it, and refuses anything beyond
these limits with a German message that names the file and the limit. A service
list of a municipality has a few thousand rows and a few dozen columns (the NRW
catalogue: 5,251 rows, 20 columns), so the limits leave a wide margin for real
lists while keeping time and memory bounded (a few seconds, a few hundred MB)
whatever a file says. README.md ("Grenzen beim Import") lists them for users.
"""

from __future__ import annotations

from ozgdesk.wording import number

MAX_ROWS = 200_000
"""Rows of a sheet, counted from row 1 to the last row with a value."""

MAX_COLUMNS = 256
"""Columns of a sheet, counted from column A to the last column with a value (IV)."""

MAX_CELLS = 2_000_000
"""Rows × columns of that area (e.g. 100,000 rows × 20 columns); what keeps the memory of
a sheet that is read below a few hundred MB."""

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""An .xlsx/.xlsm/.ods file is a zip archive: its parts together, unpacked."""

MAX_STRINGS_BYTES = 64 * 1024 * 1024
"""The table of shared strings of an .xlsx (calamine holds all of it while reading)."""

MAX_RATIO = 100
"""How much a part may grow when unpacked, for parts beyond RATIO_MIN_BYTES."""

RATIO_MIN_BYTES = 16 * 1024 * 1024

MAX_TEXT_BYTES = 50 * 1024 * 1024
"""A CSV or text file."""

MAX_LINE_CHARS = 1_000_000
"""One line of a CSV file."""

MAX_FIELD_CHARS = 131_072
"""One field of a CSV file (the csv module's default limit)."""


def megabytes(size: int) -> str:
    return f"{number(size / (1024 * 1024), 0)} MB"


def what_to_do() -> str:
    return (
        "Eine Leistungsliste ist viel kleiner; vermutlich ist die Datei beschädigt, enthält "
        "versehentlich gefüllte Zellen weit außerhalb der Liste oder ist keine Leistungsliste. "
        "Bitte kopieren Sie nur den Bereich mit den Leistungen in eine neue Tabelle und "
        "importieren Sie diese."
    )
