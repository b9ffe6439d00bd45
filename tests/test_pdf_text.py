"""The line-breaking rules of every PDF (formats/pdf_text.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats.pdf_text import (
    break_token,
    clip_lines,
    fit,
    shorten,
    width,
    wrap_lines,
)

F = "DejaVuSans"


@pytest.fixture(autouse=True, scope="module")
def _fonts() -> None:
    pb.register_fonts()


def test_addresses_break_only_after_at_dot_or_slash() -> None:
    narrow = break_token("k.zahlmann@musterhausen.example", F, 8, 40)
    assert "".join(narrow) == "k.zahlmann@musterhausen.example"  # too narrow: cut, nothing added
    assert break_token("k.zahlmann@musterhausen.example", F, 8, 80) == (
        "k.zahlmann@",
        "musterhausen.",
        "example",
    )
    lines = break_token("https://www.musterhausen.example/leistungen/abfall", F, 8, 90)
    assert "".join(lines) == "https://www.musterhausen.example/leistungen/abfall"
    assert all(line.endswith(("/", ".", "@")) for line in lines[:-1])


def test_words_break_after_hyphens_then_hyphenate() -> None:
    assert break_token("Einer-für-Alle-Dienstes", F, 8, 60) == ("Einer-für-Alle-", "Dienstes")
    lines = break_token("Verwaltungsvorstand", F, 8, 50)
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.removesuffix("-") for line in lines) == "Verwaltungsvorstand"
    assert lines[0] == "Verwal-"  # German patterns (pyphen), not a cut where the line ends


def test_wrap_fills_lines_and_loses_nothing() -> None:
    text = "Online-Dienst nach Einer-für-Alle-Dienstes, Kontakt k.zahlmann@musterhausen.example"
    lines = wrap_lines(text, F, 8, 110)
    assert all(width(line, F, 8) <= 110 for line in lines)
    assert " ".join(lines).replace("- ", "-").replace("@ ", "@").replace(". ", ".") == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß -/@.", min_size=1, max_size=300))
def test_any_text_wraps_within_the_line(text: str) -> None:
    lines = wrap_lines(text, F, 8, 60)
    assert all(width(line, F, 8) <= 60 + 0.01 for line in lines)
    kept = "".join("".join(lines).split()).replace("-", "")
    assert kept == "".join(text.split()).replace("-", "")  # no character lost (hyphens aside)


def test_fit_shorten_and_clip() -> None:
    name = "Fachbereich Bürgerdienste, Sicherheit und Ordnung"
    short = fit(name, F, 8, 100)
    assert short.endswith("…") and width(short, F, 8) <= 100
    assert fit("Amt", F, 8, 100) == "Amt"
    assert shorten("a " * 200, 50).endswith("…") and len(shorten("a " * 200, 50)) <= 50
    clipped = clip_lines("Wort " * 500, F, 8, 100, 3)
    assert len(clipped) == 3 and clipped[-1].endswith("…")


def test_text_flowable_breaks_and_shortens(tmp_path: Path) -> None:
    long_name = "Fachbereich " + "Verwaltungsdigitalisierungsangelegenheiten " * 120
    rows = [
        ["Amt", "E-Mail"],
        [long_name, "k.zahlmann@musterhausen.example"],
    ]
    story = [
        blocks.plain("Einer-für-Alle-Dienstes " * 3 + "x" * 400),  # one token wider than a page
        blocks.table(rows, [200, 90]),  # a cell of 5,000 characters: shortened, no LayoutError
    ]
    path = pb.build_pdf(tmp_path / "t.pdf", story, pb.DocumentInfo("Test", "Gemeinde Test"))
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "k.zahlmann@\nmusterhausen.\nexample" in text  # the address broken after "@", "."
    assert "…" in text
    assert len(PdfReader(path).pages) <= 3
