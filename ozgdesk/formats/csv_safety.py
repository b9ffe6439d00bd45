"""CSV cells that Excel or LibreOffice would run as a formula are neutralised.

OWASP's rule for CSV injection: a cell from user data that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a
spreadsheet program shows it as text instead of evaluating it (a service name
``+HYPERLINK(…)`` or ``-2+3+cmd|' /C calc'!A0`` stays a name). The csv module's
quoting takes care of separators and quotes. Every CSV writer of ozgdesk passes its
user-data cells through :func:`neutralise`.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet program evaluates."""
    if text.startswith(FORMULA_START):
        return "'" + text
    return text
