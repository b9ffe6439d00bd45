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
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.delivery_records import ChecklistLine, ContactPoint, OfficeChecklist

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
        _title_row(checklist_title(checklist), checklist, width),
        Paragraph(
            "Schritt 4 „Daten liefern“: Für jede relevante Leistung braucht das "
            "Redaktionssystem der Website die zuständige Stelle mit Anschrift und Kontakt "
            "sowie die Seite der Leistung auf der Website. Von dort gehen die Angaben an den "
            "Portalverbund (XZuFi).",
            st["subtitle"],
        ),
        _key_figures(checklist, width),
        Spacer(1, 0.15 * cm),
        Paragraph("Ansprechstelle des Amts", st["heading"]),
        Paragraph(
            "Diese Angaben gelten für alle Leistungen des Amts, soweit eine Leistung keine "
            "eigenen hat.",
            st["small"],
        ),
        Spacer(1, 0.12 * cm),
        _point_section(checklist, width),
        Paragraph(f"Leistungen ({pb.german_number(len(checklist.services))})", st["heading"]),
        Paragraph(
            "Bitte ergänzen oder korrigieren Sie, was in der rechten Spalte steht, haken Sie es "
            "ab und geben Sie die Angaben an die OZG-Koordination zurück. Leistungen mit "
            "fehlenden Angaben stehen oben.",
            st["small"],
        ),
        Paragraph(
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
        flow.append(Paragraph("Dem Amt ist keine relevante Leistung zugeordnet.", st["body"]))
    return flow


def _title_row(title: str, checklist: OfficeChecklist, width: float) -> Table:
    return pb.title_row(title, pb.stand(checklist.day), width, gap=4)


def _key_figures(checklist: OfficeChecklist, width: float) -> Table:
    st = pb.styles()
    total = len(checklist.services)
    missing = total - checklist.complete
    figures = [
        (pb.german_number(total), "Leistungen", pb.ACCENT),
        (pb.german_number(checklist.complete), "vollständig", pb.GREEN),
        (
            pb.german_number(missing),
            "mit fehlenden Angaben",
            pb.ORANGE if missing else pb.GREY,
        ),
        (
            pb.german_number(checklist.entered),
            "im Redaktionssystem eingetragen",
            pb.BLUE,
        ),
        (f"{checklist.percent} %", "Vollständigkeit", pb.GREEN if not missing else pb.ORANGE),
    ]
    gap = 0.25 * cm
    box_w = (width - gap * (len(figures) - 1)) / len(figures)
    cells: list[object] = []
    widths: list[float] = []
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for i, (value, label, colour) in enumerate(figures):
        col = 2 * i
        cells.append([Paragraph(value, st["figure"]), Paragraph(label, st["figure_label"])])
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
    label_w = 3.6 * cm
    label_style = ParagraphStyle("checklist_label", parent=st["table_cell"], textColor=pb.MUTED)
    rows = [
        [Paragraph(label, label_style), Paragraph(value, st["table_cell"])]
        for label, value in _point_rows(checklist)
    ]
    details = Table(rows, colWidths=[label_w, left_w - label_w], hAlign="LEFT")
    details.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), pb.SHADE),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, pb.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    problems = checklist.point_problems
    if problems:
        content: list[Flowable] = [
            Paragraph("<b>Fehlt oder ist zu korrigieren</b>", st["table_cell"])
        ]
        content += [Paragraph(pb.escape(p), st["table_cell"], bulletText="•") for p in problems]
        fill, edge = MISSING_FILL, pb.ORANGE
    else:
        content = [
            Paragraph(
                f"<font color='{DONE_TEXT}'><b>{TICK} Alle nötigen Angaben sind vorhanden.</b>"
                "</font>",
                st["table_cell"],
            )
        ]
        fill, edge = DONE_FILL, pb.GREEN
    box = Table([[content]], colWidths=[right_w], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, edge),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    outer = Table([[details, "", box]], colWidths=[left_w, gap, right_w], hAlign="LEFT")
    outer.setStyle(
        TableStyle(
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
    st = pb.styles()
    cell = st["table_cell"]
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
                Paragraph(BOX if not line.complete else "", st["table_cell"]),
                Paragraph(str(number), st["table_number"]),
                Paragraph(pb.escape(line.key) or "–", cell),
                Paragraph(name, cell),
                Paragraph(status, cell),
                Paragraph(_todo(item), cell),
            ]
        )
    widths = [0.7 * cm, 0.9 * cm, 2.9 * cm, 0, 5.2 * cm, 8.4 * cm]
    widths[3] = width - sum(widths)
    table = pb.data_table(body, widths, numeric=[1])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
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
