"""Step 1 Übersicht: the service catalogue and what matters for this municipality."""

from __future__ import annotations

from dataclasses import dataclass

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceDetail, ServiceRow
from ozgdesk.textnorm import fold, fold_cached
from ozgdesk.workflow.steps import StepState, StepStatus


def status(project: Project) -> StepState:
    """Not started without services; done when every service is decided
    (relevant or not relevant; "prüfen" still counts as open)."""
    with project.reading() as conn:
        counts = queries.service_counts(conn)
        relevance = queries.relevance_counts(conn)
    open_ = relevance[""] + relevance["prüfen"]
    if counts.total == 0:
        state = StepStatus.NOT_STARTED
    elif open_ == 0:
        state = StepStatus.DONE
    else:
        state = StepStatus.IN_PROGRESS
    return StepState(
        state,
        {
            "services_total": counts.total,
            "services_with_key": counts.with_key,
            "relevant": relevance["relevant"],
            "not_relevant": relevance["nicht relevant"],
            "open": open_,
        },
    )


def summary(project: Project) -> queries.ProjectSummary:
    """Municipality, website and creation date (cheap: for titles and headings)."""
    with project.reading() as conn:
        return queries.project_summary(conn)


def catalogue_rows(project: Project, ids: list[int] | None = None) -> list[ServiceRow]:
    """All services, or those with ``ids``, with OZG grouping and decisions."""
    if ids is None:
        return project.memo("catalogue_rows", lambda: _catalogue_rows(project, None))
    return _catalogue_rows(project, ids)


@dataclass(frozen=True)
class CatalogueTable:
    """What the catalogue tables show: services and their names folded for sorting, in
    the same order. Shared: treat the lists as read-only."""

    rows: list[ServiceRow]
    names: list[str]


def catalogue_table(project: Project) -> CatalogueTable:
    """All services with their folded names; reused until the project changes."""
    return project.memo("catalogue_table", lambda: _table(catalogue_rows(project)))


def relevant_table(project: Project) -> CatalogueTable:
    """As ``catalogue_table``, for the relevant services only (steps 2–5 work on them)."""
    return project.memo("relevant_table", lambda: _table(relevant_rows(project)))


def _table(rows: list[ServiceRow]) -> CatalogueTable:
    return CatalogueTable(rows, [fold_cached(r.name) for r in rows])


def search_texts(project: Project, relevant_only: bool = False) -> dict[int, str]:
    """``search_text`` of every service (or every relevant one) by id; reused until the
    project changes. Tables get them after their rows (they take as long again)."""
    table = relevant_table(project) if relevant_only else catalogue_table(project)
    return project.memo(
        "relevant_search" if relevant_only else "catalogue_search",
        lambda: {r.id: search_text(r) for r in table.rows},
    )


def search_text(row: ServiceRow) -> str:
    """What a search in the catalogue tables looks through, folded (``fold``)."""
    return fold(
        f"{row.key} {row.key_raw} {row.name} {row.ozg} {row.lebenslage} {row.themenfeld} "
        f"{row.office} {row.remark}"
    )


def relevant_rows(project: Project) -> list[ServiceRow]:
    """The services decided relevant, in catalogue order (what steps 2–5 work on)."""
    return project.memo("relevant_rows", lambda: _relevant_rows(project))


def _relevant_rows(project: Project) -> list[ServiceRow]:
    with project.reading() as conn:
        return queries.relevant_rows(conn)


def _catalogue_rows(project: Project, ids: list[int] | None) -> list[ServiceRow]:
    with project.reading() as conn:
        return queries.catalogue_rows(conn, ids)


def service_detail(project: Project, service_id: int) -> ServiceDetail | None:
    with project.reading() as conn:
        return queries.service_detail(conn, service_id)


def list_members(project: Project) -> dict[str, frozenset[int]]:
    """The services of each imported list (by its label); reused until the project changes."""

    def read() -> dict[str, frozenset[int]]:
        with project.reading() as conn:
            return {k: frozenset(v) for k, v in queries.source_members(conn).items()}

    return project.memo("list_members", read)


def filter_options(project: Project) -> dict[str, list[str]]:
    """Values offered in the filter drop-downs."""
    with project.reading() as conn:
        return {
            "themenfeld": queries.names(conn, "themenfeld"),
            "lebenslage": queries.names(conn, "lebenslage"),
            "typ": [t for t in queries.distinct_typ(conn) if t],
            "lists": [label for label, _file, _when in queries.import_sources(conn)],
        }
