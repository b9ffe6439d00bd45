"""Datei → Mit Server verbinden…: the address of a municipality's database on a server.

Recent addresses are offered (kept without passwords). A password typed here is used for
this connection only, or kept in the operating system's keyring when the user asks for it;
ozgdesk's own settings never hold one. Without a password, libpq's pgpass file or the
keyring is asked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow.servers import AddressError, ServerAddress


def keyring_available() -> bool:
    try:
        import keyring
    except ImportError:
        return False
    try:
        return bool(keyring.get_keyring().priority > 0)
    except Exception:  # noqa: BLE001 - a broken keyring backend is simply not offered
        return False


class ServerDialog(QDialog):
    def __init__(self, parent: QWidget | None, recent: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mit Server verbinden"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Arbeiten mehrere Personen an einer Kommune, liegt das Projekt in einer "
                "Datenbank auf einem PostgreSQL-Server Ihres IT-Dienstleisters. Die Adresse "
                "erhalten Sie von dort, zum Beispiel "
                "„postgresql://benutzer@server/ozg_musterstadt“."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.address = QComboBox()
        self.address.setObjectName("serverAddress")
        self.address.setEditable(True)
        self.address.addItems(recent)
        self.address.setAccessibleName(self.tr("Serveradresse"))
        self.address.setCurrentText(recent[0] if recent else "postgresql://")
        form.addRow(self.tr("&Adresse:"), self.address)
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("leer: aus Schlüsselbund oder pgpass-Datei"))
        self.password.setAccessibleName(self.tr("Passwort"))
        form.addRow(self.tr("&Passwort:"), self.password)
        layout.addLayout(form)
        self.remember = QCheckBox(self.tr("Passwort im &Schlüsselbund des Systems speichern"))
        self.remember.setObjectName("rememberPassword")
        self.remember.setEnabled(keyring_available())
        if not self.remember.isEnabled():
            self.remember.setToolTip(self.tr("Auf diesem Rechner ist kein Schlüsselbund nutzbar."))
        layout.addWidget(self.remember)
        self.read_only = QCheckBox(self.tr("Nur &lesen (z. B. für die Kreisübersicht)"))
        self.read_only.setObjectName("serverReadOnly")
        layout.addWidget(self.read_only)
        self.problem = QLabel()
        self.problem.setObjectName("serverProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Verbinden"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.address.currentTextChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        try:
            ServerAddress.parse(self.address.currentText())
        except AddressError as exc:
            self.problem.setText(str(exc))
            self.ok.setEnabled(False)
            return
        self.problem.setText("")
        self.ok.setEnabled(True)

    def chosen(self) -> ServerAddress:
        """The address with the typed password (if any)."""
        address = ServerAddress.parse(self.address.currentText())
        typed = self.password.text()
        return address.with_password(typed) if typed else address
