"""The share file (``.ozgvorlage``): what one municipality passes on to its neighbours.

A zip of JSON documents, readable by any tool (docs/vorlage-format.md describes it; the zip
carries its JSON Schema as ``schema.json``):

- ``manifest.json``: ``format`` ("ozgdesk-vorlage"), ``version`` (1), ``producer`` (the
  ozgdesk version), ``created_at`` (ISO date-time, UTC), ``municipality`` (name, title, kind,
  AGS, ARS, district) and ``files`` (the member names).
- ``decisions.json``: relevance decisions by LeiKa key, with their reasons.
- ``rules.json``: the relevance rules and the assignment rules (by office name).
- ``offices.json``: the office structure: name, short name, kind, number, parent, and which
  services (LeiKa keys) each office leads or is involved in.
- ``plans.json``: plan defaults per service: quarter, decision, EfA kind/state, online service,
  provider, target maturity, prerequisites (kind, product, vendor, interface, status).
- ``agenda.json``: the kick-off workshop's agenda (titles and minutes).
- ``summary.json``: the municipality's state for a district overview (steps, counts, services
  going online per quarter).

What never goes in: names, e-mail addresses, phone numbers, free-text notes (people's names
stand in such fields: "Verantwortlich", owners, notes). Only fields listed here are written;
this module takes plain records and knows no project.

Reading is bounded: the zip and each member have a size limit, so a hostile file cannot
exhaust memory; every problem is a :class:`ShareFileError` with a German message.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ozgdesk.formats.atomic import atomic_path

FORMAT = "ozgdesk-vorlage"
VERSION = 1
SUFFIX = ".ozgvorlage"
MEMBERS = (
    "decisions.json",
    "rules.json",
    "offices.json",
    "plans.json",
    "agenda.json",
    "summary.json",
)
MAX_FILE_BYTES = 50 * 1024 * 1024  # the .ozgvorlage itself
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one JSON document, uncompressed
MAX_TEXT = 2000  # one text value; longer ones are cut (a share file carries no long texts)


class ShareFileError(ValueError):
    """A share file that cannot be read; the message is German and names the file."""


@dataclass(frozen=True)
class Municipality:
    name: str
    title: str = ""  # "Gemeinde", "Stadt", "Kreis", "Städteregion"
    kind: str = ""  # project_info.municipality_type
    ags: str = ""
    ars: str = ""
    district: str = ""


@dataclass(frozen=True)
class Decision:
    key: str
    name: str
    relevance: str
    reason: str = ""


@dataclass(frozen=True)
class RelevanceRule:
    kind: str
    value: str
    suggestion: str
    reason: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class AssignmentRule:
    kind: str
    value: str
    office: str
    enabled: bool = True


@dataclass(frozen=True)
class Office:
    name: str
    short_name: str = ""
    kind: str = "Amt"
    number: str = ""
    parent: str = ""
    lead: tuple[str, ...] = ()  # LeiKa keys of the services this office leads
    involved: tuple[str, ...] = ()  # LeiKa keys of services it is involved in


@dataclass(frozen=True)
class Prerequisite:
    kind: str
    name: str = ""
    vendor: str = ""
    interface: str = ""
    status: str = "offen"


@dataclass(frozen=True)
class Plan:
    key: str
    planned_quarter: str = ""
    decision: str = ""
    efa_kind: str = ""
    efa_state: str = ""
    online_name: str = ""
    provider: str = ""
    target_level: int | None = None
    prerequisites: tuple[Prerequisite, ...] = ()

    def fields(self) -> dict[str, object]:
        """The plan values as a comparable mapping (prerequisites as tuples)."""
        values = asdict(self)
        values.pop("key")
        values["prerequisites"] = tuple(
            (p.kind, p.name, p.vendor, p.interface, p.status) for p in self.prerequisites
        )
        return values


@dataclass(frozen=True)
class AgendaEntry:
    title: str
    minutes: int = 15


@dataclass(frozen=True)
class Summary:
    """A municipality's state for the district overview."""

    step_reached: int = 0  # the last step that is done (0 = none)
    steps: dict[str, str] = field(default_factory=dict)  # step title → status label
    services_total: int = 0
    decided: int = 0
    relevant: int = 0
    assigned: int = 0  # relevant services with a lead office
    delivery_total: int = 0
    delivery_complete: int = 0
    online_per_quarter: dict[str, int] = field(default_factory=dict)  # "2027-Q1" → count


@dataclass(frozen=True)
class ShareFile:
    municipality: Municipality
    created_at: str  # ISO date-time (UTC)
    producer: str
    decisions: tuple[Decision, ...] = ()
    relevance_rules: tuple[RelevanceRule, ...] = ()
    assignment_rules: tuple[AssignmentRule, ...] = ()
    offices: tuple[Office, ...] = ()
    plans: tuple[Plan, ...] = ()
    agenda: tuple[AgendaEntry, ...] = ()
    summary: Summary = field(default_factory=Summary)


# -- writing ------------------------------------------------------------------------------


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def write(path: Path | str, share: ShareFile) -> Path:
    """Write ``share`` to ``path`` (atomically: a half-written file never appears)."""
    target = Path(path)
    documents: dict[str, object] = {
        "decisions.json": [asdict(d) for d in share.decisions],
        "rules.json": {
            "relevance": [asdict(r) for r in share.relevance_rules],
            "assignment": [asdict(r) for r in share.assignment_rules],
        },
        "offices.json": [
            {**asdict(o), "lead": list(o.lead), "involved": list(o.involved)} for o in share.offices
        ],
        "plans.json": [asdict(p) for p in share.plans],
        "agenda.json": [asdict(a) for a in share.agenda],
        "summary.json": asdict(share.summary),
    }
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "producer": share.producer,
        "created_at": share.created_at,
        "municipality": asdict(share.municipality),
        "files": list(MEMBERS),
    }
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", _dump(manifest))
        for name in MEMBERS:
            zf.writestr(name, _dump(documents[name]))
        zf.writestr("schema.json", _dump(SCHEMA))
    return target


# -- reading ------------------------------------------------------------------------------


def _fail(path: Path, what: str) -> ShareFileError:
    return ShareFileError(f"Die Vorlage „{path.name}“ lässt sich nicht lesen: {what}")


def _member(zf: zipfile.ZipFile, path: Path, name: str) -> Any:
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise _fail(path, f"der Teil „{name}“ fehlt.") from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise _fail(
            path,
            f"der Teil „{name}“ ist entpackt {info.file_size // 1_000_000} MB groß "
            f"(erlaubt sind {MAX_MEMBER_BYTES // 1_000_000} MB).",
        )
    with zf.open(info) as fh:
        data = fh.read(MAX_MEMBER_BYTES + 1)  # the header's size may lie: read no more
    if len(data) > MAX_MEMBER_BYTES:
        raise _fail(path, f"der Teil „{name}“ ist zu groß.")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _fail(path, f"der Teil „{name}“ ist kein gültiges JSON ({error}).") from None


def _text(value: object) -> str:
    return str(value if value is not None else "")[:MAX_TEXT]


def _int(value: object, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def read(path: Path | str) -> ShareFile:
    """Read a share file; raises :class:`ShareFileError` (German) for anything unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _fail(path, f"die Datei ist nicht erreichbar ({error.strerror}).") from None
    if size > MAX_FILE_BYTES:
        raise _fail(path, f"sie ist {size // 1_000_000} MB groß (erlaubt sind 50 MB).")
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = _dict(_member(zf, path, "manifest.json"))
            if manifest.get("format") != FORMAT:
                raise _fail(path, "sie ist keine ozgdesk-Vorlage.")
            version = _int(manifest.get("version"))
            if version > VERSION or version < 1:
                raise _fail(
                    path,
                    f"sie hat das Format Version {version}; diese ozgdesk-Fassung liest "
                    f"Version 1 bis {VERSION}. Bitte aktualisieren Sie ozgdesk.",
                )
            docs = {name: _member(zf, path, name) for name in MEMBERS}
    except zipfile.BadZipFile:
        raise _fail(path, "sie ist kein ZIP-Archiv (beschädigt oder keine Vorlage).") from None
    except OSError as error:
        raise _fail(path, f"die Datei ist nicht lesbar ({error.strerror or error}).") from None
    return _parse(manifest, docs)


def _parse(manifest: dict[str, Any], docs: dict[str, Any]) -> ShareFile:
    m = _dict(manifest.get("municipality"))
    rules = _dict(docs["rules.json"])
    summary = _dict(docs["summary.json"])
    return ShareFile(
        municipality=Municipality(
            name=_text(m.get("name")) or "(ohne Namen)",
            title=_text(m.get("title")),
            kind=_text(m.get("kind")),
            ags=_text(m.get("ags")),
            ars=_text(m.get("ars")),
            district=_text(m.get("district")),
        ),
        created_at=_text(manifest.get("created_at")),
        producer=_text(manifest.get("producer")),
        decisions=tuple(
            Decision(
                _text(d.get("key")),
                _text(d.get("name")),
                _text(d.get("relevance")),
                _text(d.get("reason")),
            )
            for d in map(_dict, _list(docs["decisions.json"]))
            if d.get("key")
        ),  # fmt: skip
        relevance_rules=tuple(
            RelevanceRule(
                _text(r.get("kind")),
                _text(r.get("value")),
                _text(r.get("suggestion")),
                _text(r.get("reason")),
                bool(r.get("enabled", True)),
            )
            for r in map(_dict, _list(rules.get("relevance")))
        ),  # fmt: skip
        assignment_rules=tuple(
            AssignmentRule(
                _text(r.get("kind")),
                _text(r.get("value")),
                _text(r.get("office")),
                bool(r.get("enabled", True)),
            )
            for r in map(_dict, _list(rules.get("assignment")))
        ),  # fmt: skip
        offices=tuple(
            Office(
                name=_text(o.get("name")),
                short_name=_text(o.get("short_name")),
                kind=_text(o.get("kind")) or "Amt",
                number=_text(o.get("number")),
                parent=_text(o.get("parent")),
                lead=tuple(_text(k) for k in _list(o.get("lead"))),
                involved=tuple(_text(k) for k in _list(o.get("involved"))),
            )
            for o in map(_dict, _list(docs["offices.json"]))
            if o.get("name")
        ),
        plans=tuple(
            Plan(
                key=_text(p.get("key")),
                planned_quarter=_text(p.get("planned_quarter")),
                decision=_text(p.get("decision")),
                efa_kind=_text(p.get("efa_kind")),
                efa_state=_text(p.get("efa_state")),
                online_name=_text(p.get("online_name")),
                provider=_text(p.get("provider")),
                target_level=p.get("target_level")
                if isinstance(p.get("target_level"), int)
                else None,
                prerequisites=tuple(
                    Prerequisite(
                        _text(q.get("kind")),
                        _text(q.get("name")),
                        _text(q.get("vendor")),
                        _text(q.get("interface")),
                        _text(q.get("status")) or "offen",
                    )
                    for q in map(_dict, _list(p.get("prerequisites")))
                    if q.get("kind")
                ),
            )
            for p in map(_dict, _list(docs["plans.json"]))
            if p.get("key")
        ),  # fmt: skip
        agenda=tuple(
            AgendaEntry(_text(a.get("title")), _int(a.get("minutes"), 15))
            for a in map(_dict, _list(docs["agenda.json"]))
            if a.get("title")
        ),
        summary=Summary(
            step_reached=_int(summary.get("step_reached")),
            steps={_text(k): _text(v) for k, v in _dict(summary.get("steps")).items()},
            services_total=_int(summary.get("services_total")),
            decided=_int(summary.get("decided")),
            relevant=_int(summary.get("relevant")),
            assigned=_int(summary.get("assigned")),
            delivery_total=_int(summary.get("delivery_total")),
            delivery_complete=_int(summary.get("delivery_complete")),
            online_per_quarter={
                _text(k): _int(v) for k, v in _dict(summary.get("online_per_quarter")).items()
            },
        ),
    )


# -- the schema (written into every file as schema.json) ------------------------------------

_STR = {"type": "string"}
_KEYS = {"type": "array", "items": _STR}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "ozgdesk-Vorlage, Version 1",
    "description": "Die Teile einer .ozgvorlage (ZIP): manifest.json und die unter 'files' "
    "genannten JSON-Dokumente. Keine Personendaten, keine Freitext-Notizen.",
    "$defs": {
        "manifest": {
            "type": "object",
            "required": ["format", "version", "producer", "created_at", "municipality", "files"],
            "properties": {
                "format": {"const": FORMAT},
                "version": {"const": VERSION},
                "producer": _STR,
                "created_at": {"type": "string", "format": "date-time"},
                "municipality": {
                    "type": "object",
                    "properties": {
                        k: _STR for k in ("name", "title", "kind", "ags", "ars", "district")
                    },
                },
                "files": _KEYS,
            },
        },
        "decisions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "relevance"],
                "properties": {
                    "key": {"type": "string", "pattern": "^[0-9]{14}$"},
                    "name": _STR,
                    "relevance": {"enum": ["relevant", "nicht relevant", "prüfen"]},
                    "reason": _STR,
                },
            },
        },
        "rules": {
            "type": "object",
            "properties": {
                "relevance": {"type": "array", "items": {"type": "object"}},
                "assignment": {"type": "array", "items": {"type": "object"}},
            },
        },
        "offices": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": _STR,
                    "short_name": _STR,
                    "kind": _STR,
                    "number": _STR,
                    "parent": _STR,
                    "lead": _KEYS,
                    "involved": _KEYS,
                },
            },
        },
        "plans": {"type": "array", "items": {"type": "object", "required": ["key"]}},
        "agenda": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"title": _STR, "minutes": {"type": "integer"}},
            },
        },
        "summary": {"type": "object"},
    },
}
