"""The main window's menus: Datei, Bearbeiten, Ansicht, Hilfe, with their shortcuts."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QListWidget, QMainWindow, QMenu

from ozgdesk.ui.settings import AppSettings
from ozgdesk.workflow.steps import STEPS

if TYPE_CHECKING:
    from pathlib import Path

    _Window = QMainWindow
else:
    _Window = object  # a mixin: MainWindow is the QMainWindow


class WindowMenus(_Window):
    """Mixed into MainWindow, which holds the attributes and slots declared here."""

    settings: AppSettings
    undo_stack: QUndoStack
    sidebar: QListWidget
    recent_menu: QMenu
    settings_action: QAction
    save_copy_action: QAction
    print_action: QAction
    undo_action: QAction
    redo_action: QAction

    if TYPE_CHECKING:

        def new_project(self) -> None: ...
        def open_project(self) -> None: ...
        def open_recent(self, path: Path) -> None: ...
        def connect_server(self) -> None: ...
        def show_project_settings(self) -> None: ...
        def show_backups(self) -> None: ...
        def save_copy(self) -> None: ...
        def _district_team(self, action: str) -> None: ...
        def print_current(self) -> None: ...
        def show_help(self) -> None: ...
        def show_shortcuts(self) -> None: ...
        def open_demo(self) -> None: ...
        def show_about(self) -> None: ...

    # -- menus --------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Datei"))
        file_menu.addAction(
            self._action(self.tr("&Neues Projekt…"), self.new_project, QKeySequence.StandardKey.New)
        )
        file_menu.addAction(
            self._action(self.tr("Ö&ffnen…"), self.open_project, QKeySequence.StandardKey.Open)
        )
        self.recent_menu = file_menu.addMenu(self.tr("&Zuletzt geöffnet"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self._action(self.tr("Mit &Server verbinden…"), self.connect_server))
        file_menu.addSeparator()
        self.settings_action = self._action(
            self.tr("&Projekteinstellungen…"), self.show_project_settings
        )
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self._action(self.tr("&Sicherungen…"), self.show_backups))
        self.save_copy_action = self._action(
            self.tr("&Kopie speichern unter…"), self.save_copy, QKeySequence.StandardKey.SaveAs
        )
        file_menu.addAction(self.save_copy_action)
        file_menu.addSeparator()
        for text, name in (
            (self.tr("&Vorlage weitergeben…"), "export_share"),
            (self.tr("Vorlage ü&bernehmen…"), "take_over"),
            (self.tr("&Kreisübersicht…"), "district_overview"),
        ):
            file_menu.addAction(self._action(text, partial(self._district_team, name)))
        file_menu.addSeparator()
        self.print_action = self._action(
            self.tr("&Drucken…"), self.print_current, QKeySequence.StandardKey.Print
        )
        self.print_action.setToolTip(
            self.tr("Das Hauptdokument dieses Schritts in der Druckvorschau (Strg+P)")
        )
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Beenden"), self.close, QKeySequence.StandardKey.Quit)
        )

        edit_menu = self.menuBar().addMenu(self.tr("&Bearbeiten"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Rückgängig"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Wiederholen"))
        redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

        view_menu = self.menuBar().addMenu(self.tr("&Ansicht"))
        for index, step in enumerate(STEPS):
            view_menu.addAction(
                self._action(
                    self.tr("Schritt %1: %2")
                    .replace("%1", str(step.number))
                    .replace("%2", step.title),
                    lambda _checked=False, i=index: self.sidebar.setCurrentRow(i),
                    f"Ctrl+{step.number}",
                )
            )

        help_menu = self.menuBar().addMenu(self.tr("&Hilfe"))
        help_menu.addAction(
            self._action(
                self.tr("&Hilfe zu diesem Schritt"),
                self.show_help,
                QKeySequence.StandardKey.HelpContents,
            )
        )
        help_menu.addAction(self._action(self.tr("&Tastenkürzel"), self.show_shortcuts))
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("&Demo-Kommune öffnen"), self.open_demo))
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("Ü&ber ozgdesk"), self.show_about))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        if not files:
            empty = self.recent_menu.addAction(self.tr("(keine)"))
            empty.setEnabled(False)
            return
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name} – {path.parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
