"""Facts about a project, for `ozgdesk info` and the status bar."""

from __future__ import annotations

from typing import Any

from ozgdesk import __version__
from ozgdesk.store import queries
from ozgdesk.store.project import Project


def project_facts(project: Project) -> dict[str, Any]:
    with project.reading() as conn:
        summary = queries.project_summary(conn)
        identity = queries.project_identity(conn)
        counts = queries.service_counts(conn)
        relevance = queries.relevance_counts(conn)
        relevant, relevant_unassigned, assigned = queries.assignment_counts(conn)
        offices_total = len(queries.office_rows(conn))
        workshops_total, participants_total, tasks_open = queries.workshop_counts(conn)
    from ozgdesk.workflow import communication, delivery, roadmap

    delivered, _per_office = delivery.progress(delivery.effective_rows(project))
    schema_version = project.schema_version
    return {
        "path": project.location,
        "backend": "server" if project.is_server else "file",
        "app_version": __version__,
        "schema_version": schema_version,
        "read_only": project.read_only,
        "municipality": summary.municipality,
        "website": summary.website,
        "municipality_type": identity.municipality_type,
        "municipality_title": identity.municipality_title,
        "ags": identity.ags,
        "ars": identity.ars,
        "district": identity.district,
        "created_at": summary.created_at,
        "catalogue_source": summary.catalogue_source,
        "services_total": counts.total,
        "services_with_key": counts.with_key,
        "services_without_key": counts.without_key,
        "ozg_services_total": counts.ozg_services,
        "services_relevant": relevance["relevant"],
        "services_not_relevant": relevance["nicht relevant"],
        "services_to_check": relevance["prüfen"],
        "services_undecided": relevance[""] + relevance["prüfen"],
        "offices_total": offices_total,
        "services_assigned": assigned,
        "relevant_unassigned": relevant_unassigned,
        "workshops_total": workshops_total,
        "participants_total": participants_total,
        "tasks_open": tasks_open,
        "delivery_complete": delivered.complete,
        "delivery_total": delivered.total,
        "services_planned": sum(1 for r in roadmap.plan_rows(project) if r.decided),
        "communication_items_open": communication.open_count(project),
    }
