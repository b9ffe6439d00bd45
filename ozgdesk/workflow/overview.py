"""Step 1 Übersicht: the service catalogue and what matters for this municipality."""

from __future__ import annotations

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceDetail, ServiceRow
from ozgdesk.workflow.steps import StepState, StepStatus


def status(project: Project) -> StepState:
    """Not started without services; in progress while relevance is not decided for all.

    Relevance decisions arrive with the import issue; until then a loaded
    catalogue means the overview has begun.
    """
    with project.reading() as conn:
        counts = queries.service_counts(conn)
    state = StepStatus.IN_PROGRESS if counts.total else StepStatus.NOT_STARTED
    return StepState(state, {"services_total": counts.total, "services_with_key": counts.with_key})


def catalogue_rows(project: Project) -> list[ServiceRow]:
    with project.reading() as conn:
        return queries.catalogue_rows(conn)


def service_detail(project: Project, service_id: int) -> ServiceDetail | None:
    with project.reading() as conn:
        return queries.service_detail(conn, service_id)


def filter_options(project: Project) -> dict[str, list[str]]:
    """Values offered in the filter drop-downs."""
    with project.reading() as conn:
        return {
            "themenfeld": queries.names(conn, "themenfeld"),
            "lebenslage": queries.names(conn, "lebenslage"),
            "typ": [t for t in queries.distinct_typ(conn) if t],
        }
