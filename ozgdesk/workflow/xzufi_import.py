"""Step 4: reading an XZuFi 2.2 message back – the municipality's own earlier export or a
Redaktionssystem's dump – into the same field-by-field review as the offices' returns.

Per LeiKa key the file says: the service's page (``weiterfuehrenderLink``), its online
service (the ``onlinedienst`` it is linked to) and its responsible unit (the first
``organisationseinheit`` responsible for it). In the project:

- the unit most of an office's services name becomes the office's contact point (fields
  of the "Ansprechstelle", persons as "Ansprechperson 1…3");
- a service whose unit differs gets the differing fields as its own values (and the
  unit's first person as its own contact person); a service without an office gets all
  of them;
- page and online service are the service's own fields; the online service's name
  (unless it is just the service's name) goes to the step-5 plan ("Name des
  Online-Dienstes", target ``PLAN_TARGET``; ``xzufi_apply`` stores it).

A field that is empty in the project is a *change*; a field with another value in the
project is a *conflict* (shown, applied only when chosen). An empty value in the file
never empties a field. Invalid values (e-mail, phone, URL, postcode) are errors with the
line in the file. Keys the project does not know are listed as unknown. Nothing is
written here: ``xzufi_apply.apply`` applies the chosen changes (with a backup, undoable)
through ``delivery_returns.apply`` exactly as for the offices' forms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ozgdesk.formats.delivery_records import ContactPoint
from ozgdesk.formats.xzufi_records import ReadEntry, ReadMessage, XzufiUnit
from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import checks, delivery
from ozgdesk.workflow.delivery import LABELS, UNIT_FIELDS
from ozgdesk.workflow.delivery_form_fields import (
    PERSON_ATTRS,
    PERSON_COUNT,
    SERVICE_TARGET,
    UNIT_TARGET,
    normalise,
    service_person_field,
    unit_person_field,
    value_problem,
)
from ozgdesk.workflow.delivery_matching import _cross_check
from ozgdesk.workflow.delivery_review_items import (
    Change,
    FormInfo,
    ReturnProblem,
    ReturnsReview,
    Unknown,
    _change_id,
    _shown,
)

SHEET = "XZuFi"  # where problems of the file's content are (the file itself: no sheet)
PLAN_TARGET = "Plan (Schritt 5)"  # the online service's name is a step-5 plan field
ONLINE_NAME = "online_name"
ONLINE_NAME_LABEL = "Name des Online-Dienstes"
_PERSON_LABELS = dict(PERSON_ATTRS)


def is_xzufi_file(path: Path | str) -> bool:
    """Is the file an XML file in an XZuFi namespace (then it is read here)?"""
    from ozgdesk.formats.xzufi_reader import looks_like_xzufi

    return looks_like_xzufi(path)


def review_files(project: Project, files: Sequence[Path | str]) -> ReturnsReview:
    """Review returned forms (.xlsx) and XZuFi files (.xml) together (writes nothing)."""
    from ozgdesk.workflow import delivery_returns

    xml = [Path(f) for f in files if Path(f).suffix.lower() == ".xml" or is_xzufi_file(f)]
    forms = [Path(f) for f in files if Path(f) not in xml]
    result = delivery_returns.review(project, forms) if forms else ReturnsReview()
    if xml:
        found = review(project, xml)
        result.files += found.files
        result.forms += found.forms
        result.changes += found.changes
        result.conflicts += found.conflicts
        result.unknown += found.unknown
        result.errors += found.errors
    return result


def review(project: Project, files: Sequence[Path | str]) -> ReturnsReview:
    """Compare XZuFi files with the project (writes nothing)."""
    from ozgdesk.formats.xzufi_reader import XzufiReadError, read_xzufi

    result = ReturnsReview()
    seen: set[Path] = set()
    for file in files:
        path = Path(file)
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        result.files.append(path)
        try:
            message = read_xzufi(path)
        except XzufiReadError as exc:
            result.errors.append(ReturnProblem(path.name, exc.message, value=path.name))
            continue
        _Review(project, path, message, result).run()
    _cross_check(result)
    return result


@dataclass(frozen=True)
class _Target:
    """A service of the project that an entry of the file names."""

    entry: ReadEntry
    row: delivery.Effective
    online_name: str = ""  # the plan's "Name des Online-Dienstes" after inheritance


def _value(point: ContactPoint, name: str) -> str:
    return normalise(name, getattr(point, "name" if name == "unit_name" else name))


class _Review:
    def __init__(
        self, project: Project, path: Path, message: ReadMessage, result: ReturnsReview
    ) -> None:
        self.project = project
        self.path = path
        self.name = path.name
        self.message = message
        self.result = result
        with project.reading() as conn:
            identities = queries.service_identities(conn)
            self.website = queries.project_summary(conn).website
        self.by_key = {key: i for i, key, _ in identities if key}
        self.units = {u.office_id: u for u in delivery.units(project)}
        # the names of the services each online service serves: ozgdesk names an online
        # service without planned name after one of them, which is no planned name either
        self.served: dict[str, set[str]] = {}
        for entry in message.entries:
            for online in entry.online:
                self.served.setdefault(online.id, set()).add(entry.name)

    def run(self) -> None:
        message, result = self.message, self.result
        sender = message.sender or message.product or "unbekannter Absender"
        result.forms.append(
            FormInfo(
                self.name,
                0,
                f"XZuFi {message.version}, {sender}",
                message.created,
                len(message.entries),
            )
        )
        for problem in message.problems:
            result.errors.append(
                ReturnProblem(
                    self.name, problem.message, SHEET, problem.line, value=_shown(problem.value)
                )
            )
        targets = self._targets()
        by_office: dict[int | None, list[_Target]] = {}
        for target in targets:
            by_office.setdefault(target.row.unit_office_id, []).append(target)
        for office_id, items in by_office.items():
            office_unit = self._office_unit(office_id, items)
            for target in items:
                self._service(target, office_unit if office_id is not None else None)

    def _targets(self) -> list[_Target]:
        chosen: dict[int, ReadEntry] = {}
        for entry in self.message.entries:
            service_id = self.by_key.get(entry.key)
            if service_id is None:
                self.result.unknown.append(
                    Unknown(
                        self.name,
                        entry.line,
                        None,
                        entry.key,
                        _shown(entry.name),
                        "Diese Leistung gibt es im Projekt nicht; ihre Angaben werden nicht "
                        "übernommen.",
                    )
                )
                continue
            if service_id in chosen:
                self.result.errors.append(
                    ReturnProblem(
                        self.name,
                        f"Die Leistung steht mehrfach in der Datei; nur Zeile "
                        f"{chosen[service_id].line} wird berücksichtigt.",
                        SHEET,
                        entry.line,
                        "referenzLeiKa",
                        value=entry.key,
                    )
                )
                continue
            chosen[service_id] = entry
        from ozgdesk.workflow import roadmap

        ids = list(chosen)
        rows = delivery.effective_rows(self.project, only_relevant=False, ids=ids)
        plans = {
            r.service_id: r.plan.online_name or ""
            for r in roadmap.plan_rows(self.project, ids=ids, only_relevant=False)
        }
        return [_Target(chosen[r.service_id], r, plans.get(r.service_id, "")) for r in rows]

    # -- the office's contact point ------------------------------------------------------

    def _office_unit(self, office_id: int | None, items: list[_Target]) -> XzufiUnit | None:
        """The unit most services of the office name; it becomes the office's contact point."""
        named = [t.entry.units[0] for t in items if t.entry.units]
        if office_id is None or not named or office_id not in self.units:
            return None
        counts = Counter(u.id for u in named)
        best = max(counts.values())
        unit = next(u for u in named if counts[u.id] == best)
        current = self.units[office_id]
        line = next(t.entry.line for t in items if t.entry.units and t.entry.units[0] is unit)
        for field_name in UNIT_FIELDS:
            self._propose(
                UNIT_TARGET,
                office_id,
                None,
                "",
                UNIT_TARGET,
                field_name,
                LABELS[field_name],
                normalise(field_name, current.get(field_name)),
                _value(unit.point, field_name),
                line,
            )
        for number, person in enumerate(unit.point.persons[:PERSON_COUNT], start=1):
            old_person = current.persons[number - 1] if number <= len(current.persons) else None
            for attr, label in PERSON_ATTRS:
                field_name = unit_person_field(number, attr)
                self._propose(
                    UNIT_TARGET,
                    office_id,
                    None,
                    "",
                    UNIT_TARGET,
                    field_name,
                    f"Ansprechperson {number}: {label}",
                    normalise(field_name, getattr(old_person, attr) if old_person else ""),
                    normalise(field_name, getattr(person, attr)),
                    line,
                )
        return unit

    # -- one service ---------------------------------------------------------------------

    def _service(self, target: _Target, office_unit: XzufiUnit | None) -> None:
        entry, row = target.entry, target.row
        own = row.stored
        office_id = row.unit_office_id
        office_values = self.units[office_id].values if office_id in self.units else {}

        def propose(field_name: str, label: str, old: str, new: str) -> None:
            self._propose(
                SERVICE_TARGET,
                office_id or 0,
                row.service_id,
                row.key,
                row.name,
                field_name,
                label,
                old,
                new,
                entry.line,
            )

        unit = entry.units[0] if entry.units else None
        if unit is not None:
            same = office_unit is not None and unit.id == office_unit.id
            for field_name in UNIT_FIELDS:
                want = _value(unit.point, field_name)
                current = normalise(field_name, own.values.get(field_name, ""))
                if same:
                    inherited = want
                elif office_unit is not None:
                    inherited = _value(office_unit.point, field_name)
                else:
                    inherited = normalise(field_name, office_values.get(field_name, ""))
                if not want or current == want or (not current and inherited == want):
                    continue
                propose(field_name, LABELS[field_name], current, want)
            first = unit.point.persons[0] if unit.point.persons else None
            office_first = (
                office_unit.point.persons[0]
                if office_unit is not None and office_unit.point.persons
                else None
            )
            if first is not None and not same and first != office_first:
                mine = own.persons[0] if own.persons else None
                for attr, label in PERSON_ATTRS:
                    field_name = service_person_field(attr)
                    propose(
                        field_name,
                        f"Ansprechperson: {label}",
                        normalise(field_name, getattr(mine, attr) if mine else ""),
                        normalise(field_name, getattr(first, attr)),
                    )
        page = self._page(entry)
        propose("page_url", LABELS["page_url"], own.values.get("page_url", ""), page)
        online = next((o for o in entry.online if o.url), None)
        if online is None:
            return
        propose("online_url", LABELS["online_url"], own.values.get("online_url", ""), online.url)
        # the name, unless it is just a service's name (what ozgdesk writes without one)
        served = self.served.get(online.id, set())
        if online.name and online.name not in served | {entry.name, row.name}:
            self._propose(
                PLAN_TARGET,
                office_id or 0,
                row.service_id,
                row.key,
                row.name,
                ONLINE_NAME,
                ONLINE_NAME_LABEL,
                target.online_name,
                online.name,
                entry.line,
            )

    def _page(self, entry: ReadEntry) -> str:
        """The municipality's page: a link on its website, else the link of the service's
        name module (where ozgdesk writes it), else the only link."""
        if self.website:
            for link in entry.links:
                if checks.on_domain(link.uri, self.website):
                    return link.uri.strip()
        for link in entry.links:
            if link.module == "02":
                return link.uri.strip()
        return entry.links[0].uri.strip() if len(entry.links) == 1 else ""

    # -- a proposed change -----------------------------------------------------------------

    def _propose(
        self,
        target: str,
        office_id: int,
        service_id: int | None,
        key: str,
        title: str,
        field_name: str,
        label: str,
        old: str,
        new: str,
        line: int,
    ) -> None:
        new = normalise(field_name, new)
        old = normalise(field_name, old)
        if not new or new == old:
            return  # an empty value in the file never empties a field
        problem = value_problem(field_name, new)
        if problem:
            self.result.errors.append(
                ReturnProblem(self.name, problem, SHEET, line, label, value=_shown(new))
            )
            return
        office = self.units[office_id].office_name if office_id in self.units else ""
        scope = f"unit:{office_id}" if service_id is None else f"service:{service_id}"
        change = Change(
            id=_change_id(self.path, scope, field_name),
            file=self.name,
            office_id=office_id,
            office=office,
            target=target,
            service_id=service_id,
            key=key,
            name=title,
            field=field_name,
            label=label,
            old=old,
            new=new,
            exported=old,
            row=line,
        )
        if old:
            self.result.conflicts.append(
                replace(
                    change,
                    conflict=True,
                    reason=f"Im Projekt steht bereits „{_shown(old)}“; die XZuFi-Datei "
                    f"nennt „{_shown(new)}“.",
                )
            )
        else:
            self.result.changes.append(change)
