"""Step 2 Zuordnung: offices, OZG contacts per office, rough assignment of services."""

from __future__ import annotations

from ozgdesk.store.project import Project
from ozgdesk.workflow.steps import StepState, StepStatus


def status(project: Project) -> StepState:
    """Nothing of this step is recorded in the project yet."""
    return StepState(StepStatus.NOT_STARTED)
