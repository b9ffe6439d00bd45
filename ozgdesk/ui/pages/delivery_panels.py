"""Step 4 tabs: contact points of the offices, the services' delivery data, personal data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.autosave import AutoSave
from ozgdesk.ui.dialogs.form_dialog import FormDialog
from ozgdesk.ui.models.delivery_table import (
    COL_NAME,
    COL_PAGE,
    ID_ROLE,
    DeliveryTableModel,
)
from ozgdesk.ui.tasks import run_with_progress
from ozgdesk.ui.undo import push_done
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.ui.widgets.loading import LoadingCover
from ozgdesk.ui.widgets.row_table import searchable_table
from ozgdesk.ui.widgets.table_cells import cell_text
from ozgdesk.wording import plural
from ozgdesk.workflow import delivery, persons
from ozgdesk.workflow.delivery import LABELS, UNIT_FIELDS, Effective, Person, Unit

PERSON_COLUMNS = ("first_name", "surname", "phone", "email", "hours")
PERSON_LABELS = ("Vorname", "Nachname", "Telefon", "E-Mail", "Sprechzeiten")


class PersonsTable(QTableWidget):
    """Editable contact persons (a few rows)."""

    def __init__(self, rows: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(rows, len(PERSON_COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr(t) for t in PERSON_LABELS])
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(self.tr("Ansprechpersonen"))
        self.setMaximumHeight(30 + 28 * rows)

    def set_persons(self, persons: tuple[Person, ...]) -> None:
        self.clearContents()
        for row, person in enumerate(persons[: self.rowCount()]):
            for column, name in enumerate(PERSON_COLUMNS):
                self.setItem(row, column, QTableWidgetItem(getattr(person, name)))

    def persons(self) -> list[Person]:
        result = []
        for row in range(self.rowCount()):
            values = {
                name: cell_text(self, row, c).strip() for c, name in enumerate(PERSON_COLUMNS)
            }
            if any(values.values()):
                result.append(Person(None, **values))
        return result


class UnitPanel(QWidget):
    """An office's contact point, inherited by its services."""

    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack: QUndoStack | None = None
        self._units: list[Unit] = []
        self._editing: Unit | None = None  # the office whose contact point the fields show
        self.autosave = AutoSave(self, self.save, what=self.tr("Die Ansprechstelle"))
        self.offices = QListWidget()
        self.offices.setAccessibleName(self.tr("Ämter"))
        self.offices.currentRowChanged.connect(self._show)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in UNIT_FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(LABELS[name])
            edit.textChanged.connect(self._check)
            self.fields[name] = edit
            form.addRow(f"{LABELS[name]}:", edit)
        self.fields["unit_name"].setPlaceholderText(self.tr("z. B. Bürgerbüro – Fachbereich 3"))
        self.fields["opening_hours"].setPlaceholderText(
            self.tr("z. B. Mo–Fr 8–12 Uhr, Do 14–18 Uhr")
        )
        self.persons = PersonsTable()
        self.problems = QLabel()
        self.problems.setObjectName("unitProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a40000;")
        self.autosave.watch(*self.fields.values(), self.persons)
        self.persons.itemChanged.connect(lambda _item: self._check())
        saved_hint = QLabel(
            self.tr(
                "Änderungen werden beim Verlassen eines Felds oder nach kurzer Pause gespeichert."
            )
        )
        saved_hint.setStyleSheet("color: #555;")
        box = QGroupBox(
            self.tr(
                "Ansprechstelle (gilt für alle Leistungen des Amts, sofern dort nichts anderes steht)"
            )
        )
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)
        box_layout.addWidget(QLabel(self.tr("Ansprechpersonen:")))
        box_layout.addWidget(self.persons)
        box_layout.addWidget(self.problems)
        box_layout.addWidget(saved_hint)
        box_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.offices)
        splitter.addWidget(box)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def reload(self, office_id: int | None = None) -> None:
        self.autosave.flush()
        current = office_id if office_id is not None else self.current_office_id()
        self._units = delivery.units(self.project)
        self._editing = None
        self.offices.blockSignals(True)
        self.offices.clear()
        for unit in self._units:
            item = QListWidgetItem(self._label(unit))
            item.setData(Qt.ItemDataRole.UserRole, unit.office_id)
            self.offices.addItem(item)
        self.offices.blockSignals(False)
        row = next(
            (i for i, u in enumerate(self._units) if u.office_id == current),
            0 if self._units else -1,
        )
        self.offices.setCurrentRow(row)
        self._show(row)

    def current_office_id(self) -> int | None:
        item = self.offices.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_unit(self) -> Unit | None:
        row = self.offices.currentRow()
        return self._units[row] if 0 <= row < len(self._units) else None

    @staticmethod
    def _label(unit: Unit) -> str:
        filled = sum(bool(unit.get(n)) for n in delivery.REQUIRED)
        return f"{unit.office_name}  ({filled}/{len(delivery.REQUIRED)})"

    def _show(self, row: int) -> None:
        self.autosave.flush()  # the fields still show the office selected before
        unit = self._units[row] if 0 <= row < len(self._units) else None
        self._editing = unit
        with self.autosave.loading():
            for name, edit in self.fields.items():
                edit.setText(unit.get(name) if unit else "")
            self.persons.set_persons(unit.persons if unit else ())
        self.setEnabled(True)
        self._check()

    def values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.fields.items()}

    def _check(self) -> None:
        values = dict(self.values(), page_url="https://x.example")  # the page is per service
        found = delivery.check_values(values, self.persons.persons(), True, "")
        self.problems.setText("\n".join(c.message for c in found))

    def save(self) -> bool:
        """Store the contact point the fields show (they save by themselves as the user
        goes); one undo step."""
        unit = self._editing
        if unit is None:
            return True
        office_id, before = unit.office_id, unit
        values, persons = self.values(), self.persons.persons()
        old_values = {n: before.get(n) for n in UNIT_FIELDS}
        if values == old_values and persons == [replace(p, id=None) for p in before.persons]:
            return True
        try:
            delivery.save_unit(self.project, office_id, values, persons)
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return False

        def restore(vals: dict[str, str], people: list[Person]) -> Callable[[], None]:
            def run() -> None:
                delivery.save_unit(self.project, office_id, vals, people)
                self.reload(office_id)
                self.changed.emit()

            return run

        push_done(
            self.undo_stack,
            self.tr("Ansprechstelle „%1“ geändert").replace("%1", unit.office_name),
            restore(values, persons),
            restore(old_values, list(before.persons)),
        )
        fresh = next((u for u in delivery.units(self.project) if u.office_id == office_id), None)
        if fresh is not None:
            index = next(i for i, u in enumerate(self._units) if u.office_id == office_id)
            self._units[index] = fresh
            self._editing = fresh if self._editing is unit else self._editing
            item = self.offices.item(index)
            if item is not None:
                item.setText(self._label(fresh))
        self.changed.emit()
        return True


class ServiceEditDialog(FormDialog):
    """One service's delivery data; empty fields show (and keep) the inherited value."""

    def __init__(
        self, parent: QWidget | None, row: Effective, offices: list[tuple[str, int]]
    ) -> None:
        self.row = row
        self.unit_office = QComboBox()
        self.unit_office.addItem(
            parent.tr("wie federführendes Amt") if parent else "wie federführendes Amt", None
        )
        for name, office_id in offices:
            self.unit_office.addItem(name, office_id)
        self.unit_office.setCurrentIndex(
            max(0, self.unit_office.findData(row.stored.unit_office_id))
        )
        self.edits: dict[str, QLineEdit] = {}
        rows: list[tuple[str, QWidget]] = [("Zuständiges Amt:", self.unit_office)]
        for name in UNIT_FIELDS:
            edit = QLineEdit(row.stored.values.get(name, ""))
            if name in row.inherited:
                edit.setPlaceholderText(f"{row.get(name)}  (vom Amt)")
            self.edits[name] = edit
            rows.append((f"{LABELS[name]}:", edit))
        for name in ("page_url", "online_url", "notes"):
            edit = QLineEdit(row.stored.values.get(name, ""))
            self.edits[name] = edit
            rows.append((f"{LABELS[name]}:", edit))
        self.status = QComboBox()
        self.status.addItems(list(delivery.STATUSES))
        self.status.setCurrentText(row.status)
        rows.append(("Stand:", self.status))
        self.persons = PersonsTable(2)
        self.persons.set_persons(row.stored.persons)
        rows.append(("Eigene Ansprechpersonen:", self.persons))
        super().__init__(
            parent,
            f"Datenlieferung – {row.name}",
            rows,
            self._problems,
            intro="Leere Felder übernehmen die Angaben der Ansprechstelle des Amts (grau vorgeblendet).",
        )
        for edit in self.edits.values():
            edit.textChanged.connect(self.revalidate)
        self.revalidate()

    def stored(self) -> delivery.Stored:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        item = replace(
            self.row.stored,
            unit_office_id=self.unit_office.currentData(),
            values=values,
            persons=tuple(self.persons.persons()),
            exists=True,
            updated_at=None,
        )
        return delivery.with_status(item, self.status.currentText())

    def _problems(self) -> list[str]:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        merged = {
            n: values.get(n) or (self.row.get(n) if n in self.row.inherited else "") for n in values
        }
        found = delivery.check_values(merged, self.persons.persons(), True, "")
        # only syntax errors block saving; missing data may be completed later
        return [c.message for c in found if "fehlt" not in c.message]


class ServicesPanel(QWidget):
    """The relevant services with their status and what is missing."""

    changed = Signal()
    filled = Signal()  # the table shows the rows as they are now

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack: QUndoStack | None = None
        self.model = DeliveryTableModel(self)
        self.proxy, self.search, self.table = searchable_table(
            self,
            self.model,
            object_name="deliveryTable",
            table_name=self.tr("Datenlieferung je Leistung"),
            search_name=self.tr("Leistungen durchsuchen"),
            sort_column=COL_NAME,
        )
        self.table.horizontalHeader().setSectionResizeMode(COL_PAGE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_NAME, 330)
        make_editable(self.table, self.edit_selected)
        self.loading_cover = LoadingCover(self.table, self.tr("Die Angaben werden geprüft …"))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Stand setzen"))
        self.status.addItems(list(delivery.STATUSES))
        set_status = QPushButton(self.tr("Stand &setzen"))
        set_status.setAccessibleName(self.tr("Stand für Auswahl setzen"))
        set_status.clicked.connect(lambda: self.set_status(self.status.currentText()))
        edit = QPushButton(self.tr("&Bearbeiten…"))
        edit.setAccessibleName(self.tr("Leistung bearbeiten"))
        edit.clicked.connect(self.edit_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(edit)
        bar.addWidget(QLabel(self.tr("Auswahl:")))
        bar.addWidget(self.status)
        bar.addWidget(set_status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def run_dialog(self, dialog: QDialog) -> bool:
        return bool(dialog.exec())

    def reload(self) -> None:
        """Read and check the relevant services again (on a worker thread when that takes
        a while); ``filled`` tells when the table shows them."""
        self.loading_cover.fetch(
            self.project, "delivery_rows", lambda: delivery.effective_rows(self.project), self._fill
        )

    def _fill(self, rows: list[Effective]) -> None:
        self.model.set_rows(rows)
        self.filled.emit()

    def selected_ids(self) -> list[int]:
        return [i.data(ID_ROLE) for i in self.table.selectionModel().selectedRows()]

    def _record(self, text: str, previous: list[delivery.Stored]) -> None:
        ids = [p.service_id for p in previous]
        new = delivery.stored(self.project, ids)

        def apply(items: list[delivery.Stored]) -> Callable[[], None]:
            def run() -> None:
                delivery.save_services(self.project, items)
                self.reload()
                self.changed.emit()

            return run

        push_done(self.undo_stack, text, apply(new), apply(previous))
        self.reload()
        self.changed.emit()

    def set_status(self, status: str) -> None:
        ids = self.selected_ids()
        if not ids:
            messages.info(
                self,
                self.tr("Stand setzen"),
                self.tr("Wählen Sie zuerst Leistungen in der Tabelle."),
            )
            return
        try:
            previous = delivery.set_status(self.project, ids, status)
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return
        self._record(
            self.tr("Stand „%1“ für %2")
            .replace("%1", status)
            .replace("%2", plural(len(ids), "Leistung", "Leistungen")),
            previous,
        )

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        (row,) = delivery.effective_rows(self.project, ids=ids)
        offices = [(u.office_name, u.office_id) for u in delivery.units(self.project)]
        dialog = ServiceEditDialog(self, row, offices)
        if not self.run_dialog(dialog):
            return
        from dataclasses import replace

        from ozgdesk.ui.conflict_choice import store_asking

        item = dialog.stored()
        try:  # with the version the dialog showed: a change by someone else meanwhile is asked
            stored = store_asking(
                self,
                [item.service_id],
                {item.service_id: item.version},
                lambda _ids, seen: delivery.save_services(
                    self.project, [replace(item, version=seen[item.service_id])], check=True
                ),
            )
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return
        if stored is None:
            self.reload()
            return
        self._record(self.tr("Datenlieferung „%1“ geändert").replace("%1", row.name), stored[1])


class PersonsPanel(QWidget):
    """Personal data: find a person everywhere and remove them in one action (the same
    search and erase as ``ozgdesk forget``: the list shown is what is removed)."""

    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack: QUndoStack | None = None
        intro = QLabel(
            self.tr(
                "Namen, E-Mail-Adressen und Telefonnummern sind personenbezogene Daten. Hier finden "
                "Sie eine Person überall im Projekt (Ansprechstellen, Leistungen, OZG-Ansprechpersonen, "
                "Workshops, Aufgaben, Netzwerk, Notizen …) und entfernen sie mit einer Aktion – auch aus "
                "allen Sicherungen, z. B. wenn sie die Verwaltung verlässt oder es verlangt (DSGVO)."
            )
        )
        intro.setWordWrap(True)
        self.query = QLineEdit()
        self.query.setAccessibleName(self.tr("Name oder E-Mail"))
        self.query.setPlaceholderText(self.tr("Name oder E-Mail-Adresse (mindestens 3 Zeichen)"))
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(lambda: self.search(deep=False))
        self.query.textChanged.connect(lambda _t: self._typing.start())
        self.query.returnPressed.connect(self.search)
        self.summary = QLabel()
        self.summary.setObjectName("personsSummary")
        self.summary.setWordWrap(True)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Fundstellen"))
        self.remove = QPushButton(self.tr("Überall &entfernen…"))
        self.remove.setAccessibleName(self.tr("Person überall entfernen"))
        self.remove.clicked.connect(self.forget)
        self.remove.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        self._found: persons.Finding | None = None

    def search(self, deep: bool = True) -> None:
        """While typing only the project is searched; Enter also searches the backups and
        the file's unused bytes when the project holds nothing (a person removed earlier)."""
        self._typing.stop()
        text = self.query.text()
        try:
            self._found = persons.find(self.project, text, deep=deep) if text.strip() else None
        except ProjectError as error:
            messages.show_project_error(self, error)
            self._found = None
        self.results.clear()
        found = self._found
        if found is None or not found.anything:
            if found is None or len(found.query) < 3:
                self.summary.setText("")
            elif deep:
                self.summary.setText(self.tr("Keine Fundstelle, auch nicht in den Sicherungen."))
            else:
                self.summary.setText(
                    self.tr(
                        "Keine Fundstelle im Projekt. Mit der Eingabetaste wird auch in den "
                        "Sicherungen gesucht."
                    )
                )
            self.remove.setEnabled(False)
            return
        for place in found.places:
            value = " ".join(place.value.split())
            value = value if len(value) <= 60 else value[:60] + "…"
            self.results.addItem(f"{place.where} – {place.label}: „{value}“ → {place.action}")
        who = "; ".join(
            p.name + (f" <{', '.join(p.emails)}>" if p.emails else "") for p in found.people
        )
        if found.ambiguous:
            self.summary.setText(
                self.tr(
                    "Das passt auf mehrere Personen: %1. Bitte den vollen Namen oder die "
                    "E-Mail-Adresse eingeben."
                ).replace("%1", who)
            )
        elif found.places:
            self.summary.setText(
                self.tr("%1 – %2 Fundstelle(n):")
                .replace("%1", who)
                .replace("%2", str(len(found.places)))
            )
        elif not found.in_backups:
            self.summary.setText(
                self.tr(
                    "%1 steht nicht mehr im Projekt, aber noch in ungenutzten Bereichen der "
                    "Datei (von einer früheren Löschung). „Überall entfernen“ tilgt auch diese."
                ).replace("%1", who or found.query)
            )
        else:
            self.summary.setText(
                self.tr("%1 steht nicht mehr im Projekt, aber noch in %2 Sicherung(en).")
                .replace("%1", who or found.query)
                .replace("%2", str(found.in_backups))
            )
        self.remove.setEnabled(not found.ambiguous)

    def forget(self) -> None:
        found = self._found
        if found is None or found.ambiguous or not found.anything:
            return
        text = self.tr(
            "%1 Fundstelle(n) von %2 endgültig entfernen?\n\nAuch die %3 Sicherung(en) des "
            "Projekts werden bereinigt. Das lässt sich nicht rückgängig machen. Bereits "
            "gespeicherte Ausgaben (Excel, PDF, E-Mails) enthalten die Person weiterhin; "
            "löschen Sie diese selbst."
        )
        text = (
            text.replace("%1", str(len(found.places)))
            .replace("%2", found.person)
            .replace("%3", str(len(found.backups)))
        )
        if not messages.confirm(self, self.tr("Person entfernen?"), text, self.tr("Entfernen")):
            return
        try:
            outcome = run_with_progress(
                self, self.tr("Person wird entfernt …"), lambda: persons.forget(self.project, found)
            )
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        except ValueError as error:
            messages.info(self, self.tr("Nicht entfernt"), str(error))
            return
        if self.undo_stack is not None:
            self.undo_stack.clear()  # its commands may still hold the person's data
        purged = sum(1 for b in outcome.backups if b.places)
        lines = [
            self.tr("%1 Fundstelle(n) entfernt, %2 Sicherung(en) bereinigt.")
            .replace("%1", str(len(outcome.erased)))
            .replace("%2", str(purged))
        ]
        if outcome.verified:
            lines.append(
                self.tr("Geprüft: Projektdatei und Sicherungen enthalten die Person nicht mehr.")
            )
        else:
            lines.append(self.tr("Achtung, die Prüfung hat noch Spuren gefunden:"))
            if outcome.project_check:
                lines.append("– " + outcome.project_check)
            lines += [f"– {b.path.name}: {b.problem}" for b in outcome.backups if not b.ok]
        if outcome.damaged_copies:
            lines.append(
                self.tr("Beschädigte Kopien neben dem Projekt können die Person noch enthalten:")
            )
            lines += [f"– {p}" for p in outcome.damaged_copies]
        messages.info(self, self.tr("Entfernt"), "\n".join(lines))
        self.search()
        self.changed.emit()
