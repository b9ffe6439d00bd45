"""Datei → Projekteinstellungen (kind, title, AGS, ARS, district) and step 1's columns
"Vorschlag" and "Begründung des Vorschlags" that follow from the kind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ozgdesk.ui.dialogs.new_project import NewProjectDialog
from ozgdesk.ui.dialogs.project_settings import ProjectSettingsDialog
from ozgdesk.ui.models.service_table import COL_SUGGESTION, COL_SUGGESTION_REASON, ID_ROLE
from ozgdesk.workflow import identity
from ozgdesk.workflow.identity import Identity
from ozgdesk.workflow.projects import create_project
from tests.ui.test_main_window import make_window

PERMIT = "99012008000000"  # Baugenehmigung: the Kreis's for a Gemeinde, its own for a Stadt


def _suggestion_of(page, key: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    proxy = page.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data() == key:
            return (
                proxy.index(row, COL_SUGGESTION).data(),
                proxy.index(row, COL_SUGGESTION_REASON).data(),
            )
    raise AssertionError(key)


def test_the_dialog_validates_with_german_messages(qtbot, app) -> None:
    dialog = ProjectSettingsDialog("Alpen", identity.from_builtin("Alpen"))
    qtbot.addWidget(dialog)
    assert dialog.identity() == Identity(
        "gemeinde", "Gemeinde", "05170004", "051700004004", "Kreis Wesel"
    )
    dialog.ags.setText("0517")
    dialog.accept()
    assert dialog.result() == 0 and "8 Ziffern" in dialog.problem.text()
    dialog.ags.setText("05170004")
    dialog.ars.setText("051540004004")
    dialog.accept()
    assert "passt nicht zum Gemeindeschlüssel" in dialog.problem.text()
    dialog.ars.setText("")  # completed from the AGS
    dialog.kind.setCurrentIndex(dialog.kind.findData("mittlere_stadt"))
    dialog.accept()
    assert dialog.result() == 1 and dialog.problem.text() == ""
    assert dialog.identity().ars == "051700004004"
    assert dialog.identity().municipality_type == "mittlere_stadt"
    dialog.fill_from_list()
    assert dialog.identity().municipality_type == "gemeinde"


def test_changing_the_kind_changes_step_ones_suggestions_and_undoes(
    qtbot, app, tmp_path: Path, settings
) -> None:
    project = create_project(tmp_path / "Alpen.ozgdesk", "Alpen")
    window = make_window(qtbot, project, settings)
    page = window.pages["overview"]
    qtbot.waitUntil(lambda: _suggestion_of(page, PERMIT)[0] != "")
    suggested, reason = _suggestion_of(page, PERMIT)
    assert suggested == "nicht relevant" and "Kreis" in reason and "BauO NRW" in reason

    def run(dialog) -> bool:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, ProjectSettingsDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("mittlere_stadt"))
        dialog.title.setCurrentText("Stadt")
        dialog.accept()
        return dialog.result() == 1

    window.run_dialog = run  # type: ignore[method-assign]
    window.show_project_settings()
    assert identity.read(project).municipality_type == "mittlere_stadt"
    qtbot.waitUntil(lambda: _suggestion_of(page, PERMIT)[0] == "relevant")
    window.undo_stack.undo()
    assert identity.read(project).municipality_type == "gemeinde"
    qtbot.waitUntil(lambda: _suggestion_of(page, PERMIT)[0] == "nicht relevant")
    # the columns sit next to the decision and the assignment page does not show them
    headers = [
        page.proxy.headerData(c, Qt.Orientation.Horizontal)
        for c in range(COL_SUGGESTION_REASON + 1)
    ]
    assert headers[2:] == ["Relevanz", "Vorschlag", "Begründung des Vorschlags"]
    assert page.proxy.index(0, 0).data(ID_ROLE)
    window.close()


def test_the_new_project_dialog_names_the_kind(qtbot, app) -> None:
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.municipality.setCurrentText("Alpen")
    assert "Kreisangehörige Gemeinde" in dialog.kind.text() and "Kreis Wesel" in dialog.kind.text()
    dialog.municipality.setCurrentText("Köln")
    assert dialog.kind.text().startswith("Kreisfreie Stadt")
    dialog.municipality.setCurrentText("Musterhausen")
    assert "Projekteinstellungen" in dialog.kind.text()
