"""Bringing service records into a project: the built-in catalogue and merges.

Identity of a service: its valid LeiKa key; without one, its name. Rows of one
source that share an identity are combined first (OZG links united, SDG flags
"ja" if any row says so, the first non-empty text wins). Merging then updates
known services, adds new ones and links OZG services; it never deletes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlmodel import Session

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.records import OzgRef, ServiceRecord
from ozgdesk.store.models import Lebenslage, OzgService, Service, ServiceOzg, Themenfeld
from ozgdesk.workflow.keys import check_key

BUILTIN_ORIGIN = "Katalog NRW (OZG-Datenbank NRW, KDN, MIT-Lizenz)"

_TEXT_FIELDS = ("typ", "legal_basis", "law", "law_short")


@dataclass
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    combined_rows: int = 0  # source rows folded into another row of the same service
    service_ids: list[int] = field(default_factory=list)


def identity(record: ServiceRecord) -> tuple[str, str]:
    checked = check_key(record.key_raw)
    if checked.key:
        return ("key", checked.key)
    return ("name", record.name)


def combine_duplicates(records: list[ServiceRecord]) -> tuple[list[ServiceRecord], int]:
    """Fold rows describing the same service into one record."""
    combined: dict[tuple[str, str], ServiceRecord] = {}
    folded = 0
    for record in records:
        ident = identity(record)
        first = combined.get(ident)
        if first is None:
            combined[ident] = replace(record, ozg=list(record.ozg))
            continue
        folded += 1
        first.sdg1 = first.sdg1 or record.sdg1
        first.sdg2 = first.sdg2 or record.sdg2
        for name in _TEXT_FIELDS:
            if not getattr(first, name) and getattr(record, name):
                setattr(first, name, getattr(record, name))
        known = {ref.ozg_id for ref in first.ozg}
        first.ozg.extend(ref for ref in record.ozg if ref.ozg_id not in known)
    return list(combined.values()), folded


def _id_map(session: Session, column, key_column) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {k: i for i, k in session.execute(select(column, key_column)).all()}


def upsert_ozg_services(session: Session, refs: list[OzgRef]) -> dict[str, int]:
    """Make sure every OZG service (with Lebenslage and Themenfeld) exists; return ozg_id → id."""
    themen = _id_map(session, Themenfeld.id, Themenfeld.name)
    for name in sorted({r.themenfeld for r in refs if r.themenfeld} - themen.keys()):
        themen[name] = session.execute(insert(Themenfeld).values(name=name)).inserted_primary_key[0]

    lagen = _id_map(session, Lebenslage.id, Lebenslage.name)
    for ref in refs:
        if ref.lebenslage and ref.lebenslage not in lagen:
            lagen[ref.lebenslage] = session.execute(
                insert(Lebenslage).values(
                    name=ref.lebenslage, themenfeld_id=themen.get(ref.themenfeld)
                )
            ).inserted_primary_key[0]

    existing = {
        row.ozg_id: row
        for row in session.execute(
            select(OzgService.id, OzgService.ozg_id, OzgService.name, OzgService.lebenslage_id)
        ).all()
    }
    ids = {ozg_id: row.id for ozg_id, row in existing.items()}
    for ref in refs:
        lebenslage_id = lagen.get(ref.lebenslage)
        row = existing.get(ref.ozg_id)
        if row is None:
            if ref.ozg_id in ids:
                continue
            ids[ref.ozg_id] = session.execute(
                insert(OzgService).values(
                    ozg_id=ref.ozg_id, name=ref.name or ref.ozg_id, lebenslage_id=lebenslage_id
                )
            ).inserted_primary_key[0]
        elif (ref.name and ref.name != row.name) or (
            lebenslage_id and lebenslage_id != row.lebenslage_id
        ):
            session.execute(
                update(OzgService)
                .where(OzgService.id == row.id)
                .values(name=ref.name or row.name, lebenslage_id=lebenslage_id or row.lebenslage_id)
            )
    return ids


def merge_services(session: Session, records: list[ServiceRecord], origin: str) -> MergeResult:
    """Add or update services from ``records`` (see module docstring)."""
    records, folded = combine_duplicates([r for r in records if r.name or check_key(r.key_raw).key])
    result = MergeResult(combined_rows=folded)
    ozg_ids = upsert_ozg_services(session, [ref for r in records for ref in r.ozg])

    columns = (Service.id, Service.key, Service.name, Service.key_raw, Service.sdg1, Service.sdg2)
    by_key: dict[str, tuple] = {}
    by_name: dict[str, tuple] = {}
    for row in session.execute(select(*columns, *(getattr(Service, f) for f in _TEXT_FIELDS))):
        if row.key:
            by_key[row.key] = row
        else:
            by_name[row.name] = row

    now = datetime.now(UTC)
    new_rows = []
    for record in records:
        checked = check_key(record.key_raw)
        values = {
            "key": checked.key,
            "key_raw": record.key_raw,
            "key_problem": checked.problem,
            "name": record.name,
            "sdg1": record.sdg1,
            "sdg2": record.sdg2,
            **{f: getattr(record, f) for f in _TEXT_FIELDS},
        }
        existing = by_key.get(checked.key) if checked.key else by_name.get(record.name)
        if existing is None:
            new_rows.append({**values, "origin": origin, "created_at": now, "updated_at": now})
            continue
        changes = {
            k: v
            for k, v in values.items()
            if k in ("name", "sdg1", "sdg2", *_TEXT_FIELDS) and getattr(existing, k) != v
        }
        if changes:
            session.execute(
                update(Service).where(Service.id == existing.id).values(**changes, updated_at=now)
            )
            result.updated += 1
        else:
            result.unchanged += 1
    if new_rows:
        session.execute(insert(Service), new_rows)
        result.added = len(new_rows)

    keyed = session.execute(select(Service.id, Service.key).where(Service.key.is_not(None)))
    key_ids = {key: service_id for service_id, key in keyed}
    keyless = session.execute(select(Service.id, Service.name).where(Service.key.is_(None)))
    name_ids = {name: service_id for service_id, name in keyless}
    links = {
        (row[0], row[1])
        for row in session.execute(select(ServiceOzg.service_id, ServiceOzg.ozg_service_id))
    }
    new_links = []
    for record in records:
        checked = check_key(record.key_raw)
        service_id = key_ids[checked.key] if checked.key else name_ids[record.name]
        result.service_ids.append(service_id)
        for ref in record.ozg:
            link = (service_id, ozg_ids[ref.ozg_id])
            if link not in links:
                links.add(link)
                new_links.append({"service_id": link[0], "ozg_service_id": link[1]})
    if new_links:
        session.execute(insert(ServiceOzg), new_links)
    return result


def load_builtin_catalogue(session: Session) -> MergeResult:
    """Load the NRW catalogue shipped in resources/ into the project."""
    folder = paths.resource("catalogue")
    upsert_ozg_services(session, reference_csv.read_ozg_services(folder / "ozg-leistungen.csv"))
    records = reference_csv.read_catalogue(folder / "leistungskatalog-nrw.csv")
    return merge_services(session, records, origin=BUILTIN_ORIGIN)
