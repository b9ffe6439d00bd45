"""A whole first run through the real widgets, at 1366×768: new project, import, decide,
offices and contacts, workshop with participants, invitations, handouts – and the files
written. (Dialogs are filled by replacing ``run_dialog`` / the file choosers, never by
opening a blocking modal box.)"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QPushButton,
    QStyle,
    QTabWidget,
)

from ozgdesk.ui import opening
from ozgdesk.ui.dialogs.new_project import NewProjectDialog
from ozgdesk.ui.dialogs.office_contact_dialog import OfficeContactDialog
from ozgdesk.ui.dialogs.office_dialog import OfficeDialog
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import assignment, offices, overview, workshop

SIZE = (1366, 768)


def _services_list(path: Path, keys: list[tuple[str, str]]) -> Path:
    """The municipality's own list, as a coordinator gets it from the house."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Leistungen"
    sheet.append(["Leistungsliste der Stadt Ahaus, Stand Mai"])
    sheet.append([])
    sheet.append(["LeiKa-Schlüssel", "Leistung", "Zuständiges Amt", "Relevanz"])
    for key, name in keys:
        sheet.append([key, name, "Bauamt", "ja"])
    sheet.append(["", "Eigene Leistung: Friedhofsgebühren", "Ordnungsamt", "ja"])
    book.save(path)
    return path


def _button(root, text: str) -> QPushButton:
    found = [b for b in root.findChildren(QPushButton) if b.text().replace("&", "") == text]
    assert found, f"kein Knopf „{text}“"
    return found[0]


def _headers_fit(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible table headers whose text is cut (the "palte in der Date" bug)."""
    from PySide6.QtWidgets import QTableView

    cut = []
    for table in window.findChildren(QTableView):
        if not table.isVisible():
            continue
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
                continue
            text = str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
            needed = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])
            needed += 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
            if header.sectionSize(column) < needed:
                cut.append(
                    f"{table.accessibleName()}: {text} ({header.sectionSize(column)} < {needed})"
                )
    return cut


def test_first_run_walk(qtbot, app, tmp_path: Path, settings, monkeypatch, _no_blocking_messages):
    out = tmp_path / "Ausgaben"
    out.mkdir()

    # -- new project --------------------------------------------------------------------------
    dialog = NewProjectDialog(first_start=True)
    qtbot.addWidget(dialog)
    dialog.municipality.setCurrentText("Ahaus")
    dialog.path.setText(str(tmp_path / "Ahaus"))
    assert dialog.create_button.isEnabled()
    project = opening.create(
        None, dialog.project_path(), dialog.municipality_name(), dialog.website_text()
    )
    assert project is not None and project.path == tmp_path / "Ahaus.ozgdesk"
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(300)  # the window settles on the (offscreen) screen
    window.resize(*SIZE)
    assert (window.width(), window.height()) == SIZE
    assert window.windowTitle() == "Ahaus – ozgdesk"

    # -- step 1: import the house's list, then decide ------------------------------------------
    window.sidebar.setCurrentRow(0)
    step1 = window.pages["overview"]
    catalogue = overview.catalogue_rows(project)
    bau = [(r.key, r.name) for r in catalogue if r.themenfeld == "Bauen & Wohnen" and r.key][:8]
    listing = _services_list(tmp_path / "Leistungen Ahaus.xlsx", bau)
    wizard = step1.import_wizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(listing))
    wizard.next()
    assert wizard.plan is not None and wizard.plan.ok
    assert _headers_fit(wizard) == []  # "Spalte in der Datei", not "palte in der Date"
    wizard.next()
    assert _headers_fit(wizard) == []
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=30000)
    assert wizard.report is not None and wizard.report.committed
    wizard.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    relevant = [r for r in overview.catalogue_rows(project) if r.relevance == "relevant"]
    assert len(relevant) == len(bau) + 1  # the list's services, and its own one
    panel = step1.catalogue
    panel.search.setText("Hundesteuer")
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 0, timeout=5000)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.relevant_button, Qt.MouseButton.LeftButton)
    relevant = [r for r in overview.catalogue_rows(project) if r.relevance == "relevant"]
    assert len(relevant) == len(bau) + 2
    assert _headers_fit(window) == []

    # -- step 2: offices and contacts ------------------------------------------------------------
    window.sidebar.setCurrentRow(1)
    step2 = window.pages["assignment"].panel
    answers: list = []

    def fill(dialog: QDialog) -> bool:
        answers.pop(0)(dialog)
        return True

    monkeypatch.setattr(step2, "run_dialog", fill)
    for name in ("Bauamt", "Ordnungsamt", "Steueramt"):
        answers.append(lambda d, n=name: isinstance(d, OfficeDialog) and d.name.setText(n))
        step2.new_office()
    bauamt = offices.office_by_name(project, "Bauamt")
    steueramt = offices.office_by_name(project, "Steueramt")
    position = _button(step2, "Ansprechperson hinzufügen…").mapTo(window, step2.rect().topLeft())
    for office, person, email in (
        (bauamt, "Herr Thomas Becker", "t.becker@ahaus.example"),
        (steueramt, "Frau Eva Klein", ""),
    ):
        step2.select_office(office.id)

        def contact(d: OfficeContactDialog, p=person, e=email) -> None:
            d.name.setText(p)
            d.email.setText(e)

        answers.append(contact)
        step2.add_contact()
        # the button stays where it was ("Ansprechperson hinzufügen…" used to move)
        assert (
            _button(step2, "Ansprechperson hinzufügen…").mapTo(window, step2.rect().topLeft())
            == position
        )
    step2.show_combo.setCurrentIndex(step2.show_combo.findData("unassigned"))
    step2.target.setCurrentIndex(step2.target.findData(steueramt.id))
    step2.search.setText("Hundesteuer")
    step2.table.selectRow(0)
    qtbot.mouseClick(step2.lead_button, Qt.MouseButton.LeftButton)
    assert assignment.counters(project).relevant_unassigned == 0
    assert _headers_fit(window) == []

    # -- step 3: the kick-off with participants ---------------------------------------------------
    window.sidebar.setCurrentRow(2)
    step3 = window.pages["workshop"]
    workshop_id = step3.new_workshop("Auftakt")
    assert workshop_id is not None
    step3.tabs.setCurrentWidget(step3.plan)
    step3.plan.format.setCurrentText("vor Ort")
    step3.plan.place.setFocus()
    qtbot.keyClicks(step3.plan.place, "Ratssaal, Rathaus Ahaus")
    step3.plan.organiser.setFocus()  # leaving the field saves it
    assert workshop.detail(project, workshop_id).workshop.place == "Ratssaal, Rathaus Ahaus"
    participants = step3.participants
    monkeypatch.setattr(participants, "run_dialog", lambda d: True)  # suggestions as proposed
    step3.tabs.setCurrentWidget(participants)
    participants.pick_candidates()
    people = workshop.detail(project, workshop_id).participants
    assert "Herr Thomas Becker" in [p.name for p in people]
    mayor_row = next(i for i, p in enumerate(people) if p.name == "Bürgermeister/in")

    def name_the_mayor(dialog: QDialog) -> bool:
        name, _role, _group, email, *_ = participants._fields
        name.setText("Frau Dr. Maria Sommer")
        email.setText("m.sommer@ahaus.example")
        return True

    monkeypatch.setattr(participants, "run_dialog", name_the_mayor)
    participants.table.setFocus()
    participants.table.selectRow(mayor_row)
    qtbot.keyClick(participants.table, Qt.Key.Key_F2)
    mayor = workshop.detail(project, workshop_id).participants[mayor_row]
    assert (mayor.name, mayor.role) == ("Frau Dr. Maria Sommer", "Bürgermeister/in")

    # -- invitations: e-mail drafts, report, mark as invited ----------------------------------------
    step3.tabs.setCurrentWidget(step3.invitation)
    drafts = out / "Einladungen"
    drafts.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(drafts))
    _button(step3.invitation, "E-Mail-Entwürfe (.eml) speichern…").click()
    written = sorted(p.name for p in drafts.glob("*.eml"))
    with_email = [p for p in workshop.detail(project, workshop_id).participants if p.email]
    assert len(written) == len(with_email) == 2
    report = next(text for kind, text in _no_blocking_messages if kind == "confirm")
    assert "2 E-Mail-Entwürfe gespeichert" in report and "keine E-Mail-Adresse" in report
    assert "Frau Eva Klein: keine E-Mail-Adresse" in report
    invited = [p for p in workshop.detail(project, workshop_id).participants if p.invitation]
    assert {p.name for p in invited} == {p.name for p in with_email}  # marked as invited
    body = (drafts / next(n for n in written if "Sommer" in n)).read_text(encoding="utf-8")
    assert "Sehr geehrte Frau Dr. Sommer," in body or "Sehr geehrte Frau Dr. Sommer" in body

    # -- handouts ---------------------------------------------------------------------------------
    step3.tabs.setCurrentWidget(step3.printing)
    handouts = out / "Handzettel"
    handouts.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(handouts))
    _button(step3.printing, "Handzettel als PDF speichern…").click()
    files = sorted(p.name for p in handouts.glob("*.pdf"))
    assert "Tagesordnung.pdf" in files and "Teilnehmerliste.pdf" in files
    assert any(name.startswith("Handzettel") and "Bauamt" in name for name in files)
    assert any(name.startswith("Handzettel") and "Steueramt" in name for name in files)
    assert all((handouts / name).stat().st_size > 1000 for name in files)
    saved = _no_blocking_messages[-1][1]
    assert f"{len(files)} Dateien gespeichert" in saved

    # -- the start page follows ------------------------------------------------------------------------
    window.show_start()
    text = " ".join(card.action.text() for card in window.start_page.cards)
    uninvited = sum(
        1 for p in workshop.detail(project, workshop_id).participants if not p.invitation
    )
    assert f"{uninvited} Personen sind noch nicht eingeladen" in text
    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            assert tabs.tabBar().tabRect(index).height() >= tabs.fontMetrics().height()
