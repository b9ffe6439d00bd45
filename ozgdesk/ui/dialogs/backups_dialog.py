"""Datei → Sicherungen: the project's backups with date, size and contents; restore one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.workflow import safety


class BackupsDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.restored = False
        self.setWindowTitle(self.tr("Sicherungen"))
        self.resize(860, 480)
        self.folder = project.backup_folder()
        intro = QLabel(
            self.tr(
                "ozgdesk sichert das Projekt beim Öffnen, vor jedem Import und Rücklauf, vor Updates und "
                "Wiederherstellungen und alle 30 Minuten, wenn sich etwas geändert hat. Aufbewahrt werden die "
                "letzten 10 Sicherungen, dazu je eine pro Tag (7 Tage) und pro Woche (4 Wochen). Ordner: %1"
            ).replace("%1", str(self.folder))
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName(self.tr("Sicherungen"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Datum"),
                self.tr("Anlass"),
                self.tr("Größe"),
                self.tr("Leistungen"),
                self.tr("relevant"),
                self.tr("Ämter"),
                self.tr("Workshops"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        now = QPushButton(self.tr("Jetzt &sichern"))
        now.setAccessibleName(self.tr("Jetzt sichern"))
        now.clicked.connect(self.backup_now)
        restore = QPushButton(self.tr("&Wiederherstellen…"))
        restore.setAccessibleName(self.tr("Ausgewählte Sicherung wiederherstellen"))
        restore.clicked.connect(self.restore_selected)
        folder = QPushButton(self.tr("&Ordner öffnen"))
        folder.setAccessibleName(self.tr("Ordner der Sicherungen öffnen"))
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
        )
        for button in (now, restore, folder):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._items: list[safety.BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        self._items = safety.backup_list(self.folder)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            counts = item.counts
            values = (
                item.created.strftime("%d.%m.%Y %H:%M:%S"),
                item.reason.replace("-", " ") + ("" if item.ok else self.tr(" (nicht verwendbar)")),
                f"{item.size / 1024 / 1024:.1f} MB".replace(".", ","),
                str(counts.get("services", "")),
                str(counts.get("relevant", "")),
                str(counts.get("offices", "")),
                str(counts.get("workshops", "")),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)

    def selected(self) -> safety.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._items[rows[0].row()] if rows else None

    def backup_now(self) -> Path | None:
        try:
            saved = self.project.backup("manuell")
        except ProjectError as error:
            messages.show_project_error(self, error)
            return None
        self.reload()
        return saved

    def restore_selected(self) -> bool:
        item = self.selected()
        if item is None:
            messages.info(
                self, self.tr("Wiederherstellen"), self.tr("Wählen Sie zuerst eine Sicherung.")
            )
            return False
        question = self.tr(
            "Das Projekt auf den Stand vom %1 zurücksetzen? Der jetzige Stand wird vorher gesichert und lässt "
            "sich so wiederholen."
        ).replace("%1", item.created.strftime("%d.%m.%Y %H:%M"))
        warning = safety.foreign_warning(self.project.path, item.path)
        if warning:
            question = f"{warning}\n\n{question}"
        if not messages.confirm(
            self, self.tr("Sicherung wiederherstellen?"), question, self.tr("Wiederherstellen")
        ):
            return False
        try:
            self.project.restore(item.path)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False
        self.restored = True
        self.reload()
        messages.info(
            self,
            self.tr("Wiederhergestellt"),
            self.tr("Das Projekt hat jetzt den Stand vom %1.").replace(
                "%1", item.created.strftime("%d.%m.%Y %H:%M")
            ),
        )
        return True
