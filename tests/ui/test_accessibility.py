"""Every interactive widget has an accessible name (screen readers, keyboard users)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow.demo import populate

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
)


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent()
    return False


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QTabBar):
            continue
        if isinstance(widget, QHeaderView) or _inside(
            widget, (QComboBox, QAbstractSpinBox, QLineEdit)
        ):
            continue  # parts of a table, combo box, spin box or line edit (their owner is named)
        if type(widget).__name__.startswith("QScrollBar") or widget.objectName().startswith("qt_"):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not (name or widget.accessibleName()).strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    return missing


def test_all_step_pages_name_their_controls(qtbot, app, project: Project, settings) -> None:
    populate(project)  # the demo data, so every page shows its lists
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    missing = _unnamed(window)
    for row in range(5):
        window.sidebar.setCurrentRow(row)
        page = window.current_page()
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            missing += _unnamed(page)
    assert sorted(set(missing)) == [], "\n".join(sorted(set(missing)))
