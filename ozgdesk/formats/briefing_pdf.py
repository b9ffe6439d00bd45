"""A briefing of the administration's leadership on the OZG work (A4, one or two pages).

Input is plain data (:class:`BriefingData`); the workflow collects it (step
statuses, figures, offices, briefings, the technical prerequisite, dates).
Layout: what the OZG asks, the five steps with their status, key figures, the
request that every office names OZG contacts (offices without one highlighted),
the technical prerequisite and the next dates; then the relevant services per
office as a bar chart and a table, and who has been informed when.

If everything fits on one page it is one page. Otherwise the first part fills
page one and the office figures and the briefing list page two, each part
scaled down if it would not fit: never more than two pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table, TableStyle

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats import pdf_charts as charts
from ozgdesk.formats.pdf_text import shorten
from ozgdesk.wording import plural

TITLE = "OZG-Umsetzung: Information für die Verwaltungsspitze"  # PDF title
HEADLINE = "Information für die Verwaltungsspitze"  # on the page
SUBTITLE = "Umsetzung des Onlinezugangsgesetzes (OZG)"
HEADER_TITLE = "OZG-Umsetzung – Information"
CHART_LIMIT = 15  # more bars would not be readable on the page
NAME_CHARS = 160  # an office name in the list of offices without a contact
NO_APPOINTMENTS = (
    "Nächster Schritt: Auftakt-Workshop mit allen Ansprechpersonen (Schritt 3) – Termin wird "
    "noch festgelegt."
)
OZG_TEXT = (
    "Das Onlinezugangsgesetz (OZG) verpflichtet Bund, Länder und Kommunen, ihre "
    "Verwaltungsleistungen auch online anzubieten, erreichbar über die verbundenen "
    "Verwaltungsportale. Mit dem OZG 2.0 geht es um mehr als ein Online-Formular: Anträge sollen "
    "von Anfang bis Ende digital bearbeitet werden, und Nachweise, die der Verwaltung schon "
    "vorliegen, müssen nur einmal angegeben werden („Once-Only“). Bürgerinnen, Bürger und "
    "Unternehmen melden sich dafür bundesweit mit einem Konto an, der DeutschlandID. Viele "
    "Online-Dienste werden nach dem Prinzip „Einer für Alle“ einmal entwickelt und von allen "
    "Kommunen genutzt – unsere Aufgabe ist vor allem, unsere Leistungen zu klären, zuzuordnen, "
    "zu beschreiben und anzubinden."
)

# colours of the three step states and the three answers on the interface
_PROGRESS_COLOURS = {0: pb.GREY, 1: pb.ORANGE, 2: pb.GREEN}
_TECH_COLOURS = {"ja": pb.GREEN, "nein": colors.HexColor("#D55E00"), "unklar": pb.ORANGE}
_HIGHLIGHT = colors.HexColor("#FCEFD9")  # light orange: something is missing
_OK = colors.HexColor("#E3F4EE")  # light green: all done


@dataclass(frozen=True)
class StepLine:
    """One of the five steps with what it is about and its current status."""

    number: int
    title: str
    purpose: str
    status: str  # German status text, e.g. "in Arbeit"
    progress: int = 0  # 0 not started, 1 in progress, 2 done (for the colour)
    detail: str = ""  # e.g. "120 relevant, 30 offen"


@dataclass(frozen=True)
class OfficeCount:
    """An office with its number of (relevant) services and the names of its OZG contacts."""

    name: str
    short_name: str = ""
    services: int = 0
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefingLine:
    """Who was (or still is to be) informed, when and by whom."""

    audience: str
    done_on: date | None = None
    person: str = ""
    note: str = ""


@dataclass(frozen=True)
class TechLine:
    """The technical prerequisite: does the website have an XZuFi interface?"""

    status: str  # "ja", "nein" or "unklar"
    explanation: str
    detail: str = ""  # e.g. the CMS product and whom was asked when


@dataclass(frozen=True)
class BriefingData:
    municipality: str
    day: date
    steps: Sequence[StepLine]
    relevant: int  # services decided relevant
    assigned: int  # of those, with a lead office
    unassigned: int  # of those, without a lead office
    offices: Sequence[OfficeCount]  # offices with services, in the order to show
    offices_total: int  # all offices of the municipality
    without_contact: Sequence[OfficeCount]  # offices without an OZG contact
    briefings: Sequence[BriefingLine]
    tech: TechLine
    appointments: Sequence[tuple[date, str]] = ()


def write_briefing_pdf(path: Path | str, data: BriefingData) -> Path:
    """Write the briefing to ``path`` (atomically, at most two pages); returns the path."""
    info = pb.DocumentInfo(
        title=f"{TITLE} – {data.municipality}" if data.municipality else TITLE,
        municipality=data.municipality,
        subject="Stand der OZG-Umsetzung und Bitte um Unterstützung",
        day=data.day,
        keywords=tuple(k for k in ("OZG", "Verwaltungsspitze", data.municipality) if k),
        header_title=HEADER_TITLE,
    )

    def flowing(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, _ = doc.frame_size
        return _first_part(data, width) + _second_part(data, width)

    def two_pages(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, height = doc.frame_size
        return [
            KeepInFrame(width, height, _first_part(data, width), mode="shrink"),
            PageBreak(),
            KeepInFrame(width, height, _second_part(data, width), mode="shrink"),
        ]

    story = flowing if _page_count(flowing, info) == 1 else two_pages
    return pb.build_pdf(path, story, info)


def _page_count(story: Callable[[pb.OzgDocTemplate], list[Flowable]], info: pb.DocumentInfo) -> int:
    """How many pages ``story`` takes (laid out in memory, nothing written)."""
    doc = pb.OzgDocTemplate(io.BytesIO(), info)  # type: ignore[arg-type]  # reportlab accepts a file object; its signature says str
    doc.build(story(doc))
    return int(doc.page)


# -- parts -------------------------------------------------------------------------------


def _first_part(data: BriefingData, width: float) -> list[Flowable]:
    return [
        *_title_row(data, width),
        blocks.section("Worum es geht"),
        blocks.text(OZG_TEXT),
        blocks.section("Unser Vorgehen in fünf Schritten"),
        _steps(data, width),
        blocks.section("Stand in Zahlen"),
        _key_figures(data, width),
        blocks.section("Bitte: Jedes Amt benennt OZG-Ansprechpersonen"),
        blocks.text(
            "Damit die Arbeit in den Ämtern verankert ist, bitten wir die Verwaltungsspitze, "
            "alle Ämter aufzufordern, <b>ein bis zwei OZG-Ansprechpersonen</b> und eine "
            "Vertretung zu benennen. Sie prüfen die Leistungen ihres Amts und nehmen am "
            "Auftakt-Workshop teil."
        ),
        Spacer(1, 4),
        _without_contact(data, width),
        blocks.section("Technische Voraussetzung: Schnittstelle zum Portalverbund"),
        _tech(data, width),
        blocks.section("Nächste Termine"),
        *_appointments(data, width),
    ]


def _second_part(data: BriefingData, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = [blocks.section("Relevante Leistungen je Amt")]
    shown = [o for o in data.offices if o.services]
    if shown:
        flow.append(_office_chart(shown[:CHART_LIMIT], width))
        if len(shown) > CHART_LIMIT:
            flow.append(
                blocks.text(
                    f"Im Diagramm: die {CHART_LIMIT} Ämter mit den meisten Leistungen; "
                    "alle Ämter stehen in der Tabelle.",
                    st["note"],
                )
            )
        flow += [Spacer(1, 6), _office_table(data, shown, width)]
        rest = data.offices_total - len(shown)
        if rest > 0:
            verb = "ist" if rest == 1 else "sind"
            flow += [
                Spacer(1, 2),
                blocks.text(
                    f"{'Ein weiteres Amt' if rest == 1 else 'Weitere ' + plural(rest, 'Amt', 'Ämter')} "
                    f"{verb} bisher für keine relevante Leistung federführend.",
                    st["note"],
                ),
            ]
    else:
        if data.relevant:
            text = (
                "Noch ist keinem Amt eine relevante Leistung zugeordnet "
                f"({pb.german_number(data.unassigned)} warten auf eine Zuordnung)."
            )
        else:
            text = "Noch ist keine Leistung als relevant entschieden (Schritt 1 „Übersicht“)."
        flow.append(blocks.text(text))
    flow += [
        blocks.section("Wer ist informiert?"),
        _briefings(data, width),
    ]
    return flow


# -- pieces ------------------------------------------------------------------------------


def _title_row(data: BriefingData, width: float) -> list[Flowable]:
    subtitle = " · ".join(t for t in (SUBTITLE, data.municipality) if t)
    return blocks.title_block(
        HEADLINE, width, right=blocks.stand(data.day), subtitle=subtitle, gap=2
    )


def _hex(colour: colors.Color) -> str:
    return "#" + colour.hexval()[2:]


def _steps(data: BriefingData, width: float) -> Table:
    body: list[list[object]] = [["Nr.", "Schritt", "Worum es geht", "Stand"]]
    for step in data.steps:
        colour = _hex(_PROGRESS_COLOURS.get(step.progress, pb.GREY))
        status = f"<font color='{colour}'>●</font> <b>{pb.escape(step.status)}</b>"
        if step.detail:
            status += f"<br/><font size='7' color='#5F6B76'>{pb.escape(step.detail)}</font>"
        body.append(
            [
                step.number,
                blocks.cell(f"<b>{pb.escape(step.title)}</b>"),
                blocks.cell(pb.escape(step.purpose), "small"),
                blocks.cell(status),
            ]
        )
    widths = [0.9 * cm, 2.9 * cm, 0, 4.4 * cm]
    widths[2] = width - sum(widths)
    return blocks.table(body, widths, numeric=[0])


def _key_figures(data: BriefingData, width: float) -> Table:
    without_contact = sum(1 for o in data.without_contact if o.services)
    figures = [
        (data.relevant, "relevante Leistungen", pb.ACCENT),
        (data.assigned, "einem Amt zugeordnet", pb.GREEN),
        (data.unassigned, "noch nicht zugeordnet", pb.ORANGE if data.unassigned else pb.GREY),
        (len([o for o in data.offices if o.services]), "Ämter mit Leistungen", pb.ACCENT),
        (
            without_contact,
            "davon ohne Ansprechperson",
            pb.ORANGE if without_contact else pb.GREY,
        ),
    ]
    return blocks.figures([(pb.german_number(v), label, c) for v, label, c in figures], width)


def _without_contact(data: BriefingData, width: float) -> Flowable:
    if data.offices_total == 0:
        text = "Noch sind keine Ämter erfasst."
        return blocks.callout(blocks.plain(text), width, _HIGHLIGHT, pb.ORANGE)
    if not data.without_contact:
        text = "Alle Ämter haben eine OZG-Ansprechperson benannt. Vielen Dank!"
        return blocks.callout(blocks.plain(text), width, _OK, pb.GREEN)
    names = []
    for office in data.without_contact:
        # a list of names in one box: each name shortened, the full names are in the table
        name = pb.escape(shorten(office.name, NAME_CHARS))
        if office.services:
            name = f"<b>{name}</b> ({plural(office.services, 'Leistung', 'Leistungen')})"
        names.append(name)
    count = len(data.without_contact)
    head = (
        f"<b>Noch ohne OZG-Ansprechperson ({pb.german_number(count)} von "
        f"{plural(data.offices_total, 'Amt', 'Ämtern')}):</b>"
    )
    return blocks.callout(
        [blocks.text(head), blocks.text(" · ".join(names), "body", 40)],
        width,
        _HIGHLIGHT,
        pb.ORANGE,
    )


def _tech(data: BriefingData, width: float) -> Flowable:
    st = pb.styles()
    tech = data.tech
    colour = _TECH_COLOURS.get(tech.status, pb.ORANGE)
    label = [
        blocks.text(
            f"<font color='{_hex(colour)}'>{pb.escape(tech.status)}</font>", st["figure"], 2
        ),
        blocks.text("Schnittstelle (XZuFi) vorhanden?", st["figure_label"]),
    ]
    text = pb.escape(tech.explanation)
    if tech.detail:
        text += f"<br/><font size='7.5' color='#5F6B76'>{pb.escape(tech.detail)}</font>"
    table = Table(
        [[label, blocks.text(text, "body", 20)]],
        colWidths=[3.6 * cm, width - 3.6 * cm],
        hAlign="LEFT",
    )
    table.setStyle(
        blocks.style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), pb.SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, colour),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _appointments(data: BriefingData, width: float) -> list[Flowable]:
    if not data.appointments:
        return [blocks.plain(NO_APPOINTMENTS)]
    rows = [
        [blocks.text(f"<b>{pb.german_date(day)}</b>"), blocks.text(pb.escape(text), "body", 10)]
        for day, text in sorted(data.appointments, key=lambda a: a[0])
    ]
    table = Table(rows, colWidths=[2.6 * cm, width - 2.6 * cm], hAlign="LEFT")
    table.setStyle(
        blocks.style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [table]


def _office_chart(offices: Sequence[OfficeCount], width: float) -> Flowable:
    return charts.bar_chart(
        [o.name for o in offices],
        [
            charts.Series(
                "relevante Leistungen (federführend)", [o.services for o in offices], pb.BLUE
            )
        ],
        width=width,
        font_size=7.5,
        bar_thickness=7,
    )


def _office_table(data: BriefingData, offices: Sequence[OfficeCount], width: float) -> Table:
    missing = _missing_style()
    body: list[list[object]] = [["Amt", "relevante Leistungen", "OZG-Ansprechperson(en)"]]
    for office in offices:
        contacts: object = (
            ", ".join(office.contacts) if office.contacts else blocks.text("noch keine", missing)
        )
        body.append([office.name, office.services, contacts])
    body.append(["noch nicht zugeordnet", data.unassigned, ""])
    body.append(["Relevante Leistungen gesamt", data.relevant, ""])
    widths = [0, 2.9 * cm, 6.2 * cm]
    widths[0] = width - sum(widths)
    table = blocks.table(body, widths, numeric=[1], total_row=True)
    if data.unassigned:
        table.setStyle(TableStyle([("BACKGROUND", (0, -2), (-1, -2), _HIGHLIGHT)]))
    return table


@cache
def _missing_style() -> ParagraphStyle:
    """Table text in dark orange: something is still missing."""
    return ParagraphStyle(
        "missing", parent=pb.styles()["table_cell"], textColor=colors.HexColor("#B35900")
    )


def _briefings(data: BriefingData, width: float) -> Flowable:
    if not data.briefings:
        return blocks.plain(
            "Noch nichts eingetragen. Empfohlen: Verwaltungsspitze, Amtsleitungen, "
            "Personalrat und IT-Dienstleister informieren."
        )
    missing = _missing_style()
    body: list[list[object]] = [["Wer", "informiert am", "durch", "Notiz"]]
    for line in data.briefings:
        when: object = (
            pb.german_date(line.done_on) if line.done_on else blocks.text("noch offen", missing)
        )
        body.append([line.audience, when, line.person, line.note])
    widths = [6.0 * cm, 2.6 * cm, 3.2 * cm, 0]
    widths[3] = width - sum(widths)
    return blocks.table(body, widths)
