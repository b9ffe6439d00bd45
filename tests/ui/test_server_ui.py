"""GUI on a server project: Datei → Mit Server verbinden…, and a concurrent edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ozgdesk.store.server import ServerProject
from ozgdesk.ui.dialogs.server_dialog import ServerDialog
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.ui.models.service_table import COL_RELEVANCE
from ozgdesk.workflow import assignment, offices, overview, relevance
from tests.conftest import new_server_database

KEY = "99012001000000"


@pytest.fixture
def server_url(pg, server_templates) -> str:
    return new_server_database(pg, server_templates["catalogue"])


def _window(qtbot, project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_connect_to_a_server_keeps_the_address_without_its_password(
    qtbot, app, project, settings, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, project, settings)
    shown: list[ServerDialog] = []

    def fill(dialog) -> bool:
        assert isinstance(dialog, ServerDialog)
        _user, _, password = server_url.partition("://")[2].partition("@")[0].partition(":")
        dialog.address.setCurrentText(server_url.replace(f":{password}@", "@"))
        dialog.password.setText(password)
        assert dialog.ok.isEnabled()
        shown.append(dialog)
        return True

    monkeypatch.setattr(window, "run_dialog", fill)
    window.connect_server()
    assert shown and window.project is not None and window.project.is_server
    assert "(Server)" in window.windowTitle()
    (recent,) = settings.recent_servers()
    assert recent == window.project.location and "passwort" not in recent
    window.sidebar.setCurrentRow(0)
    panel = window.pages["overview"].catalogue
    panel.search.setText(KEY)
    assert panel.proxy.rowCount() == 1


def test_an_address_without_a_database_cannot_be_used(qtbot, app) -> None:
    dialog = ServerDialog(None, [])
    qtbot.addWidget(dialog)
    dialog.address.setCurrentText("postgresql://koordination@server")
    assert not dialog.ok.isEnabled() and "Datenbank" in dialog.problem.text()
    dialog.address.setCurrentText("postgresql://koordination@server/ozg_musterstadt")
    assert dialog.ok.isEnabled() and dialog.problem.text() == ""


def test_someone_elses_decision_meanwhile_is_shown_and_the_user_chooses(
    qtbot, app, settings, server_url: str, _no_blocking_messages
) -> None:
    mine = ServerProject.open(server_url)
    other = ServerProject.open(server_url)
    try:
        window = _window(qtbot, mine, settings)
        window.sidebar.setCurrentRow(0)
        panel = window.pages["overview"].catalogue
        panel.search.setText(KEY)
        panel.table.selectRow(0)
        (row,) = [r for r in overview.catalogue_rows(other) if r.key == KEY]
        relevance.decide(other, [row.id], relevance.NOT_RELEVANT, "Kollegin")  # meanwhile
        qtbot.mouseClick(panel.relevant_button, Qt.MouseButton.LeftButton)
        asked = [text for kind, text in _no_blocking_messages if kind == "choose"]
        assert len(asked) == 1 and "nicht relevant" in asked[0] and "„relevant“" in asked[0]
        # the recorded answer is the first option: "Meine Änderung übernehmen"
        assert overview.catalogue_rows(other, [row.id])[0].relevance == relevance.RELEVANT
        assert panel.proxy.index(0, COL_RELEVANCE).data() == relevance.RELEVANT
        window.undo_action.trigger()  # undo brings back what was there before: the colleague's
        assert overview.catalogue_rows(other, [row.id])[0].relevance == relevance.NOT_RELEVANT
    finally:
        other.close()


def test_undo_asks_when_someone_else_changed_the_decision_since(
    qtbot, app, settings, server_url: str, _no_blocking_messages
) -> None:
    mine = ServerProject.open(server_url)
    other = ServerProject.open(server_url)
    try:
        window = _window(qtbot, mine, settings)
        window.sidebar.setCurrentRow(0)
        panel = window.pages["overview"].catalogue
        panel.search.setText(KEY)
        panel.table.selectRow(0)
        qtbot.mouseClick(panel.relevant_button, Qt.MouseButton.LeftButton)
        assert not _no_blocking_messages  # nobody else changed it: stored without a question
        (row,) = [r for r in overview.catalogue_rows(other) if r.key == KEY]
        assert row.relevance == relevance.RELEVANT
        window.undo_action.trigger()  # nobody changed it since: reverted without a question
        assert overview.catalogue_rows(other, [row.id])[0].relevance == ""
        assert not _no_blocking_messages
        window.redo_action.trigger()
        assert overview.catalogue_rows(other, [row.id])[0].relevance == relevance.RELEVANT
        relevance.decide(other, [row.id], relevance.NOT_RELEVANT, "Kollegin")  # meanwhile
        window.undo_action.trigger()  # would silently overwrite the colleague's decision
        asked = [text for kind, text in _no_blocking_messages if kind == "choose"]
        assert len(asked) == 1 and "nicht relevant" in asked[0]
        # the recorded answer is the first option, "Meine Änderung übernehmen": the undo
        assert overview.catalogue_rows(other, [row.id])[0].relevance == ""
    finally:
        other.close()


def test_undoing_an_assignment_asks_when_someone_else_assigned_it_since(
    qtbot, app, settings, server_url: str, _no_blocking_messages
) -> None:
    mine = ServerProject.open(server_url)
    other = ServerProject.open(server_url)
    try:
        (row,) = [r for r in overview.catalogue_rows(other) if r.key == KEY]
        relevance.decide(other, [row.id], relevance.RELEVANT)
        offices.add_offices(other, offices.SMALL_MUNICIPALITY, kind="Fachbereich")
        bauen = offices.office_by_name(other, "Bauen und Planen")
        ordnung = offices.office_by_name(other, "Bürgerservice und Ordnung")
        window = _window(qtbot, mine, settings)
        window.sidebar.setCurrentRow(1)
        panel = window.pages["assignment"].panel
        assert panel.proxy.rowCount() == 1  # "Relevante ohne Amt"
        panel.target.setCurrentIndex(panel.target.findData(bauen.id))
        panel.table.selectRow(0)
        qtbot.mouseClick(panel.lead_button, Qt.MouseButton.LeftButton)
        assert assignment.current(other, [row.id])[0].lead_office_id == bauen.id
        assignment.assign(other, [row.id], ordnung.id)  # meanwhile
        window.undo_action.trigger()
        asked = [text for kind, text in _no_blocking_messages if kind == "choose"]
        assert len(asked) == 1 and "Ordnung" in asked[0]
        assert assignment.current(other, [row.id])[0].lead_office_id is None  # "mine": undone
    finally:
        other.close()


def test_the_gui_starts_on_a_server_project_from_the_command_line(server_url: str) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = subprocess.run(
        [sys.executable, "-m", "ozgdesk", "--db", server_url, "--smoke-test", "--step", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    assert "smoke-test: window=ok rows=5247" in started.stdout
