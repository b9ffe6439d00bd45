"""One-page A4 overview of the relevance check for the administration's leadership.

Input is plain data (:class:`OverviewData`); the workflow collects it. Layout:
title and intro, key figures, counts by Themenfeld, a bar chart (relevant and
open per Themenfeld) and counts by LeiKa-Typ. Everything is kept on one page:
if unusually many rows would overflow it, the content is scaled down to fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats import pdf_charts as charts
from ozgdesk.wording import municipality_phrase

TITLE = "Übersicht OZG-Leistungen"
SOURCE_NOTE = "Leistungskatalog: OZG-Datenbank NRW (KDN), MIT-Lizenz"


@dataclass(frozen=True)
class CountRow:
    """Services of one group (a Themenfeld, a LeiKa-Typ) by decision."""

    label: str
    total: int
    relevant: int
    not_relevant: int
    open: int  # to check or not yet decided

    @property
    def decided(self) -> int:
        return self.relevant + self.not_relevant


@dataclass(frozen=True)
class OverviewData:
    municipality: str
    day: date
    total: int
    with_key: int
    relevant: int
    not_relevant: int
    to_check: int
    undecided: int
    by_themenfeld: Sequence[CountRow]
    by_typ: Sequence[CountRow]
    source_note: str = SOURCE_NOTE
    municipality_title: str = ""  # "Gemeinde", "Stadt", "Kreis" … ("" unknown)

    @property
    def title(self) -> str:
        return f"{TITLE} – {self.municipality}" if self.municipality else TITLE

    @property
    def open(self) -> int:
        return self.to_check + self.undecided


def write_overview_pdf(path: Path | str, data: OverviewData) -> Path:
    """Write the one-page overview to ``path`` (atomically) and return the path."""
    info = pb.DocumentInfo(
        title=data.title,
        municipality=data.municipality,
        subject="Stand der Relevanzprüfung der OZG-Leistungen (Leistungskatalog)",
        day=data.day,
        keywords=tuple(k for k in ("OZG", "Leistungskatalog", "LeiKa", data.municipality) if k),
        source=data.source_note,
        header_title=TITLE,  # the municipality is already at the left
    )

    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, height = doc.frame_size
        content = _content(data, width)
        # One page, always: shrink (never split) if the content is taller than the frame.
        return [KeepInFrame(width, height, content, mode="shrink")]

    return pb.build_pdf(path, story, info)


def _percent(part: int, whole: int) -> str:
    if whole <= 0:
        return "–"
    return f"{round(100 * part / whole)} %"


def _content(data: OverviewData, width: float) -> list[Flowable]:
    st = pb.styles()
    decided = data.relevant + data.not_relevant
    place = (
        pb.escape(municipality_phrase(data.municipality, data.municipality_title, "akk"))
        if data.municipality
        else "die Kommune"
    )
    intro = (
        f"Für jede der {pb.german_number(data.total)} Leistungen im Leistungskatalog wird "
        f"entschieden, ob sie für {place} relevant ist. Bisher sind "
        f"<b>{pb.german_number(decided)}</b> Leistungen entschieden "
        f"({_percent(decided, data.total)})."
    )
    flow: list[Flowable] = [
        *blocks.title_block(data.title, width, right=blocks.stand(data.day), gap=6),
        blocks.text(intro),
        Spacer(1, 0.35 * cm),
        _key_figures(data, width),
        blocks.section("Leistungen nach Themenfeld"),
        _theme_table(data, width),
    ]
    if sum(r.total for r in data.by_themenfeld) != data.total:
        flow.append(Spacer(1, 2))
        flow.append(
            blocks.text(
                "Eine Leistung kann in mehreren Themenfeldern stehen; "
                "„Alle Leistungen“ zählt jede nur einmal.",
                st["note"],
            )
        )
    if data.by_themenfeld:
        flow += [
            blocks.section("Relevant und offen je Themenfeld"),
            _theme_chart(data, width),
        ]
    flow += [
        blocks.section("Leistungen nach LeiKa-Typ"),
        *_typ_tables(data, width),
        Spacer(1, 0.3 * cm),
        blocks.text(
            "<b>offen</b> = noch nicht entschieden oder „prüfen“. "
            "<b>LeiKa-Typ</b>: wer die Leistung regelt und ausführt (Bund, Land, Kommune).",
            st["note"],
        ),
    ]
    return flow


def _key_figures(data: OverviewData, width: float) -> Table:
    figures = [
        (data.total, "Leistungen gesamt", pb.ACCENT),
        (data.with_key, "mit LeiKa-Schlüssel", pb.ACCENT),
        (data.relevant, "relevant", pb.GREEN),
        (data.not_relevant, "nicht relevant", pb.GREY),
        (data.to_check, "zu prüfen", pb.ORANGE),
        (data.undecided, "noch nicht entschieden", pb.ORANGE),
    ]
    return blocks.figures([(pb.german_number(v), label, c) for v, label, c in figures], width)


def _count_table(rows: Sequence[CountRow], total: CountRow, width: float, first: str) -> Table:
    header: list[object] = [first, "gesamt", "relevant", "nicht relevant", "offen", "entschieden"]
    body: list[list[object]] = [header]
    for r in [*rows, total]:
        body.append(
            [r.label, r.total, r.relevant, r.not_relevant, r.open, _percent(r.decided, r.total)]
        )
    numbers = [1.6 * cm, 1.75 * cm, 2.6 * cm, 1.6 * cm, 2.35 * cm]
    widths = [width - sum(numbers), *numbers]
    return blocks.table(body, widths, numeric=range(1, 6), total_row=True)


def _total_row(data: OverviewData) -> CountRow:
    return CountRow("Alle Leistungen", data.total, data.relevant, data.not_relevant, data.open)


def _theme_table(data: OverviewData, width: float) -> Table:
    return _count_table(data.by_themenfeld, _total_row(data), width, "Themenfeld")


def _theme_chart(data: OverviewData, width: float) -> Flowable:
    rows = list(data.by_themenfeld)
    return charts.bar_chart(
        [r.label for r in rows],
        [
            charts.Series("relevant", [r.relevant for r in rows], pb.GREEN),
            charts.Series("offen", [r.open for r in rows], pb.ORANGE),
        ],
        width=width,
        font_size=7,
        bar_thickness=4,
        show_values=False,  # the exact numbers are in the table above
    )


def _typ_tables(data: OverviewData, width: float, per_table: int = 10) -> list[Flowable]:
    """Counts by LeiKa-Typ, one column per Typ (compact: few rows, several types)."""
    rows = list(data.by_typ)
    chunks = [rows[i : i + per_table] for i in range(0, len(rows), per_table)] or [[]]
    tables: list[Flowable] = []
    label_w = 2.6 * cm
    for n, chunk in enumerate(chunks):
        col_w = (width - label_w) / per_table
        body: list[list[object]] = [["LeiKa-Typ", *[r.label for r in chunk]]]
        body.append(["gesamt", *[r.total for r in chunk]])
        body.append(["relevant", *[r.relevant for r in chunk]])
        body.append(["nicht relevant", *[r.not_relevant for r in chunk]])
        body.append(["offen", *[r.open for r in chunk]])
        table = blocks.table(body, [label_w] + [col_w] * len(chunk), numeric=range(1, 11))
        tables.append(table)
        if n < len(chunks) - 1:
            tables.append(Spacer(1, 4))
    return tables
