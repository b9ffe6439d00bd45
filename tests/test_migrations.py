"""Schema under alembic: the models match the migrations; old files are upgraded after a backup."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import ozgdesk.store.models  # noqa: F401 - registers the tables
from ozgdesk import paths
from ozgdesk.store import migrate
from ozgdesk.store.engine import make_engine
from ozgdesk.store.project import Project
from ozgdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION


@pytest.mark.file_only  # compares with the file's own storage
def test_models_and_migrations_describe_the_same_schema(empty_project: Project) -> None:
    engine = make_engine(empty_project.path, read_only=True)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_head_revision_matches_schema_version() -> None:
    assert int(migrate.head_revision()) == SCHEMA_VERSION
    versions = sorted((migrate.MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))
    assert len(versions) == SCHEMA_VERSION
    for number, file in enumerate(versions, start=1):
        text = file.read_text(encoding="utf-8")
        assert re.search(rf'^revision = "{number:04d}"$', text, re.M), file
        assert f"SCHEMA_VERSION = {number}" in text, file
        assert "stamp(op, SCHEMA_VERSION)" in text, file


def _old_file(path: Path, version: int) -> None:
    """A project file as an older ozgdesk left it: ours, but at schema ``version``."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    if version:
        migrate.upgrade(path, f"{version:04d}")


def test_opening_an_older_file_backs_it_up_then_migrates(tmp_path: Path) -> None:
    path = tmp_path / "alt.ozgdesk"
    _old_file(path, 0)
    before = path.read_bytes()
    with Project.open(path) as project:
        assert project.schema_version == SCHEMA_VERSION
        backup = project.migration_backup
    assert backup is not None and backup.exists()
    assert backup.parent.parent == paths.backups_dir()
    assert "vor-Update-v0" in backup.name
    # the backup is the file as it was, and a valid SQLite file
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert len(before) > 0


def test_every_released_schema_upgrades_to_head_with_data(tmp_path: Path) -> None:
    """Each schema version gets a file with data; each upgrades to head keeping it."""
    for version in range(1, SCHEMA_VERSION + 1):
        path = tmp_path / f"v{version}.ozgdesk"
        _old_file(path, version)
        conn = sqlite3.connect(path)
        conn.execute(
            "INSERT INTO project_info (municipality, website, created_at, created_with, catalogue_source) "
            "VALUES ('Altdorf', '', '2026-01-01 00:00:00', 'test', '')"
        )
        conn.execute(
            "INSERT INTO service (key, key_raw, key_problem, name, typ, legal_basis, law, law_short, "
            "sdg1, sdg2, origin, created_at, updated_at) VALUES ('99012001000000', '99012001000000', '', "
            "'Abbruchgenehmigung', '4', '', '', '', 0, 0, 'test', '2026-01-01', '2026-01-01')"
        )
        conn.commit()
        conn.close()
        with Project.open(path) as project, project.reading() as reader:
            assert project.schema_version == SCHEMA_VERSION
            assert reader.execute("SELECT name FROM service").fetchall() == [
                ("Abbruchgenehmigung",)
            ]
            assert (
                reader.execute("SELECT municipality FROM project_info").fetchone()[0] == "Altdorf"
            )


def test_read_only_open_of_an_older_file_is_refused_unchanged(tmp_path: Path) -> None:
    import pytest

    from ozgdesk.store.errors import ProjectError

    path = tmp_path / "alt.ozgdesk"
    _old_file(path, 0)
    before = path.read_bytes()
    with pytest.raises(ProjectError) as info:
        Project.open(path, read_only=True)
    assert "älteren Version" in info.value.what
    assert path.read_bytes() == before
