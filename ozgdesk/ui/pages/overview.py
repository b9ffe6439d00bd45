"""Step 1 Übersicht: the service catalogue with relevance decisions, the rules behind the
suggestions, and the coordinator's network."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QTabWidget, QWidget

from ozgdesk import paths
from ozgdesk.errortext import describe
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.pages import steps_text
from ozgdesk.ui.pages.base import StepPage
from ozgdesk.ui.pages.catalogue_panel import CataloguePanel
from ozgdesk.ui.tasks import run_with_progress
from ozgdesk.ui.widgets.lazy_tab import LazyTab
from ozgdesk.workflow.steps import Step

if TYPE_CHECKING:
    from ozgdesk.ui.pages.network_panel import NetworkPanel
    from ozgdesk.ui.pages.rules_panel import RulesPanel


class OverviewPage(StepPage):
    def __init__(self, step: Step, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(step, steps_text.intro(step.key), project, parent)
        self.catalogue = CataloguePanel(project)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("overviewTabs")
        self.tabs.addTab(self.catalogue, self.tr("&Leistungen"))
        # the other two tabs are built when first shown (or asked for): the start shows
        # the catalogue
        self._rules_tab = LazyTab(self.tabs, self.tr("&Vorschlagsregeln"), self._build_rules)
        self._network_tab = LazyTab(self.tabs, self.tr("N&etzwerk"), self._build_network)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.content.addWidget(self.tabs, 1)
        self.catalogue.decisions_changed.connect(self.status_changed.emit)
        self.catalogue.import_requested.connect(self.open_import)
        self.catalogue.update_requested.connect(self.open_update)
        self.catalogue.export_requested.connect(self.export)
        # shortcuts to the catalogue parts used by tests and the main window
        self.model, self.proxy, self.table = (
            self.catalogue.model,
            self.catalogue.proxy,
            self.catalogue.table,
        )
        self.search, self.count_label, self.detail = (
            self.catalogue.search,
            self.catalogue.count_label,
            self.catalogue.detail,
        )
        self.themenfeld, self.lebenslage, self.typ = (
            self.catalogue.themenfeld,
            self.catalogue.lebenslage,
            self.catalogue.typ,
        )

    @property
    def rules(self) -> RulesPanel:
        """The tab "Vorschlagsregeln" (built on first use)."""
        return self._rules_tab.widget()

    @property
    def network(self) -> NetworkPanel:
        """The tab "Netzwerk" (built on first use)."""
        return self._network_tab.widget()

    def _build_rules(self) -> RulesPanel:
        from ozgdesk.ui.pages.rules_panel import RulesPanel

        panel = RulesPanel(self.project)
        panel.rules_changed.connect(self.catalogue.refresh_suggestions)
        return panel

    def _build_network(self) -> NetworkPanel:
        from ozgdesk.ui.pages.network_panel import NetworkPanel

        return NetworkPanel(self.project)

    def set_undo_stack(self, stack) -> None:
        super().set_undo_stack(stack)
        self.catalogue.undo_stack = stack

    def activate(self) -> None:
        self.catalogue.ensure_loaded()

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if self._rules_tab.holds(widget):
            self.rules.reload()
        elif self._network_tab.holds(widget):
            self.network.reload()

    # -- import and export -------------------------------------------------------------------

    def import_wizard(self):
        from ozgdesk.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.project, self)
        wizard.on_imported(self._imported)
        return wizard

    def open_import(self) -> None:
        if self.project.read_only:
            messages.info(
                self,
                self.tr("Schreibgeschützt"),
                self.tr(
                    "Das Projekt ist schreibgeschützt geöffnet; importieren ist nicht möglich."
                ),
            )
            return
        self.import_wizard().exec()

    def run_dialog(self, dialog) -> bool:
        """Show a dialog modally; tests replace this to look at and accept dialogs."""
        return bool(dialog.exec())

    def open_update(self, path: Path | None = None) -> None:
        """Compare a newer catalogue release with the project's, show it, apply it on request."""
        from ozgdesk.ui.dialogs.catalogue_update_dialog import CatalogueUpdateDialog
        from ozgdesk.ui.dialogs.import_wizard import FILE_FILTER
        from ozgdesk.workflow import catalogue_update

        if self.project.read_only:
            messages.info(
                self,
                self.tr("Schreibgeschützt"),
                self.tr(
                    "Das Projekt ist schreibgeschützt geöffnet; aktualisieren ist nicht möglich."
                ),
            )
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                self.tr("Neuere Fassung des Leistungskatalogs wählen"),
                str(paths.documents_dir()),
                self.tr(FILE_FILTER),
            )
            if not chosen:
                return
            path = Path(chosen)
        update = run_with_progress(
            self,
            self.tr("Die Katalogfassung wird gelesen und verglichen …"),
            lambda: catalogue_update.analyse_update(self.project, path),
        )
        if not self.run_dialog(CatalogueUpdateDialog(update, self)) or not update.ok:
            return
        try:
            run_with_progress(
                self,
                self.tr("Der Katalog wird aktualisiert …"),
                lambda: catalogue_update.apply_update(self.project, update),
            )
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        if not update.committed:
            messages.info(self, self.tr("Nichts übernommen"), update.reason)
            return
        self.catalogue.reload()
        if self.undo_stack is not None:
            self.undo_stack.clear()  # undo history does not reach across a catalogue update
        self.status_changed.emit()
        messages.info(
            self,
            self.tr("Katalog aktualisiert"),
            self.tr("%1 neu, %2 geändert, %3 entfallen. Sicherung vorher: %4")
            .replace("%1", str(len(update.added)))
            .replace("%2", str(len(update.changed)))
            .replace("%3", str(len(update.retired)))
            .replace("%4", update.backup),
        )

    def _imported(self, report) -> None:
        if report.committed:
            self.catalogue.reload()
            if self.undo_stack is not None:
                self.undo_stack.clear()  # undo history does not reach across an import
            self.status_changed.emit()

    def main_document(self) -> tuple[str, Callable[[Path], Path]]:
        """Strg+P: the overview of the catalogue."""
        from ozgdesk.workflow import exports

        return self.tr("OZG-Übersicht"), lambda folder: exports.export_overview_pdf(
            self.project, folder / "OZG-Uebersicht.pdf"
        )

    def export(self, kind: str) -> None:
        from ozgdesk.workflow import exports

        choices: dict[str, tuple[str, str, str, Callable[[Project, Path], Path]]] = {
            "xlsx": (
                ".xlsx",
                self.tr("Leistungskatalog als Excel speichern"),
                "Excel (*.xlsx)",
                exports.export_catalogue,
            ),
            "pdf": (
                ".pdf",
                self.tr("Übersicht als PDF speichern"),
                "PDF (*.pdf)",
                exports.export_overview_pdf,
            ),
        }
        suffix, title, file_filter, action = choices[kind]
        name = "Leistungskatalog" if kind == "xlsx" else "OZG-Uebersicht"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(paths.documents_dir() / f"{name}{suffix}"), file_filter
        )
        if not chosen:
            return
        target = Path(chosen) if chosen.lower().endswith(suffix) else Path(chosen + suffix)
        try:
            run_with_progress(self, self.tr("Export läuft …"), lambda: action(self.project, target))
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        except OSError as error:
            messages.info(
                self,
                self.tr("Export fehlgeschlagen"),
                self.tr("Die Datei „%1“ konnte nicht geschrieben werden: %2")
                .replace("%1", str(target))
                .replace("%2", describe(error)),
            )
            return
        messages.info(
            self, self.tr("Export fertig"), self.tr("Gespeichert: %1").replace("%1", str(target))
        )
