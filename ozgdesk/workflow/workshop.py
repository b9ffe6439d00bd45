"""Step 3 Workshop: the kick-off with all contacts, invitations, handouts, minutes."""

from __future__ import annotations

from ozgdesk.store.project import Project
from ozgdesk.workflow.steps import StepState, StepStatus


def status(project: Project) -> StepState:
    """Nothing of this step is recorded in the project yet."""
    return StepState(StepStatus.NOT_STARTED)
