"""Finding and erasing a person in a project file or a backup (raw sqlite3, no SQLAlchemy).

Every column comes from the registry (:mod:`store.personal_fields`); a column or table a
file does not have (a backup from an older version) is skipped. :func:`find` and
:func:`erase` see exactly the same places: the list shown to the user is what is erased.
Backups are rewritten by :func:`purge_backup`: loaded into memory, erased there, written
with ``VACUUM INTO`` to a temporary file that is checked (integrity, no place found, no
name or address in its raw bytes) before it replaces the backup.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ozgdesk.store.connection import read_only_uri
from ozgdesk.store.personal_fields import (
    REPLACEMENT,
    TABLES,
    PersonalTable,
    PersonColumns,
    label,
)
from ozgdesk.store.personal_match import Terms, file_mentions, raw_checkable, residue

log = logging.getLogger(__name__)

DELETE_ROW = "Datensatz löschen"
CLEAR = "leeren"
REMOVE = "Name/Adresse herausnehmen"
REPLACE = f"durch {REPLACEMENT} ersetzen"


@dataclass(frozen=True)
class Place:
    """One field of one record where the person stands, and what the erase does there."""

    table: str
    record: int  # rowid
    field: str
    label: str
    where: str
    value: str
    action: str
    matched: tuple[str, ...] = ()  # the names/addresses found, as written
    person_record: bool = False  # part of the columns describing one person

    def as_dict(self) -> dict[str, object]:
        return {
            "table": self.table,
            "record": self.record,
            "field": self.field,
            "label": self.label,
            "where": self.where,
            "value": self.value,
            "action": self.action,
        }


@dataclass
class _Plan:
    table: str
    rowid: int
    delete: bool = False
    updates: dict[str, str] = field(default_factory=dict)


@dataclass
class Scan:
    places: list[Place] = field(default_factory=list)
    plans: list[_Plan] = field(default_factory=list)
    identities: list[tuple[str, str]] = field(default_factory=list)  # (name, e-mail) of rows


def _on_file(conn: sqlite3.Connection) -> bool:
    return isinstance(conn, sqlite3.Connection)


def _row_key(conn: sqlite3.Connection, table: str) -> str:
    """What names a record: SQLite's rowid in a file; on a server (PostgreSQL has no rowid)
    the table's primary key (one column in every registered table: a test checks)."""
    if _on_file(conn):
        return "rowid"
    from sqlmodel import SQLModel

    import ozgdesk.store.models  # noqa: F401 - registers the tables

    (key,) = SQLModel.metadata.tables[table].primary_key.columns
    return f'"{key.name}"'


def _present(conn: sqlite3.Connection, table: str) -> set[str]:
    if _on_file(conn):
        return {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
    cursor = conn.execute(f'SELECT * FROM "{table}" LIMIT 0')
    return {d[0] for d in cursor.description}


def _rows(
    conn: sqlite3.Connection, spec: PersonalTable, columns: list[str], terms: Terms | None
) -> Iterator[tuple[Any, ...]]:
    quoted = ", ".join(f't."{c}"' for c in columns)
    needles = terms.like_needles() if terms is not None else None
    if needles:
        like = "LIKE" if _on_file(conn) else "ILIKE"  # SQLite's LIKE ignores (ASCII) case
        condition = " OR ".join(
            f"t.\"{c}\" {like} ? ESCAPE '\\'" for c in columns for _n in needles
        )
        params = [f"%{n}%" for _c in columns for n in needles]
    else:
        condition = " OR ".join(f'(t."{c}" IS NOT NULL AND t."{c}" != \'\')' for c in columns)
        params = []
    for where, joins in ((spec.where, spec.joins), (f"'{spec.table}'", "")):
        key = _row_key(conn, spec.table)
        sql = f'SELECT t.{key}, {where}, {quoted} FROM "{spec.table}" t {joins} WHERE {condition}'
        try:
            rows = conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:  # an older file: the description's joins may fail
            if where != spec.where:
                raise
            continue
        yield from rows
        return


_SEPARATOR = re.compile(r"\s*(?:[,;/&+]|\bund\b|\boder\b)\s*", re.IGNORECASE)


def _remove(value: str, regex: re.Pattern[str]) -> str:
    """The field without the matched names ("Erika Muster, Hans Meier" → "Hans Meier")."""
    marked = regex.sub("\x00", value)
    kept = []
    for part in _SEPARATOR.split(marked):
        if "\x00" in part:
            rest = part.replace("\x00", "").strip(" \t\n-–()")
            if rest:
                kept.append(rest)
        elif part.strip():
            kept.append(part.strip())
    return ", ".join(kept)


def _replace_json(value: str, regex: re.Pattern[str], found: list[str]) -> str | None:
    try:
        data = json.loads(value)
    except ValueError:
        return None

    def walk(item: object) -> object:
        if isinstance(item, str):
            found.extend(m.group() for m in regex.finditer(item))
            return regex.sub(REPLACEMENT, item)
        if isinstance(item, list):
            return [walk(i) for i in item]
        if isinstance(item, dict):
            return {k: walk(v) for k, v in item.items()}
        return item

    new = walk(data)
    return json.dumps(new, ensure_ascii=False) if found else value


_KINDS = ("names", "emails", "texts", "json_texts")


def scan(conn: sqlite3.Connection, terms: Terms, persons_only: bool = False) -> Scan:
    """Every place the names/addresses of ``terms`` stand in, with the erase planned.
    ``persons_only``: only the rows describing a person (for :func:`expand`)."""
    result = Scan()
    if not terms:
        return result
    for spec in TABLES:
        present = _present(conn, spec.table)
        if not present:
            continue
        persons = [p for p in spec.persons if all(c in present for c in p.name)]
        fields = (
            []
            if persons_only
            else [(kind, c) for kind in _KINDS for c in getattr(spec, kind) if c in present]
        )
        person_columns = [c for p in persons for c in p.columns if c in present]
        columns = list(dict.fromkeys(person_columns + [c for _k, c in fields]))
        if not columns:
            continue
        for row in _rows(conn, spec, columns, terms):
            values = {c: "" if v is None else str(v) for c, v in zip(columns, row[2:], strict=True)}
            row_scan = _RowScan(spec.table, int(row[0]), str(row[1] or spec.table), values)
            for person in persons:
                row_scan.person(person, present, terms, result.identities)
            for kind, column in fields:
                row_scan.field(kind, column, terms, result.identities)
            if row_scan.places:
                result.places.extend(row_scan.places)
                result.plans.append(row_scan.plan)
    return result


class _RowScan:
    """The places of one row and the planned erase."""

    def __init__(self, table: str, rowid: int, where: str, values: dict[str, str]) -> None:
        self.table, self.rowid, self.where, self.values = table, rowid, where, values
        self.plan = _Plan(table, rowid)
        self.places: list[Place] = []

    def _place(
        self, column: str, action: str, matched: list[str], person_record: bool = False
    ) -> None:
        self.places.append(
            Place(
                self.table,
                self.rowid,
                column,
                label(column),
                self.where,
                self.values[column],
                action,
                tuple(matched),
                person_record,
            )
        )

    def person(
        self,
        person: PersonColumns,
        present: set[str],
        terms: Terms,
        identities: list[tuple[str, str]],
    ) -> None:
        values = self.values
        name = " ".join(values[c].strip() for c in person.name if values[c].strip())
        email = values.get(person.email, "").strip() if person.email in present else ""
        name_regex, email_regex = terms.name_regex, terms.email_regex
        hit = bool(name and name_regex and name_regex.search(name)) or bool(
            email and email_regex and email_regex.search(email)
        )
        if not hit:
            return
        identities.append((name, email))
        matched = [m for m in (name, email) if m]
        for column in person.columns:
            if column in present and values[column].strip():
                self._place(column, DELETE_ROW if person.erase == "row" else CLEAR, matched, True)
                if person.erase != "row":
                    self.plan.updates[column] = ""
        if person.erase == "row":
            self.plan.delete = True

    def field(
        self, kind: str, column: str, terms: Terms, identities: list[tuple[str, str]]
    ) -> None:
        value = self.values[column]
        any_regex = terms.any_regex
        if not value.strip() or any_regex is None:
            return
        if kind == "json_texts":
            found: list[str] = []
            new = _replace_json(value, any_regex, found)
            if new is not None:
                if found:
                    self._place(column, REPLACE, found)
                    self.plan.updates[column] = new
                return
            kind = "texts"  # not JSON: a text like any other
        regex = terms.email_regex if kind == "emails" else any_regex
        found = [m.group() for m in regex.finditer(value)] if regex is not None else []
        if regex is None or not found:
            return
        if kind == "texts":
            new = regex.sub(REPLACEMENT, value)
            self._place(column, REPLACE, found)
        else:
            new = _remove(value, regex)
            self._place(column, REMOVE if new else CLEAR, found)
            if kind == "names":
                identities.extend((m, "") for m in found)
        self.plan.updates[column] = new


def find(conn: sqlite3.Connection, terms: Terms) -> list[Place]:
    return scan(conn, terms).places


def expand(conn: sqlite3.Connection, terms: Terms) -> Terms:
    """Given a name, also its addresses; given an address, also the names it is stored
    with (in the rows describing a person), and so on until nothing new turns up."""
    for _round in range(4):
        found = scan(conn, terms, persons_only=True).identities
        grown = terms.union(Terms.of([n for n, _e in found], [e for _n, e in found]))
        if grown == terms:
            break
        terms = grown
    return terms


def everyone(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, e-mail) of every row describing a person and every name field's text."""
    pairs: list[tuple[str, str]] = []
    for spec in TABLES:
        present = _present(conn, spec.table)
        persons = [p for p in spec.persons if all(c in present for c in p.name)]
        names = [c for c in spec.names if c in present]
        columns = list(
            dict.fromkeys([c for p in persons for c in (*p.name, p.email) if c in present] + names)
        )
        if not columns:
            continue
        for row in _rows(conn, spec, columns, None):
            values = {c: "" if v is None else str(v) for c, v in zip(columns, row[2:], strict=True)}
            for person in persons:
                name = " ".join(values[c].strip() for c in person.name if values[c].strip())
                email = values.get(person.email, "").strip() if person.email in present else ""
                if name or email:
                    pairs.append((name, email))
            pairs += [(values[c], "") for c in names if values[c].strip()]
    return pairs


def look_into(path: Path, terms: Terms) -> tuple[Terms, Scan]:
    """Expand ``terms`` and scan inside another file (a backup), opened read-only."""
    if not file_mentions(path, terms):
        return terms, Scan()
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            terms = expand(conn, terms)
            return terms, scan(conn, terms)
        finally:
            conn.close()
    except sqlite3.Error:
        return terms, Scan()


def file_uid(path: Path) -> str:
    """The project id stored in a file ('' when it cannot be read)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("SELECT uid FROM project_info LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row and row[0] else ""


def erase(conn: sqlite3.Connection, terms: Terms) -> list[Place]:
    """Erase what :func:`find` lists; the caller holds the transaction."""
    result = scan(conn, terms)
    try:
        for plan in result.plans:
            if plan.delete:
                conn.execute(
                    f'DELETE FROM "{plan.table}" WHERE {_row_key(conn, plan.table)} = ?',
                    (plan.rowid,),
                )
            elif plan.updates:
                assignments = ", ".join(f'"{c}" = ?' for c in plan.updates)
                conn.execute(
                    f'UPDATE "{plan.table}" SET {assignments} WHERE {_row_key(conn, plan.table)} = ?',
                    (*plan.updates.values(), plan.rowid),
                )
    except sqlite3.IntegrityError as exc:
        raise ValueError(
            "Die Person lässt sich nicht entfernen, weil danach zwei Einträge gleich hießen "
            f"({exc}). Ändern Sie den Eintrag vorher von Hand."
        ) from exc
    return result.places


# -- backups ---------------------------------------------------------------------------------

PURGED = "bereinigt"
UNTOUCHED = "enthielt die Person nicht"
WOULD_PURGE = "würde bereinigt"
DELETED = "gelöscht (beschädigt, nicht mehr verwendbar)"
FAILED = "nicht bereinigt"


@dataclass(frozen=True)
class BackupPurge:
    path: Path
    places: int
    state: str
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.state != FAILED

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "places": self.places,
            "state": self.state,
            "ok": self.ok,
            "problem": self.problem,
        }


def check_rows(conn: sqlite3.Connection, terms: Terms) -> str:
    """'' when the database behind ``conn`` holds no place of the person (a server's check;
    a file's also looks at its raw bytes, see :func:`check_clean`)."""
    left = find(conn, terms)
    if left:
        return f"noch {len(left)} Fundstelle(n), z. B. {left[0].where}, {left[0].label}"
    return ""


def check_clean(path: Path, terms: Terms) -> str:
    """'' when the file at ``path`` holds neither a place nor the raw bytes of the person."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        left = find(conn, terms)
    finally:
        conn.close()
    if left:
        return f"noch {len(left)} Fundstelle(n), z. B. {left[0].where}, {left[0].label}"
    raw = residue(path, terms)
    return f"noch in den Rohdaten der Datei: {raw[0]}" if raw else ""


def _damaged(path: Path, damage: str, dry_run: bool) -> BackupPurge:
    if damage.startswith("Die Sicherung stammt aus einer neueren"):
        return BackupPurge(path, 0, FAILED, damage)
    if not dry_run:
        with contextlib.suppress(OSError):
            path.unlink()
    return BackupPurge(path, 0, DELETED, damage)


def _damage(memory: sqlite3.Connection, quick: bool = True) -> str:
    from ozgdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION

    if memory.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return "Die Datei ist keine Sicherung eines ozgdesk-Projekts."
    if memory.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
        return "Die Sicherung stammt aus einer neueren ozgdesk-Version."
    if not quick:  # the rewritten copy is checked instead (backups.verify)
        return ""
    result = memory.execute("PRAGMA quick_check").fetchone()[0]
    return "" if result == "ok" else f"Die Sicherung ist beschädigt ({result})."


def purge_backup(path: Path, terms: Terms, dry_run: bool = False) -> BackupPurge:
    """Rewrite one backup without the person (see module docstring). A backup that turns
    out damaged (and so could not be restored anyway) is deleted instead."""
    from ozgdesk.store import backups

    # no quick "does it mention the person" read first: most backups do, and then that
    # read of the whole file is wasted (a backup without the person costs its scan)
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{id(memory)}.tmp")
    try:
        return _purge(path, terms, dry_run, memory, tmp)
    except sqlite3.DatabaseError as exc:  # a damaged page shows, or the disk is full
        damage = backups.verify(path)
        if damage:
            return _damaged(path, damage, dry_run)
        log.warning("Sicherung %s nicht bereinigt", path.name)
        return BackupPurge(path, 0, FAILED, str(exc))
    except (OSError, ValueError) as exc:
        # the reason may quote the person: it goes to the caller, never to the log file
        log.warning("Sicherung %s nicht bereinigt", path.name)
        return BackupPurge(path, 0, FAILED, str(exc))
    finally:
        memory.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _purge(
    path: Path, terms: Terms, dry_run: bool, memory: sqlite3.Connection, tmp: Path
) -> BackupPurge:
    from ozgdesk.store import backups

    source = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        source.backup(memory)
    finally:
        source.close()
    damage = _damage(memory, quick=False)
    if damage:
        return _damaged(path, damage, dry_run)
    if dry_run:
        count = len(find(memory, terms))
        return BackupPurge(path, count, WOULD_PURGE if count else UNTOUCHED)
    memory.execute("PRAGMA secure_delete = ON")
    memory.execute("BEGIN")
    places = erase(memory, terms)
    memory.execute("COMMIT")
    if not places and not residue(path, terms):
        return BackupPurge(path, 0, UNTOUCHED)
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    memory.execute("VACUUM INTO ?", (str(tmp),))
    memory.close()
    problem = backups.verify(tmp)
    raw = residue(tmp, terms)
    if raw:
        problem = f"noch in den Rohdaten der Datei: {raw[0]}"
    elif not raw_checkable(terms):  # single words are checked in the data instead
        problem = problem or check_clean(tmp, terms)
    if problem:
        raise ValueError(problem)
    with tmp.open("rb+") as fh:  # VACUUM INTO does not sync: on disk before it replaces
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return BackupPurge(path, len(places), PURGED)
