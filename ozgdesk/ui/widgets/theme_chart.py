"""A small painted chart: decided and open services per Themenfeld (step 1 status)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ozgdesk.workflow.relevance import ThemeProgress

COLOURS = {
    "relevant": QColor("#4f9a55"),
    "nicht relevant": QColor("#a6a6a6"),
    "offen": QColor("#f0c36a"),
}
ROW_HEIGHT = 17
LEGEND_HEIGHT = 22


class ThemeChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: list[ThemeProgress] = []
        self.setAccessibleName(self.tr("Entscheidungsstand je Themenfeld"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_data(self, data: list[ThemeProgress]) -> None:
        self._data = list(data)
        decided = sum(d.decided for d in data)
        total = sum(d.total for d in data)
        self.setAccessibleDescription(
            self.tr("%1 von %2 Leistungen entschieden")
            .replace("%1", str(decided))
            .replace("%2", str(total))
        )
        self.updateGeometry()
        self.update()

    def data(self) -> list[ThemeProgress]:
        return list(self._data)

    def sizeHint(self) -> QSize:
        return QSize(320, LEGEND_HEIGHT + ROW_HEIGHT * max(len(self._data), 1) + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        width = self.width()
        # legend
        x = 2.0
        for label, colour in (
            (self.tr("relevant"), COLOURS["relevant"]),
            (self.tr("nicht relevant"), COLOURS["nicht relevant"]),
            (self.tr("offen"), COLOURS["offen"]),
        ):
            painter.fillRect(QRectF(x, 5, 10, 10), colour)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x + 14, 0, 120, 20), Qt.AlignmentFlag.AlignVCenter, label)
            x += 14 + metrics.horizontalAdvance(label) + 14
        if not self._data:
            painter.drawText(
                QRectF(0, LEGEND_HEIGHT, width, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft,
                self.tr("Noch keine Leistungen."),
            )
            return
        label_width = min(150.0, width * 0.42)
        count_width = metrics.horizontalAdvance("00000/00000") + 8
        bar_width = max(20.0, width - label_width - count_width)
        largest = max(d.total for d in self._data) or 1
        for i, item in enumerate(self._data):
            y = LEGEND_HEIGHT + i * ROW_HEIGHT
            text = metrics.elidedText(
                item.themenfeld, Qt.TextElideMode.ElideRight, int(label_width) - 4
            )
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(0, y, label_width, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, text
            )
            x = label_width
            for count, colour in (
                (item.relevant, COLOURS["relevant"]),
                (item.not_relevant, COLOURS["nicht relevant"]),
                (item.to_check + item.undecided, COLOURS["offen"]),
            ):
                segment = bar_width * count / largest
                painter.fillRect(QRectF(x, y + 3, segment, ROW_HEIGHT - 6), colour)
                x += segment
            painter.drawText(
                QRectF(x + 4, y, count_width, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter,
                f"{item.decided}/{item.total}",
            )
