"""Step 5 Roadmap: plan per service, timeline, capacity, milestones, communication, council report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import paths
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.pages import steps_text
from ozgdesk.ui.pages.base import StepPage
from ozgdesk.ui.pages.communication_panel import CommunicationPanel, CouncilPanel
from ozgdesk.ui.pages.roadmap_panels import CapacityPanel, MilestonesPanel, PlanPanel
from ozgdesk.ui.widgets.timeline_view import TimelineView
from ozgdesk.workflow import roadmap
from ozgdesk.workflow.steps import Step


class TimelinePanel(QWidget):
    def __init__(self, page: RoadmapPage) -> None:
        super().__init__()
        self.page = page
        self.view = TimelineView()
        self.view.setObjectName("timelineView")
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.view)
        self.scroll_area.setWidgetResizable(False)
        self.group = QComboBox()
        self.group.setAccessibleName(self.tr("Gruppieren nach"))
        self.group.addItem(self.tr("nach Amt"), "office")
        self.group.addItem(self.tr("nach Themenfeld"), "themenfeld")
        self.group.currentIndexChanged.connect(self.reload)
        zoom_in = QPushButton(self.tr("Vergrößern (+)"))
        zoom_in.setAccessibleName(self.tr("Zeitplan vergrößern"))
        zoom_in.clicked.connect(lambda: self.view.set_zoom(self.view.zoom * 1.25))
        zoom_out = QPushButton(self.tr("Verkleinern (−)"))
        zoom_out.setAccessibleName(self.tr("Zeitplan verkleinern"))
        zoom_out.clicked.connect(lambda: self.view.set_zoom(self.view.zoom / 1.25))
        self.page_size = QComboBox()
        self.page_size.setAccessibleName(self.tr("Papierformat"))
        self.page_size.addItems(["A4", "A3"])
        png = QPushButton(self.tr("Als &PNG…"))
        png.setAccessibleName(self.tr("Zeitplan als PNG speichern"))
        png.clicked.connect(self.save_png)
        pdf = QPushButton(self.tr("Als P&DF…"))
        pdf.setAccessibleName(self.tr("Zeitplan als PDF speichern"))
        pdf.clicked.connect(self.save_pdf)
        print_button = QPushButton(self.tr("&Drucken…"))
        print_button.setAccessibleName(self.tr("Zeitplan drucken"))
        print_button.clicked.connect(self.print_timeline)
        bar = QHBoxLayout()
        bar.addWidget(self.group)
        bar.addWidget(zoom_out)
        bar.addWidget(zoom_in)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Papier (quer):")))
        bar.addWidget(self.page_size)
        bar.addWidget(png)
        bar.addWidget(pdf)
        bar.addWidget(print_button)
        hint = QLabel(
            self.tr(
                "Heller Balken: Vorbereitung im Quartal davor; dunkler Balken: Anbindung. Strg + Mausrad zoomt."
            )
        )
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(hint)

    def reload(self) -> None:
        self.view.set_timeline(roadmap.timeline(self.page.project, self.group.currentData()))

    def save_png(self) -> None:
        chosen, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Zeitplan als PNG"),
            str(paths.documents_dir() / "Roadmap-Zeitplan.png"),
            "PNG (*.png)",
        )
        if chosen:
            target = chosen if chosen.lower().endswith(".png") else chosen + ".png"
            if not self.view.render_image().save(target, b"PNG"):
                messages.info(
                    self,
                    self.tr("Speichern fehlgeschlagen"),
                    self.tr("Die Datei „%1“ konnte nicht geschrieben werden.").replace(
                        "%1", target
                    ),
                )
                return
            messages.info(
                self, self.tr("Gespeichert"), self.tr("Gespeichert: %1").replace("%1", target)
            )

    def _pdf(self, target: Path) -> Path:
        from ozgdesk.workflow import roadmap_outputs

        return roadmap_outputs.export_timeline_pdf(
            self.page.project,
            target,
            page=self.page_size.currentText(),
            group_by=self.group.currentData(),
        )

    def save_pdf(self) -> None:
        chosen, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Zeitplan als PDF"),
            str(paths.documents_dir() / "Roadmap-Zeitplan.pdf"),
            "PDF (*.pdf)",
        )
        if chosen:
            target = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self.page.run_export(lambda: self._pdf(target), str(target))

    def print_timeline(self) -> None:
        from ozgdesk.ui.print_preview import print_output

        print_output(self, self.tr("Zeitplan"), lambda folder: self._pdf(folder / "Zeitplan.pdf"))


class RoadmapPage(StepPage):
    def __init__(self, step: Step, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(step, steps_text.intro(step.key), project, parent)
        self.plan = PlanPanel(project)
        self.timeline = TimelinePanel(self)
        self.capacity = CapacityPanel(project)
        self.milestones = MilestonesPanel(project)
        self.communication = CommunicationPanel(project)
        self.council = CouncilPanel(project)
        self.council.report_requested.connect(self.council_report)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("roadmapTabs")
        for widget, label in (
            (self.plan, self.tr("&Plan je Leistung")),
            (self.timeline, self.tr("&Zeitplan")),
            (self.capacity, self.tr("&Kapazität")),
            (self.milestones, self.tr("&Meilensteine")),
            (self.communication, self.tr("K&ommunikation")),
            (self.council, self.tr("&Bericht an den Rat")),
        ):
            self.tabs.addTab(widget, label)
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        outputs = QHBoxLayout()
        outputs.addWidget(QLabel(self.tr("Ausgaben:")))
        for text, kind in (
            (self.tr("Roadmap als Excel…"), "xlsx"),
            (self.tr("Roadmap als PDF-Tabelle…"), "pdf"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(lambda _c=False, k=kind: self.export_roadmap(k))
            outputs.addWidget(button)
        outputs.addStretch(1)
        self.content.addLayout(outputs)
        self.content.addWidget(self.tabs, 1)
        for panel in (self.plan, self.capacity, self.milestones, self.communication, self.council):
            panel.changed.connect(self.status_changed.emit)
        self.plan.changed.connect(self.timeline.reload)

    def set_undo_stack(self, stack) -> None:
        super().set_undo_stack(stack)
        self.plan.undo_stack = stack
        self.council.undo_stack = stack

    def activate(self) -> None:
        self.plan.reload()
        self._load_current()

    def _load_current(self) -> None:
        widget = self.tabs.currentWidget()
        if widget is not self.plan:
            widget.reload()  # type: ignore[attr-defined]  # every tab except the plan table has reload()

    def main_document(self) -> tuple[str, Callable[[Path], Path]]:
        """Strg+P: the timeline on its tab, the council report on its tab, else the roadmap."""
        from ozgdesk.workflow import roadmap_outputs

        widget = self.tabs.currentWidget()
        if widget is self.timeline:
            return self.tr("Zeitplan"), lambda folder: self.timeline._pdf(folder / "Zeitplan.pdf")
        if widget is self.council:
            self.council.autosave.flush()
            return self.tr(
                "Bericht an den Rat"
            ), lambda folder: roadmap_outputs.export_council_report(
                self.project, folder / "Bericht.pdf"
            )
        return self.tr("Roadmap"), lambda folder: roadmap_outputs.export_roadmap_pdf(
            self.project, folder / "Roadmap.pdf"
        )

    def export_roadmap(self, kind: str) -> None:
        from ozgdesk.workflow import roadmap_outputs

        suffix = ".xlsx" if kind == "xlsx" else ".pdf"
        chosen, _f = QFileDialog.getSaveFileName(
            self, self.tr("Roadmap speichern"), str(paths.documents_dir() / f"Roadmap{suffix}")
        )
        if chosen:
            target = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
            action = (
                roadmap_outputs.export_roadmap_xlsx
                if kind == "xlsx"
                else roadmap_outputs.export_roadmap_pdf
            )
            self.run_export(lambda: action(self.project, target), str(target))

    def council_report(self) -> None:
        from ozgdesk.workflow import roadmap_outputs

        if not self.council.autosave.leave():
            return
        chosen, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Bericht an den Rat"),
            str(paths.documents_dir() / "OZG-Bericht-Rat.pdf"),
            "PDF (*.pdf)",
        )
        if chosen:
            target = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self.run_export(
                lambda: roadmap_outputs.export_council_report(self.project, target), str(target)
            )
