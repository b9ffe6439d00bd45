"""Step 4 returns in the GUI: review dialog with ticks, conflicts unticked, apply and undo."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from ozgdesk.store.project import Project
from ozgdesk.ui.dialogs.returns_dialog import ReturnsDialog
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import assignment, delivery, delivery_returns, offices, overview, relevance
from ozgdesk.workflow.offices import Office


def _form_with_changes(project: Project, folder: Path) -> tuple[Path, list[int]]:
    ids = [r.id for r in overview.catalogue_rows(project) if r.themenfeld == "Bauen & Wohnen"][:3]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, ids, office)
    delivery.edit_services(project, ids[:1], page_url="https://www.ahaus.de/alt")
    (path,) = delivery_returns.export_forms(project, folder)
    # after the export the project changes the first page, the office changes it too
    delivery.edit_services(project, ids[:1], page_url="https://www.ahaus.de/projekt")
    wb = openpyxl.load_workbook(path)
    ws = wb["Leistungen"]
    columns = {c.value: c.column for c in ws[2] if c.value is not None}
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    ws.cell(rows[ids[0]], columns["Seite auf der Website"]).value = "https://www.ahaus.de/amt"
    ws.cell(rows[ids[1]], columns["Seite auf der Website"]).value = "https://www.ahaus.de/neu"
    ws.cell(rows[ids[2]], columns["Seite auf der Website"]).value = "keine Adresse"
    wb.save(path)
    return path, ids


def _page_of(project: Project, service_id: int) -> str:
    return delivery.stored(project, [service_id])[0].values.get("page_url", "")


def test_dialog_ticks_changes_not_conflicts_and_lists_problems(
    qtbot, app, project: Project, tmp_path: Path
) -> None:
    path, ids = _form_with_changes(project, tmp_path)
    result = delivery_returns.review(project, [path])
    dialog = ReturnsDialog(None, result)
    qtbot.addWidget(dialog)
    plain = [c.id for c in result.changes]
    conflict = [c.id for c in result.conflicts]
    assert plain and conflict
    assert dialog.accepted_ids() == plain
    assert "Konflikt" in dialog.summary.text()
    # the invalid address is reported, not offered as a change
    assert "keine Adresse" not in " ".join(c.new for c in result.changes)
    dialog.set_all(False)
    assert dialog.accepted_ids() == [] and not dialog.ok_button.isEnabled()
    dialog.set_all(True)
    assert dialog.accepted_ids() == plain  # conflicts stay unticked
    dialog.set_checked(conflict[0], True)
    assert set(dialog.accepted_ids()) == set(plain) | {conflict[0]}
    tick = dialog.model.item(len(plain), 0)
    assert tick.checkState() == Qt.CheckState.Checked


def test_returns_applied_from_the_page_and_undone(
    qtbot, app, project: Project, settings, tmp_path: Path, monkeypatch
) -> None:
    path, ids = _form_with_changes(project, tmp_path)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    window.sidebar.setCurrentRow(3)
    page = window.pages["delivery"]
    shown: list[ReturnsDialog] = []

    def accept(dialog) -> bool:  # type: ignore[no-untyped-def]
        shown.append(dialog)
        return isinstance(dialog, ReturnsDialog)

    monkeypatch.setattr(page, "run_dialog", accept)
    page.returns.review([path])
    assert shown, "the review dialog was not shown"
    assert _page_of(project, ids[1]) == "https://www.ahaus.de/neu"
    assert _page_of(project, ids[0]) == "https://www.ahaus.de/projekt"  # conflict not taken
    window.undo_action.trigger()
    assert _page_of(project, ids[1]) == ""
    window.redo_action.trigger()
    assert _page_of(project, ids[1]) == "https://www.ahaus.de/neu"
