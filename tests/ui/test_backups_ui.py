"""Backups from the GUI: the dialog lists and restores; a damaged file is recovered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ozgdesk.store import backups
from ozgdesk.store.project import Project
from ozgdesk.ui import opening
from ozgdesk.ui.dialogs.backups_dialog import BackupsDialog
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import overview, relevance


def test_backup_on_open_and_restore_from_dialog(qtbot, app, project: Project, settings) -> None:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(backups.files(project.backup_folder())), timeout=10000)
    window.wait_for_backup()
    (first,) = backups.files(project.backup_folder())
    assert "beim-Oeffnen" in first.name
    relevance.decide(
        project, [r.id for r in overview.catalogue_rows(project)][:20], relevance.RELEVANT
    )
    dialog = BackupsDialog(project, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "5247"
    dialog.table.selectRow(0)
    assert dialog.restore_selected()  # confirmation answered yes by the test fixture
    assert not any(r.relevance for r in overview.catalogue_rows(project))
    assert dialog.table.rowCount() == 2  # the safety backup before restoring
    assert any("vor-Wiederherstellung" in p.name for p in backups.files(project.backup_folder()))


def test_damaged_file_is_kept_and_backup_offered(
    qtbot, app, catalogue_path: Path, settings, _no_blocking_messages
) -> None:
    with Project.open(catalogue_path) as project:
        project.backup("manuell")
    data = bytearray(catalogue_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 20 : page * 40] = b"\x5a" * (page * 20)
    catalogue_path.write_bytes(bytes(data))
    opened = opening.open_path(None, catalogue_path, settings)
    assert opened is not None
    try:
        assert (
            sqlite3.connect(catalogue_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        )
        kept = [p for p in catalogue_path.parent.iterdir() if ".beschaedigt-" in p.name]
        assert len(kept) == 1 and kept[0].read_bytes() == bytes(data)  # never deleted or changed
        assert any(kind == "choose" for kind, _ in _no_blocking_messages)
    finally:
        opened.close()


def test_backup_of_another_municipality_warns(
    qtbot, app, project: Project, tmp_path: Path, _no_blocking_messages
) -> None:
    other = tmp_path / "Andere.ozgdesk"
    project.save_copy(other)
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("UPDATE project_info SET municipality = 'Stadt Nebenan'")
    try:
        backups.create(conn, project.path, "manuell")  # lands in this project's folder
    finally:
        conn.close()
    dialog = BackupsDialog(project, None)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.restore_selected()
    (question,) = [text for kind, text in _no_blocking_messages if kind == "confirm"]
    assert "gehört zu „Stadt Nebenan“" in question
