"""LeiKa keys: what counts as a valid key, and what a missing or broken one is."""

from __future__ import annotations

import re
from dataclasses import dataclass

KEY_RE = re.compile(r"[0-9]{14}")

PROBLEM_NONE = ""
PROBLEM_MISSING = "fehlt"
PROBLEM_INVALID = "ungültig"

_NOT_IN_LEIKA = {"", "nicht im leika", "nicht im leika.", "-", "–", "k.a.", "n/a"}


@dataclass(frozen=True)
class KeyCheck:
    key: str | None
    problem: str  # PROBLEM_NONE, PROBLEM_MISSING or PROBLEM_INVALID


def check_key(raw: str) -> KeyCheck:
    """Classify a key given as text. Spaces inside the key are ignored."""
    compact = "".join(raw.split())
    if KEY_RE.fullmatch(compact):
        return KeyCheck(compact, PROBLEM_NONE)
    if raw.strip().casefold() in _NOT_IN_LEIKA:
        return KeyCheck(None, PROBLEM_MISSING)
    return KeyCheck(None, PROBLEM_INVALID)
