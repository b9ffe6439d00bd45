"""Schema migrations with alembic, run when a project file is opened or created.

Only loaded when the file's ``user_version`` is below
:data:`store.schema.SCHEMA_VERSION`: opening an up-to-date file never imports
alembic. All migrations up to head run in one transaction with foreign key
enforcement off (batch mode recreates tables), and ``foreign_key_check`` must
be clean before the transaction commits.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(path: Path, target: str = "head") -> None:
    """Bring the file at ``path`` to ``target`` (default: the newest schema)."""
    from sqlalchemy import text

    from ozgdesk.store.engine import make_engine

    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            run(connection, target)
            problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if problems:
                raise RuntimeError(f"Migration hinterlässt ungültige Verweise: {problems[:5]}")
        log.info("Projekt %s auf Schema %s gebracht", path, target)
    finally:
        engine.dispose()


def run(connection, target: str = "head") -> None:
    """Run the migrations up to ``target`` on an open connection, inside its transaction
    (a project file's, or a server database's: the migrations serve both)."""
    from alembic import command

    command.upgrade(_config(connection), target)


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    config = _config(None)
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head
