"""The XZuFi 2.2 message of step 4 for the demo municipality, parsed with lxml; reading it
back (own export and a foreign dump) through the returns review; the round trip into a
fresh project; safe parsing; the municipality's keys; the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from ozgdesk.store.project import Project
from ozgdesk.workflow import (
    delivery,
    delivery_returns,
    demo,
    identity,
    overview,
    roadmap,
    xzufi_apply,
    xzufi_export,
    xzufi_import,
)
from ozgdesk.workflow.exports import ExportError
from ozgdesk.workflow.projects import create_project
from tests.conftest import copy_project

X = "http://xoev.de/schemata/xzufi/2_2_0"
NS = {"x": X}
AGS, ARS = "05554008", "055540008008"
NOW = datetime(2026, 12, 1, 10, 0)
ONLINE = "https://portal.example.org/hundesteuer"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> Path:
    """The demo with the municipality's keys and two services sharing an online service."""
    path = tmp_path_factory.mktemp("xzufi") / "Demo.ozgdesk"
    with demo.create_demo(path) as project:
        identity.set_keys(project, ags=AGS, ars=ARS)
        keyed = [r for r in delivery.effective_rows(project) if r.key and r.unit_office_id]
        with_page = [r.service_id for r in keyed if r.get("page_url")][:2]
        delivery.edit_services(project, with_page, online_url=ONLINE)
        roadmap.update_plans(project, with_page, online_name="Hundesteuer online")
    return path


@pytest.fixture
def demo_project(demo_template: Path, tmp_path: Path):
    opened = Project.open(copy_project(demo_template, tmp_path / "Demo.ozgdesk"))
    yield opened
    opened.close()


def _fresh(path: Path) -> Project:
    """A new project for the same municipality: relevance and offices, no delivery data."""
    project = create_project(path, demo.DEMO_MUNICIPALITY, website=demo.DEMO_WEBSITE)
    demo._step1_relevance(project)
    demo._step2_offices(project)
    identity.set_keys(project, ags=AGS, ars=ARS)
    return project


def _code(element: etree._Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None, path
    return found.findtext("code")


# -- the export ----------------------------------------------------------------------------


def test_demo_export_has_the_structure_receivers_read(demo_project: Project, tmp_path: Path):
    target = tmp_path / "Lieferung.xml"
    result = xzufi_export.export_xzufi(demo_project, target, now=NOW)
    root = etree.parse(str(target)).getroot()
    assert etree.QName(root).namespace == X
    assert root.get("xzufiVersion") == "2.2.0"
    assert root.get("produktbezeichnung") == "ozgdesk" and root.get("produkthersteller")
    children = [etree.QName(c).localname for c in root]
    assert children[0] == "nachrichtenkopf" and children.count("nachrichtenkopf") == 1
    assert set(children[1:]) == {"schreibe"}
    head = root.find("x:nachrichtenkopf", NS)
    assert head.findtext("x:identifikation.nachricht/x:nachrichtenUUID", namespaces=NS)
    created = head.findtext("x:identifikation.nachricht/x:erstellungszeitpunkt", namespaces=NS)
    assert datetime.fromisoformat(created).tzinfo is not None
    assert head.findtext("x:autor/x:name", namespaces=NS) == demo.DEMO_MUNICIPALITY
    assert head.findtext("x:leser/x:name", namespaces=NS)  # the receiver
    assert _code(head, "x:autor/x:verwaltungspolitischeKodierung/x:regionalschluessel") == ARS
    for schreibe in root.findall("x:schreibe", NS):
        assert len(schreibe) == 1  # one object each

    services = root.findall("x:schreibe/x:leistung", NS)
    relevant = delivery.effective_rows(demo_project)
    expected = {r.key for r in relevant if r.key and r.unit_office_id}
    assert {_code(s, "x:referenzLeiKa") for s in services} == expected
    assert len(services) == result.services == len(expected)
    agency = f"ozgdesk:{ARS}"
    pages = {r.key: r.get("page_url") for r in relevant}
    for service in services:
        ident = service.find("x:id", NS)
        assert ident.get("schemeAgencyID") == agency and ident.text
        key = _code(service, "x:referenzLeiKa")
        assert len(key) == 14 and key.isdigit()
        (module,) = service.findall("x:modulText", NS)
        assert _code(module, "x:leikaTextmodul") == "02"
        assert module.findtext("x:inhalt", namespaces=NS)
        link = module.findtext("x:weiterfuehrenderLink/x:uri", namespaces=NS)
        assert (link or "") == pages[key]
    assert any(pages[k] for k in expected)

    units = {
        u.findtext("x:id", namespaces=NS): u
        for u in root.findall("x:schreibe/x:organisationseinheit", NS)
    }
    assert len(units) == result.units == 4
    for unit in units.values():
        assert unit.find("x:id", NS).get("schemeAgencyID") == agency
        assert unit.findtext("x:name/x:name", namespaces=NS)
        address = unit.find("x:anschrift", NS)
        assert address.findtext("x:ort", namespaces=NS) == "Musterhausen"
        assert address.findtext("x:postleitzahl", namespaces=NS) == "12345"
        coding = address.find("x:verwaltungspolitischeKodierung", NS)
        assert _code(coding, "x:bundesland") == "05"
        assert _code(coding, "x:gemeindeschluessel") == AGS
        assert _code(coding, "x:regionalschluessel") == ARS
        channels = {
            _code(k, "x:kanal"): k.findtext("x:kennung", namespaces=NS)
            for k in unit.findall("x:kommunikation", NS)
        }
        assert set(channels) == {"01", "02", "04"}  # E-Mail, Telefon, Fax as codes
        assert "@" in channels["01"]
        kanal = unit.find("x:kommunikation/x:kanal", NS)
        assert kanal.get("listURI") == "urn:de:xoev:codeliste:erreichbarkeit"

    transfers = root.findall("x:schreibe/x:zustaendigkeitTransferObjekt", NS)
    service_ids = {s.findtext("x:id", namespaces=NS) for s in services}
    online = {
        o.findtext("x:id", namespaces=NS): o for o in root.findall("x:schreibe/x:onlinedienst", NS)
    }
    per_service: dict[str, int] = {}
    for transfer in transfers:
        holder = transfer.findtext("x:uebergeordnetesObjektID", namespaces=NS)
        inner = transfer.find("x:zustaendigkeit", NS)
        leistung = inner.findtext("x:leistungID", namespaces=NS)
        assert leistung in service_ids
        assert inner.findtext("x:gebietID", namespaces=NS) == ARS
        scheme = inner.find("x:id", NS).get("schemeID")
        if holder in units:
            assert scheme == "ZustaendigkeitOrganisationseinheit"
            assert _code(inner, "x:rolle") == "01"
            per_service[leistung] = per_service.get(leistung, 0) + 1
        else:
            assert holder in online and scheme == "ZustaendigkeitOnlinedienst"
    assert per_service == {i: 1 for i in service_ids}  # one unit per service
    assert len(transfers) == result.responsibilities == len(services) + 2

    assert len(online) == result.online == 1  # two services share one online service
    (service,) = online.values()
    assert service.findtext("x:bezeichnung", namespaces=NS) == "Hundesteuer online"
    link = service.find("x:link", NS)
    assert _code(link, "x:typ") == "01"
    assert link.find("x:typ", NS).get("listURI") == "urn:xoev-de:fim:codeliste:onlinedienstlinktyp"
    assert link.findtext("x:link", namespaces=NS) == ONLINE
    assert link.findtext("x:titel", namespaces=NS)


def _ids(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    return [
        e.text
        for e in root.iter(f"{{{X}}}id", f"{{{X}}}leistungID", f"{{{X}}}uebergeordnetesObjektID")
    ]


def test_ids_stay_the_same_from_one_export_to_the_next(demo_project: Project, tmp_path: Path):
    xzufi_export.export_xzufi(demo_project, tmp_path / "a.xml", now=NOW)
    # a change elsewhere, another time: the ids stay
    row = next(r for r in delivery.effective_rows(demo_project) if r.key and r.unit_office_id)
    delivery.edit_services(demo_project, [row.service_id], notes="geprüft")
    xzufi_export.export_xzufi(demo_project, tmp_path / "b.xml")
    assert _ids(tmp_path / "a.xml") == _ids(tmp_path / "b.xml")
    assert len(set(_ids(tmp_path / "a.xml"))) > 500


def test_left_out_services_are_listed_in_the_result(demo_project: Project, tmp_path: Path):
    result = xzufi_export.export_xzufi(demo_project, tmp_path / "a.xml")
    rows = delivery.effective_rows(demo_project)
    keyless = [r for r in rows if not r.key]
    no_unit = [r for r in rows if r.key and r.unit_office_id is None]
    reasons = {s.name: s.reason for s in result.skipped}
    assert keyless and no_unit and len(result.skipped) == len(keyless) + len(no_unit)
    assert {reasons[r.name] for r in keyless} == {xzufi_export.NO_KEY}
    assert {reasons[r.name] for r in no_unit} == {xzufi_export.NO_UNIT}
    assert any(s.reason == xzufi_export.NO_PAGE for s in result.incomplete)
    text = "\n".join(xzufi_export.summary_lines(result))
    assert f"{len(result.skipped)} relevante Leistung(en) nicht enthalten" in text
    assert keyless[0].name in text and no_unit[0].name in text
    data = result.as_dict()
    assert len(data["skipped"]) == len(result.skipped) and data["services"] == result.services


def test_without_ars_the_export_says_so_and_writes_nothing(project: Project, tmp_path: Path):
    identity.set_keys(project, ags="", ars="")  # Ahaus got its keys from the built-in list
    with pytest.raises(ExportError, match="Regionalschlüssel") as caught:
        xzufi_export.export_xzufi(project, tmp_path / "a.xml")
    assert "Projekteinstellungen" in caught.value.todo
    assert not (tmp_path / "a.xml").exists()


# -- the keys ------------------------------------------------------------------------------


def test_keys_are_validated_before_they_are_stored(project: Project) -> None:
    assert identity.set_keys(project, ags="05 554 008", ars="05554 0008 008").ars == ARS
    for ags, ars, message in (
        ("0555400", "", "8 Ziffern"),
        ("", "05554000800", "12 Ziffern"),
        ("99554008", "", "Länderschlüssel"),
        ("05554008", "055580008008", "mit 05554 beginnen"),
        ("05554008", "055540008012", "mit 008 enden"),
    ):
        with pytest.raises(ValueError, match=message):
            identity.set_keys(project, ags=ags, ars=ars)
    keys = identity.keys(project)
    assert (keys.ags, keys.ars, keys.land) == (AGS, ARS, "Nordrhein-Westfalen")
    with project.session() as session:
        from ozgdesk.store.models import ProjectInfo

        session.get(ProjectInfo, 1).municipality_title = ""
    assert identity.keys(project).official_name == "Ahaus"  # no title known
    with project.session() as session:
        session.get(ProjectInfo, 1).municipality_title = "Stadt"
    assert identity.keys(project).official_name == "Stadt Ahaus"


# -- reading back --------------------------------------------------------------------------


def _content(path: Path) -> dict[str, tuple[str, tuple[str, ...], object]]:
    """Per LeiKa key: page, the responsible unit's content (without ids), online service
    (address and name)."""
    root = etree.parse(str(path)).getroot()
    services = {
        s.findtext("x:id", namespaces=NS): s for s in root.findall("x:schreibe/x:leistung", NS)
    }
    units = {}
    for unit in root.findall("x:schreibe/x:organisationseinheit", NS):
        values = [" ".join(t.split()) for t in unit.itertext() if t.strip()]
        ident = unit.findtext("x:id", namespaces=NS)
        units[ident] = tuple(v for v in values if v != ident)
    online = {
        o.findtext("x:id", namespaces=NS): (
            o.findtext("x:link/x:link", namespaces=NS),
            o.findtext("x:bezeichnung", namespaces=NS),
        )
        for o in root.findall("x:schreibe/x:onlinedienst", NS)
    }
    unit_of, online_of = {}, {}
    for transfer in root.findall("x:schreibe/x:zustaendigkeitTransferObjekt", NS):
        holder = transfer.findtext("x:uebergeordnetesObjektID", namespaces=NS)
        leistung = transfer.findtext("x:zustaendigkeit/x:leistungID", namespaces=NS)
        if holder in units:
            unit_of[leistung] = units[holder]
        else:
            online_of[leistung] = online[holder]
    return {
        _code(s, "x:referenzLeiKa"): (
            s.findtext("x:modulText/x:weiterfuehrenderLink/x:uri", namespaces=NS) or "",
            unit_of[i],
            online_of.get(i, ()),
        )
        for i, s in services.items()
    }


def test_round_trip_into_a_fresh_project_gives_the_same_file(
    demo_project: Project, tmp_path: Path
) -> None:
    first = xzufi_export.export_xzufi(demo_project, tmp_path / "erste.xml").path
    with _fresh(tmp_path / "Neu.ozgdesk") as fresh:
        dry = xzufi_import.review(fresh, [first])
        assert dry.changes and not dry.conflicts and not dry.unknown and not dry.errors
        assert delivery.units(fresh)[0].get("street") == ""  # the review wrote nothing
        # the shared online service's name goes to both its services
        names = [c.new for c in dry.changes if c.field == "online_name"]
        assert names == ["Hundesteuer online"] * 2
        outcome = xzufi_apply.apply(fresh, dry, "all")
        assert outcome.committed and not outcome.skipped and outcome.backup
        second = xzufi_export.export_xzufi(fresh, tmp_path / "zweite.xml").path
        again = xzufi_import.review(fresh, [first])
        assert not again.changes and not again.conflicts  # nothing left to take over
    before, after = _content(first), _content(second)
    assert after == before
    assert (
        sum(1 for v in before.values() if v[0]) > 150
    )  # pages (the demo Gemeinde: only what a Gemeinde does)
    assert len({v[1] for v in before.values()}) == 4  # units
    online = sorted(v[2] for v in before.values() if v[2])
    assert online == [(ONLINE, "Hundesteuer online")] * 2  # one online service, two services


def test_taking_over_an_xzufi_file_can_be_undone(demo_project: Project, tmp_path: Path):
    first = xzufi_export.export_xzufi(demo_project, tmp_path / "erste.xml").path
    with _fresh(tmp_path / "Neu.ozgdesk") as fresh:
        before = (delivery.units(fresh), delivery.effective_rows(fresh), roadmap.plan_rows(fresh))
        outcome = xzufi_apply.apply(fresh, xzufi_import.review(fresh, [first]), "all")
        assert outcome.committed
        assert any(r.plan.online_name for r in roadmap.plan_rows(fresh))
        xzufi_apply.undo(fresh, outcome)
        after = (delivery.units(fresh), delivery.effective_rows(fresh), roadmap.plan_rows(fresh))
        assert [r.plan for r in after[2]] == [r.plan for r in before[2]]
        assert [r.values for r in after[1]] == [r.values for r in before[1]]
        assert [u.values for u in after[0]] == [u.values for u in before[0]]


def test_an_own_export_read_back_changes_nothing(demo_project: Project, tmp_path: Path):
    """Also for a shared online service without planned name (named after a service)."""
    rows = [r for r in delivery.effective_rows(demo_project) if r.key and r.unit_office_id]
    unnamed = [r.service_id for r in rows if not r.get("online_url")][:3]
    delivery.edit_services(demo_project, unnamed, online_url="https://portal.example.org/geteilt")
    path = xzufi_export.export_xzufi(demo_project, tmp_path / "a.xml").path
    found = xzufi_import.review(demo_project, [path])
    assert not found.changes and not found.conflicts and not found.errors


def test_differing_values_are_conflicts_that_need_a_decision(
    demo_project: Project, tmp_path: Path
) -> None:
    path = xzufi_export.export_xzufi(demo_project, tmp_path / "a.xml").path
    text = path.read_text(encoding="utf-8")
    office = delivery.units(demo_project)[0]
    path.write_text(text.replace(f">{office.get('phone')}<", ">02345 999-0<"), encoding="utf-8")
    found = xzufi_import.review(demo_project, [path])
    assert not found.changes
    (conflict,) = found.conflicts
    assert conflict.field == "phone" and conflict.new == "02345 999-0"
    assert conflict.old == office.get("phone") and conflict.target == "Ansprechstelle"
    assert "bereits" in conflict.reason
    assert not delivery_returns.apply(demo_project, found, "all").committed
    delivery_returns.apply(demo_project, found, [conflict.id])
    assert delivery.units(demo_project)[0].get("phone") == "02345 999-0"


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<xzufi:xzufi.dump xmlns:xzufi="http://xoev.de/schemata/xzufi/2_2_0" xzufiVersion="2.2"
    produktbezeichnung="Redaktionssystem X" produkthersteller="Beispiel GmbH">
  <xzufi:nachrichtenkopf><xzufi:autor><xzufi:name>Kreis Y</xzufi:name></xzufi:autor></xzufi:nachrichtenkopf>
  <xzufi:schreibe>
    <xzufi:leistung>
      <xzufi:id schemeAgencyID="RS-X">L-1</xzufi:id>
      <xzufi:referenzLeiKa><code>{key}</code></xzufi:referenzLeiKa>
      <xzufi:modulText>
        <xzufi:inhalt>Rechtsgrundlage</xzufi:inhalt>
        <xzufi:leikaTextmodul><code>14</code></xzufi:leikaTextmodul>
        <xzufi:weiterfuehrenderLink><xzufi:uri>https://gesetze.example/x</xzufi:uri></xzufi:weiterfuehrenderLink>
      </xzufi:modulText>
      <xzufi:modulText>
        <xzufi:inhalt>Weitere Informationen</xzufi:inhalt>
        <xzufi:leikaTextmodul><code>06</code></xzufi:leikaTextmodul>
        <xzufi:weiterfuehrenderLink><xzufi:uri>https://www.ahaus.de/bauen/antrag</xzufi:uri></xzufi:weiterfuehrenderLink>
      </xzufi:modulText>
    </xzufi:leistung>
  </xzufi:schreibe>
  <xzufi:schreibe>
    <xzufi:leistung>
      <xzufi:id schemeAgencyID="RS-X">L-2</xzufi:id>
      <xzufi:referenzLeiKa><code>12345</code></xzufi:referenzLeiKa>
    </xzufi:leistung>
  </xzufi:schreibe>
  <xzufi:schreibe>
    <xzufi:organisationseinheit>
      <xzufi:id schemeAgencyID="RS-X">OE-7</xzufi:id>
      <xzufi:name><xzufi:name languageCode="de">Bauaufsicht</xzufi:name></xzufi:name>
      <xzufi:anschrift><xzufi:strasse>Markt</xzufi:strasse><xzufi:hausnummer>3</xzufi:hausnummer>
        <xzufi:postleitzahl>04683</xzufi:postleitzahl><xzufi:ort>Ahaus</xzufi:ort></xzufi:anschrift>
      <xzufi:kommunikation><xzufi:kanal><code>01</code></xzufi:kanal><xzufi:kennung>bau@ahaus.de</xzufi:kennung></xzufi:kommunikation>
      <xzufi:kommunikation><xzufi:kanal><code>09</code></xzufi:kanal><xzufi:kennung>https://www.ahaus.de</xzufi:kennung></xzufi:kommunikation>
      <xzufi:zustaendigkeit><xzufi:leistungID>L-1</xzufi:leistungID></xzufi:zustaendigkeit>
    </xzufi:organisationseinheit>
  </xzufi:schreibe>
  <xzufi:schreibe>
    <xzufi:onlinedienst>
      <xzufi:id schemeAgencyID="RS-X">OD-1</xzufi:id>
      <xzufi:bezeichnung>Bauantrag online</xzufi:bezeichnung>
      <xzufi:link><xzufi:typ><xzufi:code>01</xzufi:code></xzufi:typ><xzufi:link>https://bau.example.org</xzufi:link></xzufi:link>
    </xzufi:onlinedienst>
  </xzufi:schreibe>
  <xzufi:schreibe>
    <xzufi:zustaendigkeitTransferObjekt>
      <xzufi:uebergeordnetesObjektID schemeAgencyID="RS-X">OD-1</xzufi:uebergeordnetesObjektID>
      <xzufi:zustaendigkeit><xzufi:id schemeID="ZustaendigkeitOnlinedienst">Z-1</xzufi:id>
        <xzufi:leistungID schemeAgencyID="RS-X">L-1</xzufi:leistungID></xzufi:zustaendigkeit>
    </xzufi:zustaendigkeitTransferObjekt>
  </xzufi:schreibe>
  <xzufi:loesche klasse="Leistung"><xzufi:id>L-9</xzufi:id></xzufi:loesche>
</xzufi:xzufi.dump>
"""


def test_a_foreign_dump_fills_a_service_without_office(project: Project, tmp_path: Path):
    from ozgdesk.workflow import relevance

    row = next(r for r in overview.catalogue_rows(project) if r.key)
    relevance.decide(project, [row.id], relevance.RELEVANT)
    with project.session() as session:  # the municipality's website
        from ozgdesk.store.models import ProjectInfo

        info = session.get(ProjectInfo, 1)
        info.website = "https://www.ahaus.de"
    path = tmp_path / "XZUFI20261201000001.xml"
    path.write_text(FOREIGN.format(key=row.key), encoding="utf-8")
    found = xzufi_import.review(project, [path])
    new = {c.field: c.new for c in found.changes if c.service_id == row.id}
    assert new == {
        "unit_name": "Bauaufsicht",
        "street": "Markt",
        "house_number": "3",
        "postcode": "04683",
        "town": "Ahaus",
        "email": "bau@ahaus.de",
        "page_url": "https://www.ahaus.de/bauen/antrag",  # the link on the website
        "online_url": "https://bau.example.org",
        "online_name": "Bauantrag online",  # a step-5 plan field
    }
    assert found.forms[0].office.startswith("XZuFi 2.2, Kreis Y")
    (problem,) = found.errors
    assert "12345" in problem.message and problem.row > 0
    xzufi_apply.apply(project, found, "all")
    (after,) = delivery.effective_rows(project, ids=[row.id])
    assert after.get("postcode") == "04683" and after.get("online_url") == "https://bau.example.org"
    assert roadmap.own_plans(project, [row.id])[row.id].online_name == "Bauantrag online"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x:t xmlns:x="{X}">&a;</x:t>',
            "DTD",
        ),
        ("<kein xml", "kein gültiges XML"),
        ('<a xmlns="urn:anderes"/>', "keine XZuFi-2.2-Nachricht"),
        ('<a xmlns="http://xoev.de/schemata/xzufi/2_3_1"/>', "Version 2.3.1"),
        (f'<a xmlns="{X}" xzufiVersion="2.1.0"/>', "Version 2.1.0"),
    ],
)
def test_unsafe_or_foreign_files_are_refused_with_a_message(
    project: Project, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "fremd.xml"
    path.write_text(content, encoding="utf-8")
    found = xzufi_import.review(project, [path])
    (error,) = found.errors
    assert message in error.message and error.file_level and not found.changes


def test_a_file_over_the_limit_is_not_parsed(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ozgdesk.formats import xzufi_reader

    path = tmp_path / "gross.xml"
    path.write_text(f'<a xmlns="{X}">' + " " * 2000 + "</a>", encoding="utf-8")
    monkeypatch.setattr(xzufi_reader, "MAX_BYTES", 1000)
    (error,) = xzufi_import.review(project, [path]).errors
    assert "zu groß" in error.message


# -- command line ----------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=180,
    )


def test_cli_export_and_import(demo_template: Path, tmp_path: Path) -> None:
    project = str(copy_project(demo_template, tmp_path / "Demo.ozgdesk"))
    xml = tmp_path / "Lieferung.xml"
    result = run("export", "delivery", "--format", "xzufi", "--project", project, "--out", str(xml))
    assert result.returncode == 0, result.stderr
    assert "relevante Leistung(en) nicht enthalten" in result.stdout
    as_json = run(
        "export", "delivery", "--format", "xzufi", "--project", project, "--out", str(xml),
        "--json",
    )  # fmt: skip
    data = json.loads(as_json.stdout)
    assert data["services"] > 250 and data["skipped"] and data["online_services"] == 1

    with _fresh(tmp_path / "Neu.ozgdesk"):
        pass
    fresh = str(tmp_path / "Neu.ozgdesk")
    dry = run("import", str(xml), "--project", fresh, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    review = json.loads(dry.stdout)
    assert review["changes"] and not review["committed"] and review["dry_run"]
    done = run("import", str(xml), "--project", fresh)
    assert done.returncode == 0, done.stderr
    assert "Änderung(en) übernommen" in done.stdout
    wrong = run("import", str(xml), "--project", fresh, "--sheet", "x")
    assert wrong.returncode == 2 and "--sheet" in wrong.stderr


def test_forms_and_xzufi_files_are_reviewed_together(project: Project, tmp_path: Path) -> None:
    from ozgdesk.workflow import assignment, offices, relevance
    from ozgdesk.workflow.offices import Office

    ids = [r.id for r in overview.catalogue_rows(project) if r.key][:2]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, ids, office)
    delivery.save_unit(project, office, {"unit_name": "Bauamt", "phone": "02561 72-0"})
    identity.set_keys(project, ags="05554004", ars="055540004004")
    (form,) = delivery_returns.export_forms(project, tmp_path / "Formulare")
    xml = xzufi_export.export_xzufi(project, tmp_path / "Lieferung.xml").path
    delivery.save_unit(project, office, {"phone": ""})
    found = xzufi_import.review_files(project, [form, xml])
    assert [f.file for f in found.forms] == [form.name, xml.name]
    assert not found.file_errors
    assert [(c.file, c.field, c.new) for c in found.changes] == [(xml.name, "phone", "02561 72-0")]
