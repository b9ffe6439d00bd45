"""Every released schema version upgrades: a file of each version (built by
tests/fixtures/schema_versions.py) opens with ``Project.open``, is backed up first (a
verified backup of the file exactly as it was), ends at ``SCHEMA_VERSION`` and keeps every
row it had – and the application reads and writes it afterwards."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import SQLModel

import ozgdesk.store.models  # noqa: F401 - registers the tables
from ozgdesk.store import backups
from ozgdesk.store.project import Project
from ozgdesk.store.schema import SCHEMA_VERSION
from ozgdesk.workflow import offices, overview, relevance, roadmap, tasks, workshop
from tests import dbstate
from tests.fixtures import schema_versions as fx


def dump(where: Any) -> str:
    return dbstate.dump(where)


def test_there_is_a_file_for_every_schema_version() -> None:
    """A new schema version needs its data function in tests/fixtures/schema_versions.py."""
    assert sorted(fx.DATA) == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("version", fx.VERSIONS)
def test_a_file_of_every_version_is_backed_up_upgraded_and_keeps_its_data(
    version: int, tmp_path: Path
) -> None:
    path = fx.build(tmp_path / f"Altdorf-v{version}.ozgdesk", version)
    conn = sqlite3.connect(path)
    try:
        tables = fx.columns(conn)
        before = {table: fx.rows(conn, table, names) for table, names in tables.items()}
    finally:
        conn.close()
    assert before["service"] and before["project_info"]
    as_it_was = dump(path)

    with Project.open(path) as project:
        assert project.schema_version == SCHEMA_VERSION
        saved = project.migration_backup
        if version < SCHEMA_VERSION:
            # the backup came first: a verified copy of the file as it was, listed with the others
            assert saved is not None and f"vor-Update-v{version}" in saved.name
            assert backups.verify(saved) == ""
            info = backups.inspect(saved)
            assert info.ok and info.schema_version == version
            assert saved in backups.files(project.backup_folder())
            assert dump(saved) == as_it_was
        else:
            assert saved is None  # nothing to migrate, nothing to back up

        with project.reading() as conn:
            now = fx.columns(conn)
            assert set(now) == set(SQLModel.metadata.tables)
            for table, names in tables.items():
                assert set(names) <= set(now[table]), table
                expected = before[table]
                if table == "relevance_rule" and version < 7:
                    expected = _starting_rules_switched_off(expected, names)
                assert fx.rows(conn, table, names) == expected, table
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            municipality, uid = conn.execute(
                "SELECT municipality, uid FROM project_info"
            ).fetchone()
        assert municipality == fx.MUNICIPALITY
        if version >= 5:
            assert uid == "a1b2c3d4e5f60718293a4b5c6d7e8f90"
        else:  # the migration to version 5 gave the project its uid
            assert len(uid) == 32

        _check_with_the_application(project, version)


def _starting_rules_switched_off(rows: list, names: list[str]) -> list:  # type: ignore[type-arg]
    """The data step of version 7: the unchanged starting rules of version 2 are switched off
    (the built-in classification suggests instead); every other rule stays as it was."""
    from importlib import import_module

    starting = {
        tuple(r)
        for r in import_module("ozgdesk.store.migrations.versions.0002_step1").DEFAULT_RULES
    }
    at = {n: i for i, n in enumerate(names)}
    result = []
    for row in rows:
        key = tuple(row[at[n]] for n in ("kind", "value", "suggestion", "reason"))
        if key in starting:
            row = tuple(0 if i == at["enabled"] else v for i, v in enumerate(row))
        result.append(row)
    return result


def _check_with_the_application(project: Project, version: int) -> None:
    """The data as the application shows it, version by version; then a write."""
    rows = {r.id: r for r in overview.catalogue_rows(project)}
    assert sorted((r.id, r.key or None, r.name) for r in rows.values()) == [
        (i, k, n) for i, k, n, _typ in fx.SERVICES
    ]
    assert rows[1].themenfeld == "Bauen & Wohnen" and "10213" in rows[1].ozg
    assert rows[4].key_problem == "fehlt"
    if version >= 2:
        assert (rows[1].relevance, rows[1].office, rows[1].remark) == (
            relevance.RELEVANT,
            "Bauamt",
            "mit Kreis abstimmen",
        )
        assert rows[3].relevance == relevance.NOT_RELEVANT and rows[4].relevance == relevance.CHECK
        assert rows[2].missing
        by_name = {o.name: o for o in offices.offices(project)}
        assert set(by_name) == {"Fachbereich Bürgerdienste", "Bauamt"}
        assert by_name["Bauamt"].parent_name == "Fachbereich Bürgerdienste"
        if version >= 3:
            assert [c.name for c in by_name["Bauamt"].contacts] == ["Petra Stein", "Uwe Kurz"]
    if version >= 4:
        assert [w.title for w in workshop.workshops(project)] == ["Auftakt OZG"]
        assert sorted(t.title for t in tasks.tasks(project)) == [
            "Kreis wegen Gewerbe anrufen",
            "Leistungsbeschreibungen liefern",
        ]
    if version >= 6:
        assert [(m.title, m.due_on) for m in roadmap.milestones(project)] == [
            ("Bauportal live", date(2026, 3, 31))
        ]
    relevance.decide(project, [2], relevance.RELEVANT, "nach dem Update")
    assert {r.id: r for r in overview.catalogue_rows(project)}[2].relevance == relevance.RELEVANT
