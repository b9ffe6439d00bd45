"""How the timeline is laid out: label column, quarters per sheet, milestone lanes, rows split
into bands that fill a page each (``timeline_pdf`` draws it).

Each service row shows its name in the label column in up to two lines (broken by the rules
of ``pdf_text``; a longer name keeps its start and its last words, "… Erteilung"), so the
row is taller where the name needs two lines.

Import lazily: this module imports reportlab.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.pdf_text import wrap_lines
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
# min, max; names get two lines, so 6 cm on A4 leave room for eight quarters on a sheet
LABEL_W = {"A4": (6.0 * cm, 11.0 * cm), "A3": (7.0 * cm, 14.0 * cm)}
LINE_H = 8.0  # a second line of a service's name
LABEL_LINES = 2

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
    pb.register_fonts()  # measuring needs the font too, also before any PDF is built
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
    cut = head.rfind(" ")
    if cut > len(head) * 0.6:  # end the start at a word where that loses little
        head = head[:cut].rstrip(" ,;:-")
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
    lines: tuple[str, ...] = ()  # the service's name in the label column (one or two lines)

    @property
    def height(self) -> float:
        if self.bar is None:
            return GROUP_H
        return ROW_H + LINE_H * max(0, len(self.lines) - 1)


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


def label_lines(name: str, room: float, key_room: float) -> tuple[str, ...]:
    """``name`` in at most two lines: the first may use ``room``, the last leaves room for
    the key (``key_room``). A longer name keeps its first line and, shortened in the middle,
    its last words on the second ("… Erteilung")."""
    name = " ".join(name.split())
    lines = wrap_lines(name, pb.FONT, NAME_SIZE, key_room)
    if len(lines) <= LABEL_LINES:
        return lines
    first = wrap_lines(name, pb.FONT, NAME_SIZE, room)[0]
    rest = name[len(first) :].strip()
    if first.endswith("-") and not name[: len(first)].endswith("-"):
        rest = name[len(first) - 1 :].strip()  # a hyphenated word goes on after the hyphen
    return (first, elide_middle(rest, key_room, NAME_SIZE))


def with_lines(rows: Sequence[Row], label_w: float) -> list[Row]:
    """``rows`` with the label lines of their services for a label column ``label_w`` wide."""
    room = label_w - NUMBER_W - 8
    result = []
    for r in rows:
        if r.bar is None:
            result.append(r)
            continue
        key_w = _width(r.bar.key, KEY_SIZE) + 10 if r.bar.key else 0
        result.append(replace(r, lines=label_lines(r.bar.label, room, room - key_w)))
    return result


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
    bands = _paginate(with_lines(rows_of(data), label_w), rows_h)
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
    rows = tuple(with_lines(rows_of(data), label_w))
    rows_h = sum(r.height for r in rows) or ROW_H
    height = (
        pb.MARGIN_TOP + TITLE_H + QUARTER_HEAD_H + band_h + rows_h + GAP + LEGEND_H
        + pb.MARGIN_BOTTOM
    )  # fmt: skip
    pages = (PagePlan(1, 0, 0, rows, 0, count - 1),)
    return Layout(
        width, height, label_w, quarter_w, count, lanes, band_h, rows_h, 1, 1, pages, True
    )
