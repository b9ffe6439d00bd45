"""Hilfe → Über ozgdesk: version, data source and licences."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ozgdesk import __version__, paths


def about_html() -> str:
    try:
        log_path = str(paths.log_file())
    except OSError:
        log_path = "–"
    return f"""
<h2>ozgdesk {__version__}</h2>
<p>Das Werkzeug für die OZG-Koordination in kleinen Kommunen: in fünf Schritten von der
Übersicht bis zur Roadmap, in einer einzigen Projektdatei.</p>
<h3>Datenquelle</h3>
<p>Der mitgelieferte Leistungskatalog (5.249 LeiKa-Leistungen, 557 OZG-Leistungen), die Websites
der Kommunen in NRW, die 32 kommunalen IT-Dienstleister und die Standard-Ämterliste stammen
aus der quelloffenen <b>OZG-Datenbank NRW</b> des KDN – Dachverband kommunaler IT-Dienstleister
NRW (Repository kdn-nrw/OZG-Datenbank-NRW, Dateien doc-dev/databases/symfony.data.sql und
src/Migrations), veröffentlicht unter der <b>MIT-Lizenz</b>. Stand des Katalogs: etwa 2019–2022.</p>
<p>Namen, Art und amtliche Schlüssel (AGS, ARS) der 396 Gemeinden und 31 Kreise in NRW: amtliches
Gemeindeverzeichnis, © Statistisches Bundesamt (Destatis), Datenlizenz Deutschland – Namensnennung
– 2.0; Große und Mittlere kreisangehörige Städte nach der Verordnung zu § 4 GO NRW. Die Tabelle,
wer eine Leistung in NRW ausführt, ist für ozgdesk zusammengestellt (Quellen im Ordner
resources/catalogue).</p>
<h3>Lizenzen</h3>
<p>ozgdesk nutzt Qt {qVersion()} über PySide6 {PySide6.__version__} (LGPLv3), SQLModel,
SQLAlchemy und Alembic (MIT), openpyxl (MIT), ReportLab (BSD), platformdirs (MIT) und
python-calamine (MIT).</p>
<p><small>Python {sys.version.split()[0]} · Protokolldatei: {log_path}</small></p>
"""


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Über ozgdesk"))
        self.resize(560, 480)
        label = QLabel(about_html())
        label.setObjectName("aboutText")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label, 1)
        layout.addWidget(buttons)
