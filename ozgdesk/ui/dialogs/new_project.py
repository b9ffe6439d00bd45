"""New project (and first start): which municipality, and where the file goes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import paths
from ozgdesk.workflow import municipality as kinds
from ozgdesk.workflow.projects import municipalities, website_of

ACTION_CREATE = "create"
ACTION_OPEN = "open"
ACTION_DEMO = "demo"


class NewProjectDialog(QDialog):
    """Asks for the municipality and the file location.

    In first-start mode it also offers to open an existing project or the demo;
    :attr:`action` tells what the user chose.
    """

    def __init__(self, parent: QWidget | None = None, first_start: bool = False) -> None:
        super().__init__(parent)
        self.action = ACTION_CREATE
        self._path_edited = False
        self.setWindowTitle(
            self.tr("Willkommen bei ozgdesk") if first_start else self.tr("Neues Projekt")
        )
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "Ein Projekt gehört zu genau einer Kommune und ist eine einzige Datei. Alle "
                "Änderungen werden sofort darin gespeichert. Der Leistungskatalog NRW wird beim "
                "Anlegen geladen."
            )
        )
        intro.setWordWrap(True)

        self.municipality = QComboBox()
        self.municipality.setObjectName("municipality")
        self.municipality.setEditable(True)
        self.municipality.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.municipality.setAccessibleName(self.tr("Kommune"))
        self.municipality.addItem("")
        for entry in municipalities():
            self.municipality.addItem(entry.name)
        completer = QCompleter([m.name for m in municipalities()], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.municipality.setCompleter(completer)
        line_edit = self.municipality.lineEdit()
        assert line_edit is not None  # the combo box is editable
        line_edit.setPlaceholderText(
            self.tr("Kommune aus der NRW-Liste wählen oder Namen eintippen")
        )
        self.municipality.currentTextChanged.connect(self._municipality_changed)

        self.kind = QLabel()
        self.kind.setObjectName("municipalityKind")
        self.kind.setWordWrap(True)

        self.website = QLineEdit()
        self.website.setObjectName("website")
        self.website.setAccessibleName(self.tr("Website der Kommune"))
        self.website.setPlaceholderText(self.tr("z. B. www.musterstadt.de"))

        self.path = QLineEdit()
        self.path.setObjectName("projectPath")
        self.path.setAccessibleName(self.tr("Speicherort der Projektdatei"))
        self.path.textEdited.connect(self._path_typed)
        self.path.textChanged.connect(self._validate)
        browse = QPushButton(self.tr("Ändern…"))
        browse.setAccessibleName(self.tr("Speicherort wählen"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&Kommune:"), self.municipality)
        form.addRow(self.tr("Art:"), self.kind)
        form.addRow(self.tr("&Website:"), self.website)
        path_label = QLabel(self.tr("&Speicherort:"))
        path_label.setBuddy(self.path)
        form.addRow(path_label, path_row)

        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #a40000;")
        self.problem.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            self.tr("Projekt anlegen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if first_start:
            open_button = self.buttons.addButton(
                self.tr("Vorhandenes Projekt öffnen…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            open_button.clicked.connect(lambda: self._finish(ACTION_OPEN))
            demo_button = self.buttons.addButton(
                self.tr("Demo-Kommune ansehen"), QDialogButtonBox.ButtonRole.ActionRole
            )
            demo_button.clicked.connect(lambda: self._finish(ACTION_DEMO))
        self.buttons.accepted.connect(lambda: self._finish(ACTION_CREATE))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if first_start:
            welcome = QLabel(self.tr("Willkommen bei ozgdesk"))
            font = welcome.font()
            font.setPointSizeF(font.pointSizeF() * 1.4)
            font.setBold(True)
            welcome.setFont(font)
            layout.addWidget(welcome)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._validate()

    # -- values -----------------------------------------------------------------------

    def municipality_name(self) -> str:
        return self.municipality.currentText().strip()

    def website_text(self) -> str:
        return self.website.text().strip()

    def project_path(self) -> Path:
        text = self.path.text().strip()
        path = Path(text).expanduser()
        if text and path.suffix.lower() != paths.PROJECT_SUFFIX:
            path = path.with_name(path.name + paths.PROJECT_SUFFIX)
        return path

    # -- behaviour --------------------------------------------------------------------

    def _municipality_changed(self, name: str) -> None:
        self.website.setText(website_of(name))
        entry = kinds.find(name) if name.strip() else None
        if entry is not None:
            where = (
                self.tr(" im %1").replace("%1", entry.district)
                if entry.district and entry.kind != kinds.KREISFREIE_STADT
                else ""
            )
            self.kind.setText(
                self.tr("%1%2 · AGS %3")
                .replace("%1", kinds.kind_label(entry.kind))
                .replace("%2", where)
                .replace("%3", entry.ags)
            )
        else:
            self.kind.setText(
                self.tr(
                    "Nicht in der NRW-Liste: Art der Kommune und amtliche Schlüssel können Sie "
                    "nach dem Anlegen unter „Datei → Projekteinstellungen…“ festlegen."
                )
                if name.strip()
                else ""
            )
        if not self._path_edited:
            self.path.setText(str(paths.default_project_path(name.strip())) if name.strip() else "")
        self._validate()

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True

    def _browse(self) -> None:
        start = self.path.text() or str(paths.documents_dir())
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Projektdatei anlegen"), start, self.tr("ozgdesk-Projekte (*.ozgdesk)")
        )
        if chosen:
            self._path_edited = True
            self.path.setText(chosen)

    def problem_text(self) -> str:
        if not self.municipality_name():
            return self.tr("Bitte wählen Sie Ihre Kommune oder geben Sie ihren Namen ein.")
        if not self.path.text().strip():
            return self.tr("Bitte wählen Sie einen Speicherort.")
        if self.project_path().exists():
            return self.tr(
                "Diese Datei gibt es schon. Wählen Sie einen anderen Namen oder öffnen Sie das "
                "vorhandene Projekt über „Datei → Öffnen…“."
            )
        return ""

    def _validate(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem if self.municipality_name() or self.path.text() else "")
        self.create_button.setEnabled(not problem)

    def _finish(self, action: str) -> None:
        if action == ACTION_CREATE and self.problem_text():
            self._validate()
            return
        self.action = action
        self.accept()
