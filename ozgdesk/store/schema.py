"""Constants that identify an ozgdesk project file and its schema version.

Kept free of heavy imports: opening a project reads these before deciding
whether the migration machinery (alembic) needs to be loaded at all.
"""

# PRAGMA application_id marks our files: the bytes "OZGD" as a 32-bit integer.
APPLICATION_ID = int.from_bytes(b"OZGD", "big")

# PRAGMA user_version of a file at the newest schema. Every migration sets it
# to its own number; alembic's revision ids are "0001", "0002", ... to match.
SCHEMA_VERSION = 8

SQLITE_HEADER = b"SQLite format 3\x00"

# On a PostgreSQL server the same two numbers live in this one-row table (no PRAGMAs there).
SERVER_META_TABLE = "ozgdesk_meta"


def stamp(op, version: int) -> None:  # noqa: ANN001 - alembic's op module, imported lazily
    """Record the schema version a migration reached (PRAGMA user_version on SQLite, the
    meta table on a server). Called by every migration as its last step."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA user_version = {int(version)}")
    else:
        op.execute(f"UPDATE {SERVER_META_TABLE} SET schema_version = {int(version)}")
