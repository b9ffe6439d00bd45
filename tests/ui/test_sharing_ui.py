"""Datei → Vorlage weitergeben / übernehmen / Kreisübersicht through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ozgdesk.formats import share_file as sf
from ozgdesk.store.project import Project
from ozgdesk.ui import sharing_actions
from ozgdesk.ui.dialogs import district_dialog
from ozgdesk.ui.dialogs.share_review_dialog import NEW_OFFICE, ShareReviewDialog
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import relevance, sharing
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def template_file(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> Path:
    from ozgdesk.workflow.demo import create_demo

    folder = tmp_path_factory.mktemp("share-ui")
    with create_demo(folder / "Musterhausen.ozgdesk") as demo:
        return sharing.export_share(demo, folder / "Musterhausen.ozgvorlage")


def _window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _decided(project: Project) -> int:
    with project.reading() as conn:
        return conn.execute("SELECT count(*) FROM service WHERE relevance != ''").fetchone()[0]


def test_pass_on_a_template_from_the_file_menu(
    qtbot, app, project: Project, settings, tmp_path: Path, monkeypatch, _no_blocking_messages
) -> None:
    window = _window(qtbot, project, settings)
    target = tmp_path / "Vorlage Ahaus.ozgvorlage"
    monkeypatch.setattr(sharing_actions, "choose_save_path", lambda *a: target)
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text() == "&Vorlage weitergeben…")  # fmt: skip
    action.trigger()
    assert target.is_file() and sf.read(target).municipality.name == "Ahaus"
    assert any("keine Namen" in str(text) for _kind, text in _no_blocking_messages)
    window.close()


def test_take_over_part_of_a_template_then_undo_and_redo(
    qtbot, app, project: Project, settings, template_file: Path, monkeypatch
) -> None:
    window = _window(qtbot, project, settings)
    monkeypatch.setattr(sharing_actions, "choose_open_path", lambda *a: template_file)
    seen: list[ShareReviewDialog] = []

    def review(dialog: ShareReviewDialog) -> bool:
        seen.append(dialog)
        dialog.model.select(set())
        decisions = [r for r, i in enumerate(dialog.model.items) if i.kind == "Entscheidung"]
        dialog.table.selectRow(decisions[0])
        dialog._toggle_selected()  # what Space does
        for row in decisions[1:5]:
            dialog.model.setData(dialog.model.index(row, 0), Qt.CheckState.Checked,
                                 Qt.ItemDataRole.CheckStateRole)  # fmt: skip
        return True

    monkeypatch.setattr(sharing_actions, "run_review", review)
    before = _decided(project)
    applied = sharing_actions.take_over(window)
    assert applied is not None and len(applied.taken) == 5
    assert _decided(project) == before + 5
    assert window.undo_stack.undoText().startswith("Vorlage übernehmen")
    window.undo_stack.undo()
    assert _decided(project) == before
    window.undo_stack.redo()
    assert _decided(project) == before + 5
    assert seen and "Übernommen von der Gemeinde Musterhausen, Stand" in seen[0].intro.text()
    window.close()


def test_review_dialog_ticks_new_items_and_maps_offices(
    qtbot, app, catalogue_template: Path, template_file: Path, tmp_path: Path
) -> None:
    share = sf.read(template_file)
    path = copy_project(catalogue_template, tmp_path / "Ziel.ozgdesk")
    with Project.open(path) as project:
        key = share.decisions[0].key
        with project.reading() as conn:
            (sid,) = conn.execute("SELECT id FROM service WHERE key = ?", (key,)).fetchone()
        other = (relevance.NOT_RELEVANT if share.decisions[0].relevance == relevance.RELEVANT
                 else relevance.RELEVANT)  # fmt: skip
        relevance.decide(project, [sid], other, "eigene Entscheidung")
        from ozgdesk.workflow import offices

        offices.add_offices(project, [("Ordnungsamt", "")])
        dialog = ShareReviewDialog(project, share)
        qtbot.addWidget(dialog)
        differing = f"E:{key}"
        assert differing not in dialog.accepted_items()  # own decisions are not ticked
        assert all(i.status == sharing.NEW for i in dialog.model.items
                   if i.id in dialog.accepted_items())  # fmt: skip
        everything = next(b for b in dialog.findChildren(type(dialog.buttons.buttons()[0]))
                          if b.text() == "Auch &abweichende")  # fmt: skip
        everything.click()
        assert differing in dialog.accepted_items()
        # map the template's first office onto the project's own one: it is no longer created
        first = share.offices[0].name
        combo = dialog.offices[first]
        assert combo.currentText() == NEW_OFFICE
        combo.setCurrentText("Ordnungsamt")
        assert dialog.office_map() == {first: "Ordnungsamt"}
        office_item = dialog.review.by_id()[f"A:{first}"]
        assert office_item.status == sharing.SAME and office_item.proposed == "Ordnungsamt"


def test_district_dialog_compares_and_saves(
    qtbot, app, project: Project, template_file: Path, tmp_path: Path, monkeypatch
) -> None:
    dialog = district_dialog.DistrictDialog()
    qtbot.addWidget(dialog)
    assert not dialog.compare.isEnabled()
    monkeypatch.setattr(
        district_dialog, "choose_inputs", lambda parent: [project.path, template_file]
    )
    dialog.add_files()
    dialog.add_files()  # the same files again are not listed twice
    assert dialog.files.count() == 2 and dialog.compare.isEnabled()
    report = dialog.build()
    assert dialog.table.rowCount() == 2 and len(report.members) == 2
    assert "2 Kommunen gelesen" in dialog.summary.text()
    out = tmp_path / "Kreis.xlsx"
    monkeypatch.setattr(district_dialog, "choose_output", lambda parent, suffix: out)
    assert dialog.save(".xlsx") == out and out.is_file()
