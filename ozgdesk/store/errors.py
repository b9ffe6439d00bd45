"""Expected problems with a project file, each with a German explanation.

Every error says what happened (``what``) and what the user can do (``todo``).
The UI shows both; the command line prints them to stderr.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class ProjectError(Exception):
    """An expected problem with a project file (not a bug)."""

    title = "Projektdatei kann nicht verwendet werden"

    def __init__(self, path: Path | str | None, what: str, todo: str) -> None:
        self.path = Path(path) if path is not None else None
        self.what = what
        self.todo = todo
        super().__init__(f"{what} {todo}".strip())

    def as_text(self) -> str:
        return f"{self.what}\n\n{self.todo}".strip()


class ProjectNotFoundError(ProjectError):
    title = "Projektdatei nicht gefunden"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"Die Projektdatei „{path}“ gibt es nicht (mehr).",
            "Prüfen Sie, ob die Datei verschoben oder umbenannt wurde, oder ob ein "
            "Netzlaufwerk getrennt ist. Öffnen Sie sie danach über „Datei → Öffnen…“.",
        )


class ProjectExistsError(ProjectError):
    title = "Datei existiert bereits"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"Unter „{path}“ liegt bereits eine Datei.",
            "Wählen Sie einen anderen Dateinamen. Eine vorhandene Datei wird nie überschrieben.",
        )


class NotAProjectError(ProjectError):
    title = "Keine ozgdesk-Projektdatei"

    def __init__(self, path: Path | str, detail: str = "") -> None:
        super().__init__(
            path,
            f"Die Datei „{path}“ ist keine ozgdesk-Projektdatei{detail}.",
            "Die Datei wurde nicht verändert. Öffnen Sie eine Datei mit der Endung "
            "„.ozgdesk“ oder legen Sie über „Datei → Neu…“ ein neues Projekt an. "
            "Tabellen (Excel, CSV) werden im Schritt „Übersicht“ importiert, nicht geöffnet.",
        )


class NewerSchemaError(ProjectError):
    title = "Projekt aus einer neueren Version"

    def __init__(self, path: Path | str, file_version: int, app_version: int) -> None:
        self.file_version = file_version
        self.app_version = app_version
        super().__init__(
            path,
            f"Die Projektdatei „{path}“ wurde mit einer neueren ozgdesk-Version gespeichert "
            f"(Datenformat {file_version}; diese Version kennt Format {app_version}).",
            "Die Datei wurde nicht verändert. Installieren Sie die aktuelle Version von "
            "ozgdesk, um das Projekt zu öffnen.",
        )


class ProjectLockedError(ProjectError):
    title = "Projekt wird bereits bearbeitet"

    def __init__(self, path: Path | str, holder: str) -> None:
        self.holder = holder
        super().__init__(
            path,
            f"Das Projekt „{path}“ ist gerade geöffnet: {holder}.",
            "Es kann immer nur eine Person gleichzeitig ändern. Bitten Sie darum, das Projekt "
            "zu schließen, oder öffnen Sie es schreibgeschützt zum Lesen.",
        )


class ReadOnlyError(ProjectError):
    title = "Projekt ist schreibgeschützt"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"Die Projektdatei „{path}“ oder ihr Ordner ist schreibgeschützt.",
            "Sie können das Projekt schreibgeschützt zum Lesen öffnen. Zum Bearbeiten "
            "speichern Sie über „Datei → Kopie speichern unter…“ eine Kopie an einem Ort, "
            "an dem Sie schreiben dürfen, oder bitten Sie die IT um Schreibrechte.",
        )


class DiskFullError(ProjectError):
    title = "Speicherplatz voll"

    def __init__(self, path: Path | str | None) -> None:
        super().__init__(
            path,
            "Die letzte Änderung konnte nicht gespeichert werden, weil der Datenträger voll ist. "
            "Sie wurde vollständig zurückgenommen; das Projekt ist unverändert.",
            "Schaffen Sie Platz auf dem Laufwerk (oder bitten Sie die IT darum) und "
            "wiederholen Sie die Änderung.",
        )


class CorruptProjectError(ProjectError):
    title = "Projektdatei beschädigt"

    def __init__(self, path: Path | str, detail: str = "") -> None:
        self.detail = detail
        super().__init__(
            path,
            f"Die Projektdatei „{path}“ ist beschädigt und kann nicht sicher geöffnet werden."
            + (f" ({detail})" if detail else ""),
            "Die Datei wurde nicht verändert oder gelöscht. Stellen Sie eine Sicherung wieder "
            "her (Sicherungen liegen im Datenordner von ozgdesk) und geben Sie die Datei "
            "Ihrer IT zur Prüfung.",
        )


class InterruptedChangeError(ProjectError):
    """A hot journal (a change cut off by a crash) that a read-only opening cannot roll back."""

    title = "Unvollständige Änderung"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            f"Im Projekt „{path}“ ist eine Änderung unvollständig geblieben, weil ozgdesk oder "
            "der Rechner mitten im Speichern beendet wurde. Sie muss zuerst zurückgenommen "
            "werden; schreibgeschützt ist das nicht möglich.",
            "Öffnen Sie das Projekt einmal normal (mit Schreibrechten), sobald es niemand "
            "anderes geöffnet hat: ozgdesk nimmt die unvollständige Änderung dabei automatisch "
            "zurück, alle gespeicherten Änderungen bleiben erhalten. Die Datei wurde nicht "
            "verändert.",
        )


class DatabaseBusyError(ProjectError):
    title = "Projekt gerade belegt"

    def __init__(self, path: Path | str | None) -> None:
        super().__init__(
            path,
            "Die Projektdatei war zu lange von einem anderen Vorgang belegt; die Änderung "
            "wurde nicht gespeichert.",
            "Warten Sie einen Moment und versuchen Sie es erneut.",
        )


# "attempt to write a readonly database": a hot journal needs rolling back (extended code)
SQLITE_READONLY_ROLLBACK = getattr(sqlite3, "SQLITE_READONLY_ROLLBACK", 776)


def translate_sqlite_error(exc: BaseException, path: Path | str | None) -> ProjectError | None:
    """Map an sqlite3 (or SQLAlchemy-wrapped) error to a German ProjectError.

    Returns None for errors that are bugs rather than environment problems.
    """
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.Error):
        if isinstance(orig, OSError) and orig.errno == 28:
            return DiskFullError(path)
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    if code == SQLITE_READONLY_ROLLBACK:  # a hot journal, but opened read-only
        return InterruptedChangeError(path or "")
    if code is not None:
        code &= 0xFF  # extended result codes carry the primary code in the low byte
    text = str(orig).lower()
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFullError(path)
    if code == sqlite3.SQLITE_READONLY or "readonly" in text:
        return ReadOnlyError(path or "")
    if code == sqlite3.SQLITE_NOTADB or "file is not a database" in text:
        return NotAProjectError(path or "")
    if code == sqlite3.SQLITE_CORRUPT or "malformed" in text:
        return CorruptProjectError(path or "", str(orig))
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in text:
        return DatabaseBusyError(path)
    return None
