"""Column widths that show the headers: no "palte in der Date" for "Spalte in der Datei"."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
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


class _Fitter(QObject):
    """Fits a table's headers after its rows were replaced; a child of the table, so the
    connection ends with it."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(lambda: fit_headers(self.view))

    def schedule(self) -> None:
        self.timer.start()


def fit_all_headers(root: QWidget) -> None:
    """Fit the headers of every table under ``root`` now and whenever its rows are replaced
    (pages set column widths when they fill a table)."""
    for view in root.findChildren(QTableView):
        fit_headers(view)
        model = view.model()
        if model is not None and view.findChild(_Fitter) is None:
            fitter = _Fitter(view)
            model.modelReset.connect(fitter.schedule)
