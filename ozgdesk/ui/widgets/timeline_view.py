"""The roadmap timeline: a Gantt-like view by quarter, painted with Qt.

Rows are grouped (by office or Themenfeld); each planned service shows a light
bar for preparation and a strong bar for the connection quarter; milestones
are diamonds; a red line marks today. Zoom changes the width of a quarter.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ozgdesk.workflow import roadmap
from ozgdesk.workflow.roadmap import Bar, MilestoneItem, Timeline

LABEL_WIDTH = 280
HEADER_HEIGHT = 44
ROW_HEIGHT = 22
BASE_QUARTER_WIDTH = 110
COLOURS = {
    roadmap.EARLY: QColor("#2f6db3"),
    roadmap.LATER: QColor("#7f9fc4"),
    "": QColor("#8a8a8a"),
}
PREP = QColor("#d9e4f2")
GROUP_BG = QColor("#eef1f5")
MILESTONE = QColor("#c77700")
TODAY = QColor("#c62828")


class TimelineView(QWidget):
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Zeitplan"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._timeline: Timeline | None = None
        self._rows: list[
            tuple[str, object]
        ] = []  # ("group", name) or ("bar", Bar) or ("milestones", None)
        self._quarters: list[str] = []
        self.zoom = 1.0
        self.today = date.today()

    # -- data ----------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._quarters = roadmap.quarters_between(
            roadmap.quarter_of(timeline.first), roadmap.quarter_of(timeline.last)
        )
        rows: list[tuple[str, object]] = []
        if timeline.milestones:
            rows.append(("group", self.tr("Meilensteine")))
            rows.extend(("milestone", item) for item in timeline.milestones)
        current = None
        for bar in timeline.bars:
            if bar.group != current:
                rows.append(("group", bar.group))
                current = bar.group
            rows.append(("bar", bar))
        self._rows = rows
        self.setAccessibleDescription(
            self.tr("%1 geplante Anbindungen in %2 Gruppen, %3 Meilensteine")
            .replace("%1", str(len(timeline.bars)))
            .replace("%2", str(len(timeline.groups)))
            .replace("%3", str(len(timeline.milestones)))
        )
        self.resize(self.sizeHint())
        self.update()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(4.0, max(0.3, zoom))
        self.resize(self.sizeHint())
        self.update()
        self.zoom_changed.emit(self.zoom)

    def quarter_width(self) -> float:
        return BASE_QUARTER_WIDTH * self.zoom

    def sizeHint(self) -> QSize:
        width = LABEL_WIDTH + int(self.quarter_width() * max(len(self._quarters), 1)) + 2
        height = HEADER_HEIGHT + ROW_HEIGHT * max(len(self._rows), 1) + 2
        return QSize(width, height)

    def row_count(self) -> int:
        return len(self._rows)

    # -- geometry ----------------------------------------------------------------------------

    def x_of(self, day: date) -> float:
        if not self._quarters:
            return LABEL_WIDTH
        first = roadmap.quarter_start(self._quarters[0])
        quarter_index = (day.year - first.year) * 4 + (day.month - 1) // 3 - (first.month - 1) // 3
        quarter = (
            self._quarters[0]
            if quarter_index < 0
            else roadmap.shift_quarter(self._quarters[0], quarter_index)
        )
        start, end = roadmap.quarter_start(quarter), roadmap.quarter_end(quarter)
        fraction = (day - start).days / max((end - start).days + 1, 1)
        return LABEL_WIDTH + (quarter_index + fraction) * self.quarter_width()

    # -- painting -----------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.zoom * (1.15 if event.angleDelta().y() > 0 else 1 / 1.15))
            event.accept()
            return
        super().wheelEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.paint(painter)
        finally:
            painter.end()

    def render_image(self) -> QImage:
        """The whole timeline as an image (for PNG export)."""
        size = self.sizeHint()
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self.paint(painter)
        finally:
            painter.end()
        return image

    def paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = self.sizeHint()
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
        text = QColor("#202020")
        grid = QPen(QColor("#d0d0d0"))
        bold = QFont(painter.font())
        bold.setBold(True)
        normal = QFont(painter.font())
        metrics = painter.fontMetrics()
        qw = self.quarter_width()
        bottom = HEADER_HEIGHT + ROW_HEIGHT * len(self._rows)
        # quarter header and grid
        years: dict[int, list[int]] = {}
        for index, quarter in enumerate(self._quarters):
            year, q = roadmap.parse_quarter(quarter)
            years.setdefault(year, []).append(index)
            x = LABEL_WIDTH + index * qw
            painter.setPen(grid)
            painter.drawLine(QPointF(x, 22), QPointF(x, bottom))
            painter.setPen(text)
            painter.drawText(QRectF(x, 22, qw, 20), Qt.AlignmentFlag.AlignCenter, f"Q{q}")
        painter.setFont(bold)
        for year, indexes in years.items():
            x = LABEL_WIDTH + indexes[0] * qw
            painter.drawText(
                QRectF(x, 2, qw * len(indexes), 20), Qt.AlignmentFlag.AlignCenter, str(year)
            )
        painter.drawText(
            QRectF(6, 2, LABEL_WIDTH - 12, 40), Qt.AlignmentFlag.AlignVCenter, self.tr("Leistung")
        )
        painter.setFont(normal)
        painter.setPen(grid)
        painter.drawLine(QPointF(0, HEADER_HEIGHT), QPointF(size.width(), HEADER_HEIGHT))
        painter.drawLine(QPointF(LABEL_WIDTH, 0), QPointF(LABEL_WIDTH, bottom))
        # rows
        for index, (kind, value) in enumerate(self._rows):
            y = HEADER_HEIGHT + index * ROW_HEIGHT
            if kind == "group":
                painter.fillRect(QRectF(0, y, size.width(), ROW_HEIGHT), GROUP_BG)
                painter.setFont(bold)
                painter.setPen(text)
                painter.drawText(
                    QRectF(6, y, LABEL_WIDTH - 12, ROW_HEIGHT),
                    Qt.AlignmentFlag.AlignVCenter,
                    str(value),
                )
                painter.setFont(normal)
                continue
            if kind == "milestone":
                assert isinstance(value, MilestoneItem)
                milestone = value
                label = metrics.elidedText(
                    milestone.title, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 12
                )
                painter.setPen(text)
                painter.drawText(
                    QRectF(6, y, LABEL_WIDTH - 12, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, label
                )
                x = self.x_of(milestone.due_on)
                colour = QColor("#5a9a5a") if milestone.done else MILESTONE
                self._diamond(painter, x, y + ROW_HEIGHT / 2, 6, colour)
                painter.setPen(text)
                day = milestone.due_on.strftime("%d.%m.%Y")
                painter.drawText(
                    QRectF(x + 9, y, 120, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, day
                )
                continue
            assert isinstance(value, Bar)
            bar = value
            label = metrics.elidedText(
                f"{bar.label}", Qt.TextElideMode.ElideRight, LABEL_WIDTH - 12
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(6, y, LABEL_WIDTH - 12, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, label
            )
            prep_x, start_x, end_x = (
                self.x_of(bar.prep_start),
                self.x_of(bar.start),
                self.x_of(bar.end),
            )
            painter.fillRect(QRectF(prep_x, y + 6, start_x - prep_x, ROW_HEIGHT - 12), PREP)
            painter.fillRect(
                QRectF(start_x, y + 4, max(end_x - start_x, 3), ROW_HEIGHT - 8),
                COLOURS.get(bar.decision, COLOURS[""]),
            )
        # today
        if self._quarters and roadmap.quarter_start(
            self._quarters[0]
        ) <= self.today <= roadmap.quarter_end(self._quarters[-1]):
            x = self.x_of(self.today)
            pen = QPen(TODAY)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, 22), QPointF(x, bottom))
            painter.drawText(
                QRectF(x + 3, HEADER_HEIGHT + 1, 60, 16),
                Qt.AlignmentFlag.AlignLeft,
                self.tr("heute"),
            )

    @staticmethod
    def _diamond(painter: QPainter, x: float, y: float, r: float, colour: QColor) -> None:
        path = QPainterPath()
        path.moveTo(x, y - r)
        path.lineTo(x + r, y)
        path.lineTo(x, y + r)
        path.lineTo(x - r, y)
        path.closeSubpath()
        painter.fillPath(path, colour)
