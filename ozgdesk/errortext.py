"""German texts for errors that come from the operating system or from libraries.

Messages of our own are German already; Python's ``OSError`` and libraries such as
python-calamine, zipfile, openpyxl or pypdfium2 speak English ("invalid Zip archive: Could not
find EOCD", "[Errno 13] Permission denied"). :func:`describe` turns such an exception into a
German sentence for the user; the English original belongs in the log, not in a message box.
No Qt here: every layer may use it.
"""

from __future__ import annotations

import errno

_ERRNO = {
    errno.ENOENT: "Die Datei oder der Ordner wurde nicht gefunden",
    errno.EACCES: "Keine Berechtigung (die Datei ist schreibgeschützt oder in einem anderen "
    "Programm geöffnet)",
    errno.EPERM: "Der Vorgang ist nicht erlaubt (fehlende Berechtigung)",
    errno.ENOSPC: "Auf dem Datenträger ist kein Platz mehr frei",
    errno.EROFS: "Der Datenträger ist schreibgeschützt",
    errno.EISDIR: "Hier steht ein Ordner, keine Datei",
    errno.ENOTDIR: "Ein Teil des Pfads ist kein Ordner",
    errno.EEXIST: "Die Datei gibt es schon",
    errno.ENAMETOOLONG: "Der Dateiname ist zu lang",
    errno.EBUSY: "Die Datei wird gerade von einem anderen Programm benutzt",
    errno.EIO: "Lese- oder Schreibfehler des Datenträgers",
    errno.EINVAL: "Ungültiger Dateiname oder ungültige Angabe",
}

# English phrases of libraries (lower case, as found in their messages) → German
_PHRASES = (
    (
        "could not find eocd",
        "Die Datei ist kein vollständiges ZIP-Archiv (Excel- und "
        "LibreOffice-Dateien sind ZIP-Archive; das Ende der Datei fehlt oder sie ist keine "
        "solche Datei)",
    ),
    (
        "invalid zip archive",
        "Die Datei ist kein gültiges ZIP-Archiv (Excel- und LibreOffice-Dateien sind ZIP-Archive)",
    ),
    (
        "file is not a zip file",
        "Die Datei ist kein gültiges ZIP-Archiv (Excel- und LibreOffice-Dateien sind ZIP-Archive)",
    ),
    ("bad magic number", "Die Datei ist beschädigt (unbekannter Dateikopf)"),
    ("file is not a database", "Die Datei ist keine SQLite-Datenbank"),
    ("database disk image is malformed", "Die Datenbankdatei ist beschädigt"),
    ("unable to open database", "Die Datenbankdatei lässt sich nicht öffnen"),
    ("database is locked", "Die Datei wird gerade von einem anderen Programm benutzt"),
    ("field larger than field limit", "Ein Feld ist länger als erlaubt"),
    ("unexpected end of data", "Die Datei endet mitten in einem Feld"),
    (
        "new-line character seen in unquoted field",
        "Ein Zeilenumbruch steht in einem Feld ohne Anführungszeichen",
    ),
    ("cfb error", "Die alte Excel-Datei (.xls) ist beschädigt"),
    ("xml error", "Der Inhalt der Datei ist beschädigt (fehlerhaftes XML)"),
    (
        "unexpected eof",
        "Die Datei endet unerwartet (unvollständig gespeichert oder heruntergeladen)",
    ),
    ("failed to load document", "Die PDF-Datei lässt sich nicht öffnen"),
    ("password", "Die Datei ist mit einem Kennwort geschützt"),
    ("encrypted", "Die Datei ist verschlüsselt"),
    ("unsupported", "Dieses Dateiformat wird nicht unterstützt"),
    ("permission denied", "Keine Berechtigung"),
    ("no such file", "Die Datei wurde nicht gefunden"),
    ("memory", "Nicht genug Arbeitsspeicher"),
)


def _is_german(text: str) -> bool:
    lowered = f" {text.lower()} "
    return any(ch in text for ch in "äöüÄÖÜß") or any(
        word in lowered for word in (" die ", " der ", " das ", " nicht ", " ist ", " bitte ")
    )


def describe(error: BaseException) -> str:
    """A German sentence for ``error`` (an OSError names its file)."""
    if isinstance(error, OSError) and error.errno in _ERRNO:
        text = _ERRNO[error.errno]
        name = error.filename
        return f"{text}: „{name}“." if name else f"{text}."
    if isinstance(error, OSError) and error.strerror:
        name = f" („{error.filename}“)" if error.filename else ""
        return f"Fehler des Betriebssystems{name}: {phrase(error.strerror)}"
    return phrase(str(error).strip() or type(error).__name__)


def phrase(text: str) -> str:
    """Library text → German where we know it; German text stays as it is; anything else is
    named as a technical detail."""
    text = text.strip().splitlines()[0] if text.strip() else ""
    if not text or _is_german(text):
        return text
    lowered = text.lower()
    for english, german in _PHRASES:
        if english in lowered:
            return f"{german}."
    return f"Technischer Fehler ({text[:160]})."
