"""Sections 1–6 of the council report (after the one-page summary): benefit, cost, progress
since the last report with charts, the milestones of the next six months, dependencies on
Land and federal level, the communication with the council. ``council_report_pdf`` puts
them after page 1. Import lazily: this module imports reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats import pdf_charts as charts
from ozgdesk.formats.roadmap_records import CouncilReportData, Count, MilestoneLine
from ozgdesk.wording import plural

NBSP = "\u00a0"
MISSING = "noch nicht ausgefüllt"
HIGHLIGHT = colors.HexColor("#FCEFD9")
OPEN = "#B35900"
DONE = "#009E73"


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


def typed_text(value: str) -> str:
    """Typed text for a Paragraph: escaped, line breaks kept; a placeholder if empty."""
    if not value.strip():
        return f"<font color='{OPEN}'>({MISSING})</font>"
    return "<br/>".join(pb.escape(line) for line in value.strip().splitlines())


def yearly_cost(data: CouncilReportData) -> float:
    return data.operation_cost + data.personnel_cost


@cache
def _subheading() -> ParagraphStyle:
    return ParagraphStyle(
        "council_subheading", parent=pb.styles()["body"], fontName=pb.FONT_BOLD, keepWithNext=True
    )


def _state(done: bool, due: date, day: date, done_text: str) -> object:
    """ "erreicht"/"erledigt" in green, "überfällig" in orange, else "offen"."""
    if done:
        return blocks.cell(f"<font color='{DONE}'>{done_text}</font>")
    if due < day:
        return blocks.cell(f"<font color='{OPEN}'>überfällig</font>")
    return "offen"


def _heading(text: str) -> Flowable:
    return blocks.section(text)


def _note(text: str) -> Flowable:
    return blocks.text(text, "note")


def details(data: CouncilReportData, width: float) -> list[Flowable]:
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
        return [*flow, blocks.text(typed_text(""))]
    body: list[list[object]] = [["Für wen", "Nutzen", "Woran wir ihn messen"]]
    body += [list(b) for b in data.benefits]
    widths = [4.2 * cm, 0, 5.4 * cm]
    widths[1] = width - sum(widths)
    return [*flow, blocks.table(body, widths, valign="TOP")]


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
            euro(yearly_cost(data)),
            euro(data.total_first_year),
        ],
    ]
    widths = [2.6 * cm, 0, 2.7 * cm, 2.7 * cm, 2.9 * cm]
    widths[1] = width - sum(widths)
    table = blocks.table(body, widths, numeric=[2, 3, 4], total_row=True)
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
    return blocks.table(body, [width - 2.4 * cm, 2.4 * cm], numeric=[1], total_row=True)


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
    levels_table = blocks.table(
        body, [left_w - 14 - 2 * 1.5 * cm, 1.5 * cm, 1.5 * cm], numeric=[1, 2], total_row=True
    )
    chart = charts.bar_chart(
        [lv.short for lv in data.levels],
        [
            charts.Series("heute", [lv.today for lv in data.levels], pb.ORANGE),
            charts.Series("Ziel", [lv.target for lv in data.levels], pb.GREEN),
        ],
        width=width - left_w,
        height=4.6 * cm,
        horizontal=False,
        font_size=6.5,
        bar_thickness=6,
    )
    flow += [
        blocks.section("Leistungen nach Reifegrad", level=1, style=_subheading()),
        Spacer(1, 2),
        blocks.side_by_side(levels_table, chart, width, left_w),
    ]
    # decisions and delivery status
    decisions_total = sum(c.value for c in data.decisions)
    decisions = _count_table(data.decisions, left_w - 14, "Entscheidung", "gesamt", decisions_total)
    decisions_chart = charts.bar_chart(
        [c.label for c in data.decisions],
        [charts.Series("Leistungen", [c.value for c in data.decisions], pb.BLUE)],
        width=width - left_w,
        font_size=6.5,
        bar_thickness=7,
    )
    delivery = _count_table(
        data.delivery, left_w - 14, "Stand der Datenlieferung", "gesamt", data.delivery_total
    )
    delivery_chart = charts.bar_chart(
        [c.label for c in data.delivery],
        [charts.Series("Leistungen", [c.value for c in data.delivery], pb.ACCENT)],
        width=width - left_w,
        font_size=6.5,
        bar_thickness=7,
    )
    flow += [
        Spacer(1, 6),
        KeepTogether(
            [
                blocks.section(
                    "Entscheidungen: wann wird angebunden?", level=1, style=_subheading()
                ),
                Spacer(1, 2),
                blocks.side_by_side(decisions, decisions_chart, width, left_w),
            ]
        ),
        Spacer(1, 6),
        KeepTogether(
            [
                blocks.section(
                    "Datenlieferung an den Portalverbund (Zuständigkeit und Kontakt je Leistung)",
                    level=1,
                    style=_subheading(),
                ),
                Spacer(1, 2),
                blocks.side_by_side(delivery, delivery_chart, width, left_w),
            ]
        ),
        Spacer(1, 6),
    ]
    label = (
        f"Erreichte Meilensteine seit dem {pb.german_date(data.last_report)}"
        if data.last_report
        else "Erreichte Meilensteine"
    )
    flow.append(blocks.section(label, level=1, style=_subheading()))
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
    return blocks.table(body, widths)


def _upcoming(data: CouncilReportData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [
        _heading(
            f"4 Meilensteine der nächsten sechs Monate (bis {pb.german_date(data.upcoming_until)})"
        )
    ]
    if data.upcoming:
        flow.append(_milestone_table(data.upcoming, data.day, width))
    else:
        flow.append(blocks.text("In diesem Zeitraum ist kein Meilenstein geplant."))
    if data.upcoming_connections:
        listed = ", ".join(
            f"{c.label}: {pb.german_number(c.value)}" for c in data.upcoming_connections
        )
        flow += [
            Spacer(1, 6),
            blocks.text(f"Geplante Anbindungen in diesem Zeitraum – {listed}."),
        ]
    if data.capacity_warnings:
        text = "<b>Engpässe bei der Kapazität der Ämter</b><br/>" + "<br/>".join(
            pb.escape(w) for w in data.capacity_warnings
        )
        box = blocks.callout(blocks.text(text, "small", 40), width, HIGHLIGHT, pb.ORANGE)
        flow += [Spacer(1, 5), box]
    return flow


def _dependencies(data: CouncilReportData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [
        _heading("5 Abhängigkeiten von Land und Bund"),
        blocks.text(typed_text(data.dependencies)),
        Spacer(1, 4),
    ]
    if not data.waiting:
        flow.append(
            blocks.plain(
                "Keine Leistung wartet auf einen Online-Dienst des Landes oder Bundes, dessen "
                "Bereitstellung unklar ist."
            )
        )
        return flow
    count = len(data.waiting)
    flow.append(
        blocks.text(
            f"<b>{pb.german_number(count)}</b> "
            + plural(count, "Leistung wartet", "Leistungen warten", with_number=False)
            + " auf einen Online-Dienst nach „Einer für Alle“ (EfA), dessen Bereitstellung noch "
            "<b>unklar</b> ist:"
        )
    )
    flow.append(Spacer(1, 3))
    body: list[list[object]] = [["LeiKa-Schlüssel", "Leistung", "Amt", "Online-Dienst", "geplant"]]
    for w in data.waiting:
        kind = " · ".join(t for t in (w.efa_kind, w.provider) if t)
        body.append([w.key or "–", w.name, w.office or "–", kind or "–", w.quarter or "–"])
    widths = [2.9 * cm, 0, 3.2 * cm, 3.8 * cm, 1.8 * cm]
    widths[1] = width - sum(widths)
    flow.append(blocks.table(body, widths, valign="TOP"))
    return flow


def _communication(data: CouncilReportData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [_heading("6 Kommunikation mit dem Rat")]
    if not data.communication:
        flow.append(
            blocks.plain("Noch kein Kommunikationsplan erstellt (Schritt 5: Kommunikation).")
        )
        return flow
    body: list[list[object]] = [["fällig", "Maßnahme", "verantwortlich", "Stand"]]
    for item in data.communication:
        state = _state(item.done, item.due_on, data.day, "erledigt")
        body.append([pb.german_date(item.due_on), item.title, item.owner or "–", state])
    widths = [2.3 * cm, 0, 4.4 * cm, 1.8 * cm]
    widths[1] = width - sum(widths)
    return [*flow, blocks.table(body, widths)]
