"""The common frame of every ozgdesk PDF: fonts, styles, page layout, tables, charts.

A report module builds a list of platypus flowables with the styles and helpers
here and hands it to :func:`build_pdf`, which lays it out on A4 (portrait or
landscape) with a header line (municipality left, title and date right) and a
footer ("Seite X von Y"), sets the PDF metadata (title, author, subject,
language de-DE) and writes the file atomically.

Fonts: the bundled DejaVu Sans (regular and bold) is embedded, so umlauts, „“
and – print everywhere. There is no italic face; italic maps to regular.

This module imports reportlab at module level: import it lazily (from a
function), never from a module that the GUI start-up imports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ozgdesk import __version__
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.pdf_text import escape, fit

__all__ = ["escape"]  # re-exported: pb.escape is used by every writer
from ozgdesk.paths import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
PAGE_SIZES = {PORTRAIT: A4, LANDSCAPE: landscape(A4)}

MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.2 * cm  # the header line sits in the upper margin
MARGIN_BOTTOM = 2.0 * cm  # the footer sits in the lower margin
HEADER_FONT_SIZE = 8

# Colours: a calm blue for structure, Okabe–Ito colours (readable with colour blindness)
# for data.
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6B76")
ACCENT = colors.HexColor("#1F4E79")
RULE = colors.HexColor("#B8C4CE")
SHADE = colors.HexColor("#EEF2F6")
ZEBRA = colors.HexColor("#F7F9FB")
GREEN = colors.HexColor("#009E73")
ORANGE = colors.HexColor("#E69F00")
GREY = colors.HexColor("#A0A0A0")
BLUE = colors.HexColor("#0072B2")


# -- fonts and text ----------------------------------------------------------------------


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold) once per process; reportlab embeds a subset."""
    pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def german_date(day: date) -> str:
    """22.11.2026"""
    return day.strftime("%d.%m.%Y")


def german_number(value: float) -> str:
    """5249 -> '5.249', 12.5 -> '12,5' (German separators)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles shared by all reports, by name (registers the fonts first).

    The dict is shared: derive a variant with ``ParagraphStyle(name, parent=...)``
    instead of changing one. Names:

    title, subtitle, date, heading, body, small, note, table_head, table_head_right, table_cell,
    table_number, table_total, table_total_number, figure, figure_label.
    """
    register_fonts()
    # Lines break between words and after hyphens, never inside a word (pdf_text.Text breaks
    # the tokens that are longer than a line, where the rules allow).
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=9.5,
        leading=13,
        textColor=INK,
        splitLongWords=0,
        embeddedHyphenation=1,
        bulletFontName=FONT,
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": derive(
            "title", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=2
        ),
        "subtitle": derive("subtitle", fontSize=9.5, leading=13, textColor=MUTED, spaceAfter=6),
        "date": derive("date", fontSize=9.5, leading=13, textColor=MUTED, alignment=TA_RIGHT),
        "heading": derive(
            "heading",
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=True,
        ),
        "small": derive("small", fontSize=8, leading=10.5),
        "note": derive("note", fontSize=7.5, leading=9.5, textColor=MUTED),
        "table_head": derive(
            "table_head", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=colors.white
        ),
        "table_head_right": derive(
            "table_head_right",
            fontName=FONT_BOLD,
            fontSize=8,
            leading=10,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        "table_cell": derive("table_cell", fontSize=8, leading=10),
        "table_number": derive("table_number", fontSize=8, leading=10, alignment=TA_RIGHT),
        "table_total": derive("table_total", fontName=FONT_BOLD, fontSize=8, leading=10),
        "table_total_number": derive(
            "table_total_number", fontName=FONT_BOLD, fontSize=8, leading=10, alignment=TA_RIGHT
        ),
        "figure": derive("figure", fontName=FONT_BOLD, fontSize=16, leading=19, textColor=ACCENT),
        "figure_label": derive("figure_label", fontSize=7.5, leading=9.5, textColor=MUTED),
    }


# -- document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentInfo:
    """What the page frame and the PDF metadata show."""

    title: str  # PDF title and header (right)
    municipality: str  # header (left)
    subject: str = ""  # PDF subject
    day: date = field(default_factory=date.today)  # the date in the header
    keywords: Sequence[str] = ()
    source: str = ""  # footer (left, after "Erstellt mit ozgdesk"), e.g. the data source
    header_title: str = ""  # header (right) if it should differ from the PDF title
    author: str = ""  # PDF author; the municipality if empty

    @property
    def shown_title(self) -> str:
        return self.header_title or self.title


class _PageCanvas(Canvas):
    """Holds the pages back until the end, then draws each page's frame: the header line
    (municipality, title, date), the footer and "Seite X von Y" – counted per part, so that
    each office's part of a combined print has its own numbers – except on the blank pages
    that make a part start on an odd page (duplex printing).

    Bookmarks are set when the page is finally written (reportlab's page references are
    only right then); the outline is shown when the document has more than three pages.
    """

    def __init__(self, *args: Any, info: DocumentInfo | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.info = info
        self.part_starts: list[int] = [1]  # page numbers where a part begins
        self.blank_pages: set[int] = set()
        self.outline_base = 0  # outline level of a section heading (1 inside a part)
        self._page_bookmarks: list[tuple[str, float]] = []

    def bookmarkPage(self, key: str, fit: str = "Fit", **kwargs: Any) -> None:  # noqa: N802
        """Remembered with the page; set when the page is written (see the class)."""
        self._page_bookmarks.append((key, float(kwargs.get("top") or 0)))

    def add_section(self, title: str, level: int, top: float, *, absolute: bool = False) -> None:
        """A bookmark here (``top``: its height on the page) and an outline entry ``title``;
        ``level`` counts from the part's level unless ``absolute``. An outline level never
        jumps more than one below the one before."""
        self._outline_count = getattr(self, "_outline_count", 0) + 1
        key = f"ozg-{self._outline_count}"
        level = level if absolute else level + self.outline_base
        level = max(0, min(level, getattr(self, "_outline_level", -1) + 1))
        self._outline_level = level
        self.bookmarkPage(key, top=top)
        self.addOutlineEntry(title, key, level, closed=level > 0)

    def start_part(self) -> None:
        """The current page begins a part of its own (numbered from 1)."""
        page = self.getPageNumber()
        if page not in self.part_starts:
            self.part_starts.append(page)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        starts = sorted(self.part_starts)
        blank = set(self.blank_pages)
        for state in self._pages:
            self.__dict__.update(state)
            page = self._pageNumber
            for key, top in state["_page_bookmarks"]:
                Canvas.bookmarkPage(self, key, fit="XYZ", left=0, top=top, zoom=0)
            if page not in blank and self.info is not None:
                first = max(s for s in starts if s <= page)
                later = [s for s in starts if s > page]
                last = (later[0] - 1) if later else total
                count = sum(1 for p in range(first, last + 1) if p not in blank)
                _decorate(self, self.info, page - first + 1, count)
            super().showPage()
        if total > 3:
            self.showOutline()
        super().save()


def _decorate(canv: Canvas, info: DocumentInfo, number: int, total: int) -> None:
    """Header line (municipality left, title and date right), footer, "Seite x von y"."""
    width, height = canv._pagesize
    left, right = MARGIN_X, width - MARGIN_X
    header_y = height - MARGIN_TOP + 0.75 * cm
    footer_y = MARGIN_BOTTOM - 0.95 * cm
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(left, header_y - 4, right, header_y - 4)
    canv.line(left, footer_y + 10, right, footer_y + 10)
    canv.setFillColor(MUTED)
    # Long names must not run into each other: the right part gets at most 60 %.
    available = right - left - 0.8 * cm
    day = f" · {german_date(info.day)}"
    day_w = pdfmetrics.stringWidth(day, FONT, HEADER_FONT_SIZE)
    title = fit(info.shown_title, FONT, HEADER_FONT_SIZE, 0.6 * available - day_w) + day
    title_w = pdfmetrics.stringWidth(title, FONT, HEADER_FONT_SIZE)
    canv.setFont(FONT_BOLD, HEADER_FONT_SIZE)
    canv.drawString(
        left, header_y, fit(info.municipality, FONT_BOLD, HEADER_FONT_SIZE, available - title_w)
    )
    canv.setFont(FONT, HEADER_FONT_SIZE)
    canv.drawRightString(right, header_y, title)
    label = f"Seite {number} von {total}"
    label_w = pdfmetrics.stringWidth(label, FONT, HEADER_FONT_SIZE)
    footer = "Erstellt mit ozgdesk"
    if info.source:
        footer += f" · {info.source}"
    canv.drawString(
        left, footer_y, fit(footer, FONT, HEADER_FONT_SIZE, right - left - label_w - 12)
    )
    canv.drawRightString(right, footer_y, label)
    canv.restoreState()


class OzgDocTemplate(BaseDocTemplate):
    """A4 document with the ozgdesk page frame; templates "portrait" and "landscape".

    Switch orientation inside a story with ``NextPageTemplate("landscape")`` followed by
    a ``PageBreak()``. The header and footer are drawn by the canvas of :func:`build_pdf`.
    """

    def __init__(self, filename: str, info: DocumentInfo, orientation: str = PORTRAIT) -> None:
        if orientation not in PAGE_SIZES:
            raise ValueError(orientation)
        register_fonts()
        self.info = info
        super().__init__(
            filename,
            pagesize=PAGE_SIZES[orientation],
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=info.title,
            author=info.author or info.municipality or "ozgdesk",
            subject=info.subject,
            creator=f"ozgdesk {__version__}",
            keywords=list(info.keywords),
            lang="de-DE",
            displayDocTitle=True,
            initialFontName=FONT,
        )
        first = [self._template(orientation)]
        others = [self._template(o) for o in PAGE_SIZES if o != orientation]
        self.addPageTemplates(first + others)

    def _template(self, orientation: str) -> PageTemplate:
        width, height = PAGE_SIZES[orientation]
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            width - 2 * MARGIN_X,
            height - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{orientation}-body",
        )
        return PageTemplate(id=orientation, frames=[frame], pagesize=(width, height))

    @property
    def frame_size(self) -> tuple[float, float]:
        """Width and height of the text area of the first page template."""
        width, height = self.pagesize
        return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM


def build_pdf(
    path: Path | str,
    story: Sequence[Flowable] | Callable[[OzgDocTemplate], Sequence[Flowable]],
    info: DocumentInfo,
    orientation: str = PORTRAIT,
) -> Path:
    """Lay out ``story`` in the ozgdesk frame and write the PDF atomically to ``path``.

    ``story`` may be a callable that receives the document (to size content to
    ``doc.frame_size``) and returns the flowables.
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        doc = OzgDocTemplate(str(tmp), info, orientation)
        flowables = list(story(doc) if callable(story) else story)
        doc.build(flowables, canvasmaker=partial(_PageCanvas, info=info))
    return target
