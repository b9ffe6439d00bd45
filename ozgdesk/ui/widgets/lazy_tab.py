"""A tab whose widget is built when it is first shown or asked for (keeps the start fast).

The tab holds an empty placeholder until then; :meth:`LazyTab.widget` builds the real
widget and puts it in the placeholder's place (same position, title and tooltip), so that
afterwards ``tabs.setCurrentWidget(lazy.widget())`` and ``tabs.widget(i)`` see the real one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QTabWidget, QWidget

from ozgdesk.ui.style import pad_labels
from ozgdesk.ui.widgets.columns import fit_all_headers

W = TypeVar("W", bound=QWidget)


class LazyTab(Generic[W]):
    def __init__(self, tabs: QTabWidget, title: str, build: Callable[[], W]) -> None:
        self._tabs = tabs
        self._build = build
        self._widget: W | None = None
        self.placeholder = QWidget()
        tabs.addTab(self.placeholder, title)

    @property
    def built(self) -> bool:
        return self._widget is not None

    def holds(self, widget: QWidget | None) -> bool:
        """True if ``widget`` is this tab's page (the placeholder or the built widget)."""
        return widget is not None and widget in (self.placeholder, self._widget)

    def widget(self) -> W:
        if self._widget is None:
            widget = self._build()
            tabs = self._tabs
            index = tabs.indexOf(self.placeholder)
            current = tabs.currentIndex()
            title, tip = tabs.tabText(index), tabs.tabToolTip(index)
            blocked = tabs.blockSignals(True)  # the tab stays the same for the user
            try:
                tabs.removeTab(index)
                tabs.insertTab(index, widget, title)
                tabs.setTabToolTip(index, tip)
                tabs.setCurrentIndex(current)
            finally:
                tabs.blockSignals(blocked)
            self.placeholder.deleteLater()
            self._widget = widget
            # what the main window does for a whole page when it builds one
            fit_all_headers(widget)
            pad_labels(widget)
        return self._widget
