"""Step 3 tab "Einladung": the invitation text per participant, the calendar file and the
e-mail drafts, with a report of who got one and who did not, and the offer to mark the
invited."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import paths
from ozgdesk.errortext import describe
from ozgdesk.store.errors import ProjectError
from ozgdesk.ui import messages
from ozgdesk.ui.tasks import run_with_progress
from ozgdesk.wording import plural
from ozgdesk.workflow import offices, overview, workshop
from ozgdesk.workflow.workshop import WorkshopDetail

if TYPE_CHECKING:
    from ozgdesk.ui.pages.workshop import WorkshopPage


class InvitationPanel(QWidget):
    """Invitation text per participant, the calendar file and e-mail drafts."""

    def __init__(self, page: WorkshopPage) -> None:
        super().__init__()
        self.page = page
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Einladung für"))
        self.person.currentIndexChanged.connect(self.refresh_text)
        self.text = QPlainTextEdit()
        self.text.setObjectName("invitationText")
        self.text.setAccessibleName(self.tr("Einladungstext"))
        self.text.setReadOnly(True)
        copy = QPushButton(self.tr("Text &kopieren"))
        copy.setAccessibleName(self.tr("Einladungstext kopieren"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        ics = QPushButton(self.tr("&Kalenderdatei (.ics) speichern…"))
        ics.setAccessibleName(self.tr("Kalenderdatei speichern"))
        ics.clicked.connect(self.save_ics)
        eml = QPushButton(self.tr("&E-Mail-Entwürfe (.eml) speichern…"))
        eml.setAccessibleName(self.tr("E-Mail-Entwürfe speichern"))
        eml.clicked.connect(self.save_eml)
        hint = QLabel(
            self.tr(
                "ozgdesk verschickt nichts selbst. Kopieren Sie den Text in Ihr E-Mail-Programm oder "
                "speichern Sie E-Mail-Entwürfe (mit Kalendereintrag im Anhang), die Outlook oder "
                "Thunderbird zum Senden öffnet. Nach jeder Änderung am Termin aktualisiert die neue "
                "Kalenderdatei den vorhandenen Eintrag."
            )
        )
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Für:")))
        top.addWidget(self.person, 1)
        top.addWidget(copy)
        buttons = QHBoxLayout()
        buttons.addWidget(ics)
        buttons.addWidget(eml)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def show_detail(self, detail: WorkshopDetail | None) -> None:
        self.setEnabled(detail is not None)
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(self.tr("(allgemeiner Text)"), None)
        for p in detail.participants if detail else []:
            self.person.addItem(f"{p.name} ({p.group})", p.id)
        self.person.setCurrentIndex(max(0, self.person.findData(current)))
        self.person.blockSignals(False)
        self.refresh_text()

    def refresh_text(self) -> None:
        detail = self.page.detail
        if detail is None:
            self.text.clear()
            return
        person = next((p for p in detail.participants if p.id == self.person.currentData()), None)
        services = 0
        if person is not None and person.office_id is not None:
            services = next(
                (
                    o.relevant_services
                    for o in offices.offices(self.page.project)
                    if o.id == person.office_id
                ),
                0,
            )
        municipality = overview.summary(self.page.project).municipality
        self.text.setPlainText(workshop.invitation_text(municipality, detail, person, services))

    def save_ics(self) -> None:
        from ozgdesk.workflow import workshop_outputs

        detail = self.page.detail
        workshop_id = detail.workshop.id if detail is not None else None
        if workshop_id is None:
            return
        chosen, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("Kalenderdatei speichern"),
            str(paths.documents_dir() / "Einladung-OZG-Workshop.ics"),
            "iCalendar (*.ics)",
        )
        if chosen:
            target = Path(chosen if chosen.lower().endswith(".ics") else chosen + ".ics")
            self.page.run_export(
                lambda: workshop_outputs.export_ics(self.page.project, workshop_id, target),
                str(target),
            )

    def save_eml(self) -> None:
        detail = self.page.detail
        if detail is None or detail.workshop.id is None:
            return
        if not any(p.email for p in detail.participants):
            messages.info(
                self,
                self.tr("Keine E-Mail-Adressen"),
                self.tr("Tragen Sie bei den Teilnehmenden E-Mail-Adressen ein."),
            )
            return
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Ordner für die E-Mail-Entwürfe"), str(paths.documents_dir())
        )
        if chosen:
            self.write_drafts(Path(chosen))

    def write_drafts(self, folder: Path) -> None:
        """Write the drafts, say how many and who was left out and why, and offer to mark
        the people with a draft as invited."""
        from ozgdesk.workflow import workshop_outputs

        detail = self.page.detail
        if detail is None or detail.workshop.id is None:
            return
        workshop_id = detail.workshop.id
        try:
            drafts, skipped = workshop_outputs.invitation_recipients(self.page.project, workshop_id)
            written = run_with_progress(
                self,
                self.tr("E-Mail-Entwürfe werden gespeichert …"),
                lambda: workshop_outputs.export_invitations(self.page.project, workshop_id, folder),
            )
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        except (OSError, ValueError) as error:
            messages.info(self, self.tr("Speichern fehlgeschlagen"), describe(error))
            return
        lines = [
            self.tr("%1 gespeichert in „%2“.")
            .replace("%1", plural(len(written), "E-Mail-Entwurf", "E-Mail-Entwürfe"))
            .replace("%2", str(folder))
        ]
        if skipped:
            lines.append(
                self.tr("Ohne Entwurf (%1):").replace(
                    "%1", plural(len(skipped), "Person", "Personen")
                )
            )
            lines += [f"– {person.name}: {reason}" for person, reason in skipped]
        to_mark = [p.id for p in drafts if p.id is not None and not p.invitation]
        if not to_mark:
            messages.info(self, self.tr("E-Mail-Entwürfe gespeichert"), "\n".join(lines))
            return
        lines += [
            "",
            self.tr(
                "Öffnen Sie die Entwürfe in Ihrem E-Mail-Programm und senden Sie sie ab. "
                "Sollen %1 jetzt als „eingeladen“ markiert werden?"
            ).replace(
                "%1",
                self.tr("die %1 mit Entwurf").replace(
                    "%1", plural(len(to_mark), "Person", "Personen")
                ),
            ),
        ]
        if messages.confirm(
            self,
            self.tr("E-Mail-Entwürfe gespeichert"),
            "\n".join(lines),
            self.tr("Als eingeladen markieren"),
        ):
            self.page.participants._recorded(
                self.tr("%1 als eingeladen markiert").replace(
                    "%1", plural(len(to_mark), "Person", "Personen")
                ),
                lambda: workshop.set_invitation(self.page.project, to_mark, workshop.INVITED),
                lambda: workshop.set_invitation(self.page.project, to_mark, ""),
            )
