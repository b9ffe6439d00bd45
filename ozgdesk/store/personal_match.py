"""Matching a person's names and e-mail addresses in texts and in raw file bytes.

A name matches as whole words, case-insensitively, in the order given or as
"Nachname, Vorname"; a leading "Frau", "Herr", "Dr." or "Prof." is part of the match.
"Muster" therefore finds "Erika Muster" and "Frau Muster" but not "Mustermann" or
"Musterhausen". An address matches as a whole address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

TITLES = frozenset({"frau", "herr", "hr", "fr", "dr", "prof", "med", "ing", "dipl"})
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
_TITLE_PREFIX = r"(?:(?:frau|herrn?|hr\.|fr\.|dr\.|prof\.)\s*)*"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_LENGTH = 3


def tokens(text: str) -> list[str]:
    # lower(), not casefold(): "ß" must stay "ß" to match itself (casefold makes it "ss")
    return _TOKEN.findall(text.lower())


def name_tokens(text: str) -> list[str]:
    """The words of a name without titles ("Frau Dr. Erika Muster" → erika, muster)."""
    return [t for t in tokens(text) if t not in TITLES]


def person_key(text: str) -> frozenset[str]:
    return frozenset(name_tokens(text))


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))


def clean_term(text: str) -> str:
    return " ".join(str(text).split()).strip(" ,;<>\"'")


def _name_pattern(name: str) -> str | None:
    words = name_tokens(name)
    if not words:
        return None
    forward = r"\s+".join(re.escape(w) for w in words)
    variants = [forward]
    if len(words) > 1:
        rest = r"\s+".join(re.escape(w) for w in words[:-1])
        variants.append(rf"{re.escape(words[-1])}\s*,\s*{rest}")
    return rf"(?<![\w'’-]){_TITLE_PREFIX}(?:{'|'.join(variants)})(?![\w'’-])"


def _email_pattern(email: str) -> str:
    return rf"(?<![\w.+-]){re.escape(email.strip())}(?![\w-]|\.\w)"


@dataclass(frozen=True)
class Terms:
    """The names and addresses searched for (one person, or all of them for the overview)."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()

    @classmethod
    def of(cls, names: Iterable[str] = (), emails: Iterable[str] = ()) -> Terms:
        kept_names: dict[frozenset[str], str] = {}
        for name in names:
            cleaned = clean_term(name)
            key = person_key(cleaned)
            if key and len(" ".join(key)) >= MIN_LENGTH and key not in kept_names:
                kept_names[key] = cleaned
        kept_emails = {clean_term(e).casefold(): clean_term(e) for e in emails if is_email(e)}
        return cls(tuple(sorted(kept_names.values())), tuple(sorted(kept_emails.values())))

    def __bool__(self) -> bool:
        return bool(self.names or self.emails)

    def union(self, other: Terms) -> Terms:
        return Terms.of((*self.names, *other.names), (*self.emails, *other.emails))

    @cached_property
    def name_regex(self) -> re.Pattern[str] | None:
        patterns = [p for p in (_name_pattern(n) for n in self._longest_first()) if p]
        return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    @cached_property
    def email_regex(self) -> re.Pattern[str] | None:
        if not self.emails:
            return None
        patterns = [_email_pattern(e) for e in sorted(self.emails, key=len, reverse=True)]
        return re.compile("|".join(patterns), re.IGNORECASE)

    @cached_property
    def any_regex(self) -> re.Pattern[str] | None:
        parts = [r.pattern for r in (self.email_regex, self.name_regex) if r is not None]
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def _longest_first(self) -> list[str]:
        return sorted(self.names, key=lambda n: (-len(name_tokens(n)), -len(n)))

    def ascii_pieces(self) -> list[str] | None:
        """One ASCII piece of every address and of every name (from its longest word: a
        name only matches with all its words): a text a regex above matches contains one
        of them, ASCII letters in any case. None when a word has no ASCII letters at all
        (then nothing can be filtered out)."""
        pieces = set()
        words = [max(name_tokens(n), key=len) for n in self.names if name_tokens(n)]
        for text in (*self.emails, *words):
            runs = re.findall(r"[\x00-\x7f]+", text.lower())
            piece = max(runs, key=len) if runs else ""
            if not piece.strip():
                return None
            pieces.add(piece)
        return sorted(pieces)

    def like_needles(self) -> list[str] | None:
        """The pieces escaped for ``LIKE '%…%' ESCAPE '\\'`` (LIKE ignores ASCII case)."""
        pieces = self.ascii_pieces()
        if pieces is None:
            return None
        return [p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for p in pieces]

    def as_dict(self) -> dict[str, list[str]]:
        return {"names": list(self.names), "emails": list(self.emails)}


def raw_variants(terms: Terms) -> list[str]:
    """The texts a raw byte scan looks for: every address and every name of two or more
    words (a single word such as "Muster" also stands in "Musterhausen"), in the spellings
    a file may hold (as typed, lower, upper, capitalised, "Nachname, Vorname")."""
    found: set[str] = set()
    for email in terms.emails:
        found |= {email, email.casefold(), email.upper()}
    for name in terms.names:
        words = [w for w in clean_term(name).split() if w.casefold().strip(".") not in TITLES]
        if len(words) < 2:
            continue
        for form in (" ".join(words), f"{words[-1]}, {' '.join(words[:-1])}"):
            found |= {form, form.casefold(), form.lower(), form.upper(), form.title()}
    return sorted(found)


_ENCODINGS = {1: ("utf-8",), 2: ("utf-16-le",), 3: ("utf-16-be",)}


def text_encodings(data: bytes) -> tuple[str, ...]:
    """The encodings text can have in an SQLite file: the one its header names (bytes
    56–59), all three when the header cannot be read (a journal, a damaged file)."""
    if data[:16] == b"SQLite format 3\x00" and len(data) >= 60:
        return _ENCODINGS.get(
            int.from_bytes(data[56:60], "big"), ("utf-8", "utf-16-le", "utf-16-be")
        )
    return ("utf-8", "utf-16-le", "utf-16-be")


def _needles(variants: list[str], encodings: tuple[str, ...]) -> list[tuple[str, str, bytes]]:
    """(variant, encoding, bytes with ASCII letters lowered) for a search in
    ``data.lower()`` (which lowers ASCII letters only, in UTF-8 and in UTF-16 alike)."""
    found: dict[bytes, tuple[str, str, bytes]] = {}
    for variant in variants:
        for form in {variant, variant.lower(), variant.upper(), variant.title()}:
            for encoding in encodings:
                needle = form.encode(encoding).lower()
                found.setdefault(needle, (form, encoding, needle))
    return list(found.values())


def residue(path: Path, terms: Terms) -> list[str]:
    """Where the raw bytes of ``path`` (and a journal beside it) still hold a name or
    address: in the file's text encoding (UTF-8 or UTF-16, both byte orders), ASCII
    letters in any case, the others as typed, lower, upper or capitalised."""
    hits = []
    variants = raw_variants(terms)
    if not variants:
        return []
    for file in (path, path.with_name(path.name + "-journal")):
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            continue
        data = raw.lower()
        for form, encoding, needle in _needles(variants, text_encodings(raw)):
            at = data.find(needle)
            if at >= 0:
                hits.append(f"{file.name}: „{form}“ ({encoding}, Byte {at})")
    return hits


def raw_checkable(terms: Terms) -> bool:
    """Whether :func:`residue` looks for every term (not for single-word names)."""
    return all(len(name_tokens(n)) > 1 for n in terms.names)


def file_mentions(path: Path, terms: Terms) -> bool:
    """Cheap test whether a file could hold the person at all (a piece of every term in
    its bytes, ASCII case ignored); False means a search inside it is not needed."""
    pieces = terms.ascii_pieces()
    if pieces is None:
        return True
    try:
        data = path.read_bytes().lower()
    except OSError:
        return True
    return any(data.find(p.encode("ascii")) >= 0 for p in pieces)


# -- who is who ---------------------------------------------------------------------------------

# "Presse- und Öffentlichkeitsarbeit" is one name: no split after a hyphen
_NAME_LIST = re.compile(r"\s*(?:;|/|&|\+)\s*|(?<!-)\s+(?:und|oder)\s+", re.IGNORECASE)


def split_names(value: str) -> list[str]:
    """The names in a field such as a task's owner: "Erika Muster, Hans Meier" → two;
    "Muster, Erika" → one (surname first) and given as "Erika Muster"."""
    names = []
    value = re.sub(r"\([^)]*\)", " ", value or "")  # "(regio iT)", "(Bauamt)"
    for part in _NAME_LIST.split(value):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 2 and all(len(name_tokens(p)) == 1 for p in pieces):
            names.append(f"{pieces[1]} {pieces[0]}")
        else:
            names.extend(pieces)
    return [n for n in names if name_tokens(n) and not is_email(n)] + [
        n for n in names if is_email(n)
    ]


@dataclass
class Person:
    """One person as far as the project tells: the spellings of the name, the addresses."""

    names: list[str]
    emails: list[str]

    @property
    def name(self) -> str:
        if not self.names:
            return self.emails[0] if self.emails else ""
        return max(
            self.names,
            key=lambda n: (
                "," not in n and "(" not in n,
                len(name_tokens(n)),
                -len(tokens(n)),
                len(n),
            ),
        )

    @property
    def key(self) -> frozenset[str]:
        return (
            frozenset().union(*(person_key(n) for n in self.names)) if self.names else frozenset()
        )

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "names": self.names, "emails": self.emails}


class People:
    """Groups (name, e-mail) pairs into persons: the same address is the same person; the
    same name words are the same person; a shorter name ("Frau Muster") belongs to the one
    longer name that contains its words, if there is exactly one."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        entries = []
        for name, email in pairs:
            name, email = clean_term(name), clean_term(email) if is_email(email) else ""
            if name and is_email(name):
                name, email = "", email or name
            key = person_key(name) if name else frozenset()
            if key or email:
                entries.append((key, name, email.casefold(), email))
        keys = {e[0] for e in entries if e[0]}
        self._maximal = {k for k in keys if not any(k < other for other in keys)}
        self._parent: dict[object, object] = {}
        for key, _name, folded, _email in entries:
            self._find(self._node(key, folded))
            if key and folded:
                self._parent[self._find(self._key_node(key))] = self._find(("mail", folded))
        groups: dict[object, Person] = {}
        for key, name, folded, email in entries:
            person = groups.setdefault(self._find(self._node(key, folded)), Person([], []))
            if name and name not in person.names:
                person.names.append(name)
            if email and email.casefold() not in {e.casefold() for e in person.emails}:
                person.emails.append(email)
        self._groups = groups
        self.persons = sorted(groups.values(), key=lambda p: p.name.casefold())

    def _find(self, node: object) -> object:
        while self._parent.setdefault(node, node) != node:
            node = self._parent[node]
        return node

    def _key_node(self, key: frozenset[str]) -> object:
        """A short name shared by several longer ones stays a person of its own."""
        return self._owner_key(key) or key

    def _node(self, key: frozenset[str], folded: str) -> object:
        return self._key_node(key) if key else ("mail", folded)

    def _owner_key(self, key: frozenset[str]) -> frozenset[str] | None:
        if key in self._maximal:
            return key
        owners = [k for k in self._maximal if key < k]
        return owners[0] if len(owners) == 1 else None

    def of(self, text: str) -> Person | None:
        """The person a matched name or address belongs to."""
        if is_email(text):
            node: object = ("mail", clean_term(text).casefold())
        else:
            node = self._key_node(person_key(text))
        if node not in self._parent:
            return None
        return self._groups.get(self._find(node))
