"""Step 4 outputs: the delivery list (xlsx, csv), the XZuFi-structured XML and the PDF
checklists per office, read back with openpyxl, csv, lxml and pypdf; the `ozgdesk export
delivery|checklists` commands as real processes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from pypdf import PdfReader

from ozgdesk.store.project import Project
from ozgdesk.workflow import (
    assignment,
    delivery,
    delivery_outputs,
    identity,
    offices,
    overview,
    relevance,
    xzufi_export,
)
from ozgdesk.workflow.delivery import Person
from ozgdesk.workflow.exports import ExportError
from ozgdesk.workflow.offices import Office

NS = {"x": "http://xoev.de/schemata/xzufi/2_2_0"}
NOW = datetime(2026, 11, 22, 9, 30)
AGS, ARS = "05554004", "055540004004"  # Ahaus

BAU_UNIT = {
    "unit_name": "Bauordnung und Bauaufsicht",
    "street": "Rathausplatz",
    "house_number": "1",
    "postcode": "48683",
    "town": "Ahaus",
    "phone": "02561 72-300",
    "fax": "02561 72-399",
    "email": "bauamt@ahaus.de",
    "opening_hours": "Mo–Fr 8–12 Uhr",
}
ERIKA = Person(None, "Erika", "Muster", "02561 72-301", "e.muster@ahaus.de", "Di 14–16 Uhr")
JUERGEN = Person(None, "Jürgen", "Öztürk", "02561 72-310", "j.oeztuerk@ahaus.de", "")


@dataclass
class Setup:
    bauamt: int
    family: int
    bau: list[int]  # 0: page, entered; 1: own phone and online service; 2: own person; 3: bare
    fam: list[int]  # 0: page; 1: bare
    keyless: int  # relevant, Bauamt, no key
    unassigned: int  # relevant, key, no office
    keys: dict[int, str]
    names: dict[int, str]


def _setup(project: Project) -> Setup:
    rows = overview.catalogue_rows(project)
    bau = [r.id for r in rows if r.themenfeld == "Bauen & Wohnen" and r.key][:4]
    fam = [r.id for r in rows if r.themenfeld == "Familie & Kind" and r.key][:2]
    keyless = next(r.id for r in rows if not r.key)
    unassigned = next(r.id for r in rows if r.key and r.themenfeld == "Gesundheit")
    relevance.decide(project, [*bau, *fam, keyless, unassigned], relevance.RELEVANT)
    identity.set_keys(project, ags=AGS, ars=ARS)
    bauamt = offices.save_office(project, Office(None, "Bauamt"))
    family = offices.save_office(project, Office(None, "Jugend- und Familienbüro"))
    assignment.assign(project, [*bau, keyless], bauamt)
    assignment.assign(project, fam, family)
    delivery.save_unit(project, bauamt, BAU_UNIT, [ERIKA])
    delivery.save_unit(
        project,
        family,
        {
            "unit_name": "Familienbüro",
            "postcode": "48683",
            "town": "Ahaus",
            "phone": "02561 72-400",
        },
    )
    delivery.edit_services(
        project, bau[:1], page_url="https://www.ahaus.de/bauen/abbruch", status=delivery.ENTERED
    )
    delivery.edit_services(
        project,
        bau[1:2],
        page_url="https://www.ahaus.de/bauen/bauantrag",
        online_url="https://portal.example.org/bauantrag",
        phone="02561 72-350",
        status=delivery.DELIVERED,
        on=date(2026, 11, 2),
    )
    delivery.edit_services(
        project, bau[2:3], page_url="https://www.ahaus.de/bauen/vorbescheid", persons=[JUERGEN]
    )
    delivery.edit_services(project, fam[:1], page_url="https://www.ahaus.de/familie/adoption")
    by_id = {r.id: r for r in overview.catalogue_rows(project)}
    return Setup(
        bauamt,
        family,
        bau,
        fam,
        keyless,
        unassigned,
        {i: by_id[i].key for i in by_id},
        {i: by_id[i].name for i in by_id},
    )


@pytest.fixture
def setup(project: Project) -> Setup:
    return _setup(project)


# -- XZuFi ---------------------------------------------------------------------------------


def _units(path: Path) -> dict[str, etree._Element]:
    root = etree.parse(str(path)).getroot()
    return {
        u.findtext("x:id", namespaces=NS): u
        for u in root.findall("x:schreibe/x:organisationseinheit", NS)
    }


def _responsible(path: Path) -> dict[str, tuple[etree._Element, etree._Element]]:
    """LeiKa key -> (its leistung, the organisationseinheit responsible for it)."""
    root = etree.parse(str(path)).getroot()
    units = _units(path)
    services = {
        s.findtext("x:id", namespaces=NS): s for s in root.findall("x:schreibe/x:leistung", NS)
    }
    found = {}
    for transfer in root.findall("x:schreibe/x:zustaendigkeitTransferObjekt", NS):
        holder = transfer.findtext("x:uebergeordnetesObjektID", namespaces=NS)
        service = services[transfer.findtext("x:zustaendigkeit/x:leistungID", namespaces=NS)]
        if holder in units:
            found[service.find("x:referenzLeiKa", NS).findtext("code")] = (service, units[holder])
    return found


def _online(path: Path) -> dict[str, str]:
    """LeiKa key -> the address of its online service."""
    root = etree.parse(str(path)).getroot()
    links = {
        o.findtext("x:id", namespaces=NS): o.findtext("x:link/x:link", namespaces=NS)
        for o in root.findall("x:schreibe/x:onlinedienst", NS)
    }
    keys = {
        s.findtext("x:id", namespaces=NS): s.find("x:referenzLeiKa", NS).findtext("code")
        for s in root.findall("x:schreibe/x:leistung", NS)
    }
    return {
        keys[t.findtext("x:zustaendigkeit/x:leistungID", namespaces=NS)]: links[
            t.findtext("x:uebergeordnetesObjektID", namespaces=NS)
        ]
        for t in root.findall("x:schreibe/x:zustaendigkeitTransferObjekt", NS)
        if t.findtext("x:uebergeordnetesObjektID", namespaces=NS) in links
    }


def _channels(element: etree._Element) -> list[tuple[str, str]]:
    return [
        (c.find("x:kanal", NS).findtext("code"), c.findtext("x:kennung", namespaces=NS))
        for c in element.findall("x:kommunikation", NS)
    ]


def test_xzufi_lists_every_keyed_service_with_its_unit_and_page(
    project: Project, setup: Setup, tmp_path: Path
) -> None:
    target = tmp_path / "lieferung.xml"
    assert delivery_outputs.export_delivery(project, target, "xzufi", now=NOW) == target
    raw = target.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!--')
    assert "Öztürk".encode() in raw  # UTF-8, not escaped
    root = etree.fromstring(raw)
    assert root.nsmap == {"xzufi": NS["x"]} and root.get("xzufiVersion") == "2.2.0"
    created = root.findtext(
        "x:nachrichtenkopf/x:identifikation.nachricht/x:erstellungszeitpunkt", namespaces=NS
    )
    assert datetime.fromisoformat(created).replace(tzinfo=None) == NOW
    assert "Nicht gegen das offizielle XSD geprüft" in root.getprevious().text

    found = _responsible(target)
    delivered = [*setup.bau, *setup.fam]
    assert sorted(found) == sorted(setup.keys[i] for i in delivered)
    for service in delivered:
        item, unit = found[setup.keys[service]]
        assert item.findtext("x:modulText/x:inhalt", namespaces=NS) == setup.names[service]
        expected_name = "Familienbüro" if service in setup.fam else BAU_UNIT["unit_name"]
        assert unit.findtext("x:name/x:name", namespaces=NS) == expected_name
    pages = {
        setup.keys[i]: found[setup.keys[i]][0].findtext(
            "x:modulText/x:weiterfuehrenderLink/x:uri", namespaces=NS
        )
        for i in delivered
    }
    assert pages[setup.keys[setup.bau[0]]] == "https://www.ahaus.de/bauen/abbruch"
    assert pages[setup.keys[setup.fam[0]]] == "https://www.ahaus.de/familie/adoption"
    assert pages[setup.keys[setup.bau[3]]] is None  # no page yet: no empty element

    # the office's unit with its contact point as entered
    office_unit = found[setup.keys[setup.bau[0]]][1]
    assert office_unit.findtext("x:id", namespaces=NS) == f"ozgdesk-amt-{setup.bauamt}"
    assert office_unit.find("x:id", NS).get("schemeAgencyID") == f"ozgdesk:{ARS}"
    address = office_unit.find("x:anschrift", NS)
    assert [(e.tag.split("}")[1], e.text) for e in address][:4] == [
        ("strasse", "Rathausplatz"),
        ("hausnummer", "1"),
        ("postleitzahl", "48683"),
        ("ort", "Ahaus"),
    ]
    assert _channels(office_unit) == [
        ("02", "02561 72-300"),
        ("04", "02561 72-399"),
        ("01", "bauamt@ahaus.de"),
    ]
    assert office_unit.findtext("x:oeffnungszeiten", namespaces=NS) == "Mo–Fr 8–12 Uhr"
    (person,) = office_unit.findall("x:ansprechpartner", NS)
    assert person.findtext("x:vorname", namespaces=NS) == "Erika"
    assert person.findtext("x:familienname", namespaces=NS) == "Muster"
    assert person.findtext("x:sprechzeiten", namespaces=NS) == "Di 14–16 Uhr"
    assert [k for _c, k in _channels(person)] == ["02561 72-301", "e.muster@ahaus.de"]
    # the family office has no street: only what is known is written (and the keys)
    family_unit = found[setup.keys[setup.fam[1]]][1]
    assert [e.tag.split("}")[1] for e in family_unit.find("x:anschrift", NS)] == [
        "postleitzahl",
        "ort",
        "verwaltungspolitischeKodierung",
    ]


def test_xzufi_services_with_own_values_get_their_own_unit(
    project: Project, setup: Setup, tmp_path: Path
) -> None:
    target = tmp_path / "lieferung.xml"
    delivery_outputs.export_delivery(project, target, "xzufi")
    found = _responsible(target)
    own_phone = setup.keys[setup.bau[1]]
    _item, unit = found[own_phone]
    assert (
        unit.findtext("x:id", namespaces=NS) == f"ozgdesk-amt-{setup.bauamt}-leistung-{own_phone}"
    )
    # own phone, rest inherited
    assert [k for _c, k in _channels(unit)] == ["02561 72-350", "02561 72-399", "bauamt@ahaus.de"]
    assert unit.findtext("x:anschrift/x:strasse", namespaces=NS) == "Rathausplatz"
    assert _online(target) == {own_phone: "https://portal.example.org/bauantrag"}
    own_person = found[setup.keys[setup.bau[2]]][1]
    assert [
        p.findtext("x:familienname", namespaces=NS)
        for p in own_person.findall("x:ansprechpartner", NS)
    ] == ["Öztürk"]

    ids = list(_units(target))
    office = f"ozgdesk-amt-{setup.bauamt}"
    # the office's unit first, its service variants right after it, then the next office
    assert ids[0] == office and ids[1].startswith(f"{office}-leistung-")
    assert ids[2].startswith(f"{office}-leistung-") and ids[3] == f"ozgdesk-amt-{setup.family}"
    office_keys = sorted(
        k
        for k, (_s, u) in found.items()
        if u is _units(target)[office] or (u.findtext("x:id", namespaces=NS) == office)
    )
    assert office_keys == sorted(setup.keys[i] for i in (setup.bau[0], setup.bau[3]))

    skipped = delivery_outputs.xzufi_skipped(project)
    assert {(s.name, s.reason) for s in skipped} == {
        (setup.names[setup.keyless], xzufi_export.NO_KEY),
        (setup.names[setup.unassigned], xzufi_export.NO_UNIT),
    }


def test_xzufi_without_names_has_no_persons(project: Project, setup: Setup, tmp_path: Path) -> None:
    target = tmp_path / "ohne.xml"
    delivery_outputs.export_delivery(project, target, "xzufi", include_names=False)
    raw = target.read_text(encoding="utf-8")
    assert "ansprechpartner" not in raw
    for text in ("Erika", "Muster", "Öztürk", "e.muster@ahaus.de", "02561 72-301"):
        assert text not in raw
    found = _responsible(target)
    # own persons alone no longer make a unit of its own: they are not written
    office = f"ozgdesk-amt-{setup.bauamt}"
    assert found[setup.keys[setup.bau[2]]][1].findtext("x:id", namespaces=NS) == office
    assert found[setup.keys[setup.bau[1]]][1].findtext("x:id", namespaces=NS) != office


def test_xzufi_text_is_cleaned_and_empty_values_left_out(tmp_path: Path) -> None:
    from ozgdesk.formats.delivery_records import ContactPoint
    from ozgdesk.formats.xzufi import write_xzufi
    from ozgdesk.formats.xzufi_records import XzufiMessage, XzufiService, XzufiUnit

    unit = XzufiUnit("ozgdesk-amt-1", ContactPoint(name="Amt <A> & B\x01", opening_hours="  "))
    service = XzufiService("ozgdesk-leika-99001001000000", "99001001000000", "Leistung")
    message = XzufiMessage("m-1", NOW.astimezone(), "ozgdesk:x", "Testdorf", "", "", "",
                           (service,), (unit,))  # fmt: skip
    write_xzufi(tmp_path / "a.xml", message)
    root = etree.parse(str(tmp_path / "a.xml")).getroot()
    (element,) = root.findall("x:schreibe/x:organisationseinheit", NS)
    assert element.findtext("x:name/x:name", namespaces=NS) == "Amt <A> & B"
    assert element.find("x:oeffnungszeiten", NS) is None
    assert element.find("x:anschrift", NS) is None
    assert element.find("x:kommunikation", NS) is None
    (leistung,) = root.findall("x:schreibe/x:leistung", NS)
    assert leistung.find("x:modulText/x:weiterfuehrenderLink", NS) is None


def test_xzufi_office_name_stands_in_for_a_missing_unit_name(project: Project) -> None:
    ids = [r.id for r in overview.catalogue_rows(project) if r.key][:1]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Ordnungsamt"))
    assignment.assign(project, ids, office)
    delivery.save_unit(project, office, {"phone": "02561 72-500"})
    identity.set_keys(project, ags=AGS, ars=ARS)
    data, skipped, _incomplete = xzufi_export.message(project)
    (unit,) = data.units
    assert unit.point.name == "Ordnungsamt" and unit.point.phone == "02561 72-500"
    assert skipped == []


# -- the list (xlsx, csv) ----------------------------------------------------------------------


def _by_key(rows: list[list[object]], header: list[object]) -> dict[object, dict[object, object]]:
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def test_delivery_xlsx_cell_by_cell(project: Project, setup: Setup, tmp_path: Path) -> None:
    target = tmp_path / "Lieferliste.xlsx"
    delivery_outputs.export_delivery(project, target, "xlsx", now=NOW)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Lieferliste", "Info"]
    ws = wb["Lieferliste"]
    header = [c.value for c in ws[1]]
    assert header == [
        "LeiKa-Schlüssel",
        "Leistung",
        "Zuständige Stelle",
        "Amt",
        "Straße",
        "Hausnummer",
        "PLZ",
        "Ort",
        "Telefon",
        "Fax",
        "E-Mail",
        "Öffnungszeiten",
        "Ansprechpersonen",
        "Seite auf der Website",
        "Online-Dienst",
        "Stand",
        "Stand seit",
        "Vollständig",
        "Offene Probleme",
        "Hinweise",
        "Bemerkung",
    ]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert ws.max_row == 1 + 8  # all relevant services, also those the XZuFi file skips
    assert ws.auto_filter.ref == "A1:U9"
    assert ws.column_dimensions["B"].width == 50

    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    cells = rows[setup.keys[setup.bau[1]]]
    key = cells[0]
    assert key.data_type == "s" and key.number_format == "@"
    assert cells[6].value == "48683" and cells[6].number_format == "@"
    values = [c.value for c in cells]
    assert values[:13] == [
        setup.keys[setup.bau[1]],
        setup.names[setup.bau[1]],
        "Bauordnung und Bauaufsicht",
        "Bauamt",
        "Rathausplatz",
        "1",
        "48683",
        "Ahaus",
        "02561 72-350",
        "02561 72-399",
        "bauamt@ahaus.de",
        "Mo–Fr 8–12 Uhr",
        "Erika Muster, Tel. 02561 72-301, e.muster@ahaus.de, Sprechzeiten: Di 14–16 Uhr",
    ]
    assert values[13:16] == [
        "https://www.ahaus.de/bauen/bauantrag",
        "https://portal.example.org/bauantrag",
        "geliefert",
    ]
    assert values[16] == datetime(2026, 11, 2) and cells[16].number_format == "DD.MM.YYYY"
    assert values[17:] == ["ja", None, None, None]

    bare = [c.value for c in rows[setup.keys[setup.bau[3]]]]
    assert bare[17] == "nein" and bare[18] == "Die Seite der Leistung auf der Website fehlt."
    family = [c.value for c in rows[setup.keys[setup.fam[0]]]]
    assert family[2] == "Familienbüro" and family[4] is None
    assert family[18] == "Straße fehlt. Hausnummer fehlt."
    own = [c.value for c in rows[setup.keys[setup.bau[2]]]]
    assert own[12] == "Jürgen Öztürk, Tel. 02561 72-310, j.oeztuerk@ahaus.de"
    keyless = [c.value for c in rows[None]]
    assert keyless[1] == setup.names[setup.keyless]
    assert "nicht an den Portalverbund" in keyless[19]

    info = {r[0]: r[1] for r in wb["Info"].iter_rows(values_only=True)}
    assert info["Kommune"] == "Ahaus" and info["Exportiert am"] == datetime(2026, 11, 22, 9, 30)
    exported = next(r[1] for r in wb["Info"].iter_rows() if r[0].value == "Exportiert am")
    assert exported.is_date and exported.number_format == "DD.MM.YYYY HH:MM"
    assert info["Relevante Leistungen"] == 8 and info["Ansprechpersonen"] == "mit Namen"
    assert info["davon vollständig"] + info["davon mit fehlenden Angaben"] == 8
    assert wb.properties.creator == "ozgdesk"


def test_delivery_xlsx_without_names(project: Project, setup: Setup, tmp_path: Path) -> None:
    target = tmp_path / "ohne.xlsx"
    delivery_outputs.export_delivery(project, target, "xlsx", include_names=False)
    wb = openpyxl.load_workbook(target)
    ws = wb["Lieferliste"]
    header = [c.value for c in ws[1]]
    assert "Ansprechpersonen" not in header and len(header) == 20
    text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    for name in ("Erika", "Muster", "Öztürk", "e.muster@ahaus.de"):
        assert name not in text
    assert "bauamt@ahaus.de" in text and "02561 72-300" in text
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(values_only=True)}
    assert info["Ansprechpersonen"].startswith("weggelassen")


def test_delivery_csv_opens_as_german_excel_expects(
    project: Project, setup: Setup, tmp_path: Path
) -> None:
    delivery.save_unit(
        project, setup.family, {"opening_hours": "=nach Vereinbarung; bitte anrufen"}
    )
    target = tmp_path / "Lieferliste.csv"
    delivery_outputs.export_delivery(project, target, "csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfLeiKa-Schl\xc3\xbcssel;Leistung;")
    assert b"\r\n" in raw
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "LeiKa-Schlüssel" and len(header) == 21 and len(body) == 8
    assert all(len(r) == 21 for r in body)
    rows_by_key = _by_key(body, header)
    own = rows_by_key[setup.keys[setup.bau[1]]]
    assert own["Telefon"] == "02561 72-350" and own["PLZ"] == "48683"
    assert own["Stand"] == "geliefert" and own["Stand seit"] == "02.11.2026"
    assert own["Vollständig"] == "ja" and own["Offene Probleme"] == ""
    assert own["Ansprechpersonen"] == (
        "Erika Muster, Tel. 02561 72-301, e.muster@ahaus.de, Sprechzeiten: Di 14–16 Uhr"
    )
    family = rows_by_key[setup.keys[setup.fam[1]]]
    # ";" inside a value is quoted; a leading "=" is neutralised for spreadsheets
    assert family["Öffnungszeiten"] == "'=nach Vereinbarung; bitte anrufen"
    assert family["Offene Probleme"] == (
        "Straße fehlt. Hausnummer fehlt. Die Seite der Leistung auf der Website fehlt."
    )
    assert rows_by_key[""]["Leistung"] == setup.names[setup.keyless]

    plain = tmp_path / "ohne.csv"
    delivery_outputs.export_delivery(project, plain, "csv", include_names=False)
    text = plain.read_text(encoding="utf-8-sig")
    assert "Ansprechpersonen" not in text and "Muster" not in text and "Öztürk" not in text


def test_delivery_xlsx_keeps_keys_and_postcodes_as_typed(
    project: Project, setup: Setup, tmp_path: Path
) -> None:
    """The Excel file is the one for spreadsheets: keys and postcodes stay text there (a
    CSV opened with a double click would lose the leading zero of "04683")."""
    delivery.save_unit(project, setup.family, {"postcode": "04683"})
    target = tmp_path / "Lieferliste.xlsx"
    delivery_outputs.export_delivery(project, target, "xlsx")
    ws = openpyxl.load_workbook(target)["Lieferliste"]
    header = [c.value for c in ws[1]]
    plz, key = header.index("PLZ") + 1, header.index("LeiKa-Schlüssel") + 1
    row = next(
        r for r in range(2, ws.max_row + 1) if ws.cell(r, key).value == setup.keys[setup.fam[1]]
    )
    for column, value in ((plz, "04683"), (key, setup.keys[setup.fam[1]])):
        cell = ws.cell(row, column)
        assert cell.value == value and cell.data_type == "s" and cell.number_format == "@"


def test_person_messages_lose_the_name_without_names(project: Project, setup: Setup) -> None:
    bad = Person(None, "Erika", "Muster", "", "erika.muster(at)ahaus.de")
    delivery.save_unit(project, setup.bauamt, {}, [bad])
    with_names = delivery_outputs.delivery_list(project)
    without = delivery_outputs.delivery_list(project, include_names=False)
    key = setup.keys[setup.bau[0]]
    (line,) = [x for x in with_names.lines if x.key == key]
    (plain,) = [x for x in without.lines if x.key == key]
    assert any(p.startswith("Erika Muster: ") for p in line.problems)
    assert any(p.startswith("Ansprechperson: ") for p in plain.problems)
    assert not any("Muster" in p for p in plain.problems)
    assert plain.point.persons == () and line.point.persons[0].surname == "Muster"


# -- checklists (PDF) -----------------------------------------------------------------------


def _text(path: Path) -> str:
    """The PDF's text with all whitespace (line breaks in cells) as single spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_checklists_one_pdf_per_office(project: Project, setup: Setup, tmp_path: Path) -> None:
    folder = tmp_path / "Checklisten"
    written = delivery_outputs.export_checklists(project, folder, day=date(2026, 11, 22))
    assert [p.name for p in written] == [
        "Checkliste Bauamt.pdf",
        "Checkliste Jugend- und Familienbüro.pdf",
    ]
    reader = PdfReader(written[0])
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    assert reader.metadata.title == "Checkliste Datenlieferung – Bauamt"
    bau = _text(written[0])
    assert "Checkliste Datenlieferung – Bauamt" in bau and "Stand: 22.11.2026" in bau
    assert "Bauordnung und Bauaufsicht" in bau and "Rathausplatz 1" in bau
    assert "Erika Muster" in bau and "Jürgen Öztürk" not in bau.split("Leistungen (")[0]
    for service in setup.bau:
        assert setup.keys[service] in bau
    assert setup.names[setup.keyless] in bau
    assert "Die Seite der Leistung auf der Website fehlt." in bau
    assert "Alle nötigen Angaben sind vorhanden." in bau
    assert "Eigene Angaben: Telefon: 02561 72-350" in bau
    assert "geliefert" in bau and "seit 02.11.2026" in bau
    assert "Leistungen (5)" in bau
    assert setup.keys[setup.fam[0]] not in bau

    family = _text(written[1])
    assert "Checkliste Datenlieferung – Jugend- und Familienbüro" in family  # umlauts
    assert "Fehlt oder ist zu korrigieren" in family
    assert "Straße fehlt." in family and "Hausnummer fehlt." in family
    assert "Angaben der Ansprechstelle unvollständig (siehe oben)." in family
    for service in setup.fam:
        assert setup.keys[service] in family
    assert "Seite 1 von" in family


def test_checklist_problems_of_the_contact_point_are_named_once(
    project: Project, setup: Setup
) -> None:
    lists = {c.office: c for c in delivery_outputs.checklists(project)}
    family = lists["Jugend- und Familienbüro"]
    assert family.point_problems == ("Straße fehlt.", "Hausnummer fehlt.")
    assert family.point_flagged == frozenset({"street", "house_number"})
    lines = {s.line.key: s for s in family.services}
    with_page = lines[setup.keys[setup.fam[0]]]  # inherits the missing address
    assert with_page.problems == () and with_page.point_problems
    assert lines[setup.keys[setup.fam[1]]].problems == (
        "Die Seite der Leistung auf der Website fehlt.",
    )
    bau = lists["Bauamt"]
    assert bau.point_problems == () and bau.entered == 1
    assert bau.complete == 3 and bau.percent == 60


def test_checklists_without_names(project: Project, setup: Setup, tmp_path: Path) -> None:
    written = delivery_outputs.export_checklists(project, tmp_path / "c", include_names=False)
    text = _text(written[0])
    for name in ("Erika", "Muster", "Öztürk"):
        assert name not in text
    assert "bauamt@ahaus.de" in text


def test_no_checklists_without_assigned_services(project: Project, tmp_path: Path) -> None:
    assert delivery_outputs.export_checklists(project, tmp_path / "leer") == []
    assert not (tmp_path / "leer").exists()


@pytest.mark.file_only  # compares with the file's own storage
def test_export_refuses_bad_targets_and_formats(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Unbekanntes Format"):
        delivery_outputs.export_delivery(project, tmp_path / "x.pdf", "pdf")
    with pytest.raises(ExportError, match="Projektdatei selbst"):
        delivery_outputs.export_delivery(project, project.path, "xlsx")
    with pytest.raises(ExportError, match="gibt es nicht"):
        delivery_outputs.export_delivery(project, tmp_path / "fehlt" / "x.xml", "xzufi")
    (tmp_path / "datei.pdf").write_bytes(b"x")
    with pytest.raises(ExportError, match="kein Ordner"):
        delivery_outputs.export_checklists(project, tmp_path / "datei.pdf")


def test_empty_project_exports(empty_project: Project, tmp_path: Path) -> None:
    identity.set_keys(empty_project, ags=AGS, ars=ARS)
    for fmt, suffix in delivery_outputs.SUFFIXES.items():
        delivery_outputs.export_delivery(empty_project, tmp_path / f"leer{suffix}", fmt)
    assert openpyxl.load_workbook(tmp_path / "leer.xlsx")["Lieferliste"].max_row == 1
    assert len((tmp_path / "leer.csv").read_text(encoding="utf-8-sig").splitlines()) == 1
    assert _units(tmp_path / "leer.xml") == {}


# -- command line ---------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_cli_export_delivery_and_checklists(catalogue_path: Path, tmp_path: Path) -> None:
    with Project.open(catalogue_path) as opened:
        setup = _setup(opened)
    project = str(catalogue_path)
    for fmt, suffix in (("xlsx", ".xlsx"), ("csv", ".csv")):
        out = tmp_path / f"Liste{suffix}"
        result = run("export", "delivery", "--format", fmt, "--project", project, "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert "Lieferliste gespeichert" in result.stdout and out.exists()
    xml = tmp_path / "Lieferung.xml"
    result = run(
        "export", "delivery", "--format", "xzufi", "--project", project, "--out", str(xml),
        "--no-names",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "2 relevante Leistung(en) nicht enthalten" in result.stdout
    assert setup.names[setup.unassigned] in result.stdout
    assert "Muster" not in xml.read_text(encoding="utf-8")
    assert len(_responsible(xml)) == 6

    folder = tmp_path / "Checklisten"
    result = run("export", "checklists", "--project", project, "--out", str(folder), "--no-names")
    assert result.returncode == 0, result.stderr
    assert "2 Checkliste(n)" in result.stdout and "Checkliste Bauamt.pdf" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == [
        "Checkliste Bauamt.pdf",
        "Checkliste Jugend- und Familienbüro.pdf",
    ]


def test_cli_delivery_errors(catalogue_path: Path, tmp_path: Path) -> None:
    project = str(catalogue_path)
    wrong_format = run(
        "export",
        "delivery",
        "--format",
        "pdf",
        "--project",
        project,
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert wrong_format.returncode == 2 and "--format" in wrong_format.stderr
    wrong_suffix = run(
        "export",
        "delivery",
        "--format",
        "xzufi",
        "--project",
        project,
        "--out",
        str(tmp_path / "x.xlsx"),
    )
    assert wrong_suffix.returncode == 2 and "„.xml“" in wrong_suffix.stderr
    # without --format the ending of --out decides; an ending of no format is refused
    no_format = run("export", "delivery", "--project", project, "--out", str(tmp_path / "x.pdf"))
    assert no_format.returncode == 2 and "--format" in no_format.stderr
    assert not (tmp_path / "x.pdf").exists()
    missing = run(
        "export", "delivery", "--format", "csv", "--project", str(tmp_path / "fehlt.ozgdesk"),
        "--out", str(tmp_path / "x.csv"),
    )  # fmt: skip
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr
    assert not (tmp_path / "x.csv").exists()

    none = run("export", "checklists", "--project", project, "--out", str(tmp_path / "c"))
    assert none.returncode == 1 and "Keine Checklisten" in none.stderr
    as_file = run("export", "checklists", "--project", project, "--out", str(tmp_path / "c.pdf"))
    assert as_file.returncode == 2
