"""Step 3 Workshop: plan the kick-off (and further workshops), invite, print, minutes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import paths
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.pages import steps_text
from ozgdesk.ui.pages.base import StepPage
from ozgdesk.ui.pages.workshop_invitation import InvitationPanel
from ozgdesk.ui.pages.workshop_lists import AgendaPanel, MinutesPanel
from ozgdesk.ui.pages.workshop_participants import ParticipantsPanel
from ozgdesk.ui.pages.workshop_plan import WorkshopPlanPanel
from ozgdesk.ui.undo import push_done
from ozgdesk.workflow import workshop
from ozgdesk.workflow.steps import Step
from ozgdesk.workflow.workshop import Workshop, WorkshopDetail


class PrintPanel(QWidget):
    """Agenda, handouts per office and sign-in sheet: preview and print, or save as PDF."""

    def __init__(self, page: WorkshopPage) -> None:
        super().__init__()
        self.page = page
        text = QLabel(
            self.tr(
                "<b>Zum Drucken für den Workshop:</b><ul>"
                "<li>die Tagesordnung,</li>"
                "<li>die Teilnehmerliste mit Unterschriftenspalte,</li>"
                "<li>je Amt ein Handzettel: seine relevanten Leistungen nach Lebenslage mit Schlüssel, "
                "seine Ansprechpersonen und was es in Schritt 4 bis wann liefern muss.</li></ul>"
                "Nach dem Workshop: das Protokoll mit Beschlüssen und Aufgaben."
            )
        )
        text.setWordWrap(True)
        buttons = QHBoxLayout()
        for label, slot in (
            (self.tr("Alles &drucken…"), self.print_all),
            (self.tr("Handzettel als &PDF speichern…"), self.save_handouts),
            (self.tr("P&rotokoll als PDF speichern…"), self.save_minutes),
        ):
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def print_all(self) -> None:
        """Agenda, sign-in sheet and handouts in the print preview (also Strg+P)."""
        self.page.print_main()

    def save_handouts(self) -> None:
        from ozgdesk.workflow import workshop_outputs

        detail = self.page.detail
        workshop_id = detail.workshop.id if detail is not None else None
        if workshop_id is None:
            return
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Ordner für die Handzettel"), str(paths.documents_dir())
        )
        if chosen:
            self.page.run_export(
                lambda: workshop_outputs.export_handouts(
                    self.page.project, workshop_id, Path(chosen)
                ),
                chosen,
            )

    def save_minutes(self) -> None:
        from ozgdesk.workflow import workshop_outputs

        detail = self.page.detail
        workshop_id = detail.workshop.id if detail is not None else None
        if workshop_id is None:
            return
        chosen, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Protokoll speichern"),
            str(paths.documents_dir() / "Protokoll-OZG-Workshop.pdf"),
            "PDF (*.pdf)",
        )
        if chosen:
            target = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
            self.page.run_export(
                lambda: workshop_outputs.export_minutes_pdf(self.page.project, workshop_id, target),
                str(target),
            )


class WorkshopPage(StepPage):
    def __init__(self, step: Step, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(step, steps_text.intro(step.key), project, parent)
        self.detail: WorkshopDetail | None = None
        self.list = QListWidget()
        self.list.setObjectName("workshopList")
        self.list.setAccessibleName(self.tr("Workshops"))
        self.list.currentRowChanged.connect(self._workshop_chosen)
        new = QPushButton(self.tr("&Neuer Workshop"))
        new.setAccessibleName(self.tr("Neuer Workshop"))
        menu = QMenu(new)
        for kind, label in (
            ("Auftakt", self.tr("Auftakt-Workshop")),
            ("Folgetermin", self.tr("Folgetermin")),
            ("Kreisweit", self.tr("Kreisweiter Workshop mit Nachbarkommunen")),
        ):
            menu.addAction(label, partial(self.new_workshop, kind))
        new.setMenu(menu)
        delete = QPushButton(self.tr("Löschen…"))
        delete.setAccessibleName(self.tr("Workshop löschen"))
        delete.clicked.connect(self.delete_workshop)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Workshops</b>")))
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(delete)
        left_layout.addLayout(buttons)

        self.plan = WorkshopPlanPanel()
        self.plan.saver = self.save_plan
        self.participants = ParticipantsPanel(project)
        self.agenda = AgendaPanel(project)
        self.invitation = InvitationPanel(self)
        self.printing = PrintPanel(self)
        self.minutes = MinutesPanel(project)
        for panel in (self.participants, self.agenda, self.minutes):
            panel.changed.connect(self.reload_current)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workshopTabs")
        for widget, label in (
            (self.plan, self.tr("&Planung")),
            (self.participants, self.tr("&Teilnehmende")),
            (self.agenda, self.tr("Tages&ordnung")),
            (self.invitation, self.tr("&Einladung")),
            (self.printing, self.tr("&Ausdrucke")),
            (self.minutes, self.tr("Protokoll und A&ufgaben")),
        ):
            self.tabs.addTab(widget, label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setSizes([260, 1000])
        splitter.setChildrenCollapsible(False)
        self.empty_hint = QLabel(
            self.tr(
                "Noch kein Workshop geplant. Legen Sie mit „Neuer Workshop“ den Auftakt-Workshop an – mit der empfohlenen Tagesordnung."
            )
        )
        self.empty_hint.setWordWrap(True)
        self.content.addWidget(self.empty_hint)
        self.content.addWidget(splitter, 1)

    def set_undo_stack(self, stack: QUndoStack) -> None:
        super().set_undo_stack(stack)
        for panel in (self.participants, self.agenda, self.minutes):
            panel.undo_stack = stack

    # -- loading ---------------------------------------------------------------------------

    def activate(self) -> None:
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        current = (
            select_id
            if select_id is not None
            else (self.detail.workshop.id if self.detail else None)
        )
        items = workshop.workshops(self.project)
        self.list.blockSignals(True)
        self.list.clear()
        for w in items:
            item = QListWidgetItem(f"{w.starts_at:%d.%m.%Y}  {w.title}")
            item.setData(Qt.ItemDataRole.UserRole, w.id)
            item.setToolTip(f"{workshop.german_when(w)}\n{w.format} {w.location}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty_hint.setVisible(not items)
        row = next((i for i, w in enumerate(items) if w.id == current), 0 if items else -1)
        self.list.setCurrentRow(row)
        self._workshop_chosen(row)

    def _workshop_chosen(self, row: int) -> None:
        previous = self.detail.workshop.id if self.detail else None
        item = self.list.item(row) if row >= 0 else None
        if (
            self.plan.autosave.pending
            and (item is None or item.data(Qt.ItemDataRole.UserRole) != previous)
            and not self.plan.autosave.leave()
        ):
            back = next(
                (
                    i
                    for i in range(self.list.count())
                    if self.list.item(i).data(Qt.ItemDataRole.UserRole) == previous
                ),
                -1,
            )
            self.list.blockSignals(True)
            self.list.setCurrentRow(back)
            self.list.blockSignals(False)
            return
        self.detail = (
            workshop.detail(self.project, item.data(Qt.ItemDataRole.UserRole)) if item else None
        )
        self._show()

    def _show(self) -> None:
        self.plan.set_workshop(self.detail.workshop if self.detail else None)
        for panel in (self.participants, self.agenda, self.minutes):
            panel.show_detail(self.detail)
        self.invitation.show_detail(self.detail)
        self.printing.setEnabled(self.detail is not None)

    def reload_current(self) -> None:
        if self.detail is not None and self.detail.workshop.id is not None:
            self.detail = workshop.detail(self.project, self.detail.workshop.id)
            self._show()
        self.status_changed.emit()

    def main_document(self) -> tuple[str, Callable[[Path], Path]] | None:
        from ozgdesk.workflow import workshop_outputs

        if self.detail is None or self.detail.workshop.id is None:
            return None
        workshop_id = self.detail.workshop.id
        return (
            self.tr("Workshop-Unterlagen"),
            lambda folder: workshop_outputs.export_print_pdf(
                self.project, workshop_id, folder / "Workshop-Unterlagen.pdf"
            ),
        )

    # -- actions ---------------------------------------------------------------------------

    def new_workshop(self, kind: str = "Auftakt") -> int | None:
        proposal = workshop.proposal(kind)
        try:
            workshop_id = workshop.save_workshop(self.project, proposal)
        except (ValueError, ProjectError) as error:
            messages.info(self, self.tr("Nicht möglich"), str(error))
            return None
        self.reload(workshop_id)
        self.tabs.setCurrentWidget(self.plan)
        self.status_changed.emit()
        return workshop_id

    def save_plan(self, value: Workshop) -> bool:
        """The plan form saves as the user goes: each save one undo step."""
        before = self.detail.workshop if self.detail else None
        try:
            workshop.save_workshop(self.project, value)
        except ValueError as error:
            messages.info(self, self.tr("Nicht gespeichert"), str(error))
            return False
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False

        def apply(target: Workshop | None) -> Callable[[], None]:
            def run() -> None:
                if target is None:
                    return
                current = workshop.detail(self.project, target.id) if target.id else None
                # keep the calendar sequence rising, so that the new .ics replaces the old
                fresh = replace(target, sequence=current.workshop.sequence) if current else target
                workshop.save_workshop(self.project, fresh)
                self.reload(target.id)
                self.tabs.setCurrentWidget(self.plan)
                self.status_changed.emit()

            return run

        push_done(
            self.undo_stack,
            self.tr("Planung „%1“ geändert").replace("%1", value.title),
            apply(value),
            apply(before),
        )
        self.reload(value.id)
        self.status_changed.emit()
        return True

    def delete_workshop(self) -> None:
        if self.detail is None or self.detail.workshop.id is None:
            return
        title = self.detail.workshop.title
        if messages.confirm(
            self,
            self.tr("Workshop löschen?"),
            self.tr(
                "„%1“ mit Teilnehmenden, Tagesordnung, Protokoll und Aufgaben löschen?"
            ).replace("%1", title),
        ):
            workshop.delete_workshop(self.project, self.detail.workshop.id)
            self.detail = None
            self.reload()
            self.status_changed.emit()
