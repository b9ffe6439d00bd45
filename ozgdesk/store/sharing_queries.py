"""Read SQL for the share file and the district overview (plain rows, no personal fields).

Only the columns a share file may carry are selected here: no contact, owner, person,
e-mail, phone or notes column is ever read, so nothing personal can slip into a share file.
"""

from __future__ import annotations

import sqlite3


def municipality(conn: sqlite3.Connection) -> tuple[str, str, str, str, str, str]:
    row = conn.execute(
        "SELECT municipality, municipality_title, municipality_type, ags, ars, district "
        "FROM project_info ORDER BY id LIMIT 1"
    ).fetchone()
    return tuple(row) if row else ("", "", "", "", "", "")


def decisions(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(key, name, relevance, reason) of every decided service with a LeiKa key."""
    return conn.execute(
        "SELECT key, name, relevance, relevance_reason FROM service "
        "WHERE key IS NOT NULL AND relevance != '' ORDER BY key"
    ).fetchall()


def service_ids_by_key(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT key, id FROM service WHERE key IS NOT NULL").fetchall())


def decisions_by_key(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """key → (relevance, reason) for every service with a key (undecided: "")."""
    return {
        key: (relevance, reason)
        for key, relevance, reason in conn.execute(
            "SELECT key, relevance, relevance_reason FROM service WHERE key IS NOT NULL"
        )
    }


def relevance_rules(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, bool]]:
    return [
        (kind, value, suggestion, reason, bool(enabled))
        for kind, value, suggestion, reason, enabled in conn.execute(
            "SELECT kind, value, suggestion, reason, enabled FROM relevance_rule "
            "ORDER BY position, id"
        )
    ]


def assignment_rules(conn: sqlite3.Connection) -> list[tuple[str, str, str, bool]]:
    return [
        (kind, value, office, bool(enabled))
        for kind, value, office, enabled in conn.execute(
            "SELECT r.kind, r.value, o.name, r.enabled FROM assignment_rule r "
            "JOIN office o ON o.id = r.office_id ORDER BY r.position, r.id"
        )
    ]


def offices(conn: sqlite3.Connection) -> list[tuple[int, str, str, str, str, str]]:
    """(id, name, short name, kind, number, parent name)."""
    return conn.execute(
        "SELECT o.id, o.name, o.short_name, o.kind, o.number, coalesce(p.name, '') "
        "FROM office o LEFT JOIN office p ON p.id = o.parent_id ORDER BY o.id"
    ).fetchall()


def leads(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(office id, service key) of every service with a key and a lead office."""
    return conn.execute(
        "SELECT lead_office_id, key FROM service "
        "WHERE lead_office_id IS NOT NULL AND key IS NOT NULL ORDER BY key"
    ).fetchall()


def lead_by_key(conn: sqlite3.Connection) -> dict[str, int | None]:
    return dict(
        conn.execute("SELECT key, lead_office_id FROM service WHERE key IS NOT NULL").fetchall()
    )


def involved(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    return conn.execute(
        "SELECT i.office_id, s.key FROM service_involved_office i "
        "JOIN service s ON s.id = i.service_id WHERE s.key IS NOT NULL ORDER BY s.key"
    ).fetchall()


PLAN_COLUMNS = (
    "planned_quarter",
    "decision",
    "efa_kind",
    "efa_state",
    "online_name",
    "provider",
    "target_level",
)


def plans(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """(key, *PLAN_COLUMNS) of every service with its own plan."""
    return conn.execute(
        f"SELECT s.key, {', '.join('p.' + c for c in PLAN_COLUMNS)} FROM service_plan p "
        "JOIN service s ON s.id = p.service_id WHERE s.key IS NOT NULL ORDER BY s.key"
    ).fetchall()


def prerequisites(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str, str]]:
    """(key, kind, name, vendor, interface, status); the owner (a person) is never read."""
    return conn.execute(
        "SELECT s.key, q.kind, q.name, q.vendor, q.interface, q.status FROM prerequisite q "
        "JOIN service s ON s.id = q.service_id WHERE s.key IS NOT NULL ORDER BY s.key, q.id"
    ).fetchall()


def first_workshop_agenda(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """The agenda (title, minutes) of the earliest kick-off workshop (else the earliest)."""
    row = conn.execute(
        "SELECT id FROM workshop ORDER BY kind != 'Auftakt', starts_at LIMIT 1"
    ).fetchone()
    if row is None:
        return []
    return conn.execute(
        "SELECT title, minutes FROM agenda_item WHERE workshop_id = ? ORDER BY position, id",
        (row[0],),
    ).fetchall()


def next_workshop(conn: sqlite3.Connection, now: str) -> tuple[int, str] | None:
    """(id, title) of the next workshop that has not started yet."""
    row = conn.execute(
        "SELECT id, title FROM workshop WHERE starts_at >= ? ORDER BY starts_at LIMIT 1", (now,)
    ).fetchone()
    return (row[0], row[1]) if row else None


def agenda(conn: sqlite3.Connection, workshop_id: int) -> list[tuple[str, int]]:
    return conn.execute(
        "SELECT title, minutes FROM agenda_item WHERE workshop_id = ? ORDER BY position, id",
        (workshop_id,),
    ).fetchall()


def counts(conn: sqlite3.Connection) -> tuple[int, int, int, int]:
    """(services, decided, relevant, relevant with a lead office)."""
    row = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE relevance != ''), "
        "count(*) FILTER (WHERE relevance = 'relevant'), "
        "count(*) FILTER (WHERE relevance = 'relevant' AND lead_office_id IS NOT NULL) "
        "FROM service"
    ).fetchone()
    return tuple(int(v or 0) for v in row)  # type: ignore[return-value]  # four columns
