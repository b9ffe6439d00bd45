"""The layout blocks every ozgdesk PDF is composed of.

- :func:`title_block`: the document title with "Stand: …" on its right and a subtitle;
- :func:`facts`: labels and values in a shaded box (when, where, contact point …);
- :func:`figures`: the row of key figures (a big number with a label under it);
- :func:`callout`: a note with a coloured bar at the left;
- :func:`table`: a table in the house style (blue header repeated on every page, zebra
  rows, numbers right, a total row);
- :func:`section`: a heading that is also a bookmark of the PDF's outline;
- :func:`part`: the start of a part of a combined print (own bookmark and page numbers,
  always on an odd page for duplex printing);
- ``pdf_sign_in.sign_in``: the sign-in sheet's table with tall rows and a signature column.

Every text goes through :class:`~ozgdesk.formats.pdf_text.Text`: lines break between words,
after hyphens and slashes, addresses after "@", "." or "/"; a cell keeps at most a number of
lines (a table row cannot be split over pages) and is shortened with "…" beyond, so no text
length makes the layout fail. Every table sets its font: an empty cell would otherwise make
reportlab reference (and not embed) Helvetica.

Import lazily: this module imports reportlab.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.pdf_text import Text, escape, shorten

CELL_LINES = 12  # most lines of a table cell (longer text is shortened with "…")
TITLE_LINES = 3
TITLE_CHARS = 120
SUBTITLE_CHARS = 400  # a subtitle is a line of facts: shortened with "…" beyond
VALUE_LINES = 8
BOOKMARK_CHARS = 120

_keys = itertools.count(1)


def text(markup: str, style: ParagraphStyle | str = "body", max_lines: int | None = None) -> Text:
    """A paragraph of ``markup`` (already escaped) in ``style`` (a style or its name)."""
    if isinstance(style, str):
        style = pb.styles()[style]
    return Text(markup, style, max_lines=max_lines, bold_font=pb.FONT_BOLD)


def plain(value: str, style: ParagraphStyle | str = "body", max_lines: int | None = None) -> Text:
    """A paragraph of plain text (escaped here)."""
    return text(escape(value), style, max_lines)


def style_of(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle that names our font first (see the module)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), pb.FONT), *commands])


# -- title ---------------------------------------------------------------------------------------


def title_block(
    title: str,
    width: float,
    *,
    right: str = "",
    subtitle: str = "",
    right_width: float = 3.6 * cm,
    gap: float = 4,
) -> list[Flowable]:
    """The title with a small text on its right ("Stand: …") sharing the baseline, and an
    optional subtitle (plain text, at most ``SUBTITLE_CHARS``). A title longer than ``TITLE_CHARS`` is shortened with
    "…" and given in full below it, where it can run over lines and pages."""
    st = pb.styles()
    full = ""
    if len(title) > TITLE_CHARS:
        full, title = title, shorten(title, TITLE_CHARS)
    right_width = right_width if right else 0.01
    row = Table(
        [
            [
                text(escape(title), st["title"], TITLE_LINES),
                text(escape(right), st["date"], 2),
            ]
        ],
        colWidths=[width - right_width, right_width],
        hAlign="LEFT",
    )
    row.setStyle(
        style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
                ("BOTTOMPADDING", (1, 0), (1, 0), gap + 1.5),
            ]
        )
    )
    flow: list[Flowable] = [row]
    if full:
        flow.append(text(escape(full), st["subtitle"]))
    if subtitle:
        flow.append(text(escape(shorten(subtitle, SUBTITLE_CHARS)), st["subtitle"]))
    return flow


def stand(day: Any) -> str:
    return f"Stand: {pb.german_date(day)}"


# -- boxes ---------------------------------------------------------------------------------------


def callout(
    content: Flowable | Sequence[Flowable],
    width: float,
    fill: colors.Color = pb.SHADE,
    edge: colors.Color = pb.ACCENT,
    *,
    padding: tuple[float, float, float, float] = (8, 6, 5, 6),
) -> Table:
    """A full-width box with a coloured bar at the left; padding left, right, top, bottom."""
    left, right, top, bottom = padding
    box = Table([[content]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        style_of(
            [
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, edge),
                ("LEFTPADDING", (0, 0), (-1, -1), left),
                ("RIGHTPADDING", (0, 0), (-1, -1), right),
                ("TOPPADDING", (0, 0), (-1, -1), top),
                ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
            ]
        )
    )
    return box


def shaded_rows(rows: list[list[Any]], widths: Sequence[float]) -> Table:
    """Rows in a shaded box with the blue bar (contacts, facts)."""
    table = Table(rows, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), pb.SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, pb.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return table


def facts(
    items: Sequence[tuple[str, str]],
    width: float,
    *,
    label_width: float = 2.4 * cm,
    markup: bool = False,
    style: str = "body",
) -> Table:
    """Labels (grey) and values in a shaded box; values are plain text unless ``markup``."""
    st = pb.styles()
    label = ParagraphStyle(f"fact_label_{style}", parent=st[style], textColor=pb.MUTED)
    rows = [
        [
            text(escape(name), label, 3),
            text(value if markup else escape(value), st[style], VALUE_LINES),
        ]
        for name, value in items
    ]
    return shaded_rows(rows, [label_width, width - label_width])


def _figure_style(value: str, room: float) -> ParagraphStyle:
    """The key figure style, smaller if ``value`` would not fit into ``room``."""
    base = pb.styles()["figure"]
    size = base.fontSize
    while size > 9 and pdfmetrics.stringWidth(value, base.fontName, size) > room:
        size -= 0.5
    if size == base.fontSize:
        return base
    return ParagraphStyle(f"figure_{size}", parent=base, fontSize=size, leading=size * 1.2)


def figures(
    items: Sequence[tuple[str, str, colors.Color]], width: float, *, gap: float = 0.25 * cm
) -> Table:
    """Key figures side by side: (value, label, colour of the bar) each."""
    st = pb.styles()
    box_w = (width - gap * (len(items) - 1)) / max(1, len(items))
    cells: list[Any] = []
    widths: list[float] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for i, (value, label, colour) in enumerate(items):
        col = 2 * i
        cells.append(
            [
                text(escape(value), _figure_style(value, box_w - 12), 2),
                text(escape(label), st["figure_label"], 3),
            ]
        )
        widths.append(box_w)
        commands += [
            ("BACKGROUND", (col, 0), (col, 0), pb.SHADE),
            ("LINEBEFORE", (col, 0), (col, 0), 2.5, colour),
        ]
        if i < len(items) - 1:
            cells.append("")
            widths.append(gap)
            commands.append(("LEFTPADDING", (col + 1, 0), (col + 1, 0), 0))
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(style_of(commands))
    return table


def contacts(
    rows: Sequence[tuple[str, Any]], width: float, *, missing: Flowable | None = None
) -> Flowable:
    """OZG contacts in a shaded box: role, name (bold) with function, e-mail, phone.
    ``rows`` are (role, contact) with a ``ContactLine``-like contact; ``missing`` (a
    callout) stands above them or alone."""
    st = pb.styles()
    cell_style = st["table_cell"]
    body: list[list[Any]] = []
    for role, contact in rows:
        name = f"<b>{escape(contact.name)}</b>"
        if contact.function:
            name += f"<br/><font color='#5F6B76'>{escape(contact.function)}</font>"
        body.append(
            [
                text(escape(role), cell_style, 2),
                text(name, cell_style, 6),
                text(escape(contact.email) or "–", cell_style, 4),
                text(escape(contact.phone) or "–", cell_style, 3),
            ]
        )
    if not body:
        return missing if missing is not None else text("–", "body")
    widths = [3.0 * cm, 0, 5.6 * cm, 3.2 * cm]
    widths[1] = width - sum(widths)
    box = shaded_rows(body, widths)
    if missing is None:
        return box
    holder = Table([[missing], [box]], colWidths=[width], hAlign="LEFT")
    holder.setStyle(
        style_of(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return holder


# -- tables --------------------------------------------------------------------------------------


def table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    total_row: bool = False,
    header_rows: int = 1,
    valign: str = "MIDDLE",
    max_lines: int = CELL_LINES,
) -> Table:
    """A table in the house style: blue header row(s) repeated on every page, light zebra
    stripes, numbers right.

    Cells may be strings (plain text), numbers (formatted German) or flowables; columns
    listed in ``numeric`` are right-aligned. With ``total_row`` the last row is bold with a
    rule. A string cell keeps at most ``max_lines`` lines.
    """
    st = pb.styles()
    numeric_cols = set(numeric)
    body: list[list[Any]] = []
    last = len(rows) - 1
    for r, row in enumerate(rows):
        is_head = r < header_rows
        is_total = total_row and r == last
        cells = []
        for c, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            markup = (
                pb.german_number(value) if isinstance(value, int | float) else escape(str(value))
            )
            right = c in numeric_cols
            if is_head:
                style = st["table_head_right" if right else "table_head"]
            elif is_total:
                style = st["table_total_number" if right else "table_total"]
            else:
                style = st["table_number" if right else "table_cell"]
            cells.append(text(markup, style, max_lines))
        body.append(cells)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, pb.RULE),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), pb.ACCENT))
        commands.append(("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"))
    for r in range(header_rows, len(rows)):
        if (r - header_rows) % 2 == 1 and not (total_row and r == last):
            commands.append(("BACKGROUND", (0, r), (-1, r), pb.ZEBRA))
    if total_row and len(rows) > header_rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, pb.ACCENT))
        commands.append(("BACKGROUND", (0, -1), (-1, -1), pb.SHADE))
    result = Table(body, colWidths=list(col_widths), repeatRows=header_rows, hAlign="LEFT")
    result.setStyle(style_of(commands))
    return result


def cell(markup: str, style: str = "table_cell", max_lines: int = CELL_LINES) -> Text:
    """A table cell with markup (already escaped)."""
    return text(markup, style, max_lines)


def side_by_side(left: Flowable, right: Flowable, width: float, left_w: float) -> Table:
    """Two flowables next to each other (a table and its chart)."""
    result = Table([[left, right]], colWidths=[left_w, width - left_w], hAlign="LEFT")
    result.setStyle(
        style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 14),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return result


def numbered(texts: Sequence[str], width: float, *, bold_numbers: bool = False) -> Table:
    """A numbered list (plain texts) with the numbers in a column of their own."""
    st = pb.styles()
    rows = []
    for number, value in enumerate(texts, start=1):
        label = f"<b>{number}.</b>" if bold_numbers else f"{number}."
        rows.append([text(label, st["body"]), text(escape(value), st["body"], 30)])
    result = Table(rows, colWidths=[0.8 * cm, width - 0.8 * cm], hAlign="LEFT")
    result.setStyle(
        style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return result


def bullets(lines: Sequence[str], style: str = "body") -> list[Flowable]:
    """Plain texts as a bulleted list."""
    bullet = ParagraphStyle(
        f"bullet_{style}",
        parent=pb.styles()[style],
        leftIndent=12,
        bulletIndent=2,
        bulletFontName=pb.FONT,  # else Helvetica is referenced
        spaceAfter=2,
    )
    return [Text(escape(line), bullet, "•", bold_font=pb.FONT_BOLD) for line in lines]


# -- sections, bookmarks and parts ---------------------------------------------------------------


class Section(Text):
    """A heading that adds itself to the PDF's outline (bookmarks) when drawn.

    ``level`` 0 is a section, 1 a subsection; inside a part of a combined print the levels
    move one down (the part is level 0).
    """

    def __init__(
        self,
        markup: str | None,
        style: ParagraphStyle | None = None,
        bulletText: str | None = None,  # noqa: N803 - reportlab's name
        frags: Any = None,
        *,
        level: int = 0,
        bookmark: str = "",
        **kwargs: Any,
    ) -> None:
        self.level = level
        self.bookmark = bookmark if frags is None else ""  # a split-off rest: no bookmark
        kwargs.setdefault("max_lines", 4)
        kwargs.setdefault("bold_font", pb.FONT_BOLD)
        super().__init__(markup, style, bulletText, frags, **kwargs)

    def draw(self) -> None:
        add = getattr(self.canv, "add_section", None)
        if add is not None and self.bookmark:
            _, top = self.canv.absolutePosition(0, self.height)
            add(shorten(self.bookmark, BOOKMARK_CHARS), self.level, top)
            self.bookmark = ""  # once: a heading repeated with a table's header is no new mark
        super().draw()


def section(
    title: str, level: int = 0, style: ParagraphStyle | str = "heading", *, markup: str = ""
) -> Section:
    """A heading with a bookmark; ``markup`` (escaped) replaces the shown text if given."""
    if isinstance(style, str):
        style = pb.styles()[style]
    return Section(markup or escape(title), style, level=level, bookmark=title)


class _OddPage(Flowable):
    """At the top of an even page: leave it blank and go on overleaf (duplex printing)."""

    def __init__(self) -> None:
        super().__init__()
        self._done = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        canv = self.canv
        blank = getattr(canv, "blank_pages", None)
        if not self._done and blank is not None and canv.getPageNumber() % 2 == 0:
            self._done = True
            blank.add(canv.getPageNumber())
            self._frame.add_generated_content(PageBreak())
        return 0, 0

    def draw(self) -> None:
        pass


class _PartStart(Flowable):
    """Marks where a part begins: its own page numbers and a bookmark at level 0."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        if hasattr(canv, "start_part"):
            canv.start_part()
            _, top = canv.absolutePosition(0, 0)
            canv.add_section(shorten(self.title, BOOKMARK_CHARS), 0, top, absolute=True)
            canv.outline_base = 1


def part(title: str, *, first: bool = False) -> list[Flowable]:
    """The start of a part of a combined print: a new page (an odd one: a blank page is
    left where needed), its own "Seite x von y" and a bookmark ``title``."""
    flow: list[Flowable] = [] if first else [PageBreak(), _OddPage()]
    return [*flow, _PartStart(title)]


def next_key() -> str:
    return f"ozg{next(_keys)}"
