"""Data safety for the GUI: backups of a project file and where a file lives.

The widgets ask this module, never the store directly, so that the direction
ui → workflow → store holds for backups as for everything else.
"""

from __future__ import annotations

from pathlib import Path

from ozgdesk.store import backups
from ozgdesk.store.backups import BackupInfo
from ozgdesk.store.location import is_network_path

__all__ = [
    "BackupInfo",
    "backup_list",
    "foreign_warning",
    "inspect",
    "is_network_path",
    "newest_usable",
    "recover",
]


def backup_list(folder: Path) -> list[BackupInfo]:
    """Every backup in *folder*, newest first, with what it holds."""
    return [backups.inspect(path) for path in backups.files(folder)]


def inspect(path: Path) -> BackupInfo:
    return backups.inspect(path)


def newest_usable(path: Path) -> Path | None:
    """The newest backup of the project file *path* that passes the integrity check."""
    return backups.newest_usable(path)


def recover(path: Path, backup: Path) -> Path:
    """Put *backup* in place of the damaged *path*; return where the damaged file was kept."""
    return backups.recover(path, backup)


def foreign_warning(project_path: Path, backup: Path) -> str:
    """A warning when *backup* belongs to another municipality than the project, else ''."""
    return backups.foreign_warning(project_path, backup)
