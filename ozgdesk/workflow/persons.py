"""Personal data (DSGVO Art. 15 and 17): who is in the project, and erasing one person.

:func:`find` looks a person up by name or e-mail address (and then also for the other,
as the project stores them together) and lists every place; :func:`forget` erases
exactly those places in one transaction, rebuilds the file (``VACUUM``, with
``secure_delete`` on every connection), checks the file's raw bytes and rewrites every
backup of the project through the same erase (see :mod:`store.personal_erase`).
:func:`overview` lists every person with where they occur. The CLI (``ozgdesk forget``,
``ozgdesk persons``) and the GUI ("Personen und Datenschutz") use these functions.
"""

from __future__ import annotations

import contextlib
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ozgdesk import paths
from ozgdesk.store import backups, personal_erase
from ozgdesk.store.personal_erase import BackupPurge, Place
from ozgdesk.store.personal_match import (
    MIN_LENGTH,
    People,
    Person,
    Terms,
    clean_term,
    file_mentions,
    is_email,
    residue,
    split_names,
)
from ozgdesk.store.project import Project

log = logging.getLogger(__name__)

__all__ = ["BackupPurge", "Finding", "Outcome", "Person", "Place", "find", "forget", "overview"]


@dataclass(frozen=True)
class Finding:
    """What a search for one person found."""

    query: str
    terms: Terms
    places: list[Place]
    people: list[Person]
    backups: list[Path]
    in_backups: int = 0  # backups holding the person although the project no longer does
    in_free_space: bool = False  # no place, but the file's unused bytes still hold them

    @property
    def anything(self) -> bool:
        return bool(self.places or self.in_backups or self.in_free_space)

    @property
    def ambiguous(self) -> bool:
        """More than one person matched (e.g. "Muster" for Erika and Tobias Muster)."""
        return len(self.people) > 1

    @property
    def person(self) -> str:
        return self.people[0].name if len(self.people) == 1 else self.query

    def as_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "searched": self.terms.as_dict(),
            "persons": [p.as_dict() for p in self.people],
            "ambiguous": self.ambiguous,
            "places": [p.as_dict() for p in self.places],
            "backups": [str(b) for b in self.backups],
            "in_backups_only": self.in_backups,
            "in_free_space": self.in_free_space,
        }


@dataclass
class Outcome:
    finding: Finding
    committed: bool
    erased: list[Place] = field(default_factory=list)
    project_check: str = ""  # "" when the project file holds nothing of the person
    backups: list[BackupPurge] = field(default_factory=list)
    # damaged files kept beside the project ("<name>.beschaedigt-<stamp>"), which may still
    # hold the person: ozgdesk cannot rewrite them, the user decides (named in the result)
    damaged_copies: list[Path] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return not self.project_check and all(b.ok for b in self.backups)

    def as_dict(self) -> dict[str, object]:
        data = self.finding.as_dict()
        data.update(
            committed=self.committed,
            dry_run=not self.committed,
            erased=len(self.erased),
            verified=self.verified if self.committed else None,
            project_check=self.project_check,
            backups=[b.as_dict() for b in self.backups],
            damaged_copies=[str(p) for p in self.damaged_copies],
        )
        return data


def _pairs(scan: personal_erase.Scan) -> list[tuple[str, str]]:
    pairs = list(scan.identities)
    for place in scan.places:
        pairs += [("", m) if is_email(m) else (m, "") for m in place.matched]
    return pairs


def find(project: Project, text: str, deep: bool = True) -> Finding:
    """Every place where the person stands (nothing for fewer than three letters). When
    the project holds no place, ``deep`` also looks into the backups and into the file's
    unused bytes (a person removed earlier); while the user types, that is left out."""
    query = clean_term(text)
    start = Terms.of(emails=[query]) if is_email(query) else Terms.of(names=[query])
    if len(query) < MIN_LENGTH or not start:
        return Finding(query, Terms(), [], [], [])
    with project.reading() as conn:
        terms = personal_erase.expand(conn, start)
        scan = personal_erase.scan(conn, terms)
    files = backup_files(project)
    pairs, in_backups, in_free_space = _pairs(scan), 0, False
    if not scan.places and deep:  # erased earlier (or by hand), perhaps still in backups
        in_free_space = not project.is_server and bool(residue(project.path, terms))
        for path in files:
            grown, backup_scan = personal_erase.look_into(path, terms)
            if backup_scan.places:
                terms, in_backups = grown, in_backups + 1
                pairs += _pairs(backup_scan)
    people = People(pairs).persons if pairs else []
    return Finding(query, terms, scan.places, people, files, in_backups, in_free_space)


def backup_files(project: Project) -> list[Path]:
    """Every backup of the project: its backup folder, the backups made before the file
    was moved (same name, same project id) and, for a working copy, the share's."""
    found = list(backups.files(backups.folder_for(project.path)))
    uid = project.uid
    if project.remote_path is not None:
        found += backups.files(backups.folder_for(project.remote_path))
    for candidate in backups.find_for_path(project.remote_path or project.path):
        if candidate not in found and personal_erase.file_uid(candidate) == uid:
            found.append(candidate)
    return found


def forget(project: Project, finding: Finding, dry_run: bool = False) -> Outcome:
    """Erase the person of ``finding`` from the project and every backup (see module
    docstring). A finding with several persons is refused: search more precisely."""
    terms = finding.terms
    if dry_run or not finding.anything:
        purges = [personal_erase.purge_backup(p, terms, dry_run=True) for p in finding.backups]
        return Outcome(finding, committed=False, backups=purges)
    if finding.ambiguous:
        names = "; ".join(p.name for p in finding.people)
        raise ValueError(
            f"„{finding.query}“ passt auf mehrere Personen ({names}). Geben Sie den vollen "
            "Namen oder die E-Mail-Adresse an."
        )
    with project.raw_transaction() as conn:
        erased = personal_erase.erase(conn, terms)
    project.vacuum()
    project.forget_results()
    if project.remote_path is not None:  # a working copy: the share's file too, now
        project.write_back()
    if project.is_server:
        with project.reading() as conn:
            check = personal_erase.check_rows(conn, terms)
    else:
        check = personal_erase.check_clean(project.path, terms)
    if not check and project.remote_path is not None:
        check = personal_erase.check_clean(project.remote_path, terms)
    purges = _purge_backups(project, terms)
    damaged = sorted(
        project.path.parent.glob(f"{project.path.stem}.beschaedigt-*{project.path.suffix}")
    )
    damaged = [p for p in damaged if file_mentions(p, terms)]
    outcome = Outcome(finding, True, erased, check, purges, damaged)
    log.info(
        "Person entfernt: %d Fundstelle(n), %d Sicherung(en) bereinigt, geprüft: %s",
        len(erased),
        sum(p.state == personal_erase.PURGED for p in purges),
        "ja" if outcome.verified else "nein",
    )
    return outcome


def _purge_backups(project: Project, terms: Terms) -> list[BackupPurge]:
    done: dict[Path, BackupPurge] = {}
    for _round in range(3):  # a backup finished meanwhile (GUI's timer) is done too
        todo = [p for p in backup_files(project) if p not in done]
        if not todo:
            break
        # SQLite works without Python's interpreter lock: two backups at a time
        with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            for path, purge in zip(
                todo, pool.map(lambda p: personal_erase.purge_backup(p, terms), todo), strict=True
            ):
                done[path] = purge
    for folder in {p.parent for p in done} | {backups.folder_for(project.path)}:
        # half-written copies left by a crash are never offered, but may hold the person
        for stale in folder.glob(f".*{paths.PROJECT_SUFFIX}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
    return list(done.values())


# -- Art. 15: everyone ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    person: Person
    places: list[Place]

    @property
    def certain(self) -> bool:
        """A person for sure: with an address or a record of their own. Otherwise a name
        from a field such as "zuständig", which may also be a role ("Kämmerei")."""
        return bool(self.person.emails) or any(p.person_record for p in self.places)

    def as_dict(self) -> dict[str, object]:
        data = self.person.as_dict()
        data["certain"] = self.certain
        data["phones"] = sorted({p.value for p in self.places if p.field == "phone"})
        data["places"] = [p.as_dict() for p in self.places]
        return data


def overview(project: Project) -> list[Entry]:
    """Every person the project holds, with every place they occur in."""
    with project.reading() as conn:
        pairs = personal_erase.everyone(conn)
        names = [n for name, _e in pairs for n in split_names(name)]
        terms = Terms.of(names, [e for _n, e in pairs])
        scan = personal_erase.scan(conn, terms)
    people = People(
        [(n, e) for name, e in pairs for n in (split_names(name) or [""])] + _pairs(scan)
    )
    places: dict[int, list[Place]] = {id(p): [] for p in people.persons}
    for place in scan.places:
        owners = {id(o): o for m in place.matched if (o := people.of(m)) is not None}
        for key in owners:
            places[key].append(place)
    entries = [Entry(p, places[id(p)]) for p in people.persons if places[id(p)]]
    return sorted(entries, key=lambda e: (not e.certain, e.person.name.casefold()))
