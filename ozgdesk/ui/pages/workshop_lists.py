"""Step 3 tabs with lists: participants, agenda, and minutes (decisions and tasks).

Each panel shows plain data from workflow.workshop / workflow.tasks and calls
back into them; dialogs go through ``run_dialog`` so that tests can fill them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.dialogs.form_dialog import FormDialog
from ozgdesk.ui.undo import push_done
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.wording import plural
from ozgdesk.workflow import tasks, workshop
from ozgdesk.workflow.tasks import Task
from ozgdesk.workflow.workshop import AgendaEntry, Decision, WorkshopDetail


class ListPanel(QWidget):
    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.detail: WorkshopDetail | None = None
        self.undo_stack: QUndoStack | None = None

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog modally; tests replace this to fill and accept dialogs."""
        return bool(dialog.exec())

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setAccessibleName(name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        return table

    def _do(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ValueError as error:
            messages.info(self, self.tr("Nicht möglich"), str(error))
            return False
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False
        self.changed.emit()
        return True

    def _recorded(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> bool:
        """Make a change (``redo``) and record it as one undo step."""
        if not self._do(redo):
            return False

        def run(action: Callable[[], object]) -> Callable[[], None]:
            def go() -> None:
                action()
                self.changed.emit()

            return go

        push_done(self.undo_stack, text, run(redo), run(undo))
        return True

    def _recorded_add(
        self, text: str, add: Callable[[], int], remove: Callable[[int], object]
    ) -> bool:
        """Add a row (``add`` returns its id) as one undo step; redo adds it again."""
        ids: list[int] = []

        def redo() -> None:
            ids[:] = [add()]

        return self._recorded(text, redo, lambda: remove(ids[0]))

    def show_detail(self, detail: WorkshopDetail | None) -> None:
        self.detail = detail
        self.setEnabled(detail is not None)
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def selected_rows(table: QTableWidget) -> list[int]:
    return sorted({i.row() for i in table.selectionModel().selectedRows()})


class AgendaPanel(ListPanel):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(project, parent)
        self.summary = QLabel()
        self.summary.setObjectName("agendaSummary")
        self.summary.setWordWrap(True)
        self.table = self._table(
            [
                self.tr("Zeit"),
                self.tr("Punkt"),
                self.tr("Minuten"),
                self.tr("Verantwortlich"),
                self.tr("Notizen"),
            ],
            self.tr("Tagesordnung"),
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        make_editable(
            self.table,
            self.edit_selected,
            [
                (self.tr("Neuer Punkt…"), self.add),
                (self.tr("Nach oben"), lambda: self.move_selected(-1)),
                (self.tr("Nach unten"), lambda: self.move_selected(+1)),
                (self.tr("Löschen"), self.delete_selected),
            ],
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self._button(self.tr("&Neuer Punkt…"), self.add))
        buttons.addWidget(self._button(self.tr("&Bearbeiten…"), self.edit_selected))
        buttons.addWidget(self._button(self.tr("Nach &oben"), lambda: self.move_selected(-1)))
        buttons.addWidget(self._button(self.tr("Nach &unten"), lambda: self.move_selected(+1)))
        buttons.addWidget(self._button(self.tr("&Löschen"), self.delete_selected))
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.tr("Standard-Tagesordnung"), self.reset))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        timed = self.detail.timed_agenda() if self.detail else []
        self.table.setRowCount(len(timed))
        for row, item in enumerate(timed):
            e = item.entry
            values = (
                f"{item.start:%H:%M}–{item.end:%H:%M}",
                e.title,
                str(e.minutes),
                e.responsible,
                e.notes,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(3)
        if self.detail:
            planned, available = self.detail.agenda_minutes, self.detail.workshop.duration_minutes
            text = (
                self.tr("Tagesordnung: %1 Minuten, Termin: %2 Minuten.")
                .replace("%1", str(planned))
                .replace("%2", str(available))
            )
            if planned > available:
                text += " " + self.tr("Die Tagesordnung ist länger als der Termin.")
            self.summary.setText(text)

    def selected(self) -> AgendaEntry | None:
        rows = selected_rows(self.table)
        return self.detail.agenda[rows[0]] if rows and self.detail else None

    def _edit(self, entry: AgendaEntry) -> None:
        title, responsible, notes = (
            QLineEdit(entry.title),
            QLineEdit(entry.responsible),
            QLineEdit(entry.notes),
        )
        minutes = QSpinBox()
        minutes.setRange(1, 600)
        minutes.setValue(entry.minutes)
        minutes.setSuffix(" Minuten")
        dialog = FormDialog(
            self,
            self.tr("Tagesordnungspunkt"),
            [
                (self.tr("&Punkt:"), title),
                (self.tr("&Dauer:"), minutes),
                (self.tr("&Verantwortlich:"), responsible),
                (self.tr("&Notizen:"), notes),
            ],
        )
        if self.run_dialog(dialog):
            changed = AgendaEntry(
                entry.id,
                entry.workshop_id,
                title.text(),
                minutes.value(),
                responsible.text(),
                notes.text(),
                entry.position,
            )
            if entry.id is None:
                self._recorded_add(
                    self.tr("Tagesordnungspunkt „%1“ hinzugefügt").replace("%1", changed.title),
                    lambda: workshop.save_agenda_entry(self.project, changed),
                    lambda eid: workshop.delete_agenda_entry(
                        self.project, replace(changed, id=eid)
                    ),
                )
            elif changed != entry:
                self._recorded(
                    self.tr("Tagesordnungspunkt „%1“ geändert").replace("%1", changed.title),
                    lambda: workshop.save_agenda_entry(self.project, changed),
                    lambda: workshop.save_agenda_entry(self.project, entry),
                )

    def add(self) -> None:
        if self.detail is not None and self.detail.workshop.id is not None:
            self._edit(AgendaEntry(None, self.detail.workshop.id, "", 15))

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._edit(entry)

    def move_selected(self, step: int) -> None:
        entry = self.selected()
        if entry is None:
            return
        row = selected_rows(self.table)[0]
        target = row + step
        if not 0 <= target < self.table.rowCount():
            return
        if self._recorded(
            self.tr("„%1“ verschoben").replace("%1", entry.title),
            lambda: workshop.move_agenda_entry(self.project, entry, step),
            lambda: workshop.move_agenda_entry(self.project, entry, -step),
        ):
            self.table.selectRow(target)

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is not None and messages.confirm(
            self,
            self.tr("Löschen?"),
            self.tr("„%1“ aus der Tagesordnung löschen?").replace("%1", entry.title),
        ):
            self._do(lambda: workshop.delete_agenda_entry(self.project, entry))

    def reset(self) -> None:
        if self.detail is None or self.detail.workshop.id is None:
            return
        workshop_id = self.detail.workshop.id
        if messages.confirm(
            self,
            self.tr("Standard-Tagesordnung?"),
            self.tr("Die Tagesordnung durch die empfohlene Standard-Tagesordnung ersetzen?"),
        ):
            self._do(lambda: workshop.reset_agenda(self.project, workshop_id))


class MinutesPanel(ListPanel):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(project, parent)
        self.decisions = QListWidget()
        self.decisions.setAccessibleName(self.tr("Beschlüsse"))
        make_editable(
            self.decisions,
            self.edit_decision,
            [
                (self.tr("Beschluss festhalten…"), self.add_decision),
                (self.tr("Löschen"), self.delete_decision),
            ],
        )
        decision_buttons = QHBoxLayout()
        decision_buttons.addWidget(
            self._button(self.tr("&Beschluss festhalten…"), self.add_decision)
        )
        decision_buttons.addWidget(self._button(self.tr("Ä&ndern…"), self.edit_decision))
        decision_buttons.addWidget(self._button(self.tr("&Löschen"), self.delete_decision))
        decision_buttons.addStretch(1)
        self.tasks_table = self._table(
            [
                self.tr("Aufgabe"),
                self.tr("Wer"),
                self.tr("Bis"),
                self.tr("Stand"),
                self.tr("Schritt"),
            ],
            self.tr("Aufgaben aus dem Workshop"),
        )
        self.tasks_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        make_editable(
            self.tasks_table,
            self.edit_task,
            [
                (self.tr("Aufgabe festhalten…"), self.add_task),
                (self.tr("Als erledigt markieren"), lambda: self.set_task_status(tasks.DONE)),
                (self.tr("Als offen markieren"), lambda: self.set_task_status(tasks.OPEN)),
            ],
        )
        task_buttons = QHBoxLayout()
        task_buttons.addWidget(self._button(self.tr("&Aufgabe festhalten…"), self.add_task))
        task_buttons.addWidget(self._button(self.tr("Bea&rbeiten…"), self.edit_task))
        task_buttons.addWidget(
            self._button(self.tr("&Erledigt"), lambda: self.set_task_status(tasks.DONE))
        )
        task_buttons.addWidget(
            self._button(self.tr("&Offen"), lambda: self.set_task_status(tasks.OPEN))
        )
        task_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Beschlüsse und Notizen</b>")))
        layout.addLayout(decision_buttons)
        layout.addWidget(self.decisions, 1)
        layout.addWidget(
            QLabel(self.tr("<b>Aufgaben</b> (erscheinen auch in der Aufgabenliste aller Schritte)"))
        )
        layout.addLayout(task_buttons)
        layout.addWidget(self.tasks_table, 2)
        self._tasks: list[Task] = []

    def refresh(self) -> None:
        self.decisions.clear()
        if self.detail is None:
            self.tasks_table.setRowCount(0)
            return
        for number, decision in enumerate(self.detail.decisions, start=1):
            item = QListWidgetItem(f"{number}. {decision.text}")
            item.setData(Qt.ItemDataRole.UserRole, decision)
            self.decisions.addItem(item)
        self._tasks = tasks.tasks(self.project, workshop_id=self.detail.workshop.id)
        self.tasks_table.setRowCount(len(self._tasks))
        for row, task in enumerate(self._tasks):
            due = task.due_on.strftime("%d.%m.%Y") if task.due_on else ""
            values = (task.title, task.owner, due, task.status, str(task.step) if task.step else "")
            for column, value in enumerate(values):
                self.tasks_table.setItem(row, column, QTableWidgetItem(value))
        for column in (1, 2, 3, 4):
            self.tasks_table.resizeColumnToContents(column)

    def _decision_dialog(self, decision: Decision) -> None:
        text = QPlainTextEdit(decision.text)
        text.setAccessibleName(self.tr("Beschluss"))
        dialog = FormDialog(self, self.tr("Beschluss"), [(self.tr("&Text:"), text)])
        if self.run_dialog(dialog):
            changed = Decision(
                decision.id, decision.workshop_id, text.toPlainText(), decision.position
            )
            if decision.id is None:
                self._recorded_add(
                    self.tr("Beschluss festgehalten"),
                    lambda: workshop.save_decision(self.project, changed),
                    lambda did: workshop.delete_decision(self.project, did),
                )
            elif changed != decision:
                self._recorded(
                    self.tr("Beschluss geändert"),
                    lambda: workshop.save_decision(self.project, changed),
                    lambda: workshop.save_decision(self.project, decision),
                )

    def add_decision(self) -> None:
        if self.detail is not None and self.detail.workshop.id is not None:
            self._decision_dialog(Decision(None, self.detail.workshop.id, ""))

    def edit_decision(self) -> None:
        item = self.decisions.currentItem()
        if item is not None:
            self._decision_dialog(item.data(Qt.ItemDataRole.UserRole))

    def delete_decision(self) -> None:
        item = self.decisions.currentItem()
        if item is None:
            return
        decision: Decision = item.data(Qt.ItemDataRole.UserRole)
        if decision.id is not None and messages.confirm(
            self, self.tr("Löschen?"), self.tr("Diesen Beschluss löschen?")
        ):
            decision_id = decision.id
            self._do(lambda: workshop.delete_decision(self.project, decision_id))

    def _task_dialog(self, task: Task) -> None:
        title, owner = QLineEdit(task.title), QLineEdit(task.owner)
        has_due = QCheckBox(self.tr("mit Frist"))
        due = QDateEdit()
        due.setCalendarPopup(True)
        due.setDisplayFormat("dd.MM.yyyy")
        when = task.due_on or (date.today() + timedelta(weeks=4))
        due.setDate(QDate(when.year, when.month, when.day))
        has_due.setChecked(task.due_on is not None)
        due.setEnabled(task.due_on is not None)
        has_due.toggled.connect(due.setEnabled)
        status = QComboBox()
        status.addItems(list(tasks.STATES))
        status.setCurrentText(task.status)
        step = QSpinBox()
        step.setRange(0, 5)
        step.setValue(task.step)
        step.setSpecialValueText(self.tr("allgemein"))
        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(has_due)
        due_layout.addWidget(due)
        dialog = FormDialog(
            self,
            self.tr("Aufgabe"),
            [
                (self.tr("&Was:"), title),
                (self.tr("W&er:"), owner),
                (self.tr("&Bis wann:"), due_row),
                (self.tr("&Stand:"), status),
                (self.tr("Schri&tt:"), step),
            ],
        )
        if self.run_dialog(dialog):
            d = due.date()
            changed = Task(
                task.id,
                title.text(),
                owner.text(),
                date(d.year(), d.month(), d.day()) if has_due.isChecked() else None,
                status.currentText(),
                step.value(),
                task.workshop_id,
                task.origin,
            )
            if task.id is None:
                self._recorded_add(
                    self.tr("Aufgabe „%1“ festgehalten").replace("%1", changed.title),
                    lambda: tasks.save(self.project, changed),
                    lambda tid: tasks.delete(self.project, tid),
                )
            elif changed != task:
                self._recorded(
                    self.tr("Aufgabe „%1“ geändert").replace("%1", changed.title),
                    lambda: tasks.save(self.project, changed),
                    lambda: tasks.save(self.project, task),
                )

    def add_task(self) -> None:
        if self.detail is not None and self.detail.workshop.id is not None:
            origin = self.tr("Workshop „%1“").replace("%1", self.detail.workshop.title)
            self._task_dialog(
                Task(None, "", step=4, workshop_id=self.detail.workshop.id, origin=origin)
            )

    def selected_task(self) -> Task | None:
        rows = selected_rows(self.tasks_table)
        return self._tasks[rows[0]] if rows else None

    def edit_task(self) -> None:
        task = self.selected_task()
        if task is not None:
            self._task_dialog(task)

    def set_task_status(self, status: str) -> None:
        ids = [
            self._tasks[r].id
            for r in selected_rows(self.tasks_table)
            if self._tasks[r].id is not None
        ]
        if not ids:
            return
        before: dict[str, list[int]] = {}
        for r in selected_rows(self.tasks_table):
            task = self._tasks[r]
            if task.id is not None:
                before.setdefault(task.status, []).append(task.id)

        def back() -> None:
            for old, task_ids in before.items():
                tasks.set_status(self.project, task_ids, old)

        self._recorded(
            self.tr("%1: %2")
            .replace("%1", plural(len(ids), "Aufgabe", "Aufgaben"))
            .replace("%2", status),
            lambda: tasks.set_status(self.project, ids, status),  # type: ignore[arg-type]  # the listed tasks are stored, so their ids are ints
            back,
        )
