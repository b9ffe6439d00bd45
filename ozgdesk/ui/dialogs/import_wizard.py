"""The import wizard: file → columns and preview → check → import (with progress and cancel).

All reading, checking and writing is done by workflow.importing; the wizard
only shows the plan and the report. Nothing is written before the last page.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ozgdesk.formats.spreadsheet import SUFFIXES
from ozgdesk.store.project import Project
from ozgdesk.ui.models.problem_table import ProblemTableModel
from ozgdesk.ui.tasks import BackgroundTask, run_with_progress
from ozgdesk.ui.widgets.columns import fit_headers
from ozgdesk.workflow import importing
from ozgdesk.workflow.import_layout import FIELDS, IGNORE
from ozgdesk.workflow.importing import ImportPlan, ImportReport

FILE_FILTER = "Tabellen (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;Alle Dateien (*)"


def _n(value: int) -> str:
    return QLocale(QLocale.Language.German, QLocale.Country.Germany).toString(value)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Welche Liste möchten Sie importieren?"))
        self.setSubTitle(
            self.tr(
                "Excel (.xlsx, .xls), LibreOffice (.ods) oder CSV. Die Datei selbst wird nicht "
                "verändert, und bis zum letzten Schritt wird nichts ins Projekt übernommen."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setAccessibleName(self.tr("Datei"))
        self.path.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("Datei &wählen…"))
        browse.setAccessibleName(self.tr("Datei wählen"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.setAccessibleName(self.tr("Name der Liste"))
        self.label.addItems(importing.source_labels(wizard.project))
        self.label.setCurrentIndex(-1)  # the file's name comes in when a file is chosen
        self.label.setEditText("")
        self.label.setToolTip(
            self.tr(
                "Unter diesem Namen merkt sich ozgdesk die Liste. Importieren Sie später eine neuere "
                "Fassung unter demselben Namen, werden Leistungen, die darin fehlen, markiert."
            )
        )
        self.relevant = QCheckBox(
            self.tr(
                "Das sind unsere Leistungen: noch offene Leistungen der Liste als relevant entscheiden"
            )
        )
        self.relevant.setObjectName("importRelevant")
        self.relevant.setAccessibleName(self.tr("Leistungen der Liste als relevant entscheiden"))
        self.relevant.setToolTip(
            self.tr(
                "Bereits getroffene Entscheidungen bleiben. Rückgängig machen lässt sich das in "
                "Schritt 1 mit dem Filter „aus Liste …“."
            )
        )
        form = QFormLayout(self)
        form.addRow(self.tr("&Datei:"), row)
        form.addRow(self.tr("&Name der Liste:"), self.label)
        form.addRow(self.relevant)
        hint = QLabel(
            self.tr(
                "Tipp: Die Liste braucht eine Kopfzeile mit einer Spalte für den LeiKa-Schlüssel "
                "oder die Leistungsbezeichnung. Titelzeilen darüber sind kein Problem."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Liste wählen"), self.path.text(), self.tr(FILE_FILTER)
        )
        if chosen:
            self.path.setText(chosen)

    def _path_changed(self, text: str) -> None:
        name = Path(text.strip()).name
        if name and (
            not self.label.currentText() or self.label.currentText() == getattr(self, "_auto", "")
        ):
            self.label.setCurrentText(name)
            self._auto = name
        self.completeChanged.emit()

    def file(self) -> Path:
        return Path(self.path.text().strip())

    def isComplete(self) -> bool:
        path = self.file()
        return bool(self.path.text().strip()) and path.suffix.lower() in SUFFIXES and path.is_file()

    def validatePage(self) -> bool:
        self.wizard_.source_label = self.label.currentText().strip() or self.file().name
        self.wizard_.relevant = self.relevant.isChecked()
        self.wizard_.analyse(self.file(), sheet=None, overrides={})
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Spalten und Vorschau"))
        self.setSubTitle(
            self.tr(
                "ozgdesk hat die Kopfzeile und die Bedeutung der Spalten erkannt. Prüfen und korrigieren Sie bei Bedarf."
            )
        )
        self.sheet = QComboBox()
        self.sheet.setAccessibleName(self.tr("Tabellenblatt"))
        self.sheet.activated.connect(self._sheet_chosen)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("importError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000; font-weight: bold;")
        self.mapping = QTableWidget(0, 4)
        self.mapping.setAccessibleName(self.tr("Spaltenzuordnung"))
        self.mapping.setHorizontalHeaderLabels(
            [
                self.tr("Spalte in der Datei"),
                self.tr("Beispielwert"),
                self.tr("Bedeutung"),
                self.tr("Erkannt"),
            ]
        )
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # the meaning drop-downs must show their text ("Leistungsbezeichnung", "Zuständiges Amt")
        self.mapping.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.preview = QTableWidget(0, 6)
        self.preview.setAccessibleName(self.tr("Vorschau"))
        self.preview.setHorizontalHeaderLabels(
            [
                self.tr("Zeile"),
                self.tr("LeiKa-Schlüssel"),
                self.tr("Leistung"),
                self.tr("OZG-ID"),
                self.tr("Amt"),
                self.tr("Relevanz"),
            ]
        )
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        top = QHBoxLayout()
        sheet_label = QLabel(self.tr("Tabellen&blatt:"))
        sheet_label.setBuddy(self.sheet)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("Spalten:")))
        layout.addWidget(self.mapping, 2)
        layout.addWidget(QLabel(self.tr("So werden die ersten Zeilen übernommen:")))
        layout.addWidget(self.preview, 3)

    def initializePage(self) -> None:
        self.show_plan(self.wizard_.plan)

    def show_plan(self, plan: ImportPlan | None) -> None:
        if plan is None:
            return
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(plan.sheet_names)
        self.sheet.setCurrentText(plan.sheet_name)
        self.sheet.setEnabled(len(plan.sheet_names) > 1)
        self.sheet.blockSignals(False)
        self.error.setText(plan.file_error)
        self.error.setVisible(bool(plan.file_error))
        if plan.layout is not None:
            remembered = (
                self.tr(" Die Zuordnung stammt aus einem früheren Import dieses Aufbaus.")
                if plan.layout.remembered
                else ""
            )
            self.info.setText(
                self.tr("%1. Kopfzeile in Zeile %2, %3 Datenzeilen.")
                .replace("%1", plan.description)
                .replace("%2", str(plan.layout.header_index + 1))
                .replace("%3", _n(plan.data_rows))
                + remembered
            )
        else:
            self.info.setText(plan.description)
        self._fill_mapping(plan)
        self._fill_preview(plan)
        self.completeChanged.emit()

    def _fill_mapping(self, plan: ImportPlan) -> None:
        self.mapping.setRowCount(0)
        layout = plan.layout
        if layout is None:
            return
        recognised = {c["index"]: str(c["text"]) for c in plan.columns()}
        width = max([len(layout.headers), *(c + 1 for c in layout.mapping)])
        for column in range(width):
            header = layout.headers[column] if column < len(layout.headers) else ""
            if not header and column not in layout.mapping:
                continue
            header = header or layout.header_of(column)
            row = self.mapping.rowCount()
            self.mapping.insertRow(row)
            item = QTableWidgetItem(header)
            item.setData(Qt.ItemDataRole.UserRole, header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(row, 0, item)
            field = layout.mapping.get(column, IGNORE)
            sample_item = QTableWidgetItem(plan.samples.get(column, ""))
            sample_item.setFlags(sample_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(row, 1, sample_item)
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Bedeutung von „%1“").replace("%1", header))
            combo.addItem(self.tr("(nicht übernehmen)"), IGNORE)
            for name, label in FIELDS.items():
                combo.addItem(label, name)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.activated.connect(
                lambda _i, h=header, c=combo: self._mapping_changed(h, c.currentData())
            )
            self.mapping.setCellWidget(row, 2, combo)
            sure = QTableWidgetItem(recognised.get(column, ""))
            sure.setFlags(sure.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(row, 3, sure)
        self.mapping.resizeColumnToContents(0)
        fit_headers(self.mapping)

    def _fill_preview(self, plan: ImportPlan) -> None:
        records = plan.preview(30)
        self.preview.setRowCount(len(records))
        for i, record in enumerate(records):
            values = [
                str(record.row),
                record.key_raw,
                record.name,
                ", ".join(ref.ozg_id for ref in record.ozg),
                record.office,
                record.relevance,
            ]
            for j, value in enumerate(values):
                self.preview.setItem(i, j, QTableWidgetItem(value))
        self.preview.resizeColumnToContents(1)
        fit_headers(self.preview)

    def _sheet_chosen(self, _index: int) -> None:
        plan = self.wizard_.plan
        assert plan is not None  # the sheet list comes from an analysed file
        self.wizard_.analyse(plan.path, sheet=self.sheet.currentText(), overrides={})
        self.show_plan(self.wizard_.plan)

    def _mapping_changed(self, header: str, field: str) -> None:
        self.set_mapping(header, field)

    def set_mapping(self, header: str, field: str) -> None:
        """Correct one column's meaning and check the file again."""
        plan = self.wizard_.plan
        assert plan is not None  # columns are shown for an analysed file only
        overrides = dict(plan.overrides)
        overrides[header] = field
        self.wizard_.analyse(plan.path, sheet=plan.sheet_name, overrides=overrides)
        self.show_plan(self.wizard_.plan)

    def isComplete(self) -> bool:
        plan = self.wizard_.plan
        return plan is not None and plan.ok


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Prüfung"))
        self.setSubTitle(
            self.tr(
                "Jede Auffälligkeit mit Zeile, Spalte und Wert. Zeilen mit Fehlern werden übersprungen."
            )
        )
        self.summary = QLabel()
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.model = ProblemTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Gefundene Probleme"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.strict = QCheckBox(self.tr("Nur übernehmen, wenn keine Zeile fehlerhaft ist"))
        self.strict.setAccessibleName(self.strict.text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.strict)
        self.blocked = False  # the import would take no row: it cannot finish

    def initializePage(self) -> None:
        plan = self.wizard_.plan
        assert plan is not None
        dry = self.wizard_.dry_run()
        problems = plan.errors + plan.warnings + (dry.errors[len(plan.errors) :] if dry else [])
        problems += dry.warnings[len(plan.warnings) :] if dry else []
        self.model.set_problems(problems, plan.path.name)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        fit_headers(self.table)
        errors = len(plan.errors)
        text = self.tr(
            "<b>%1 Datenzeilen gelesen.</b> Fehlerhaft (werden übersprungen): %2. Hinweise und Warnungen: %3."
        )
        text = (
            text.replace("%1", _n(plan.data_rows))
            .replace("%2", _n(errors))
            .replace("%3", _n(len(plan.warnings)))
        )
        self.blocked = bool(dry is not None and dry.reason)
        if dry is not None and dry.reason:
            text += (
                "<br><span style='color:#a40000'><b>"
                + self.tr("So kann nichts übernommen werden.")
                + "</b> "
                + html.escape(dry.reason)
                + "</span>"
            )
        elif dry is not None:
            text += "<br>" + self.explain(dry)
        self.summary.setText(text)
        self.completeChanged.emit()

    def explain(self, dry: ImportReport) -> str:
        """What the import will do, in plain words (a first import of a list differs
        from a newer version of a list imported before)."""
        label = html.escape(dry.source)
        if dry.first_import:
            text = self.tr(
                "<b>Erster Import der Liste „%1“.</b> ozgdesk legt %2 Leistungen neu an und "
                "ergänzt %3 vorhandene Leistungen um die Angaben der Liste (%4 bleiben, wie sie "
                "sind). Es wird nichts gelöscht, und getroffene Entscheidungen bleiben. Außerdem "
                "merkt sich ozgdesk, welche Leistungen in der Liste stehen: In Schritt 1 zeigt der "
                "Filter „aus Liste …“ genau diese."
            )
        else:
            text = self.tr(
                "<b>Neue Fassung der Liste „%1“.</b> %2 Leistungen kommen neu hinzu, %3 werden "
                "aktualisiert, %4 bleiben unverändert."
            )
        text = (
            text.replace("%1", label)
            .replace("%2", _n(dry.added))
            .replace("%3", _n(dry.updated))
            .replace("%4", _n(dry.unchanged))
        )
        if dry.flagged:
            text += " " + self.tr("%1 Leistungen ohne gültigen Schlüssel werden markiert.").replace(
                "%1", _n(dry.flagged)
            )
        if dry.missing_from_file:
            text += " " + self.tr(
                "%1 Leistungen, die in der früheren Fassung dieser Liste standen, fehlen in der "
                "Datei. Sie bleiben mit ihren Entscheidungen im Projekt und werden nur markiert "
                "(Filter „nicht mehr in importierter Liste“)."
            ).replace("%1", _n(len(dry.missing_from_file)))
        if dry.offices_created:
            text += " " + self.tr("Neue Ämter: %1.").replace(
                "%1", html.escape(", ".join(dry.offices_created))
            )
        if dry.marked_relevant:
            text += " " + self.tr("%1 Leistungen werden als relevant entschieden.").replace(
                "%1", _n(dry.marked_relevant)
            )
        return text

    def isComplete(self) -> bool:
        return not self.blocked

    def validatePage(self) -> bool:
        self.wizard_.strict = self.strict.isChecked()
        return True


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("Vorher wird automatisch eine Sicherung des Projekts angelegt."))
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Fortschritt"))
        self.status = QLabel()
        self.status.setObjectName("runStatus")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Import a&bbrechen"))
        self.cancel_button.setAccessibleName(self.tr("Import abbrechen"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status, 1)
        self.task: BackgroundTask | None = None
        self.finished = False

    def initializePage(self) -> None:
        self.finished = False
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Die Daten werden übernommen …"))
        self.cancel_button.setEnabled(True)
        plan = self.wizard_.plan
        assert plan is not None
        project, strict, relevant = self.wizard_.project, self.wizard_.strict, self.wizard_.relevant
        self.task = BackgroundTask(
            lambda progress, cancelled: importing.run_import(
                project,
                plan,
                strict=strict,
                relevant=relevant,
                progress=progress,
                cancelled=cancelled,
            )
        )
        self.task.progressed.connect(self._progress)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(self._failed)
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None and self.task.isRunning():
            self.task.cancel()
            self.status.setText(self.tr("Wird abgebrochen …"))

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _done(self, report: ImportReport) -> None:
        self.wizard_.report = report
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if report.committed else 0)
        self.cancel_button.setEnabled(False)
        if report.committed:
            text = self.tr(
                "<b>Import abgeschlossen.</b> %1 neu, %2 aktualisiert, %3 unverändert, %4 ohne Schlüssel "
                "markiert, %5 Zeilen übersprungen."
            )
            text = (
                text.replace("%1", _n(report.added))
                .replace("%2", _n(report.updated))
                .replace("%3", _n(report.unchanged))
                .replace("%4", _n(report.flagged))
                .replace("%5", _n(report.skipped))
            )
            if report.offices_created:
                text += "<br>" + self.tr("Neu angelegte Ämter: %1").replace(
                    "%1", ", ".join(report.offices_created)
                )
            if report.marked_relevant:
                text += "<br>" + self.tr(
                    "%1 Leistungen als relevant entschieden (rückgängig: Schritt 1, Filter „aus Liste …“)."
                ).replace("%1", _n(report.marked_relevant))
            if report.backup:
                text += (
                    "<br><small>"
                    + self.tr("Sicherung vorher: %1").replace("%1", report.backup)
                    + "</small>"
                )
        else:
            text = self.tr("<b>Nichts übernommen.</b> %1 Das Projekt ist unverändert.").replace(
                "%1", report.reason
            )
        self.status.setText(text)
        self.finished = True
        self.completeChanged.emit()
        self.wizard_.imported(report)

    def _failed(self, error: BaseException) -> None:
        from ozgdesk.store.errors import ProjectError

        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        if isinstance(error, ProjectError):
            self.status.setText(
                self.tr("<b>Nichts übernommen.</b> %1").replace("%1", error.as_text())
            )
        else:
            self.status.setText(
                self.tr(
                    "<b>Unerwarteter Fehler, nichts übernommen.</b> Details stehen im Protokoll."
                )
            )
            import logging

            logging.getLogger(__name__).error("Import fehlgeschlagen", exc_info=error)
        self.finished = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished


class ImportWizard(QWizard):
    """Import a service list. ``report`` holds the result after the last page."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self.source_label = ""
        self.strict = False
        self.relevant = False
        self._dry: ImportReport | None = None
        self._on_imported = None
        self.setWindowTitle(self.tr("Leistungsliste importieren"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        self.resize(920, 640)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.run_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Importieren"))
        self.check_page.setCommitPage(True)

    def analyse(self, path: Path, sheet: str | None, overrides: dict[str, str]) -> None:
        label = self.source_label or path.name
        self.plan = run_with_progress(
            self,
            self.tr("Die Datei wird gelesen und geprüft …"),
            lambda: importing.analyse(
                path, sheet=sheet, overrides=overrides, project=self.project, source_label=label
            ),
        )
        self._dry = None

    def dry_run(self) -> ImportReport | None:
        if self.plan is None or not self.plan.ok:
            return None
        if self._dry is None:
            plan, project = self.plan, self.project
            self._dry = run_with_progress(
                self,
                self.tr("Änderungen werden berechnet …"),
                lambda: importing.run_import(project, plan, dry_run=True, relevant=self.relevant),
            )
        return self._dry

    def on_imported(self, callback) -> None:
        self._on_imported = callback

    def imported(self, report: ImportReport) -> None:
        if self._on_imported is not None:
            self._on_imported(report)

    def reject(self) -> None:
        if self.run_page.task is not None and self.run_page.task.isRunning():
            self.run_page.cancel()
            return
        super().reject()
