"""The delivery of step 4 as one XZuFi 2.2 message (lxml): the structure in one place.

XZuFi is the XÖV standard in which editorial systems (Redaktionssysteme) and the portals
of the Portalverbund exchange services (Leistungen), organisation units and
responsibilities. The official XSD cannot be fetched from this project's machines, so the
structure below is built after public parsers of real XZuFi 2.2 traffic (the harvester of
the portal network's Bereitstelldienst, parsers of Redaktionssystem dumps). Every element
is marked **confirmed** (read by those parsers in real files) or **assumed** (XÖV
convention or our best reading; to be checked against the XSD). Validating later is one
step: ``build_tree(message)`` and ``lxml.etree.XMLSchema(...).assertValid(tree)``.

::

    <ROOT xzufiVersion="2.2.0" produktbezeichnung produkthersteller>   confirmed (ROOT's
                                                     name assumed: "transfer")
      nachrichtenkopf                                confirmed: exactly one, first
        identifikation.nachricht / nachrichtenUUID, erstellungszeitpunkt      assumed
        autor / name, verwaltungspolitischeKodierung (sender = the municipality) assumed
        leser / name (the receiver)                  assumed
      schreibe *                                     confirmed: one object each
        leistung                                     confirmed
          id (schemeAgencyID, schemeID)              confirmed (schemeID value assumed)
          referenzLeiKa (listURI, listVersionID) / code, name    confirmed (code) / assumed
          modulText                                  confirmed: exactly one with code 02
            positionDarstellung, inhalt (languageCode) = the service's name     confirmed
            leikaTextmodul / code 02 "Leistungsbezeichnung"                      confirmed
            weiterfuehrenderLink / uri, titel = the municipality's page
                                                     confirmed element; putting the page
                                                     on module 02 is our choice
        organisationseinheit                         confirmed
          id; name / name (languageCode)             confirmed
          anschrift / strasse, hausnummer, postleitzahl   assumed; ort confirmed
            verwaltungspolitischeKodierung / bundesland, gemeindeschluessel,
              regionalschluessel (code + name)       confirmed (list URIs assumed)
          kommunikation * / kanal (code list erreichbarkeit: 01 E-Mail, 02 Telefon
              Festnetz, 04 Fax), kennung             assumed (the list is XÖV's generic
                                                     one; that XZuFi uses it, unconfirmed)
          oeffnungszeiten; ansprechpartner * (only with names)                  assumed
        zustaendigkeitTransferObjekt                 confirmed
          uebergeordnetesObjektID (the unit or online service)                 confirmed
          zustaendigkeit / id (schemeID ZustaendigkeitOrganisationseinheit |
              ZustaendigkeitOnlinedienst), leistungID, gebietID (= ARS)        confirmed
            rolle (code + name): 01 "Zuständige Stelle"  confirmed element; list assumed
        onlinedienst                                 confirmed
          id; bezeichnung                            confirmed
          link / typ (listURI onlinedienstlinktyp, code 01), link, titel        confirmed

``code`` and ``name`` of a coded value are written without namespace, as the parsers read
them (``referenzLeiKa/code``). Empty values are left out (no empty elements). The file is
pretty-printed UTF-8 with an XML declaration and written atomically. The reader is
``formats/xzufi_reader.py`` (it uses the names defined here). Import lazily: it imports lxml.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.delivery_records import ContactPoint, PersonLine
from ozgdesk.formats.xzufi_records import (
    XzufiMessage,
    XzufiOnline,
    XzufiResponsibility,
    XzufiService,
    XzufiUnit,
)

NAMESPACE = "http://xoev.de/schemata/xzufi/2_2_0"  # confirmed
PREFIX = "xzufi"
VERSION = "2.2.0"  # confirmed (some dumps write "2.2")
ROOT = "transfer"  # ASSUMED: the parsers accept any root element name
PRODUCT = "ozgdesk"
MAKER = "ozgdesk (Open Source, MIT-Lizenz)"
RECEIVER = "Redaktionssystem / Portalverbund"  # the leser of the header (ASSUMED element)
LANGUAGE = "de"

# schemeID of our ids (ASSUMED values; the loesche classes are confirmed names)
SCHEME_SERVICE = "Leistung"
SCHEME_UNIT = "Organisationseinheit"
SCHEME_ONLINE = "Onlinedienst"
SCHEME_RESP_UNIT = "ZustaendigkeitOrganisationseinheit"  # confirmed
SCHEME_RESP_ONLINE = "ZustaendigkeitOnlinedienst"  # confirmed

# code lists: (listURI, listVersionID); versions ASSUMED
LEIKA_LIST = ("urn:de:fim:leika:leistung", "1")
TEXT_MODULE_LIST = ("urn:de:xzufi:codeliste:leistungstextmodulleika", "1")  # URI confirmed
NAME_MODULE = ("02", "Leistungsbezeichnung")  # confirmed code
CHANNEL_LIST = ("urn:de:xoev:codeliste:erreichbarkeit", "3")  # URI confirmed (XÖV)
CHANNELS = {"email": ("01", "E-Mail"), "phone": ("02", "Telefon Festnetz"), "fax": ("04", "Fax")}
ROLE_LIST = ("urn:de:xzufi:codeliste:zustaendigkeitsrolle", "1")  # ASSUMED
ROLE = ("01", "Zuständige Stelle")  # ASSUMED
LINK_TYPE_LIST = ("urn:xoev-de:fim:codeliste:onlinedienstlinktyp", "1")  # URI, code confirmed
LINK_TYPE = ("01", "Online-Dienst")
LAND_LIST = ("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland", "2010-04-01")
AGS_LIST = ("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags", "2021-01-31")
ARS_LIST = ("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs", "2021-01-31")
AREA_SCHEME = ARS_LIST[0]  # schemeID of gebietID: ASSUMED

DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
COMMENT = (
    " Erstellt mit ozgdesk: XZuFi-2.2-Nachricht nach dem Aufbau, den öffentliche Leser "
    "echter XZuFi-2.2-Dateien erwarten. Nicht gegen das offizielle XSD geprüft; welche "
    "Teile bestätigt und welche angenommen sind, steht in der Dokumentation von ozgdesk. "
)
# Characters that XML 1.0 does not allow (lxml refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def q(tag: str) -> str:
    """The qualified name of an XZuFi element."""
    return f"{{{NAMESPACE}}}{tag}"


def _clean(text: str) -> str:
    return _ILLEGAL.sub(" ", text or "").strip()


_SubElement = etree.SubElement


def _add(parent: etree._Element, tag: str, text: str = "", **attrib: str) -> etree._Element:
    element = _SubElement(parent, q(tag), attrib)
    if text:
        element.text = _clean(text)
    return element


def _add_text(parent: etree._Element, tag: str, text: str, **attrib: str) -> None:
    """An element with text, left out if the text is empty."""
    value = _clean(text)
    if value:
        _SubElement(parent, q(tag), attrib).text = value


def _coded(
    parent: etree._Element, tag: str, code_list: tuple[str, str], code: str, name: str = ""
) -> etree._Element:
    element = _SubElement(parent, q(tag), {"listURI": code_list[0], "listVersionID": code_list[1]})
    _SubElement(element, "code").text = _clean(code)
    if name:
        _SubElement(element, "name").text = _clean(name)
    return element


def _id(parent: etree._Element, tag: str, value: str, agency: str, scheme: str) -> None:
    _SubElement(parent, q(tag), {"schemeAgencyID": agency, "schemeID": scheme}).text = value


# -- the message -----------------------------------------------------------------------------


def build_tree(message: XzufiMessage) -> etree._ElementTree:
    """The message as an lxml tree (for writing, inspection or XSD validation)."""
    root = etree.Element(q(ROOT), nsmap={PREFIX: NAMESPACE})
    root.set("xzufiVersion", VERSION)
    root.set("produktbezeichnung", PRODUCT)
    root.set("produkthersteller", MAKER)
    _header(root, message)
    for service in message.services:
        _service(_add(root, "schreibe"), service, message.agency)
    for unit in message.units:
        _unit(_add(root, "schreibe"), unit, message)
    for online in message.online:
        _online(_add(root, "schreibe"), online, message.agency)
    for item in message.responsibilities:
        _responsibility(_add(root, "schreibe"), item, message)
    tree = etree.ElementTree(root)
    root.addprevious(etree.Comment(COMMENT))
    return tree


def _header(root: etree._Element, message: XzufiMessage) -> None:
    head = _add(root, "nachrichtenkopf")
    ident = _add(head, "identifikation.nachricht")
    _add(ident, "nachrichtenUUID", message.message_id)
    _add(ident, "erstellungszeitpunkt", message.created.isoformat(timespec="seconds"))
    author = _add(head, "autor")
    _add_text(author, "name", message.municipality)
    _coding(author, message)
    reader = _add(head, "leser")
    _add(reader, "name", RECEIVER)
    if message.generator_version:
        _add(head, "produktversion", message.generator_version)


def _coding(parent: etree._Element, message: XzufiMessage) -> None:
    """verwaltungspolitischeKodierung of the municipality (what of it is known)."""
    if not (message.ags or message.ars):
        return
    coding = _add(parent, "verwaltungspolitischeKodierung")
    land = (message.ars or message.ags)[:2]
    _coded(coding, "bundesland", LAND_LIST, land, message.land)
    if message.ags:
        _coded(coding, "gemeindeschluessel", AGS_LIST, message.ags, message.municipality)
    if message.ars:
        _coded(coding, "regionalschluessel", ARS_LIST, message.ars, message.municipality)


def _service(parent: etree._Element, service: XzufiService, agency: str) -> None:
    element = _add(parent, "leistung")
    _id(element, "id", service.id, agency, SCHEME_SERVICE)
    _coded(element, "referenzLeiKa", LEIKA_LIST, service.key, service.name)
    module = _add(element, "modulText")
    _add(module, "positionDarstellung", "1")
    _add(module, "inhalt", service.name, languageCode=LANGUAGE)
    _coded(module, "leikaTextmodul", TEXT_MODULE_LIST, *NAME_MODULE)
    if _clean(service.page_url):
        link = _add(module, "weiterfuehrenderLink")
        _add(link, "uri", service.page_url)
        _add(link, "titel", service.name)


def _unit(parent: etree._Element, unit: XzufiUnit, message: XzufiMessage) -> None:
    element = _add(parent, "organisationseinheit")
    _id(element, "id", unit.id, message.agency, SCHEME_UNIT)
    name = _add(element, "name")
    _add(name, "name", unit.point.name, languageCode=LANGUAGE)
    _address(element, unit.point, message)
    _communication(element, unit.point.phone, unit.point.fax, unit.point.email)
    _add_text(element, "oeffnungszeiten", unit.point.opening_hours, languageCode=LANGUAGE)
    if message.include_names:
        for person in unit.point.persons:
            _person(element, person)


def _address(parent: etree._Element, point: ContactPoint, message: XzufiMessage) -> None:
    parts = (
        ("strasse", point.street),
        ("hausnummer", point.house_number),
        ("postleitzahl", point.postcode),
        ("ort", point.town),
    )
    if not any(_clean(v) for _, v in parts) and not (message.ags or message.ars):
        return
    address = _add(parent, "anschrift")
    for tag, value in parts:
        _add_text(address, tag, value)
    _coding(address, message)


def _communication(parent: etree._Element, phone: str, fax: str, email: str) -> None:
    for channel, value in (("phone", phone), ("fax", fax), ("email", email)):
        if _clean(value):
            element = _add(parent, "kommunikation")
            _coded(element, "kanal", CHANNEL_LIST, *CHANNELS[channel])
            _add(element, "kennung", value)


def _person(parent: etree._Element, person: PersonLine) -> None:
    element = _add(parent, "ansprechpartner")
    _add_text(element, "vorname", person.first_name)
    _add_text(element, "familienname", person.surname)
    _communication(element, person.phone, "", person.email)
    _add_text(element, "sprechzeiten", person.hours)


def _online(parent: etree._Element, online: XzufiOnline, agency: str) -> None:
    element = _add(parent, "onlinedienst")
    _id(element, "id", online.id, agency, SCHEME_ONLINE)
    _add(element, "bezeichnung", online.name, languageCode=LANGUAGE)
    link = _add(element, "link")
    _coded(link, "typ", LINK_TYPE_LIST, *LINK_TYPE)
    _add(link, "link", online.url)
    _add_text(link, "titel", online.title or online.name)


def _responsibility(
    parent: etree._Element, item: XzufiResponsibility, message: XzufiMessage
) -> None:
    element = _add(parent, "zustaendigkeitTransferObjekt")
    holder_scheme = SCHEME_ONLINE if item.online else SCHEME_UNIT
    _id(element, "uebergeordnetesObjektID", item.holder_id, message.agency, holder_scheme)
    inner = _add(element, "zustaendigkeit")
    _id(
        inner,
        "id",
        item.id,
        message.agency,
        SCHEME_RESP_ONLINE if item.online else SCHEME_RESP_UNIT,
    )
    _id(inner, "leistungID", item.service_id, message.agency, SCHEME_SERVICE)
    _id(inner, "gebietID", message.ars, "Statistisches Bundesamt", AREA_SCHEME)
    if not item.online:
        _coded(inner, "rolle", ROLE_LIST, *ROLE)


def to_bytes(message: XzufiMessage) -> bytes:
    """The file's content: declaration and pretty-printed message."""
    tree = build_tree(message)
    # lxml's own declaration uses single quotes; the usual double-quoted form is written here
    body = etree.tostring(tree, pretty_print=True, encoding="UTF-8", xml_declaration=False)
    return DECLARATION + body


def write_xzufi(path: Path | str, message: XzufiMessage) -> Path:
    """Write the message to ``path`` (atomically) and return the path."""
    target = Path(path)
    content = to_bytes(message)
    with atomic_path(target) as tmp:
        tmp.write_bytes(content)
    return target
