"""Bar charts in the house style (reportlab.graphics), for the briefing, overview and council
report. Import lazily: this module imports reportlab."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics

from ozgdesk.formats.pdf_base import (
    FONT,
    INK,
    MUTED,
    RULE,
    SHADE,
    german_number,
    register_fonts,
)
from ozgdesk.formats.pdf_text import fit


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
    # long names (a "Fachbereich …" of any length) are shortened with "…" to 40 % of the width
    categories = [fit(c, FONT, font_size, width * 0.4) for c in categories]
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
