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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ozgdesk import __version__
from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.roadmap_records import TimelineBar, TimelineData, TimelineMilestone

PAGE_SIZES = {"A4": landscape(A4), "A3": landscape(A3)}

# Geometry (points). Rows never get lower than ROW_H: a long timeline gets more
# pages, not smaller print.
ROW_H = 13.0
GROUP_H = 14.0
BAR_H = 7.0
QUARTER_HEAD_H = 16.0
LANE_H = 11.0
MAX_LANES = 4
MAP_BANDS = 8  # the map of the sheets is drawn up to this many rows of sheets
TITLE_H = 34.0
LEGEND_H = 18.0
GAP = 5.0
MILESTONE_TEXT_W = 150.0  # longest milestone title
MIN_QUARTER_W = 68.0  # a readable quarter: about 2.4 cm
PNG_QUARTER_W = 80.0
NUMBER_W = 16.0  # the row number at the left of the label column
LABEL_W = {"A4": (5.5 * cm, 11.0 * cm), "A3": (6.5 * cm, 14.0 * cm)}  # min, max

NAME_SIZE = 7.5
KEY_SIZE = 5.5
SMALL = 6.5

VERMILION = colors.HexColor("#D55E00")  # the "heute" line
MILESTONE = colors.HexColor("#1A1A1A")
PALETTE = (pb.BLUE, pb.ORANGE, pb.GREEN, colors.HexColor("#CC79A7"), pb.GREY)
OTHER = pb.GREY  # bars with a decision the legend does not know


def tint(colour: colors.Color, amount: float = 0.68) -> colors.Color:
    """``colour`` mixed with white (``amount`` 0 = unchanged, 1 = white)."""
    return colors.Color(
        colour.red + (1 - colour.red) * amount,
        colour.green + (1 - colour.green) * amount,
        colour.blue + (1 - colour.blue) * amount,
    )


# -- text --------------------------------------------------------------------------------------


def _width(text: str, size: float, bold: bool = False) -> float:
    return pdfmetrics.stringWidth(text, pb.FONT_BOLD if bold else pb.FONT, size)


def elide_end(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut at the end with "…" to fit ``width``."""
    if _width(text, size, bold) <= width:
        return text
    while text and _width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def elide_middle(text: str, width: float, size: float) -> str:
    """``text`` shortened in the middle ("Aufenthaltserlaubnis zum … Erteilung"): LeiKa
    names of one object differ in their last words (the action), so those stay."""
    text = " ".join(text.split())
    if _width(text, size) <= width:
        return text
    keep_end = min(len(text) // 2, 22)
    words = text.split(" ")
    if len(words) > 1 and len(words[-1]) <= keep_end:  # whole last words if possible
        tail = words[-1]
        for word in reversed(words[1:-1]):
            if len(tail) + len(word) + 1 > keep_end:
                break
            tail = f"{word} {tail}"
    else:
        tail = text[-keep_end:]
    head = text[: len(text) - len(tail)].rstrip()
    while head and _width(f"{head} … {tail}", size) > width:
        head = head[:-1].rstrip()
    if not head:
        return elide_end(text, width, size)
    return f"{head} … {tail}"


# -- layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the timeline: a group heading or a service bar."""

    group: str
    bar: TimelineBar | None = None
    number: int = 0  # the service's running number (bars only)
    count: int = 0  # services in the group (headings only)
    continued: bool = False  # a heading repeated at the top of a page

    @property
    def height(self) -> float:
        return ROW_H if self.bar is not None else GROUP_H


@dataclass(frozen=True)
class PagePlan:
    """What one page shows: a band of rows and a range of quarters."""

    number: int  # 1-based
    band: int  # 0-based row band
    column: int  # 0-based quarter column
    rows: tuple[Row, ...]
    first_quarter: int  # index into data.quarters
    last_quarter: int  # inclusive

    @property
    def bars(self) -> list[TimelineBar]:
        return [r.bar for r in self.rows if r.bar is not None]

    @property
    def first_row(self) -> int:
        return min((r.number for r in self.rows if r.bar), default=0)

    @property
    def last_row(self) -> int:
        return max((r.number for r in self.rows if r.bar), default=0)


@dataclass(frozen=True)
class Layout:
    width: float  # page size
    height: float
    label_w: float
    quarter_w: float
    quarters_per_page: int
    lanes: int  # milestone label lanes
    band_h: float  # height of the milestone band
    rows_h: float  # room for rows on a page
    bands: int
    columns: int
    pages: tuple[PagePlan, ...]
    single: bool = False  # the PNG's one big page

    @property
    def chart_x(self) -> float:
        return pb.MARGIN_X + self.label_w


def _label_needed(data: TimelineData) -> float:
    """The width of the label column that shows every name in full."""
    return max(
        (_width(b.label, NAME_SIZE) + _width(b.key, KEY_SIZE) + NUMBER_W + 14 for b in data.bars),
        default=0.0,
    )


def rows_of(data: TimelineData) -> list[Row]:
    """Group headings and bars in display order, bars numbered from 1."""
    counts: dict[str, int] = {}
    for bar in data.bars:
        counts[bar.group] = counts.get(bar.group, 0) + 1
    rows: list[Row] = []
    current: str | None = None
    for number, bar in enumerate(data.bars, start=1):
        if bar.group != current:
            current = bar.group
            rows.append(Row(bar.group, count=counts[bar.group]))
        rows.append(Row(bar.group, bar, number))
    return rows


def _paginate(rows: Sequence[Row], room: float) -> list[tuple[Row, ...]]:
    """Split ``rows`` into bands of at most ``room`` points; a heading never stands
    alone at the bottom, and a group that goes on gets its heading repeated."""
    bands: list[tuple[Row, ...]] = []
    current: list[Row] = []
    used = 0.0
    for index, row in enumerate(rows):
        need = row.height
        if row.bar is None and index + 1 < len(rows):
            need += rows[index + 1].height  # keep the heading with its first row
        if current and used + need > room:
            bands.append(tuple(current))
            current, used = [], 0.0
            if row.bar is not None:
                heading = next(r for r in reversed(rows[:index]) if r.bar is None)
                current.append(Row(row.group, count=heading.count, continued=True))
                used += GROUP_H
        current.append(row)
        used += row.height
    if current or not bands:
        bands.append(tuple(current))
    return bands


def _x_of(day: date, data: TimelineData, first: int, quarter_w: float) -> float:
    """Offset of ``day`` from the left edge of quarter ``first`` (may be negative)."""
    quarters = data.quarters
    if day < quarters[0].start:
        index, fraction = 0, (day - quarters[0].start).days / 91
    elif day > quarters[-1].end:
        index = len(quarters) - 1
        fraction = 1 + (day - quarters[-1].end).days / 91
    else:
        index = next(i for i, q in enumerate(quarters) if q.start <= day <= q.end)
        q = quarters[index]
        fraction = (day - q.start).days / ((q.end - q.start).days + 1)
    return (index - first + fraction) * quarter_w


def _milestone_parts(m: TimelineMilestone, limit: float | None = None) -> tuple[str, str]:
    """The title (bold) and date of a milestone's label, within ``limit`` points."""
    title, day = elide_end(m.title, MILESTONE_TEXT_W, SMALL, True), pb.german_date(m.day)
    if limit is None:
        return title, day
    day_w = _width(day, SMALL - 0.5) + 3
    if limit - day_w >= 30:
        return elide_end(title, limit - day_w, SMALL, True), day
    return elide_end(title, limit, SMALL, True), ""


def _label_w(title: str, day: str) -> float:
    return _width(title, SMALL, True) + (3 + _width(day, SMALL - 0.5) if day else 0)


@dataclass
class _Placed:
    lane: int
    flipped: bool  # label left of the diamond
    left: float
    right: float
    limit: float | None = None  # the label was shortened to this width


def _lanes(data: TimelineData, first: int, last: int, quarter_w: float) -> dict[int, _Placed]:
    """Milestone index -> its lane and label placement for one quarter column.

    Labels go right of the diamond (left of it at the right edge) in the first lane
    where they touch nothing. When all lanes are taken, an earlier label in some lane
    is shortened to make room (the lane leaving both the most room).
    """
    right_edge = (last - first + 1) * quarter_w
    placed: dict[int, _Placed] = {}
    lanes: list[list[int]] = []
    visible = [(i, _x_of(m.day, data, first, quarter_w)) for i, m in enumerate(data.milestones)]
    visible = [(i, x) for i, x in visible if 0 <= x <= right_edge]
    for i, x in sorted(visible, key=lambda v: v[1]):
        w = _label_w(*_milestone_parts(data.milestones[i]))
        if x + 6 + w <= right_edge:
            item = _Placed(0, False, x - 4, x + 6 + w)
        else:
            item = _Placed(0, True, x - 6 - w, x + 4)
        for lane, members in enumerate(lanes):
            if all(
                item.right + 4 < placed[j].left or item.left - 4 > placed[j].right for j in members
            ):
                item.lane = lane
                members.append(i)
                break
        else:
            if len(lanes) < MAX_LANES:
                item.lane = len(lanes)
                lanes.append([i])
            else:
                item = _squeeze(item, i, x, lanes, placed, right_edge)
        placed[i] = item
    return placed


def _squeeze(
    item: _Placed,
    index: int,
    x: float,
    lanes: list[list[int]],
    placed: dict[int, _Placed],
    right_edge: float,
) -> _Placed:
    """Room for a milestone when every lane is taken: shorten the last label of the lane
    where both labels keep the most room (a label may shrink to nothing)."""
    own = max(0.0, min(item.right - item.left - 10, right_edge - x - 6))
    best: tuple[float, int, float | None] | None = None  # room, lane, new limit of the last
    for lane, members in enumerate(lanes):
        last = placed[members[-1]]
        if last.right + 3 <= x - 4:
            limit = None  # the diamond is free already
        elif last.flipped:
            continue
        else:
            limit = x - 7 - (last.left + 10)  # the last label's text starts 10 pt in
            if limit < 20:
                continue
        room = min(own, limit if limit is not None else own)
        if best is None or room > best[0]:
            best = (room, lane, limit)
    if best is None:  # nothing to shorten: the lane that frees up first, labels may touch
        lane = min(range(len(lanes)), key=lambda n: placed[lanes[n][-1]].right)
        lanes[lane].append(index)
        return _Placed(lane, item.flipped, item.left, item.right)
    _room, lane, limit = best
    if limit is not None:
        last = placed[lanes[lane][-1]]
        last.limit = limit
        last.right = last.left + 10 + limit
    lanes[lane].append(index)
    return _Placed(lane, False, x - 4, x + 6 + own, own if own >= 20 else 0.0)


def _check(data: TimelineData) -> None:
    if not data.quarters:
        raise ValueError("TimelineData.quarters is empty: the time axis needs a quarter")
    if any(
        b.prep_start < data.quarters[0].start or b.end > data.quarters[-1].end for b in data.bars
    ):
        raise ValueError("a bar lies outside TimelineData.quarters")


def plan_layout(data: TimelineData, page: str = "A4") -> Layout:
    """How the timeline is split over pages of size ``page`` ("A4" or "A3", landscape)."""
    if page not in PAGE_SIZES:
        raise ValueError(f"Unbekanntes Papierformat „{page}“ (möglich: A4, A3).")
    _check(data)
    pb.register_fonts()
    width, height = PAGE_SIZES[page]
    low, high = LABEL_W[page]
    usable = width - 2 * pb.MARGIN_X
    count = max(1, len(data.quarters))
    per_page = max(1, min(count, int((usable - low) // MIN_QUARTER_W)))
    columns = math.ceil(count / per_page)
    per_page = math.ceil(count / columns)  # balanced: the last sheet is not nearly empty
    # the label column gets what the quarters leave, up to what the names need
    label_w = max(low, min(_label_needed(data), high, usable - per_page * MIN_QUARTER_W))
    quarter_w = (usable - label_w) / per_page
    spans = [(c * per_page, min(count, (c + 1) * per_page) - 1) for c in range(columns)]
    lanes = max(
        (
            max((p.lane for p in _lanes(data, a, b, quarter_w).values()), default=-1) + 1
            for a, b in spans
        ),
        default=0,
    )
    band_h = lanes * LANE_H + 6 if lanes else 0.0
    top = height - pb.MARGIN_TOP
    rows_h = top - TITLE_H - QUARTER_HEAD_H - band_h - pb.MARGIN_BOTTOM - LEGEND_H - GAP
    bands = _paginate(rows_of(data), rows_h)
    pages: list[PagePlan] = []
    for b, rows in enumerate(bands):
        for c, (a, z) in enumerate(spans):
            pages.append(PagePlan(len(pages) + 1, b, c, rows, a, z))
    return Layout(
        width, height, label_w, quarter_w, per_page, lanes, band_h, rows_h,
        len(bands), columns, tuple(pages),
    )  # fmt: skip


def _single_layout(data: TimelineData) -> Layout:
    """One page with every row and every quarter (for the PNG)."""
    _check(data)
    pb.register_fonts()
    low, high = LABEL_W["A3"]
    label_w = max(low, min(_label_needed(data), high))
    count = max(1, len(data.quarters))
    quarter_w = PNG_QUARTER_W
    width = 2 * pb.MARGIN_X + label_w + count * quarter_w
    placed = _lanes(data, 0, count - 1, quarter_w)
    lanes = max((p.lane for p in placed.values()), default=-1) + 1
    band_h = lanes * LANE_H + 6 if lanes else 0.0
    rows = tuple(rows_of(data))
    rows_h = sum(r.height for r in rows) or ROW_H
    height = (
        pb.MARGIN_TOP + TITLE_H + QUARTER_HEAD_H + band_h + rows_h + GAP + LEGEND_H
        + pb.MARGIN_BOTTOM
    )  # fmt: skip
    pages = (PagePlan(1, 0, 0, rows, 0, count - 1),)
    return Layout(
        width, height, label_w, quarter_w, count, lanes, band_h, rows_h, 1, 1, pages, True
    )


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
        self._title(page)
        rows_bottom = self._rows(page)
        self._grid(page, rows_bottom)
        self._quarter_head(page)
        self._bars(page)
        self._today(page, rows_bottom)
        self._milestones(page, rows_bottom)  # labels on white over the lines
        self._legend()
        c.showPage()

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
            f"{pb.german_number(count)} {'Leistung' if count == 1 else 'Leistungen'}",
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
        name_w = layout.label_w - NUMBER_W - 12
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
                count = f"{pb.german_number(row.count)} " + (
                    "Leistung" if row.count == 1 else "Leistungen"
                )
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
            text_y = y + 3.9
            c.setFillColor(pb.MUTED)
            c.setFont(pb.FONT, KEY_SIZE)
            c.drawRightString(left + NUMBER_W - 3, text_y + 0.3, str(row.number))
            key_w = _width(bar.key, KEY_SIZE) + 6 if bar.key else 0
            if bar.key:
                c.drawRightString(layout.chart_x - 5, text_y + 0.3, bar.key)
            c.setFillColor(pb.INK)
            c.setFont(pb.FONT, NAME_SIZE)
            c.drawString(
                left + NUMBER_W, text_y, elide_middle(bar.label, name_w - key_w, NAME_SIZE)
            )
        c.setStrokeColor(pb.RULE)
        c.setLineWidth(0.5)
        c.line(left, y, right, y)
        return y

    def _grid(self, page: PagePlan, bottom: float) -> None:
        c, layout = self.c, self.layout
        top = self.head_y
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
        c.line(x, self.head_y, x, bottom - 1)
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
        entries: list[tuple[str, tuple[str, Color]]] = [
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
    canv.setAuthor("ozgdesk")
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
