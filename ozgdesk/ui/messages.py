"""Message boxes in one place, so that tests can answer them without blocking.

Tests replace the functions of this module (monkeypatch); widgets call them
through the module (``messages.ask_read_only(...)``), never QMessageBox directly.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ozgdesk.store.errors import ProjectError


def show_project_error(parent: QWidget | None, error: ProjectError) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(error.title)
    box.setText(error.what)
    box.setInformativeText(error.todo)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_read_only(parent: QWidget | None, error: ProjectError) -> bool:
    """The file cannot be written (locked or read-only): open it read-only instead?"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(error.title)
    box.setText(error.what)
    box.setInformativeText(error.todo)
    read_only = box.addButton(
        QCoreApplication.translate("Messages", "Schreibgeschützt öffnen"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, action: str = "") -> bool:
    """Ask before doing something (e.g. deleting); ``action`` labels the yes-button."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(
        action or QCoreApplication.translate("Messages", "Ja"), QMessageBox.ButtonRole.AcceptRole
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is yes


def choose(
    parent: QWidget | None, title: str, text: str, options: list[str], detail: str = ""
) -> int:
    """Let the user pick one of several actions; returns its index, or -1 for cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    if buttons:
        box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else -1
