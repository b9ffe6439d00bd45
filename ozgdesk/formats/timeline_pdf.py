"""The roadmap as a Gantt-like timeline by quarter (PDF on A4 or A3 landscape, or PNG).

Input is plain data (:class:`~ozgdesk.formats.roadmap_records.TimelineData`); the
workflow collects it. Each service is one row: at the left a label column (row
number, service name, LeiKa key in small print), at the right a light bar for the
preparation and a strong bar for the connection quarter, coloured by decision.
Rows are grouped (office or Themenfeld) under shaded group rows. Above the rows:
the quarter header ("Q1/2027") and a band with the milestones (diamonds with their
titles, each with a dotted line down through the rows); a red line marks today.

A timeline rarely fits on one sheet. The rows are split into bands that fill a page
each, and the quarters into columns of pages; every page repeats the label column,
the quarter header, the milestone band and the legend, and says where it lies in the
whole ("Zeilen 1–29 von 85 · Q1/2027–Q3/2028", a small map of the sheets, "Seite 3
von 6"). Pages run band by band: all quarters of rows 1–29, then rows 30–58 ….

:func:`timeline_png` draws the whole timeline on one large page (in memory) and
rasterises it with pypdfium2 into a PNG.

Import this module lazily: it imports reportlab.
"""

from __future__ import annotations

import io
import math
from datetime import date, timedelta
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from ozgdesk import __version__
from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.pdf_text import shorten
from ozgdesk.formats.roadmap_records import TimelineData
from ozgdesk.formats.timeline_layout import (
    BAR_H,
    KEY_SIZE,
    LANE_H,
    LINE_H,
    MAP_BANDS,
    MILESTONE,
    NAME_SIZE,
    NUMBER_W,
    OTHER,
    PAGE_SIZES,
    PALETTE,
    QUARTER_HEAD_H,
    SMALL,
    TITLE_H,
    VERMILION,
    Layout,
    PagePlan,
    _label_w,
    _lanes,
    _milestone_parts,
    _single_layout,
    _width,
    _x_of,
    elide_end,
    elide_middle,
    plan_layout,
    tint,
)
from ozgdesk.wording import plural

__all__ = ["OTHER", "PAGE_SIZES", "PALETTE", "elide_middle", "plan_layout", "timeline_png"]


# -- drawing -----------------------------------------------------------------------------------


class _Painter:
    """Draws the pages of one layout on a canvas."""

    def __init__(self, canv: Canvas, data: TimelineData, layout: Layout) -> None:
        self.c = canv
        self.data = data
        self.layout = layout
        known = [d for d, _ in data.decisions]
        self.colour = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(known)}

    # geometry of a page (y grows upwards)
    @property
    def top(self) -> float:
        return self.layout.height - pb.MARGIN_TOP

    @property
    def head_y(self) -> float:  # bottom of the quarter header
        return self.top - TITLE_H - QUARTER_HEAD_H

    @property
    def band_y(self) -> float:  # bottom of the milestone band = top of the rows
        return self.head_y - self.layout.band_h

    def x(self, day: date, page: PagePlan) -> float:
        return self.layout.chart_x + _x_of(
            day, self.data, page.first_quarter, self.layout.quarter_w
        )

    def chart_right(self, page: PagePlan) -> float:
        return (
            self.layout.chart_x
            + (page.last_quarter - page.first_quarter + 1) * self.layout.quarter_w
        )

    def page(self, page: PagePlan, total: int) -> None:
        c = self.c
        c.setPageSize((self.layout.width, self.layout.height))
        self._frame(page, total)
        self._bookmark(page)
        self._title(page)
        rows_bottom = self._rows(page)
        self._grid(page, rows_bottom)
        self._quarter_head(page)
        self._bars(page)
        self._today(page, rows_bottom)
        self._milestones(page, rows_bottom)  # labels on white over the lines
        self._legend()
        c.showPage()

    def _bookmark(self, page: PagePlan) -> None:
        """The outline: one entry per band of rows (its groups), below it one per sheet."""
        if self.layout.single:
            return
        c, quarters = self.c, self.data.quarters
        key = f"blatt-{page.number}"
        c.bookmarkPage(key, fit="Fit")
        span = f"{quarters[page.first_quarter].label}–{quarters[page.last_quarter].label}"
        if page.column == 0:
            rows = f"Zeilen {page.first_row}–{page.last_row}" if page.bars else "keine Zeilen"
            groups = ", ".join(dict.fromkeys(r.group for r in page.rows))
            title = f"{rows}: {groups}" if groups else rows
            c.addOutlineEntry(shorten(title, 120), key, 0, closed=True)
        if self.layout.columns > 1:
            c.addOutlineEntry(f"{span} (Blatt {page.column + 1})", key + "-q", 1)
            c.bookmarkPage(key + "-q", fit="Fit")

    # -- the frame (as pdf_base: municipality and title above, page number below)

    def _frame(self, page: PagePlan, total: int) -> None:
        c, width, height = self.c, self.layout.width, self.layout.height
        left, right = pb.MARGIN_X, width - pb.MARGIN_X
        header_y = height - pb.MARGIN_TOP + 0.75 * cm
        footer_y = pb.MARGIN_BOTTOM - 0.95 * cm
        c.saveState()
        c.setStrokeColor(pb.RULE)
        c.setLineWidth(0.5)
        c.line(left, header_y - 4, right, header_y - 4)
        c.line(left, footer_y + 10, right, footer_y + 10)
        c.setFillColor(pb.MUTED)
        size = pb.HEADER_FONT_SIZE
        title = f"{self.data.title} · {pb.german_date(self.data.day)}"
        title_w = _width(title, size)
        c.setFont(pb.FONT_BOLD, size)
        c.drawString(
            left,
            header_y,
            elide_end(self.data.municipality, right - left - title_w - 20, size, True),
        )
        c.setFont(pb.FONT, size)
        c.drawRightString(right, header_y, title)
        c.drawString(left, footer_y, "Erstellt mit ozgdesk")
        if not self.layout.single:
            c.drawRightString(right, footer_y, f"Seite {page.number} von {total}")
        c.restoreState()

    def _title(self, page: PagePlan) -> None:
        c, data, layout = self.c, self.data, self.layout
        left, right = pb.MARGIN_X, layout.width - pb.MARGIN_X
        y = self.top - 13
        c.setFillColor(pb.ACCENT)
        c.setFont(pb.FONT_BOLD, 12.5)
        c.drawString(left, y, data.title)
        quarters = data.quarters
        span = f"{quarters[0].label}–{quarters[-1].label}" if quarters else ""
        count = len(data.bars)
        facts = [
            f"nach {data.group_label}",
            plural(count, "Leistung", "Leistungen"),
        ]
        if span:
            facts.append(span)
        facts.append(f"Stand {pb.german_date(data.day)}")
        c.setFillColor(pb.MUTED)
        c.setFont(pb.FONT, 7.5)
        c.drawString(left, y - 11, " · ".join(facts))
        if layout.single:
            return
        # where this page lies in the whole: text and a small map of the sheets (when the
        # map stays readable: at most MAP_BANDS rows of sheets)
        map_x = right + 8
        if layout.bands * layout.columns > 1 and layout.bands <= MAP_BANDS:
            cell_w, cell_h, gap = 7.0, 4.5, 1.2
            map_x = right - layout.columns * cell_w - (layout.columns - 1) * gap
            scale = min(1.0, 26 / (layout.bands * (cell_h + gap)))
            for b in range(layout.bands):
                for col in range(layout.columns):
                    cx = map_x + col * (cell_w + gap)
                    cy = self.top - 2 - (b + 1) * (cell_h + gap) * scale
                    current = (b, col) == (page.band, page.column)
                    c.setFillColor(pb.ACCENT if current else pb.SHADE)
                    c.setStrokeColor(pb.ACCENT if current else pb.RULE)
                    c.setLineWidth(0.4)
                    c.rect(cx, cy, cell_w, cell_h * scale, stroke=1, fill=1)
        text_right = map_x - 8
        first, last = page.first_row, page.last_row
        rows = f"Zeilen {first}–{last} von {count}" if count else "keine Zeilen"
        q = f"{quarters[page.first_quarter].label}–{quarters[page.last_quarter].label}"
        c.setFillColor(pb.INK)
        c.setFont(pb.FONT_BOLD, 8)
        c.drawRightString(text_right, y, f"{rows}, {q}")
        c.setFillColor(pb.MUTED)
        c.setFont(pb.FONT, 7)
        c.drawRightString(
            text_right,
            y - 11,
            f"Blatt {page.band + 1}/{layout.bands} von oben, {page.column + 1}/{layout.columns} "
            "von links",
        )

    # -- header, grid and rows

    def _quarter_head(self, page: PagePlan) -> None:
        c, layout = self.c, self.layout
        y = self.head_y
        left = pb.MARGIN_X
        right = self.chart_right(page)
        c.setFillColor(pb.ACCENT)
        c.rect(left, y, right - left, QUARTER_HEAD_H, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(pb.FONT_BOLD, 7.5)
        text_y = y + 5.2
        c.drawString(left + 4, text_y, "Leistung")
        c.setFont(pb.FONT, 6)
        c.drawRightString(layout.chart_x - 5, text_y, "LeiKa-Schlüssel")
        c.setFont(pb.FONT_BOLD, 7.5)
        for n in range(page.first_quarter, page.last_quarter + 1):
            qx = layout.chart_x + (n - page.first_quarter) * layout.quarter_w
            c.drawCentredString(qx + layout.quarter_w / 2, text_y, self.data.quarters[n].label)
            if n > page.first_quarter:
                c.setStrokeColor(colors.white)
                c.setLineWidth(0.6)
                c.line(qx, y + 3, qx, y + QUARTER_HEAD_H - 3)
        if layout.band_h:
            c.setFillColor(pb.MUTED)
            c.setFont(pb.FONT, 7)
            c.drawString(left + 4, y - 9.5, "Meilensteine")

    def _rows(self, page: PagePlan) -> float:
        """Row backgrounds and labels; returns the bottom of the last row."""
        c, layout = self.c, self.layout
        left, right = pb.MARGIN_X, self.chart_right(page)
        y = self.band_y
        for row in page.rows:
            y -= row.height
            if row.bar is None:
                c.setFillColor(pb.SHADE)
                c.rect(left, y, right - left, row.height, stroke=0, fill=1)
                c.setStrokeColor(pb.RULE)
                c.setLineWidth(0.4)
                c.line(left, y + row.height, right, y + row.height)
                c.setFillColor(pb.ACCENT)
                label = row.group + (" (Fortsetzung)" if row.continued else "")
                count = plural(row.count, "Leistung", "Leistungen")
                count_w = _width(count, SMALL)
                c.setFont(pb.FONT_BOLD, NAME_SIZE)
                shown = elide_end(label, right - left - count_w - 16, NAME_SIZE, True)
                c.drawString(left + 4, y + 4.3, shown)
                c.setFillColor(pb.MUTED)
                c.setFont(pb.FONT, SMALL)
                c.drawString(left + 4 + _width(shown, NAME_SIZE, True) + 6, y + 4.5, count)
                continue
            bar = row.bar
            if row.number % 2 == 0:
                c.setFillColor(pb.ZEBRA)
                c.rect(left, y, right - left, row.height, stroke=0, fill=1)
            text_y = y + row.height - 9.1  # the first line's baseline
            lines = row.lines or (bar.label,)
            c.setFillColor(pb.MUTED)
            c.setFont(pb.FONT, KEY_SIZE)
            c.drawRightString(left + NUMBER_W - 3, text_y + 0.3, str(row.number))
            if bar.key:  # beside the last line of the name
                last_y = text_y - (len(lines) - 1) * LINE_H
                c.drawRightString(layout.chart_x - 5, last_y + 0.3, bar.key)
            c.setFillColor(pb.INK)
            c.setFont(pb.FONT, NAME_SIZE)
            for n, line in enumerate(lines):
                c.drawString(left + NUMBER_W, text_y - n * LINE_H, line)
        c.setStrokeColor(pb.RULE)
        c.setLineWidth(0.5)
        c.line(left, y, right, y)
        return y

    def _grid(self, page: PagePlan, bottom: float) -> None:
        """Quarter and month lines through the rows only: in the milestone band they would
        cross the labels."""
        c, layout = self.c, self.layout
        top = self.band_y
        c.setLineWidth(0.5)
        c.setStrokeColor(pb.RULE)
        c.line(layout.chart_x, top, layout.chart_x, bottom)
        for n in range(page.first_quarter, page.last_quarter + 2):
            qx = layout.chart_x + (n - page.first_quarter) * layout.quarter_w
            if n == page.first_quarter:
                continue
            year_start = n < len(self.data.quarters) and self.data.quarters[n].start.month == 1
            c.setStrokeColor(pb.MUTED if year_start else pb.RULE)
            c.setLineWidth(0.7 if year_start else 0.4)
            c.line(qx, top, qx, bottom)
        # the month lines inside the quarters, faint
        c.setStrokeColor(pb.SHADE)
        c.setLineWidth(0.4)
        for n in range(page.first_quarter, page.last_quarter + 1):
            qx = layout.chart_x + (n - page.first_quarter) * layout.quarter_w
            for third in (1, 2):
                mx = qx + layout.quarter_w * third / 3
                c.line(mx, self.band_y, mx, bottom)

    def _clip(self, page: PagePlan, bottom: float) -> None:
        path = self.c.beginPath()
        right = self.chart_right(page)
        path.rect(self.layout.chart_x, bottom, right - self.layout.chart_x, self.head_y - bottom)
        self.c.clipPath(path, stroke=0, fill=0)

    def _bars(self, page: PagePlan) -> None:
        c = self.c
        y = self.band_y
        bottom = y - sum(r.height for r in page.rows)
        c.saveState()
        self._clip(page, bottom)
        left_edge, right_edge = self.layout.chart_x, self.chart_right(page)
        for row in page.rows:
            y -= row.height
            if row.bar is None:
                continue
            bar = row.bar
            colour = self.colour.get(bar.decision, OTHER)
            by = y + (row.height - BAR_H) / 2
            x0, x1 = self.x(bar.prep_start, page), self.x(bar.start, page)
            x2 = self.x(bar.end + timedelta(days=1), page)
            if x1 > x0:
                c.setFillColor(tint(colour))
                c.rect(x0, by, x1 - x0, BAR_H, stroke=0, fill=1)
            c.setFillColor(colour)
            c.rect(x1, by, max(1.5, x2 - x1), BAR_H, stroke=0, fill=1)
            # arrows where a bar goes on beyond this sheet
            c.setFillColor(pb.MUTED)
            if x0 < left_edge - 1 < x2:
                self._arrow(left_edge + 2, by + BAR_H / 2, -1)
            if x0 < right_edge + 1 < x2:
                self._arrow(right_edge - 2, by + BAR_H / 2, 1)
        c.restoreState()

    def _arrow(self, x: float, y: float, direction: int) -> None:
        path = self.c.beginPath()
        path.moveTo(x, y)
        path.lineTo(x - direction * 4, y + 3)
        path.lineTo(x - direction * 4, y - 3)
        path.close()
        self.c.setFillColor(colors.white)
        self.c.drawPath(path, stroke=0, fill=1)

    def _today(self, page: PagePlan, bottom: float) -> None:
        c = self.c
        x = self.x(self.data.day, page)
        if not self.layout.chart_x <= x <= self.chart_right(page):
            return
        c.saveState()
        c.setStrokeColor(VERMILION)
        c.setLineWidth(1.1)
        c.line(x, self.band_y, x, bottom - 1)  # not through the milestone labels
        label = "heute"
        w = _width(label, 6, True) + 6
        c.setFillColor(VERMILION)
        c.roundRect(x - w / 2, bottom - 9, w, 9, 1.5, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(pb.FONT_BOLD, 6)
        c.drawCentredString(x, bottom - 6.8, label)
        c.restoreState()

    def _milestones(self, page: PagePlan, bottom: float) -> None:
        if not self.data.milestones:
            return
        c, layout = self.c, self.layout
        placed = _lanes(self.data, page.first_quarter, page.last_quarter, layout.quarter_w)
        y_of = {i: self.head_y - 3 - LANE_H * item.lane - LANE_H / 2 for i, item in placed.items()}
        c.saveState()  # the dotted lines first: labels are drawn over them on white
        c.setStrokeColor(pb.MUTED)
        c.setLineWidth(0.4)
        c.setDash(1, 2)
        for index in placed:
            x = self.x(self.data.milestones[index].day, page)
            c.line(x, y_of[index] - 4, x, bottom)
        c.restoreState()
        for index, item in placed.items():
            m = self.data.milestones[index]
            x, y = self.x(m.day, page), y_of[index]
            self._diamond(x, y, 3.6, pb.GREEN if m.done else MILESTONE)
            if item.limit == 0:
                continue
            title, day = _milestone_parts(m, item.limit)
            label_w = _label_w(title, day)
            tx = x - 6 - label_w if item.flipped else x + 6
            c.setFillColor(colors.white)
            c.rect(tx - 1.5, y - 4, label_w + 3, 8, stroke=0, fill=1)
            c.setFillColor(pb.INK)
            c.setFont(pb.FONT_BOLD, SMALL)
            c.drawString(tx, y - 2.2, title)
            if day:
                c.setFillColor(pb.MUTED)
                c.setFont(pb.FONT, SMALL - 0.5)
                c.drawString(tx + _width(title, SMALL, True) + 3, y - 2.2, day)

    def _diamond(self, x: float, y: float, r: float, colour: colors.Color) -> None:
        path = self.c.beginPath()
        path.moveTo(x, y + r)
        path.lineTo(x + r, y)
        path.lineTo(x, y - r)
        path.lineTo(x - r, y)
        path.close()
        self.c.setFillColor(colour)
        self.c.drawPath(path, stroke=0, fill=1)

    def _legend(self) -> None:
        c = self.c
        x = pb.MARGIN_X
        y = pb.MARGIN_BOTTOM + 4
        c.setFont(pb.FONT, 7)
        first = self.colour.get(self.data.decisions[0][0], OTHER) if self.data.decisions else OTHER
        entries: list[tuple[str, tuple[str, colors.Color]]] = [
            ("Vorbereitung (Quartal davor)", ("box", tint(first)))
        ]
        for decision, text in self.data.decisions:
            entries.append((f"Anbindung: {text}", ("box", self.colour[decision])))
        entries += [
            ("Meilenstein", ("diamond", MILESTONE)),
            ("Meilenstein erreicht", ("diamond", pb.GREEN)),
            ("heute", ("line", VERMILION)),
        ]
        for text, (kind, colour) in entries:
            if kind == "box":
                c.setFillColor(colour)
                c.rect(x, y, 14, BAR_H, stroke=0, fill=1)
                x += 18
            elif kind == "diamond":
                self._diamond(x + 4, y + BAR_H / 2, 3.6, colour)
                x += 11
            else:
                c.setStrokeColor(colour)
                c.setLineWidth(1.1)
                c.line(x + 3, y - 1, x + 3, y + BAR_H + 1)
                x += 9
            c.setFillColor(pb.INK)
            c.setFont(pb.FONT, 7)
            c.drawString(x, y + 1, text)
            x += _width(text, 7) + 14
        if not self.data.bars:
            c.setFillColor(pb.MUTED)
            c.drawString(pb.MARGIN_X + 4, self.band_y - 14, "Noch ist keine Anbindung geplant.")


def _canvas(target: object, data: TimelineData, layout: Layout) -> Canvas:
    canv = Canvas(
        target,
        pagesize=(layout.width, layout.height),
        initialFontName=pb.FONT,
        lang="de-DE",
    )
    canv.setTitle(f"{data.title} – {data.municipality}" if data.municipality else data.title)
    canv.setAuthor(data.municipality or "ozgdesk")
    canv.setSubject(
        f"Geplante Anbindungen der Online-Dienste nach Quartal, nach {data.group_label}"
    )
    canv.setCreator(f"ozgdesk {__version__}")
    canv.setKeywords([k for k in ("OZG", "Roadmap", "Zeitplan", data.municipality) if k])
    canv.setViewerPreference("DisplayDocTitle", "true")
    return canv


def _draw(canv: Canvas, data: TimelineData, layout: Layout) -> None:
    painter = _Painter(canv, data, layout)
    for page in layout.pages:
        painter.page(page, len(layout.pages))
    if len(layout.pages) > 3:
        canv.showOutline()
    canv.save()


def write_timeline_pdf(path: Path | str, data: TimelineData, page: str = "A4") -> Path:
    """Write the timeline on as many ``page`` sheets (landscape) as it needs; atomically."""
    layout = plan_layout(data, page)
    target = Path(path)
    with atomic_path(target) as tmp:
        _draw(_canvas(str(tmp), data, layout), data, layout)
    return target


MAX_PIXELS = 60_000_000  # about 240 MB of bitmap while rendering


def timeline_png(path: Path | str, data: TimelineData, width_px: int = 2400) -> Path:
    """Write the whole timeline as one PNG image about ``width_px`` pixels wide
    (narrower if the image would get very large); atomically."""
    import pypdfium2 as pdfium

    layout = _single_layout(data)
    buffer = io.BytesIO()
    _draw(_canvas(buffer, data, layout), data, layout)
    scale = max(0.1, width_px / layout.width)
    if layout.width * layout.height * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / (layout.width * layout.height))
    pdf = pdfium.PdfDocument(buffer.getvalue())
    try:
        image = pdf[0].render(scale=scale).to_pil()
    finally:
        pdf.close()
    target = Path(path)
    with atomic_path(target) as tmp:
        image.save(tmp, format="PNG", optimize=True)
    return target
