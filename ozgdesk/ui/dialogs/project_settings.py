"""Datei → Projekteinstellungen: the municipality's kind, title, official keys and district."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow import identity as identities
from ozgdesk.workflow import municipality as kinds
from ozgdesk.workflow.identity import Identity


class ProjectSettingsDialog(QDialog):
    """Shows the project's identity and lets the coordinator correct it; ``accept`` only
    closes the dialog when ``identities.validate`` finds nothing (messages shown in the
    dialog). ``identity()`` is what was entered."""

    def __init__(self, municipality: str, current: Identity, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Projekteinstellungen"))
        self.setMinimumWidth(520)
        self._municipality = municipality
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Art der Kommune"))
        self.kind.addItem(self.tr("(noch nicht festgelegt)"), "")
        for key, label in kinds.KINDS.items():
            self.kind.addItem(label, key)
        self.title = QComboBox()
        self.title.setEditable(True)
        self.title.setAccessibleName(self.tr("Bezeichnung"))
        self.title.addItems(["", *kinds.TITLES])
        self.ags = QLineEdit()
        self.ags.setAccessibleName(self.tr("Amtlicher Gemeindeschlüssel"))
        self.ags.setPlaceholderText(self.tr("8 Ziffern, z. B. 05554004"))
        self.ags.setMaxLength(12)
        self.ars = QLineEdit()
        self.ars.setAccessibleName(self.tr("Amtlicher Regionalschlüssel"))
        self.ars.setPlaceholderText(self.tr("12 Ziffern, z. B. 055540004004"))
        self.ars.setMaxLength(16)
        self.district = QComboBox()
        self.district.setEditable(True)
        self.district.setAccessibleName(self.tr("Kreis"))
        self.district.addItems(["", *(d.name for d in kinds.districts())])
        self.from_list = QPushButton(self.tr("Aus der &NRW-Liste übernehmen"))
        self.from_list.setToolTip(
            self.tr("Art, Bezeichnung, Schlüssel und Kreis aus der mitgelieferten Liste")
        )
        self.from_list.setEnabled(kinds.find(municipality) is not None)
        self.from_list.clicked.connect(self.fill_from_list)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a40000;")
        form = QFormLayout()
        form.addRow(self.tr("Kommune:"), QLabel(municipality))
        form.addRow(self.tr("&Art der Kommune:"), self.kind)
        form.addRow(self.tr("&Bezeichnung:"), self.title)
        form.addRow(self.tr("A&GS:"), self.ags)
        form.addRow(self.tr("A&RS:"), self.ars)
        form.addRow(self.tr("&Kreis:"), self.district)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Die Art der Kommune bestimmt die Vorschläge in Schritt 1: wer eine Leistung in "
                "NRW ausführt (Bund, Land, Kreis oder Gemeinde). AGS und ARS sind die amtlichen "
                "Schlüssel des Statistischen Landesamts; der ARS steht in der XZuFi-Lieferung."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.from_list)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.set_identity(current)

    def set_identity(self, value: Identity) -> None:
        index = self.kind.findData(value.municipality_type)
        self.kind.setCurrentIndex(max(index, 0))
        self.title.setCurrentText(value.municipality_title)
        self.ags.setText(value.ags)
        self.ars.setText(value.ars)
        self.district.setCurrentText(value.district)
        self.problem.clear()

    def identity(self) -> Identity:
        return Identity(
            self.kind.currentData() or "",
            self.title.currentText(),
            self.ags.text(),
            self.ars.text(),
            self.district.currentText(),
        ).cleaned()

    def fill_from_list(self) -> None:
        found = identities.from_builtin(self._municipality)
        if found != Identity():
            self.set_identity(found)

    def accept(self) -> None:
        entered = identities.completed(self.identity())
        problems = identities.validate(entered)
        if problems:
            self.problem.setText("\n".join(problems))
            return
        self.set_identity(entered)
        super().accept()
