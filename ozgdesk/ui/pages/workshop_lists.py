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
from ozgdesk.wording import is_person_name, plural
from ozgdesk.workflow import tasks, workshop
from ozgdesk.workflow.tasks import Task
from ozgdesk.workflow.workshop import AgendaEntry, Decision, Participant, WorkshopDetail


class _ListPanel(QWidget):
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


def _selected_rows(table: QTableWidget) -> list[int]:
    return sorted({i.row() for i in table.selectionModel().selectedRows()})


class ParticipantsPanel(_ListPanel):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(project, parent)
        self.summary = QLabel()
        self.summary.setObjectName("participantSummary")
        self.table = self._table(
            [
                self.tr("Name"),
                self.tr("Funktion / Amt"),
                self.tr("Gruppe"),
                self.tr("E-Mail"),
                self.tr("Einladung"),
                self.tr("Anwesend"),
            ],
            self.tr("Teilnehmende"),
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        make_editable(
            self.table,
            self.edit_selected,
            [
                (self.tr("Person hinzufügen…"), self.add_person),
                (
                    self.tr("Als eingeladen markieren"),
                    lambda: self.set_invitation(workshop.INVITED),
                ),
                (self.tr("Als zugesagt markieren"), lambda: self.set_invitation(workshop.ACCEPTED)),
                (self.tr("Als abgesagt markieren"), lambda: self.set_invitation(workshop.DECLINED)),
                (self.tr("Von der Liste nehmen"), self.remove_selected),
            ],
        )
        top = QHBoxLayout()
        top.addWidget(self._button(self.tr("Aus Ämtern und &Netzwerk…"), self.pick_candidates))
        top.addWidget(self._button(self.tr("&Person hinzufügen…"), self.add_person))
        top.addWidget(self._button(self.tr("&Bearbeiten…"), self.edit_selected))
        top.addWidget(self._button(self.tr("&Entfernen"), self.remove_selected))
        top.addStretch(1)
        states = QHBoxLayout()
        states.addWidget(QLabel(self.tr("Auswahl:")))
        for text, state in (
            (self.tr("eingeladen"), workshop.INVITED),
            (self.tr("zugesagt"), workshop.ACCEPTED),
            (self.tr("abgesagt"), workshop.DECLINED),
        ):
            states.addWidget(self._button(text, lambda s=state: self.set_invitation(s)))
        states.addWidget(self._button(self.tr("anwesend"), lambda: self.set_attended(True)))
        states.addWidget(self._button(self.tr("nicht anwesend"), lambda: self.set_attended(False)))
        states.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(states)

    def refresh(self) -> None:
        people = self.detail.participants if self.detail else []
        self.table.setRowCount(len(people))
        for row, p in enumerate(people):
            values = (
                p.name
                if is_person_name(p.name)
                else self.tr("%1 (Name fehlt)").replace("%1", p.name),
                p.role,
                p.group,
                p.email,
                p.invitation or self.tr("noch nicht"),
                self.tr("ja") if p.attended else "",
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        counts = {
            state: sum(p.invitation == state for p in people)
            for state in workshop.INVITATION_STATES
        }
        unnamed = sum(not is_person_name(p.name) for p in people)
        self.summary.setText(
            self.tr("%1: %2 eingeladen, %3 zugesagt, %4 abgesagt, %5 anwesend.")
            .replace("%1", plural(len(people), "Person", "Personen"))
            .replace(
                "%2",
                str(
                    counts[workshop.INVITED] + counts[workshop.ACCEPTED] + counts[workshop.DECLINED]
                ),
            )
            .replace("%3", str(counts[workshop.ACCEPTED]))
            .replace("%4", str(counts[workshop.DECLINED]))
            .replace("%5", str(sum(p.attended for p in people)))
            + (
                " "
                + self.tr("Bei %1 fehlt noch der Name (Doppelklick zum Ergänzen).").replace(
                    "%1", plural(unnamed, "Rolle", "Rollen")
                )
                if unnamed
                else ""
            )
        )

    def selected_ids(self) -> list[int]:
        people = self.detail.participants if self.detail else []
        return [people[r].id for r in _selected_rows(self.table) if people[r].id is not None]  # type: ignore[misc]

    def pick_candidates(self) -> None:
        if self.detail is None or self.detail.workshop.id is None:
            return
        workshop_id = self.detail.workshop.id
        people = workshop.candidates(self.project, workshop_id)
        known = {(p.name.casefold(), p.email.casefold()) for p in self.detail.participants}
        listing = QListWidget()
        listing.setAccessibleName(self.tr("Vorschläge"))
        for person in people:
            label = f"{person.name} – {person.role or person.group}" + (
                f" <{person.email}>" if person.email else ""
            )
            item = QListWidgetItem(label)
            already = (person.name.casefold(), person.email.casefold()) in known
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if already else Qt.CheckState.Checked)
            if already:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setText(label + self.tr(" (steht schon auf der Liste)"))
            listing.addItem(item)
        dialog = FormDialog(
            self,
            self.tr("Teilnehmende vorschlagen"),
            [("", listing)],
            intro=self.tr(
                "Ansprechpersonen der Ämter, Ihr Netzwerk und die üblichen Rollen im Haus. Namen für Rollen wie „Bürgermeister/in“ können Sie danach ergänzen."
            ),
        )
        dialog.resize(640, 520)
        if not self.run_dialog(dialog):
            return
        chosen = [
            people[i]
            for i in range(listing.count())
            if listing.item(i).checkState() == Qt.CheckState.Checked
            and listing.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
        ]
        self._do(lambda: workshop.add_participants(self.project, workshop_id, chosen))

    def person_dialog(self, person: Participant) -> FormDialog:
        """The dialog for one participant (new or existing); ``participant_from`` reads it."""
        unnamed = person.id is not None and not is_person_name(person.name)
        title, _, rest = person.name.partition(" ")
        known = title in ("Frau", "Herr") and rest and not unnamed
        name = QLineEdit("" if unnamed else (rest if known else person.name))
        name.setObjectName("participantName")
        name.setPlaceholderText(self.tr("z. B. Anna Schmidt"))
        address = QComboBox()
        address.setObjectName("participantAddress")
        address.setAccessibleName(self.tr("Anrede"))
        for text, value in (
            (self.tr("(neutral: „Guten Tag …“)"), ""),
            ("Frau", "Frau"),
            ("Herr", "Herr"),
        ):
            address.addItem(text, value)
        address.setCurrentIndex(max(0, address.findData(title if known else "")))
        address.setToolTip(
            self.tr(
                "Die Anrede der Einladung: „Sehr geehrte Frau …“, „Sehr geehrter Herr …“ oder "
                "neutral „Guten Tag Vorname Name“. Sie steht auch auf der Teilnehmerliste."
            )
        )
        role = QLineEdit(person.name if unnamed and not person.role else person.role)
        role.setObjectName("participantRole")
        email = QLineEdit(person.email)
        email.setObjectName("participantEmail")
        group = QComboBox()
        group.addItems(list(workshop.GROUPS))
        group.setCurrentText(person.group or "weitere")
        invitation = QComboBox()
        for state in workshop.INVITATION_STATES:
            invitation.addItem(state or self.tr("noch nicht eingeladen"), state)
        invitation.setCurrentIndex(max(0, invitation.findData(person.invitation)))
        attended = QCheckBox(self.tr("war anwesend"))
        attended.setChecked(person.attended)
        rows = [
            (self.tr("&Anrede:"), address),
            (self.tr("&Name:"), name),
            (self.tr("&Funktion:"), role),
            (self.tr("&Gruppe:"), group),
            (self.tr("&E-Mail:"), email),
        ]
        if person.id is not None:
            rows += [(self.tr("Ein&ladung:"), invitation), ("", attended)]
        dialog = FormDialog(
            self,
            self.tr("Person bearbeiten") if person.id is not None else self.tr("Person hinzufügen"),
            rows,
            lambda: [] if name.text().strip() else [self.tr("Bitte geben Sie einen Namen an.")],
            intro=self.tr("Für die Rolle „%1“ fehlt noch der Name der Person.").replace(
                "%1", person.name
            )
            if unnamed
            else "",
        )
        name.textChanged.connect(dialog.revalidate)
        dialog.revalidate()
        dialog.setProperty("participant", person)
        self._fields = (name, role, group, email, invitation, attended)
        self._address = address
        return dialog

    def participant_from(self, person: Participant) -> Participant:
        name, role, group, email, invitation, attended = self._fields
        address = self._address.currentData()
        typed = name.text().strip()
        first, _, rest = typed.partition(" ")
        if first in ("Frau", "Herr") and rest:  # typed with the name: counts unless chosen
            address, typed = address or first, rest
        return replace(
            person,
            name=f"{address} {typed}" if address else typed,
            role=role.text().strip(),
            group=group.currentText(),
            email=email.text().strip(),
            invitation=invitation.currentData() if person.id is not None else person.invitation,
            attended=attended.isChecked(),
        )

    def add_person(self) -> None:
        if self.detail is None or self.detail.workshop.id is None:
            return
        blank = Participant(None, self.detail.workshop.id, "", group="weitere")
        if self.run_dialog(self.person_dialog(blank)):
            person = self.participant_from(blank)
            self._recorded_add(
                self.tr("„%1“ hinzugefügt").replace("%1", person.name),
                lambda: workshop.save_participant(self.project, person),
                lambda pid: workshop.remove_participants(self.project, [pid]),
            )

    def selected_person(self) -> Participant | None:
        people = self.detail.participants if self.detail else []
        rows = _selected_rows(self.table)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        return people[rows[0]] if rows and rows[0] < len(people) else None

    def edit_selected(self) -> None:
        """Double-click, F2, Enter, context menu or "Bearbeiten…": change one person."""
        before = self.selected_person()
        if before is None:
            return
        if self.run_dialog(self.person_dialog(before)):
            after = self.participant_from(before)
            if after == before:
                return
            self._recorded(
                self.tr("„%1“ geändert").replace("%1", after.name),
                lambda: workshop.save_participant(self.project, after),
                lambda: workshop.save_participant(self.project, before),
            )

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids and messages.confirm(
            self,
            self.tr("Entfernen?"),
            self.tr("%1 von der Liste nehmen?").replace(
                "%1", plural(len(ids), "Person", "Personen")
            ),
        ):
            self._do(lambda: workshop.remove_participants(self.project, ids))

    def set_invitation(self, state: str) -> None:
        ids = self.selected_ids()
        if ids:
            self._do(lambda: workshop.set_invitation(self.project, ids, state))

    def set_attended(self, attended: bool) -> None:
        ids = self.selected_ids()
        if ids:
            self._do(lambda: workshop.set_attended(self.project, ids, attended))


class AgendaPanel(_ListPanel):
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
                (self.tr("Nach oben"), lambda: self.move(-1)),
                (self.tr("Nach unten"), lambda: self.move(+1)),
                (self.tr("Löschen"), self.delete_selected),
            ],
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self._button(self.tr("&Neuer Punkt…"), self.add))
        buttons.addWidget(self._button(self.tr("&Bearbeiten…"), self.edit_selected))
        buttons.addWidget(self._button(self.tr("Nach &oben"), lambda: self.move(-1)))
        buttons.addWidget(self._button(self.tr("Nach &unten"), lambda: self.move(+1)))
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
        rows = _selected_rows(self.table)
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

    def move(self, step: int) -> None:
        entry = self.selected()
        if entry is None:
            return
        row = _selected_rows(self.table)[0]
        if self._do(lambda: workshop.move_agenda_entry(self.project, entry, step)):
            target = min(max(row + step, 0), self.table.rowCount() - 1)
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


class MinutesPanel(_ListPanel):
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
        rows = _selected_rows(self.tasks_table)
        return self._tasks[rows[0]] if rows else None

    def edit_task(self) -> None:
        task = self.selected_task()
        if task is not None:
            self._task_dialog(task)

    def set_task_status(self, status: str) -> None:
        ids = [
            self._tasks[r].id
            for r in _selected_rows(self.tasks_table)
            if self._tasks[r].id is not None
        ]
        if ids:
            self._do(lambda: tasks.set_status(self.project, ids, status))  # type: ignore[arg-type]
