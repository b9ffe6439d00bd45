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
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from ozgdesk import __version__
from ozgdesk.formats.atomic import atomic_path
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


def escape(text: str) -> str:
    """Text for a Paragraph (which reads a small XML markup)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles shared by all reports, by name (registers the fonts first).

    The dict is shared: derive a variant with ``ParagraphStyle(name, parent=...)``
    instead of changing one. Names:

    title, subtitle, date, heading, body, small, note, table_head, table_head_right, table_cell,
    table_number, table_total, table_total_number, figure, figure_label.
    """
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK)

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

    @property
    def shown_title(self) -> str:
        return self.header_title or self.title


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end so each can say "Seite X von Y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.page_label_at: tuple[float, float] | None = None

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self.page_label_at is not None:
                x, y = self.page_label_at
                self.setFont(FONT, HEADER_FONT_SIZE)
                self.setFillColor(MUTED)
                self.drawRightString(x, y, f"Seite {self._pageNumber} von {total}")
            super().showPage()
        super().save()


class OzgDocTemplate(BaseDocTemplate):
    """A4 document with the ozgdesk page frame; templates "portrait" and "landscape".

    Switch orientation inside a story with ``NextPageTemplate("landscape")`` followed by
    a ``PageBreak()``.
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
            author="ozgdesk",
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
        return PageTemplate(
            id=orientation, frames=[frame], onPage=self._decorate, pagesize=(width, height)
        )

    @property
    def frame_size(self) -> tuple[float, float]:
        """Width and height of the text area of the first page template."""
        width, height = self.pagesize
        return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
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
        day = f" · {german_date(self.info.day)}"
        day_w = pdfmetrics.stringWidth(day, FONT, HEADER_FONT_SIZE)
        title = _fit(self.info.shown_title, FONT, 0.6 * available - day_w) + day
        title_w = pdfmetrics.stringWidth(title, FONT, HEADER_FONT_SIZE)
        canv.setFont(FONT_BOLD, HEADER_FONT_SIZE)
        canv.drawString(
            left, header_y, _fit(self.info.municipality, FONT_BOLD, available - title_w)
        )
        canv.setFont(FONT, HEADER_FONT_SIZE)
        canv.drawRightString(right, header_y, title)
        footer = "Erstellt mit ozgdesk"
        if self.info.source:
            footer += f" · {self.info.source}"
        canv.drawString(left, footer_y, footer)
        canv.restoreState()
        canv.page_label_at = (right, footer_y)


def _fit(text: str, font: str, width: float, size: float = HEADER_FONT_SIZE) -> str:
    """``text``, shortened with "…" at the end if it is wider than ``width``."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


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
        doc.build(flowables, canvasmaker=_NumberedCanvas)
    return target


# -- title -------------------------------------------------------------------------------


def title_row(
    title: str, right: str, width: float, *, right_width: float = 4 * cm, gap: float = 4
) -> Table:
    """The document title with a small text on its right ("Stand: …"), sharing a baseline;
    ``gap`` is the space below (the right text sits 1.5 pt lower to meet the baseline)."""
    st = styles()
    right_width = right_width if right else 0.01
    table = Table(
        [[Paragraph(escape(title), st["title"]), Paragraph(escape(right), st["date"])]],
        colWidths=[width - right_width, right_width],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
                ("BOTTOMPADDING", (1, 0), (1, 0), gap + 1.5),
            ]
        )
    )
    return table


def stand(day: date) -> str:
    return f"Stand: {german_date(day)}"


# -- tables ------------------------------------------------------------------------------


def data_table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    total_row: bool = False,
    header_rows: int = 1,
) -> Table:
    """A table in the house style: blue header row, light zebra stripes, numbers right.

    Cells may be strings, numbers (formatted German) or flowables; columns listed in
    ``numeric`` are right-aligned. With ``total_row`` the last row is bold with a rule.
    """
    st = styles()
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
            text = german_number(value) if isinstance(value, int | float) else escape(str(value))
            right = c in numeric_cols
            if is_head:
                style = st["table_head_right" if right else "table_head"]
            elif is_total:
                style = st["table_total_number" if right else "table_total"]
            else:
                style = st["table_number" if right else "table_cell"]
            cells.append(Paragraph(text, style))
        body.append(cells)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT))
    for r in range(header_rows, len(rows)):
        if (r - header_rows) % 2 == 1 and not (total_row and r == last):
            commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    if total_row and len(rows) > header_rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT))
        commands.append(("BACKGROUND", (0, -1), (-1, -1), SHADE))
    table = Table(body, colWidths=list(col_widths), repeatRows=header_rows, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


# -- charts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One data series of a bar chart: a legend label, one value per category, a colour."""

    label: str
    values: Sequence[float]
    color: colors.Color


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: float,
    height: float | None = None,
    horizontal: bool = True,
    stacked: bool = False,
    show_values: bool = True,
    font_size: float = 7.5,
    bar_thickness: float = 6,
) -> Drawing:
    """A bar chart (reportlab.graphics) with a legend above it, ready for a story.

    Horizontal charts list the categories top to bottom in the given order, with the
    labels at the left; their ``height`` defaults to what the categories need with
    bars ``bar_thickness`` points thick (vertical charts: 6 cm). Values are printed
    at the bar ends (German number format) unless ``show_values`` is false.
    """
    register_fonts()
    n = max(1, len(categories))
    bars_per_group = 1 if stacked else max(1, len(series))
    bar_gap = 0.5 if bars_per_group > 1 else 0
    group_gap = bar_thickness * 0.75
    legend_h = font_size * 2.4 if series else 0
    axis_h = font_size * 2
    plot_length = n * (bars_per_group * bar_thickness + (bars_per_group - 1) * bar_gap + group_gap)
    if height is None:
        height = plot_length + legend_h + axis_h if horizontal else 6 * cm
    drawing = Drawing(width, height, initialFontName=FONT)  # else Helvetica is referenced
    chart: HorizontalBarChart | VerticalBarChart
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    # reportlab draws a horizontal group's first series at the bottom; reversed, the bars
    # read top to bottom in the legend's order.
    drawn = list(reversed(series)) if horizontal and not stacked else list(series)
    chart.data = [list(s.values) for s in drawn] or [[0] * n]
    max_value = max((v for s in series for v in s.values), default=0)
    if stacked:
        max_value = max((sum(vals) for vals in zip(*chart.data, strict=True)), default=0)
    for i, s in enumerate(drawn):
        chart.bars[i].fillColor = s.color
        chart.bars[i].strokeColor = None
    # Relative sizes: reportlab scales bars and gaps to the plot's length.
    chart.barWidth = bar_thickness
    chart.barSpacing = bar_gap
    chart.groupSpacing = group_gap
    if stacked:
        chart.categoryAxis.style = "stacked"

    cat_axis, val_axis = chart.categoryAxis, chart.valueAxis
    cat_axis.categoryNames = list(categories)
    cat_axis.labels.fontName = FONT
    cat_axis.labels.fontSize = font_size
    cat_axis.labels.fillColor = INK
    cat_axis.strokeColor = RULE
    cat_axis.visibleTicks = 0
    val_axis.labels.fontName = FONT
    val_axis.labels.fontSize = font_size - 0.5
    val_axis.labels.fillColor = MUTED
    val_axis.labelTextFormat = german_number
    val_axis.valueMin = 0
    val_axis.forceZero = 1
    val_axis.strokeColor = RULE
    val_axis.visibleGrid = 1
    val_axis.gridStrokeColor = SHADE
    val_axis.gridStrokeWidth = 0.5
    if max_value <= 0:
        val_axis.valueMax = 1
        val_axis.valueStep = 1
    elif show_values:
        # room for the value labels at the bar ends
        val_axis.valueMax = max_value * 1.12

    if show_values:
        chart.barLabelFormat = german_number
        chart.barLabels.fontName = FONT
        chart.barLabels.fontSize = font_size - 0.5
        chart.barLabels.fillColor = INK
        if stacked:
            chart.barLabels.boxTarget = "mid"
        elif horizontal:
            chart.barLabels.boxAnchor = "w"
            chart.barLabels.dx = 2
        else:
            chart.barLabels.boxAnchor = "s"
            chart.barLabels.dy = 2

    top = height - legend_h
    if horizontal:
        cat_axis.reverseDirection = 1  # first category at the top
        cat_axis.labels.boxAnchor = "e"
        cat_axis.labels.dx = -4
        label_w = max((pdfmetrics.stringWidth(c, FONT, font_size) for c in categories), default=0)
        chart.x = label_w + 8
        chart.y = axis_h
        chart.width = max(10.0, width - chart.x - font_size * 3)
        chart.height = max(10.0, top - chart.y)
    else:
        cat_axis.labels.boxAnchor = "n"
        cat_axis.labels.dy = -3
        value_label_w = pdfmetrics.stringWidth(
            german_number(round(max_value * 1.2)), FONT, font_size
        )
        chart.x = value_label_w + 8
        chart.y = axis_h
        chart.width = max(10.0, width - chart.x - 4)
        chart.height = max(10.0, top - chart.y)
    drawing.add(chart)

    if series:
        legend = Legend()
        legend.alignment = "right"
        legend.fontName = FONT
        legend.fontSize = font_size
        legend.fillColor = INK
        legend.columnMaximum = 1
        legend.deltax = 0
        legend.dxTextSpace = 4
        legend.dx = legend.dy = font_size
        legend.strokeColor = None
        legend.colorNamePairs = [(s.color, s.label) for s in series]
        legend.boxAnchor = "nw"
        legend.x = chart.x
        legend.y = height
        legend.autoXPadding = font_size * 2.5
        drawing.add(legend)
    return drawing
