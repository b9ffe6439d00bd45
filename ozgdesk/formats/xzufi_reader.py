"""Reading an XZuFi 2.2 message: ozgdesk's own export or a Redaktionssystem's dump.

Safe parsing with lxml: no entity expansion, no network, no DTD (a file with a DOCTYPE is
refused), no huge-tree mode, and at most ``MAX_BYTES`` per file. The element names are
those of ``formats/xzufi.py`` (confirmed ones as real files have them, see there); a
coded value's ``code`` is found with or without namespace.

The result is resolved per LeiKa key: each ``leistung`` with its page links, the units
responsible for it (``zustaendigkeitTransferObjekt`` or, as in some dumps,
``zustaendigkeit`` inside the ``organisationseinheit``) and its online services.
References are matched by id and ``schemeAgencyID``; an id without (or with another)
agency matches when its text is unique. Problems (a leistung without key, a reference to
an unknown object) are collected, never fatal; a file that is no XZuFi 2.2 message raises
:class:`XzufiReadError` with a German message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

from lxml import etree

from ozgdesk.formats.delivery_records import ContactPoint, PersonLine
from ozgdesk.formats.xzufi import NAMESPACE, SCHEME_RESP_ONLINE, q
from ozgdesk.formats.xzufi_records import (
    ReadEntry,
    ReadLink,
    ReadMessage,
    ReadProblem,
    XzufiOnline,
    XzufiUnit,
)

MAX_BYTES = 64 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
NS_STEM = "http://xoev.de/schemata/xzufi/"
_KEY = re.compile(r"\d{14}")
_PHONE_CODES = {"02", "03"}
T = TypeVar("T")


class XzufiReadError(Exception):
    """The file cannot be read as an XZuFi 2.2 message."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def looks_like_xzufi(path: Path | str) -> bool:
    """Does the file start like an XML file in an XZuFi namespace (any version)?"""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and NS_STEM.encode() in head


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = element.find(q(name))
    return found if found is not None else element.find(name)


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return list(element.iterchildren(q(name), name))


def _path(element: etree._Element | None, *names: str) -> etree._Element | None:
    for name in names:
        if element is None:
            return None
        element = _child(element, name)
    return element


def _text(element: etree._Element | None, *names: str) -> str:
    found = _path(element, *names)
    if found is None:
        return ""
    return " ".join("".join(found.itertext()).split())


def _code(element: etree._Element | None) -> str:
    return _text(element, "code")


def _ident(element: etree._Element | None) -> tuple[str, str]:
    if element is None:
        return ("", "")
    return (element.get("schemeAgencyID", "").strip(), (element.text or "").strip())


class _Table(Generic[T]):
    """Objects by (agency, id), with a fallback by id text when that is unique."""

    def __init__(self) -> None:
        self.by_ref: dict[tuple[str, str], T] = {}
        self.by_text: dict[str, list[T]] = {}

    def add(self, ref: tuple[str, str], item: T) -> None:
        self.by_ref[ref] = item
        self.by_text.setdefault(ref[1], []).append(item)

    def get(self, ref: tuple[str, str]) -> T | None:
        if ref in self.by_ref:
            return self.by_ref[ref]
        candidates = self.by_text.get(ref[1], [])
        return candidates[0] if len(candidates) == 1 else None


def read_xzufi(path: Path | str) -> ReadMessage:
    """Read the message at ``path``; raises :class:`XzufiReadError` for a file that is no
    (readable) XZuFi 2.2 message."""
    source = Path(path)
    name = source.name
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise XzufiReadError(f"Die Datei „{name}“ kann nicht gelesen werden ({exc}).") from exc
    if size > MAX_BYTES:
        raise XzufiReadError(
            f"Die Datei „{name}“ ist mit {size // (1024 * 1024)} MB zu groß "
            f"(höchstens {MAX_BYTES // (1024 * 1024)} MB)."
        )
    try:
        tree = etree.parse(str(source), _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise XzufiReadError(
            f"Die Datei „{name}“ ist kein gültiges XML (Zeile {line}): {exc.msg}"
        ) from exc
    except OSError as exc:
        raise XzufiReadError(f"Die Datei „{name}“ kann nicht gelesen werden ({exc}).") from exc
    if tree.docinfo.doctype:
        raise XzufiReadError(
            f"Die Datei „{name}“ enthält eine DTD (DOCTYPE); aus Sicherheitsgründen werden "
            "solche Dateien nicht gelesen. XZuFi-Nachrichten haben keine DTD."
        )
    root = tree.getroot()
    namespace = etree.QName(root).namespace or ""
    if namespace != NAMESPACE:
        if namespace.startswith(NS_STEM):
            version = namespace[len(NS_STEM) :].strip("/").replace("_", ".")
            raise XzufiReadError(
                f"Die Datei „{name}“ ist eine XZuFi-Nachricht der Version {version}; "
                "ozgdesk liest XZuFi 2.2."
            )
        raise XzufiReadError(
            f"Die Datei „{name}“ ist keine XZuFi-2.2-Nachricht (Namensraum „{namespace}“)."
        )
    version = root.get("xzufiVersion", "").strip()
    if version and not version.startswith("2.2"):
        raise XzufiReadError(
            f"Die Datei „{name}“ nennt die XZuFi-Version {version}; ozgdesk liest XZuFi 2.2."
        )
    return _read(root, version or "2.2")


def _read(root: etree._Element, version: str) -> ReadMessage:
    result = ReadMessage(
        version=version,
        product=" ".join(
            x for x in (root.get("produktbezeichnung", ""), root.get("produkthersteller", "")) if x
        ),
    )
    head = _child(root, "nachrichtenkopf")
    if head is None:
        result.problems.append(ReadProblem(0, "Die Nachricht hat keinen Nachrichtenkopf."))
    else:
        result.sender = _text(head, "autor", "name")
        result.message_id = _text(head, "identifikation.nachricht", "nachrichtenUUID")
        created = _text(head, "identifikation.nachricht", "erstellungszeitpunkt")
        try:
            result.created = datetime.fromisoformat(created) if created else None
        except ValueError:
            result.created = None
    services: list[tuple[tuple[str, str], etree._Element]] = []
    units: _Table[XzufiUnit] = _Table()
    online: _Table[XzufiOnline] = _Table()
    links: list[tuple[tuple[str, str], tuple[str, str], bool, int]] = []  # holder, service
    for child in root:
        local = _local(child)
        if local == "loesche":
            result.deletions += 1
            continue
        if local != "schreibe":
            continue
        for obj in child:
            kind = _local(obj)
            ref = _ident(_child(obj, "id"))
            if kind == "leistung":
                services.append((ref, obj))
            elif kind == "organisationseinheit":
                units.add(ref, XzufiUnit(ref[1], _point(obj)))
                result.units += 1
                for inner in _children(obj, "zustaendigkeit"):
                    target = _ident(_child(inner, "leistungID"))
                    links.append((ref, target, False, inner.sourceline or 0))
            elif kind == "onlinedienst":
                online.add(ref, _online(obj, ref[1]))
                result.online += 1
            elif kind == "zustaendigkeitTransferObjekt":
                holder = _ident(_child(obj, "uebergeordnetesObjektID"))
                for inner in _children(obj, "zustaendigkeit"):
                    target = _ident(_child(inner, "leistungID"))
                    resp_id = _child(inner, "id")
                    scheme = resp_id.get("schemeID", "") if resp_id is not None else ""
                    links.append(
                        (holder, target, scheme == SCHEME_RESP_ONLINE, inner.sourceline or 0)
                    )
    result.services = len(services)
    by_service: dict[int, tuple[list[XzufiUnit], list[XzufiOnline]]] = {}
    service_table: _Table[int] = _Table()
    for index, (ref, _obj) in enumerate(services):
        service_table.add(ref, index)
        by_service[index] = ([], [])
    for holder, target, is_online, line in links:
        found = service_table.get(target)
        if found is None:
            result.problems.append(
                ReadProblem(
                    line, "Zuständigkeit für eine Leistung, die die Datei nicht enthält.", target[1]
                )
            )
            continue
        item: XzufiUnit | XzufiOnline | None = (
            online.get(holder) if is_online else units.get(holder)
        )
        if item is None:  # a holder of the other kind, or unknown
            item = units.get(holder) if is_online else online.get(holder)
        if item is None:
            result.problems.append(
                ReadProblem(
                    line, "Zuständigkeit einer Stelle, die die Datei nicht enthält.", holder[1]
                )
            )
            continue
        unit_list, online_list = by_service[found]
        if isinstance(item, XzufiOnline):
            if item not in online_list:
                online_list.append(item)
        elif isinstance(item, XzufiUnit) and item not in unit_list:
            unit_list.append(item)
    for number, (_ref, obj) in enumerate(services):
        result.entries.extend(_entries(obj, *by_service[number], result.problems))
    return result


def _entries(
    obj: etree._Element,
    unit_list: list[XzufiUnit],
    online_list: list[XzufiOnline],
    problems: list[ReadProblem],
) -> Iterable[ReadEntry]:
    line = obj.sourceline or 0
    keys = [_code(r) for r in _children(obj, "referenzLeiKa")]
    valid = list(dict.fromkeys(k for k in keys if _KEY.fullmatch(k)))
    name = ""
    found_links: list[ReadLink] = []
    for module in _children(obj, "modulText"):
        code = _code(_child(module, "leikaTextmodul"))
        if code == "02" and not name:
            name = _text(module, "inhalt")
        for link in _children(module, "weiterfuehrenderLink"):
            uri = _text(link, "uri")
            if uri:
                found_links.append(ReadLink(uri, _text(link, "titel"), code))
    if not valid:
        shown = ", ".join(k for k in keys if k) or "keiner"
        problems.append(
            ReadProblem(
                line,
                f"Leistung „{name or '(ohne Namen)'}“ ohne gültigen 14-stelligen LeiKa-"
                f"Schlüssel (angegeben: {shown}); nicht übernommen.",
            )
        )
        return []
    return [
        ReadEntry(key, name, line, tuple(found_links), tuple(unit_list), tuple(online_list))
        for key in valid
    ]


def _channels(element: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in _children(element, "kommunikation"):
        code = _code(_child(item, "kanal"))
        value = _text(item, "kennung")
        if not value:
            continue
        kind = "email" if code == "01" else "fax" if code == "04" else ""
        kind = "phone" if code in _PHONE_CODES else kind
        if kind and kind not in found:
            found[kind] = value
    return found


def _point(obj: etree._Element) -> ContactPoint:
    address = _child(obj, "anschrift")
    channels = _channels(obj)
    persons = []
    for person in _children(obj, "ansprechpartner"):
        own = _channels(person)
        persons.append(
            PersonLine(
                _text(person, "vorname"),
                _text(person, "familienname"),
                own.get("phone", ""),
                own.get("email", ""),
                _text(person, "sprechzeiten"),
            )
        )
    return ContactPoint(
        name=_text(obj, "name", "name"),
        street=_text(address, "strasse"),
        house_number=_text(address, "hausnummer"),
        postcode=_text(address, "postleitzahl"),
        town=_text(address, "ort"),
        phone=channels.get("phone", ""),
        fax=channels.get("fax", ""),
        email=channels.get("email", ""),
        opening_hours=_text(obj, "oeffnungszeiten"),
        persons=tuple(persons),
    )


def _online(obj: etree._Element, ident: str) -> XzufiOnline:
    url, title = "", ""
    for link in _children(obj, "link"):
        candidate = _text(link, "link")
        if candidate:
            url, title = candidate, _text(link, "titel")
            if _code(_child(link, "typ")) in ("", "01"):
                break
    return XzufiOnline(ident, _text(obj, "bezeichnung"), url, title)
