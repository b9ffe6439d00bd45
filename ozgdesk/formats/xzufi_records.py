"""Plain data of an XZuFi 2.2 message as ozgdesk writes and reads it (no lxml here).

Writing: the workflow (``workflow/xzufi_export.py``) fills a :class:`XzufiMessage` – every
object with its id already chosen – and ``formats/xzufi.py`` lays it out.
Reading: ``formats/xzufi_reader.py`` returns a :class:`ReadMessage` whose entries are
already resolved per LeiKa key (the service with its units and online services).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ozgdesk.formats.delivery_records import ContactPoint


@dataclass(frozen=True)
class XzufiService:
    """A ``leistung``: one delivered service."""

    id: str
    key: str  # the 14-digit LeiKa key
    name: str
    page_url: str = ""  # the municipality's page for it ("" = none yet)


@dataclass(frozen=True)
class XzufiUnit:
    """An ``organisationseinheit``: one contact point."""

    id: str
    point: ContactPoint
    office: str = ""  # the office it belongs to (not written; for messages)


@dataclass(frozen=True)
class XzufiOnline:
    """An ``onlinedienst``: one online service (several services may share it)."""

    id: str
    name: str  # bezeichnung
    url: str  # the link
    title: str = ""  # the link's titel


@dataclass(frozen=True)
class XzufiResponsibility:
    """A ``zustaendigkeitTransferObjekt``: ``holder_id`` (unit or online service) is
    responsible for the service ``service_id`` in the area of the municipality."""

    id: str
    service_id: str
    holder_id: str
    online: bool = False  # holder is an onlinedienst (else an organisationseinheit)


@dataclass(frozen=True)
class XzufiMessage:
    """One XZuFi 2.2 message with ``schreibe`` objects for the whole delivery."""

    message_id: str
    created: datetime  # aware
    agency: str  # schemeAgencyID of every id ozgdesk gives
    municipality: str  # the sender, e.g. "Gemeinde Musterhausen"
    ags: str  # 8 digits ("" unknown)
    ars: str  # 12 digits: the gebietID of every responsibility
    land: str = ""  # "Nordrhein-Westfalen"
    services: tuple[XzufiService, ...] = ()
    units: tuple[XzufiUnit, ...] = ()
    online: tuple[XzufiOnline, ...] = ()
    responsibilities: tuple[XzufiResponsibility, ...] = ()
    include_names: bool = True
    generator_version: str = ""


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadLink:
    """A ``weiterfuehrenderLink`` of a leistung, with the text module it sits in."""

    uri: str
    title: str = ""
    module: str = ""  # leikaTextmodul code, e.g. "02"


@dataclass(frozen=True)
class ReadEntry:
    """A leistung of the file with everything the file says about it."""

    key: str  # 14-digit LeiKa key
    name: str
    line: int  # line of the leistung in the file
    links: tuple[ReadLink, ...] = ()
    units: tuple[XzufiUnit, ...] = ()  # responsible units, in file order
    online: tuple[XzufiOnline, ...] = ()


@dataclass(frozen=True)
class ReadProblem:
    line: int  # 0: the whole file
    message: str
    value: str = ""


@dataclass
class ReadMessage:
    """What a file holds: header, entries per LeiKa key, problems (never fatal)."""

    version: str
    product: str = ""
    sender: str = ""
    created: datetime | None = None
    message_id: str = ""
    entries: list[ReadEntry] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    services: int = 0  # leistung objects in the file
    units: int = 0
    online: int = 0
    deletions: int = 0  # loesche (not applied: ozgdesk never deletes from a file)
