"""Step 4 Datenlieferung: the contact point and page of every relevant service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import paths
from ozgdesk.errortext import describe
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.pages import steps_text
from ozgdesk.ui.pages.base import StepPage
from ozgdesk.ui.pages.delivery_panels import PersonsPanel, ServicesPanel, UnitPanel
from ozgdesk.ui.tasks import run_with_progress
from ozgdesk.ui.undo import push_done
from ozgdesk.wording import plural
from ozgdesk.workflow import delivery, tech
from ozgdesk.workflow.steps import Step


class ReturnsPanel(QWidget):
    """The office round trip: fill-in forms out, returns back in with a review."""

    def __init__(self, page: DeliveryPage) -> None:
        super().__init__()
        self.page = page
        text = QLabel(
            self.tr(
                "<b>So holen Sie die Daten bei den Ämtern ein:</b><ol>"
                "<li>Erstellen Sie je Amt ein Excel-Formular – mit seinen Leistungen und den bisher bekannten Angaben.</li>"
                "<li>Schicken Sie die Formulare an die Ansprechpersonen der Ämter.</li>"
                "<li>Lesen Sie die ausgefüllten Rückläufe ein (mehrere auf einmal). Sie sehen jede Änderung "
                "„alt → neu“ und übernehmen sie einzeln oder alle. Vorher wird eine Sicherung angelegt.</li></ol>"
                "Ebenso lesen Sie eine XZuFi-2.2-Datei ein (eine frühere Lieferung oder den Export des "
                "Redaktionssystems): Ansprechstellen, Seiten und Online-Dienste je LeiKa-Schlüssel."
            )
        )
        text.setWordWrap(True)
        forms = QPushButton(self.tr("Formulare für die Ämter &erstellen…"))
        forms.setAccessibleName(self.tr("Formulare für die Ämter erstellen"))
        forms.clicked.connect(self.export_forms)
        returns = QPushButton(self.tr("&Rückläufe einlesen…"))
        returns.setAccessibleName(self.tr("Rückläufe einlesen"))
        returns.clicked.connect(self.import_returns)
        buttons = QHBoxLayout()
        buttons.addWidget(forms)
        buttons.addWidget(returns)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def export_forms(self) -> None:

        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Ordner für die Formulare"), str(paths.documents_dir())
        )
        if chosen:
            self.write_forms(Path(chosen))

    def write_forms(self, folder: Path) -> None:
        """The forms into ``folder``, with the workshop's delivery deadline; a deadline
        before today (the forms' date) or on a holiday is shown first."""
        from ozgdesk.workflow import delivery_returns

        project = self.page.project
        deadline = delivery_returns.default_deadline(project)
        warnings = delivery_returns.form_deadline_warnings(deadline)
        if warnings and not messages.confirm(
            self,
            self.tr("Rückgabefrist prüfen"),
            "\n\n".join(warnings)
            + "\n\n"
            + self.tr(
                "Die Frist kommt aus Schritt 3 (Workshop, „Datenlieferung bis“). "
                "Formulare trotzdem mit dieser Frist erstellen?"
            ),
            self.tr("Erstellen"),
        ):
            return
        self.page.run_export(
            lambda: delivery_returns.export_forms(project, folder, deadline), str(folder)
        )
        self.page.reload()

    def import_returns(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(
            self,
            self.tr("Rückläufe oder XZuFi-Datei wählen"),
            str(paths.documents_dir()),
            self.tr("Rückläufe und XZuFi (*.xlsx *.xml);;Excel (*.xlsx);;XZuFi 2.2 (*.xml)"),
        )
        if files:
            self.review([Path(f) for f in files])

    def review(self, files: list[Path]) -> None:
        from ozgdesk.ui.dialogs.returns_dialog import ReturnsDialog
        from ozgdesk.workflow import xzufi_apply, xzufi_import

        project = self.page.project
        try:
            result = run_with_progress(
                self,
                self.tr("Rückläufe werden gelesen …"),
                lambda: xzufi_import.review_files(project, files),
            )
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        dialog = ReturnsDialog(self, result)
        if not self.page.run_dialog(dialog):
            return
        accepted = dialog.accepted_ids()
        if not accepted:
            return
        try:
            outcome = xzufi_apply.apply(project, result, accepted)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        if outcome.committed:
            state = {"outcome": outcome}

            def redo() -> None:
                state["outcome"] = xzufi_apply.apply(project, result, accepted)
                self.page.reload()

            def undo() -> None:
                xzufi_apply.undo(project, state["outcome"])
                self.page.reload()

            push_done(
                getattr(self.page, "undo_stack", None),
                self.tr("Rückläufe übernehmen ({n} Änderungen)").format(n=len(outcome.applied)),
                redo,
                undo,
            )
        self.page.returns_applied(outcome)


class DeliveryPage(StepPage):
    def __init__(self, step: Step, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(step, steps_text.intro(step.key), project, parent)
        self.blocker = QLabel()
        self.blocker.setObjectName("deliveryBlocker")
        self.blocker.setWordWrap(True)
        self.blocker.setStyleSheet(
            "QLabel#deliveryBlocker { background: #fdf0cf; color: #5a4300; padding: 6px; border: 1px solid #e0c870; }"
        )
        self.total = QProgressBar()
        self.total.setObjectName("deliveryProgress")
        self.total.setAccessibleName(self.tr("Vollständigkeit gesamt"))
        self.total.setFormat(self.tr("%v von %m vollständig (%p %)"))
        self.per_office = QLabel()
        self.per_office.setObjectName("deliveryPerOffice")
        self.per_office.setWordWrap(True)
        self.units = UnitPanel(project)
        self.services = ServicesPanel(project)
        self.returns = ReturnsPanel(self)
        self.persons = PersonsPanel(project)
        outputs = QWidget()
        out_layout = QVBoxLayout(outputs)
        self.no_names = QCheckBox(self.tr("Ohne Namen von Ansprechpersonen (Datenschutz)"))
        self.no_names.setAccessibleName(self.no_names.text())
        out_layout.addWidget(
            QLabel(
                self.tr(
                    "Für die Eintragung ins Redaktionssystem der Website und für den Portalverbund:"
                )
            )
        )
        for text, kind in (
            (self.tr("Liste als &Excel-Datei (.xlsx)…"), "xlsx"),
            (self.tr("Liste als &CSV (für andere Programme)…"), "csv"),
            (self.tr("&XZuFi-Datei (XML)…"), "xzufi"),
            (self.tr("Prüflisten je Amt (&PDF)…"), "checklists"),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _c=False, k=kind: self.export(k))
            out_layout.addWidget(button)
        out_layout.addWidget(self.no_names)
        out_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("deliveryTabs")
        for widget, label in (
            (self.services, self.tr("&Leistungen")),
            (self.units, self.tr("&Ansprechstellen der Ämter")),
            (self.returns, self.tr("&Rücklauf der Ämter")),
            (outputs, self.tr("A&usgaben")),
            (self.persons, self.tr("&Personen und Datenschutz")),
        ):
            self.tabs.addTab(widget, label)
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        for panel in (self.units, self.services, self.persons):
            panel.changed.connect(self.refresh_progress)
        self.services.filled.connect(self._show_progress)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Vollständig:")))
        top.addWidget(self.total, 1)
        self.content.addWidget(self.blocker)
        self.content.addLayout(top)
        self.content.addWidget(self.per_office)
        self.content.addWidget(self.tabs, 1)

    def set_undo_stack(self, stack) -> None:
        super().set_undo_stack(stack)
        self.units.undo_stack = stack
        self.services.undo_stack = stack
        self.persons.undo_stack = stack

    def run_dialog(self, dialog) -> bool:
        """Show a dialog modally; tests replace this."""
        return bool(dialog.exec())

    def activate(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.services.reload()  # its filled signal shows the progress
        self._tab_changed()
        self._show_prerequisite()
        self.status_changed.emit()

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.units:
            self.units.reload()

    def refresh_progress(self) -> None:
        """After an edit in one of the tabs."""
        self._show_prerequisite()
        if self.tabs.currentWidget() is not self.services:
            self.services.reload()  # its filled signal shows the progress
        else:
            self._show_progress()
        self.status_changed.emit()

    def _show_prerequisite(self) -> None:
        prerequisite = tech.get(self.project)
        self.blocker.setVisible(prerequisite.blocks_delivery)
        self.blocker.setText(self.tr("<b>Noch offen (Schritt 2):</b> ") + prerequisite.explain())

    def _show_progress(self) -> None:
        total, per_office = delivery.progress(self.services.model.rows())
        self.total.setMaximum(max(total.total, 1))
        self.total.setValue(total.complete)
        self.per_office.setText(
            " · ".join(f"{p.office}: {p.complete}/{p.total}" for p in per_office)
            or self.tr("Noch keine relevanten Leistungen (Schritt 1).")
        )

    def returns_applied(self, outcome) -> None:
        self.reload()
        if not outcome.committed:
            messages.info(self, self.tr("Rückläufe"), outcome.reason)
            return
        lines = [
            self.tr("%1 übernommen.").replace(
                "%1", plural(len(outcome.applied), "Änderung", "Änderungen")
            )
        ]
        if outcome.skipped:
            lines.append(
                self.tr("{n} übersprungen, weil sich das Projekt inzwischen geändert hat:").format(
                    n=len(outcome.skipped)
                )
            )
            lines += [f"– {s.change.where}, {s.change.label}: {s.reason}" for s in outcome.skipped]
        if outcome.backup:
            lines.append(self.tr("Sicherung vorher: {path}").format(path=outcome.backup))
        lines.append(self.tr("Bearbeiten → Rückgängig nimmt die Übernahme zurück."))
        messages.info(self, self.tr("Rückläufe übernommen"), "\n".join(lines))

    def main_document(self) -> tuple[str, Callable[[Path], list[Path]]]:
        """Strg+P: the checklists per office."""
        from ozgdesk.workflow import delivery_outputs

        names = not self.no_names.isChecked()
        return self.tr("Prüflisten je Amt"), lambda folder: delivery_outputs.export_checklists(
            self.project, folder / "Prueflisten", include_names=names
        )

    def export(self, kind: str) -> None:
        from ozgdesk.workflow import delivery_outputs

        names = not self.no_names.isChecked()
        if kind == "checklists":
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("Ordner für die Prüflisten"), str(paths.documents_dir())
            )
            if chosen:
                self.run_export(
                    lambda: delivery_outputs.export_checklists(
                        self.project, Path(chosen), include_names=names
                    ),
                    chosen,
                )
            return
        suffix = {"xlsx": ".xlsx", "csv": ".csv", "xzufi": ".xml"}[kind]
        chosen, _f = QFileDialog.getSaveFileName(
            self, self.tr("Speichern unter"), str(paths.documents_dir() / f"Datenlieferung{suffix}")
        )
        if chosen and kind == "xzufi":
            self.export_xzufi(Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix))
        elif chosen:
            target = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
            self.run_export(
                lambda: delivery_outputs.export_delivery(
                    self.project, target, kind, include_names=names
                ),
                str(target),
                delivery_outputs.CSV_NOTE if kind == "csv" else "",
            )

    def export_xzufi(self, target: Path) -> None:
        """Write the XZuFi message and say what is in it and what was left out."""
        from ozgdesk.workflow import xzufi_export

        names = not self.no_names.isChecked()
        try:
            result = run_with_progress(
                self,
                self.tr("Wird gespeichert …"),
                lambda: xzufi_export.export_xzufi(self.project, target, include_names=names),
            )
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        except OSError as error:
            messages.info(self, self.tr("Speichern fehlgeschlagen"), describe(error))
            return
        lines = [self.tr("Gespeichert: %1").replace("%1", str(target))]
        lines += xzufi_export.summary_lines(result, limit=15)
        messages.info(self, self.tr("XZuFi-Datei gespeichert"), "\n".join(lines))
