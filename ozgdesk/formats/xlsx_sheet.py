"""What every ozgdesk workbook sheet shares: dates as real dates with a German number
format, and the print layout.

Dates: a ``date`` becomes a date cell shown "TT.MM.JJJJ", a ``datetime`` one shown
"TT.MM.JJJJ hh:mm" (in local time: Excel knows no time zones, so an aware value is
converted first). Excel and LibreOffice sort and filter such cells as dates.

Print layout (:func:`print_layout`): paper A4; landscape when the columns are wider than
a portrait page; the header row(s) repeated on every page; one page wide when that keeps
the text readable (at least about 40 %), otherwise the sheet runs over several pages
across and the first columns (key and name) are repeated on each; a page header with the
municipality, the sheet's heading and the day, and "Seite x von y" at the foot.

Works on normal and on write-only (streaming) sheets. Import lazily: it imports openpyxl.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
# Column widths (Excel's character units) that fit on one A4 page at 100 %.
PORTRAIT_WIDTH = 95.0
LANDSCAPE_WIDTH = 140.0
# Up to this width a sheet is printed one page wide (landscape, scaled to about 40 %).
FIT_WIDTH_LIMIT = 340.0


def excel_date(value: date) -> date:
    """A date or datetime as a cell takes it: a datetime in local time without zone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    return value


def date_format(value: date) -> str:
    """The German number format for a date (or datetime) cell."""
    return DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT


def header_text(text: str, limit: int = 80) -> str:
    """Text for a print header: shortened, and "&" (which starts a code there) doubled."""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("&", "&&")


def print_layout(
    ws: Worksheet | WriteOnlyWorksheet,
    widths: Sequence[float],
    *,
    title_rows: str = "1:1",
    repeat_columns: str = "A:B",
    municipality: str = "",
    heading: str = "",
    day: date | None = None,
    orientation: str = "",
) -> None:
    """Set up the printing of ``ws`` whose columns have ``widths`` (see module text).

    ``title_rows`` repeat on every page ("" for none); ``repeat_columns`` repeat on every
    page when the sheet is too wide to print one page wide ("" for none); ``orientation``
    ("portrait", "landscape") overrides the choice by width, e.g. for a page of text.
    """
    total = float(sum(widths))
    setup = ws.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.orientation = orientation or ("landscape" if total > PORTRAIT_WIDTH else "portrait")
    if total <= FIT_WIDTH_LIMIT:
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    elif repeat_columns:
        ws.print_title_cols = repeat_columns
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = total <= LANDSCAPE_WIDTH
    header = ws.HeaderFooter.oddHeader
    if municipality:
        header.left.text = header_text(municipality, 60)
    if heading:
        header.center.text = header_text(heading)
    if day is not None:
        header.right.text = f"Stand: {day:%d.%m.%Y}"
    ws.HeaderFooter.oddFooter.right.text = "Seite &P von &N"
