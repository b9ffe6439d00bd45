"""The backups of a project: where they live, which are kept, what each contains.

Backups live in the user's data folder (never beside a project on a share), in
one folder per project file (by its name and location; after moving a file its
older backups are still found by name, see :func:`find_for_path`). Each is made with SQLite's backup API and verified before it counts
(see :mod:`store.backup`). Kept: the newest 10, plus the newest of each of the
last 7 days and of each of the last 4 weeks; older ones are removed only after
a new backup has been verified.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from ozgdesk import paths
from ozgdesk.store.backup import backup_name, copy_database
from ozgdesk.store.connection import read_only_uri
from ozgdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION

log = logging.getLogger(__name__)

KEEP_LAST = 10
KEEP_DAYS = 7
KEEP_WEEKS = 4
STALE_TEMP_SECONDS = 3600  # no backup takes that long: an older temporary copy is left over
# "<stem>-<YYYYmmdd-HHMMSS>[-<microseconds>]-<reason>.ozgdesk"; the stem may itself contain
# a stamp (a copy saved as "Ahaus-20250101-080000"), so the last stamp is the backup's.
_STAMP = re.compile(r"^(.*)-(\d{8}-\d{6})(?:-(\d{6}))?-(.+)\.ozgdesk$")
_COUNT_TABLES = (
    ("services", "SELECT count(*) FROM service"),
    ("relevant", "SELECT count(*) FROM service WHERE relevance = 'relevant'"),
    ("offices", "SELECT count(*) FROM office"),
    ("workshops", "SELECT count(*) FROM workshop"),
    ("plans", "SELECT count(*) FROM service_plan"),
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    schema_version: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    ok: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "created": self.created.isoformat(timespec="seconds"),
            "reason": self.reason,
            "size": self.size,
            "schema_version": self.schema_version,
            "counts": self.counts,
            "ok": self.ok,
        }


def folder_for(project_path: Path) -> Path:
    """The backup folder of one project file."""
    import hashlib

    location = hashlib.sha1(str(Path(project_path).absolute()).encode("utf-8")).hexdigest()[:10]
    stem = re.sub(r"[^\w.-]+", "_", Path(project_path).stem)
    key = f"{stem}-{location}"
    folder = paths.backups_dir() / key
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def create(source: sqlite3.Connection, project_path: Path, reason: str) -> Path:
    """Make, verify and register a backup; then thin out older ones."""
    dest = folder_for(project_path) / backup_name(project_path, reason)
    copy_database(source, dest)
    log.info("Sicherung %s angelegt (%s)", dest, reason)
    with contextlib.suppress(OSError):
        prune(dest.parent)
    return dest


def _created(path: Path) -> datetime:
    match = _STAMP.search(path.name)
    if match:
        with contextlib.suppress(ValueError):
            created = datetime.strptime(match.group(2), "%Y%m%d-%H%M%S")
            # microseconds order several backups made within one second
            return created.replace(microsecond=int(match.group(3) or 0))
    return datetime.fromtimestamp(path.stat().st_mtime)


def _reason(path: Path) -> str:
    match = _STAMP.search(path.name)
    return match.group(4) if match else ""


def files(folder: Path) -> list[Path]:
    """Backup files of a folder, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*{paths.PROJECT_SUFFIX}") if not p.name.startswith(".")]
    return sorted(found, key=lambda p: (_created(p), p.stat().st_mtime), reverse=True)


def keep(candidates: list[Path], now: datetime | None = None) -> set[Path]:
    """Which backups the rotation keeps (see module docstring)."""
    now = now or datetime.now()
    ordered = sorted(candidates, key=_created, reverse=True)
    kept = set(ordered[:KEEP_LAST])
    days: set[object] = set()
    weeks: set[object] = set()
    for path in ordered:
        created = _created(path)
        age = now - created
        if age <= timedelta(days=KEEP_DAYS) and created.date() not in days:
            days.add(created.date())
            kept.add(path)
        week = created.isocalendar()[:2]
        if age <= timedelta(weeks=KEEP_WEEKS) and week not in weeks:
            weeks.add(week)
            kept.add(path)
    return kept


def prune(folder: Path, now: datetime | None = None) -> list[Path]:
    """Remove backups the rotation does not keep; returns the removed ones."""
    all_files = files(folder)
    kept = keep(all_files, now)
    removed = []
    for path in all_files:
        if path not in kept:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    # half-written copies of a backup cut off by a crash (".<name>.<pid>.tmp", never offered)
    stale = datetime.now().timestamp() - STALE_TEMP_SECONDS
    for path in folder.glob(f".*{paths.PROJECT_SUFFIX}.*.tmp"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < stale:
                path.unlink()
                removed.append(path)
    return removed


def inspect(path: Path) -> BackupInfo:
    """Date, size and contents of one backup (opened read-only; never changed)."""
    size = path.stat().st_size
    created, reason = _created(path), _reason(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return BackupInfo(path, created, reason, size, ok=False)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return BackupInfo(path, created, reason, size, ok=False)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        counts = {}
        for name, sql in _COUNT_TABLES:
            with contextlib.suppress(sqlite3.Error):
                counts[name] = conn.execute(sql).fetchone()[0]
        # a damaged file may still answer the counts: only a sound one is offered
        sound = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        ok = sound and version <= SCHEMA_VERSION
        return BackupInfo(path, created, reason, size, version, counts, ok)
    except sqlite3.Error:
        return BackupInfo(path, created, reason, size, ok=False)
    finally:
        conn.close()


def verify(path: Path) -> str:
    """'' when ``path`` is a sound ozgdesk backup this version can use, else a German reason."""
    from ozgdesk.errortext import phrase

    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return f"Die Sicherung lässt sich nicht öffnen: {phrase(str(exc))}"
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return "Die Datei ist keine Sicherung eines ozgdesk-Projekts."
        if conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
            return "Die Sicherung stammt aus einer neueren ozgdesk-Version."
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        return "" if result == "ok" else f"Die Sicherung ist beschädigt ({result})."
    except sqlite3.Error as exc:
        return f"Die Sicherung ist beschädigt: {phrase(str(exc))}"
    finally:
        conn.close()


def find_for_path(project_path: Path) -> list[Path]:
    """Backups of a project found by its file name (when the file itself cannot be
    read any more), newest first, across all backup folders."""
    stem = re.sub(r"[^\w.-]+", "_", Path(project_path).stem)
    found = [
        path
        for folder in paths.backups_dir().iterdir()
        if folder.is_dir()
        for path in folder.glob(f"{stem}-*{paths.PROJECT_SUFFIX}")
        if (match := _STAMP.match(path.name)) and match.group(1) == stem  # not "Ahaus-Kopie"
    ]
    return sorted(found, key=_created, reverse=True)


def newest_usable(project_path: Path) -> Path | None:
    for candidate in find_for_path(project_path):
        if not verify(candidate):
            return candidate
    return None


def recover(project_path: Path, backup: Path) -> Path:
    """Put ``backup`` in place of a damaged project file. The damaged file is kept
    under a new name (never deleted); returns that name."""
    import os

    project_path = Path(project_path)
    problem = verify(backup)
    if problem:
        raise ValueError(problem)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = project_path.with_name(f"{project_path.stem}.beschaedigt-{stamp}{project_path.suffix}")
    os.replace(project_path, kept)
    journal = project_path.with_name(project_path.name + "-journal")
    if journal.exists():
        os.replace(journal, kept.with_name(kept.name + "-journal"))
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        copy_database(source, project_path)
    finally:
        source.close()
    return kept


def municipality_of(path: Path) -> str:
    """The municipality a project file or backup belongs to ('' if it cannot be read)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return ""
    try:
        row = conn.execute("SELECT municipality FROM project_info ORDER BY id LIMIT 1").fetchone()
        return str(row[0]).strip() if row and row[0] else ""
    except sqlite3.Error:
        return ""
    finally:
        conn.close()


def foreign_warning(project_path: Path, backup: Path) -> str:
    """A German warning when ``backup`` belongs to another municipality than the project
    at ``project_path`` (e.g. a backup found by file name only), else ''."""
    ours, theirs = municipality_of(project_path), municipality_of(backup)
    if not ours or not theirs or ours.casefold() == theirs.casefold():
        return ""
    return (
        f"Achtung: Die Sicherung gehört zu „{theirs}“, das Projekt aber zu „{ours}“. "
        f"Nach dem Wiederherstellen enthält das Projekt die Daten von „{theirs}“."
    )


def restore_damaged(project_path: Path, backup: Path) -> Path:
    """Put ``backup`` in place of a damaged project file, holding the project's lock
    meanwhile (no one else may have it open); returns where the damaged file was kept."""
    from ozgdesk.store.errors import CorruptProjectError
    from ozgdesk.store.lock import ProjectLock

    problem = verify(backup)
    if problem:
        raise CorruptProjectError(backup, problem)
    lock = ProjectLock(Path(project_path).absolute())
    lock.acquire()
    try:
        return recover(project_path, backup)
    finally:
        lock.release()
