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
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.roadmap_records import CouncilReportData, Count, MilestoneLine

TITLE = "Bericht an den Rat: Umsetzung des Onlinezugangsgesetzes"
HEADER_TITLE = "OZG-Umsetzung – Bericht an den Rat"
NBSP = "\u00a0"
MISSING = "noch nicht ausgefüllt"
_HIGHLIGHT = colors.HexColor("#FCEFD9")
_OPEN = "#B35900"
_DONE = "#009E73"


def euro(value: float) -> str:
    """37500 -> '37.500 €', 5000.5 -> '5.000,50 €' (German separators, no rounding
    beyond cents)."""
    cents = round(value * 100)
    whole, rest = divmod(abs(cents), 100)
    text = f"{whole:,}".replace(",", ".")
    if rest:
        text += f",{rest:02d}"
    return ("-" if cents < 0 else "") + text + NBSP + "€"


def number(value: float) -> str:
    """German number with as many decimals as needed (0,5; 0,25; 15)."""
    if float(value).is_integer():
        return pb.german_number(value)
    text = f"{value:,.2f}".rstrip("0")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


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
            *_details(data, width),
        ]

    return pb.build_pdf(path, story, info)


# -- page 1: the executive summary ---------------------------------------------------------------


def _title_row(data: CouncilReportData, width: float) -> list[Flowable]:
    st = pb.styles()
    table = pb.title_row(
        "Bericht an den Rat", pb.stand(data.day), width, right_width=3.6 * cm, gap=2
    )
    since = (
        f"Fortschrittsbericht seit dem {pb.german_date(data.last_report)}"
        if data.last_report
        else "Erster Bericht"
    )
    subtitle = " · ".join(
        t for t in ("Umsetzung des Onlinezugangsgesetzes (OZG)", data.municipality, since) if t
    )
    return [table, Paragraph(pb.escape(subtitle), st["subtitle"])]


def _key_figures(data: CouncilReportData, width: float) -> Table:
    st = pb.styles()
    figures = [
        (pb.german_number(data.relevant), "relevante Leistungen", pb.ACCENT),
        (pb.german_number(data.planned), "davon entschieden", pb.BLUE),
        (pb.german_number(data.level3_today), "heute Reifegrad 3 oder höher", pb.ORANGE),
        (pb.german_number(data.level3_target), "Ziel: Reifegrad 3 oder höher", pb.GREEN),
        (euro(data.total_first_year), "Kosten im ersten Jahr", pb.ACCENT),
    ]
    gap = 0.2 * cm
    box_w = (width - gap * (len(figures) - 1)) / len(figures)
    cells: list[object] = []
    widths: list[float] = []
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, (value, label, colour) in enumerate(figures):
        col = 2 * i
        style = _figure_style(value, box_w - 10)
        cells.append([Paragraph(value, style), Paragraph(label, st["figure_label"])])
        widths.append(box_w)
        commands += [
            ("BACKGROUND", (col, 0), (col, 0), pb.SHADE),
            ("LINEBEFORE", (col, 0), (col, 0), 2.5, colour),
        ]
        if i < len(figures) - 1:
            cells.append("")
            widths.append(gap)
            commands.append(("LEFTPADDING", (col + 1, 0), (col + 1, 0), 0))
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _figure_style(text: str, width: float) -> ParagraphStyle:
    """The key figure style, smaller if ``text`` would not fit into ``width``."""
    base = pb.styles()["figure"]
    size = base.fontSize
    while size > 9 and pdfmetrics.stringWidth(text, base.fontName, size) > width:
        size -= 0.5
    if size == base.fontSize:
        return base
    return ParagraphStyle(f"figure_{size}", parent=base, fontSize=size)


def _text(value: str) -> str:
    """Typed text for a Paragraph: escaped, line breaks kept; a placeholder if empty."""
    if not value.strip():
        return f"<font color='{_OPEN}'>({MISSING})</font>"
    return "<br/>".join(pb.escape(line) for line in value.strip().splitlines())


def _bullets(items: Sequence[str]) -> str:
    return "<br/>".join(f"•{NBSP}{item}" for item in items)


def _yearly(data: CouncilReportData) -> float:
    return data.operation_cost + data.personnel_cost


def _summary(data: CouncilReportData, width: float) -> list[Flowable]:
    st = pb.styles()
    place = pb.escape(data.municipality) or "die Kommune"
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
    ) or _text("")
    costs = (
        f"Einmalig <b>{euro(data.implementation_cost)}</b> für die Umsetzung. Jährlich "
        f"<b>{euro(_yearly(data))}</b>: Betrieb {euro(data.operation_cost)} und Personal "
        f"{euro(data.personnel_cost)} ({number(data.coordination_fte)}{NBSP}VZÄ Koordination). "
        f"Risikopuffer {number(data.risk_buffer_percent)}{NBSP}% = {euro(data.risk_buffer)}. "
        f"<b>Im ersten Jahr insgesamt {euro(data.total_first_year)}.</b>"
    )
    risks = _bullets(
        [f"{pb.escape(risk)} → {pb.escape(mitigation)}" for risk, mitigation in data.risks]
    ) or _text("")
    rows = [
        ("Ausgangslage", f"{_text(data.situation)}<br/>{facts}"),
        ("Ziel", f"{_text(data.goal)}<br/>{goal_facts}"),
        ("Nutzen", benefits),
        ("Kosten", costs),
        ("Risiken und<br/>Gegenmaßnahmen", risks),
        ("Zeitplan", _schedule(data)),
    ]
    label_w = 3.9 * cm
    body = [
        [Paragraph(f"<b>{label}</b>", st["body"]), Paragraph(text, st["body"])]
        for label, text in rows
    ]
    table = Table(body, colWidths=[label_w, width - label_w], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
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
        Paragraph("Das Wichtigste auf einer Seite", st["heading"]),
        _key_figures(data, width),
        Spacer(1, 0.25 * cm),
        table,
    ]
    if data.per_quarter:
        flow += [
            Paragraph("Geplante Anbindungen je Quartal", st["heading"]),
            pb.bar_chart(
                [c.label for c in data.per_quarter],
                [pb.Series("Online-Dienste", [c.value for c in data.per_quarter], pb.BLUE)],
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


# -- the details --------------------------------------------------------------------------------


@cache
def _subheading() -> ParagraphStyle:
    return ParagraphStyle(
        "council_subheading", parent=pb.styles()["body"], fontName=pb.FONT_BOLD, keepWithNext=True
    )


def _state(done: bool, due: date, day: date, done_text: str) -> object:
    """ "erreicht"/"erledigt" in green, "überfällig" in orange, else "offen"."""
    cell = pb.styles()["table_cell"]
    if done:
        return Paragraph(f"<font color='{_DONE}'>{done_text}</font>", cell)
    if due < day:
        return Paragraph(f"<font color='{_OPEN}'>überfällig</font>", cell)
    return "offen"


def _heading(text: str) -> Paragraph:
    return Paragraph(pb.escape(text), pb.styles()["heading"])


def _note(text: str) -> Paragraph:
    return Paragraph(text, pb.styles()["note"])


def _details(data: CouncilReportData, width: float) -> list[Flowable]:
    flow: list[Flowable] = []
    flow += _benefits(data, width)
    flow += _costs(data, width)
    flow += _progress(data, width)
    flow += _upcoming(data, width)
    flow += _dependencies(data, width)
    flow += _communication(data, width)
    return flow


def _benefits(data: CouncilReportData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [_heading("1 Nutzen")]
    if not data.benefits:
        return [*flow, Paragraph(_text(""), pb.styles()["body"])]
    body: list[list[object]] = [["Für wen", "Nutzen", "Woran wir ihn messen"]]
    body += [list(b) for b in data.benefits]
    widths = [4.2 * cm, 0, 5.4 * cm]
    widths[1] = width - sum(widths)
    table = pb.data_table(body, widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [*flow, table]


def _costs(data: CouncilReportData, width: float) -> list[Flowable]:
    dash = "–"
    base = data.risk_base
    body: list[list[object]] = [
        ["Position", "Erläuterung", "einmalig", "jährlich", "im ersten Jahr"],
        [
            "Umsetzung",
            "Einrichtung, Anbindung, Schnittstellen",
            euro(data.implementation_cost),
            dash,
            euro(data.implementation_cost),
        ],
        [
            "Betrieb",
            "Lizenzen, Betrieb, Wartung",
            dash,
            euro(data.operation_cost),
            euro(data.operation_cost),
        ],
        [
            "Personal",
            f"Koordination: {number(data.coordination_fte)}{NBSP}VZÄ × "
            f"{euro(data.cost_per_fte)} pro Jahr",
            dash,
            euro(data.personnel_cost),
            euro(data.personnel_cost),
        ],
        [
            "Risikopuffer",
            f"{number(data.risk_buffer_percent)}{NBSP}% von {euro(base)}",
            dash,
            dash,
            euro(data.risk_buffer),
        ],
        [
            "Summe",
            "",
            euro(data.implementation_cost),
            euro(_yearly(data)),
            euro(data.total_first_year),
        ],
    ]
    widths = [2.6 * cm, 0, 2.7 * cm, 2.7 * cm, 2.9 * cm]
    widths[1] = width - sum(widths)
    table = pb.data_table(body, widths, numeric=[2, 3, 4], total_row=True)
    return [
        KeepTogether(
            [
                _heading("2 Kosten"),
                table,
                Spacer(1, 2),
                _note(
                    "Beträge in Euro, wie von der OZG-Koordination angegeben. Der Risikopuffer "
                    "bezieht sich auf Umsetzung, Betrieb und Personal im ersten Jahr. VZÄ = "
                    "Vollzeitäquivalent."
                ),
            ]
        )
    ]


def _count_table(
    rows: Sequence[Count], width: float, head: str, total_label: str, total: int
) -> Table:
    body: list[list[object]] = [[head, "Leistungen"]]
    body += [[c.label, c.value] for c in rows]
    body.append([total_label, total])
    return pb.data_table(body, [width - 2.4 * cm, 2.4 * cm], numeric=[1], total_row=True)


def _side_by_side(left: Flowable, right: Flowable, width: float, left_w: float) -> Table:
    table = Table([[left, right]], colWidths=[left_w, width - left_w], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 14),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _progress(data: CouncilReportData, width: float) -> list[Flowable]:
    since = (
        f"3 Fortschritt seit dem letzten Bericht ({pb.german_date(data.last_report)})"
        if data.last_report
        else "3 Stand der Umsetzung"
    )
    flow: list[Flowable] = [_heading(since)]
    # Reifegrad today and target
    left_w = width * 0.52
    body: list[list[object]] = [["Reifegrad", "heute", "Ziel"]]
    body += [[lv.label, lv.today, lv.target] for lv in data.levels]
    body.append(
        [
            "relevante Leistungen",
            sum(lv.today for lv in data.levels),
            sum(lv.target for lv in data.levels),
        ]
    )
    levels_table = pb.data_table(
        body, [left_w - 14 - 2 * 1.5 * cm, 1.5 * cm, 1.5 * cm], numeric=[1, 2], total_row=True
    )
    chart = pb.bar_chart(
        [lv.short for lv in data.levels],
        [
            pb.Series("heute", [lv.today for lv in data.levels], pb.ORANGE),
            pb.Series("Ziel", [lv.target for lv in data.levels], pb.GREEN),
        ],
        width=width - left_w,
        height=4.6 * cm,
        horizontal=False,
        font_size=6.5,
        bar_thickness=6,
    )
    flow += [
        Paragraph("Leistungen nach Reifegrad", _subheading()),
        Spacer(1, 2),
        _side_by_side(levels_table, chart, width, left_w),
    ]
    # decisions and delivery status
    decisions_total = sum(c.value for c in data.decisions)
    decisions = _count_table(data.decisions, left_w - 14, "Entscheidung", "gesamt", decisions_total)
    decisions_chart = pb.bar_chart(
        [c.label for c in data.decisions],
        [pb.Series("Leistungen", [c.value for c in data.decisions], pb.BLUE)],
        width=width - left_w,
        font_size=6.5,
        bar_thickness=7,
    )
    delivery = _count_table(
        data.delivery, left_w - 14, "Stand der Datenlieferung", "gesamt", data.delivery_total
    )
    delivery_chart = pb.bar_chart(
        [c.label for c in data.delivery],
        [pb.Series("Leistungen", [c.value for c in data.delivery], pb.ACCENT)],
        width=width - left_w,
        font_size=6.5,
        bar_thickness=7,
    )
    flow += [
        Spacer(1, 6),
        KeepTogether(
            [
                Paragraph("Entscheidungen: wann wird angebunden?", _subheading()),
                Spacer(1, 2),
                _side_by_side(decisions, decisions_chart, width, left_w),
            ]
        ),
        Spacer(1, 6),
        KeepTogether(
            [
                Paragraph(
                    "Datenlieferung an den Portalverbund (Zuständigkeit und Kontakt je Leistung)",
                    _subheading(),
                ),
                Spacer(1, 2),
                _side_by_side(delivery, delivery_chart, width, left_w),
            ]
        ),
        Spacer(1, 6),
    ]
    label = (
        f"Erreichte Meilensteine seit dem {pb.german_date(data.last_report)}"
        if data.last_report
        else "Erreichte Meilensteine"
    )
    flow.append(Paragraph(label, _subheading()))
    flow.append(Spacer(1, 2))
    if data.reached:
        flow.append(_milestone_table(data.reached, data.day, width))
    else:
        flow.append(_note("Keine."))
    return flow


def _milestone_table(items: Sequence[MilestoneLine], day: date, width: float) -> Table:
    body: list[list[object]] = [["Datum", "Meilenstein", "Leistung", "Stand"]]
    for m in items:
        state = _state(m.done, m.due_on, day, "erreicht")
        body.append([pb.german_date(m.due_on), m.title, m.service or "–", state])
    widths = [2.3 * cm, 0, 6.0 * cm, 1.8 * cm]
    widths[1] = width - sum(widths)
    return pb.data_table(body, widths)


def _upcoming(data: CouncilReportData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [
        _heading(
            f"4 Meilensteine der nächsten sechs Monate (bis {pb.german_date(data.upcoming_until)})"
        )
    ]
    if data.upcoming:
        flow.append(_milestone_table(data.upcoming, data.day, width))
    else:
        flow.append(
            Paragraph("In diesem Zeitraum ist kein Meilenstein geplant.", pb.styles()["body"])
        )
    if data.upcoming_connections:
        listed = ", ".join(
            f"{c.label}: {pb.german_number(c.value)}" for c in data.upcoming_connections
        )
        flow += [
            Spacer(1, 6),
            Paragraph(f"Geplante Anbindungen in diesem Zeitraum – {listed}.", pb.styles()["body"]),
        ]
    if data.capacity_warnings:
        text = "<b>Engpässe bei der Kapazität der Ämter</b><br/>" + "<br/>".join(
            pb.escape(w) for w in data.capacity_warnings
        )
        box = Table([[Paragraph(text, pb.styles()["small"])]], colWidths=[width], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), _HIGHLIGHT),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, pb.ORANGE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        flow += [Spacer(1, 5), box]
    return flow


def _dependencies(data: CouncilReportData, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = [
        _heading("5 Abhängigkeiten von Land und Bund"),
        Paragraph(_text(data.dependencies), st["body"]),
        Spacer(1, 4),
    ]
    if not data.waiting:
        flow.append(
            Paragraph(
                "Keine Leistung wartet auf einen Online-Dienst des Landes oder Bundes, dessen "
                "Bereitstellung unklar ist.",
                st["body"],
            )
        )
        return flow
    count = len(data.waiting)
    flow.append(
        Paragraph(
            f"<b>{pb.german_number(count)}</b> "
            + ("Leistung wartet" if count == 1 else "Leistungen warten")
            + " auf einen Online-Dienst nach „Einer für Alle“ (EfA), dessen Bereitstellung noch "
            "<b>unklar</b> ist:",
            st["body"],
        )
    )
    flow.append(Spacer(1, 3))
    body: list[list[object]] = [["LeiKa-Schlüssel", "Leistung", "Amt", "Online-Dienst", "geplant"]]
    for w in data.waiting:
        kind = " · ".join(t for t in (w.efa_kind, w.provider) if t)
        body.append([w.key or "–", w.name, w.office or "–", kind or "–", w.quarter or "–"])
    widths = [2.9 * cm, 0, 3.2 * cm, 3.8 * cm, 1.8 * cm]
    widths[1] = width - sum(widths)
    table = pb.data_table(body, widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow.append(table)
    return flow


def _communication(data: CouncilReportData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [_heading("6 Kommunikation mit dem Rat")]
    if not data.communication:
        flow.append(
            Paragraph(
                "Noch kein Kommunikationsplan erstellt (Schritt 5: Kommunikation).",
                pb.styles()["body"],
            )
        )
        return flow
    body: list[list[object]] = [["fällig", "Maßnahme", "verantwortlich", "Stand"]]
    for item in data.communication:
        state = _state(item.done, item.due_on, data.day, "erledigt")
        body.append([pb.german_date(item.due_on), item.title, item.owner or "–", state])
    widths = [2.3 * cm, 0, 4.4 * cm, 1.8 * cm]
    widths[1] = width - sum(widths)
    return [*flow, pb.data_table(body, widths)]
