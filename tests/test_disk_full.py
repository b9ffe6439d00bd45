"""A full disk: the change is refused with the German message, the project stays as it was
and can be used again as soon as there is room.

SQLITE_FULL is produced with ``PRAGMA max_page_count``: set to the file's current page
count, no write that needs a new page fits, exactly as on a full disk. The limit is not
stored in the file; it belongs to the connection. ozgdesk's engine keeps its connection
in the pool (SQLAlchemy's SingletonThreadPool: one connection per thread, reused by
every session of that thread), so a limit set in one session also holds for the next
sessions of the same thread – including those that workflow functions such as
``relevance.decide`` and ``run_import`` open themselves. Each test checks that this is
so before relying on it, and the limit is lifted again with ``PRAGMA max_page_count``
(or disappears with the connection when the project is closed).

A real full disk (the project on a 4 MB tmpfs) behaves the same; that needs root to
mount and is described in bench/README.md ("Datensicherheit") instead of run here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ozgdesk.store.errors import DiskFullError, ProjectError
from ozgdesk.store.models import Service, Task
from ozgdesk.store.project import Project
from ozgdesk.workflow import relevance
from ozgdesk.workflow.importing import analyse, run_import
from tests import dbstate
from tests.fixtures import spreadsheets as fx

WHAT = (
    "Die letzte Änderung konnte nicht gespeichert werden, weil der Datenträger voll ist. "
    "Sie wurde vollständig zurückgenommen; das Projekt ist unverändert."
)
TODO = (
    "Schaffen Sie Platz auf dem Laufwerk (oder bitten Sie die IT darum) und wiederholen Sie "
    "die Änderung."
)
NO_LIMIT = 2**32  # SQLite caps this at its largest page count


# about project files (their bytes, lock, backup folder); the server has tests/test_server.py
pytestmark = pytest.mark.file_only


def dump(where: Any) -> str:
    return dbstate.dump(where)


def fill_up(project: Project) -> int:
    """Make the disk "full": no page may be added to the file any more."""
    with project.session() as session:
        connection = session.connection()
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
    assert limit(project) == pages  # the next session gets the same, limited connection
    return pages


def limit(project: Project) -> int:
    with project.session(rollback=True) as session:
        return session.connection().exec_driver_sql("PRAGMA max_page_count").scalar()


def make_room(project: Project) -> None:
    with project.session() as session:
        session.connection().exec_driver_sql(f"PRAGMA max_page_count = {NO_LIMIT}")
    assert limit(project) > 1_000_000


def add_tasks(project: Project, count: int, size: int = 2000) -> None:
    now = datetime.now(UTC)
    with project.session() as session:
        session.add_all(
            Task(step=0, title=f"{i} " + "Platz " * (size // 6), created_at=now)
            for i in range(count)
        )


def check_refused(error: ProjectError) -> None:
    assert isinstance(error, DiskFullError)
    assert error.what == WHAT and error.todo == TODO
    assert error.title == "Speicherplatz voll"


def test_a_write_that_does_not_fit_is_refused_and_changes_nothing(project: Project) -> None:
    before = dump(project)
    fill_up(project)
    with pytest.raises(DiskFullError) as info:
        add_tasks(project, 2000)
    check_refused(info.value)
    assert dump(project) == before
    assert project.changes == 1  # only fill_up's (empty) transaction counted

    # still usable: a change that needs no new page fits even now (0 and 1 take no bytes in a
    # SQLite record, so flipping a flag never grows a page) …
    with project.session() as session:
        service = session.get(Service, 1)
        flag = service.sdg1
        service.sdg1 = not flag
    # … and after making room, the large write goes through
    make_room(project)
    add_tasks(project, 2000)
    with project.reading() as conn:
        assert conn.execute("SELECT count(*) FROM task").fetchone()[0] == 2000
        assert conn.execute("SELECT sdg1 FROM service WHERE id = 1").fetchone()[0] == (not flag)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_bulk_decision_on_a_full_disk_is_refused_as_a_whole(project: Project) -> None:
    with project.reading() as conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM service ORDER BY id")]
    assert len(ids) > 5000
    before = dump(project)
    fill_up(project)
    reason = "Entscheidung der Lenkungsgruppe vom 20.11.2026, Protokoll Punkt 4"
    with pytest.raises(DiskFullError) as info:
        relevance.decide(project, ids, relevance.NOT_RELEVANT, reason)
    check_refused(info.value)
    assert dump(project) == before  # not a single service changed

    # a new session of a re-opened project has a fresh connection without the limit
    path = project.path
    project.close()
    with Project.open(path) as reopened:
        assert limit(reopened) > 1_000_000
        relevance.decide(reopened, ids, relevance.NOT_RELEVANT, reason)
        with reopened.reading() as conn:
            assert conn.execute(
                "SELECT count(*) FROM service WHERE relevance_reason = ?", (reason,)
            ).fetchone()[0] == len(ids)


def test_an_import_into_a_full_project_is_refused_and_changes_nothing(
    project: Project, tmp_path: Path
) -> None:
    rows = [
        [f"98{n // 900 + 1:03d}{n % 900 + 1:03d}000000", f"Neue Leistung {n}"] for n in range(3000)
    ]
    listing = fx.write_csv(
        tmp_path / "neu.csv", [["Leistungsschlüssel", "Leistungsbezeichnung"], *rows], separator=";"
    )
    plan = analyse(listing, project=project, source_label="Kreisliste")
    assert plan.ok and len(plan.checked.records) == 3000 and not plan.errors
    before = dump(project)
    fill_up(project)
    backups_before = set(project.backup_folder().iterdir())
    with pytest.raises(DiskFullError) as info:
        run_import(project, plan)
    check_refused(info.value)
    assert dump(project) == before
    # the backup taken before the import holds exactly the unchanged project
    (backup,) = set(project.backup_folder().iterdir()) - backups_before
    assert "vor-Import" in backup.name and dump(backup) == before

    make_room(project)
    report = run_import(project, plan)
    assert report.committed and report.added == 3000
    with project.reading() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
