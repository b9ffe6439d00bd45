"""Exports: the catalogue as .xlsx and the one-page overview PDF, read back with
openpyxl and pypdf; the `ozgdesk export` command as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceRow
from ozgdesk.workflow import relevance
from ozgdesk.workflow.exports import (
    ExportError,
    counts_by_typ,
    export_catalogue,
    export_overview_pdf,
    overview_data,
)


def _rows(project: Project) -> list[ServiceRow]:
    with project.reading() as conn:
        return queries.catalogue_rows(conn)


@pytest.fixture
def decided(project: Project) -> Project:
    """The Ahaus project with a few decisions of every kind."""
    rows = [r for r in _rows(project) if r.key.startswith("99")]
    relevance.decide(project, [r.id for r in rows[:3]], relevance.RELEVANT, "Bürgerbüro")
    relevance.decide(project, [r.id for r in rows[3:5]], relevance.NOT_RELEVANT, "Bund")
    relevance.decide(project, [rows[5].id], relevance.CHECK, "mit dem Ordnungsamt klären")
    return project


# -- catalogue (.xlsx) -------------------------------------------------------------------


def test_catalogue_xlsx_has_all_services_with_decisions(decided: Project, tmp_path: Path) -> None:
    target = tmp_path / "Leistungen.xlsx"
    assert export_catalogue(decided, target, now=datetime(2026, 11, 22, 9, 30)) == target
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]  # no temp file left

    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Leistungen", "Info"]
    ws = wb["Leistungen"]
    header = [c.value for c in ws[1]]
    assert header == [
        "LeiKa-Schlüssel",
        "Leistung",
        "Typ",
        "OZG-Leistung",
        "Lebenslage",
        "Themenfeld",
        "SDG 1",
        "SDG 2",
        "Relevanz",
        "Begründung",
        "Vorschlag",
        "Begründung des Vorschlags",
        "Amt",
        "Bemerkung",
        "Nicht mehr in Liste",
        "Entfallen",
    ]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 5247 + 1
    assert ws.auto_filter.ref == "A1:P5248"

    by_name = {row[1].value: row for row in ws.iter_rows(min_row=2)}
    relevant = [r for r in _rows(decided) if r.relevance == relevance.RELEVANT]
    assert len(relevant) == 3
    cells = by_name[relevant[0].name]
    key = cells[0]
    assert key.value == relevant[0].key and key.value.startswith("99") and len(key.value) == 14
    assert key.data_type == "s" and key.number_format == "@"
    assert cells[8].value == "relevant" and cells[9].value == "Bürgerbüro"
    checked = [r for r in _rows(decided) if r.relevance == relevance.CHECK][0]
    assert by_name[checked.name][8].value == "prüfen"
    assert sum(1 for row in ws.iter_rows(min_row=2, values_only=True) if row[8]) == 6
    # every service has a suggestion with its reason next to the decision (Ahaus: a
    # Mittlere kreisangehörige Stadt, its own building authority)
    assert all(row[10] and row[11] for row in ws.iter_rows(min_row=2, values_only=True))
    permit = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "99012008000000")
    assert permit[10] == "relevant" and "Bauaufsichtsbehörde" in permit[11]

    info = {row[0]: row[1] for row in wb["Info"].iter_rows(values_only=True)}
    assert info["Kommune"] == "Ahaus"
    assert info["Art der Kommune"] == "Mittlere kreisangehörige Stadt"
    assert info["Exportiert am"] == datetime(2026, 11, 22, 9, 30)  # a date cell, not text
    exported = next(r[1] for r in wb["Info"].iter_rows() if r[0].value == "Exportiert am")
    assert exported.is_date and exported.number_format == "DD.MM.YYYY HH:MM"
    assert info["Leistungen gesamt"] == 5247 and info["relevant"] == 3
    assert info["Datenquelle"] == "Leistungskatalog: OZG-Datenbank NRW (KDN), MIT-Lizenz"
    assert wb.properties.creator == "ozgdesk"


def test_catalogue_text_is_never_a_formula(tmp_path: Path) -> None:
    from ozgdesk.formats.catalogue_xlsx import write_catalogue

    row = ServiceRow(
        1, "", "", "", '=HYPERLINK("x")', "1", False, False, "", "", "", remark="a\x01b"
    )
    write_catalogue(tmp_path / "f.xlsx", [row], {})
    cells = openpyxl.load_workbook(tmp_path / "f.xlsx")["Leistungen"][2]
    assert cells[0].value is None and cells[0].number_format == "@"
    assert cells[1].value == '=HYPERLINK("x")' and cells[1].data_type == "s"
    assert cells[13].value == "a b"


def test_catalogue_writes_50000_rows_quickly(tmp_path: Path) -> None:
    from ozgdesk.formats.catalogue_xlsx import write_catalogue

    rows = [
        ServiceRow(
            i,
            f"99{i:012d}",
            "",
            "",
            f"Leistung Nummer {i} mit einer längeren Bezeichnung",
            "2/3",
            True,
            False,
            "10000 Elterngeld",
            "Familie",
            "Familie & Kind",
            relevance.DECISIONS[i % 3],
            "Begründung",
            "Bürgerbüro",
        )
        for i in range(50_000)
    ]
    start = time.perf_counter()
    write_catalogue(tmp_path / "gross.xlsx", rows, {"Kommune": "Test"})
    elapsed = time.perf_counter() - start
    assert elapsed < 20, f"{elapsed:.1f} s"  # about 4 s on a slow laptop, generous for CI


@pytest.mark.file_only  # compares with the file's own storage
def test_export_refuses_the_project_file_and_missing_folders(project: Project) -> None:
    with pytest.raises(ExportError, match="Projektdatei selbst"):
        export_catalogue(project, project.path)
    with pytest.raises(ExportError, match="gibt es nicht"):
        export_overview_pdf(project, project.path.parent / "fehlt" / "x.pdf")


def test_existing_file_is_replaced_and_kept_on_failure(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "Leistungen.xlsx"
    target.write_bytes(b"alt")
    export_catalogue(project, target)
    assert target.read_bytes()[:2] == b"PK"

    from ozgdesk.formats.atomic import atomic_path

    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"halb")
        raise RuntimeError
    assert target.read_bytes()[:2] == b"PK"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


# -- overview (.pdf) ---------------------------------------------------------------------


def test_overview_data_counts(decided: Project) -> None:
    data = overview_data(decided, date(2026, 11, 22))
    assert data.municipality == "Ahaus" and data.total == 5247 and data.with_key == 4813
    assert (data.relevant, data.not_relevant, data.to_check) == (3, 2, 1)
    assert data.undecided == 5247 - 6
    assert len(data.by_themenfeld) == 15  # 14 Themenfelder and "(ohne Themenfeld)"
    assert sum(r.relevant for r in data.by_themenfeld) == 3
    assert sum(r.total for r in data.by_typ) == 5247
    assert [r.label for r in data.by_typ][:2] == ["1", "1, 2"] and data.by_typ[-1].label == "ohne"


def test_counts_by_typ_orders_naturally() -> None:
    def row(i: int, typ: str, decision: str = "") -> ServiceRow:
        return ServiceRow(i, "", "", "", f"L{i}", typ, False, False, "", "", "", decision)

    rows = [row(1, "10"), row(2, "2/3", "relevant"), row(3, ""), row(4, "2"), row(5, "2", "prüfen")]
    counts = counts_by_typ(rows)
    assert [c.label for c in counts] == ["2", "2/3", "10", "ohne"]
    assert (counts[0].total, counts[0].open) == (2, 2)
    assert (counts[1].relevant, counts[1].open) == (1, 0)


def test_overview_pdf_is_one_page_with_the_figures(decided: Project, tmp_path: Path) -> None:
    target = tmp_path / "Übersicht.pdf"
    assert export_overview_pdf(decided, target, day=date(2026, 11, 22)) == target

    reader = PdfReader(target)
    assert len(reader.pages) == 1
    assert reader.metadata.title == "Übersicht OZG-Leistungen – Ahaus"
    assert reader.metadata.author == "Ahaus"  # the municipality
    assert reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    text = reader.pages[0].extract_text()
    assert "Übersicht OZG-Leistungen – Ahaus" in text
    assert "Stand: 22.11.2026" in text
    assert "Themenfeld" in text and "LeiKa-Typ" in text
    assert "Unternehmensführung & -entwicklung" in text
    assert "5.247" in text
    assert "Seite 1 von 1" in text
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVuSans" in f for f in fonts)  # embedded, no Helvetica


def test_overview_pdf_stays_on_one_page_with_many_rows(tmp_path: Path) -> None:
    from ozgdesk.formats.overview_pdf import CountRow, OverviewData, write_overview_pdf

    themes = [
        CountRow(f"Themenfeld {i} mit einem langen Namen", 300, i, 20, 280 - i) for i in range(40)
    ]
    types = [CountRow(str(i), 10, 1, 2, 7) for i in range(25)]
    data = OverviewData(
        "Bad Münstereifel", date(2026, 1, 5), 12000, 11000, 40, 800, 10, 11150, themes, types
    )
    write_overview_pdf(tmp_path / "viel.pdf", data)
    reader = PdfReader(tmp_path / "viel.pdf")
    assert len(reader.pages) == 1
    assert "Bad Münstereifel" in reader.pages[0].extract_text()


def test_empty_project_exports(empty_project: Project, tmp_path: Path) -> None:
    export_catalogue(empty_project, tmp_path / "leer.xlsx")
    export_overview_pdf(empty_project, tmp_path / "leer.pdf")
    assert openpyxl.load_workbook(tmp_path / "leer.xlsx")["Leistungen"].max_row == 1
    assert len(PdfReader(tmp_path / "leer.pdf").pages) == 1


def test_pdf_base_landscape_and_page_numbers(tmp_path: Path) -> None:
    from reportlab.platypus import PageBreak, Paragraph

    from ozgdesk.formats import pdf_base as pb
    from ozgdesk.formats import pdf_charts as charts

    st = pb.styles()
    story = [
        Paragraph("Erste Seite: Größe", st["body"]),
        PageBreak(),
        Paragraph("Zweite", st["body"]),
    ]
    chart = charts.bar_chart(
        ["Ämter", "Bürgerbüro"],
        [charts.Series("Anzahl", [3, 12], pb.BLUE)],
        width=300,
        horizontal=False,
    )
    info = pb.DocumentInfo("Testbericht", "Ahaus", subject="Test", day=date(2026, 11, 22))
    pb.build_pdf(tmp_path / "quer.pdf", [*story, chart], info, orientation=pb.LANDSCAPE)
    reader = PdfReader(tmp_path / "quer.pdf")
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert box.width > box.height
    assert "Seite 2 von 2" in reader.pages[1].extract_text()
    assert "Testbericht · 22.11.2026" in reader.pages[0].extract_text()


# -- command line ------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_cli_export_catalogue_and_overview(catalogue_path: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "Leistungen.xlsx"
    result = run("export", "catalogue", "--project", str(catalogue_path), "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(xlsx, read_only=True)
    try:
        assert book["Leistungen"]["A1"].value == "LeiKa-Schlüssel"
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    pdf = tmp_path / "Übersicht.pdf"
    result = run("export", "overview", "--project", str(catalogue_path), "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(pdf).pages) == 1


def test_cli_export_errors(tmp_path: Path, catalogue_path: Path) -> None:
    missing = run(
        "export",
        "catalogue",
        "--project",
        str(tmp_path / "fehlt.ozgdesk"),
        "--out",
        str(tmp_path / "x.xlsx"),
    )
    assert missing.returncode == 1
    assert "gibt es nicht" in missing.stderr
    assert not (tmp_path / "x.xlsx").exists()

    wrong_suffix = run(
        "export", "catalogue", "--project", str(catalogue_path), "--out", str(tmp_path / "x.pdf")
    )
    assert wrong_suffix.returncode == 2
    assert run("export").returncode == 2
    assert run("export", "catalogue", "--project", str(catalogue_path)).returncode == 2
