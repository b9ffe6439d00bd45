"""The main window: five steps, statuses, the searchable catalogue, read-only banner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.ui.models.service_table import COL_KEY, COL_NAME, COL_THEMENFELD, ID_ROLE
from ozgdesk.ui.pages.overview import OverviewPage


def make_window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    window.sidebar.setCurrentRow(0)  # step 1 (the window opens on the start page)
    return window


def test_visits_all_five_steps(qtbot, app, tmp_path: Path, settings) -> None:
    from ozgdesk.workflow.projects import create_project

    project = create_project(tmp_path / "Ahaus.ozgdesk", "Ahaus")
    window = make_window(qtbot, project, settings)
    assert "Ahaus" in window.windowTitle()
    titles = []
    for row in range(5):
        qtbot.keyClick(window.sidebar, str(row + 1), Qt.KeyboardModifier.ControlModifier)
        page = window.current_page()
        assert window.sidebar.currentRow() == row
        titles.append(page.title_label.text())
        assert len(page.intro_label.text()) > 100  # a few plain sentences
        assert page.status_chip.text().startswith("Status: ")
        assert page.status_chip.isVisible()  # hidden only until the status is known
    assert titles == [
        "Schritt 1: Übersicht",
        "Schritt 2: Zuordnung",
        "Schritt 3: Workshop",
        "Schritt 4: Datenlieferung",
        "Schritt 5: Roadmap",
    ]
    assert window.pages["overview"].status_chip.text() == "Status: in Arbeit"
    assert window.pages["roadmap"].status_chip.text() == "Status: nicht begonnen"
    assert settings.recent_files() == [project.path]
    window.close()
    # closing the window releases the project
    Project.open(tmp_path / "Ahaus.ozgdesk").close()


def test_empty_project_step_one_not_started(qtbot, app, empty_project: Project, settings) -> None:
    window = make_window(qtbot, empty_project, settings)
    assert window.pages["overview"].status_chip.text() == "Status: nicht begonnen"
    assert window.pages["overview"].count_label.text().startswith("0 von 0 Leistungen angezeigt")


def test_catalogue_search_filters_and_detail(qtbot, app, project: Project, settings) -> None:
    window = make_window(qtbot, project, settings)
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    assert page.count_label.text().startswith("5.247 von 5.247 Leistungen angezeigt")

    qtbot.keyClicks(page.search, "MUELL")  # umlaut- and case-insensitive
    shown = page.proxy.rowCount()
    assert 0 < shown < 50
    names = {page.proxy.index(r, COL_NAME).data() for r in range(shown)}
    assert any("Müll" in n or "müll" in n for n in names)

    page.search.clear()
    qtbot.keyClicks(page.search, "99012001001000")  # keys are searchable
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, COL_NAME).data() == "Abbruchgenehmigung Erteilung"

    page.table.selectRow(0)
    html = page.detail.toHtml()
    assert "Abbruchgenehmigung Erteilung" in html
    assert "10513" in html
    assert "Regelung durch das Land" in html  # Typ 4 explained

    page.search.clear()
    page.themenfeld.setCurrentIndex(page.themenfeld.findData("Bauen & Wohnen"))
    in_theme = page.proxy.rowCount()
    assert 0 < in_theme < 5247
    assert all(
        "Bauen & Wohnen" in page.proxy.index(r, COL_THEMENFELD).data() for r in range(in_theme)
    )
    page.typ.setCurrentIndex(page.typ.findData("5"))
    assert 0 < page.proxy.rowCount() < in_theme
    assert "von 5.247 Leistungen angezeigt" in page.count_label.text()


def test_sorting_by_key_puts_keys_first(qtbot, app, project: Project, settings) -> None:
    window = make_window(qtbot, project, settings)
    page = window.pages["overview"]
    page.table.sortByColumn(COL_KEY, Qt.SortOrder.AscendingOrder)
    first = page.proxy.index(0, COL_KEY).data()
    assert first.isdigit() and len(first) == 14
    keys = [page.proxy.index(r, COL_KEY).data() for r in range(4813)]
    assert keys == sorted(keys)
    assert page.proxy.index(4813, COL_KEY).data() == "ohne Schlüssel"
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    page.search.setText("Abbruch")
    names = [page.proxy.index(r, COL_NAME).data() for r in range(page.proxy.rowCount())]
    assert names[0] > names[-1]
    # the selection follows a service through a re-sort
    page.table.selectRow(0)
    selected_id = page.table.selectionModel().selectedRows()[0].data(ID_ROLE)
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert page.table.selectionModel().selectedRows()[0].data(ID_ROLE) == selected_id


def test_read_only_project_shows_banner(qtbot, app, catalogue_path: Path, settings) -> None:
    project = Project.open(catalogue_path, read_only=True)
    window = make_window(qtbot, project, settings)
    assert window.banner.isVisible()
    assert "Schreibgeschützt" in window.banner.text()
    assert "schreibgeschützt" in window.windowTitle()


def test_qt_standard_buttons_are_german(app) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def test_switching_projects_closes_the_previous_one(
    qtbot, app, project: Project, empty_project, settings
) -> None:
    first_path = project.path
    window = make_window(qtbot, project, settings)
    window.set_project(empty_project)
    assert window.project is empty_project
    Project.open(first_path).close()  # released
    assert settings.recent_files()[:2] == [empty_project.path, first_path]
