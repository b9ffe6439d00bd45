"""Step 4 in the GUI: the XZuFi button says what the file leaves out (or that the ARS is
missing); an XZuFi file goes through the same review as the offices' returns."""

from __future__ import annotations

from pathlib import Path

from ozgdesk.store.project import Project
from ozgdesk.ui.dialogs.returns_dialog import ReturnsDialog
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import assignment, delivery, identity, offices, overview, relevance
from ozgdesk.workflow.offices import Office

UNIT = {
    "unit_name": "Bauverwaltung",
    "street": "Markt",
    "house_number": "1",
    "postcode": "48683",
    "town": "Ahaus",
    "phone": "02561 72-0",
    "email": "bau@ahaus.de",
}


def _page(qtbot, project: Project, settings):  # type: ignore[no-untyped-def]
    rows = overview.catalogue_rows(project)
    ids = [r.id for r in rows if r.themenfeld == "Bauen & Wohnen" and r.key][:3]
    keyless = next(r for r in rows if not r.key)
    relevance.decide(project, [*ids, keyless.id], relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, [*ids, keyless.id], office)
    delivery.save_unit(project, office, UNIT)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    window.sidebar.setCurrentRow(3)
    return window.pages["delivery"], office, keyless.name


def test_xzufi_export_and_import_in_step_4(
    qtbot, app, project: Project, settings, tmp_path: Path, monkeypatch, _no_blocking_messages
) -> None:
    page, office, keyless = _page(qtbot, project, settings)
    target = tmp_path / "Lieferung.xml"
    identity.set_keys(project, ags="", ars="")  # Ahaus got its keys from the built-in list
    page.export_xzufi(target)
    kind, error = _no_blocking_messages[-1]
    assert kind == "error" and "Regionalschlüssel" in error.what and not target.exists()

    identity.set_keys(project, ags="05554004", ars="055540004004")
    page.export_xzufi(target)
    kind, text = _no_blocking_messages[-1]
    assert kind == "info" and target.exists()
    assert "3 Leistung(en), 1 Ansprechstelle(n)" in text
    assert "1 relevante Leistung(en) nicht enthalten" in text and keyless in text

    delivery.save_unit(project, office, {**UNIT, "phone": ""})  # lost in the project
    shown: list[ReturnsDialog] = []

    def accept(dialog) -> bool:  # type: ignore[no-untyped-def]
        shown.append(dialog)
        return isinstance(dialog, ReturnsDialog)

    monkeypatch.setattr(page, "run_dialog", accept)
    page.returns.review([target])
    assert shown and shown[0].accepted_ids()
    assert delivery.units(project)[0].get("phone") == "02561 72-0"
    kind, text = _no_blocking_messages[-1]
    assert kind == "info" and "1 Änderung übernommen" in text


def test_the_csv_message_points_spreadsheet_users_to_the_excel_list(
    qtbot, app, project: Project, settings, tmp_path: Path, monkeypatch, _no_blocking_messages
) -> None:
    from ozgdesk.ui.pages import delivery as delivery_page

    page, _office, _keyless = _page(qtbot, project, settings)
    target = tmp_path / "Liste.csv"
    monkeypatch.setattr(
        delivery_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    page.export("csv")
    kind, text = _no_blocking_messages[-1]
    assert kind == "info" and target.exists()
    assert "Excel-Liste" in text and "führende Nullen" in text
