"""Help in plain German: per step (what, why, how) and the keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ozgdesk.ui.pages import steps_text


class HelpDialog(QDialog):
    def __init__(self, html: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 560)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(title)
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    @classmethod
    def for_step(cls, key: str, parent: QWidget | None = None) -> HelpDialog:
        return cls(steps_text.help_html(key), "Hilfe", parent)

    @classmethod
    def shortcuts(cls, parent: QWidget | None = None) -> HelpDialog:
        rows = "".join(
            f"<tr><td><b>{keys}</b></td><td>{what}</td></tr>" for keys, what in steps_text.SHORTCUTS
        )
        html = f"<h2>Tastenkürzel</h2><table cellpadding='4'>{rows}</table>"
        return cls(html, "Tastenkürzel", parent)
