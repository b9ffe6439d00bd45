"""The roadmap as a PDF table (A4 landscape): which service is connected when.

Input is plain data (:class:`~ozgdesk.formats.roadmap_records.RoadmapData`); the
workflow collects and groups it. Layout: title with the date, the decisions at a
glance, capacity warnings (if any), then one table per group – the planned quarters
in order, then the services decided without a quarter, those keeping the status quo
and those not decided yet. Each row: running number, LeiKa key, service (office and
Themenfeld in small print), decision (coloured as in the timeline, with the reason),
online service (name, kind and EfA state, provider, available from), Reifegrad today
→ target, effort in person-days and the prerequisites with their status. Long tables
run over pages with their header repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats.roadmap_records import RoadmapData, RoadmapGroup, RoadmapLine
from ozgdesk.formats.timeline_pdf import OTHER, PALETTE

TITLE = "Roadmap der Online-Anbindungen"
_HIGHLIGHT = colors.HexColor("#FCEFD9")  # light orange: a warning
_DONE = "#009E73"
_OPEN = "#B35900"


def write_roadmap_pdf(path: Path | str, data: RoadmapData) -> Path:
    """Write the roadmap table to ``path`` (atomically); returns the path."""
    info = pb.DocumentInfo(
        title=f"{TITLE} – {data.municipality}" if data.municipality else TITLE,
        municipality=data.municipality,
        subject="Geplante Anbindung der Online-Dienste je Leistung, nach Quartal",
        day=data.day,
        keywords=tuple(k for k in ("OZG", "Roadmap", data.municipality) if k),
        source=data.source_note,
        header_title=TITLE,
    )

    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, _ = doc.frame_size
        return _content(data, width)

    return pb.build_pdf(path, story, info, orientation=pb.LANDSCAPE)


def _hex(colour: colors.Color) -> str:
    return "#" + colour.hexval()[2:]


def _content(data: RoadmapData, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = blocks.title_block(TITLE, width, right=blocks.stand(data.day), gap=6)
    total = len(data.lines)
    intro = (
        f"Für jede der <b>{pb.german_number(total)}</b> relevanten Leistungen: wann ihr "
        "Online-Dienst angebunden wird, welcher es ist, welcher Reifegrad erreicht werden soll, "
        "welcher Aufwand geplant ist und welche Voraussetzungen noch offen sind."
    )
    flow += [blocks.text(intro), Spacer(1, 0.3 * cm), _key_figures(data, width)]
    if data.warnings:
        flow += [Spacer(1, 0.3 * cm), _warnings(data.warnings, width)]
    if not data.lines:
        flow.append(Spacer(1, 0.4 * cm))
        flow.append(
            blocks.plain(
                "Noch ist keine Leistung als relevant entschieden und einem Plan zugeordnet."
            )
        )
    number = 0
    colours = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(data.decisions)}
    for group in data.groups:
        flow.append(_group_table(group, number, colours, width))
        number += len(group.lines)
    if data.levels:
        flow += [
            Spacer(1, 0.35 * cm),
            blocks.text(
                "<b>Reifegrad</b> (heute → Ziel): "
                + "; ".join(pb.escape(t) for t in data.levels)
                + ". <b>Aufwand</b> in Personentagen (PT).",
                st["note"],
            ),
        ]
    return flow


def _key_figures(data: RoadmapData, width: float) -> Table:
    colours = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(data.decisions)}
    figures = [(pb.german_number(len(data.lines)), "relevante Leistungen", pb.ACCENT)]
    for label, value in data.counts:
        figures.append((pb.german_number(value), label, colours.get(label, OTHER)))
    return blocks.figures(figures, width)


def _warnings(warnings: Sequence[str], width: float) -> Table:
    text = "<b>Kapazität überschritten</b><br/>" + "<br/>".join(pb.escape(w) for w in warnings)
    return blocks.callout(blocks.text(text, "small"), width, _HIGHLIGHT, pb.ORANGE)


def _small(text: str) -> str:
    return f"<font size='7' color='#5F6B76'>{text}</font>"


def _service(line: RoadmapLine) -> str:
    text = pb.escape(line.name)
    where = " · ".join(pb.escape(t) for t in (line.office or "ohne Amt", line.themenfeld) if t)
    return f"{text}<br/>{_small(where)}"


def _decision(line: RoadmapLine, colours: dict[str, colors.Color]) -> str:
    if not line.decision:
        return _small("offen")
    colour = _hex(colours.get(line.decision, OTHER))
    text = f"<font color='{colour}'>●</font> {pb.escape(line.decision)}"
    if line.decision_reason:
        text += f"<br/>{_small(pb.escape(line.decision_reason))}"
    return text


def _online(line: RoadmapLine) -> str:
    parts = []
    if line.online_name:
        parts.append(pb.escape(line.online_name))
    kind = " · ".join(pb.escape(t) for t in (line.efa_kind, line.efa_state) if t)
    if line.efa_state == "unklar":
        kind = kind.replace("unklar", f"<font color='{_OPEN}'>unklar</font>")
    details = [kind] if kind else []
    if line.provider:
        details.append(pb.escape(line.provider))
    if line.available_on:
        details.append(f"ab {pb.german_date(line.available_on)}")
    if details:
        parts.append(_small(", ".join(details)))
    if not parts and line.online_available is False:
        parts.append(_small("noch keiner verfügbar"))
    return "<br/>".join(parts) or "–"


def _levels(line: RoadmapLine) -> str:
    if line.current_level is None and line.target_level is None:
        return "–"
    today = "?" if line.current_level is None else str(line.current_level)
    target = "?" if line.target_level is None else str(line.target_level)
    return f"{today} → <b>{target}</b>"


def _prerequisites(line: RoadmapLine) -> str:
    if not line.prerequisites:
        text = "–"
    else:
        open_ = line.prerequisites_open
        total = len(line.prerequisites)
        colour = _OPEN if open_ else _DONE
        head = f"<font color='{colour}'>{'alle erledigt' if not open_ else f'{open_} von {total} offen'}</font>"
        items = []
        for p in line.prerequisites:
            name = pb.escape(p.kind + (f" {p.name}" if p.name else ""))
            items.append(f"{name}: {pb.escape(p.status or 'offen')}")
        text = head + "<br/>" + _small("<br/>".join(items))
    if line.depends_on:
        text += "<br/>" + _small("wartet auf: " + pb.escape("; ".join(line.depends_on)))
    return text


def _group_table(
    group: RoadmapGroup, start: int, colours: dict[str, colors.Color], width: float
) -> Table:
    """The group's services as a table whose first row is the group's title: the title
    and the column header repeat on every page the table runs over."""
    title = pb.escape(group.title)
    if group.note:
        title += (
            f"  <font name='{pb.FONT}' size='8.5' color='#5F6B76'>{pb.escape(group.note)}</font>"
        )
    header: list[object] = [
        "Nr.",
        "LeiKa-Schlüssel",
        "Leistung",
        "Entscheidung",
        "Online-Dienst",
        "Reifegrad",
        "Aufwand",
        "Voraussetzungen",
    ]
    heading = blocks.section(group.title, style=_group_style(), markup=title)
    first_row: list[object] = [heading, *[""] * 7]
    body: list[list[object]] = [first_row, list(header)]
    for n, line in enumerate(group.lines, start=start + 1):
        body.append(
            [
                blocks.cell(str(n), "table_number"),
                line.key or "–",
                blocks.cell(_service(line)),
                blocks.cell(_decision(line, colours)),
                blocks.cell(_online(line)),
                blocks.cell(_levels(line)),
                line.effort_days if line.effort_days is not None else "–",
                blocks.cell(_prerequisites(line), max_lines=20),
            ]
        )
    widths = [0.9 * cm, 3.0 * cm, 0, 2.9 * cm, 4.6 * cm, 2.0 * cm, 1.85 * cm, 4.4 * cm]
    widths[2] = width - sum(widths)
    table = blocks.table(body, widths, numeric=[0, 6], header_rows=2, valign="TOP")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 1), (-1, 1), "MIDDLE"),
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.white),
                ("LEFTPADDING", (0, 0), (-1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ]
        )
    )
    return table


@cache
def _group_style() -> ParagraphStyle:
    return ParagraphStyle(
        "roadmap_group", parent=pb.styles()["heading"], spaceBefore=0, spaceAfter=0
    )
