"""The step 4 checklist of one office as PDF (A4 landscape), to send to the office.

Input is plain data (:class:`~ozgdesk.formats.delivery_records.OfficeChecklist`); the
workflow collects it. Layout: title "Checkliste Datenlieferung – <Amt>" with the date,
key figures (services, complete, with missing data, entered in the editorial system,
percentage), the office's contact point beside what is missing there, then the
services as a table (tick box, number, LeiKa key, name with web page and own values,
status with date, what is missing or to check). Services with missing data come
first; long lists run over several pages with the table header repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats.delivery_records import ChecklistLine, ContactPoint, OfficeChecklist
from ozgdesk.formats.pdf_text import Text

TITLE = "Checkliste Datenlieferung"
MISSING_FILL = colors.HexColor("#FCEFD9")  # light orange behind what is missing
DONE_FILL = colors.HexColor("#E3F4EE")  # light green: nothing missing
MISSING_TEXT = "#B35C00"  # dark orange, readable on white
DONE_TEXT = "#00704F"
MUTED_TEXT = "#5F6B76"
BOX = "☐"
TICK = "✓"


def checklist_title(checklist: OfficeChecklist) -> str:
    return f"{TITLE} – {checklist.office}"


def write_checklist_pdf(
    path: Path | str, checklist: OfficeChecklist, *, source_note: str = ""
) -> Path:
    """Write the checklist of one office to ``path`` (atomically) and return the path."""
    title = checklist_title(checklist)
    info = pb.DocumentInfo(
        title=title,
        municipality=checklist.municipality,
        subject=f"Datenlieferung (Schritt 4): Ansprechstelle und Leistungen von "
        f"„{checklist.office}“ mit fehlenden Angaben",
        day=checklist.day,
        keywords=tuple(
            k
            for k in ("OZG", "Datenlieferung", "XZuFi", checklist.office, checklist.municipality)
            if k
        ),
        source=source_note,
    )

    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, _ = doc.frame_size
        return _content(checklist, width)

    return pb.build_pdf(path, story, info, orientation=pb.LANDSCAPE)


def _content(checklist: OfficeChecklist, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = [
        *blocks.title_block(
            checklist_title(checklist),
            width,
            right=blocks.stand(checklist.day),
            right_width=4 * cm,
            subtitle="Schritt 4 „Daten liefern“: Für jede relevante Leistung braucht das "
            "Redaktionssystem der Website die zuständige Stelle mit Anschrift und Kontakt "
            "sowie die Seite der Leistung auf der Website. Von dort gehen die Angaben an den "
            "Portalverbund (XZuFi).",
        ),
        _key_figures(checklist, width),
        Spacer(1, 0.15 * cm),
        blocks.section("Ansprechstelle des Amts"),
        blocks.text(
            "Diese Angaben gelten für alle Leistungen des Amts, soweit eine Leistung keine "
            "eigenen hat.",
            st["small"],
        ),
        Spacer(1, 0.12 * cm),
        _point_section(checklist, width),
        blocks.section(f"Leistungen ({pb.german_number(len(checklist.services))})"),
        blocks.text(
            "Bitte ergänzen oder korrigieren Sie, was in der rechten Spalte steht, haken Sie es "
            "ab und geben Sie die Angaben an die OZG-Koordination zurück. Leistungen mit "
            "fehlenden Angaben stehen oben.",
            st["small"],
        ),
        blocks.text(
            "<b>Stand</b>: offen → angefragt → geliefert → im Redaktionssystem eingetragen → "
            "geprüft. <b>Hinweis</b>: sollte geprüft werden, hindert die Lieferung aber nicht. "
            "<b>Eigene Angaben</b>: Werte, die für diese Leistung von der Ansprechstelle "
            "abweichen.",
            st["note"],
        ),
        Spacer(1, 0.15 * cm),
    ]
    if checklist.services:
        flow.append(_services(checklist.services, width))
    else:
        flow.append(blocks.plain("Dem Amt ist keine relevante Leistung zugeordnet."))
    return flow


def _key_figures(checklist: OfficeChecklist, width: float) -> Table:
    total = len(checklist.services)
    missing = total - checklist.complete
    return blocks.figures(
        [
            (pb.german_number(total), "Leistungen", pb.ACCENT),
            (pb.german_number(checklist.complete), "vollständig", pb.GREEN),
            (pb.german_number(missing), "mit fehlenden Angaben", pb.ORANGE if missing else pb.GREY),
            (pb.german_number(checklist.entered), "im Redaktionssystem eingetragen", pb.BLUE),
            (f"{checklist.percent} %", "Vollständigkeit", pb.GREEN if not missing else pb.ORANGE),
        ],
        width,
    )


# -- the contact point ---------------------------------------------------------------------


def _field(value: str, flagged: bool) -> str:
    """A value of the contact point; flagged (missing or wrong) ones in orange."""
    if value:
        text = pb.escape(value)
        return f"<font color='{MISSING_TEXT}'>{text}</font>" if flagged else text
    if flagged:
        return f"<font color='{MISSING_TEXT}'><b>fehlt</b></font>"
    return f"<font color='{MUTED_TEXT}'>nicht angegeben</font>"


def _pair(point: ContactPoint, first: str, second: str, flagged: frozenset[str]) -> str:
    """Two values of one line ("Rathausplatz 1"); missing or wrong parts are marked."""
    a, b = getattr(point, first), getattr(point, second)
    if not a and not b:
        return _field("", first in flagged or second in flagged)
    parts = [_field(v, name in flagged) for name, v in ((first, a), (second, b)) if v]
    missing = [_PART_LABELS[name] for name, v in ((first, a), (second, b)) if not v]
    text = " ".join(parts)
    if missing and (first in flagged or second in flagged):
        text += f" <font color='{MISSING_TEXT}'>({missing[0]} fehlt)</font>"
    return text


_PART_LABELS = {"street": "Straße", "house_number": "Hausnummer", "postcode": "PLZ", "town": "Ort"}


def _point_rows(checklist: OfficeChecklist) -> list[tuple[str, str]]:
    point, flagged = checklist.point, checklist.point_flagged
    rows = [
        ("Zuständige Stelle", _field(point.name, "name" in flagged)),
        ("Straße, Hausnummer", _pair(point, "street", "house_number", flagged)),
        ("PLZ, Ort", _pair(point, "postcode", "town", flagged)),
    ]
    rows += [
        (label, _field(getattr(point, name), name in flagged))
        for label, name in (
            ("Telefon", "phone"),
            ("Fax", "fax"),
            ("E-Mail", "email"),
            ("Öffnungszeiten", "opening_hours"),
        )
    ]
    if checklist.include_names:
        if point.persons:
            lines = []
            for person in point.persons:
                parts = [f"<b>{pb.escape(person.name)}</b>" if person.name else ""]
                parts += [pb.escape(x) for x in (person.phone, person.email) if x]
                if person.hours:
                    parts.append("Sprechzeiten " + pb.escape(person.hours))
                lines.append(" · ".join(p for p in parts if p))
            rows.append(("Ansprechpersonen", "<br/>".join(lines)))
        else:
            rows.append(("Ansprechpersonen", f"<font color='{MUTED_TEXT}'>keine</font>"))
    return rows


def _point_section(checklist: OfficeChecklist, width: float) -> Table:
    st = pb.styles()
    gap = 0.5 * cm
    left_w = width * 0.56
    right_w = width - left_w - gap
    details = blocks.facts(
        _point_rows(checklist),
        left_w,
        label_width=3.6 * cm,
        markup=True,
        style="table_cell",
    )
    problems = checklist.point_problems
    if problems:
        content: list[Flowable] = [
            blocks.text("<b>Fehlt oder ist zu korrigieren</b>", "table_cell")
        ]
        content += [
            Text(pb.escape(p), st["table_cell"], "•", max_lines=6, bold_font=pb.FONT_BOLD)
            for p in problems
        ]
        fill, edge = MISSING_FILL, pb.ORANGE
    else:
        content = [
            blocks.text(
                f"<font color='{DONE_TEXT}'><b>{TICK} Alle nötigen Angaben sind vorhanden.</b>"
                "</font>",
                "table_cell",
            )
        ]
        fill, edge = DONE_FILL, pb.GREEN
    box = blocks.callout(content, right_w, fill, edge, padding=(10, 8, 6, 7))
    outer = Table([[details, "", box]], colWidths=[left_w, gap, right_w], hAlign="LEFT")
    outer.setStyle(
        blocks.style_of(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return outer


# -- the services --------------------------------------------------------------------------


def _services(services: Sequence[ChecklistLine], width: float) -> Table:
    header: list[object] = [
        "",
        "Nr.",
        "LeiKa-Schlüssel",
        "Leistung",
        "Stand",
        "Was fehlt oder zu prüfen ist",
    ]
    body: list[list[object]] = [header]
    ordered = sorted(services, key=lambda s: s.line.complete)  # stable: missing data first
    for number, item in enumerate(ordered, start=1):
        line = item.line
        name = f"<b>{pb.escape(line.name)}</b>"
        small = []
        if line.page_url:
            small.append("Seite: " + pb.escape(line.page_url))
        if line.online_url:
            small.append("Online-Dienst: " + pb.escape(line.online_url))
        if line.own_values:
            own = " · ".join(
                f"{label}: {value}" if value else label for label, value in line.own_values
            )
            small.append("Eigene Angaben: " + pb.escape(own))
        if small:
            name += f"<br/><font size='7' color='{MUTED_TEXT}'>" + "<br/>".join(small) + "</font>"
        status = pb.escape(line.status) or "–"
        if line.status_date:
            status += (
                f"<br/><font size='7' color='{MUTED_TEXT}'>"
                f"seit {pb.german_date(line.status_date)}</font>"
            )
        body.append(
            [
                blocks.cell(BOX if not line.complete else ""),
                blocks.cell(str(number), "table_number"),
                line.key or "–",
                blocks.cell(name),
                blocks.cell(status),
                blocks.cell(_todo(item), max_lines=20),
            ]
        )
    widths = [0.7 * cm, 0.9 * cm, 2.9 * cm, 0, 5.2 * cm, 8.4 * cm]
    widths[3] = width - sum(widths)
    table = blocks.table(body, widths, numeric=[1], valign="TOP")
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (0, -1), 4),
                ("RIGHTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _todo(item: ChecklistLine) -> str:
    parts = [pb.escape(p) for p in item.problems]
    if item.point_problems:
        parts.append(
            f"<font color='{MISSING_TEXT}'>Angaben der Ansprechstelle unvollständig (siehe oben).</font>"
        )
    parts += [f"<font color='{MUTED_TEXT}'>Hinweis: {pb.escape(h)}</font>" for h in item.line.hints]
    if not item.problems and not item.point_problems:
        parts.insert(0, f"<font color='{DONE_TEXT}'><b>{TICK} vollständig</b></font>")
    return "<br/>".join(parts)
