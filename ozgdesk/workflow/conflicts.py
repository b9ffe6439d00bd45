"""Concurrent edits of the same service: found by its version, decided by the user.

On a server several people work on one municipality at once. A screen shows each service
with the ``version`` it had when read (``ServiceRow.version``); a change sends those versions
along (``seen``). In the write transaction the services are read again, locked; one whose
version moved on *and* whose stored value differs from the new one was changed by someone
else meanwhile: nothing of the whole change is stored, and :class:`EditConflictError` lists
every such service with the value the user saw, the other person's and the user's own. The
user then keeps the other value or stores their own (the same change again, with the
versions the error reports as seen).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ozgdesk.store.errors import ProjectError
from ozgdesk.wording import plural


@dataclass(frozen=True)
class Conflict:
    service_id: int
    service: str  # the service's name
    field: str  # what was changed, e.g. "Entscheidung"
    theirs: str  # the value someone else stored meanwhile
    mine: str  # the value this change wanted to store
    version: int  # the stored version (pass it as seen to store "mine" after all)


def shown(value: str) -> str:
    return value or "offen"


class EditConflictError(ProjectError):
    title = "Gleichzeitig geändert"

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        lines = [
            f"• {c.service}: {c.field} jetzt „{shown(c.theirs)}“, Ihre Änderung „{shown(c.mine)}“"
            for c in conflicts[:10]
        ]
        if len(conflicts) > 10:
            lines.append(f"• … und {plural(len(conflicts) - 10, 'weitere', 'weitere')}")
        super().__init__(
            None,
            f"{plural(len(conflicts), 'Leistung wurde', 'Leistungen wurden')} inzwischen von "
            "jemand anderem geändert; Ihre Änderung wurde noch nicht gespeichert:\n"
            + "\n".join(lines),
            "Behalten Sie die andere Änderung, oder übernehmen Sie Ihre eigene.",
        )

    def seen(self) -> dict[int, int]:
        """The stored versions: with these as ``seen`` the same change stores "mine"."""
        return {c.service_id: c.version for c in self.conflicts}


def check(
    stored: Mapping[int, tuple[int, str, str]],
    wanted: Mapping[int, str],
    seen: Mapping[int, int],
    field: str,
) -> list[Conflict]:
    """Conflicts among ``wanted`` (id → new value), given ``stored`` (id → (version, value,
    name)) as read in the write transaction and the versions the user ``seen``."""
    found = []
    for service_id, mine in wanted.items():
        if service_id not in seen or service_id not in stored:
            continue
        version, theirs, name = stored[service_id]
        if version != seen[service_id] and theirs != mine:
            found.append(Conflict(service_id, name, field, theirs, mine, version))
    return found


def refuse(
    session: Any, wanted: Mapping[int, str], seen: Mapping[int, int], field: str, value: Any
) -> None:
    """Inside a write transaction: lock the services of ``wanted`` (id → the new value as
    shown), read their version and ``value`` (a column expression giving the stored value as
    shown), and raise :class:`EditConflictError` for those changed meanwhile."""
    from sqlalchemy import select

    from ozgdesk.store.columns import col
    from ozgdesk.store.models import Service

    ids = sorted(i for i in wanted if i in seen)
    stored: dict[int, tuple[int, str, str]] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(col(Service.id), col(Service.version), value, col(Service.name))
            .where(col(Service.id).in_(ids[start : start + 500]))
            .order_by(col(Service.id))
            .with_for_update(of=Service)  # held until the commit: no one changes them between
        )
        stored.update({i: (v, r or "", n) for i, v, r, n in rows})
    found = check(stored, wanted, seen, field)
    if found:
        raise EditConflictError(found)


def note_versions(project: Any, session: Any, ids: list[int]) -> None:
    """The versions a change gave the services (``Project.written_versions``)."""
    from sqlalchemy import select

    from ozgdesk.store.columns import col
    from ozgdesk.store.models import Service

    for start in range(0, len(ids), 500):
        project.written_versions.update(
            session.execute(
                select(col(Service.id), col(Service.version)).where(
                    col(Service.id).in_(ids[start : start + 500])
                )
            ).all()
        )
