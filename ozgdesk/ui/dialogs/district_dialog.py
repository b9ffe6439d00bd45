"""Datei → Kreisübersicht: several municipalities' project files or templates side by side
(read-only), saved as PDF or Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import paths
from ozgdesk.formats.district_records import DistrictReport
from ozgdesk.ui import messages
from ozgdesk.ui.tasks import run_with_progress
from ozgdesk.wording import plural
from ozgdesk.workflow import district

INPUTS = "Projekte und Vorlagen (*.ozgdesk *.ozgvorlage)"
COLUMNS = ("Kommune", "Quelle", "erledigt bis", "relevant", "zugeordnet", "Daten vollständig",
           "online geplant")  # fmt: skip


def choose_inputs(parent: QWidget) -> list[Path]:
    """Which files to add (tests replace this)."""
    chosen, _filter = QFileDialog.getOpenFileNames(
        parent, parent.tr("Projekte oder Vorlagen wählen"), str(paths.documents_dir()), INPUTS
    )
    return [Path(c) for c in chosen]


def choose_output(parent: QWidget, suffix: str) -> Path | None:
    kind = "PDF (*.pdf)" if suffix == ".pdf" else "Excel (*.xlsx)"
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("Kreisübersicht speichern"),
        str(paths.documents_dir() / f"Kreisuebersicht{suffix}"), kind,
    )  # fmt: skip
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


class DistrictDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kreisübersicht"))
        self.resize(980, 560)
        self.report: DistrictReport | None = None
        intro = QLabel(
            self.tr(
                "Wählen Sie die Projektdateien der Kommunen (sie werden nur gelesen, nicht "
                "gesperrt) oder die Vorlagen, die Kommunen per E-Mail geschickt haben."
            )
        )
        intro.setWordWrap(True)
        self.files = QListWidget()
        self.files.setAccessibleName(self.tr("Gewählte Dateien"))
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton(self.tr("&Hinzufügen…"))
        add.clicked.connect(self.add_files)
        remove = QPushButton(self.tr("&Entfernen"))
        remove.clicked.connect(self.remove_selected)
        self.compare = QPushButton(self.tr("&Vergleichen"))
        self.compare.clicked.connect(self.build)
        row = QHBoxLayout()
        for button in (add, remove, self.compare):
            row.addWidget(button)
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Stand je Kommune"))
        self.pdf = QPushButton(self.tr("Als &PDF speichern…"))
        self.pdf.clicked.connect(lambda: self.save(".pdf"))
        self.xlsx = QPushButton(self.tr("Als E&xcel speichern…"))
        self.xlsx.clicked.connect(lambda: self.save(".xlsx"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.pdf, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.xlsx, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.files)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._enable()

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_files(self) -> None:
        known = set(self.paths())
        for path in choose_inputs(self):
            if path not in known:
                self.files.addItem(str(path))
                known.add(path)
        self.report = None
        self._enable()

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.report = None
        self._enable()

    def _enable(self) -> None:
        has_files = self.files.count() > 0
        self.compare.setEnabled(has_files)
        self.pdf.setEnabled(has_files)
        self.xlsx.setEnabled(has_files)

    def build(self) -> DistrictReport:
        inputs = self.paths()
        report = run_with_progress(
            self, self.tr("Die Kommunen werden gelesen …"), lambda: district.overview(inputs)
        )
        self.report = report
        self.table.setRowCount(len(report.members))
        for r, m in enumerate(report.members):
            values = (m.name, m.source, str(m.step_reached or "–"), str(m.relevant),
                      _percent(m.assigned, m.relevant),
                      _percent(m.delivery_complete, m.delivery_total), str(m.online_planned))  # fmt: skip
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        text = (
            self.tr("%1 gelesen; %2 unterschiedlich entschieden.")
            .replace("%1", plural(len(report.members), "Kommune", "Kommunen"))
            .replace("%2", plural(len(report.differences), "Leistung", "Leistungen"))
        )
        if report.unreadable:
            text += " " + self.tr("Nicht gelesen: %1").replace("%1", "; ".join(report.unreadable))
        self.summary.setText(text)
        return report

    def save(self, suffix: str) -> Path | None:
        target = choose_output(self, suffix)
        if target is None:
            return None
        inputs = self.paths()
        try:
            written, report = run_with_progress(
                self, self.tr("Die Kreisübersicht wird geschrieben …"),
                lambda: district.export_district(inputs, target),
            )  # fmt: skip
        except OSError as error:
            messages.info(self, self.tr("Kreisübersicht"),
                          self.tr("Die Datei konnte nicht geschrieben werden: %1")
                          .replace("%1", error.strerror or str(error)))  # fmt: skip
            return None
        self.report = report
        messages.info(
            self,
            self.tr("Kreisübersicht"),
            self.tr("Gespeichert: %1 (%2).")
            .replace("%1", str(written))
            .replace("%2", plural(len(report.members), "Kommune", "Kommunen")),
        )
        return written
