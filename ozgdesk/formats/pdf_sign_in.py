"""The signature block: the sign-in sheet's table (number, name, function/office and a wide
signature column with tall rows), filled to the end of the page with empty rows. One of the
layout blocks of ``pdf_blocks``. Import lazily: this module imports reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table, TableStyle

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.pdf_blocks import text
from ozgdesk.formats.pdf_text import escape

SIGN_ROW_HEIGHT = 1.05 * cm

_SIGN_IN_LINES: list[tuple[Any, ...]] = [
    ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, pb.RULE),
    ("LINEBEFORE", (3, 0), (3, -1), 0.5, pb.RULE),
    ("LINEBEFORE", (0, 0), (0, -1), 0.5, pb.RULE),
    ("LINEAFTER", (-1, 0), (-1, -1), 0.5, pb.RULE),
]


def _blank_rows(first: int, count: int) -> list[list[Any]]:
    style = pb.styles()["table_number"]
    return [[text(str(n), style), "", "", ""] for n in range(first, first + count)]


class _FillRows(Flowable):
    """Empty sign-in rows that fill the rest of the page (none if no row fits)."""

    def __init__(self, first: int, widths: Sequence[float]) -> None:
        super().__init__()
        self.first = first
        self.widths = list(widths)
        self.table: Table | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        count = int((availHeight - 1) // SIGN_ROW_HEIGHT)
        if count <= 0:
            self.table = None
            return availWidth, 0
        self.table = Table(
            _blank_rows(self.first, count),
            colWidths=self.widths,
            rowHeights=[SIGN_ROW_HEIGHT] * count,
            hAlign="LEFT",
        )
        self.table.setStyle(TableStyle(_SIGN_IN_LINES))
        _, height = self.table.wrap(availWidth, availHeight)
        return availWidth, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # never carried over to a new page

    def draw(self) -> None:
        if self.table is not None:
            self.table.drawOn(self.canv, 0, 0)


def sign_in(
    people: Sequence[tuple[str, str]], width: float, *, blank_rows: int = 6
) -> list[Flowable]:
    """The sign-in table: number, name (bold), function/office and a wide signature column
    with tall rows; ``blank_rows`` empty rows at least, then the page is filled with more.
    Names and functions keep two lines (the row height is fixed)."""
    st = pb.styles()
    name_style = ParagraphStyle("sign_name", parent=st["table_cell"], fontName=pb.FONT_BOLD)
    body: list[list[Any]] = [["Nr.", "Name", "Funktion / Amt", "Unterschrift"]]
    for number, (name, function) in enumerate(people, start=1):
        body.append(
            [
                text(str(number), st["table_number"]),
                text(escape(name), name_style, 2),
                text(escape(function), st["table_cell"], 2),
                "",
            ]
        )
    blank_rows = max(blank_rows, 0)
    body += _blank_rows(len(people) + 1, blank_rows)
    widths = [0.9 * cm, 4.6 * cm, 0, 5.6 * cm]
    widths[2] = width - sum(widths)
    result = Table(
        body,
        colWidths=widths,
        rowHeights=[None] + [SIGN_ROW_HEIGHT] * (len(body) - 1),
        repeatRows=1,
        hAlign="LEFT",
    )
    result.setStyle(
        TableStyle(
            [
                *_SIGN_IN_LINES,
                ("FONTNAME", (0, 0), (-1, 0), pb.FONT_BOLD),
                ("FONTSIZE", (0, 0), (-1, 0), 8),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("BACKGROUND", (0, 0), (-1, 0), pb.ACCENT),
                ("ALIGN", (0, 0), (0, 0), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, pb.RULE),
            ]
        )
    )
    return [result, _FillRows(len(people) + blank_rows + 1, widths)]
