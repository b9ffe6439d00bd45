"""Backups: where they live, which the rotation keeps, that each is verified, that a
damaged one is never offered, and that restoring brings back exactly the backup after
a safety backup of the current state – in the API and through the command line."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ozgdesk import paths
from ozgdesk.store import backups
from ozgdesk.store.errors import (
    CorruptProjectError,
    NewerSchemaError,
    NotAProjectError,
    ProjectError,
)
from ozgdesk.store.project import Project
from ozgdesk.store.schema import SCHEMA_VERSION
from ozgdesk.workflow import relevance
from tests import dbstate
from tests.conftest import copy_project

ROOT = Path(__file__).resolve().parents[1]


# about project files (their bytes, lock, backup folder); the server has tests/test_server.py
pytestmark = pytest.mark.file_only


def dump(where: Any) -> str:
    return dbstate.dump(where)


def stamp(when: datetime) -> str:
    return when.strftime("%Y%m%d-%H%M%S-%f")


def named(folder: Path, when: datetime, reason: str = "manuell") -> Path:
    """An (empty) file named like a real backup made at ``when``."""
    path = folder / f"Ahaus-{stamp(when)}-{reason}.ozgdesk"
    path.touch()
    return path


def change(project: Project) -> None:
    with project.reading() as conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM service ORDER BY id LIMIT 3000")]
    relevance.decide(project, ids, relevance.RELEVANT, "nach der Sicherung entschieden")


# -- rotation -----------------------------------------------------------------------------


def test_rotation_keeps_last_ten_one_per_day_for_a_week_one_per_week_for_four(
    tmp_path: Path,
) -> None:
    now = datetime(2026, 11, 22, 20, 0)  # a Sunday (ISO week 47)
    folder = tmp_path / "sicherungen"
    folder.mkdir()
    today = [named(folder, now.replace(hour=h)) for h in range(8, 20)]  # 12 backups today
    earlier = {
        (days, hour): named(folder, (now - timedelta(days=days)).replace(hour=hour))
        for days in range(1, 41)
        for hour in (9, 17)
    }
    assert len(backups.files(folder)) == 12 + 80
    expected = (
        set(today[2:])  # the newest 10 (10:00 … 19:00 today; 08:00 and 09:00 go)
        # newest of each day of the last 7 days (16.–21.11.; the 15th at 17:00 is 7 days 3 hours old)
        | {earlier[(days, 17)] for days in range(1, 7)}
        # newest of each week of the last 4 weeks: weeks 46, 45, 44 (week 47 is today's);
        # week 43 ends with 25.10. 17:00, 28 days 3 hours ago
        | {earlier[(7, 17)], earlier[(14, 17)], earlier[(21, 17)]}
    )
    assert backups.keep(backups.files(folder), now) == expected
    removed = backups.prune(folder, now)
    assert len(removed) == 12 + 80 - 19
    assert set(backups.files(folder)) == expected
    assert backups.prune(folder, now) == []  # stable: nothing more to remove
    # a week later, without new backups: the last 10 stay, whatever their age
    later = backups.keep(backups.files(folder), now + timedelta(days=60))
    assert later == set(today[2:])


def test_a_new_backup_thins_out_the_folder(project: Project) -> None:
    folder = project.backup_folder()
    old = [named(folder, datetime(2025, 1, 1, 8, 0) + timedelta(hours=n)) for n in range(15)]
    new = project.backup("manuell")
    remaining = backups.files(folder)
    assert remaining[0] == new
    assert remaining[1:] == sorted(old[-9:], reverse=True)  # the newest 10 overall


def test_copies_left_over_by_a_crash_during_a_backup_are_removed(project: Project) -> None:
    """A backup is first written as ".<name>.<pid>.tmp"; a crash leaves that behind (see
    test_crash_safety). It is never offered, and the next backup removes it once it is
    older than any backup could take."""
    folder = project.backup_folder()
    stale = folder / f".Ahaus-{stamp(datetime(2026, 1, 5, 9, 0))}-vor-Import.ozgdesk.4242.tmp"
    fresh = folder / f".Ahaus-{stamp(datetime.now())}-manuell.ozgdesk.4243.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"SQLite format 3\x00 halb geschrieben")
    hour_ago = datetime.now().timestamp() - backups.STALE_TEMP_SECONDS - 60
    os.utime(stale, (hour_ago, hour_ago))
    assert stale not in backups.files(folder) and fresh not in backups.files(folder)
    project.backup("manuell")
    assert not stale.exists()
    assert fresh.exists()  # perhaps still being written by another process


def test_a_timestamp_in_the_project_name_does_not_confuse_the_rotation(
    catalogue_template: Path, tmp_path: Path
) -> None:
    """A copy saved as "Ahaus-20250101-080000" (or a kept damaged file
    "Ahaus.beschaedigt-20250101-080000"): its backups are still dated by their own stamp."""
    path = copy_project(catalogue_template, tmp_path / "Ahaus-20250101-080000.ozgdesk")
    with Project.open(path) as project:
        saved = project.backup("manuell")
    info = backups.inspect(saved)
    assert info.reason == "manuell"
    assert abs(info.created - datetime.now()) < timedelta(minutes=5)


def test_recovery_offers_a_backup_of_this_project_only(
    catalogue_template: Path, tmp_path: Path
) -> None:
    """A damaged "Ahaus" is offered the newest sound backup of "Ahaus" – not one of the
    newer "Ahaus-Kopie" that happens to start with the same name."""
    ahaus = copy_project(catalogue_template, tmp_path / "Ahaus.ozgdesk")
    copy = copy_project(catalogue_template, tmp_path / "Ahaus-Kopie.ozgdesk")
    with Project.open(ahaus) as project:
        older = project.backup("manuell")
        newest = project.backup("manuell")
    with Project.open(copy) as project:
        other = project.backup("manuell")
    data = bytearray(newest.read_bytes())
    newest.write_bytes(bytes(_garbage_page(data, len(data) // 4096 // 2)))
    assert other not in backups.find_for_path(ahaus)
    assert backups.find_for_path(ahaus)[:2] == [newest, older]
    assert backups.newest_usable(ahaus) == older  # the damaged newest one is passed over
    assert backups.newest_usable(copy) == other


# -- where backups live, verification -----------------------------------------------------


def test_backups_live_in_the_user_data_folder_not_beside_the_project(project: Project) -> None:
    data = Path(os.environ["OZGDESK_DATA_DIR"]).resolve()
    saved = project.backup("manuell")
    assert saved.resolve().is_relative_to(data / "backups")
    assert saved.parent == project.backup_folder() and saved.parent.parent == paths.backups_dir()
    beside = {p.name for p in project.path.parent.iterdir()}
    assert beside == {project.path.name, project.path.name + ".lock"}


def test_every_backup_is_verified_and_complete(project: Project) -> None:
    change(project)
    saved = project.backup("manuell")
    assert backups.verify(saved) == ""
    info = backups.inspect(saved)
    assert info.ok and info.reason == "manuell" and info.schema_version == SCHEMA_VERSION
    assert info.counts["services"] == 5247 and info.counts["relevant"] == 3000
    assert info.size == saved.stat().st_size
    conn = sqlite3.connect(f"file:{saved}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert dump(saved) == dump(project)
    assert not [p for p in saved.parent.iterdir() if p.name.startswith(".")]  # no leftovers


def _garbage_page(data: bytearray, page: int) -> bytearray:
    data[page * 4096 : (page + 1) * 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    return data


DAMAGE = {
    "abgeschnitten": lambda d: d[: len(d) // 2],
    "Seite in der Mitte": lambda d: _garbage_page(d, len(d) // 4096 // 2),
    "letzte Seite": lambda d: _garbage_page(d, len(d) // 4096 - 1),
    "Index-Seite": lambda d: _garbage_page(d, 5),
    "genullt": lambda d: d[:100] + bytearray(len(d) - 100),
    "leer": lambda d: bytearray(),
    "Text": lambda d: bytearray(b"Das ist keine Sicherung.\n" * 100),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_backup_is_not_offered(project: Project, kind: str) -> None:
    saved = project.backup("manuell")
    damaged = saved.with_name(saved.name.replace("manuell", "kaputt"))
    damaged.write_bytes(bytes(DAMAGE[kind](bytearray(saved.read_bytes()))))
    assert not backups.inspect(damaged).ok
    problem = backups.verify(damaged)
    assert problem.startswith("Die ") and problem.endswith(".")
    before = dump(project)
    with pytest.raises(ProjectError) as info:
        project.restore(damaged)
    assert info.value.path == damaged
    assert dump(project) == before
    assert backups.inspect(saved).ok  # the good one is still offered


# -- restore ------------------------------------------------------------------------------


def test_restore_takes_a_safety_backup_then_brings_back_the_backup(project: Project) -> None:
    saved = project.backup("manuell")
    backup_state = dump(saved)
    change(project)
    changed_state = dump(project)
    assert changed_state != backup_state

    safety = project.restore(saved)
    assert dump(project) == backup_state
    assert "vor-Wiederherstellung" in safety.name and safety.parent == project.backup_folder()
    assert backups.verify(safety) == "" and dump(safety) == changed_state
    assert dump(saved) == backup_state  # the backup itself is untouched
    assert project.schema_version == SCHEMA_VERSION and project.changes == 0
    # the project goes on working: reads see the restored data, writes are kept
    with project.reading() as conn:
        assert conn.execute("SELECT count(*) FROM service WHERE relevance != ''").fetchone()[0] == 0
    change(project)
    with project.reading() as conn:
        assert (
            conn.execute("SELECT count(*) FROM service WHERE relevance != ''").fetchone()[0] == 3000
        )
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_refuses_a_foreign_file(project: Project, tmp_path: Path) -> None:
    foreign = tmp_path / "kasse.ozgdesk"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE buchung (id INTEGER PRIMARY KEY, betrag REAL)")
    conn.commit()
    conn.close()
    before, folder_before = dump(project), set(project.backup_folder().iterdir())
    with pytest.raises(NotAProjectError) as info:
        project.restore(foreign)
    assert "keine ozgdesk-Projektdatei" in info.value.what
    assert "nicht verändert" in info.value.todo
    assert dump(project) == before
    assert set(project.backup_folder().iterdir()) == folder_before  # no safety backup either


def test_restore_refuses_a_backup_from_a_newer_version(project: Project, tmp_path: Path) -> None:
    newer = copy_project(project.path, tmp_path / "neuer.ozgdesk")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = dump(project)
    with pytest.raises(NewerSchemaError) as info:
        project.restore(newer)
    assert f"Datenformat {SCHEMA_VERSION + 1}" in info.value.what
    assert "neueren ozgdesk-Version" in info.value.what
    assert "aktuelle Version" in info.value.todo
    assert not backups.inspect(newer).ok
    assert dump(project) == before


def test_restore_from_a_path_with_special_characters(project: Project, tmp_path: Path) -> None:
    saved = project.backup("manuell")
    odd = tmp_path / "Sicherungen #2 (100%)" / "Stand 1?0 #1.ozgdesk"
    odd.parent.mkdir()
    shutil.copyfile(saved, odd)
    assert backups.verify(odd) == "" and backups.inspect(odd).ok
    change(project)
    project.restore(odd)
    assert dump(project) == dump(saved)


def test_a_damaged_backup_is_refused_as_damaged(project: Project) -> None:
    saved = project.backup("manuell")
    data = bytearray(saved.read_bytes())
    saved.write_bytes(bytes(_garbage_page(data, len(data) // 4096 // 2)))
    with pytest.raises(CorruptProjectError) as info:
        project.restore(saved)
    assert "beschädigt" in info.value.what


# -- the command line ---------------------------------------------------------------------


def ozgdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=120,
    )


def test_cli_backup_list_and_restore(catalogue_path: Path, tmp_path: Path) -> None:
    project = str(catalogue_path)
    made = ozgdesk("backup", "--project", project)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Sicherung angelegt: ")
    saved = Path(made.stdout.split(": ", 1)[1].strip())
    assert saved.is_file() and saved.resolve().is_relative_to(paths.backups_dir().resolve())
    backup_state = dump(saved)
    assert backup_state == dump(catalogue_path)

    listed = ozgdesk("backups", "--project", project, "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert Path(data["folder"]) == saved.parent
    (entry,) = [b for b in data["backups"] if Path(b["path"]) == saved]
    assert entry["ok"] is True and entry["reason"] == "manuell"
    assert entry["schema_version"] == SCHEMA_VERSION and entry["counts"]["services"] == 5247
    assert entry["size"] == saved.stat().st_size

    with Project.open(catalogue_path) as opened:
        change(opened)
    changed_state = dump(catalogue_path)

    foreign = tmp_path / "fremd.ozgdesk"
    foreign.write_text("keine Datenbank", encoding="utf-8")
    refused = ozgdesk("restore", "--project", project, "--backup", str(foreign))
    assert refused.returncode == 1
    assert "keine ozgdesk-Projektdatei" in refused.stderr and "Traceback" not in refused.stderr
    missing = ozgdesk("restore", "--project", project, "--backup", str(tmp_path / "weg.ozgdesk"))
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr
    assert dump(catalogue_path) == changed_state

    restored = ozgdesk("restore", "--project", project, "--backup", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert "wiederhergestellt" in restored.stdout
    safety = Path(restored.stdout.rsplit(": ", 1)[1].strip())
    assert dump(catalogue_path) == backup_state
    assert dump(safety) == changed_state

    again = json.loads(ozgdesk("backups", "--project", project, "--json").stdout)
    reasons = {Path(b["path"]): b["reason"] for b in again["backups"]}
    assert reasons[saved] == "manuell" and reasons[safety] == "vor-Wiederherstellung"
    assert all(b["ok"] for b in again["backups"])
