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
    """The status of one step."""
    import importlib

    module = {
        "overview": "overview",
        "assignment": "assignment",
        "workshop": "workshop",
        "delivery": "delivery",
        "roadmap": "roadmap",
    }[key]
    return project.memo(
        f"status:{key}",
        lambda: importlib.import_module(f"ozgdesk.workflow.{module}").status(project),
    )


def step_states(project: Project) -> dict[str, StepState]:
    from ozgdesk.workflow import assignment, delivery, overview, roadmap, workshop

    modules = {
        "overview": overview,
        "assignment": assignment,
        "workshop": workshop,
        "delivery": delivery,
        "roadmap": roadmap,
    }
    return {
        key: project.memo(f"status:{key}", lambda m=module: m.status(project))  # type: ignore[misc]
        for key, module in modules.items()
    }
