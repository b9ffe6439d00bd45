"""The report to the council (Stadtrat/Gemeinderat) on the OZG roll-out (A4 portrait).

Input is plain data (:class:`~ozgdesk.formats.roadmap_records.CouncilReportData`): the
coordinator's texts and amounts plus the figures from the project. The writer adds no
figure of its own; it only sums what is shown as a sum in the data already.

Page 1 is the executive summary, always exactly one page (scaled down if a long text
would overflow it): key figures, then situation, goal, benefit, one-off and yearly
cost, risks and mitigation, schedule. Then: 1 benefit table (stakeholder, benefit,
measured by), 2 cost table (implementation, operation, personnel with the
coordination share, risk buffer with its percentage, total), 3 progress since the last
report (Reifegrad today and target, decisions, delivery status, milestones reached)
with charts, 4 milestones of the next six months, 5 dependencies on Land and federal
level (the coordinator's text and the services waiting for an EfA solution that is
not secured), 6 the communication with the council.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats import pdf_charts as charts
from ozgdesk.formats.council_details_pdf import (
    NBSP,
    details,
    euro,
    number,
    typed_text,
    yearly_cost,
)
from ozgdesk.formats.roadmap_records import CouncilReportData
from ozgdesk.wording import municipality_phrase

TITLE = "Bericht an den Rat: Umsetzung des Onlinezugangsgesetzes"
HEADER_TITLE = "OZG-Umsetzung – Bericht an den Rat"


def write_council_report(path: Path | str, data: CouncilReportData) -> Path:
    """Write the council report to ``path`` (atomically); returns the path."""
    info = pb.DocumentInfo(
        title=f"{TITLE} – {data.municipality}" if data.municipality else TITLE,
        municipality=data.municipality,
        subject="Stand, Nutzen, Kosten, Risiken und Zeitplan der OZG-Umsetzung",
        day=data.day,
        keywords=tuple(k for k in ("OZG", "Rat", "Bericht", data.municipality) if k),
        source=data.source_note,
        header_title=HEADER_TITLE,
    )

    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, height = doc.frame_size
        return [
            KeepInFrame(width, height, _summary(data, width), mode="shrink"),
            PageBreak(),
            *details(data, width),
        ]

    return pb.build_pdf(path, story, info)


# -- page 1: the executive summary ---------------------------------------------------------------


def _title_row(data: CouncilReportData, width: float) -> list[Flowable]:
    since = (
        f"Fortschrittsbericht seit dem {pb.german_date(data.last_report)}"
        if data.last_report
        else "Erster Bericht"
    )
    subtitle = " · ".join(
        t for t in ("Umsetzung des Onlinezugangsgesetzes (OZG)", data.municipality, since) if t
    )
    return blocks.title_block(
        "Bericht an den Rat", width, right=blocks.stand(data.day), subtitle=subtitle, gap=2
    )


def _key_figures(data: CouncilReportData, width: float) -> Table:
    return blocks.figures(
        [
            (pb.german_number(data.relevant), "relevante Leistungen", pb.ACCENT),
            (pb.german_number(data.planned), "davon entschieden", pb.BLUE),
            (pb.german_number(data.level3_today), "heute Reifegrad 3 oder höher", pb.ORANGE),
            (pb.german_number(data.level3_target), "Ziel: Reifegrad 3 oder höher", pb.GREEN),
            (euro(data.total_first_year), "Kosten im ersten Jahr", pb.ACCENT),
        ],
        width,
        gap=0.2 * cm,
    )


def _bullets(items: Sequence[str]) -> str:
    return "<br/>".join(f"•{NBSP}{item}" for item in items)


def _summary(data: CouncilReportData, width: float) -> list[Flowable]:
    place = (
        pb.escape(municipality_phrase(data.municipality, data.municipality_title, "akk"))
        if data.municipality
        else "die Kommune"
    )
    facts = (
        f"Von den {pb.german_number(data.catalogue_total)} Leistungen im Leistungskatalog sind "
        f"<b>{pb.german_number(data.relevant)}</b> für {place} relevant; "
        f"<b>{pb.german_number(data.level3_today)}</b> davon erreichen heute Reifegrad 3 oder "
        "höher (Online-Antrag mit Nachweisen, OZG-konform)."
    )
    goal_facts = (
        f"Geplant: <b>{pb.german_number(data.level3_target)}</b> Leistungen mit Reifegrad 3 oder "
        f"höher; für {pb.german_number(data.planned)} von {pb.german_number(data.relevant)} "
        "relevanten Leistungen ist entschieden, ob und wann sie angebunden werden."
    )
    benefits = _bullets(
        [f"<b>{pb.escape(who)}</b>: {pb.escape(what)}" for who, what, _how in data.benefits]
    ) or typed_text("")
    costs = (
        f"Einmalig <b>{euro(data.implementation_cost)}</b> für die Umsetzung. Jährlich "
        f"<b>{euro(yearly_cost(data))}</b>: Betrieb {euro(data.operation_cost)} und Personal "
        f"{euro(data.personnel_cost)} ({number(data.coordination_fte)}{NBSP}VZÄ Koordination). "
        f"Risikopuffer {number(data.risk_buffer_percent)}{NBSP}% = {euro(data.risk_buffer)}. "
        f"<b>Im ersten Jahr insgesamt {euro(data.total_first_year)}.</b>"
    )
    risks = _bullets(
        [f"{pb.escape(risk)} → {pb.escape(mitigation)}" for risk, mitigation in data.risks]
    ) or typed_text("")
    rows = [
        ("Ausgangslage", f"{typed_text(data.situation)}<br/>{facts}"),
        ("Ziel", f"{typed_text(data.goal)}<br/>{goal_facts}"),
        ("Nutzen", benefits),
        ("Kosten", costs),
        ("Risiken und<br/>Gegenmaßnahmen", risks),
        ("Zeitplan", _schedule(data)),
    ]
    label_w = 3.9 * cm
    body = [[blocks.text(f"<b>{label}</b>"), blocks.text(text, "body", 14)] for label, text in rows]
    table = Table(body, colWidths=[label_w, width - label_w], hAlign="LEFT")
    table.setStyle(
        blocks.style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, pb.RULE),
                ("TEXTCOLOR", (0, 0), (0, -1), pb.ACCENT),
            ]
        )
    )
    flow: list[Flowable] = [
        *_title_row(data, width),
        blocks.section("Das Wichtigste auf einer Seite"),
        _key_figures(data, width),
        Spacer(1, 0.25 * cm),
        table,
    ]
    if data.per_quarter:
        flow += [
            blocks.section("Geplante Anbindungen je Quartal"),
            charts.bar_chart(
                [c.label for c in data.per_quarter],
                [charts.Series("Online-Dienste", [c.value for c in data.per_quarter], pb.BLUE)],
                width=width,
                height=4.2 * cm,
                horizontal=False,
                font_size=6.5,
                bar_thickness=10,
            ),
        ]
    return flow


def _schedule(data: CouncilReportData) -> str:
    parts = []
    if data.first_quarter:
        total = sum(c.value for c in data.per_quarter)
        span = (
            f"von {data.first_quarter} bis {data.last_quarter}"
            if data.last_quarter != data.first_quarter
            else f"im {data.first_quarter}"
        )
        parts.append(f"Anbindung von {pb.german_number(total)} Online-Diensten geplant {span}.")
    else:
        parts.append("Noch ist keine Anbindung einem Quartal zugeordnet.")
    if data.go_live:
        parts.append(f"Start der Online-Dienste (Go-live): {pb.german_date(data.go_live)}.")
    nxt = next((m for m in data.upcoming if not m.done), None)
    if nxt:
        parts.append(
            f"Nächster Meilenstein: {pb.escape(nxt.title)} am {pb.german_date(nxt.due_on)}."
        )
    report = next((i for i in data.communication if not i.done and i.due_on >= data.day), None)
    if report:
        parts.append(
            f"Nächster Termin mit dem Rat: {pb.escape(report.title)} am "
            f"{pb.german_date(report.due_on)}."
        )
    return " ".join(parts)
