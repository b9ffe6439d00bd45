"""The delivery data of step 4 as an XML file structured after XZuFi 2.2 (lxml).

XZuFi is the XÖV standard in which the portals of the Portalverbund exchange services,
responsible units (Organisationseinheiten) and responsibilities. No official schema
ships with ozgdesk, so this file follows XZuFi 2.2's namespace and naming in a small,
conservative structure; it is NOT validated against the official XSD. docs/xzufi.md
describes every element; in short::

    xzufi:lieferung (erstellungszeitpunkt, kommune, quelle="ozgdesk", quelleVersion)
      xzufi:organisationseinheit *
        xzufi:id (schemeAgencyID="ozgdesk")
        xzufi:name / xzufi:name
        xzufi:anschrift (strasse, hausnummer, postleitzahl, ort)
        xzufi:kommunikation * (kanal telefon|fax|email, kennung)
        xzufi:oeffnungszeiten
        xzufi:ansprechpartner * (vorname, familienname, kommunikation *, sprechzeiten)
        xzufi:zustaendigkeit *
          xzufi:leistungID (schemeID/listURI "urn:de:fim:leika:leistung")
          xzufi:leistungsbezeichnung, xzufi:rolle, xzufi:url, xzufi:onlinedienst / xzufi:link

Empty values are left out (no empty elements). The file is pretty-printed UTF-8 with
an XML declaration and written atomically. Import this module lazily: it imports lxml.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.delivery_records import ContactPoint, OrgUnit, PersonLine, XzufiData

NAMESPACE = "http://xoev.de/schemata/xzufi/2_2_0"
PREFIX = "xzufi"
ROOT = "lieferung"
SOURCE = "ozgdesk"
LEIKA_SCHEME = "urn:de:fim:leika:leistung"  # the code list of LeiKa keys in XZuFi
ROLE = "zuständige Stelle"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
COMMENT = (
    " Erstellt mit ozgdesk: Zuständigkeiten und Ansprechstellen nach dem Aufbau von "
    "XZuFi 2.2. Nicht gegen das offizielle XZuFi-Schema geprüft; bitte mit dem "
    "Anbieter des Redaktionssystems bzw. dem IT-Dienstleister abstimmen. "
)
# Characters that XML 1.0 does not allow (lxml refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _clean(text: str) -> str:
    return _ILLEGAL.sub(" ", text).strip()


def _add(parent: etree._Element, tag: str, text: str = "", **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag), attrib)
    if text:
        element.text = _clean(text)
    return element


def _add_text(parent: etree._Element, tag: str, text: str) -> None:
    """An element with text, left out if the text is empty."""
    if _clean(text):
        _add(parent, tag, text)


def build_tree(data: XzufiData) -> etree._ElementTree:
    """The document as an lxml tree (for writing or inspection)."""
    root = etree.Element(_q(ROOT), nsmap={PREFIX: NAMESPACE})
    root.set("erstellungszeitpunkt", data.created.isoformat(timespec="seconds"))
    root.set("kommune", _clean(data.municipality))
    root.set("quelle", SOURCE)
    if data.generator_version:
        root.set("quelleVersion", data.generator_version)
    for unit in data.units:
        _unit(root, unit, data.include_names)
    tree = etree.ElementTree(root)
    root.addprevious(etree.Comment(COMMENT))
    return tree


def _unit(root: etree._Element, unit: OrgUnit, include_names: bool) -> None:
    element = _add(root, "organisationseinheit")
    _add(element, "id", unit.id, schemeAgencyID=SOURCE)
    name = _add(element, "name")
    _add(name, "name", unit.point.name)
    _address(element, unit.point)
    _communication(element, unit.point.phone, unit.point.fax, unit.point.email)
    _add_text(element, "oeffnungszeiten", unit.point.opening_hours)
    if include_names:
        for person in unit.point.persons:
            _person(element, person)
    for item in unit.responsibilities:
        responsibility = _add(element, "zustaendigkeit")
        _add(
            responsibility,
            "leistungID",
            item.key,
            schemeID=LEIKA_SCHEME,
            listURI=LEIKA_SCHEME,
            schemeAgencyID="LeiKa",
        )
        _add_text(responsibility, "leistungsbezeichnung", item.name)
        _add(responsibility, "rolle", ROLE)
        _add_text(responsibility, "url", item.page_url)
        if _clean(item.online_url):
            online = _add(responsibility, "onlinedienst")
            _add(online, "link", item.online_url)


def _address(parent: etree._Element, point: ContactPoint) -> None:
    parts = (
        ("strasse", point.street),
        ("hausnummer", point.house_number),
        ("postleitzahl", point.postcode),
        ("ort", point.town),
    )
    if not any(_clean(v) for _, v in parts):
        return
    address = _add(parent, "anschrift")
    for tag, value in parts:
        _add_text(address, tag, value)


def _communication(parent: etree._Element, phone: str, fax: str, email: str) -> None:
    for channel, value in (("telefon", phone), ("fax", fax), ("email", email)):
        if _clean(value):
            element = _add(parent, "kommunikation")
            _add(element, "kanal", channel)
            _add(element, "kennung", value)


def _person(parent: etree._Element, person: PersonLine) -> None:
    element = _add(parent, "ansprechpartner")
    _add_text(element, "vorname", person.first_name)
    _add_text(element, "familienname", person.surname)
    _communication(element, person.phone, "", person.email)
    _add_text(element, "sprechzeiten", person.hours)


def write_xzufi(path: Path | str, data: XzufiData) -> Path:
    """Write the XZuFi-structured file to ``path`` (atomically) and return the path."""
    target = Path(path)
    tree = build_tree(data)
    # lxml's own declaration uses single quotes; the usual double-quoted form is written here
    body = etree.tostring(tree, pretty_print=True, encoding="UTF-8", xml_declaration=False)
    with atomic_path(target) as tmp:
        tmp.write_bytes(DECLARATION + body)
    return target
