"""Step 4: the XZuFi 2.2 message of the delivery (what goes in, with which ids).

One ``leistung`` per relevant service with a valid 14-digit key and a responsible unit;
one ``organisationseinheit`` per contact point; one ``zustaendigkeitTransferObjekt`` per
service and unit (area: the municipality's ARS); one ``onlinedienst`` per online service
(the service's "Online-Dienst" address, named after the step-5 plan's "Name des
Online-Dienstes"), with a responsibility per service it serves.

Ids are stable from one export to the next: they are made of the LeiKa key, the office's
row id and the online service's address, and their owner (``schemeAgencyID``) is
"ozgdesk:<ARS>". Everything left out, or written without page or online service, is
returned (``XzufiExport.skipped`` / ``.incomplete``) for the GUI message and the CLI.
The structure itself is ``formats/xzufi.py``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk import __version__
from ozgdesk.store.project import Project
from ozgdesk.workflow import delivery, identity
from ozgdesk.workflow.exports import ExportError, _target, _writing
from ozgdesk.workflow.keys import KEY_RE

if TYPE_CHECKING:
    from ozgdesk.formats.delivery_records import ContactPoint
    from ozgdesk.formats.xzufi_records import XzufiMessage

ID_PREFIX = "ozgdesk"
NO_KEY = "kein gültiger LeiKa-Schlüssel"
NO_UNIT = "keine zuständige Stelle (Schritt 2: einem Amt zuordnen)"
NO_PAGE = "ohne Seite auf der Website (weiterfuehrenderLink fehlt)"
NO_ONLINE_URL = "Online-Dienst „{name}“ ohne Adresse: nicht als onlinedienst geschrieben"
NO_ARS = (
    "Der Amtliche Regionalschlüssel (ARS) der Kommune fehlt. Ohne ihn kann der "
    "Portalverbund nicht erkennen, wo die Zuständigkeiten gelten (gebietID)."
)
NO_ARS_TODO = (
    "Tragen Sie den 12-stelligen Regionalschlüssel in den Projekteinstellungen ein "
    "(für NRW: 05, dann Regierungsbezirk, Kreis, 0 und die Gemeindeziffern zweimal, "
    "z. B. 055540008008); die Datei wurde nicht geschrieben."
)


@dataclass(frozen=True)
class Skipped:
    """A relevant service the XZuFi file leaves out (or writes incompletely), and why."""

    key: str
    name: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "name": self.name, "reason": self.reason}


@dataclass(frozen=True)
class XzufiExport:
    """What an XZuFi export wrote and what it left out."""

    path: Path | None
    services: int
    units: int
    online: int
    responsibilities: int
    skipped: tuple[Skipped, ...] = ()  # services not in the file
    incomplete: tuple[Skipped, ...] = ()  # in the file, but without page or online service

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path) if self.path else "",
            "services": self.services,
            "units": self.units,
            "online_services": self.online,
            "responsibilities": self.responsibilities,
            "skipped": [s.as_dict() for s in self.skipped],
            "incomplete": [s.as_dict() for s in self.incomplete],
        }


def _service_specific(row: delivery.Effective, include_names: bool) -> bool:
    """Does the service set contact point values of its own (then it gets its own unit)?"""
    if any(row.stored.values.get(f) for f in delivery.UNIT_FIELDS):
        return True
    return include_names and bool(row.persons) and not row.persons_inherited


@dataclass
class _Group:
    """The services of one unit, while gathering."""

    sort: tuple[bool, int, bool, str]
    office: str
    point: ContactPoint
    keys: list[str] = field(default_factory=list)


def online_id(url: str) -> str:
    """The id of the online service at ``url`` (the same address: the same id)."""
    digest = hashlib.sha1(url.strip().encode("utf-8")).hexdigest()[:12]
    return f"{ID_PREFIX}-onlinedienst-{digest}"


def service_id(key: str) -> str:
    return f"{ID_PREFIX}-leika-{key}"


def _responsibility_id(key: str, holder: str) -> str:
    return f"{ID_PREFIX}-zustaendigkeit-{key}-{holder.removeprefix(ID_PREFIX + '-')}"


def _online_names(project: Project) -> dict[int, str]:
    from ozgdesk.workflow import roadmap

    return {r.service_id: r.plan.online_name or "" for r in roadmap.plan_rows(project)}


def message(
    project: Project, *, include_names: bool = True, now: datetime | None = None
) -> tuple[XzufiMessage, list[Skipped], list[Skipped]]:
    """The message, the services left out and those written incompletely.

    Every office responsible for services is one unit (id "ozgdesk-amt-<id>", its contact
    point as entered). A service that overrides any contact point value (or has contact
    persons of its own) gets a unit of its own ("ozgdesk-amt-<id>-leistung-<key>", with
    the values after inheritance). Raises :class:`ExportError` without ARS.
    """
    from ozgdesk.formats.xzufi_records import (
        XzufiMessage,
        XzufiOnline,
        XzufiResponsibility,
        XzufiService,
        XzufiUnit,
    )
    from ozgdesk.workflow.delivery_outputs import _point as point_of

    keys = identity.keys(project)
    if not keys.ars:
        raise ExportError(project.path, NO_ARS, NO_ARS_TODO)
    rows = delivery.effective_rows(project)
    all_units = delivery.units(project)
    order = {u.office_id: i for i, u in enumerate(all_units)}
    by_office = {u.office_id: u for u in all_units}
    online_names = _online_names(project)
    groups: dict[str, _Group] = {}
    services: list[XzufiService] = []
    online: dict[str, XzufiOnline] = {}
    online_of: dict[str, list[str]] = {}  # online id -> keys
    online_named: dict[str, bool] = {}  # online id -> its name comes from a plan
    skipped: list[Skipped] = []
    incomplete: list[Skipped] = []
    seen: set[str] = set()
    for row in rows:
        if not KEY_RE.fullmatch(row.key or ""):
            skipped.append(Skipped(row.key, row.name, NO_KEY))
            continue
        if row.key in seen:  # the catalogue has one service per key; be safe anyway
            continue
        own = _service_specific(row, include_names)
        office_id = row.unit_office_id
        if own:
            values, persons = row.values, row.persons
            unit_id = (
                f"{ID_PREFIX}-amt-{office_id}-leistung-{row.key}"
                if office_id is not None
                else f"{ID_PREFIX}-leistung-{row.key}"
            )
        elif office_id is not None and office_id in by_office:
            values, persons = by_office[office_id].values, by_office[office_id].persons
            unit_id = f"{ID_PREFIX}-amt-{office_id}"
        else:
            skipped.append(Skipped(row.key, row.name, NO_UNIT))
            continue
        point = point_of(values, persons, include_names)
        if not point.name:  # the office's name stands in for a missing unit name
            if not row.unit_office:
                skipped.append(Skipped(row.key, row.name, NO_UNIT))
                continue
            point = replace(point, name=row.unit_office)
        seen.add(row.key)
        sort = (office_id is None, order.get(office_id, 0) if office_id else 0, own, row.key)
        groups.setdefault(unit_id, _Group(sort, row.unit_office, point)).keys.append(row.key)
        page = row.get("page_url")
        services.append(XzufiService(service_id(row.key), row.key, row.name, page))
        if not page:
            incomplete.append(Skipped(row.key, row.name, NO_PAGE))
        url = row.get("online_url").strip()
        name = online_names.get(row.service_id, "").strip()
        if url:
            oid = online_id(url)
            # one online service has one name: the first plan's name, else a service's name
            if oid not in online or (name and not online_named.get(oid)):
                online[oid] = XzufiOnline(oid, name or row.name, url, name or row.name)
                online_named[oid] = bool(name)
            online_of.setdefault(oid, []).append(row.key)
        elif name:
            incomplete.append(Skipped(row.key, row.name, NO_ONLINE_URL.format(name=name)))
    services.sort(key=lambda s: s.key)
    ordered = sorted(groups.items(), key=lambda kv: kv[1].sort)
    units = tuple(XzufiUnit(uid, g.point, g.office) for uid, g in ordered)
    responsibilities = [
        XzufiResponsibility(_responsibility_id(key, uid), service_id(key), uid)
        for uid, g in ordered
        for key in sorted(g.keys)
    ]
    for oid in sorted(online, key=lambda i: online[i].url):
        for key in sorted(online_of[oid]):
            responsibilities.append(
                XzufiResponsibility(_responsibility_id(key, oid), service_id(key), oid, True)
            )
    result = XzufiMessage(
        message_id=str(uuid.uuid4()),
        created=(now or datetime.now()).astimezone(),
        agency=f"{ID_PREFIX}:{keys.ars}",
        municipality=keys.official_name,
        ags=keys.ags,
        ars=keys.ars,
        land=keys.land,
        services=tuple(services),
        units=units,
        online=tuple(sorted(online.values(), key=lambda o: o.url)),
        responsibilities=tuple(responsibilities),
        include_names=include_names,
        generator_version=__version__,
    )
    return result, skipped, incomplete


def export_xzufi(
    project: Project,
    path: Path | str,
    include_names: bool = True,
    *,
    now: datetime | None = None,
) -> XzufiExport:
    """Write the XZuFi 2.2 message to ``path``; returns what was written and left out."""
    target = _target(project, path)
    data, skipped, incomplete = message(project, include_names=include_names, now=now)
    from ozgdesk.formats.xzufi import write_xzufi

    with _writing(target):
        write_xzufi(target, data)
    return XzufiExport(
        target,
        len(data.services),
        len(data.units),
        len(data.online),
        len(data.responsibilities),
        tuple(skipped),
        tuple(incomplete),
    )


def summary_lines(result: XzufiExport, limit: int | None = None) -> list[str]:
    """The export's result in plain German, one line each (GUI message and CLI)."""
    lines = [
        f"{result.services} Leistung(en), {result.units} Ansprechstelle(n), "
        f"{result.online} Online-Dienst(e), {result.responsibilities} Zuständigkeit(en)."
    ]
    for title, items in (
        ("relevante Leistung(en) nicht enthalten", result.skipped),
        ("Leistung(en) unvollständig enthalten", result.incomplete),
    ):
        if not items:
            continue
        lines.append(f"{len(items)} {title}:")
        shown: Sequence[Skipped] = items if limit is None else items[:limit]
        lines += [f"  {s.key or '(ohne Schlüssel)'} {s.name}: {s.reason}" for s in shown]
        if limit is not None and len(items) > limit:
            lines.append(f"  … und {len(items) - limit} weitere")
    return lines
