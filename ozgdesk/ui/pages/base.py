"""The frame every step page shares: title, status, a few plain sentences, content."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ozgdesk.store.project import Project
from ozgdesk.workflow.steps import Step, StepState, StepStatus

STATUS_COLOURS = {
    StepStatus.NOT_STARTED: ("#e8e8e8", "#404040"),
    StepStatus.IN_PROGRESS: ("#fdebc8", "#6a4700"),
    StepStatus.DONE: ("#d5f0d5", "#1d5e1d"),
}


def status_text(status: StepStatus) -> str:
    texts = {
        StepStatus.NOT_STARTED: "nicht begonnen",
        StepStatus.IN_PROGRESS: "in Arbeit",
        StepStatus.DONE: "erledigt",
    }
    return QCoreApplication.translate("StepStatus", texts[status])


class StatusChip(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusChip")
        self.set_status(StepStatus.NOT_STARTED)

    def set_status(self, status: StepStatus) -> None:
        background, foreground = STATUS_COLOURS[status]
        self.setText(self.tr("Status: %1").replace("%1", status_text(status)))
        self.setStyleSheet(
            f"QLabel#statusChip {{ background: {background}; color: {foreground}; "
            "border-radius: 9px; padding: 2px 10px; }"
        )
        self.setAccessibleName(self.text())


class StepPage(QWidget):
    """Base class of the step pages; subclasses fill ``self.content``."""

    status_changed = Signal()

    def __init__(
        self, step: Step, intro: str, project: Project, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.project = project
        self.undo_stack: QUndoStack | None = None
        self.setObjectName(f"page_{step.key}")

        title = QLabel(
            self.tr("Schritt %1: %2").replace("%1", str(step.number)).replace("%2", step.title)
        )
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.title_label = title

        self.status_chip = StatusChip()
        self.status_chip.hide()  # until the step's status is known (apply_state)
        self.help_button = QPushButton(self.tr("Hilfe (F1)"))
        self.help_button.setObjectName("stepHelp")
        self.help_button.setAccessibleName(self.tr("Hilfe zu diesem Schritt"))
        self.help_button.clicked.connect(self.show_help)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignVCenter)

        self.intro_label = QLabel(intro)
        self.intro_label.setObjectName("pageIntro")
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.content = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.intro_label)
        layout.addWidget(line)
        layout.addLayout(self.content, 1)

    def apply_state(self, state: StepState) -> None:
        self.status_chip.set_status(state.status)
        self.status_chip.show()

    def activate(self) -> None:
        """Called when the page becomes visible; load data lazily here."""

    def show_help(self) -> None:
        from ozgdesk.ui.dialogs.help_dialog import HelpDialog

        HelpDialog.for_step(self.step.key, self).exec()

    def run_export(self, action: Callable[[], object], target: str, note: str = "") -> None:
        """Write an export with a progress bar, then say what was written (or, in German, why
        not): the one way every step page saves its documents."""
        from ozgdesk.errortext import describe
        from ozgdesk.store.errors import ProjectError
        from ozgdesk.ui import messages
        from ozgdesk.ui.tasks import run_with_progress, written_report

        try:
            result = run_with_progress(self, self.tr("Wird gespeichert …"), action)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        except OSError as error:
            messages.info(self, self.tr("Speichern fehlgeschlagen"), describe(error))
            return
        text = written_report(result, target)
        messages.info(self, self.tr("Gespeichert"), f"{text}\n\n{note}" if note else text)

    def set_undo_stack(self, stack: QUndoStack) -> None:
        self.undo_stack = stack

    # -- editing model: leaving the page -------------------------------------------------

    def leave(self) -> bool:
        """Called before the window shows another page, opens another project or closes:
        pending edits are saved; a form that must be completed first asks. Returns False if
        the user wants to stay here."""
        from ozgdesk.ui.autosave import leave_all

        return leave_all(self)

    # -- printing (Strg+P) ---------------------------------------------------------------

    def main_document(self) -> tuple[str, Callable[[Path], Path | Sequence[Path]]] | None:
        """The step's main document for Strg+P: its title and a function that writes it
        (one PDF or several) into a folder; None if there is nothing to print yet."""
        return None

    def print_main(self) -> bool:
        """Strg+P: the step's main document in the print preview."""
        from ozgdesk.ui import messages
        from ozgdesk.ui.print_preview import print_output

        self.leave()  # what was just typed is part of the printout
        document = self.main_document()
        if document is None:
            messages.info(
                self,
                self.tr("Nichts zu drucken"),
                self.tr("In diesem Schritt gibt es noch nichts zu drucken."),
            )
            return False
        title, write = document
        return print_output(self, title, write)


class GuidancePage(StepPage):
    """A step whose tools are still to come: shows what the step involves."""

    def __init__(
        self,
        step: Step,
        intro: str,
        tasks: list[str],
        project: Project,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(step, intro, project, parent)
        heading = QLabel(self.tr("Was in diesem Schritt zu tun ist"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        items = "".join(f"<li style='margin-bottom:4px'>{t}</li>" for t in tasks)
        body = QLabel(f"<ul>{items}</ul>")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setObjectName("guidance")
        note = QLabel(
            self.tr(
                "Die Werkzeuge für diesen Schritt (Listen, Formulare, Ausdrucke) kommen mit "
                "einer der nächsten Versionen von ozgdesk in dieses Projekt."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.content.addWidget(heading)
        self.content.addWidget(body)
        self.content.addWidget(note)
        self.content.addStretch(1)
