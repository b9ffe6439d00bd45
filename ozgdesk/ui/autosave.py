"""The one editing model of the app: forms save as the user goes.

A form's fields are watched by an :class:`AutoSave`: typing saves after a short pause
(``PAUSE_MS``), leaving a field saves at once, a choice (combo box, check box, date) saves at
once. Each save is one undo step (the form's ``save`` callback records it with
``ui.undo.push_done``). There is no "speichern" button whose omission loses work: before the
window shows another page, opens another project or closes, :func:`leave_all` saves what is
pending; where a form must be completed first (``incomplete`` names what is missing), leaving
asks whether to discard the incomplete input or stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)

PAUSE_MS = 700


class AutoSave(QObject):
    """Saves one form as the user goes; see the module text."""

    saved = Signal()

    def __init__(
        self,
        owner: QWidget,
        save: Callable[[], bool | None],
        *,
        incomplete: Callable[[], str] | None = None,
        discard: Callable[[], None] | None = None,
        what: str = "",
        pause_ms: int = PAUSE_MS,
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self._save = save
        self._incomplete = incomplete
        self._discard = discard
        self.what = what
        self.pending = False
        self._loading = 0
        self._saving = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(pause_ms)
        self.timer.timeout.connect(self.flush)

    # -- watching ----------------------------------------------------------------------------

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.schedule)
                widget.editingFinished.connect(self.flush)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self.schedule)
                widget.installEventFilter(self)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed_now)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self.changed_now)
            elif isinstance(widget, QDateTimeEdit):  # includes QDateEdit
                widget.dateTimeChanged.connect(self.schedule)
                widget.editingFinished.connect(self.flush)
            elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                widget.valueChanged.connect(self.schedule)
                widget.editingFinished.connect(self.flush)
            elif isinstance(widget, QAbstractSpinBox):
                widget.editingFinished.connect(self.changed_now)
            elif isinstance(widget, QTableWidget):
                widget.itemChanged.connect(self.schedule)
                widget.installEventFilter(self)
            else:
                raise TypeError(f"AutoSave cannot watch {type(widget).__name__}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill the form without that counting as an edit."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1
            if not self._loading:
                self.pending = False
                self.timer.stop()

    # -- saving ------------------------------------------------------------------------------

    def schedule(self, *_args: object) -> None:
        """An edit: save after a short pause."""
        if self._loading or self._saving:
            return
        self.pending = True
        self.timer.start()

    def changed_now(self, *_args: object) -> None:
        """A choice was made: save right away."""
        if self._loading or self._saving:
            return
        self.pending = True
        self.flush()

    def problems(self) -> str:
        return self._incomplete() if self._incomplete is not None else ""

    def flush(self) -> bool:
        """Save what is pending, if the form is complete; True if nothing is left pending."""
        self.timer.stop()
        if not self.pending or self._saving:
            return not self.pending
        if self.problems():
            return False  # stays pending: the form shows what is missing; leaving asks
        self.pending = False
        self._saving = True
        try:
            ok = self._save() is not False
        finally:
            self._saving = False
        if ok:
            self.saved.emit()
        return True

    def leave(self) -> bool:
        """Before the form is left: save, or ask about incomplete input. False: stay."""
        if self.flush():
            return True
        from ozgdesk.ui import messages

        what = self.what or self.owner.tr("Die Eingaben")
        if messages.confirm(
            self.owner,
            self.owner.tr("Eingaben unvollständig"),
            self.owner.tr(
                "%1 können noch nicht gespeichert werden:\n%2\n\n"
                "Ohne Speichern weitergehen (die unvollständigen Eingaben gehen verloren)?"
            )
            .replace("%1", what)
            .replace("%2", self.problems()),
            self.owner.tr("Verwerfen und weiter"),
        ):
            self.pending = False
            if self._discard is not None:
                with self.loading():
                    self._discard()
            return True
        return False


def leave_all(root: QWidget) -> bool:
    """Save the pending edits of every form under ``root``; False if the user wants to stay
    at an incomplete one."""
    return all(saver.leave() for saver in root.findChildren(AutoSave))


def pending_anywhere(root: QWidget) -> bool:
    return any(saver.pending for saver in root.findChildren(AutoSave))
