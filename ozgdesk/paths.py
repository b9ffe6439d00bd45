"""Where things live: bundled resources and the user's folders.

Resources are found in this order: a PyInstaller bundle (``sys._MEIPASS``), an
installed package (``ozgdesk/resources``, put there by the wheel build) and the
source tree (``resources/`` beside the package).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ozgdesk import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_SUFFIX = ".ozgdesk"


def resources_dir() -> Path:
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(_PACKAGE_DIR / "resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")
    for candidate in candidates:
        if (candidate / "catalogue").is_dir():
            return candidate
    raise FileNotFoundError(
        "Die mitgelieferten Daten von ozgdesk wurden nicht gefunden "
        f"(gesucht in: {', '.join(str(c) for c in candidates)}). "
        "Bitte installieren Sie ozgdesk neu."
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def _override(name: str) -> Path | None:
    """Tests and portable installs may redirect the user folders."""
    value = os.environ.get(name)
    return Path(value) if value else None


def user_data_dir() -> Path:
    path = _override("OZGDESK_DATA_DIR")
    if path is None:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = _override("OZGDESK_LOG_DIR")
    if path is None:
        import platformdirs

        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_file() -> Path | None:
    """Where the UI state (QSettings) goes when redirected: ``OZGDESK_CONFIG_DIR`` (tests, the
    bundle's smoke test, portable installs) holds an ``ozgdesk.ini``; None means the platform's
    own place (registry on Windows, ~/.config/ozgdesk on Linux)."""
    path = _override("OZGDESK_CONFIG_DIR")
    if path is None:
        return None
    path.mkdir(parents=True, exist_ok=True)
    return path / "ozgdesk.ini"


def log_file() -> Path:
    return log_dir() / "ozgdesk.log"


def documents_dir() -> Path:
    path = _override("OZGDESK_DOCUMENTS_DIR")
    if path is None:
        import platformdirs

        path = Path(platformdirs.user_documents_dir())
    return path


def default_project_path(municipality: str) -> Path:
    """Suggested place for a new project: <Documents>/ozgdesk/<Name>.ozgdesk."""
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in municipality).strip()
    return documents_dir() / "ozgdesk" / f"{safe or 'Projekt'}{PROJECT_SUFFIX}"
