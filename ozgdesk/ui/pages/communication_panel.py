"""Step 5 tabs: the communication plan (staff, council, citizens) and the council report inputs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
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
from ozgdesk.ui.undo import push_done
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.ui.widgets.table_cells import cell_text
from ozgdesk.wording import number
from ozgdesk.workflow import communication
from ozgdesk.workflow.communication import CouncilInputs, Item


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CommunicationPanel(QWidget):
    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._items: list[Item] = []
        intro = QLabel(
            self.tr(
                "Die Einführung ist vor allem ein Kommunikationsprojekt – mit drei Zielgruppen von Anfang an: "
                "Beschäftigte, Rat und Bürgerschaft. ozgdesk erzeugt den Plan aus dem Starttermin (Go-live); "
                "die Punkte erscheinen in der Aufgabenliste und lassen sich ändern."
            )
        )
        intro.setWordWrap(True)
        self.go_live = QDateEdit()
        self.go_live.setAccessibleName(self.tr("Starttermin"))
        self.go_live.setCalendarPopup(True)
        self.go_live.setDisplayFormat("dd.MM.yyyy")
        generate = QPushButton(self.tr("Plan &erzeugen / anpassen"))
        generate.setAccessibleName(self.tr("Kommunikationsplan erzeugen"))
        generate.clicked.connect(self.generate)
        self.audience = QComboBox()
        self.audience.setAccessibleName(self.tr("Zielgruppe"))
        self.audience.addItem(self.tr("alle Zielgruppen"), None)
        for audience in communication.AUDIENCES:
            self.audience.addItem(audience, audience)
        self.audience.currentIndexChanged.connect(self.reload)
        self.open_only = QCheckBox(self.tr("nur offene"))
        self.open_only.setAccessibleName(self.tr("nur offene Punkte"))
        self.open_only.toggled.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Start (Go-live):")))
        top.addWidget(self.go_live)
        top.addWidget(generate)
        top.addStretch(1)
        top.addWidget(self.audience)
        top.addWidget(self.open_only)
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName(self.tr("Kommunikationsplan"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Fällig"),
                self.tr("Zielgruppe"),
                self.tr("Maßnahme"),
                self.tr("Wer"),
                self.tr("Phase"),
                self.tr("Erledigt"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        make_editable(self.table, self.edit_selected)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("&Neuer Punkt…"), self.add),
            (self.tr("&Bearbeiten…"), self.edit_selected),
            (self.tr("E&rledigt"), lambda: self.set_done(True)),
            (self.tr("&Offen"), lambda: self.set_done(False)),
            (self.tr("&Löschen"), self.delete_selected),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def run_dialog(self, dialog: QDialog) -> bool:
        return bool(dialog.exec())

    def reload(self) -> None:
        current = communication.go_live(self.project) or date.today() + timedelta(days=420)
        self.go_live.setDate(_qdate(current))
        items = communication.items(self.project)
        audience = self.audience.currentData()
        self._items = [
            i
            for i in items
            if (audience is None or i.audience == audience)
            and (not self.open_only.isChecked() or not i.done)
        ]
        self.table.setRowCount(len(self._items))
        for r, item in enumerate(self._items):
            for c, value in enumerate(
                (
                    item.due_on.strftime("%d.%m.%Y"),
                    item.audience,
                    item.title,
                    item.owner,
                    item.phase,
                    self.tr("ja") if item.done else "",
                )
            ):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def generate(self) -> None:
        try:
            added, moved = communication.generate(self.project, _pydate(self.go_live.date()))
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        self.reload()
        self.changed.emit()
        messages.info(
            self,
            self.tr("Kommunikationsplan"),
            self.tr("%1 Punkte neu angelegt, %2 auf den neuen Termin verschoben.")
            .replace("%1", str(added))
            .replace("%2", str(moved)),
        )

    def selected(self) -> list[Item]:
        return [self._items[i.row()] for i in self.table.selectionModel().selectedRows()]

    def _edit(self, item: Item) -> None:
        audience = QComboBox()
        audience.addItems(list(communication.AUDIENCES))
        audience.setCurrentText(item.audience)
        title, owner, notes = QLineEdit(item.title), QLineEdit(item.owner), QLineEdit(item.notes)
        due = QDateEdit()
        due.setCalendarPopup(True)
        due.setDisplayFormat("dd.MM.yyyy")
        due.setDate(_qdate(item.due_on))
        done = QCheckBox(self.tr("erledigt"))
        done.setChecked(item.done)
        dialog = FormDialog(
            self,
            self.tr("Kommunikation"),
            [
                (self.tr("&Zielgruppe:"), audience),
                (self.tr("&Maßnahme:"), title),
                (self.tr("&Fällig:"), due),
                (self.tr("&Wer:"), owner),
                (self.tr("&Notizen:"), notes),
                ("", done),
            ],
        )
        if self.run_dialog(dialog):
            changed = Item(
                item.id,
                audience.currentText(),
                title.text(),
                _pydate(due.date()),
                owner.text(),
                done.isChecked(),
                item.phase,
                item.template,
                notes.text(),
            )
            try:
                communication.save_item(self.project, changed)
            except (ValueError, ProjectError) as error:
                messages.info(self, self.tr("Nicht gespeichert"), str(error))
                return
            self.reload()
            self.changed.emit()

    def add(self) -> None:
        self._edit(Item(None, communication.STAFF, "", date.today() + timedelta(days=30)))

    def edit_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self._edit(chosen[0])

    def set_done(self, done: bool) -> None:
        ids = [i.id for i in self.selected() if i.id is not None]
        if ids:
            communication.set_done(self.project, ids, done)
            self.reload()
            self.changed.emit()

    def delete_selected(self) -> None:
        chosen = [i for i in self.selected() if i.id is not None]
        if chosen and messages.confirm(
            self,
            self.tr("Löschen?"),
            self.tr("%1 Punkt(e) löschen?").replace("%1", str(len(chosen))),
        ):
            for item in chosen:
                communication.delete_item(self.project, item.id)  # type: ignore[arg-type]  # a listed item is stored, so its id is an int
            self.reload()
            self.changed.emit()


class _RowsTable(QTableWidget):
    """A small editable table of text rows (benefits, risks)."""

    def __init__(self, headers: list[str], name: str) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setAccessibleName(name)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(150)
        self.itemChanged.connect(self._keep_empty_row)

    def set_rows(self, rows: tuple[tuple[str, ...], ...]) -> None:
        self.blockSignals(True)
        self.clearContents()
        self.setRowCount(len(rows) + 2)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.setItem(r, c, QTableWidgetItem(value))
        self.blockSignals(False)

    def _keep_empty_row(self, item: QTableWidgetItem) -> None:
        """There is always an empty row at the end for the next entry."""
        if item.row() == self.rowCount() - 1 and item.text().strip():
            self.setRowCount(self.rowCount() + 1)

    def rows(self) -> tuple[tuple[str, ...], ...]:
        result = []
        for r in range(self.rowCount()):
            values = tuple(cell_text(self, r, c).strip() for c in range(self.columnCount()))
            if any(values):
                result.append(values)
        return tuple(result)


class CouncilPanel(QWidget):
    """Inputs for the council report; every other figure comes from the project data."""

    changed = Signal()
    report_requested = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = None
        self._saved: CouncilInputs | None = None
        self.autosave = AutoSave(self, self.save, what=self.tr("Die Angaben für den Ratsbericht"))
        self.situation = QPlainTextEdit()
        self.situation.setAccessibleName(self.tr("Ausgangslage"))
        self.goal = QPlainTextEdit()
        self.goal.setAccessibleName(self.tr("Ziel"))
        for edit in (self.situation, self.goal):
            edit.setMaximumHeight(80)
        self.benefits = _RowsTable(
            [self.tr("Wer profitiert"), self.tr("Nutzen"), self.tr("Gemessen an")],
            self.tr("Nutzen"),
        )
        self.risks = _RowsTable([self.tr("Risiko"), self.tr("Gegenmaßnahme")], self.tr("Risiken"))

        def money(maximum: float = 10_000_000) -> QDoubleSpinBox:
            box = QDoubleSpinBox()
            box.setRange(0, maximum)
            box.setDecimals(0)
            box.setGroupSeparatorShown(True)
            box.setSuffix(" €")
            return box

        self.implementation = money()
        self.implementation.setAccessibleName(self.tr("Einmalige Kosten"))
        self.operation = money()
        self.operation.setAccessibleName(self.tr("Laufende Kosten je Jahr"))
        self.fte = QDoubleSpinBox()
        self.fte.setRange(0, 20)
        self.fte.setSingleStep(0.1)
        self.fte.setSuffix(" VZÄ")
        self.fte.setAccessibleName(self.tr("Koordination in Vollzeitstellen"))
        self.fte_cost = money(500_000)
        self.fte_cost.setAccessibleName(self.tr("Kosten je Vollzeitstelle"))
        self.buffer = QDoubleSpinBox()
        self.buffer.setRange(0, 100)
        self.buffer.setSuffix(" %")
        self.buffer.setAccessibleName(self.tr("Risikopuffer"))
        self.dependencies = QPlainTextEdit()
        self.dependencies.setAccessibleName(self.tr("Abhängigkeiten von Land und Bund"))
        self.dependencies.setMaximumHeight(80)
        self.has_last = QCheckBox(self.tr("letzter Bericht am"))
        self.has_last.setAccessibleName(self.tr("Fortschritt seit dem letzten Bericht"))
        self.last_report = QDateEdit()
        self.last_report.setAccessibleName(self.tr("Datum des letzten Berichts"))
        self.last_report.setCalendarPopup(True)
        self.last_report.setDisplayFormat("dd.MM.yyyy")
        self.has_last.toggled.connect(self.last_report.setEnabled)
        self.total = QLabel()
        self.total.setObjectName("councilTotal")
        for box in (self.implementation, self.operation, self.fte, self.fte_cost, self.buffer):
            box.valueChanged.connect(self._update_total)
        self.autosave.watch(
            self.situation,
            self.goal,
            self.benefits,
            self.risks,
            self.implementation,
            self.operation,
            self.fte,
            self.fte_cost,
            self.buffer,
            self.dependencies,
            self.has_last,
            self.last_report,
        )
        saved_hint = QLabel(
            self.tr(
                "Änderungen werden beim Verlassen eines Felds oder nach kurzer Pause gespeichert."
            )
        )
        saved_hint.setStyleSheet("color: #555;")
        report = QPushButton(self.tr("Bericht als &PDF…"))
        report.setAccessibleName(self.tr("Ratsbericht als PDF speichern"))
        report.clicked.connect(self.report_requested.emit)
        last_row = QWidget()
        last_layout = QHBoxLayout(last_row)
        last_layout.setContentsMargins(0, 0, 0, 0)
        last_layout.addWidget(self.has_last)
        last_layout.addWidget(self.last_report)
        last_layout.addStretch(1)
        costs = QGroupBox(self.tr("Kosten"))
        cost_form = QFormLayout(costs)
        cost_form.addRow(self.tr("Einführung (einmalig):"), self.implementation)
        cost_form.addRow(self.tr("Betrieb (je Jahr):"), self.operation)
        cost_form.addRow(self.tr("Koordination:"), self.fte)
        cost_form.addRow(self.tr("Kosten je Vollzeitstelle:"), self.fte_cost)
        cost_form.addRow(self.tr("Risikopuffer:"), self.buffer)
        cost_form.addRow(self.total)
        form = QFormLayout()
        form.addRow(self.tr("&Ausgangslage:"), self.situation)
        form.addRow(self.tr("&Ziel:"), self.goal)
        form.addRow(self.tr("Nutzen:"), self.benefits)
        form.addRow(costs)
        form.addRow(self.tr("Risiken:"), self.risks)
        form.addRow(self.tr("Abhängigkeiten\n(Land, Bund):"), self.dependencies)
        form.addRow(self.tr("Fortschritt seit:"), last_row)
        buttons = QHBoxLayout()
        buttons.addWidget(saved_hint)
        buttons.addStretch(1)
        buttons.addWidget(report)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        note = QLabel(
            self.tr(
                "Alle übrigen Zahlen im Bericht – Leistungen nach Reifegrad und Entscheidung, Stand der "
                "Datenlieferung, Meilensteine, Zeitplan – stammen aus den Daten dieses Projekts."
            )
        )
        note.setWordWrap(True)
        inner_layout.addWidget(note)
        inner_layout.addLayout(form)
        inner_layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def reload(self) -> None:
        self.autosave.flush()
        self.show_inputs(communication.council_inputs(self.project))

    def show_inputs(self, inputs: CouncilInputs) -> None:
        with self.autosave.loading():
            self._fill(inputs)
        self._saved = self.inputs()

    def _fill(self, inputs: CouncilInputs) -> None:
        self.situation.setPlainText(inputs.situation)
        self.goal.setPlainText(inputs.goal)
        self.benefits.set_rows(inputs.benefits)
        self.risks.set_rows(inputs.risks)
        self.implementation.setValue(inputs.implementation_cost)
        self.operation.setValue(inputs.operation_cost)
        self.fte.setValue(inputs.coordination_fte)
        self.fte_cost.setValue(inputs.cost_per_fte)
        self.buffer.setValue(inputs.risk_buffer_percent)
        self.dependencies.setPlainText(inputs.dependencies)
        self.has_last.setChecked(inputs.last_report is not None)
        self.last_report.setEnabled(inputs.last_report is not None)
        self.last_report.setDate(_qdate(inputs.last_report or date.today() - timedelta(days=182)))
        self._update_total()

    def inputs(self) -> CouncilInputs:
        return CouncilInputs(
            situation=self.situation.toPlainText(),
            goal=self.goal.toPlainText(),
            benefits=self.benefits.rows(),  # type: ignore[arg-type]  # the row editor yields two-column rows, the report wants pairs
            implementation_cost=self.implementation.value(),
            operation_cost=self.operation.value(),
            coordination_fte=self.fte.value(),
            cost_per_fte=self.fte_cost.value(),
            risk_buffer_percent=self.buffer.value(),
            risks=self.risks.rows(),  # type: ignore[arg-type]  # the row editor yields two-column rows, the report wants pairs
            dependencies=self.dependencies.toPlainText(),
            last_report=_pydate(self.last_report.date()) if self.has_last.isChecked() else None,
        )

    def _update_total(self) -> None:
        inputs = self.inputs()
        self.total.setText(
            self.tr("Personal: %1 € je Jahr · Risikopuffer: %2 € · Summe im ersten Jahr: %3 €")
            .replace("%1", number(inputs.personnel_cost, 0))
            .replace("%2", number(inputs.risk_buffer, 0))
            .replace("%3", number(inputs.total_first_year, 0))
        )

    def save(self) -> bool:
        """Store the inputs (they save by themselves as the user goes); one undo step."""
        before, value = self._saved, self.inputs()
        if value == before:
            return True
        try:
            communication.save_council_inputs(self.project, value)
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return False
        self._saved = value

        def apply(target: CouncilInputs | None) -> Callable[[], None]:
            def run() -> None:
                if target is not None:
                    communication.save_council_inputs(self.project, target)
                    self.show_inputs(target)
                    self.changed.emit()

            return run

        push_done(
            self.undo_stack,
            self.tr("Angaben für den Ratsbericht geändert"),
            apply(value),
            apply(before),
        )
        self.changed.emit()
        return True
