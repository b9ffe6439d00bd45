"""The project file: pragmas, identification, refusal of foreign and newer files, lock."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ozgdesk.store.errors import (
    CorruptProjectError,
    NewerSchemaError,
    NotAProjectError,
    ProjectExistsError,
    ProjectLockedError,
    ProjectNotFoundError,
)
from ozgdesk.store.lock import lock_path_for
from ozgdesk.store.project import Project
from ozgdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION
from ozgdesk.workflow.projects import create_project
from tests import dbstate

# about project files (their bytes, lock, backup folder); the server has tests/test_server.py
pytestmark = pytest.mark.file_only


def _digest(path: Path) -> bytes:
    return path.read_bytes()


def test_new_project_is_marked_and_at_current_schema(empty_project: Project) -> None:
    conn = sqlite3.connect(empty_project.path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT municipality FROM project_info").fetchone()[0] == "Testdorf"
    finally:
        conn.close()
    assert empty_project.schema_version == SCHEMA_VERSION


def test_engine_connections_carry_pragmas(empty_project: Project) -> None:
    with empty_project.session() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"


def test_foreign_keys_are_enforced(empty_project: Project) -> None:
    from sqlalchemy.exc import IntegrityError

    from ozgdesk.store.models import ServiceOzg

    with pytest.raises(IntegrityError), empty_project.session() as session:
        session.add(ServiceOzg(service_id=999, ozg_service_id=999))


def test_session_commits_at_once_and_rolls_back_on_error(empty_project: Project) -> None:
    from ozgdesk.store.models import Themenfeld

    with empty_project.session() as session:
        session.add(Themenfeld(name="Bauen & Wohnen"))
    with pytest.raises(RuntimeError), empty_project.session() as session:
        session.add(Themenfeld(name="Umwelt"))
        session.flush()
        raise RuntimeError("Abbruch mitten in der Änderung")
    # a second, independent connection sees exactly the committed state
    conn = sqlite3.connect(empty_project.path)
    try:
        assert [r[0] for r in conn.execute("SELECT name FROM themenfeld")] == ["Bauen & Wohnen"]
    finally:
        conn.close()


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "vorhanden.ozgdesk"
    target.write_text("wichtige Daten")
    with pytest.raises(ProjectExistsError):
        create_project(target, "Ahaus", with_catalogue=False)
    assert target.read_text() == "wichtige Daten"


def test_failed_creation_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "neu.ozgdesk"

    def broken(session):  # type: ignore[no-untyped-def]
        raise RuntimeError("Fehler beim Befüllen")

    with pytest.raises(RuntimeError):
        Project.create(target, "Ahaus", populate=broken)
    assert list(tmp_path.iterdir()) == []


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ProjectNotFoundError) as info:
        Project.open(tmp_path / "weg.ozgdesk")
    assert "gibt es nicht" in info.value.what


@pytest.mark.parametrize(
    "content, hint",
    [
        (b"", "leer"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, ""),
        ("Leistungsschlüssel;Leistung\n99012001000000;Abbruch\n".encode("cp1252"), ""),
    ],
    ids=["empty", "picture", "csv"],
)
def test_non_sqlite_files_are_refused_unchanged(tmp_path: Path, content: bytes, hint: str) -> None:
    target = tmp_path / "fremd.ozgdesk"
    target.write_bytes(content)
    with pytest.raises(NotAProjectError) as info:
        Project.open(target)
    assert "keine ozgdesk-Projektdatei" in info.value.what
    assert hint in info.value.what
    assert target.read_bytes() == content
    assert not lock_path_for(target).exists()


def test_foreign_sqlite_database_is_refused_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "fremd.sqlite"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO kunden (name) VALUES ('Meier')")
    conn.commit()
    conn.close()
    before = _digest(target)
    with pytest.raises(NotAProjectError) as info:
        Project.open(target)
    assert "anderen Programms" in info.value.what
    assert _digest(target) == before
    assert not lock_path_for(target).exists()


def test_newer_schema_is_refused_unchanged(catalogue_path: Path) -> None:
    conn = sqlite3.connect(catalogue_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(catalogue_path)
    with pytest.raises(NewerSchemaError) as info:
        Project.open(catalogue_path)
    assert "neueren ozgdesk-Version" in info.value.what
    assert info.value.file_version == SCHEMA_VERSION + 1
    assert _digest(catalogue_path) == before
    with pytest.raises(NewerSchemaError):
        Project.open(catalogue_path, read_only=True)


def test_corrupt_file_is_refused_and_kept(catalogue_path: Path) -> None:
    data = bytearray(catalogue_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # overwrite a few pages in the middle of the file with garbage, keep the header
    for offset in range(page_size * 20, page_size * 40):
        data[offset] = 0x5A
    catalogue_path.write_bytes(bytes(data))
    with pytest.raises(CorruptProjectError) as info:
        Project.open(catalogue_path)
    assert "beschädigt" in info.value.what
    assert catalogue_path.read_bytes() == bytes(data)
    assert not lock_path_for(catalogue_path).exists()


def test_second_opener_is_told_who_holds_the_file(catalogue_path: Path) -> None:
    code = (
        "import sys, time\n"
        "from ozgdesk.store.project import Project\n"
        f"p = Project.open({str(catalogue_path)!r})\n"
        "print('offen', flush=True)\n"
        "sys.stdin.readline()\n"
        "p.close()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "offen"
        lock = json.loads(lock_path_for(catalogue_path).read_text(encoding="utf-8"))
        with pytest.raises(ProjectLockedError) as info:
            Project.open(catalogue_path)
        message = info.value.what
        assert lock["user"] in message
        assert lock["host"] in message
        assert " seit " in message
        # reading is still possible while someone else writes
        with Project.open(catalogue_path, read_only=True) as reader:
            assert reader.read_only
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
        holder.stdin.close()
        if holder.stdout is not None:
            holder.stdout.close()
    assert not lock_path_for(catalogue_path).exists()
    Project.open(catalogue_path).close()


def test_same_process_cannot_open_twice(project: Project) -> None:
    with pytest.raises(ProjectLockedError):
        dbstate.reopen(project)


def test_stale_lock_of_dead_process_is_taken_over(catalogue_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    import socket

    lock_path_for(catalogue_path).write_text(
        json.dumps(
            {
                "user": "alt",
                "host": socket.gethostname(),
                "pid": dead.pid,
                "since": "2026-01-01T08:00:00",
            }
        ),
        encoding="utf-8",
    )
    with Project.open(catalogue_path) as opened:
        holder = json.loads(lock_path_for(catalogue_path).read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid()
        assert not opened.read_only


def test_lock_of_other_machine_is_respected(catalogue_path: Path) -> None:
    lock_path_for(catalogue_path).write_text(
        json.dumps(
            {
                "user": "k.mueller",
                "host": "RATHAUS-PC-07",
                "pid": 4242,
                "since": "2026-11-20T09:15:00",
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ProjectLockedError) as info:
        Project.open(catalogue_path)
    assert "k.mueller" in info.value.what
    assert "RATHAUS-PC-07" in info.value.what
    assert "20.11.2026 um 09:15 Uhr" in info.value.what
    assert lock_path_for(catalogue_path).exists()


def test_read_only_project_refuses_writes(catalogue_path: Path) -> None:
    from ozgdesk.store.errors import ReadOnlyError
    from ozgdesk.store.models import Themenfeld

    before = _digest(catalogue_path)
    with Project.open(catalogue_path, read_only=True) as opened:
        assert not lock_path_for(catalogue_path).exists()
        with pytest.raises(ReadOnlyError), opened.session() as session:
            session.add(Themenfeld(name="Neu"))
    assert _digest(catalogue_path) == before


def test_save_copy_is_a_complete_project(project: Project, tmp_path: Path) -> None:
    target = project.save_copy(tmp_path / "kopie" / "Ahaus-Kopie.ozgdesk")
    with Project.open(target) as copy, copy.reading() as conn:
        assert conn.execute("SELECT count(*) FROM service").fetchone()[0] == 5247
        assert conn.execute("SELECT municipality FROM project_info").fetchone()[0] == "Ahaus"
    with pytest.raises(ProjectExistsError):
        project.save_copy(project.path)
