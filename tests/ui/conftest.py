"""GUI test helpers: settings in a temp ini file; message boxes must never block."""

from __future__ import annotations

from pathlib import Path

import pytest

from ozgdesk.ui import messages
from ozgdesk.ui.loader import Loader
from ozgdesk.ui.settings import AppSettings


@pytest.fixture(autouse=True)
def _pages_wait_for_their_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages wait for the loader's worker instead of showing their loading state, so a
    test sees them filled when ``activate`` returns (test_loader.py covers the waiting)."""
    monkeypatch.setattr(Loader, "wait_s", 60.0)


@pytest.fixture(autouse=True)
def _no_blocking_messages(monkeypatch: pytest.MonkeyPatch):
    """Any message box a test triggers is recorded instead of shown."""
    shown: list[tuple[str, object]] = []
    monkeypatch.setattr(
        messages, "show_project_error", lambda parent, error: shown.append(("error", error))
    )
    monkeypatch.setattr(
        messages, "ask_read_only", lambda parent, error: shown.append(("ask", error)) or False
    )
    monkeypatch.setattr(messages, "info", lambda parent, title, text: shown.append(("info", text)))
    monkeypatch.setattr(
        messages,
        "choose",
        lambda parent, title, text, options, detail="": shown.append(("choose", text)) or 0,
    )
    monkeypatch.setattr(
        messages,
        "confirm",
        lambda parent, title, text, action="": shown.append(("confirm", text)) or True,
    )
    return shown


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings.at(tmp_path / "ozgdesk.ini")


@pytest.fixture
def app(qapp):
    from ozgdesk.ui.app import install_translations
    from ozgdesk.ui.style import apply_style

    qapp._ozgdesk_translators = install_translations(qapp)
    apply_style(qapp)
    return qapp
