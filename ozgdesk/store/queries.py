"""Read queries for display and reports, on the project's read connection.

Plain SQL on sqlite3 (no ORM objects): fast enough to fill a 50,000-row table
and usable before SQLAlchemy has been imported. Results are plain tuples and
dataclasses.
"""

from __future__ import annotations

import sqlite3

from ozgdesk.store.rows import (
    ProjectIdentity,
    ProjectSummary,
    ServiceCounts,
    ServiceDetail,
    ServiceRow,
)

# Columns of a catalogue row, in this order (see ServiceRow).
_CATALOGUE_SQL = """
SELECT s.id, COALESCE(s.key, ''), s.key_raw, s.key_problem, s.name, s.typ, s.sdg1, s.sdg2,
       COALESCE(group_concat(o.ozg_id || ' ' || o.name, '; '), ''),
       COALESCE(group_concat(l.name, char(31)), ''),
       COALESCE(group_concat(t.name, char(31)), ''),
       s.relevance, s.relevance_reason, COALESCE(f.name, ''), s.remark,
       EXISTS (SELECT 1 FROM service_source ss WHERE ss.service_id = s.id AND ss.missing),
       s.retired_at IS NOT NULL, s.version
FROM service s
LEFT JOIN office f ON f.id = s.lead_office_id
LEFT JOIN service_ozg so ON so.service_id = s.id
LEFT JOIN ozg_service o ON o.id = so.ozg_service_id
LEFT JOIN lebenslage l ON l.id = o.lebenslage_id
LEFT JOIN themenfeld t ON t.id = l.themenfeld_id
{where}
GROUP BY s.id, f.name
ORDER BY lower(s.name), s.id
"""


def _service_row(r: tuple) -> ServiceRow:
    return ServiceRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        bool(r[6]),
        bool(r[7]),
        r[8],
        _distinct(r[9]),
        _distinct(r[10]),
        r[11],
        r[12],
        r[13],
        r[14],
        bool(r[15]),
        bool(r[16]),
        r[17],
    )


def project_summary(conn: sqlite3.Connection) -> ProjectSummary:
    row = conn.execute(
        "SELECT municipality, website, created_at, catalogue_source FROM project_info "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    if row is None:
        return ProjectSummary("", "", "", "")
    return ProjectSummary(*row)


def project_identity(conn: sqlite3.Connection) -> ProjectIdentity:
    row = conn.execute(
        "SELECT municipality, municipality_type, municipality_title, ags, ars, district "
        "FROM project_info ORDER BY id LIMIT 1"
    ).fetchone()
    if row is None:
        return ProjectIdentity("", "", "", "", "", "")
    return ProjectIdentity(*row)


def law_shorts(conn: sqlite3.Connection) -> dict[int, str]:
    """Each service's law abbreviations ("Gesetz (Kürzel)"), where it has any."""
    return dict(conn.execute("SELECT id, law_short FROM service WHERE law_short != ''"))


def municipality_title(conn: sqlite3.Connection) -> str:
    """The kind of municipality ("Gemeinde", "Stadt", "Kreis" …; "" if not known), for the
    article before its name in the outputs (``wording.municipality_phrase``)."""
    try:
        row = conn.execute(
            "SELECT municipality_title FROM project_info ORDER BY id LIMIT 1"
        ).fetchone()
    except sqlite3.OperationalError:  # a file from before schema 7, opened read-only
        return ""
    return (row[0] or "") if row else ""


def service_counts(conn: sqlite3.Connection) -> ServiceCounts:
    total, with_key = conn.execute("SELECT count(*), count(key) FROM service").fetchone()
    (ozg,) = conn.execute("SELECT count(*) FROM ozg_service").fetchone()
    return ServiceCounts(
        total=total, with_key=with_key, without_key=total - with_key, ozg_services=ozg
    )


def relevant_rows(conn: sqlite3.Connection) -> list[ServiceRow]:
    """The services decided relevant (as ``catalogue_rows``, without reading the rest)."""
    sql = _CATALOGUE_SQL.format(where="WHERE s.relevance = 'relevant'")
    return [_service_row(r) for r in conn.execute(sql)]


def catalogue_rows(conn: sqlite3.Connection, ids: list[int] | None = None) -> list[ServiceRow]:
    """All services (or those with ``ids``) with their OZG grouping and decisions."""
    if ids is None:
        return [_service_row(r) for r in conn.execute(_CATALOGUE_SQL.format(where=""))]
    rows: list[ServiceRow] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sql = _CATALOGUE_SQL.format(where=f"WHERE s.id IN ({','.join('?' * len(chunk))})")
        rows.extend(_service_row(r) for r in conn.execute(sql, chunk))
    return rows


def _distinct(joined: str) -> str:
    """'a<US>b<US>a' -> 'a, b' (group_concat cannot combine DISTINCT and a separator)."""
    if "\x1f" not in joined:
        return joined
    return ", ".join(dict.fromkeys(joined.split("\x1f")))


def service_detail(conn: sqlite3.Connection, service_id: int) -> ServiceDetail | None:
    found = catalogue_rows(conn, [service_id])
    if not found:
        return None
    legal_basis, law, law_short, origin, contact = conn.execute(
        "SELECT legal_basis, law, law_short, origin, contact_person FROM service WHERE id = ?",
        (service_id,),
    ).fetchone()
    ozg = conn.execute(
        "SELECT o.ozg_id, o.name, COALESCE(l.name, ''), COALESCE(t.name, '') "
        "FROM service_ozg so JOIN ozg_service o ON o.id = so.ozg_service_id "
        "LEFT JOIN lebenslage l ON l.id = o.lebenslage_id "
        "LEFT JOIN themenfeld t ON t.id = l.themenfeld_id "
        "WHERE so.service_id = ? ORDER BY o.ozg_id",
        (service_id,),
    ).fetchall()
    sources = conn.execute(
        "SELECT src.label, ss.missing FROM service_source ss "
        "JOIN import_source src ON src.id = ss.source_id WHERE ss.service_id = ? ORDER BY src.label",
        (service_id,),
    ).fetchall()
    return ServiceDetail(
        found[0],
        legal_basis,
        law,
        law_short,
        origin,
        [tuple(o) for o in ozg],
        contact,
        [(label, bool(missing)) for label, missing in sources],
    )


def names(conn: sqlite3.Connection, table: str) -> list[str]:
    """Sorted names of a lookup table (themenfeld, lebenslage)."""
    if table not in {"themenfeld", "lebenslage"}:
        raise ValueError(table)
    return [r[0] for r in conn.execute(f"SELECT name FROM {table} ORDER BY name")]


def distinct_typ(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT typ FROM service ORDER BY typ")]


def import_mapping(conn: sqlite3.Connection, signature: str) -> str | None:
    row = conn.execute(
        "SELECT mapping FROM import_mapping WHERE signature = ?", (signature,)
    ).fetchone()
    return row[0] if row else None


def source_members(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """Service ids per imported list (label), in no particular order."""
    members: dict[str, list[int]] = {}
    for label, service_id in conn.execute(
        "SELECT src.label, ss.service_id FROM service_source ss "
        "JOIN import_source src ON src.id = ss.source_id"
    ):
        members.setdefault(label, []).append(service_id)
    return members


def source_services(conn: sqlite3.Connection, label: str) -> list[tuple]:
    """The services of one list: id, key (or ''), name, typ, retired, relevance, office."""
    return conn.execute(
        "SELECT s.id, COALESCE(s.key, ''), s.name, s.typ, s.retired_at IS NOT NULL, "
        "s.relevance, COALESCE(f.name, '') FROM service s "
        "JOIN service_source ss ON ss.service_id = s.id "
        "JOIN import_source src ON src.id = ss.source_id "
        "LEFT JOIN office f ON f.id = s.lead_office_id WHERE src.label = ?",
        (label,),
    ).fetchall()


def ozg_ids_by_service(conn: sqlite3.Connection) -> dict[int, set[str]]:
    links: dict[int, set[str]] = {}
    for service_id, ozg_id in conn.execute(
        "SELECT so.service_id, o.ozg_id FROM service_ozg so "
        "JOIN ozg_service o ON o.id = so.ozg_service_id"
    ):
        links.setdefault(service_id, set()).add(ozg_id)
    return links


def has_import_mappings(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM import_mapping LIMIT 1").fetchone() is not None


def office_names(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT name FROM office")]


def relevance_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Services per relevance value ("" = undecided)."""
    counts = {"relevant": 0, "nicht relevant": 0, "prüfen": 0, "": 0}
    for value, count in conn.execute("SELECT relevance, count(*) FROM service GROUP BY relevance"):
        counts[value] = counts.get(value, 0) + count
    return counts


def network_contacts(
    conn: sqlite3.Connection,
) -> list[tuple[int, str, str, str, str, str, str, str, str | None]]:
    """The coordinator's network contacts as plain tuples (first_contact as 'YYYY-MM-DD')."""
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT id, kind, organisation, person, role, email, phone, notes, first_contact "
            "FROM network_contact ORDER BY id"
        )
    ]


def import_sources(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(label, last file, last import time) of every list imported so far."""
    return [
        (r[0], r[1], r[2] or "")
        for r in conn.execute(
            "SELECT label, last_file, last_import_at FROM import_source ORDER BY label"
        )
    ]


def office_rows(conn: sqlite3.Connection) -> list[tuple]:
    """Offices with parent name and counts: id, name, short, number, kind, parent_id,
    parent name, lead services, relevant lead services, involved services."""
    return conn.execute(
        """
        SELECT o.id, o.name, o.short_name, o.number, o.kind, o.parent_id, COALESCE(p.name, ''),
               (SELECT count(*) FROM service s WHERE s.lead_office_id = o.id),
               (SELECT count(*) FROM service s WHERE s.lead_office_id = o.id AND s.relevance = 'relevant'),
               (SELECT count(*) FROM service_involved_office i WHERE i.office_id = o.id)
        FROM office o LEFT JOIN office p ON p.id = o.parent_id
        ORDER BY o.number = '', o.number, lower(o.name)
        """
    ).fetchall()


def office_contact_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT id, office_id, name, function, email, phone, deputy, position FROM office_contact "
        "ORDER BY office_id, deputy, position, id"
    ).fetchall()


def relevance_rule_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT id, kind, value, suggestion, reason, enabled, position FROM relevance_rule "
        "ORDER BY position, id"
    ).fetchall()


def assignment_rows(
    conn: sqlite3.Connection, ids: list[int]
) -> list[tuple[int, int | None, str, list[int]]]:
    """(service id, lead office id, assignment source, involved office ids) for ``ids``."""
    result = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        involved: dict[int, list[int]] = {}
        for service_id, office_id in conn.execute(
            f"SELECT service_id, office_id FROM service_involved_office WHERE service_id IN ({marks}) "
            "ORDER BY office_id",
            chunk,
        ):
            involved.setdefault(service_id, []).append(office_id)
        for service_id, lead, source in conn.execute(
            f"SELECT id, lead_office_id, assignment_source FROM service WHERE id IN ({marks})",
            chunk,
        ):
            result.append((service_id, lead, source, involved.get(service_id, [])))
    return result


def assignment_counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """(relevant services, relevant without lead office, services with a lead office)."""
    relevant, unassigned, assigned = conn.execute(
        "SELECT count(*) FILTER (WHERE relevance = 'relevant'), "
        "count(*) FILTER (WHERE relevance = 'relevant' AND lead_office_id IS NULL), "
        "count(lead_office_id) FROM service"
    ).fetchone()
    return relevant or 0, unassigned or 0, assigned or 0


def relevant_per_office(conn: sqlite3.Connection) -> dict[int, int]:
    return dict(
        conn.execute(
            "SELECT lead_office_id, count(*) FROM service WHERE relevance = 'relevant' "
            "AND lead_office_id IS NOT NULL GROUP BY lead_office_id"
        ).fetchall()
    )


def assignment_rule_rows(conn: sqlite3.Connection) -> list[tuple]:
    """id, kind, value, office id, enabled, position, office name."""
    return conn.execute(
        "SELECT r.id, r.kind, r.value, r.office_id, r.enabled, r.position, o.name "
        "FROM assignment_rule r JOIN office o ON o.id = r.office_id ORDER BY r.position, r.id"
    ).fetchall()


def briefing_rows(conn: sqlite3.Connection) -> list[tuple]:
    """id, position, audience, done_on, person, note."""
    return conn.execute(
        "SELECT id, position, audience, done_on, person, note FROM briefing ORDER BY position, id"
    ).fetchall()


def tech_prerequisite_row(conn: sqlite3.Connection) -> tuple | None:
    return conn.execute(
        "SELECT status, cms_product, asked_person, asked_on, notes FROM tech_prerequisite ORDER BY id LIMIT 1"
    ).fetchone()


def involved_office_names(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(service id, office name) of every involved office, by service and office name."""
    return conn.execute(
        "SELECT i.service_id, o.name FROM service_involved_office i "
        "JOIN office o ON o.id = i.office_id ORDER BY i.service_id, lower(o.name)"
    ).fetchall()


_WORKSHOP_COLUMNS = (
    "id, uid, sequence, title, kind, starts_at, ends_at, setup_minutes, format, place, video_link, "
    "organiser, organiser_email, deliver_by, notes, updated_at"
)


def workshop_rows(conn: sqlite3.Connection, workshop_id: int | None = None) -> list[tuple]:
    if workshop_id is None:
        return conn.execute(
            f"SELECT {_WORKSHOP_COLUMNS} FROM workshop ORDER BY starts_at, id"
        ).fetchall()
    return conn.execute(
        f"SELECT {_WORKSHOP_COLUMNS} FROM workshop WHERE id = ?", (workshop_id,)
    ).fetchall()


def participant_rows(conn: sqlite3.Connection, workshop_id: int) -> list[tuple]:
    """id, workshop id, name, role, group, email, office id, invitation, attended, position."""
    return conn.execute(
        'SELECT id, workshop_id, name, role, "group", email, office_id, invitation, attended, position '
        "FROM workshop_participant WHERE workshop_id = ? ORDER BY position, id",
        (workshop_id,),
    ).fetchall()


def agenda_rows(conn: sqlite3.Connection, workshop_id: int) -> list[tuple]:
    """id, workshop id, title, minutes, responsible, notes, position."""
    return conn.execute(
        "SELECT id, workshop_id, title, minutes, responsible, notes, position FROM agenda_item "
        "WHERE workshop_id = ? ORDER BY position, id",
        (workshop_id,),
    ).fetchall()


def decision_rows(conn: sqlite3.Connection, workshop_id: int) -> list[tuple]:
    return conn.execute(
        "SELECT id, workshop_id, text, position FROM workshop_decision WHERE workshop_id = ? ORDER BY position, id",
        (workshop_id,),
    ).fetchall()


def task_rows(conn: sqlite3.Connection) -> list[tuple]:
    """id, title, owner, due_on, status, step, workshop id, origin (open first, by due date)."""
    return conn.execute(
        "SELECT id, title, owner, due_on, status, step, workshop_id, origin FROM task "
        "ORDER BY status = 'erledigt', due_on IS NULL, due_on, id"
    ).fetchall()


def workshop_counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """(workshops, participants, open tasks)."""
    workshops = conn.execute("SELECT count(*) FROM workshop").fetchone()[0]
    participants = conn.execute("SELECT count(*) FROM workshop_participant").fetchone()[0]
    open_tasks = conn.execute("SELECT count(*) FROM task WHERE status != 'erledigt'").fetchone()[0]
    return workshops, participants, open_tasks


_UNIT_COLUMNS = "unit_name, street, house_number, postcode, town, phone, fax, email, opening_hours"


def office_unit_rows(conn: sqlite3.Connection) -> list[tuple]:
    """office id, the nine contact-point fields, updated_at."""
    return conn.execute(
        f"SELECT office_id, {_UNIT_COLUMNS}, updated_at FROM office_unit"
    ).fetchall()


def delivery_person_rows(conn: sqlite3.Connection) -> list[tuple]:
    """id, office id, service id, first name, surname, phone, e-mail, hours."""
    return conn.execute(
        "SELECT id, office_id, service_id, first_name, surname, phone, email, hours FROM delivery_person "
        "ORDER BY office_id, service_id, position, id"
    ).fetchall()


def service_delivery_rows(conn: sqlite3.Connection, ids: list[int] | None = None) -> list[tuple]:
    """service id, unit office id, nine contact-point fields, page_url, online_url, notes, status,
    requested_on, delivered_on, entered_on, checked_on, updated_at, version."""
    sql = (
        f"SELECT service_id, unit_office_id, {_UNIT_COLUMNS}, page_url, online_url, notes, status, "
        "requested_on, delivered_on, entered_on, checked_on, updated_at, version "
        "FROM service_delivery"
    )
    if ids is None:
        return conn.execute(sql).fetchall()
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows.extend(
            conn.execute(f"{sql} WHERE service_id IN ({','.join('?' * len(chunk))})", chunk)
        )
    return rows


def lead_offices(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    return conn.execute(
        "SELECT id, lead_office_id FROM service WHERE lead_office_id IS NOT NULL"
    ).fetchall()


def project_uid(conn: sqlite3.Connection) -> str:
    """The project's unique id (identifies it in forms sent out to offices)."""
    row = conn.execute("SELECT uid FROM project_info ORDER BY id LIMIT 1").fetchone()
    return row[0] if row else ""


def service_identities(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(id, key or "", name) of every service."""
    return conn.execute("SELECT id, COALESCE(key, ''), name FROM service").fetchall()


_PLAN_COLUMNS = (
    "online_available, efa_kind, efa_state, online_name, provider, available_on, decision, decision_reason, "
    "planned_quarter, current_level, target_level, effort_days, training, marketing, notes"
)


def service_plan_rows(conn: sqlite3.Connection, ids: list[int] | None = None) -> list[tuple]:
    """The plan fields (see workflow.roadmap.PLAN_FIELDS), then the service id."""
    sql = f"SELECT {_PLAN_COLUMNS}, service_id FROM service_plan"
    if ids is None:
        return conn.execute(sql).fetchall()
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows.extend(
            conn.execute(f"{sql} WHERE service_id IN ({','.join('?' * len(chunk))})", chunk)
        )
    return rows


def ozg_plan_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(f"SELECT {_PLAN_COLUMNS}, ozg_service_id FROM ozg_plan").fetchall()


def service_ozg_links(
    conn: sqlite3.Connection, relevant_only: bool = False
) -> dict[int, list[int]]:
    """OZG services of each service (of the relevant ones only, if asked)."""
    where = (
        "WHERE service_id IN (SELECT id FROM service WHERE relevance = 'relevant')"
        if relevant_only
        else ""
    )
    links: dict[int, list[int]] = {}
    for service_id, ozg_id in conn.execute(
        f"SELECT service_id, ozg_service_id FROM service_ozg {where} ORDER BY ozg_service_id"
    ).fetchall():
        links.setdefault(service_id, []).append(ozg_id)
    return links


def ozg_service_rows(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(id, OZG-ID, name) of every OZG service."""
    return conn.execute("SELECT id, ozg_id, name FROM ozg_service ORDER BY ozg_id").fetchall()


def prerequisite_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT id, service_id, kind, name, vendor, interface, status, owner FROM prerequisite ORDER BY service_id, id"
    ).fetchall()


def dependency_rows(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    return conn.execute("SELECT service_id, depends_on_id FROM service_dependency").fetchall()


def milestone_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT id, title, due_on, done, service_id, notes FROM milestone ORDER BY due_on, id"
    ).fetchall()


def capacity_rows(conn: sqlite3.Connection) -> list[tuple[int, str, float]]:
    return conn.execute("SELECT office_id, quarter, person_days FROM capacity").fetchall()


def comm_item_rows(conn: sqlite3.Connection) -> list[tuple]:
    """id, audience, title, due_on, owner, done, phase, template, notes."""
    return conn.execute(
        "SELECT id, audience, title, due_on, owner, done, phase, template, notes FROM comm_item ORDER BY due_on, id"
    ).fetchall()


def setting_value(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None
