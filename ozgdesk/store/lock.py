"""One writer at a time: a lock file beside the project file.

``Gemeinde.ozgdesk`` gets ``Gemeinde.ozgdesk.lock`` holding who has the project
open (user, machine, process, since when). A second opener reads it and is told
who holds the file. A lock left behind by a crashed process on the same machine
is recognised (its process no longer runs) and taken over.

Taking the lock is atomic: the holder keeps an operating-system lock on the lock
file for the whole session (``flock`` on Linux/macOS, a byte-range lock on
Windows), which the system drops when the process ends, however it ends. Of
several processes opening the project at the same moment, even over a stale or
empty lock file, exactly one gets it; the others are told who holds it. The
JSON content still decides for locks of other machines (whose OS lock a share
may not pass on) and of older ozgdesk versions, and names the holder.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import logging
import os
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ozgdesk.store.errors import ProjectError, ProjectLockedError, ReadOnlyError

log = logging.getLogger(__name__)


def _host() -> str:
    """This computer's name (platform.node: os.uname on Linux and macOS, without importing
    socket at start-up; Windows' COMPUTERNAME otherwise)."""
    import platform

    return platform.node() or os.environ.get("COMPUTERNAME", "")


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str  # ISO 8601, local time

    def describe(self) -> str:
        try:
            since = datetime.fromisoformat(self.since).strftime("%d.%m.%Y um %H:%M Uhr")
        except ValueError:
            since = self.since or "unbekannt"
        return f"von {self.user or 'unbekannt'} auf dem Rechner {self.host or 'unbekannt'} seit {since}"


def lock_path_for(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".lock")


def _me() -> LockHolder:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems
        user = "unbekannt"
    return LockHolder(
        user=user,
        host=_host(),
        pid=os.getpid(),
        since=datetime.now().isoformat(timespec="seconds"),
    )


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        process_query_limited_information = 0x1000
        still_active = 259
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(lock_path: Path) -> LockHolder | None:
    try:
        with lock_path.open("rb") as fh:
            data = fh.read(1_000_001)
    except OSError:
        return None
    return None if len(data) > 1_000_000 else _parse(data)


def is_stale(holder: LockHolder | None) -> bool:
    """A lock is stale when its process on this machine no longer runs.

    Locks from other machines cannot be checked from here and count as live.
    An unreadable lock file (e.g. half-written during a crash) counts as stale.
    """
    if holder is None:
        return True
    if holder.host != _host():
        return False
    if holder.pid == os.getpid():
        return False
    return not _pid_alive(holder.pid)


_BUSY = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLK", -1)}
_WINDOWS_LOCK_OFFSET = 0x7FFF_FFFF  # a byte far past the content: readers are not blocked


def _os_lock(fd: int) -> bool:
    """Try to take the OS lock on ``fd`` without waiting: True if taken, False if another
    process holds it. Raises OSError where the file system has no such locks."""
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _BUSY:
            return False
        raise
    return True


def _same_file(fd: int, path: Path) -> bool:
    """Is ``fd`` still the file at ``path`` (not unlinked by the holder before us)?"""
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    if sys.platform == "win32":  # pragma: no cover - a held file cannot be deleted there
        return True
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _directory_error(project_path: Path, lock_path: Path) -> ProjectError:
    return ProjectError(
        project_path,
        f"Neben dem Projekt liegt ein Ordner „{lock_path.name}“, wo ozgdesk seine Sperrdatei "
        "anlegt; das Projekt kann deshalb nicht zum Bearbeiten geöffnet werden.",
        "Benennen Sie den Ordner um oder verschieben Sie ihn (er gehört nicht zu ozgdesk), "
        "oder öffnen Sie das Projekt schreibgeschützt zum Lesen.",
    )


class ProjectLock:
    """The lock on one project file; release it with :meth:`release`."""

    def __init__(self, project_path: Path) -> None:
        self.project_path = project_path
        self.path = lock_path_for(project_path)
        self.holder: LockHolder | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        me = _me()
        payload = json.dumps(asdict(me), ensure_ascii=False).encode("utf-8")
        for _attempt in range(20):
            fd = self._open()
            try:
                try:
                    locked = _os_lock(fd)
                except OSError:  # no OS locks here (some shares): the content decides alone
                    log.warning("Keine Dateisperre möglich für %s", self.path, exc_info=True)
                    locked = True
                if not locked:
                    raise self._held_by(me)
                if not _same_file(fd, self.path):
                    os.close(fd)  # the previous holder removed it just now: take the new one
                    continue
                holder = _read_fd(fd)
                if holder is not None and not is_stale(holder):
                    if holder.pid == me.pid and holder.host == me.host:
                        raise ProjectLockedError(self.project_path, "in diesem Fenster von ozgdesk")
                    raise ProjectLockedError(self.project_path, holder.describe())
                if holder is not None or os.fstat(fd).st_size:
                    log.warning("Verwaiste Sperrdatei %s übernommen (%s)", self.path, holder)
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)
                os.write(fd, payload)
                os.fsync(fd)
            except BaseException:
                os.close(fd)
                raise
            self._fd, fd = fd, -1
            self.holder = me
            return
        raise ProjectLockedError(self.project_path, "von einem anderen Vorgang")

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except IsADirectoryError:
            raise _directory_error(self.project_path, self.path) from None
        except PermissionError as exc:
            if self.path.is_dir():
                raise _directory_error(self.project_path, self.path) from None
            raise ReadOnlyError(self.project_path) from exc
        except OSError as exc:
            if exc.errno == errno.EROFS:  # a read-only file system (e.g. a CD, a locked stick)
                raise ReadOnlyError(self.project_path) from exc
            raise

    def _held_by(self, me: LockHolder) -> ProjectLockedError:
        holder = read_holder(self.path)
        if holder is None:
            return ProjectLockedError(self.project_path, "von einem anderen Vorgang")
        if holder.pid == me.pid and holder.host == me.host:
            return ProjectLockedError(self.project_path, "in diesem Fenster von ozgdesk")
        return ProjectLockedError(self.project_path, holder.describe())

    def release(self) -> None:
        if self.holder is None or self._fd is None:
            return
        fd, self._fd, self.holder = self._fd, None, None
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be deleted there
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return
        try:
            if _same_file(fd, self.path):
                with contextlib.suppress(OSError):
                    self.path.unlink()  # while still holding the OS lock
        finally:
            os.close(fd)


def _read_fd(fd: int) -> LockHolder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
        if sum(map(len, chunks)) > 1_000_000:
            return None
    return _parse(b"".join(chunks))


def _parse(data: bytes) -> LockHolder | None:
    try:
        parsed = json.loads(data.decode("utf-8"))
        return LockHolder(
            user=str(parsed.get("user", "")),
            host=str(parsed.get("host", "")),
            pid=int(parsed.get("pid", 0)),
            since=str(parsed.get("since", "")),
        )
    except (ValueError, TypeError, AttributeError):
        return None
