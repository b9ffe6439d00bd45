"""Step 1 with imported lists: the "aus Liste …" filter, deciding a whole list with undo,
and bringing in a newer catalogue release from the page."""

from __future__ import annotations

from pathlib import Path

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.ui.models.service_table import COL_NAME, FILTER_RETIRED
from ozgdesk.workflow import overview
from ozgdesk.workflow.importing import analyse, run_import
from ozgdesk.workflow.relevance import NOT_RELEVANT, RELEVANT
from tests.fixtures import spreadsheets as fx
from tests.test_catalogue_update import RETIRED, release_rows


def _window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.setCurrentRow(0)
    return window


def test_filter_by_list_and_decide_the_whole_list(
    qtbot, app, project: Project, settings, tmp_path: Path, _no_blocking_messages
) -> None:
    rows = fx.umlaut_rows(12)
    table = [["LeiKa-Nr.", "Name der Leistung"]] + [[r[fx.KEY], r[fx.NAME]] for r in rows]
    path = fx.write_csv(tmp_path / "Kreisliste.csv", table, separator=";")
    assert run_import(project, analyse(path, project=project)).committed
    window = _window(qtbot, project, settings)
    panel = window.pages["overview"].catalogue
    assert not panel.list_button.isEnabled()
    index = panel.list_filter.findData("Kreisliste.csv")
    assert panel.list_filter.itemText(index) == "aus Liste „Kreisliste.csv“"
    panel.list_filter.setCurrentIndex(index)
    assert panel.proxy.rowCount() == 12 and panel.list_button.isEnabled()
    panel.search.setText(rows[0][fx.NAME])  # the search does not narrow the list decision
    panel.decide_list(RELEVANT)
    assert any("alle 12 Leistungen der Liste" in str(t) for k, t in _no_blocking_messages)
    keys = {r[fx.KEY] for r in rows}
    decided = {r.key: r for r in overview.catalogue_rows(project) if r.relevance}
    assert set(decided) == keys
    assert decided[rows[3][fx.KEY]].relevance_reason == "Liste „Kreisliste.csv“"
    window.undo_action.trigger()
    assert not any(r.relevance for r in overview.catalogue_rows(project))
    window.redo_action.trigger()
    assert {r.key for r in overview.catalogue_rows(project) if r.relevance == RELEVANT} == keys
    panel.decide_list(NOT_RELEVANT)
    assert {r.key for r in overview.catalogue_rows(project) if r.relevance} == keys
    assert all(r.relevance == NOT_RELEVANT for r in overview.catalogue_rows(project) if r.relevance)


def test_update_catalogue_from_step_1(
    qtbot, app, project: Project, settings, tmp_path: Path, _no_blocking_messages
) -> None:
    release = fx.write_xlsx(tmp_path / "leika-2026.xlsx", {"Leistungen": release_rows()})
    window = _window(qtbot, project, settings)
    page = window.pages["overview"]
    shown = []

    def accept(dialog) -> bool:  # type: ignore[no-untyped-def]
        shown.append(dialog)
        return True

    page.run_dialog = accept
    page.open_update(release)
    (dialog,) = shown
    assert dialog.apply_button.isEnabled()
    assert "2 Leistungen neu, 3 geändert, 3 entfallen" in dialog.summary.text()
    assert dialog.retired.rowCount() == 3 and dialog.added.rowCount() == 2
    assert any(
        "Katalog aktualisiert" in str(t) or "Sicherung vorher" in str(t)
        for _k, t in _no_blocking_messages
    )
    panel = page.catalogue
    panel.relevance_filter.setCurrentIndex(panel.relevance_filter.findData(FILTER_RETIRED))
    assert panel.proxy.rowCount() == 3
    names = {panel.proxy.index(r, COL_NAME).data() for r in range(3)}
    assert all(n.endswith(" (entfallen)") for n in names)
    assert {r.key for r in overview.catalogue_rows(project) if r.retired} == set(RETIRED)
