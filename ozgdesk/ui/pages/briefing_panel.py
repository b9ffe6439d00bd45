"""Step 2, tab "Haus einbinden": who has been briefed, and the technical prerequisite."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
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
        self._items: list[Briefing] = []

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
        save = QPushButton(self.tr("Eintrag &speichern"))
        save.setAccessibleName(self.tr("Eintrag speichern"))
        save.clicked.connect(self.save_selected)
        self.audience = QLineEdit()
        self.audience.setAccessibleName(self.tr("Weitere Stelle"))
        self.audience.setPlaceholderText(
            self.tr("weitere Stelle, z. B. Gleichstellungsbeauftragte")
        )
        add = QPushButton(self.tr("&Hinzufügen"))
        add.setAccessibleName(self.tr("Stelle hinzufügen"))
        add.clicked.connect(self.add_audience)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.done)
        edit_row.addWidget(self.when)
        edit_row.addWidget(self.person, 2)
        edit_row.addWidget(self.note, 2)
        edit_row.addWidget(save)
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
        save_tech = QPushButton(self.tr("Stand s&peichern"))
        save_tech.setAccessibleName(self.tr("Stand der Schnittstelle speichern"))
        save_tech.clicked.connect(self.save_tech)
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
        form.addRow("", save_tech)

        layout = QVBoxLayout(self)
        layout.addWidget(checklist, 3)
        layout.addWidget(prerequisite, 2)

    def reload(self) -> None:
        self._items = briefings.briefings(self.project)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            when = item.done_on.strftime("%d.%m.%Y") if item.done_on else self.tr("noch offen")
            for column, value in enumerate((item.audience, when, item.person, item.note)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(2, max(self.table.columnWidth(2), 280))
        value = tech.get(self.project)
        self.status.setCurrentIndex(max(0, self.status.findData(value.status)))
        self.cms.setText(value.cms_product)
        self.asked_person.setText(value.asked_person)
        self.asked.setChecked(value.asked_on is not None)
        self.asked_on.setEnabled(value.asked_on is not None)
        self.asked_on.setDate(_qdate(value.asked_on))
        self.tech_notes.setPlainText(value.notes)
        self.tech_hint.setText(value.explain())
        self.tech_hint.setStyleSheet(
            "color: #1d5e1d;" if not value.blocks_delivery else "color: #a15c00;"
        )
        self._selected()

    def selected(self) -> Briefing | None:
        rows = self.table.selectionModel().selectedRows()
        return self._items[rows[0].row()] if rows else None

    def _selected(self) -> None:
        item = self.selected()
        self.done.setChecked(bool(item and item.done))
        self.when.setEnabled(bool(item and item.done))
        self.when.setDate(_qdate(item.done_on if item else None))
        self.person.setText(item.person if item else "")
        self.note.setText(item.note if item else "")

    def save_selected(self) -> None:
        item = self.selected()
        if item is None:
            messages.info(
                self, self.tr("Informiert"), self.tr("Wählen Sie zuerst eine Zeile der Liste.")
            )
            return
        updated = Briefing(
            item.id,
            item.audience,
            _pydate(self.when.date()) if self.done.isChecked() else None,
            self.person.text(),
            self.note.text(),
            item.position,
        )
        self._save(updated)

    def add_audience(self) -> None:
        if self.audience.text().strip() and self._save(Briefing(None, self.audience.text())):
            self.audience.clear()

    def _save(self, item: Briefing) -> bool:
        try:
            briefings.save(self.project, item)
        except ValueError as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return False
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False
        self.reload()
        self.changed.emit()
        return True

    def save_tech(self) -> None:
        value = tech.Prerequisite(
            self.status.currentData(),
            self.cms.text(),
            self.asked_person.text(),
            _pydate(self.asked_on.date()) if self.asked.isChecked() else None,
            self.tech_notes.toPlainText(),
        )
        try:
            tech.save(self.project, value)
        except ValueError as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        self.reload()
        self.changed.emit()
