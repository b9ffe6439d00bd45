"""Read queries for display and reports, on the project's read connection.

Plain SQL on sqlite3 (no ORM objects): fast enough to fill a 50,000-row table
and usable before SQLAlchemy has been imported. Results are plain tuples and
dataclasses.
"""

from __future__ import annotations

import sqlite3

from ozgdesk.store.rows import ProjectSummary, ServiceCounts, ServiceDetail, ServiceRow

# Columns of a catalogue row, in this order (see ServiceRow).
_CATALOGUE_SQL = """
SELECT s.id, COALESCE(s.key, ''), s.key_raw, s.key_problem, s.name, s.typ, s.sdg1, s.sdg2,
       COALESCE(group_concat(o.ozg_id || ' ' || o.name, '; '), ''),
       COALESCE(group_concat(l.name, char(31)), ''),
       COALESCE(group_concat(t.name, char(31)), '')
FROM service s
LEFT JOIN service_ozg so ON so.service_id = s.id
LEFT JOIN ozg_service o ON o.id = so.ozg_service_id
LEFT JOIN lebenslage l ON l.id = o.lebenslage_id
LEFT JOIN themenfeld t ON t.id = l.themenfeld_id
GROUP BY s.id
ORDER BY s.name COLLATE NOCASE, s.id
"""


def project_summary(conn: sqlite3.Connection) -> ProjectSummary:
    row = conn.execute(
        "SELECT municipality, website, created_at, catalogue_source FROM project_info "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    if row is None:
        return ProjectSummary("", "", "", "")
    return ProjectSummary(*row)


def service_counts(conn: sqlite3.Connection) -> ServiceCounts:
    total, with_key = conn.execute("SELECT count(*), count(key) FROM service").fetchone()
    (ozg,) = conn.execute("SELECT count(*) FROM ozg_service").fetchone()
    return ServiceCounts(
        total=total, with_key=with_key, without_key=total - with_key, ozg_services=ozg
    )


def catalogue_rows(conn: sqlite3.Connection) -> list[ServiceRow]:
    rows = conn.execute(_CATALOGUE_SQL).fetchall()
    return [
        ServiceRow(
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
        )
        for r in rows
    ]


def _distinct(joined: str) -> str:
    """'a<US>b<US>a' -> 'a, b' (group_concat cannot combine DISTINCT and a separator)."""
    if "\x1f" not in joined:
        return joined
    return ", ".join(dict.fromkeys(joined.split("\x1f")))


def service_detail(conn: sqlite3.Connection, service_id: int) -> ServiceDetail | None:
    base = conn.execute(
        "SELECT id, COALESCE(key, ''), key_raw, key_problem, name, typ, sdg1, sdg2, "
        "legal_basis, law, law_short, origin FROM service WHERE id = ?",
        (service_id,),
    ).fetchone()
    if base is None:
        return None
    ozg = conn.execute(
        "SELECT o.ozg_id, o.name, COALESCE(l.name, ''), COALESCE(t.name, '') "
        "FROM service_ozg so JOIN ozg_service o ON o.id = so.ozg_service_id "
        "LEFT JOIN lebenslage l ON l.id = o.lebenslage_id "
        "LEFT JOIN themenfeld t ON t.id = l.themenfeld_id "
        "WHERE so.service_id = ? ORDER BY o.ozg_id",
        (service_id,),
    ).fetchall()
    row = ServiceRow(
        base[0],
        base[1],
        base[2],
        base[3],
        base[4],
        base[5],
        bool(base[6]),
        bool(base[7]),
        "; ".join(f"{o[0]} {o[1]}" for o in ozg),
        ", ".join(dict.fromkeys(o[2] for o in ozg if o[2])),
        ", ".join(dict.fromkeys(o[3] for o in ozg if o[3])),
    )
    return ServiceDetail(row, base[8], base[9], base[10], base[11], [tuple(o) for o in ozg])


def names(conn: sqlite3.Connection, table: str) -> list[str]:
    """Sorted names of a lookup table (themenfeld, lebenslage)."""
    if table not in {"themenfeld", "lebenslage"}:
        raise ValueError(table)
    return [r[0] for r in conn.execute(f"SELECT name FROM {table} ORDER BY name")]


def distinct_typ(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT typ FROM service ORDER BY typ")]
