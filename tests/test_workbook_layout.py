"""Every workbook ozgdesk writes: dates as date cells with a German format, quarters as
"Q2/2027", and a print layout (A4, header rows repeated, landscape where wide, one page
wide or key and name repeated). Real files of a fresh demo, read back with openpyxl."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from ozgdesk import cli, wording
from ozgdesk.formats import xlsx_sheet
from ozgdesk.workflow.demo import create_demo

WORKBOOKS = {
    "catalogue": "Leistungen.xlsx",
    "offices": "Ämter.xlsx",
    "delivery": "Lieferliste.xlsx",
    "roadmap": "Roadmap.xlsx",
    "forms": "Formulare",
}
_DATE_TEXT = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}( \d{1,2}:\d{2})?$")
_STORED_QUARTER = re.compile(r"\b\d{4}-Q[1-4]\b")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    base = tmp_path_factory.mktemp("workbooks")
    demo = base / "Musterhausen.ozgdesk"
    create_demo(demo).close()
    result = {}
    for kind, out in {**WORKBOOKS, "roadmap-table": "Roadmap.pdf", "council": "Rat.pdf"}.items():
        target = base / out
        command = "council-report" if kind == "council" else kind.removesuffix("-table")
        extra = ["--format", "pdf", "--table"] if kind == "roadmap-table" else []
        assert (
            cli.main(["export", command, "--project", str(demo), "--out", str(target), *extra]) == 0
        )
        result[kind] = sorted(target.glob("*.xlsx")) if target.is_dir() else [target]
    return result


def _sheets(path: Path) -> list[Worksheet]:
    wb: Workbook = load_workbook(path)
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def _widths(ws: Worksheet) -> list[float]:
    return [
        dim.width or 13
        for c in range(1, ws.max_column + 1)
        if not (dim := ws.column_dimensions[get_column_letter(c)]).hidden
    ]


@pytest.mark.parametrize("kind", list(WORKBOOKS))
def test_every_sheet_prints_on_a4_with_titles_and_fitting_width(
    files: dict[str, list[Path]], kind: str
) -> None:
    for path in files[kind]:
        for ws in _sheets(path):
            where = f"{path.name}/{ws.title}"
            setup = ws.page_setup
            assert int(setup.paperSize) == 9, where  # A4
            total = sum(_widths(ws))
            wide = total > xlsx_sheet.PORTRAIT_WIDTH
            expected = "landscape" if wide and ws.title != "Anleitung" else "portrait"
            assert setup.orientation == expected, where
            if total <= xlsx_sheet.FIT_WIDTH_LIMIT:
                assert ws.sheet_properties.pageSetUpPr.fitToPage, where
                assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0, where
            else:  # too wide to read at one page: key and name repeat on every page
                assert ws.print_title_cols in ("$A:$B", "$B:$C"), where
            if ws.title not in ("Info", "Anleitung", "Ansprechstelle", "Kapazität"):
                assert ws.print_title_rows in ("$1:$1", "$1:$2"), where
            assert ws.oddFooter.right.text == "Seite &P von &N", where


@pytest.mark.parametrize("kind", list(WORKBOOKS))
def test_dates_are_date_cells_and_quarters_read_q_slash_year(
    files: dict[str, list[Path]], kind: str
) -> None:
    dates = 0
    for path in files[kind]:
        for ws in _sheets(path):
            for row in ws.iter_rows():
                for cell in row:
                    where = f"{path.name}/{ws.title}!{cell.coordinate}"
                    if isinstance(cell.value, str):
                        assert not _DATE_TEXT.match(cell.value.strip()), where
                        assert not _STORED_QUARTER.search(cell.value), where
                    elif isinstance(cell.value, (date, datetime)):
                        dates += 1
                        assert cell.number_format in ("DD.MM.YYYY", "DD.MM.YYYY HH:MM"), where
    if kind not in ("offices", "forms"):  # these have no date column
        assert dates > 0


def test_info_sheets_store_the_export_time_as_a_date(files: dict[str, list[Path]]) -> None:
    for kind in ("catalogue", "delivery", "roadmap"):
        (path,) = files[kind]
        info = load_workbook(path)["Info"]
        (cell,) = [r[1] for r in info.iter_rows() if r[0].value == "Exportiert am"]
        assert isinstance(cell.value, datetime) and cell.number_format == "DD.MM.YYYY HH:MM"
        assert abs((datetime.now() - cell.value).total_seconds()) < 3600


def test_roadmap_quarters_match_in_workbook_and_pdfs(files: dict[str, list[Path]]) -> None:
    (path,) = files["roadmap"]
    ws = load_workbook(path)["Roadmap"]
    headers = [c.value for c in ws[1]]
    column = headers.index("Anbindung geplant")
    quarters = {r[column] for r in ws.iter_rows(min_row=2, values_only=True) if r[column]}
    assert quarters and all(re.fullmatch(r"Q[1-4]/\d{4}", q) for q in quarters)
    capacity = load_workbook(path)["Kapazität"]
    heads = [c.value for c in capacity[1] if c.value and c.value != "Amt"]
    assert heads and all(re.fullmatch(r"Q[1-4]/\d{4}", q) for q in heads)
    for kind in ("roadmap-table", "council"):
        (pdf,) = files[kind]
        text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
        assert not _STORED_QUARTER.search(text), kind
        assert any(q in text for q in quarters), kind


def test_quarter_helper_reads_both_forms_and_writes_one() -> None:
    assert wording.quarter("2027-Q1") == wording.quarter("Q1/2027") == "Q1/2027"
    assert wording.quarter("1/2027") == wording.quarter("q1 2027") == "Q1/2027"
    assert wording.quarter("") == ""
    assert wording.quarter_key("Q4/2026") == "2026-Q4"
    with pytest.raises(ValueError, match="Q2/2027"):
        wording.parse_quarter("2027-Q5")


def test_shared_sheet_setup_on_a_written_file(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Datum", "Zeit"])
    ws.append([date(2027, 1, 4), datetime(2027, 1, 4, 9, 30)])
    for cell in ws[2]:
        cell.number_format = xlsx_sheet.date_format(cell.value)
    xlsx_sheet.print_layout(
        ws, [60, 60], municipality="A & B", heading="Test", day=date(2027, 1, 4)
    )
    wide = wb.create_sheet("breit")
    xlsx_sheet.print_layout(wide, [50] * 10)
    wb.save(tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx")
    first, second = back.worksheets
    assert (
        first.page_setup.orientation == "landscape" and first.sheet_properties.pageSetUpPr.fitToPage
    )
    assert (
        first.oddHeader.left.text == "A && B" and first.oddHeader.right.text == "Stand: 04.01.2027"
    )
    assert [c.number_format for c in first[2]] == ["DD.MM.YYYY", "DD.MM.YYYY HH:MM"]
    assert second.print_title_cols == "$A:$B" and not second.sheet_properties.pageSetUpPr.fitToPage


def test_district_workbook_uses_the_shared_setup_and_quarter_labels(tmp_path: Path) -> None:
    from ozgdesk.formats.district_records import DistrictReport, MemberRow
    from ozgdesk.formats.district_xlsx import write_district_xlsx

    member = MemberRow("Gemeinde A", "Projektdatei", 3, {}, 10, 8, 5, 4, 4, 2, {"2027-Q1": 2})
    report = DistrictReport("Kreis B", date(2027, 1, 4), (member,), ("2027-Q1",), ())
    path = write_district_xlsx(tmp_path / "kreis.xlsx", report)
    wb = load_workbook(path)
    assert [c.value for c in wb["Online je Quartal"][1]] == ["Kommune", "Q1/2027"]
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows == "$1:$1"
        assert ws.oddFooter.right.text == "Seite &P von &N"


def test_share_review_shows_quarters_as_people_read_them() -> None:
    from ozgdesk.formats import share_file as sf
    from ozgdesk.workflow import sharing

    plan = sf.Plan("99012001000000", "2027-Q2", "früh", "", "", "", "", None, ())
    assert sharing._describe_plan(plan) == "Q2/2027 · früh"
    odd = sf.Plan("99012001000000", "bald", "früh", "", "", "", "", None, ())
    assert sharing._describe_plan(odd) == "bald · früh"  # not a quarter: shown as it came
