"""Snapshots of the municipality's organisation, for undoing office operations.

Offices, their contacts, the assignment rules and every service's lead and
involved offices are small enough to copy whole; restoring replaces them in one
transaction, so a merge or delete can be undone exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ozgdesk.store.connection import continue_ids, sqlite_style
from ozgdesk.store.project import Project

Row = tuple


@dataclass(frozen=True)
class Snapshot:
    offices: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    rules: list[Row] = field(default_factory=list)
    leads: list[Row] = field(default_factory=list)  # (service id, lead office id, source)
    involved: list[Row] = field(default_factory=list)  # (service id, office id)


def capture(project: Project) -> Snapshot:
    with project.reading() as conn:
        return Snapshot(
            offices=conn.execute(
                "SELECT id, name, short_name, number, kind, parent_id, created_at FROM office ORDER BY id"
            ).fetchall(),
            contacts=conn.execute(
                "SELECT id, office_id, name, function, email, phone, deputy, position FROM office_contact"
            ).fetchall(),
            rules=conn.execute(
                "SELECT id, position, kind, value, office_id, enabled FROM assignment_rule"
            ).fetchall(),
            leads=conn.execute(
                "SELECT id, lead_office_id, assignment_source FROM service "
                "WHERE lead_office_id IS NOT NULL OR assignment_source != ''"
            ).fetchall(),
            involved=conn.execute(
                "SELECT service_id, office_id FROM service_involved_office"
            ).fetchall(),
        )


def restore(project: Project, snapshot: Snapshot) -> None:
    with project.session() as session:
        driver = session.connection().connection.driver_connection
        assert driver is not None
        raw = sqlite_style(driver)
        raw.execute(
            "UPDATE service SET lead_office_id = NULL, assignment_source = '' "
            "WHERE lead_office_id IS NOT NULL OR assignment_source != ''"
        )
        for table in ("service_involved_office", "assignment_rule", "office_contact"):
            raw.execute(f"DELETE FROM {table}")
        raw.execute("UPDATE office SET parent_id = NULL")
        raw.execute("DELETE FROM office")
        raw.executemany(
            "INSERT INTO office (id, name, short_name, number, kind, parent_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, NULL, ?)",
            [(o[0], o[1], o[2], o[3], o[4], o[6]) for o in snapshot.offices],
        )
        raw.executemany(
            "UPDATE office SET parent_id = ? WHERE id = ?",
            [(o[5], o[0]) for o in snapshot.offices if o[5]],
        )
        raw.executemany(
            "INSERT INTO office_contact (id, office_id, name, function, email, phone, deputy, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            snapshot.contacts,
        )
        raw.executemany(
            "INSERT INTO assignment_rule (id, position, kind, value, office_id, enabled) VALUES (?, ?, ?, ?, ?, ?)",
            snapshot.rules,
        )
        raw.executemany(
            "UPDATE service SET lead_office_id = ?, assignment_source = ? WHERE id = ?",
            [(office, source, service) for service, office, source in snapshot.leads],
        )
        raw.executemany(
            "INSERT INTO service_involved_office (service_id, office_id) VALUES (?, ?)",
            snapshot.involved,
        )
        continue_ids(raw, ("office", "office_contact", "assignment_rule"))
