"""Constants that identify an ozgdesk project file and its schema version.

Kept free of heavy imports: opening a project reads these before deciding
whether the migration machinery (alembic) needs to be loaded at all.
"""

# PRAGMA application_id marks our files: the bytes "OZGD" as a 32-bit integer.
APPLICATION_ID = int.from_bytes(b"OZGD", "big")

# PRAGMA user_version of a file at the newest schema. Every migration sets it
# to its own number; alembic's revision ids are "0001", "0002", ... to match.
SCHEMA_VERSION = 7

SQLITE_HEADER = b"SQLite format 3\x00"
