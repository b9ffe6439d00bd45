"""One writer at a time: a lock file beside the project file.

``Gemeinde.ozgdesk`` gets ``Gemeinde.ozgdesk.lock`` holding who has the project
open (user, machine, process, since when). A second opener reads it and is told
who holds the file. A lock left behind by a crashed process on the same machine
is recognised (its process no longer runs) and taken over.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ozgdesk.store.errors import ProjectLockedError, ReadOnlyError

log = logging.getLogger(__name__)


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
        host=socket.gethostname(),
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
        data = json.loads(lock_path.read_text(encoding="utf-8"))
        return LockHolder(
            user=str(data.get("user", "")),
            host=str(data.get("host", "")),
            pid=int(data.get("pid", 0)),
            since=str(data.get("since", "")),
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def is_stale(holder: LockHolder | None) -> bool:
    """A lock is stale when its process on this machine no longer runs.

    Locks from other machines cannot be checked from here and count as live.
    An unreadable lock file (e.g. half-written during a crash) counts as stale.
    """
    if holder is None:
        return True
    if holder.host != socket.gethostname():
        return False
    if holder.pid == os.getpid():
        return False
    return not _pid_alive(holder.pid)


class ProjectLock:
    """The lock on one project file; release it with :meth:`release`."""

    def __init__(self, project_path: Path) -> None:
        self.project_path = project_path
        self.path = lock_path_for(project_path)
        self.holder: LockHolder | None = None

    def acquire(self) -> None:
        me = _me()
        payload = json.dumps(asdict(me), ensure_ascii=False).encode("utf-8")
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_holder(self.path)
                if holder is not None and holder.pid == me.pid and holder.host == me.host:
                    raise ProjectLockedError(
                        self.project_path, "in diesem Fenster von ozgdesk"
                    ) from None
                if is_stale(holder):
                    log.warning("Verwaiste Sperrdatei %s übernommen (%s)", self.path, holder)
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                    continue
                assert holder is not None
                raise ProjectLockedError(self.project_path, holder.describe()) from None
            except PermissionError as exc:
                raise ReadOnlyError(self.project_path) from exc
            try:
                os.write(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
            self.holder = me
            return
        raise ProjectLockedError(self.project_path, "von einem anderen Vorgang")

    def release(self) -> None:
        if self.holder is None:
            return
        current = read_holder(self.path)
        if (
            current is not None
            and current.pid == self.holder.pid
            and current.host == self.holder.host
        ):
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.holder = None
