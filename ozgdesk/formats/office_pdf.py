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
from reportlab.platypus import Flowable, Spacer, Table

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats.office_records import OfficeReport
from ozgdesk.wording import number, plural

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
    only_relevant: bool = False,
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
    facts = [office.kind] if office.kind else []
    if office.short_name:
        facts.append(f"Kürzel {office.short_name}")
    if office.parent:
        facts.append(f"gehört zu {office.parent}")
    flow: list[Flowable] = blocks.title_block(
        office_title(office), width, right=blocks.stand(day), subtitle=" · ".join(facts)
    )
    flow += [blocks.section("OZG-Ansprechpersonen"), _contacts(office, width)]

    count = len(office.services)
    word = "relevante Leistung" if only_relevant else "Leistung"
    what = plural(count, word, word + "en", with_number=False)
    verb = plural(count, "ist", "sind", with_number=False)
    intro = (
        f"Diesem Amt {verb} <b>{number(count)}</b> {what} federführend zugeordnet. "
        "Das ist eine erste, grobe Zuordnung: Bitte prüfen Sie die Liste und melden Sie der "
        "OZG-Koordination, welche Leistungen nicht zu Ihnen gehören, welche fehlen und welche "
        "Ämter außerdem beteiligt sind."
    )
    flow += [
        blocks.section("Zugeordnete Leistungen"),
        blocks.text(intro),
        Spacer(1, 0.25 * cm),
    ]
    if office.services:
        flow.append(_services(office, width, only_relevant))
    else:
        flow.append(blocks.plain("Diesem Amt ist noch keine Leistung zugeordnet."))
    flow += [
        Spacer(1, 0.3 * cm),
        blocks.text(
            "<b>LeiKa-Schlüssel</b>: die 14-stellige Nummer der Leistung im bundesweiten "
            "Leistungskatalog. <b>beteiligt</b>: weitere Ämter, die an der Leistung mitwirken.",
            st["note"],
        ),
    ]
    return flow


def _contacts(office: OfficeReport, width: float) -> Flowable:
    rows = [("Ansprechperson", c) for c in office.main_contacts]
    rows += [("Vertretung", c) for c in office.deputies]
    missing = None
    if not office.main_contacts:
        missing = blocks.callout(
            blocks.text(
                "<b>Noch keine OZG-Ansprechperson benannt.</b> Bitte nennen Sie der "
                "OZG-Koordination ein bis zwei Personen, die für die Leistungen Ihres Amts "
                "Auskunft geben können."
            ),
            width,
            MISSING,
            pb.ORANGE,
        )
    return blocks.contacts(rows, width, missing=missing)


def _services(office: OfficeReport, width: float, only_relevant: bool = False) -> Table:
    header: list[object] = ["Nr.", "LeiKa-Schlüssel", "Leistung", "Lebenslage / Themenfeld"]
    body: list[list[object]] = [header]
    for n, service in enumerate(office.services, start=1):
        name = pb.escape(service.name)
        extra = [] if only_relevant else ["Relevanz: " + pb.escape(service.decision)]
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
                blocks.cell(str(n), "table_number"),
                service.key or "–",
                blocks.cell(name),
                blocks.cell(place),
            ]
        )
    widths = [0.9 * cm, 3.0 * cm, 0, 4.9 * cm]
    widths[2] = width - sum(widths)
    return blocks.table(body, widths, numeric=[0], valign="TOP")
