"""OZGDESK_CONFIG_DIR keeps the UI state (QSettings) out of the user's own settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray

from ozgdesk.ui.settings import AppSettings


def test_settings_go_to_the_redirected_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("OZGDESK_CONFIG_DIR", str(tmp_path / "config"))
    settings = AppSettings()
    settings.set_geometry(QByteArray(b"geometry"))
    settings.add_recent(tmp_path / "a.ozgdesk")
    settings.sync()
    ini = tmp_path / "config" / "ozgdesk.ini"
    assert ini.is_file() and "geometry" in ini.read_text(encoding="utf-8")
    assert AppSettings().recent_files() == [(tmp_path / "a.ozgdesk").absolute()]
