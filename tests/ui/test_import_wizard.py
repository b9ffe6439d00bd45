"""The import wizard end to end, on a real CSV file and a real project."""

from __future__ import annotations

from pathlib import Path

from ozgdesk.store.project import Project
from ozgdesk.ui.dialogs.import_wizard import ImportWizard
from ozgdesk.workflow import overview

CSV = (
    "Leistungsliste Gemeinde Musterhausen;;;\n"
    ";;;\n"
    "LeiKa-Schlüssel;Leistung;Zuständiges Amt;Relevanz\n"
    "99012001000000;Abbruchgenehmigung;Bauamt;ja\n"
    "99999999999000;Hundesteuer Anmeldung;Steueramt;ja\n"
    "9,90E+13;Kaputter Schlüssel;Bauamt;ja\n"
    "nicht im LeiKa;Eigene Leistung Friedhof;Ordnungsamt;prüfen\n"
    "Summe;4;;\n"
)


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "liste.csv"
    path.write_bytes(CSV.encode("cp1252"))
    return path


def test_wizard_imports_a_list(qtbot, app, project: Project, tmp_path: Path) -> None:
    wizard = ImportWizard(project)
    qtbot.addWidget(wizard)
    reports = []
    wizard.on_imported(reports.append)
    wizard.show()
    wizard.file_page.path.setText(str(_file(tmp_path)))
    assert wizard.file_page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    plan = wizard.plan
    assert plan is not None and plan.ok
    assert plan.layout is not None and plan.layout.header_index == 2
    assert set(plan.mapped_fields()) == {"key", "name", "office", "relevance"}
    assert wizard.mapping_page.preview.rowCount() == 3  # the mangled key is not previewed
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    assert wizard.check_page.model.rowCount() >= 2
    summary = wizard.check_page.summary.text()
    assert "Fehlerhaft (werden übersprungen): 1" in summary
    errors = [
        wizard.check_page.model.problem_at(r) for r in range(wizard.check_page.model.rowCount())
    ]
    assert any(
        p.row == 6 and p.column == "LeiKa-Schlüssel" and "Exponential" in p.message for p in errors
    )
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=20000)
    report = wizard.report
    assert report is not None and report.committed
    assert (report.added, report.updated) == (2, 1)
    assert reports == [report]
    rows = {r.name: r for r in overview.catalogue_rows(project)}
    assert rows["Abbruchgenehmigung"].office == "Bauamt"
    assert rows["Abbruchgenehmigung"].relevance == "relevant"
    assert rows["Eigene Leistung Friedhof"].relevance == "prüfen"
    assert "Kaputter Schlüssel" not in rows


def test_wizard_mapping_correction(qtbot, app, project: Project, tmp_path: Path) -> None:
    path = tmp_path / "eigen.csv"
    path.write_text("Kennziffer;Titel\n99012001000000;Abbruchgenehmigung\n", encoding="utf-8")
    wizard = ImportWizard(project)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    plan = wizard.plan
    assert plan is not None and plan.ok
    assert plan.mapping_by_header() == {"Kennziffer": "key", "Titel": "name"}
    table = wizard.mapping_page.mapping
    shown = {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}
    assert shown == {
        "Kennziffer": "sicher (Kopfzeile und Inhalt)",
        "Titel": "sicher (Kopfzeile und Inhalt)",
    }
    wizard.mapping_page.set_mapping("Kennziffer", "")
    assert wizard.plan.mapped_fields() == {"name"}
    wizard.mapping_page.set_mapping("Kennziffer", "key")
    assert wizard.plan.mapped_fields() == {"key", "name"}
    assert wizard.plan.checked.records[0].key_raw == "99012001000000"
    assert wizard.mapping_page.mapping.item(0, 3).text() == "sicher (von Ihnen zugeordnet)"


def test_wizard_first_import_is_explained_and_named_after_the_file(
    qtbot, app, project: Project, tmp_path: Path
) -> None:
    wizard = ImportWizard(project)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.file_page.label.currentText() == ""  # not "Katalog NRW"
    wizard.file_page.path.setText(str(_file(tmp_path)))
    assert wizard.file_page.label.currentText() == "liste.csv"
    wizard.file_page.relevant.setChecked(True)
    wizard.next()
    wizard.next()
    summary = wizard.check_page.summary.text()
    assert "Erster Import der Liste „liste.csv“" in summary
    assert "fehlen" not in summary and "früheren Fassung" not in summary
    assert "2 Leistungen werden als relevant entschieden" not in summary  # "ja" in the file
    assert wizard.check_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=20000)
    assert wizard.report is not None and wizard.report.committed


def test_wizard_cannot_finish_an_import_that_takes_no_row(
    qtbot, app, project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "kaputt.csv"
    path.write_text("Code;Name der Leistung\n9,90E+13;Eins\n9,91E+13;Zwei\n", encoding="utf-8")
    wizard = ImportWizard(project)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    assert wizard.plan is not None and wizard.plan.mapped_fields() == {"key", "name"}
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    assert "So kann nichts übernommen werden" in wizard.check_page.summary.text()
    assert "Keine der 2 Zeilen" in wizard.check_page.summary.text()
    assert not wizard.check_page.isComplete()
    assert not wizard.button(wizard.WizardButton.CommitButton).isEnabled()


def test_wizard_refuses_a_bad_file(qtbot, app, project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bild.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    wizard = ImportWizard(project)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert not wizard.mapping_page.isComplete()
    assert (
        "beschädigt" in wizard.mapping_page.error.text()
        or "keine lesbare Tabelle" in wizard.mapping_page.error.text()
    )
