"""The five steps and their status, derived from the project data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ozgdesk.store.project import Project


class StepStatus(Enum):
    NOT_STARTED = "nicht begonnen"
    IN_PROGRESS = "in Arbeit"
    DONE = "erledigt"


@dataclass(frozen=True)
class StepState:
    status: StepStatus
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str


STEPS: tuple[Step, ...] = (
    Step(1, "overview", "Übersicht"),
    Step(2, "assignment", "Zuordnung"),
    Step(3, "workshop", "Workshop"),
    Step(4, "delivery", "Datenlieferung"),
    Step(5, "roadmap", "Roadmap"),
)


def step_state(project: Project, key: str) -> StepState:
    """The status of one step (each step's workflow module, named like the step's key,
    has a ``status(project)``); reused until the project changes."""
    import importlib

    if key not in {s.key for s in STEPS}:
        raise KeyError(key)
    return project.memo(
        f"status:{key}",
        lambda: importlib.import_module(f"ozgdesk.workflow.{key}").status(project),
    )


def step_states(project: Project) -> dict[str, StepState]:
    return {step.key: step_state(project, step.key) for step in STEPS}
