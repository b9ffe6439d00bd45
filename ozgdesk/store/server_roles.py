"""Databases and roles on the server: one database per municipality, kept apart by privileges.

What :func:`set_up` does (as a role with CREATEDB and CREATEROLE, e.g. the IT provider's
administrator):

1. the coordinator's login role (created if missing) owns the municipality's database;
2. ``REVOKE ALL ON DATABASE … FROM PUBLIC``: no other role may even connect (PostgreSQL lets
   every role connect to every database by default; this is what keeps municipalities apart);
3. each reader role (e.g. the district's overview) gets CONNECT, USAGE on the schema and
   SELECT on every table the coordinator creates there (default privileges), nothing else.

Every statement is idempotent: running it again for the same database changes nothing.
"""

from __future__ import annotations

from typing import Any

from ozgdesk.store.server_address import ServerAddress
from ozgdesk.store.server_connection import ServerError, connect_raw, translate_server_error


def _ident(conn: Any, name: str) -> str:
    from psycopg import sql

    return sql.Identifier(name).as_string(conn)


def _literal(conn: Any, value: str) -> str:
    from psycopg import sql

    return sql.Literal(value).as_string(conn)


def _ensure_role(conn: Any, role: str, password: str, steps: list[str]) -> None:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if exists:
        steps.append(f"Rolle „{role}“ vorhanden")
        return
    statement = f"CREATE ROLE {_ident(conn, role)} LOGIN"
    if password:
        statement += f" PASSWORD {_literal(conn, password)}"
    conn.execute(statement)
    steps.append(f"Rolle „{role}“ angelegt" + ("" if password else " (ohne Passwort)"))


def set_up(
    address: ServerAddress,
    coordinator: str,
    readers: list[str],
    coordinator_password: str = "",
    reader_password: str = "",
) -> dict[str, Any]:
    """Create (or complete) the database ``address.database`` for one municipality."""
    database = address.database
    steps: list[str] = []
    admin = address.with_database("postgres")
    try:
        conn = connect_raw(admin, text_dates=False)
        try:
            _ensure_role(conn, coordinator, coordinator_password, steps)
            for reader in readers:
                _ensure_role(conn, reader, reader_password, steps)
            found = conn.execute(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", (database,)
            ).fetchone()
            db = _ident(conn, database)
            if found is None:
                conn.execute(f"CREATE DATABASE {db} OWNER {_ident(conn, coordinator)}")
                steps.append(f"Datenbank „{database}“ angelegt (Eigentümer „{coordinator}“)")
            elif found[0] != coordinator:
                raise ServerError(
                    address.display,
                    f"Die Datenbank „{database}“ gehört bereits der Rolle „{found[0]}“.",
                    "Wählen Sie einen anderen Datenbanknamen oder die richtige Rolle; es wurde "
                    "nichts geändert.",
                )
            conn.execute(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC")
            conn.execute(
                f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {_ident(conn, coordinator)}"
            )
            steps.append("Zugriff anderer Rollen auf die Datenbank entzogen")
            for reader in readers:
                conn.execute(f"GRANT CONNECT ON DATABASE {db} TO {_ident(conn, reader)}")
        finally:
            conn.close()
        if readers:
            inside = connect_raw(address, text_dates=False)
            try:
                owner = _ident(inside, coordinator)
                for reader in readers:
                    who = _ident(inside, reader)
                    inside.execute(f"GRANT USAGE ON SCHEMA public TO {who}")
                    inside.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {who}")
                    inside.execute(
                        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
                        f"GRANT SELECT ON TABLES TO {who}"
                    )
                    steps.append(f"Lesezugang für „{reader}“ eingerichtet")
            finally:
                inside.close()
    except ServerError:
        raise
    except Exception as exc:
        translated = translate_server_error(exc, address)
        if translated is None:
            raise
        raise translated from exc
    return {"database": database, "coordinator": coordinator, "readers": readers, "steps": steps}
