"""UI state kept between sessions (QSettings): recent files, last project, geometry.

Business data never goes here; it lives in the project file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        if settings is None:
            from ozgdesk.paths import settings_file

            redirected = settings_file()
            settings = (
                QSettings("ozgdesk", "ozgdesk")
                if redirected is None
                else QSettings(str(redirected), QSettings.Format.IniFormat)
            )
        self._s = settings

    @classmethod
    def at(cls, ini_file: Path) -> AppSettings:
        """Settings in an explicit .ini file (tests, portable use)."""
        return cls(QSettings(str(ini_file), QSettings.Format.IniFormat))

    def recent_files(self) -> list[Path]:
        value = self._s.value("recentFiles", [])
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(v) for v in values if isinstance(v, str) and v]

    def add_recent(self, path: Path) -> None:
        path = Path(path).absolute()
        files = [p for p in self.recent_files() if p != path]
        self._s.setValue("recentFiles", [str(p) for p in [path, *files][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != Path(path).absolute()]
        self._s.setValue("recentFiles", [str(p) for p in files])

    def recent_servers(self) -> list[str]:
        """Server addresses used before, newest first (never with a password: see
        store/server_address.py for where passwords come from)."""
        value = self._s.value("recentServers", [])
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [v for v in values if isinstance(v, str) and v]

    def add_recent_server(self, display: str) -> None:
        from ozgdesk.workflow.servers import redact

        display = redact(display)
        servers = [s for s in self.recent_servers() if s != display]
        self._s.setValue("recentServers", [display, *servers][:MAX_RECENT])

    def last_project(self) -> Path | None:
        value = self._s.value("lastProject", "")
        return Path(value) if isinstance(value, str) and value else None

    def set_last_project(self, path: Path | None) -> None:
        self._s.setValue("lastProject", str(path) if path else "")

    def geometry(self) -> QByteArray | None:
        value = self._s.value("mainWindow/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, data: QByteArray) -> None:
        self._s.setValue("mainWindow/geometry", data)

    def network_choice(self, path: Path) -> int | None:
        """How the user chose to work with a project on a network share (asked once)."""
        value = self._s.value(f"network/{_key(path)}", None)
        return int(value) if isinstance(value, (int, str)) and value != "" else None

    def set_network_choice(self, path: Path, choice: int) -> None:
        self._s.setValue(f"network/{_key(path)}", choice)

    def sync(self) -> None:
        self._s.sync()


def _key(path: Path) -> str:
    import hashlib

    return hashlib.sha1(str(Path(path).absolute()).encode("utf-8")).hexdigest()
