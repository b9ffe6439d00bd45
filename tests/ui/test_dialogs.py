"""Dialogs, checked without exec(): new project, about, crash details."""

from __future__ import annotations

from pathlib import Path

from ozgdesk.ui.dialogs.about import AboutDialog
from ozgdesk.ui.dialogs.crash import CrashDialog, format_details
from ozgdesk.ui.dialogs.new_project import NewProjectDialog


def test_new_project_dialog_suggests_name_website_and_path(qtbot, app) -> None:
    dialog = NewProjectDialog(first_start=True)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()
    dialog.municipality.setCurrentText("Ahaus")
    assert dialog.website.text() == "ahaus.de"
    assert dialog.project_path().name == "Ahaus.ozgdesk"
    assert dialog.project_path().parent.name == "ozgdesk"
    assert dialog.create_button.isEnabled()


def test_new_project_dialog_refuses_existing_file(qtbot, app, tmp_path: Path) -> None:
    existing = tmp_path / "Ahaus.ozgdesk"
    existing.write_text("x")
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.municipality.setCurrentText("Musterdorf")  # not in the NRW list: typed name
    assert dialog.website.text() == ""
    dialog.path.setText(str(tmp_path / "Ahaus"))  # the suffix is added
    assert dialog.project_path() == existing
    assert not dialog.create_button.isEnabled()
    assert "gibt es schon" in dialog.problem.text()


def test_about_names_source_and_licence(qtbot, app) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.findChild(type(dialog.children()[1]), "aboutText").text()
    assert "OZG-Datenbank NRW" in text
    assert "MIT-Lizenz" in text
    assert "kdn-nrw/OZG-Datenbank-NRW" in text


def test_crash_dialog_details_are_copyable(qtbot, app) -> None:
    try:
        raise ValueError("kaputt")
    except ValueError as exc:
        details = format_details(type(exc), exc, exc.__traceback__)
    dialog = CrashDialog(details)
    qtbot.addWidget(dialog)
    dialog.copy_details()
    from PySide6.QtGui import QGuiApplication

    assert "ValueError: kaputt" in QGuiApplication.clipboard().text()
    assert "ozgdesk" in dialog.details.toPlainText()
