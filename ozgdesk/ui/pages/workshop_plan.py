"""Step 3, tab "Planung": title, date and time, format, place or video link, organiser.

Saved as the user goes (ui/autosave.py): each change is one undo step; an incomplete plan
(no title, a place missing for a meeting on site …) is not saved, and leaving it asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.ui.autosave import AutoSave
from ozgdesk.workflow import workshop
from ozgdesk.workflow.workdays import next_working_day
from ozgdesk.workflow.workshop import Workshop


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _editable(value: Workshop | None) -> tuple[object, ...]:
    """What the form edits (not the calendar sequence or the time of the last change)."""
    if value is None:
        return ()
    return (
        value.title,
        value.kind,
        value.starts_at,
        value.ends_at,
        value.setup_minutes,
        value.format,
        value.place,
        value.video_link,
        value.organiser,
        value.organiser_email,
        value.deliver_by,
        value.notes,
    )


class WorkshopPlanPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: Workshop | None = None
        # the page saves (and records the undo step); returns whether it was saved
        self.saver: Callable[[Workshop], bool] | None = None
        self.autosave = AutoSave(
            self,
            self._save,
            incomplete=self._incomplete,
            discard=lambda: self.set_workshop(self._current, force=True),
            what=self.tr("Die Angaben zur Planung"),
        )
        self.title = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItems(list(workshop.KINDS))
        self.start = QDateTimeEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("dddd, dd.MM.yyyy  HH:mm 'Uhr'")
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 600)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" Minuten")
        self.setup = QSpinBox()
        self.setup.setRange(0, 480)
        self.setup.setSingleStep(15)
        self.setup.setSuffix(" Minuten")
        self.format = QComboBox()
        self.format.addItems(list(workshop.FORMATS))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("z. B. Ratssaal, Rathaus, Markt 1"))
        self.video_link = QLineEdit()
        self.video_link.setPlaceholderText("https://…")
        self.organiser = QLineEdit()
        self.organiser_email = QLineEdit()
        self.has_deadline = QCheckBox(self.tr("Datenlieferung bis"))
        self.deliver_by = QDateEdit()
        self.deliver_by.setCalendarPopup(True)
        self.deliver_by.setDisplayFormat("dd.MM.yyyy")
        self.has_deadline.toggled.connect(self.deliver_by.setEnabled)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.blocked = QLabel()
        self.blocked.setObjectName("blockedTime")
        self.blocked.setStyleSheet("color: #555;")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a40000;")
        self.saved_hint = QLabel(
            self.tr(
                "Änderungen werden beim Verlassen eines Felds oder nach kurzer Pause gespeichert."
            )
        )
        self.saved_hint.setObjectName("autosaveHint")
        self.saved_hint.setStyleSheet("color: #555;")
        defaults = QPushButton(self.tr("Empfehlung für Video-Workshop"))
        defaults.setAccessibleName(self.tr("Empfehlung für Video-Workshop übernehmen"))
        defaults.setToolTip(
            self.tr("Zwei Stunden als Videokonferenz, mit Vorbereitung einen halben Tag")
        )
        defaults.clicked.connect(self.apply_video_defaults)
        for widget, name in (
            (self.title, self.tr("Titel")),
            (self.kind, self.tr("Art")),
            (self.start, self.tr("Beginn")),
            (self.minutes, self.tr("Dauer")),
            (self.setup, self.tr("Vorbereitung")),
            (self.format, self.tr("Format")),
            (self.place, self.tr("Ort")),
            (self.video_link, self.tr("Videolink")),
            (self.organiser, self.tr("Organisation durch")),
            (self.organiser_email, self.tr("E-Mail der Organisation")),
            (self.has_deadline, self.tr("Datenlieferung mit Frist")),
            (self.deliver_by, self.tr("Datenlieferung bis")),
            (self.notes, self.tr("Notizen")),
        ):
            widget.setAccessibleName(name)
        for signal in (
            self.start.dateTimeChanged,
            self.minutes.valueChanged,
            self.setup.valueChanged,
            self.format.currentIndexChanged,
            self.place.textChanged,
            self.video_link.textChanged,
            self.title.textChanged,
            self.organiser_email.textChanged,
            self.has_deadline.toggled,
            self.deliver_by.dateChanged,
        ):
            signal.connect(self._update_hints)
        self.autosave.watch(
            self.title,
            self.kind,
            self.start,
            self.minutes,
            self.setup,
            self.format,
            self.place,
            self.video_link,
            self.organiser,
            self.organiser_email,
            self.has_deadline,
            self.deliver_by,
            self.notes,
        )
        duration = QHBoxLayout()
        duration.addWidget(self.minutes)
        duration.addWidget(QLabel(self.tr("Vorbereitung:")))
        duration.addWidget(self.setup)
        duration.addWidget(defaults)
        duration.addStretch(1)
        deadline = QHBoxLayout()
        deadline.addWidget(self.has_deadline)
        deadline.addWidget(self.deliver_by)
        deadline.addStretch(1)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.addRow(self.tr("&Titel:"), self.title)
        form.addRow(self.tr("&Art:"), self.kind)
        form.addRow(self.tr("&Beginn:"), self.start)
        duration_label = QLabel(self.tr("&Dauer:"))
        duration_label.setBuddy(self.minutes)
        form.addRow(duration_label, duration)
        form.addRow("", self.blocked)
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow(self.tr("&Ort:"), self.place)
        form.addRow(self.tr("&Videolink:"), self.video_link)
        form.addRow(self.tr("Ein&ladung von:"), self.organiser)
        form.addRow(self.tr("&E-Mail:"), self.organiser_email)
        deadline_label = QLabel(self.tr("Schritt 4:"))
        deadline_label.setBuddy(self.has_deadline)
        form.addRow(deadline_label, deadline)
        form.addRow(self.tr("&Notizen:"), self.notes)
        form.addRow(self.problem)
        form.addRow("", self.saved_hint)

    def set_workshop(self, value: Workshop | None, force: bool = False) -> None:
        same = (
            not force
            and value is not None
            and self._current is not None
            and value.id == self._current.id
            and _editable(self.workshop()) == _editable(value)
        )
        self._current = value
        self.setEnabled(value is not None)
        if value is None or same:  # the form shows it already: keep the cursor where it is
            return
        with self.autosave.loading():
            self._fill(value)

    def _fill(self, value: Workshop) -> None:
        self.title.setText(value.title)
        self.kind.setCurrentText(value.kind)
        self.start.setDateTime(to_qdatetime(value.starts_at))
        self.minutes.setValue(max(15, value.duration_minutes))
        self.setup.setValue(value.setup_minutes)
        self.format.setCurrentText(value.format)
        self.place.setText(value.place)
        self.video_link.setText(value.video_link)
        self.organiser.setText(value.organiser)
        self.organiser_email.setText(value.organiser_email)
        self.has_deadline.setChecked(value.deliver_by is not None)
        self.deliver_by.setEnabled(value.deliver_by is not None)
        deadline = value.deliver_by or next_working_day(value.starts_at.date() + timedelta(weeks=6))
        self.deliver_by.setDate(QDate(deadline.year, deadline.month, deadline.day))
        self.notes.setPlainText(value.notes)
        self._update_hints()

    def workshop(self) -> Workshop | None:
        if self._current is None:
            return None
        start = from_qdatetime(self.start.dateTime())
        d = self.deliver_by.date()
        return replace(
            self._current,
            title=self.title.text().strip(),
            kind=self.kind.currentText(),
            starts_at=start,
            ends_at=start + timedelta(minutes=self.minutes.value()),
            setup_minutes=self.setup.value(),
            format=self.format.currentText(),
            place=self.place.text().strip(),
            video_link=self.video_link.text().strip(),
            organiser=self.organiser.text().strip(),
            organiser_email=self.organiser_email.text().strip(),
            deliver_by=date(d.year(), d.month(), d.day())
            if self.has_deadline.isChecked()
            else None,
            notes=self.notes.toPlainText(),
        )

    def apply_video_defaults(self) -> None:
        with self.autosave.loading():  # one undo step for the three values
            self.format.setCurrentText("Video")
            self.minutes.setValue(workshop.VIDEO_MINUTES)
            self.setup.setValue(workshop.VIDEO_SETUP_MINUTES)
        self.autosave.changed_now()

    def _update_hints(self) -> None:
        value = self.workshop()
        if value is None:
            return
        begin = value.starts_at - timedelta(minutes=value.setup_minutes)
        self.blocked.setText(
            self.tr("Im Kalender blockieren: %1–%2 Uhr (mit Vorbereitung)")
            .replace("%1", begin.strftime("%H:%M"))
            .replace("%2", value.ends_at.strftime("%H:%M"))
        )
        self.place.setEnabled(value.format != "Video" or bool(value.place))
        problems = workshop.problems(value)
        # a deadline before the workshop or on a holiday is saved all the same, but said
        warnings = [
            self.tr("Hinweis: %1").replace("%1", w) for w in workshop.deadline_warnings(value)
        ]
        self.problem.setText(
            "\n".join(problems)
            + (
                self.tr("\nSolange das fehlt, wird die Planung nicht gespeichert.")
                if problems
                else ""
            )
            + ("\n" if problems and warnings else "")
            + "\n".join(warnings)
        )

    def _incomplete(self) -> str:
        value = self.workshop()
        return "\n".join(workshop.problems(value)) if value is not None else ""

    def _save(self) -> bool:
        value = self.workshop()
        if value is None or self.saver is None or _editable(value) == _editable(self._current):
            return True
        return self.saver(value)
