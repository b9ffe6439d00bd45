"""The start page: the five steps at a glance with the next sensible action,
open tasks across all steps, and the next dates."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.project import Project
from ozgdesk.ui.loader import Loader
from ozgdesk.ui.pages.base import StatusChip
from ozgdesk.workflow import dashboard, overview
from ozgdesk.workflow.steps import STEPS

_OVERDUE = QBrush(QColor("#a40000"))


class StepCard(QFrame):
    open_requested = Signal(int)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.setObjectName("stepCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#stepCard { background: palette(base); border-radius: 6px; }")
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.chip = StatusChip()
        self.action = QLabel()
        self.action.setObjectName("nextAction")
        self.action.setWordWrap(True)
        step = STEPS[number - 1]
        self.title.setText(f"{step.number}  {step.title}")
        self.button = QPushButton(self.tr("Zu Schritt %1").replace("%1", str(number)))
        self.button.setAccessibleName(self.tr("Schritt %1 öffnen").replace("%1", str(number)))
        self.button.clicked.connect(lambda: self.open_requested.emit(self.number))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.chip)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.action, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)

    def show_loading(self) -> None:
        self.action.setText(self.tr("Der Stand wird ermittelt …"))
        self.chip.hide()  # no status to show yet

    def show_summary(self, summary: dashboard.StepSummary) -> None:
        self.title.setText(f"{summary.number}  {summary.title}")
        self.chip.set_status(summary.status)
        self.chip.show()
        self.action.setText(summary.next_action)


class StartPage(QWidget):
    open_step = Signal(int)  # 1-5

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setObjectName("page_start")
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Die fünf Schritte der OZG-Umsetzung auf einen Blick – mit dem jeweils nächsten sinnvollen "
                "Schritt, den offenen Aufgaben aus allen Schritten und den nächsten Terminen."
            )
        )
        intro.setWordWrap(True)
        self.cards = [StepCard(n) for n in range(1, 6)]
        grid = QGridLayout()
        for index, card in enumerate(self.cards):
            card.open_requested.connect(self.open_step.emit)
            grid.addWidget(card, index // 3, index % 3)
        self.tasks = QTableWidget(0, 5)
        self.tasks.setObjectName("openTasks")
        self.tasks.setAccessibleName(self.tr("Offene Aufgaben aller Schritte"))
        self.tasks.setHorizontalHeaderLabels(
            [
                self.tr("Bis"),
                self.tr("Aufgabe"),
                self.tr("Wer"),
                self.tr("Schritt"),
                self.tr("Herkunft"),
            ]
        )
        self.tasks.verticalHeader().setVisible(False)
        self.tasks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tasks.setWordWrap(False)
        self.tasks.verticalHeader().setDefaultSectionSize(self.tasks.fontMetrics().height() + 8)
        self.tasks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.dates = QListWidget()
        self.dates.setObjectName("nextDates")
        self.dates.setAccessibleName(self.tr("Nächste Termine"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.tasks_label = QLabel()
        left_layout.addWidget(self.tasks_label)
        left_layout.addWidget(self.tasks, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("<b>Nächste Termine</b> (90 Tage)")))
        right_layout.addWidget(self.dates, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([800, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(splitter, 1)

    def activate(self) -> None:
        self.reload()

    def _show_summaries(self, summaries: list[dashboard.StepSummary]) -> None:
        for card, summary in zip(self.cards, summaries, strict=True):
            card.show_summary(summary)

    def _summaries_loading(self) -> None:
        for card in self.cards:
            card.show_loading()

    def reload(self) -> None:
        facts = {"municipality": overview.summary(self.project).municipality}
        self.heading.setText(self.tr("OZG-Umsetzung %1").replace("%1", facts["municipality"]))
        Loader.of(self.project).fetch(
            "step_summaries",
            lambda: dashboard.step_summaries(self.project),
            self._show_summaries,
            loading=self._summaries_loading,
        )
        items = dashboard.open_items(self.project)
        overdue = sum(1 for i in items if i.overdue())
        self.tasks_label.setText(
            self.tr("<b>Offene Aufgaben</b> (%1, davon %2 überfällig)")
            .replace("%1", str(len(items)))
            .replace("%2", str(overdue))
        )
        self.tasks.setRowCount(len(items))
        for row, item in enumerate(items):
            values = (
                item.due_on.strftime("%d.%m.%Y") if item.due_on else "",
                item.title,
                item.owner,
                str(item.step or ""),
                item.origin,
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if item.overdue():
                    cell.setForeground(_OVERDUE)
                self.tasks.setItem(row, column, cell)
        for column in (0, 2, 3):
            self.tasks.resizeColumnToContents(column)
        self.dates.clear()
        for appointment in dashboard.next_dates(self.project):
            self.dates.addItem(f"{appointment.day:%d.%m.%Y}  {appointment.text}")
        if not self.dates.count():
            self.dates.addItem(self.tr("Keine Termine in den nächsten 90 Tagen."))
