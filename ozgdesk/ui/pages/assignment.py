"""Step 2 Zuordnung: offices and contacts, assigning services, rules, involving the house."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from ozgdesk import paths
from ozgdesk.errortext import describe
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.pages import steps_text
from ozgdesk.ui.pages.assignment_panel import AssignmentPanel
from ozgdesk.ui.pages.assignment_rules_panel import AssignmentRulesPanel
from ozgdesk.ui.pages.base import StepPage
from ozgdesk.ui.pages.briefing_panel import BriefingPanel
from ozgdesk.ui.tasks import run_with_progress, written_report
from ozgdesk.workflow.steps import Step


class AssignmentPage(StepPage):
    def __init__(self, step: Step, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(step, steps_text.intro(step.key), project, parent)
        self.panel = AssignmentPanel(project)
        self.rules = AssignmentRulesPanel(project)
        self.briefing = BriefingPanel(project)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("assignmentTabs")
        self.tabs.addTab(self.panel, self.tr("Ämter und &Leistungen"))
        self.tabs.addTab(self.rules, self.tr("Zuordnungs&regeln"))
        self.tabs.addTab(self.briefing, self.tr("&Haus einbinden"))
        self.tabs.currentChanged.connect(self._tab_changed)
        outputs = QHBoxLayout()
        outputs.addWidget(QLabel(self.tr("Ausgaben:")))
        for text, kind in (
            (self.tr("Ämter-Arbeitsmappe (Excel)…"), "workbook"),
            (self.tr("Leistungslisten je Amt (PDF)…"), "lists"),
            (self.tr("Information der Verwaltungsspitze (PDF)…"), "briefing"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(lambda _checked=False, k=kind: self.export(k))
            outputs.addWidget(button)
        outputs.addStretch(1)
        self.content.addLayout(outputs)
        self.content.addWidget(self.tabs, 1)
        self.panel.changed.connect(self.status_changed.emit)
        self.briefing.changed.connect(self.status_changed.emit)
        self.rules.applied.connect(self._rules_applied)

    def set_undo_stack(self, stack) -> None:
        super().set_undo_stack(stack)
        self.panel.undo_stack = stack
        self.briefing.set_undo_stack(stack)

    def activate(self) -> None:
        self.panel.reload()
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.rules:
            self.rules.reload()
        elif widget is self.briefing:
            self.briefing.reload()

    def _rules_applied(self, previous) -> None:
        self.panel._record(self.tr("Zuordnung nach Regeln"), previous)

    def main_document(self) -> tuple[str, Callable[[Path], list[Path]]]:
        """Strg+P: the lists of services per office."""
        from ozgdesk.workflow import office_reports

        return self.tr("Leistungslisten je Amt"), lambda folder: office_reports.export_office_pdfs(
            self.project, folder
        )

    def export(self, kind: str) -> None:
        from ozgdesk.workflow import office_reports

        docs = paths.documents_dir()
        if kind == "lists":
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Ordner für die Listen je Amt"), str(docs)
            )
            if not chosen:
                return
            target = Path(chosen)
            action: Callable[[], object] = lambda: office_reports.export_office_pdfs(  # noqa: E731
                self.project, target
            )
        else:
            suffix, name, file_filter = {
                "workbook": (".xlsx", "Aemter-und-Leistungen", "Excel (*.xlsx)"),
                "briefing": (".pdf", "Information-Verwaltungsspitze", "PDF (*.pdf)"),
            }[kind]
            chosen, _f = QFileDialog.getSaveFileName(
                self, self.tr("Speichern unter"), str(docs / f"{name}{suffix}"), file_filter
            )
            if not chosen:
                return
            target = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
            function = (
                office_reports.export_offices_workbook
                if kind == "workbook"
                else office_reports.export_briefing_pdf
            )
            action = lambda: function(self.project, target)  # noqa: E731 - the chosen export
        try:
            result = run_with_progress(self, self.tr("Export läuft …"), action)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        except OSError as error:
            messages.info(self, self.tr("Export fehlgeschlagen"), describe(error))
            return
        messages.info(self, self.tr("Export fertig"), written_report(result, str(target)))
