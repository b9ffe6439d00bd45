"""Step 3 tab "Teilnehmende": the list of participants, suggestions from offices and network,
the edit dialog (with the form of address for the invitation), invitation and attendance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.dialogs.form_dialog import FormDialog
from ozgdesk.ui.pages.workshop_lists import ListPanel, selected_rows
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.wording import is_person_name, plural
from ozgdesk.workflow import workshop
from ozgdesk.workflow.workshop import Participant


class ParticipantsPanel(ListPanel):
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
            states.addWidget(self._button(text, partial(self.set_invitation, state)))
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
        return [people[r].id for r in selected_rows(self.table) if people[r].id is not None]  # type: ignore[misc]  # the filter leaves ints only; mypy cannot narrow inside the comprehension

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
        rows = selected_rows(self.table)
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

    def _chosen(self) -> list[Participant]:
        people = self.detail.participants if self.detail else []
        return [people[r] for r in selected_rows(self.table) if people[r].id is not None]

    def remove_selected(self) -> None:
        chosen = self._chosen()
        if chosen and messages.confirm(
            self,
            self.tr("Entfernen?"),
            self.tr("%1 von der Liste nehmen?").replace(
                "%1", plural(len(chosen), "Person", "Personen")
            ),
        ):
            current = [[p.id for p in chosen if p.id is not None]]  # their ids, after undo new

            def remove() -> None:
                workshop.remove_participants(self.project, current[0])

            def restore() -> None:  # undo: the people come back on the list
                current[0] = workshop.add_participants(
                    self.project, chosen[0].workshop_id, [replace(p, id=None) for p in chosen]
                )

            self._recorded(
                self.tr("%1 von der Liste genommen").replace(
                    "%1", plural(len(chosen), "Person", "Personen")
                ),
                remove,
                restore,
            )

    def set_invitation(self, state: str) -> None:
        chosen = self._chosen()
        if not chosen:
            return
        ids = [p.id for p in chosen if p.id is not None]
        before = {p.id: p.invitation for p in chosen}
        self._recorded(
            self.tr("Einladung: %1 „%2“")
            .replace("%1", plural(len(ids), "Person", "Personen"))
            .replace("%2", state or self.tr("noch nicht")),
            lambda: workshop.set_invitation(self.project, ids, state),
            lambda: self._restore(before, lambda i, v: workshop.set_invitation(self.project, i, v)),
        )

    def set_attended(self, attended: bool) -> None:
        chosen = self._chosen()
        if not chosen:
            return
        ids = [p.id for p in chosen if p.id is not None]
        before = {p.id: p.attended for p in chosen}
        self._recorded(
            self.tr("Anwesenheit von %1").replace("%1", plural(len(ids), "Person", "Personen")),
            lambda: workshop.set_attended(self.project, ids, attended),
            lambda: self._restore(before, lambda i, v: workshop.set_attended(self.project, i, v)),
        )

    @staticmethod
    def _restore(before: dict[int | None, Any], apply: Callable[[list[int], Any], None]) -> None:
        """Set each earlier value again, grouped by value (one write per value)."""
        groups: dict[object, list[int]] = {}
        for pid, value in before.items():
            if pid is not None:
                groups.setdefault(value, []).append(pid)
        for value, ids in groups.items():
            apply(ids, value)
