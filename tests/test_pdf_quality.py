"""What a council member sees in the printed documents: every PDF of the demo, read back.

The demo project is built once; every PDF the app can write is written (tests/pdf_samples.py),
its text extracted with pypdf and checked: no e-mail address or word of the project split
where the rules of formats/pdf_text.py do not allow it, the municipality's name with its
article, plurals, only embedded fonts, bookmarks in every document of more than three pages,
title, author and language set. Then the hostile case: an office name of 5,000 characters.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf_samples import DAY, write_all

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# a break inside a word is allowed after these (hyphen, slash; "@", "." in addresses)
ALLOWED_END = ("-", "/", "@", ".")
MISSING_ARTICLE = re.compile(
    r"\b(?:für|in|von|an|bei|mit|aus|zu|nach|über)\s+(?:Gemeinde|Stadt|Kreis|Städteregion)\s"
)
BAD_PLURAL = re.compile(r"\b(?:Weitere 1|1 Ämter|1 Leistungen|1 Ämtern)\b")


@pytest.fixture(scope="module")
def demo_pdfs(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs):
    from ozgdesk.workflow.demo import create_demo

    base = tmp_path_factory.mktemp("demo-pdfs")
    project = create_demo(base / "Demo.ozgdesk")
    try:
        kinds = write_all(project, base / "PDF")
    finally:
        project.close()
    return base / "Demo.ozgdesk", kinds


def _project_words(path: Path) -> tuple[set[str], set[str]]:
    """Every word (with 3+ letters) and every e-mail address in the project's text columns."""
    words: set[str] = set()
    emails: set[str] = set()
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                sql = f'SELECT DISTINCT "{column}" FROM "{table}" WHERE typeof("{column}")=\'text\''
                for (value,) in conn.execute(sql):
                    emails.update(EMAIL.findall(value))
                    for token in value.split():
                        token = token.strip(".,;:()„“\"'!?")
                        letters = sum(c.isalpha() for c in token)
                        if letters >= 3 and not EMAIL.fullmatch(token):
                            words.add(token)
    finally:
        conn.close()
    return words, emails


def _lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    for number, page in enumerate(PdfReader(path).pages, start=1):
        yield number, [line.strip() for line in page.extract_text().splitlines()]


def _split_words(path: Path, words: set[str], emails: set[str]) -> list[str]:
    """Places where a line ends inside a project word or address at a forbidden point."""
    known = words | emails
    found = []
    for page, lines in _lines(path):
        for above, below in zip(lines, lines[1:], strict=False):
            if not above or not below:
                continue
            head, tail = above.split()[-1], below.split()[0]
            tail = tail.rstrip(".,;:)")
            joined = head + tail
            if head.endswith("-") and head[:-1] + tail in known:
                continue  # hyphenated with a hyphen added: allowed
            in_address = "@" in joined and any(joined in e for e in emails)
            if (joined in known or in_address) and not head.endswith(ALLOWED_END):
                found.append(f"{path.name} S. {page}: „{head}“ / „{tail}“")
    return found


def _fonts(path: Path) -> set[tuple[str, bool]]:
    """(base font, embedded) of every font used."""
    result = set()
    for page in PdfReader(path).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            result.add((name, embedded))
    return result


def test_every_pdf_reads_well(demo_pdfs) -> None:
    project_path, kinds = demo_pdfs
    words, emails = _project_words(project_path)
    assert "k.zahlmann@musterhausen.example" in emails and "Verwaltungsvorstand" in words
    files = [f for group in kinds.values() for f in group]
    assert len(files) >= 36 and all(kinds.values()), {k: len(v) for k, v in kinds.items()}
    problems: list[str] = []
    for path in files:
        reader = PdfReader(path)
        text = "\n".join(page.extract_text() for page in reader.pages)
        problems += _split_words(path, words, emails)
        problems += [f"{path.name}: „{m.group(0)}“" for m in MISSING_ARTICLE.finditer(text)]
        problems += [f"{path.name}: „{m.group(0)}“" for m in BAD_PLURAL.finditer(text)]
        for name, embedded in _fonts(path):
            if "DejaVuSans" not in name or not embedded:
                problems.append(f"{path.name}: Schrift {name} (eingebettet: {embedded})")
        if len(reader.pages) > 3 and not reader.outline:
            problems.append(f"{path.name}: {len(reader.pages)} Seiten ohne Lesezeichen")
        meta = reader.metadata
        author = "Kreisweites Team" if path in kinds["district"] else "Gemeinde Musterhausen"
        if not meta.title or meta.author != author:
            problems.append(f"{path.name}: Titel {meta.title!r}, Autor {meta.author!r}")
        if reader.trailer["/Root"].get("/Lang") != "de-DE":
            problems.append(f"{path.name}: keine Sprache")
    assert not problems, "\n".join(problems)


def test_the_article_before_the_name(demo_pdfs) -> None:
    _, kinds = demo_pdfs
    overview = "\n".join(p.extract_text() for p in PdfReader(kinds["overview"][0]).pages)
    assert "relevant für die Gemeinde Musterhausen" in " ".join(overview.split()).replace(
        "für die Gemeinde Musterhausen relevant", "relevant für die Gemeinde Musterhausen"
    )
    council = " ".join(
        " ".join(p.extract_text() for p in PdfReader(kinds["council-report"][0]).pages).split()
    )
    assert "für die Gemeinde Musterhausen relevant" in council


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        ("Ahaus", "Stadt", "für die Stadt Ahaus relevant"),
        ("Kreis Düren", "", "für den Kreis Düren relevant"),
        ("Musterhausen", "", "für die Gemeinde Musterhausen relevant"),
    ],
)
def test_the_kind_of_municipality(tmp_path: Path, name: str, title: str, expected: str) -> None:
    from ozgdesk.formats.overview_pdf import OverviewData, write_overview_pdf

    data = OverviewData(name, DAY, 10, 8, 2, 3, 1, 4, (), (), municipality_title=title)
    path = write_overview_pdf(tmp_path / "o.pdf", data)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert expected in text
    assert PdfReader(path).metadata.author == name


def test_the_long_roadmap_can_be_navigated(demo_pdfs) -> None:
    _, kinds = demo_pdfs
    reader = PdfReader(kinds["roadmap"][0])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert len(reader.pages) > 20 and any(t.startswith("Q") and "/20" in t for t in titles)
    assert reader.trailer["/Root"].get("/PageMode") == "/UseOutlines"  # shown on opening
    timeline = PdfReader(kinds["timeline-a4"][0])
    assert len(timeline.pages) > 3 and timeline.outline


def test_split_words_are_found(tmp_path: Path) -> None:
    """The check itself: the flaws of the issue are reported, allowed breaks are not."""
    from reportlab.platypus import Paragraph

    from ozgdesk.formats import pdf_base as pb

    lines = ["Kontakt: k.zahlmann@musterhausen.exampl", "e", "Verwaltungsvorstan", "d"]
    story = [Paragraph(pb.escape(line), pb.styles()["body"]) for line in lines]
    path = tmp_path / "t.pdf"
    pb.build_pdf(path, story, pb.DocumentInfo("Test", "Gemeinde Musterhausen"))
    found = _split_words(path, {"Verwaltungsvorstand"}, {"k.zahlmann@musterhausen.example"})
    assert len(found) == 2


# -- any length of text ---------------------------------------------------------------------------

LONG = (
    "Fachbereich Bürgerdienste, Sicherheit, Ordnung, Standesamt und Wahlen – "
    + "Abteilung Verwaltungsdigitalisierung und Einer-für-Alle-Anbindungen " * 80
)[:5000]


def test_a_5000_character_office_name(demo_pdfs, tmp_path: Path) -> None:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import offices
    from tests.conftest import copy_project

    project_path, _ = demo_pdfs
    path = copy_project(project_path, tmp_path / "Lang.ozgdesk")
    with Project.open(path) as project:
        office = offices.office_by_name(project, "Bürgerservice und Ordnung")
        assert office is not None and len(LONG) == 5000
        from dataclasses import replace

        offices.save_office(project, replace(office, name=LONG))
        kinds = write_all(project, tmp_path / "PDF", DAY)
    lists = [p for p in kinds["office-list"] if p.name.startswith("Leistungen Fachbereich")]
    assert len(lists) == 1
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(lists[0]).pages).split())
    assert "Leistungen – Fachbereich Bürgerdienste" in text and "…" in text  # title shortened
    assert LONG[-60:].strip() in text.replace("- ", "-") or LONG[2000:2040] in text  # in full
    for group in kinds.values():
        for path in group:
            assert PdfReader(path).pages, path  # every file complete and readable
    leftovers = [p for p in (tmp_path / "PDF").rglob("*") if p.name.startswith(".")]
    assert not leftovers


def test_a_failing_export_leaves_no_files(demo_pdfs, tmp_path: Path, monkeypatch) -> None:
    from ozgdesk.formats import office_pdf
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import office_reports

    project_path, _ = demo_pdfs
    calls = []
    original = office_pdf.write_office_pdf

    def failing(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(path)
        if len(calls) == 3:
            raise RuntimeError("kaputt")
        return original(path, *args, **kwargs)

    monkeypatch.setattr(office_pdf, "write_office_pdf", failing)
    folder = tmp_path / "Ämter"
    with Project.open(project_path, read_only=True) as project, pytest.raises(RuntimeError):
        office_reports.export_office_pdfs(project, folder)
    assert len(calls) == 3
    assert list(folder.iterdir()) == []  # neither the first two nor a staging folder


def test_every_text_of_any_length(demo_pdfs, tmp_path: Path) -> None:
    """Thousands of characters in every kind of text the PDFs show: all PDFs are written."""
    from ozgdesk.store.project import Project
    from tests.conftest import copy_project

    project_path, _ = demo_pdfs
    path = copy_project(project_path, tmp_path / "Extrem.ozgdesk")
    words = "Verwaltungsdigitalisierungsangelegenheiten und Einer-für-Alle-Nachnutzung "
    long = (words * 70)[:3000]
    address = "a" * 150 + "@" + "unter." * 30 + "musterhausen.example"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE project_info SET municipality = ?", ("Gemeinde " + long,))
        conn.execute(
            "UPDATE office_contact SET name = ?, function = ?, email = ?, phone = ?",
            (long[:500], long, address, "0" * 300),
        )
        conn.execute(
            "UPDATE workshop SET title = ?, place = ?, organiser = ?, organiser_email = ?, "
            "video_link = ?",
            (long[:1000], long, long[:500], address, "https://" + "video." * 80 + "example/x"),
        )
        conn.execute(
            # each name its own (keyless services are told apart by their name)
            "UPDATE service SET name = ? || ' ' || id, remark = ? WHERE id IN "
            "(SELECT id FROM service WHERE relevance = 'relevant' LIMIT 12)",
            (long[:1990], long),
        )
        conn.execute("UPDATE milestone SET title = ?", (long[:1000],))
        conn.execute("UPDATE office_unit SET opening_hours = ?, street = ?", (long, long[:500]))
        conn.execute("UPDATE agenda_item SET title = ?", (long[:1500],))
    conn.close()
    with Project.open(path) as project:
        kinds = write_all(project, tmp_path / "PDF", DAY)
    for group in kinds.values():
        for pdf in group:
            reader = PdfReader(pdf)
            assert reader.pages and reader.metadata.title, pdf
    assert not [p for p in (tmp_path / "PDF").rglob("*") if p.name.startswith(".")]


def test_a_killed_export_leaves_its_staging_folder_for_a_day(tmp_path: Path) -> None:
    import os
    import time

    from ozgdesk.formats.atomic import staged_folder

    old = tmp_path / ".ozgdesk-dead.tmp"
    old.mkdir()
    (old / "Leistungen Bauamt.pdf").write_bytes(b"%PDF-1.4 half")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    young = tmp_path / ".ozgdesk-busy.tmp"  # maybe another export right now
    young.mkdir()
    with staged_folder(tmp_path) as stage:
        (stage / "Neu.pdf").write_bytes(b"%PDF-1.4")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ozgdesk-busy.tmp", "Neu.pdf"]
