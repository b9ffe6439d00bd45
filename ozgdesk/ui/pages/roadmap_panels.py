"""Step 5 tabs: plan per service, capacity per office and quarter, milestones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import wording
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.dialogs.form_dialog import FormDialog
from ozgdesk.ui.models.plan_table import COL_NAME, ID_ROLE, PlanTableModel
from ozgdesk.ui.undo import push_done
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.ui.widgets.loading import LoadingCover
from ozgdesk.ui.widgets.row_table import searchable_table
from ozgdesk.wording import number, plural
from ozgdesk.workflow import offices, roadmap
from ozgdesk.workflow.roadmap import MATURITY, Plan, PlanRow, PrerequisiteItem


def _combo(
    values: Sequence[tuple[str, object]], current: object, inherited: object = None
) -> QComboBox:
    combo = QComboBox()
    label = "(nicht festgelegt)" if inherited in (None, "") else f"(wie OZG-Leistung: {inherited})"
    combo.addItem(label, None)
    for text, value in values:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    return combo


class PlanDialog(FormDialog):
    """All plan fields of one service; empty fields keep the OZG service's default."""

    def __init__(self, parent: QWidget | None, row: PlanRow) -> None:
        own, plan = row.own, row.plan
        inherited = {
            f: getattr(plan, f) if f in row.inherited else None for f in roadmap.PLAN_FIELDS
        }
        self.row = row
        self.decision = _combo(
            [(d, d) for d in roadmap.DECISIONS], own.decision, inherited["decision"]
        )
        self.reason = QLineEdit(own.decision_reason or "")
        self.quarter = QLineEdit(roadmap.quarter_label(own.planned_quarter or ""))
        self.quarter.setPlaceholderText(
            roadmap.quarter_label(inherited["planned_quarter"] or "")
            or f"z. B. {wording.QUARTER_EXAMPLE}"
        )
        self.available = _combo(
            [("ja", True), ("nein", False)], own.online_available, inherited["online_available"]
        )
        self.efa_kind = _combo(
            [(k, k) for k in roadmap.EFA_KINDS], own.efa_kind, inherited["efa_kind"]
        )
        self.efa_state = _combo(
            [(s, s) for s in roadmap.EFA_STATES], own.efa_state, inherited["efa_state"]
        )
        self.online_name = QLineEdit(own.online_name or "")
        self.online_name.setPlaceholderText(inherited["online_name"] or "")
        self.provider = QLineEdit(own.provider or "")
        self.provider.setPlaceholderText(inherited["provider"] or "")
        self.has_date = QCheckBox("bekannt")
        self.available_on = QDateEdit()
        self.available_on.setCalendarPopup(True)
        self.available_on.setDisplayFormat("dd.MM.yyyy")
        when = own.available_on or date.today() + timedelta(days=180)
        self.available_on.setDate(QDate(when.year, when.month, when.day))
        self.has_date.setChecked(own.available_on is not None)
        self.available_on.setEnabled(own.available_on is not None)
        self.has_date.toggled.connect(self.available_on.setEnabled)
        levels = [(text, level) for level, text in MATURITY.items()]
        self.current_level = _combo(levels, own.current_level, inherited["current_level"])
        self.target_level = _combo(levels, own.target_level, inherited["target_level"])
        self.effort = QDoubleSpinBox()
        self.effort.setRange(-1, 999)
        self.effort.setSpecialValueText("(nicht festgelegt)")
        self.effort.setSuffix(" Personentage")
        self.effort.setValue(own.effort_days if own.effort_days is not None else -1)
        self.training = QLineEdit(own.training or "")
        self.marketing = QLineEdit(own.marketing or "")
        self.notes = QLineEdit(own.notes or "")
        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.has_date)
        date_layout.addWidget(self.available_on)
        prereqs = (
            "; ".join(f"{p.kind}: {p.name or '–'} ({p.status})" for p in row.prerequisites)
            or "keine erfasst"
        )
        rows = [
            ("&Entscheidung:", self.decision),
            ("&Begründung:", self.reason),
            ("&Anbindung im Quartal:", self.quarter),
            ("Online-Dienst &verfügbar:", self.available),
            ("&Art:", self.efa_kind),
            ("EfA-&Stand:", self.efa_state),
            ("&Name des Dienstes:", self.online_name),
            ("A&nbieter:", self.provider),
            ("Verfügbar &ab:", date_row),
            ("Reifegrad &heute:", self.current_level),
            ("Reifegrad &Ziel:", self.target_level),
            ("Au&fwand:", self.effort),
            ("Sc&hulung:", self.training),
            ("&Marketing:", self.marketing),
            ("N&otizen:", self.notes),
            ("Voraussetzungen:", QLabel(prereqs)),
        ]
        super().__init__(
            parent,
            f"Roadmap – {row.name}",
            rows,
            self._problems,
            intro="Leere Angaben übernehmen die Vorgabe der OZG-Leistung (in Klammern).",
        )
        for edit in (self.quarter, self.reason):
            edit.textChanged.connect(self.revalidate)
        for combo in (self.current_level, self.target_level, self.decision):
            combo.currentIndexChanged.connect(self.revalidate)
        self.revalidate()

    def plan(self) -> Plan:
        d = self.available_on.date()
        return Plan(
            online_available=self.available.currentData(),
            efa_kind=self.efa_kind.currentData(),
            efa_state=self.efa_state.currentData(),
            online_name=self.online_name.text().strip() or None,
            provider=self.provider.text().strip() or None,
            available_on=date(d.year(), d.month(), d.day()) if self.has_date.isChecked() else None,
            decision=self.decision.currentData(),
            decision_reason=self.reason.text().strip() or None,
            planned_quarter=self.quarter.text().strip() or None,
            current_level=self.current_level.currentData(),
            target_level=self.target_level.currentData(),
            effort_days=self.effort.value() if self.effort.value() >= 0 else None,
            training=self.training.text().strip() or None,
            marketing=self.marketing.text().strip() or None,
            notes=self.notes.text().strip() or None,
        )

    def _problems(self) -> list[str]:
        return roadmap.check_plan(self.plan().merged_over(Plan()))


class PlanPanel(QWidget):
    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack: QUndoStack | None = None
        self.model = PlanTableModel(self)
        self.proxy, self.search, self.table = searchable_table(
            self,
            self.model,
            object_name="planTable",
            table_name=self.tr("Plan je Leistung"),
            search_name=self.tr("Plan durchsuchen"),
            sort_column=COL_NAME,
        )
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(COL_NAME, 320)
        make_editable(self.table, self.edit_selected)
        self.loading_cover = LoadingCover(self.table, self.tr("Der Plan wird gelesen …"))
        self.decision = QComboBox()
        self.decision.setAccessibleName(self.tr("Entscheidung für Auswahl"))
        self.decision.addItems(list(roadmap.DECISIONS))
        self.quarter = QLineEdit()
        self.quarter.setAccessibleName(self.tr("Quartal für Auswahl"))
        self.quarter.setPlaceholderText(
            self.tr("Quartal, z. B. %1").replace("%1", wording.QUARTER_EXAMPLE)
        )
        self.quarter.setMaximumWidth(180)
        apply_button = QPushButton(self.tr("Für Auswahl &festlegen"))
        apply_button.setAccessibleName(self.tr("Entscheidung für Auswahl festlegen"))
        apply_button.clicked.connect(self.decide_selected)
        edit = QPushButton(self.tr("&Bearbeiten…"))
        edit.setAccessibleName(self.tr("Plan der Leistung bearbeiten"))
        edit.clicked.connect(self.edit_selected)
        prereq = QPushButton(self.tr("&Voraussetzung…"))
        prereq.setAccessibleName(self.tr("Voraussetzung hinzufügen"))
        prereq.clicked.connect(self.add_prerequisite)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(edit)
        bar.addWidget(prereq)
        bar.addWidget(QLabel(self.tr("Auswahl:")))
        bar.addWidget(self.decision)
        bar.addWidget(self.quarter)
        bar.addWidget(apply_button)
        self.warnings = QLabel()
        self.warnings.setObjectName("capacityWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a15c00;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)

    def run_dialog(self, dialog: QDialog) -> bool:
        return bool(dialog.exec())

    def reload(self) -> None:
        """Read the plan again (on a worker thread when that takes a while)."""
        self.loading_cover.fetch(
            self.project, "plan_rows", lambda: roadmap.plan_rows(self.project), self._fill
        )

    def _fill(self, rows: list[PlanRow]) -> None:
        self.model.set_rows(rows)
        decided = sum(r.decided for r in rows)
        self.summary.setText(
            self.tr(
                "%1 von %2 relevanten Leistungen sind entschieden und eingeplant (früh, später oder Status quo)."
            )
            .replace("%1", str(decided))
            .replace("%2", str(len(rows)))
        )
        warnings = roadmap.capacity_warnings(self.project, rows)
        shown = warnings[:3] + (
            [
                self.tr("… und %1 weitere (siehe Reiter „Kapazität“)").replace(
                    "%1", str(len(warnings) - 3)
                )
            ]
            if len(warnings) > 3
            else []
        )
        self.warnings.setText("\n".join(shown))
        self.warnings.setToolTip("\n".join(warnings))

    def selected_ids(self) -> list[int]:
        return [i.data(ID_ROLE) for i in self.table.selectionModel().selectedRows()]

    def _record(self, text: str, previous: dict[int, Plan]) -> None:
        new = roadmap.own_plans(self.project, previous)

        def apply(plans: dict[int, Plan]) -> Callable[[], None]:
            def run() -> None:
                roadmap.save_plans(self.project, plans)
                self.reload()
                self.changed.emit()

            return run

        push_done(self.undo_stack, text, apply(new), apply(previous))
        self.reload()
        self.changed.emit()

    def decide_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            messages.info(
                self, self.tr("Festlegen"), self.tr("Wählen Sie zuerst Leistungen in der Tabelle.")
            )
            return
        changes: dict[str, object] = {"decision": self.decision.currentText()}
        if self.quarter.text().strip():
            changes["planned_quarter"] = self.quarter.text().strip()
        try:
            previous = roadmap.update_plans(self.project, ids, **changes)
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return
        self._record(
            self.tr("Roadmap für %1").replace("%1", plural(len(ids), "Leistung", "Leistungen")),
            previous,
        )

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        (row,) = roadmap.plan_rows(self.project, ids=ids)
        dialog = PlanDialog(self, row)
        if not self.run_dialog(dialog):
            return
        try:
            previous = roadmap.save_plans(self.project, {row.service_id: dialog.plan()})
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return
        self._record(self.tr("Roadmap „%1“ geändert").replace("%1", row.name), previous)

    def add_prerequisite(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            messages.info(
                self, self.tr("Voraussetzung"), self.tr("Wählen Sie genau eine Leistung.")
            )
            return
        kind = QComboBox()
        kind.addItems(list(roadmap.PREREQUISITE_KINDS))
        name, vendor, owner = QLineEdit(), QLineEdit(), QLineEdit()
        interface = QComboBox()
        interface.addItems(["", "ja", "nein", "unklar"])
        status = QComboBox()
        status.addItems(list(roadmap.PREREQUISITE_STATES))
        dialog = FormDialog(
            self,
            self.tr("Voraussetzung"),
            [
                (self.tr("&Art:"), kind),
                (self.tr("&Name/Produkt:"), name),
                (self.tr("&Hersteller:"), vendor),
                (self.tr("&Schnittstelle vorhanden:"), interface),
                (self.tr("S&tand:"), status),
                (self.tr("&Zuständig:"), owner),
            ],
        )
        if self.run_dialog(dialog):
            item = PrerequisiteItem(
                None,
                ids[0],
                kind.currentText(),
                name.text(),
                vendor.text(),
                interface.currentText(),
                status.currentText(),
                owner.text(),
            )
            try:
                roadmap.save_prerequisite(self.project, item)
            except (ValueError, ProjectError) as error:
                messages.info(self, self.tr("Nicht gespeichert"), str(error))
                return
            self.reload()
            self.changed.emit()


class CapacityPanel(QWidget):
    """Person-days per office and quarter: planned effort against entered capacity."""

    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        intro = QLabel(
            self.tr(
                "Tragen Sie ein, wie viele Personentage jedes Amt je Quartal für die Anbindung von Online-Diensten "
                "hat. Farbe: grün = Planung passt, gelb = Aufwand geplant, aber keine Kapazität eingetragen, "
                "rot = mehr geplant als möglich. Der geplante Aufwand steht im Tooltip der Zelle."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setAccessibleName(self.tr("Kapazität je Amt und Quartal"))
        self.table.itemChanged.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        self._offices: list[tuple[int, str]] = []
        self._quarters: list[str] = []

    def reload(self) -> None:
        self.table.blockSignals(True)
        loads = {(load.office_id, load.quarter): load for load in roadmap.loads(self.project)}
        today = roadmap.quarter_of(date.today())
        last = max(
            [q for _o, q in loads] + [roadmap.shift_quarter(today, 7)], key=roadmap.parse_quarter
        )
        self._quarters = roadmap.quarters_between(today, last)
        self._offices = [(o.id, o.name) for o in offices.offices(self.project) if o.id is not None]
        self.table.setRowCount(len(self._offices))
        self.table.setColumnCount(len(self._quarters))
        self.table.setHorizontalHeaderLabels([roadmap.quarter_label(q) for q in self._quarters])
        self.table.setVerticalHeaderLabels([name for _i, name in self._offices])
        for r, (office_id, _name) in enumerate(self._offices):
            for c, quarter in enumerate(self._quarters):
                load = loads.get((office_id, quarter))
                planned = load.planned if load else 0.0
                capacity = load.capacity if load else None
                item = QTableWidgetItem("" if capacity is None else number(capacity))
                item.setToolTip(self.tr("geplant: %1 Personentage").replace("%1", number(planned)))
                if load is not None and load.over:
                    item.setBackground(Qt.GlobalColor.red)
                elif planned:
                    item.setBackground(
                        Qt.GlobalColor.yellow if capacity is None else Qt.GlobalColor.green
                    )
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)

    def _edited(self, item: QTableWidgetItem) -> None:
        text = item.text().strip().replace(",", ".")
        office_id = self._offices[item.row()][0]
        quarter = self._quarters[item.column()]
        try:
            roadmap.set_capacity(self.project, office_id, quarter, float(text) if text else 0.0)
        except ValueError:
            messages.info(
                self,
                self.tr("Kapazität"),
                self.tr("Bitte eine Zahl von Personentagen eingeben (z. B. 5 oder 2,5)."),
            )
        self.reload()
        self.changed.emit()


class MilestonesPanel(QWidget):
    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Meilensteine"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Fällig"), self.tr("Meilenstein"), self.tr("Erreicht")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        make_editable(self.table, self.edit_selected)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("&Neuer Meilenstein…"), self.add),
            (self.tr("&Bearbeiten…"), self.edit_selected),
            (self.tr("&Erreicht"), self.mark_done),
            (self.tr("&Löschen"), self.delete_selected),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._items: list[roadmap.MilestoneItem] = []

    def run_dialog(self, dialog: QDialog) -> bool:
        return bool(dialog.exec())

    def reload(self) -> None:
        self._items = roadmap.milestones(self.project)
        self.table.setRowCount(len(self._items))
        for r, item in enumerate(self._items):
            for c, value in enumerate(
                (item.due_on.strftime("%d.%m.%Y"), item.title, self.tr("ja") if item.done else "")
            ):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def selected(self) -> roadmap.MilestoneItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self._items[rows[0].row()] if rows else None

    def _edit(self, item: roadmap.MilestoneItem) -> None:
        title = QLineEdit(item.title)
        due = QDateEdit()
        due.setCalendarPopup(True)
        due.setDisplayFormat("dd.MM.yyyy")
        due.setDate(QDate(item.due_on.year, item.due_on.month, item.due_on.day))
        done = QCheckBox(self.tr("erreicht"))
        done.setChecked(item.done)
        dialog = FormDialog(
            self,
            self.tr("Meilenstein"),
            [(self.tr("&Titel:"), title), (self.tr("&Fällig:"), due), ("", done)],
        )
        if self.run_dialog(dialog):
            d = due.date()
            changed = replace(
                item,
                title=title.text(),
                due_on=date(d.year(), d.month(), d.day()),
                done=done.isChecked(),
            )
            self._save(changed)

    def _save(self, item: roadmap.MilestoneItem) -> None:
        try:
            roadmap.save_milestone(self.project, item)
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return
        self.reload()
        self.changed.emit()

    def add(self) -> None:
        self._edit(roadmap.MilestoneItem(None, "", date.today() + timedelta(days=90)))

    def edit_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self._edit(item)

    def mark_done(self) -> None:
        item = self.selected()
        if item is not None:
            self._save(replace(item, done=True))

    def delete_selected(self) -> None:
        item = self.selected()
        if (
            item is not None
            and item.id is not None
            and messages.confirm(
                self,
                self.tr("Löschen?"),
                self.tr("Meilenstein „%1“ löschen?").replace("%1", item.title),
            )
        ):
            roadmap.delete_milestone(self.project, item.id)
            self.reload()
            self.changed.emit()
