"""The district overview as PDF (A4 landscape): the members side by side, services going
online per quarter, and the services the members decided differently."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from ozgdesk import wording
from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats.district_records import DistrictReport, MemberRow
from ozgdesk.wording import plural

STEP_NAMES = {0: "–", 1: "Übersicht", 2: "Zuordnung", 3: "Workshop", 4: "Datenlieferung",
              5: "Roadmap"}  # fmt: skip
MAX_QUARTER_COLUMNS = 10  # wider plans are summed up in a last column "später"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


STEP_MARKS = {"erledigt": "●", "in Arbeit": "◐", "nicht begonnen": "○"}


def _reached(member: MemberRow) -> str:
    if not member.step_reached:
        return "noch keiner"
    return f"{member.step_reached} {STEP_NAMES.get(member.step_reached, '')}".strip()


def _marks(member: MemberRow) -> str:
    return " ".join(STEP_MARKS.get(status, "○") for status in member.steps.values())


def write_district_pdf(path: Path | str, report: DistrictReport) -> Path:
    info = pb.DocumentInfo(
        title=report.title,
        municipality="Kreisweites Team",
        subject="Stand der OZG-Umsetzung der Kommunen im Vergleich",
        day=report.day,
        keywords=("OZG", "Kreis", "Kommunen", "Vergleich"),
    )

    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, _height = doc.frame_size
        return _content(report, width)

    return pb.build_pdf(path, story, info, orientation=pb.LANDSCAPE)


def _heading(text: str) -> list[Flowable]:
    """A section heading that may stand above a long table: it moves to the next page only
    when less than 3 cm are left (the house style's keepWithNext would move the whole table)."""
    style = ParagraphStyle("district_heading", parent=pb.styles()["heading"], keepWithNext=False)
    return [CondPageBreak(3 * cm), blocks.section(text, style=style)]


def _content(report: DistrictReport, width: float) -> list[Flowable]:
    count = len(report.members)
    flow: list[Flowable] = [
        *blocks.title_block(report.title, width, right=blocks.stand(report.day), gap=6),
        blocks.text(
            f"{plural(count, 'Kommune', 'Kommunen')} im Vergleich. Schritte: ● erledigt, "
            "◐ in Arbeit, ○ nicht begonnen; „erledigt bis“ ist der letzte Schritt, bis zu dem "
            "alle erledigt sind. Zugeordnet und Datenlieferung beziehen sich auf die relevanten "
            "Leistungen."
        ),
        Spacer(1, 0.3 * cm),
        *_heading("Stand je Kommune"),
        _members_table(report, width),
    ]
    if report.quarters:
        flow += _heading("Geplante Online-Anbindungen je Quartal")
        flow.append(_quarter_table(report, width))
    flow += _heading("Unterschiedlich entschiedene Leistungen")
    if report.differences:
        flow.append(_differences_table(report, width))
    else:
        flow.append(
            blocks.plain(
                "Keine: Wo mehrere Kommunen über dieselbe Leistung entschieden haben, stimmen "
                "die Entscheidungen überein."
            )
        )
    if report.unreadable:
        flow += _heading("Nicht gelesene Dateien")
        flow += [blocks.plain(text, "note") for text in report.unreadable]
    return flow


def _members_table(report: DistrictReport, width: float) -> Flowable:
    header = ["Kommune", "Quelle", "Schritte 1–5", "erledigt bis", "Leistungen", "entschieden",
              "relevant", "zugeordnet", "Daten vollständig", "online geplant"]  # fmt: skip
    body: list[list[object]] = [list(header)]
    for m in report.members:
        body.append(
            [
                m.name,
                m.source,
                _marks(m),
                _reached(m),
                m.services_total,
                _percent(m.decided, m.services_total),
                m.relevant,
                _percent(m.assigned, m.relevant),
                _percent(m.delivery_complete, m.delivery_total),
                m.online_planned,
            ]
        )
    numbers = [2.9, 2.4, 2.7, 2.3, 2.5, 1.9, 2.4, 2.6, 2.4]
    widths = [n * cm for n in numbers]
    return blocks.table(body, [width - sum(widths), *widths], numeric=range(4, 10))


def _quarter_table(report: DistrictReport, width: float) -> Flowable:
    quarters = list(report.quarters)
    shown, later = quarters[:MAX_QUARTER_COLUMNS], quarters[MAX_QUARTER_COLUMNS:]
    header: list[object] = [
        "Kommune",
        *(report.quarter_labels.get(q) or wording.quarter(q) for q in shown),
    ]
    if later:
        header.append("später")
    body: list[list[object]] = [header]
    for m in report.members:
        row: list[object] = [m.name]
        row += [m.online_per_quarter.get(q, 0) for q in shown]
        if later:
            row.append(sum(m.online_per_quarter.get(q, 0) for q in later))
        body.append(row)
    columns = len(header) - 1
    each = min(2.0 * cm, (width - 5 * cm) / max(columns, 1))
    return blocks.table(body, [width - each * columns, *([each] * columns)],
                         numeric=range(1, columns + 1))  # fmt: skip


def _differences_table(report: DistrictReport, width: float) -> Flowable:
    """One row per service: the majority's decision, then only those who decided otherwise
    (a service the members split on stays one or two lines, however many members there are)."""
    body: list[list[object]] = [
        ["LeiKa-Schlüssel", "Leistung", "mehrheitlich", "anders entschieden"]
    ]
    for d in report.differences:
        majority, count = d.majority()
        dissent = "; ".join(f"{m}: {x}" for m, x in d.dissent())
        body.append(
            [
                d.key,
                d.name,
                f"{majority} ({count} von {len(d.decisions)})",
                dissent,
            ]
        )
    rest = width - 3.0 * cm - 3.6 * cm
    return blocks.table(body, [3.0 * cm, rest * 0.45, 3.6 * cm, rest * 0.55])
