"""Bringing service records into a project: the built-in catalogue and imported lists.

Identity of a service: its valid LeiKa key; without one, its name. Rows of one
source that share an identity are combined first (OZG links united, SDG flags
"ja" if any row says so, the first non-empty text wins). Merging then updates
known services, adds new ones and links OZG services; it never deletes. Each
source (the built-in catalogue, or a list by its label) remembers its services,
so that services a newer version of the list no longer has are marked
("missing"), never removed: decisions already taken stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import SimpleNamespace

from sqlalchemy import insert, select, update
from sqlmodel import Session, col

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.records import OzgRef, ServiceRecord
from ozgdesk.store.bulk_insert import insert_lists, insert_many, insert_rows
from ozgdesk.store.models import (
    ImportSource,
    Lebenslage,
    Office,
    OzgService,
    Service,
    ServiceOzg,
    ServiceSource,
    Themenfeld,
    table_of,
)
from ozgdesk.wording import plural
from ozgdesk.workflow.keys import check_key
from ozgdesk.workflow.problems import ERROR, WARNING, Problem

BUILTIN_ORIGIN = "Katalog NRW (OZG-Datenbank NRW, KDN, MIT-Lizenz)"
BUILTIN_SOURCE = "Katalog NRW"

CATALOGUE_FIELDS = ("typ", "legal_basis", "law", "law_short")
ALL_FIELDS = frozenset(
    {"key", "name", "sdg1", "sdg2", "ozg_id", *CATALOGUE_FIELDS}
)  # what the built-in catalogue carries

NEW_SERVICE_COLUMNS = (  # what merge_services writes for a new service, in this order
    "key",
    "key_raw",
    "key_problem",
    "name",
    "sdg1",
    "sdg2",
    "typ",
    "legal_basis",
    "law",
    "law_short",
    "origin",
    "created_at",
    "updated_at",
    "relevance",
    "relevance_reason",
    "relevance_at",
    "remark",
    "contact_person",
    "lead_office_id",
    "assignment_source",
)


class Cancelled(Exception):
    """The user cancelled; the transaction is rolled back."""


@dataclass
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    combined_rows: int = 0  # source rows folded into another row of the same service
    skipped: int = 0  # records that could not be merged (see problems)
    service_ids: list[int] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (key, name) no longer listed
    offices_created: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    links_changed: bool = False  # OZG links or source membership changed
    relevance_set: int = 0  # services whose relevance the source decided

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.offices_created or self.links_changed)


def _key(raw: str) -> str | None:
    """check_key(raw).key, with a fast path for the usual case: the key as 14 ASCII digits."""
    if len(raw) == 14 and raw.isascii() and raw.isdigit():
        return raw
    return check_key(raw).key


def identity(record: ServiceRecord) -> tuple[str, str]:
    key = _key(record.key_raw)
    if key:
        return ("key", key)
    return ("name", record.name)


def combine_duplicates(records: list[ServiceRecord]) -> tuple[list[ServiceRecord], int]:
    """Fold rows describing the same service into one record."""
    combined, folded = _combine(records)
    return list(combined.values()), folded


def _combine(
    records: list[ServiceRecord],
) -> tuple[dict[tuple[str, str], ServiceRecord], int]:
    """``combine_duplicates`` with each record's identity (checked once, not again later)."""
    combined: dict[tuple[str, str], ServiceRecord] = {}
    copied: set[tuple[str, str]] = set()  # copy a record only when another one is folded in
    folded = 0
    for record in records:
        ident = identity(record)
        first = combined.get(ident)
        if first is None:
            combined[ident] = record
            continue
        if ident not in copied:
            first = combined[ident] = replace(first, ozg=list(first.ozg))
            copied.add(ident)
        folded += 1
        first.sdg1 = first.sdg1 or record.sdg1
        first.sdg2 = first.sdg2 or record.sdg2
        for name in (*CATALOGUE_FIELDS, "name", "office", "contact_person", "remark", "relevance"):
            if not getattr(first, name) and getattr(record, name):
                setattr(first, name, getattr(record, name))
        known = {ref.ozg_id for ref in first.ozg}
        first.ozg.extend(ref for ref in record.ozg if ref.ozg_id not in known)
    return combined, folded


def _id_map(session: Session, column, key_column) -> dict[str, int]:
    return {k: i for i, k in session.execute(select(column, key_column)).all()}


def upsert_ozg_services(session: Session, refs: Iterable[OzgRef]) -> dict[str, int]:
    """Make sure every OZG service (with Lebenslage and Themenfeld) exists; return ozg_id → id.

    Known OZG services keep their data unless a source gives a name or Lebenslage.
    """
    refs = list({id(r): r for r in refs}.values())  # rows share their OzgRef objects
    themen = _id_map(session, Themenfeld.id, Themenfeld.name)
    new_themen = sorted({r.themenfeld for r in refs if r.themenfeld} - themen.keys())
    if new_themen:
        insert_many(session, table_of(Themenfeld), [{"name": name} for name in new_themen])
        themen = _id_map(session, Themenfeld.id, Themenfeld.name)

    lagen = _id_map(session, Lebenslage.id, Lebenslage.name)
    new_lagen: dict[str, dict[str, object]] = {}  # the first ref naming a Lebenslage wins
    for ref in refs:
        if ref.lebenslage and ref.lebenslage not in lagen and ref.lebenslage not in new_lagen:
            new_lagen[ref.lebenslage] = {
                "name": ref.lebenslage,
                "themenfeld_id": themen.get(ref.themenfeld),
            }
    if new_lagen:
        insert_many(session, table_of(Lebenslage), list(new_lagen.values()))
        lagen = _id_map(session, Lebenslage.id, Lebenslage.name)

    existing = {
        row.ozg_id: row
        for row in session.execute(
            select(
                col(OzgService.id),
                col(OzgService.ozg_id),
                col(OzgService.name),
                col(OzgService.lebenslage_id),
            )
        ).all()
    }
    ids = {ozg_id: row.id for ozg_id, row in existing.items()}
    new: dict[str, dict[str, object]] = {}  # the first ref of a new OZG service wins
    for ref in refs:
        lebenslage_id = lagen.get(ref.lebenslage)
        row = existing.get(ref.ozg_id)
        if row is None:
            if ref.ozg_id not in new:
                new[ref.ozg_id] = {
                    "ozg_id": ref.ozg_id,
                    "name": ref.name or f"OZG-Leistung {ref.ozg_id}",
                    "lebenslage_id": lebenslage_id,
                }
        elif (ref.name and ref.name != row.name) or (
            lebenslage_id and lebenslage_id != row.lebenslage_id
        ):
            session.execute(
                update(OzgService)
                .where(OzgService.id == row.id)
                .values(name=ref.name or row.name, lebenslage_id=lebenslage_id or row.lebenslage_id)
            )
            existing[ref.ozg_id] = SimpleNamespace(  # type: ignore[assignment]  # a Row has no _replace; only .id/.name/.lebenslage_id are read
                id=row.id,
                name=ref.name or row.name,
                lebenslage_id=lebenslage_id or row.lebenslage_id,
            )
    if new:
        insert_many(session, table_of(OzgService), list(new.values()))
        for service_id, ozg_id in session.execute(
            select(col(OzgService.id), col(OzgService.ozg_id))
        ):
            ids.setdefault(ozg_id, service_id)
    return ids


def _offices(
    session: Session, names: set[str], now: datetime, result: MergeResult
) -> dict[str, int]:
    known = {n.casefold(): i for i, n in session.execute(select(col(Office.id), col(Office.name)))}
    for name in sorted(names):
        if name.casefold() not in known:
            known[name.casefold()] = session.execute(
                insert(Office).values(
                    name=name, short_name="", number="", kind="Amt", parent_id=None, created_at=now
                )
            ).inserted_primary_key[0]  # type: ignore[attr-defined]  # an INSERT's CursorResult
            result.offices_created.append(name)
    return known


def merge_services(
    session: Session,
    records: list[ServiceRecord],
    origin: str,
    *,
    fields: frozenset[str] | set[str] = ALL_FIELDS,
    source_label: str | None = None,
    source_file: str = "",
    mark_missing: bool = True,
    warn_unknown_keys: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MergeResult:
    """Add or update services from ``records`` (see module docstring).

    ``fields`` names the columns the source actually has: only those are
    written. Text columns the source has are authoritative for known services,
    except that an empty name never replaces a name. Imported relevance and
    office only fill gaps: a decision or assignment already taken stays, and a
    differing value is reported as a warning. With ``mark_missing`` false (the
    list had rows that could not be read) services of the source that the list
    does not name are not marked missing. A well-formed key that the project's
    catalogue does not have is added with a warning (``warn_unknown_keys``; only
    when the project has the catalogue).
    """
    result = MergeResult()
    combined, result.combined_rows = _combine([r for r in records if r.name or _key(r.key_raw)])
    records = list(combined.values())
    keys = [key if kind == "key" else None for kind, key in combined]
    columns = (
        Service.id,
        Service.key,
        Service.name,
        Service.sdg1,
        Service.sdg2,
        Service.relevance,
        Service.lead_office_id,
        Service.assignment_source,
        Service.remark,
        Service.contact_person,
        *(getattr(Service, f) for f in CATALOGUE_FIELDS),
    )
    by_key: dict[str, object] = {}
    by_name: dict[str, object] = {}
    for row in session.execute(select(*columns)):
        if row.key:
            by_key[row.key] = row
        else:
            by_name[row.name] = row

    # a record with an unknown key and no name is skipped below: it creates no OZG service or office
    mergeable = [r for r, k in zip(records, keys, strict=True) if r.name or k in by_key]
    ozg_ids = upsert_ozg_services(session, (ref for r in mergeable for ref in r.ozg))
    now = datetime.now(UTC)
    office_ids = (
        _offices(session, {r.office for r in mergeable if r.office}, now, result)
        if "office" in fields
        else {}
    )

    def problem(record: ServiceRecord, message: str, level: str = WARNING, value: str = "") -> None:
        result.problems.append(
            Problem(record.row, "", value or record.key_raw or record.name, message, level)
        )

    has_catalogue = warn_unknown_keys and (
        session.execute(
            select(col(ImportSource.id)).where(col(ImportSource.label) == BUILTIN_SOURCE)
        ).first()
        is not None
    )
    new_rows: list[list[object]] = []
    new_records: list[ServiceRecord] = []
    updates: list[dict[str, object]] = []
    record_ids: list[int | None] = []  # per record its service (None: skipped or still new)
    new_at: list[int] = []  # positions in record_ids of the services inserted below
    total = len(records)
    take_relevance = "relevance" in fields
    listed_reason = f"aus der Liste „{source_label}“"
    for number, (record, key) in enumerate(zip(records, keys, strict=True), start=1):
        if number % 2000 == 0:
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(number, total)
        existing = by_key.get(key) if key else by_name.get(record.name)
        office_id = office_ids.get(record.office.casefold()) if record.office else None
        if existing is None:
            relevance = record.relevance
            if not record.name:
                problem(
                    record,
                    "Unbekannter Schlüssel ohne Leistungsbezeichnung: die Zeile wird übersprungen.",
                    ERROR,
                )
                result.skipped += 1
                record_ids.append(None)
                continue
            if key and has_catalogue:
                problem(
                    record,
                    f"Der Schlüssel {key} steht nicht im Leistungskatalog des Projekts; "
                    f"„{record.name}“ wird als neue Leistung angelegt. Bitte prüfen, ob der "
                    "Schlüssel stimmt.",
                    value=key,
                )
            if relevance and take_relevance:
                result.relevance_set += 1
            new_rows.append(
                [  # in the order of NEW_SERVICE_COLUMNS: this loop runs 50,000 times
                    key,
                    record.key_raw,
                    check_key(record.key_raw).problem if key is None else "",
                    record.name,
                    record.sdg1,
                    record.sdg2,
                    record.typ,
                    record.legal_basis,
                    record.law,
                    record.law_short,
                    origin,
                    now,
                    now,
                    relevance if take_relevance else "",
                    listed_reason if relevance else "",
                    now if relevance else None,
                    record.remark,
                    record.contact_person,
                    office_id,
                    "Import" if office_id else "",
                ]
            )
            new_records.append(record)
            new_at.append(len(record_ids))
            record_ids.append(None)
            continue
        record_ids.append(existing.id)  # type: ignore[attr-defined]  # existing is a Row of the service columns selected above
        changes: dict[str, object] = {}
        if record.name and record.name != existing.name:  # type: ignore[attr-defined]  # existing is a Row of the service columns selected above
            changes["name"] = record.name
            if key:
                problem(
                    record,
                    f"Gleicher Schlüssel, anderer Name: bisher „{existing.name}“, "  # type: ignore[attr-defined]  # existing is a Row of the service columns selected above
                    f"in der Datei „{record.name}“. Der Name aus der Datei wird übernommen.",
                )
        for name in ("sdg1", "sdg2", *CATALOGUE_FIELDS):
            if name in fields and getattr(record, name) != getattr(existing, name):
                changes[name] = getattr(record, name)
        for name in ("remark", "contact_person"):
            if (
                name in fields
                and getattr(record, name)
                and getattr(record, name) != getattr(existing, name)
            ):
                changes[name] = getattr(record, name)
        if take_relevance and record.relevance:
            stored = existing.relevance  # type: ignore[attr-defined]  # existing is a Row of the service columns selected above
            if not stored:
                result.relevance_set += 1
                changes.update(
                    relevance=record.relevance,
                    relevance_reason=listed_reason,
                    relevance_at=now,
                )
            elif stored != record.relevance:
                problem(
                    record,
                    f"Relevanz in der Datei „{record.relevance}“, im Projekt „{stored}“: "
                    "die Entscheidung im Projekt bleibt.",
                )
        if office_id is not None and office_id != existing.lead_office_id:  # type: ignore[attr-defined]  # existing is a Row of the service columns selected above
            if existing.lead_office_id is None or existing.assignment_source == "Import":  # type: ignore[attr-defined]  # existing is a Row of the service columns selected above
                changes.update(lead_office_id=office_id, assignment_source="Import")
            else:
                problem(
                    record,
                    f"Amt „{record.office}“ aus der Datei: die Leistung ist bereits einem anderen Amt zugeordnet, das bleibt.",
                )
        if changes:
            updates.append({"id": existing.id, **changes, "updated_at": now})  # type: ignore[attr-defined]  # existing is a Row of the service columns selected above
        else:
            result.unchanged += 1
    if updates:
        for chunk in _group_by_keys(updates):
            session.execute(update(Service), chunk)
        result.updated = len(updates)
    driver = session.connection().exec_driver_sql
    if new_rows:
        last_id = driver("SELECT coalesce(max(id), 0) FROM service").scalar_one()
        insert_lists(session, table_of(Service), NEW_SERVICE_COLUMNS, new_rows)
        result.added = len(new_rows)
        # SQLite gives each new row the largest id so far plus one: the new services have
        # the ids after last_id, in insert order (checked; else they are looked up)
        now_last = driver("SELECT max(id) FROM service").scalar_one()
        if now_last == last_id + len(new_rows):
            for offset, position in enumerate(new_at, start=1):
                record_ids[position] = last_id + offset
        else:
            key_ids: dict[str, int] = dict(
                driver("SELECT key, id FROM service WHERE key IS NOT NULL").fetchall()
            )
            name_ids: dict[str, int] = dict(
                driver("SELECT name, id FROM service WHERE key IS NULL").fetchall()
            )
            for position in new_at:
                key, name = keys[position], records[position].name
                record_ids[position] = key_ids.get(key) if key else name_ids.get(name)

    links = {(s, o) for s, o in driver("SELECT service_id, ozg_service_id FROM service_ozg")}
    new_links = []
    merged_ids: list[int] = []
    for record, service_id in zip(records, record_ids, strict=True):
        if service_id is None:  # skipped above
            continue
        merged_ids.append(service_id)
        for ref in record.ozg:
            link = (service_id, ozg_ids[ref.ozg_id])
            if link not in links:
                links.add(link)
                new_links.append(link)
    if new_links:
        insert_rows(session, table_of(ServiceOzg), ("service_id", "ozg_service_id"), new_links)
        result.links_changed = True
    result.service_ids = merged_ids
    if source_label:
        _track_source(session, source_label, source_file, merged_ids, now, result, mark_missing)
    return result


def _group_by_keys(rows: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())


def _track_source(
    session: Session,
    label: str,
    file: str,
    service_ids: list[int],
    now: datetime,
    result: MergeResult,
    mark_missing: bool = True,
) -> None:
    source_id = session.execute(
        select(col(ImportSource.id)).where(col(ImportSource.label) == label)
    ).scalar()
    if source_id is None:
        source_id = session.execute(
            insert(ImportSource).values(label=label, last_file=file, last_import_at=now)
        ).inserted_primary_key[0]  # type: ignore[attr-defined]  # an INSERT's CursorResult
    listed = {
        row[0]: row[1]
        for row in session.execute(
            select(col(ServiceSource.service_id), col(ServiceSource.missing)).where(
                col(ServiceSource.source_id) == source_id
            )
        )
    }
    present = set(service_ids)
    new = [(i, source_id, False) for i in present if i not in listed]
    back = [i for i in present if listed.get(i) is True]
    gone = [i for i, missing in listed.items() if i not in present]
    if gone and not mark_missing:
        result.problems.append(
            Problem(
                0,
                "",
                label,
                f"{plural(len(gone), 'Leistung', 'Leistungen')} der Liste „{label}“ "
                f"{'fehlt' if len(gone) == 1 else 'fehlen'} in dieser Datei. Weil "
                "Zeilen fehlerhaft sind, werden sie nicht als fehlend markiert.",
                WARNING,
            )
        )
        gone = []
    newly_gone = [i for i in gone if not listed[i]]
    if new:
        insert_rows(session, table_of(ServiceSource), ("service_id", "source_id", "missing"), new)
    for ids, missing in ((back, False), (newly_gone, True)):
        if ids:
            session.execute(
                update(ServiceSource)
                .where(ServiceSource.source_id == source_id, col(ServiceSource.service_id).in_(ids))
                .values(missing=missing)
            )
    if gone:
        rows = session.execute(
            select(col(Service.key), col(Service.name))
            .where(col(Service.id).in_(gone))
            .order_by(Service.name)
        )
        result.missing = [(key or "", name) for key, name in rows]
    if new or back or newly_gone or result.added or result.updated:
        result.links_changed = result.links_changed or bool(new or back or newly_gone)
        session.execute(
            update(ImportSource)
            .where(ImportSource.id == source_id)
            .values(last_file=file, last_import_at=now)
        )


def load_builtin_catalogue(session: Session) -> MergeResult:
    """Load the NRW catalogue shipped in resources/ into the project."""
    folder = paths.resource("catalogue")
    upsert_ozg_services(session, reference_csv.read_ozg_services(folder / "ozg-leistungen.csv"))
    records = reference_csv.read_catalogue(folder / "leistungskatalog-nrw.csv")
    return merge_services(
        session,
        records,
        origin=BUILTIN_ORIGIN,
        source_label=BUILTIN_SOURCE,
        source_file="leistungskatalog-nrw.csv",
    )
