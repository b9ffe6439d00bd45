"""Step 2 Zuordnung: the page (guidance until the step's tools arrive)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ozgdesk.store.project import Project
from ozgdesk.ui.pages import steps_text
from ozgdesk.ui.pages.base import GuidancePage
from ozgdesk.workflow.steps import Step


class AssignmentPage(GuidancePage):
    def __init__(self, step: Step, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(
            step, steps_text.intro(step.key), steps_text.tasks(step.key), project, parent
        )
