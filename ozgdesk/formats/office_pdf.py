"""The service list of one office as PDF (A4 portrait), to send to the office.

Input is plain data (:class:`~ozgdesk.formats.office_records.OfficeReport`); the
workflow collects it. Layout: title "Leistungen – <Amt>" with the date, the
office's OZG contacts (or a highlighted note that none is named yet), a short
request to check the list, then the services as a table (number, LeiKa key,
name with involved offices and remark, Lebenslage and Themenfeld). Long lists
run over several pages; the table header is repeated on each page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.office_records import ContactLine, OfficeReport

TITLE = "Leistungen"
MISSING = colors.HexColor("#FCEFD9")  # light orange behind "no contact yet"


def office_title(office: OfficeReport) -> str:
    return f"{TITLE} – {office.name}"


def write_office_pdf(
    path: Path | str,
    office: OfficeReport,
    *,
    municipality: str,
    day: date,
    only_relevant: bool = True,
    source_note: str = "",
) -> Path:
    """Write the service list of ``office`` to ``path`` (atomically) and return the path."""
    title = office_title(office)
    info = pb.DocumentInfo(
        title=title,
        municipality=municipality,
        subject=f"Leistungen, für die „{office.name}“ federführend ist (grobe Zuordnung)",
        day=day,
        keywords=tuple(k for k in ("OZG", "Zuordnung", office.name, municipality) if k),
        source=source_note,
    )

    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, _ = doc.frame_size
        return _content(office, day, only_relevant, width)

    return pb.build_pdf(path, story, info)


def _content(office: OfficeReport, day: date, only_relevant: bool, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = [_title_row(office_title(office), day, width)]
    facts = [office.kind] if office.kind else []
    if office.short_name:
        facts.append(f"Kürzel {office.short_name}")
    if office.parent:
        facts.append(f"gehört zu {office.parent}")
    if facts:
        flow.append(Paragraph(pb.escape(" · ".join(facts)), st["subtitle"]))
    flow += [Paragraph("OZG-Ansprechpersonen", st["heading"]), _contacts(office, width)]

    count = len(office.services)
    what = "relevante Leistung" if only_relevant else "Leistung"
    what += "" if count == 1 else "en"
    verb = "ist" if count == 1 else "sind"
    intro = (
        f"Diesem Amt {verb} <b>{pb.german_number(count)}</b> {what} federführend zugeordnet. "
        "Das ist eine erste, grobe Zuordnung: Bitte prüfen Sie die Liste und melden Sie der "
        "OZG-Koordination, welche Leistungen nicht zu Ihnen gehören, welche fehlen und welche "
        "Ämter außerdem beteiligt sind."
    )
    flow += [
        Paragraph("Zugeordnete Leistungen", st["heading"]),
        Paragraph(intro, st["body"]),
        Spacer(1, 0.25 * cm),
    ]
    if office.services:
        flow.append(_services(office, width))
    else:
        flow.append(Paragraph("Diesem Amt ist noch keine Leistung zugeordnet.", st["body"]))
    flow += [
        Spacer(1, 0.3 * cm),
        Paragraph(
            "<b>LeiKa-Schlüssel</b>: die 14-stellige Nummer der Leistung im bundesweiten "
            "Leistungskatalog. <b>beteiligt</b>: weitere Ämter, die an der Leistung mitwirken.",
            st["note"],
        ),
    ]
    return flow


def _title_row(title: str, day: date, width: float) -> Table:
    return pb.title_row(title, pb.stand(day), width, right_width=3.6 * cm)


def _contact_row(role: str, contact: ContactLine) -> list[object]:
    st = pb.styles()
    name = f"<b>{pb.escape(contact.name)}</b>"
    if contact.function:
        name += f"<br/><font color='#5F6B76'>{pb.escape(contact.function)}</font>"
    return [
        Paragraph(role, st["table_cell"]),
        Paragraph(name, st["table_cell"]),
        Paragraph(pb.escape(contact.email) or "–", st["table_cell"]),
        Paragraph(pb.escape(contact.phone) or "–", st["table_cell"]),
    ]


def _contacts(office: OfficeReport, width: float) -> Flowable:
    st = pb.styles()
    rows = [_contact_row("Ansprechperson", c) for c in office.main_contacts]
    rows += [_contact_row("Vertretung", c) for c in office.deputies]
    if not office.main_contacts:
        note = Paragraph(
            "<b>Noch keine OZG-Ansprechperson benannt.</b> Bitte nennen Sie der "
            "OZG-Koordination ein bis zwei Personen, die für die Leistungen Ihres Amts "
            "Auskunft geben können.",
            st["body"],
        )
        box = Table([[note]], colWidths=[width], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), MISSING),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, pb.ORANGE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        if not rows:
            return box
        rows.insert(0, [box, "", "", ""])
    widths = [3.0 * cm, 0, 5.6 * cm, 3.2 * cm]
    widths[1] = width - sum(widths)
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, -1), pb.SHADE),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, pb.ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]
    if not office.main_contacts:
        commands += [("SPAN", (0, 0), (-1, 0)), ("LEFTPADDING", (0, 0), (-1, 0), 0)]
        commands += [("TOPPADDING", (0, 0), (-1, 0), 0), ("BACKGROUND", (0, 0), (-1, 0), None)]
    table.setStyle(TableStyle(commands))
    return table


def _services(office: OfficeReport, width: float) -> Table:
    st = pb.styles()
    cell = st["table_cell"]
    header: list[object] = ["Nr.", "LeiKa-Schlüssel", "Leistung", "Lebenslage / Themenfeld"]
    body: list[list[object]] = [header]
    for number, service in enumerate(office.services, start=1):
        name = pb.escape(service.name)
        extra = []
        if service.involved:
            extra.append("beteiligt: " + pb.escape(", ".join(service.involved)))
        if service.remark:
            extra.append("Bemerkung: " + pb.escape(service.remark))
        if extra:
            name += "<br/><font size='7' color='#5F6B76'>" + "<br/>".join(extra) + "</font>"
        place = pb.escape(service.lebenslage) or "–"
        if service.themenfeld:
            place += f"<br/><font size='7' color='#5F6B76'>{pb.escape(service.themenfeld)}</font>"
        body.append(
            [
                Paragraph(str(number), st["table_number"]),
                Paragraph(pb.escape(service.key) or "–", cell),
                Paragraph(name, cell),
                Paragraph(place, cell),
            ]
        )
    widths = [0.9 * cm, 3.0 * cm, 0, 4.9 * cm]
    widths[2] = width - sum(widths)
    table = pb.data_table(body, widths, numeric=[0])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
