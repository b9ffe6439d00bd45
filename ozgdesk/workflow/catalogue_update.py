"""Bringing a newer catalogue release into a project without losing a decision.

LeiKa keeps changing: new services, renamed ones, retired keys. ``analyse_update``
reads a release (the official layout or any layout the import understands),
compares it with the project's catalogue (the services of the list "Katalog NRW")
and reports what is ``added``, ``changed`` (name, type, OZG link) and ``retired``;
nothing is written. ``apply_update`` then, after a backup and in one transaction,
adds the new services undecided, updates the changed ones, marks the retired ones
(``service.retired_at``: still shown with their decision, marked "entfallen") and
brings back a service a later release lists again. Decisions, assignments and
plans are never touched.

Identity as everywhere: the key, else the name. Services without key are compared
only if the release has such rows (an official LeiKa release has none, so the
catalogue's "nicht im LeiKa" services are left alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ozgdesk.formats.records import ServiceRecord
from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow.catalogue import BUILTIN_SOURCE, _key, combine_duplicates
from ozgdesk.workflow.importing import ImportPlan, analyse
from ozgdesk.workflow.problems import Problem

# the columns of a catalogue release that are taken over (not office, relevance, remarks)
RELEASE_FIELDS = frozenset(
    {"key", "name", "typ", "legal_basis", "law", "law_short", "sdg1", "sdg2", "ozg_id"}
)
MASS_RETIRE_SHARE = 0.5  # more retired than this share of the catalogue: refused without force


@dataclass
class ServiceChange:
    key: str
    name: str
    changes: dict[str, tuple[str, str]]  # "name" / "typ" / "ozg" / "retired" -> (old, new)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "changes": {f: {"old": old, "new": new} for f, (old, new) in self.changes.items()},
        }


@dataclass
class CatalogueUpdate:
    file: str
    added: list[dict[str, object]] = field(default_factory=list)
    changed: list[ServiceChange] = field(default_factory=list)
    retired: list[dict[str, object]] = field(default_factory=list)
    unchanged: int = 0
    not_compared: int = 0  # catalogue services without key, left alone
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    reason: str = ""  # why it cannot be (or was not) applied
    committed: bool = False
    backup: str = ""
    records: list[ServiceRecord] = field(default_factory=list, repr=False)
    fields: frozenset[str] = frozenset()
    _retired_ids: list[int] = field(default_factory=list, repr=False)
    _returned_ids: list[int] = field(default_factory=list, repr=False)
    _ozg_changed: dict[str, set[str]] = field(default_factory=dict, repr=False)  # key -> ozg ids

    @property
    def ok(self) -> bool:
        return not self.reason

    def as_dict(self) -> dict[str, object]:
        return {
            "committed": self.committed,
            "file": self.file,
            "added": self.added,
            "changed": [c.as_dict() for c in self.changed],
            "retired": self.retired,
            "unchanged": self.unchanged,
            "not_compared": self.not_compared,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "backup": self.backup,
            "reason": self.reason,
        }


def _ident(record: ServiceRecord) -> tuple[str, str]:
    key = _key(record.key_raw)
    return ("key", key) if key else ("name", record.name)


def analyse_update(
    project: Project,
    path: Path | str,
    *,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    force: bool = False,
) -> CatalogueUpdate:
    """Compare the release in ``path`` with the project's catalogue; writes nothing."""
    path = Path(path)
    update = CatalogueUpdate(file=str(path))
    plan: ImportPlan = analyse(
        path, sheet=sheet, overrides=overrides, project=project, source_label=BUILTIN_SOURCE
    )
    update.errors, update.warnings = list(plan.errors), list(plan.warnings)
    if not plan.ok:
        update.reason = plan.file_error
        return update
    if "key" not in plan.mapped_fields():
        update.reason = (
            "In der Datei ist keine Spalte mit dem LeiKa-Schlüssel erkannt; ohne sie lässt sich "
            "eine Katalogfassung nicht vergleichen. Bitte die Spalte zuordnen (--map)."
        )
        return update
    records, _folded = combine_duplicates(
        [r for r in plan.checked.records if r.name or _key(r.key_raw)]
    )
    if not records:
        update.reason = "Die Datei enthält keine lesbare Leistung."
        return update
    update.records, update.fields = records, frozenset(plan.mapped_fields() & RELEASE_FIELDS)
    compare_keyless = any(not _key(r.key_raw) for r in records)
    with project.reading() as conn:
        catalogue = queries.source_services(conn, BUILTIN_SOURCE)
        links = queries.ozg_ids_by_service(conn) if "ozg_id" in update.fields else {}
    known: dict[tuple[str, str], tuple] = {}
    for row in catalogue:
        service_id, key, name = row[0], row[1], row[2]
        if not key and not compare_keyless:
            update.not_compared += 1
            continue
        known[("key", key) if key else ("name", name)] = row
    listed: set[tuple[str, str]] = set()
    for record in records:
        ident = _ident(record)
        listed.add(ident)
        found = known.get(ident)
        ozg = sorted({ref.ozg_id for ref in record.ozg})
        if found is None:
            update.added.append(
                {
                    "key": ident[1] if ident[0] == "key" else "",
                    "name": record.name,
                    "typ": record.typ,
                    "ozg": ozg,
                }
            )
            continue
        service_id, key, name, typ, retired = found[0], found[1], found[2], found[3], found[4]
        changes: dict[str, tuple[str, str]] = {}
        if record.name and record.name != name:
            changes["name"] = (name, record.name)
        if "typ" in update.fields and record.typ != typ:
            changes["typ"] = (typ, record.typ)
        if "ozg_id" in update.fields:
            old = sorted(links.get(service_id, set()))
            if old != ozg:
                changes["ozg"] = (", ".join(old), ", ".join(ozg))
                update._ozg_changed[key or name] = set(ozg)
        if retired:
            changes["retired"] = ("entfallen", "wieder im Katalog")
            update._returned_ids.append(service_id)
        if changes:
            update.changed.append(ServiceChange(key, record.name or name, changes))
        else:
            update.unchanged += 1
    gone = [row for ident, row in known.items() if ident not in listed and not row[4]]
    if gone and plan.checked.errors:
        update.warnings.append(
            Problem(
                0,
                "",
                path.name,
                f"{len(gone)} Leistung(en) des Katalogs fehlen in der Datei. Weil Zeilen "
                "fehlerhaft sind, wird keine als entfallen markiert.",
            )
        )
        gone = []
    update.retired = [
        {"key": row[1], "name": row[2], "relevance": row[5], "office": row[6]}
        for row in sorted(gone, key=lambda r: (r[2].casefold(), r[1]))
    ]
    update._retired_ids = [row[0] for row in gone]
    if not force and len(gone) >= 100 and len(gone) > MASS_RETIRE_SHARE * max(1, len(known)):
        update.reason = (
            f"Nach dieser Datei entfielen {len(gone)} von {len(known)} Leistungen des Katalogs. "
            "Das sieht nicht nach einer vollständigen Fassung des Leistungskatalogs aus "
            "(vielleicht eine Auswahlliste? Die gehört in den Import). Wenn es stimmt: mit "
            "--force übernehmen."
        )
    return update


def apply_update(project: Project, update: CatalogueUpdate) -> CatalogueUpdate:
    """Apply an analysed update after a backup, in one transaction (see module docstring)."""
    from sqlalchemy import insert, select, text
    from sqlalchemy import update as sql_update
    from sqlmodel import col

    from ozgdesk.store.bulk_insert import insert_many
    from ozgdesk.store.models import ImportSource, ProjectInfo, Service, ServiceSource, table_of
    from ozgdesk.workflow.catalogue import merge_services

    if not update.ok:
        return update
    if project.read_only:
        update.reason = "Das Projekt ist schreibgeschützt geöffnet."
        return update
    update.backup = str(project.backup("vor-Katalog-Aktualisierung"))
    now = datetime.now(UTC)
    name = Path(update.file).name
    with project.session() as session:
        merged = merge_services(
            session,
            update.records,
            origin=f"Katalog-Aktualisierung „{name}“",
            fields=update.fields,
            source_label=None,
            warn_unknown_keys=False,
        )
        driver = session.connection().exec_driver_sql
        if update._ozg_changed:
            sql = (
                "SELECT key, id FROM service WHERE key IS NOT NULL",
                "SELECT name, id FROM service WHERE key IS NULL",
                "SELECT ozg_id, id FROM ozg_service",
            )
            key_ids: dict[str, int] = dict(driver(sql[0]).fetchall())
            name_ids: dict[str, int] = dict(driver(sql[1]).fetchall())
            ozg_rows: dict[str, int] = dict(driver(sql[2]).fetchall())
            stale = []
            for ident, wanted in update._ozg_changed.items():
                service_id = key_ids.get(ident, name_ids.get(ident))
                keep = {ozg_rows[o] for o in wanted if o in ozg_rows}
                for (ozg_service_id,) in session.execute(
                    text("SELECT ozg_service_id FROM service_ozg WHERE service_id = :s"),
                    {"s": service_id},
                ).fetchall():
                    if ozg_service_id not in keep:
                        stale.append({"s": service_id, "o": ozg_service_id})
            if stale:
                session.execute(
                    text("DELETE FROM service_ozg WHERE service_id = :s AND ozg_service_id = :o"),
                    stale,
                )
        for ids, value in ((update._retired_ids, now), (update._returned_ids, None)):
            for start in range(0, len(ids), 500):
                session.execute(
                    sql_update(Service)
                    .where(col(Service.id).in_(ids[start : start + 500]))
                    .values(retired_at=value, updated_at=now)
                )
        source_id = session.execute(
            select(col(ImportSource.id)).where(col(ImportSource.label) == BUILTIN_SOURCE)
        ).scalar()
        if source_id is None:
            source_id = session.execute(
                insert(ImportSource).values(
                    label=BUILTIN_SOURCE, last_file=name, last_import_at=now
                )
            ).inserted_primary_key[0]  # type: ignore[attr-defined]  # an INSERT's CursorResult
        else:
            session.execute(
                sql_update(ImportSource)
                .where(ImportSource.id == source_id)
                .values(last_file=name, last_import_at=now)
            )
        members = {
            i
            for (i,) in session.execute(
                text("SELECT service_id FROM service_source WHERE source_id = :s"), {"s": source_id}
            ).fetchall()
        }
        new = sorted(set(merged.service_ids) - members)
        insert_many(
            session,
            table_of(ServiceSource),
            [{"service_id": i, "source_id": source_id, "missing": False} for i in new],
        )
        info = session.get(ProjectInfo, 1)
        if info is not None:
            info.catalogue_source = (
                f"{info.catalogue_source.split(' · aktualisiert')[0]} · aktualisiert am "
                f"{now.astimezone():%d.%m.%Y} aus „{name}“"
            )
    update.committed = True
    return update
