"""Step 2, tab "Haus einbinden": who has been briefed, and the technical prerequisite.

Both forms save as the user goes (ui/autosave.py), each change one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.autosave import AutoSave
from ozgdesk.ui.undo import push_done
from ozgdesk.workflow import briefings, tech
from ozgdesk.workflow.briefings import Briefing


def _qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate.currentDate()


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class BriefingPanel(QWidget):
    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack: QUndoStack | None = None
        self._items: list[Briefing] = []
        self._editing: Briefing | None = None  # the row the fields below show
        self._tech = tech.Prerequisite()  # the saved state the tech form shows
        self.entry_autosave = AutoSave(self, self._save_entry, what=self.tr("Der Eintrag"))
        self.tech_autosave = AutoSave(self, self._save_tech, what=self.tr("Der Stand"))

        checklist = QGroupBox(self.tr("Wer wurde informiert?"))
        intro = QLabel(
            self.tr(
                "Stellen Sie die Schritte und den ersten Überblick der Organisation und IT, dem Personalrat, "
                "der Verwaltungsspitze und der Presse- und Öffentlichkeitsarbeit vor (die Website ist betroffen)."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Informiert"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Wer"), self.tr("Informiert am"), self.tr("Durch / mit"), self.tr("Notiz")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(self._focus_person)

        self.done = QCheckBox(self.tr("Informiert am"))
        self.done.setAccessibleName(self.tr("Informiert"))
        self.when = QDateEdit()
        self.when.setAccessibleName(self.tr("Datum der Information"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd.MM.yyyy")
        self.when.setMaximumDate(QDate.currentDate())
        self.done.toggled.connect(self.when.setEnabled)
        self.person = QLineEdit()
        self.person.setAccessibleName(self.tr("Durch / mit"))
        self.person.setPlaceholderText(
            self.tr("z. B. Bürgermeisterin Schmidt im Verwaltungsvorstand")
        )
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Notiz"))
        self.entry_autosave.watch(self.done, self.when, self.person, self.note)
        self.audience = QLineEdit()
        self.audience.setAccessibleName(self.tr("Weitere Stelle"))
        self.audience.setPlaceholderText(
            self.tr("weitere Stelle, z. B. Gleichstellungsbeauftragte")
        )
        add = QPushButton(self.tr("&Hinzufügen"))
        add.setAccessibleName(self.tr("Stelle hinzufügen"))
        add.clicked.connect(self.add_audience)
        self.audience.returnPressed.connect(self.add_audience)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.done)
        edit_row.addWidget(self.when)
        edit_row.addWidget(self.person, 2)
        edit_row.addWidget(self.note, 2)
        add_row = QHBoxLayout()
        add_row.addWidget(self.audience, 1)
        add_row.addWidget(add)
        box = QVBoxLayout(checklist)
        box.addWidget(intro)
        box.addWidget(self.table, 1)
        box.addLayout(edit_row)
        box.addLayout(add_row)

        prerequisite = QGroupBox(
            self.tr("Technische Voraussetzung: Schnittstelle der Website zum Portalverbund (XZuFi)")
        )
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Schnittstelle vorhanden"))
        for value, label in (
            (tech.UNCLEAR, self.tr("unklar")),
            (tech.YES, self.tr("ja")),
            (tech.NO, self.tr("nein")),
        ):
            self.status.addItem(label, value)
        self.cms = QLineEdit()
        self.cms.setAccessibleName(self.tr("Redaktionssystem (CMS)"))
        self.asked_person = QLineEdit()
        self.asked_person.setAccessibleName(self.tr("Gefragt beim IT-Dienstleister"))
        self.asked = QCheckBox(self.tr("gefragt am"))
        self.asked.setAccessibleName(self.tr("Gefragt"))
        self.asked_on = QDateEdit()
        self.asked_on.setAccessibleName(self.tr("Gefragt am"))
        self.asked_on.setCalendarPopup(True)
        self.asked_on.setDisplayFormat("dd.MM.yyyy")
        self.asked_on.setMaximumDate(QDate.currentDate())
        self.asked.toggled.connect(self.asked_on.setEnabled)
        self.tech_notes = QPlainTextEdit()
        self.tech_notes.setAccessibleName(self.tr("Notizen zur Schnittstelle"))
        self.tech_notes.setMaximumHeight(70)
        self.tech_hint = QLabel()
        self.tech_hint.setObjectName("techHint")
        self.tech_hint.setWordWrap(True)
        self.tech_autosave.watch(
            self.status, self.cms, self.asked_person, self.asked, self.asked_on, self.tech_notes
        )
        asked_row = QHBoxLayout()
        asked_row.addWidget(self.asked_person, 2)
        asked_row.addWidget(self.asked)
        asked_row.addWidget(self.asked_on)
        form = QFormLayout(prerequisite)
        form.addRow(self.tr("Schnittstelle vorhanden:"), self.status)
        form.addRow(self.tr("Redaktionssystem (CMS):"), self.cms)
        form.addRow(self.tr("Gefragt bei:"), asked_row)
        form.addRow(self.tr("Notizen:"), self.tech_notes)
        form.addRow(self.tech_hint)
        saved_hint = QLabel(
            self.tr(
                "Änderungen werden beim Verlassen eines Felds oder nach kurzer Pause gespeichert."
            )
        )
        saved_hint.setStyleSheet("color: #555;")
        form.addRow("", saved_hint)

        layout = QVBoxLayout(self)
        layout.addWidget(checklist, 3)
        layout.addWidget(prerequisite, 2)

    def set_undo_stack(self, stack: QUndoStack | None) -> None:
        self.undo_stack = stack

    def reload(self) -> None:
        self.entry_autosave.flush()
        self.tech_autosave.flush()
        selected = self._editing.id if self._editing else None
        self._items = briefings.briefings(self.project)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            self._fill_row(row, item)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(2, max(self.table.columnWidth(2), 280))
        row = next((i for i, b in enumerate(self._items) if b.id == selected), -1)
        if row >= 0:
            self.table.selectRow(row)
        self._editing = None
        self._selected()
        self._show_tech(tech.get(self.project))

    def _fill_row(self, row: int, item: Briefing) -> None:
        when = item.done_on.strftime("%d.%m.%Y") if item.done_on else self.tr("noch offen")
        for column, value in enumerate((item.audience, when, item.person, item.note)):
            cell = QTableWidgetItem(value)
            cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, cell)

    def _show_tech(self, value: tech.Prerequisite) -> None:
        self._tech = value
        with self.tech_autosave.loading():
            self.status.setCurrentIndex(max(0, self.status.findData(value.status)))
            self.cms.setText(value.cms_product)
            self.asked_person.setText(value.asked_person)
            self.asked.setChecked(value.asked_on is not None)
            self.asked_on.setEnabled(value.asked_on is not None)
            self.asked_on.setDate(_qdate(value.asked_on))
            self.tech_notes.setPlainText(value.notes)
        self._show_tech_hint(value)

    def _show_tech_hint(self, value: tech.Prerequisite) -> None:
        self.tech_hint.setText(value.explain())
        self.tech_hint.setStyleSheet(
            "color: #1d5e1d;" if not value.blocks_delivery else "color: #a15c00;"
        )

    def selected(self) -> Briefing | None:
        rows = self.table.selectionModel().selectedRows()
        return self._items[rows[0].row()] if rows else None

    def _focus_person(self) -> None:
        self.person.setFocus()

    def _selected(self) -> None:
        self.entry_autosave.flush()  # the fields still belong to the row selected before
        item = self.selected()
        self._editing = item
        for widget in (self.done, self.person, self.note):
            widget.setEnabled(item is not None)
        with self.entry_autosave.loading():
            self.done.setChecked(bool(item and item.done))
            self.when.setEnabled(bool(item and item.done))
            self.when.setDate(_qdate(item.done_on if item else None))
            self.person.setText(item.person if item else "")
            self.note.setText(item.note if item else "")

    def _entry(self) -> Briefing | None:
        item = self._editing
        if item is None:
            return None
        return Briefing(
            item.id,
            item.audience,
            _pydate(self.when.date()) if self.done.isChecked() else None,
            self.person.text().strip(),
            self.note.text().strip(),
            item.position,
        )

    def _save_entry(self) -> bool:
        before, updated = self._editing, self._entry()
        if before is None or updated is None or updated == before:
            return True
        if not self._store(lambda: briefings.save(self.project, updated)):
            return False
        self._editing = updated
        row = next((i for i, b in enumerate(self._items) if b.id == updated.id), -1)
        if row >= 0:
            self._items[row] = updated
            self._fill_row(row, updated)

        def apply(value: Briefing) -> Callable[[], None]:
            def run() -> None:
                briefings.save(self.project, value)
                self._editing = None
                self.reload()
                self.changed.emit()

            return run

        push_done(
            self.undo_stack,
            self.tr("Information „%1“ geändert").replace("%1", updated.audience),
            apply(updated),
            apply(before),
        )
        self.changed.emit()
        return True

    def save_selected(self) -> None:
        """Save the fields of the selected row now (they also save by themselves)."""
        self.entry_autosave.pending = True
        self.entry_autosave.flush()

    def add_audience(self) -> None:
        text = self.audience.text().strip()
        if not text:
            return
        ids: list[int] = []
        if self._store(lambda: ids.append(briefings.save(self.project, Briefing(None, text)))):
            self.audience.clear()
            new_id = ids[0]

            def redo() -> None:
                ids[0] = briefings.save(self.project, Briefing(None, text))
                self.reload()
                self.changed.emit()

            def undo() -> None:
                briefings.delete(self.project, ids[0])
                self.reload()
                self.changed.emit()

            push_done(self.undo_stack, self.tr("„%1“ hinzugefügt").replace("%1", text), redo, undo)
            self.reload()
            row = next((i for i, b in enumerate(self._items) if b.id == new_id), -1)
            if row >= 0:
                self.table.selectRow(row)
            self.changed.emit()

    def _store(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ValueError as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return False
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False
        return True

    def _tech_value(self) -> tech.Prerequisite:
        return tech.Prerequisite(
            self.status.currentData(),
            self.cms.text().strip(),
            self.asked_person.text().strip(),
            _pydate(self.asked_on.date()) if self.asked.isChecked() else None,
            self.tech_notes.toPlainText(),
        )

    def _save_tech(self) -> bool:
        before, value = self._tech, self._tech_value()
        if value == before:
            return True
        if not self._store(lambda: tech.save(self.project, value)):
            return False
        self._tech = value
        self._show_tech_hint(value)

        def apply(target: tech.Prerequisite) -> Callable[[], None]:
            def run() -> None:
                tech.save(self.project, target)
                self._show_tech(target)
                self.changed.emit()

            return run

        push_done(
            self.undo_stack,
            self.tr("Stand der Schnittstelle geändert"),
            apply(value),
            apply(before),
        )
        self.changed.emit()
        return True

    def save_tech(self) -> None:
        """Save the tech form now (it also saves by itself)."""
        self.tech_autosave.pending = True
        self.tech_autosave.flush()
