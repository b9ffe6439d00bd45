"""Column widths that show the headers: no "palte in der Date" for "Spalte in der Datei"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView, QWidget


def header_width(view: QTableView, column: int) -> int:
    """The width a column needs for its header text (margins and sort arrow included)."""
    header = view.horizontalHeader()
    text = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    lines = text.splitlines() or [""]
    metrics = header.fontMetrics()
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = (
        style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
        if view.isSortingEnabled()
        else 0
    )
    # bold headers (some styles) are a little wider than the header's font says
    return (
        max(metrics.horizontalAdvance(line) for line in lines) * 21 // 20 + 2 * margin + arrow + 6
    )


def fit_headers(view: QTableView) -> None:
    """Widen every column narrower than its header (stretching columns take the rest)."""
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        if header.sectionResizeMode(column) in (
            QHeaderView.ResizeMode.Stretch,
            QHeaderView.ResizeMode.ResizeToContents,
        ):
            continue
        needed = header_width(view, column)
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


def fit_all_headers(root: QWidget) -> None:
    for view in root.findChildren(QTableView):
        fit_headers(view)
