"""Snapshots of the municipality's organisation, for undoing office operations.

Deleting or merging offices removes rows elsewhere too: the foreign keys to ``office``
cascade (contacts, assignment rules, involved offices, office units of step 4, capacity of
step 5, delivery persons) or set references to NULL (lead offices, workshop participants'
offices, delivery units, parent offices). A snapshot therefore copies the offices, every row
of every table that cascades from them, and every nullable reference to an office; restoring
puts exactly that back in one transaction, so a merge or delete is undone without losing
anything that hung off the offices. The tables are found from the foreign keys in the
schema, so a table added later is covered without touching this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ozgdesk.store.connection import continue_ids, sqlite_style
from ozgdesk.store.project import Project

Row = tuple


@dataclass(frozen=True)
class Reference:
    """A column of a table that points at office.id."""

    table: str
    column: str
    key: str  # the table's primary key column (one column, e.g. "id")
    cascade: bool  # ON DELETE CASCADE (the whole row goes) or SET NULL (the value goes)


@dataclass(frozen=True)
class Snapshot:
    offices: list[Row] = field(default_factory=list)
    # cascading tables: (column names, rows)
    rows: dict[str, tuple[list[str], list[Row]]] = field(default_factory=dict)
    # nullable references: (table, column) → [(primary key, office id)]
    links: dict[tuple[str, str], list[Row]] = field(default_factory=dict)
    sources: list[Row] = field(default_factory=list)  # (service id, how it was assigned)


_OFFICE_COLUMNS = "id, name, short_name, number, kind, parent_id, created_at"


def references() -> list[Reference]:
    """Every column in the schema that references office.id (from the models)."""
    from sqlmodel import SQLModel

    import ozgdesk.store.models  # noqa: F401 - registers the tables

    found = []
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "office":
                continue
            key = next(iter(table.primary_key.columns))
            cascade = (fk.ondelete or "").upper() == "CASCADE"
            found.append(Reference(table.name, fk.parent.name, key.name, cascade))
    return found


def capture(project: Project) -> Snapshot:
    snapshot = Snapshot()
    with project.reading() as conn:
        snapshot.offices.extend(
            conn.execute(f"SELECT {_OFFICE_COLUMNS} FROM office ORDER BY id").fetchall()
        )
        for ref in references():
            if ref.cascade:
                if ref.table in snapshot.rows:
                    continue
                cursor = conn.execute(f'SELECT * FROM "{ref.table}"')
                names = [d[0] for d in cursor.description]
                snapshot.rows[ref.table] = (names, cursor.fetchall())
            elif not (ref.table == "office" and ref.column == "parent_id"):
                snapshot.links[(ref.table, ref.column)] = conn.execute(
                    f'SELECT "{ref.key}", "{ref.column}" FROM "{ref.table}" '
                    f'WHERE "{ref.column}" IS NOT NULL'
                ).fetchall()
        snapshot.sources.extend(
            conn.execute(
                "SELECT id, assignment_source FROM service WHERE assignment_source != ''"
            ).fetchall()
        )
    return snapshot


def restore(project: Project, snapshot: Snapshot) -> None:
    """Put the organisation back as it was when ``snapshot`` was taken (one transaction)."""
    refs = references()
    with project.session() as session:
        driver = session.connection().connection.driver_connection
        assert driver is not None
        raw = sqlite_style(driver)
        for table, column in snapshot.links:
            raw.execute(f'UPDATE "{table}" SET "{column}" = NULL WHERE "{column}" IS NOT NULL')
        raw.execute("UPDATE service SET assignment_source = '' WHERE assignment_source != ''")
        raw.executemany(
            "UPDATE service SET assignment_source = ? WHERE id = ?",
            [(source, service) for service, source in snapshot.sources],
        )
        for table in snapshot.rows:
            raw.execute(f'DELETE FROM "{table}"')
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
        for table, (names, rows) in snapshot.rows.items():
            if rows:
                quoted = ", ".join(f'"{n}"' for n in names)
                marks = ", ".join("?" * len(names))
                raw.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
        for (table, column), pairs in snapshot.links.items():
            key = next(r.key for r in refs if (r.table, r.column) == (table, column))
            raw.executemany(
                f'UPDATE "{table}" SET "{column}" = ? WHERE "{key}" = ?',
                [(office, pk) for pk, office in pairs],
            )
        continue_ids(
            raw, ("office", *[t for t, (names, _) in snapshot.rows.items() if "id" in names])
        )
