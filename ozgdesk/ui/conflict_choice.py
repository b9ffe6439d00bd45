"""When someone else changed the same services meanwhile (server projects): ask, then store.

A page passes the versions its rows showed (``seen``) and a function that stores the change
for given service ids with given versions. Someone else's change meanwhile raises
``EditConflictError``; the user sees both values and chooses: store their own value anyway,
keep the other one (the rest of the change is stored), or cancel (nothing is stored).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ozgdesk.ui import messages
from ozgdesk.workflow.conflicts import EditConflictError

if TYPE_CHECKING:
    from ozgdesk.store.project import Project

T = TypeVar("T")

MINE, THEIRS = 0, 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("Conflicts", text)


def store_asking(
    parent: QWidget | None,
    ids: list[int],
    seen: Mapping[int, int],
    store: Callable[[list[int], Mapping[int, int]], T],
) -> tuple[list[int], T] | None:
    """``store(ids, seen)``; on a conflict the user decides. Returns the ids stored and
    ``store``'s result, or None when nothing was stored."""
    try:
        return ids, store(ids, seen)
    except EditConflictError as conflict:
        choice = messages.choose(
            parent,
            _tr("Gleichzeitig geändert"),
            conflict.what,
            [_tr("Meine Änderung übernehmen"), _tr("Die andere Änderung behalten")],
            _tr(
                "Bei „Die andere Änderung behalten“ werden nur die übrigen Leistungen "
                "geändert. „Abbrechen“ ändert nichts."
            ),
        )
        if choice == MINE:
            return ids, store(ids, {**seen, **conflict.seen()})
        if choice == THEIRS:
            others = [i for i in ids if i not in conflict.seen()]
            if not others:
                return None
            return others, store(others, seen)
        return None


def store_checked(
    parent: QWidget | None,
    project: Project,
    ids: list[int],
    store: Callable[[list[int], Mapping[int, int]], T],
) -> tuple[list[int], T] | None:
    """Undo and redo: on a server, checked against the versions this window's own last change
    left (``Project.written_versions``), so that reverting never silently overwrites what
    someone else stored meanwhile. A local file has one writer: stored unchecked."""
    if not project.is_server:
        return ids, store(ids, {})
    seen = {i: v for i in ids if (v := project.written_versions.get(i)) is not None}
    return store_asking(parent, ids, seen, store)
