"""Every list the coordinator fills can be edited the same way: double-click, F2, Enter or the
context menu open the edit dialog of the current row; the context menu also offers the list's
other actions (add, remove …)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu


class _Keys(QObject):
    def __init__(self, view: QAbstractItemView, edit: Callable[[], None]) -> None:
        super().__init__(view)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        ):
            self._edit()
            return True
        return False


def make_editable(
    view: QAbstractItemView,
    edit: Callable[[], None],
    actions: Sequence[tuple[str, Callable[[], None]]] = (),
    edit_text: str = "Bearbeiten…",
) -> None:
    """Open ``edit`` on double-click, F2, Enter and from the context menu (which also lists
    ``actions``: (label, slot))."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.doubleClicked.connect(lambda _index: edit())
    keys = _Keys(view, edit)
    view.installEventFilter(keys)
    view.setProperty("ozgdesk_editable", True)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(position: QPoint) -> None:
        menu = context_menu(view, edit, actions, edit_text)
        menu.exec(view.viewport().mapToGlobal(position))
        menu.deleteLater()

    view.customContextMenuRequested.connect(show_menu)
    tip = view.toolTip()
    hint = view.tr("Doppelklick, F2 oder Eingabetaste: bearbeiten; rechte Maustaste: mehr")
    view.setToolTip(f"{tip}\n{hint}" if tip else hint)


def context_menu(
    view: QAbstractItemView,
    edit: Callable[[], None],
    actions: Sequence[tuple[str, Callable[[], None]]],
    edit_text: str = "Bearbeiten…",
) -> QMenu:
    """The context menu of an editable list (also used by tests to trigger its entries)."""
    menu = QMenu(view)
    current = view.currentIndex().isValid()
    edit_action = menu.addAction(view.tr(edit_text), edit)
    edit_action.setShortcut(Qt.Key.Key_F2)
    edit_action.setEnabled(current)
    if actions:
        menu.addSeparator()
    for label, slot in actions:
        menu.addAction(label, slot)
    return menu
