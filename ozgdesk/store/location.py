"""Where a project file lives: local disk or a network share.

SQLite's locking is unreliable on many network file systems, so ozgdesk tells
the user and offers to work on a local copy (see Project.open_working_copy).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "afs",
    "ncpfs",
    "9p",
    "ceph",
    "glusterfs",
    "fuse.sshfs",
    "fuse.glusterfs",
    "fuse.s3fs",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
    "lustre",
    "gpfs",
}


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive:
        return False
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # exists on Windows only
    return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_remote)


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) from /proc/mounts, longest mount point first."""
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((parts[1].replace("\\040", " "), parts[2]))
    return sorted(mounts, key=lambda m: len(m[0]), reverse=True)


def filesystem_of(path: Path) -> str:
    resolved = str(Path(path).resolve())
    for mount_point, fs_type in _mounts():
        if resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/"):
            return fs_type
    return ""


def is_network_path(path: Path | str) -> bool:
    """UNC paths, mapped network drives (Windows) and network mounts (Linux)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_drive_is_remote(Path(text))
    return filesystem_of(Path(text)) in NETWORK_FILESYSTEMS
