"""Step 5 outputs: the timeline (PDF over several A4 or A3 pages, or one PNG), the
roadmap as Excel workbook and as PDF table, and the report to the council.

The data is gathered here as plain records (``formats.roadmap_records``) from the
roadmap, the communication plan, the council inputs and the delivery status; the
writers are imported only when an export runs (reportlab, openpyxl and pypdfium2 are
slow to import). Problems writing the target become an
:class:`~ozgdesk.workflow.exports.ExportError`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import communication, delivery, overview, roadmap
from ozgdesk.workflow.exports import SOURCE_NOTE, _target, _writing
from ozgdesk.workflow.roadmap import EARLY, LATER, STATUS_QUO, PlanRow

if TYPE_CHECKING:
    from ozgdesk.formats.roadmap_records import (
        CouncilReportData,
        MilestoneLine,
        RoadmapData,
        RoadmapLine,
        TimelineData,
    )

PAGES = ("A4", "A3")
GROUPS = {"office": "Amt", "themenfeld": "Themenfeld"}
DECISION_LEGEND = ((EARLY, "früh (unter den Ersten)"), (LATER, "später"))
UNDECIDED = "noch nicht entschieden"
NO_QUARTER = "entschieden, Quartal noch offen"
STATUS_QUO_GROUP = "Status quo (vorerst keine Anbindung)"
DONE_PREREQUISITES = ("erledigt", "nicht nötig")
UPCOMING_MONTHS = 6
UNCLEAR = "unklar"  # EfA state: not secured yet
OWN_SOLUTIONS = ("eigene Lösung", "keine")  # online services that wait for nobody
# How far the time axis is stretched to show today (in quarters): a plan that starts
# within two years shows "heute"; older or far-off dates do not widen the chart.
TODAY_REACH = 8


def _municipality(project: Project) -> str:
    with project.reading() as conn:
        return queries.project_summary(conn).municipality


def _check_group(group_by: str) -> None:
    if group_by not in GROUPS:
        raise ValueError(f"Unbekannte Gruppierung „{group_by}“ (möglich: office, themenfeld).")


def _service_label(key: str, name: str) -> str:
    return f"{key} {name}" if key else name


# -- timeline ------------------------------------------------------------------------------


def timeline_data(
    project: Project,
    group_by: str = "office",
    day: date | None = None,
    rows: Sequence[PlanRow] | None = None,
) -> TimelineData:
    """The bars, milestones and quarters of the timeline (plain data)."""
    from ozgdesk.formats.roadmap_records import (
        QuarterSpan,
        TimelineBar,
        TimelineData,
        TimelineMilestone,
    )

    _check_group(group_by)
    today = day or date.today()
    tl = roadmap.timeline(
        project, group_by, rows if rows is not None else roadmap.plan_rows(project)
    )
    first, last = roadmap.quarter_of(tl.first), roadmap.quarter_of(tl.last)
    now = roadmap.quarter_of(today)
    if roadmap.parse_quarter(now) < roadmap.parse_quarter(first):
        first = now if len(roadmap.quarters_between(now, first)) <= TODAY_REACH else first
    elif roadmap.parse_quarter(now) > roadmap.parse_quarter(last):
        last = now if len(roadmap.quarters_between(last, now)) <= TODAY_REACH else last
    quarters = [
        QuarterSpan(roadmap.quarter_label(q), roadmap.quarter_start(q), roadmap.quarter_end(q))
        for q in roadmap.quarters_between(first, last)
    ]
    # groups in alphabetical order, "(ohne Amt)" and the like last
    order = {
        g: i
        for i, g in enumerate(sorted(tl.groups, key=lambda g: (g.startswith("("), g.casefold())))
    }
    bars = sorted(tl.bars, key=lambda b: (order[b.group], b.start, b.label.casefold()))
    return TimelineData(
        municipality=_municipality(project),
        day=today,
        quarters=quarters,
        bars=[
            TimelineBar(b.group, b.label, b.key, b.prep_start, b.start, b.end, b.decision)
            for b in bars
        ],
        milestones=[TimelineMilestone(m.title, m.due_on, m.done) for m in tl.milestones],
        group_label=GROUPS[group_by],
        decisions=DECISION_LEGEND,
    )


def export_timeline_pdf(
    project: Project,
    path: Path | str,
    page: str = "A4",
    group_by: str = "office",
    *,
    day: date | None = None,
) -> Path:
    """Write the timeline as PDF on A4 or A3 landscape pages; returns its path."""
    if page not in PAGES:
        raise ValueError(f"Unbekanntes Papierformat „{page}“ (möglich: A4, A3).")
    target = _target(project, path)
    data = timeline_data(project, group_by, day)
    from ozgdesk.formats.timeline_pdf import write_timeline_pdf

    with _writing(target):
        return write_timeline_pdf(target, data, page)


def export_timeline_png(
    project: Project,
    path: Path | str,
    group_by: str = "office",
    *,
    width_px: int = 2400,
    day: date | None = None,
) -> Path:
    """Write the whole timeline as one PNG image; returns its path."""
    target = _target(project, path)
    data = timeline_data(project, group_by, day)
    from ozgdesk.formats.timeline_pdf import timeline_png

    with _writing(target):
        return timeline_png(target, data, width_px)


# -- roadmap (Excel, PDF table) ----------------------------------------------------------------


def _line(row: PlanRow, names: dict[int, str]) -> RoadmapLine:
    from ozgdesk.formats.roadmap_records import PrerequisiteLine, RoadmapLine

    plan = row.plan
    return RoadmapLine(
        key=row.key,
        name=row.name,
        office=row.office,
        themenfeld=row.themenfeld,
        ozg=row.ozg,
        online_available=plan.online_available,
        efa_kind=plan.efa_kind or "",
        efa_state=plan.efa_state or "",
        online_name=plan.online_name or "",
        provider=plan.provider or "",
        available_on=plan.available_on,
        decision=plan.decision or "",
        decision_reason=plan.decision_reason or "",
        quarter=roadmap.quarter_label(plan.planned_quarter) if plan.planned_quarter else "",
        quarter_key=plan.planned_quarter or "",
        current_level=plan.current_level,
        target_level=plan.target_level,
        effort_days=plan.effort_days,
        training=plan.training or "",
        marketing=plan.marketing or "",
        notes=plan.notes or "",
        prerequisites=tuple(
            PrerequisiteLine(
                p.kind,
                p.name,
                p.vendor,
                p.interface,
                p.status,
                p.owner,
                p.status in DONE_PREREQUISITES,
            )  # fmt: skip
            for p in row.prerequisites
        ),
        depends_on=tuple(names.get(d, "") for d in row.depends_on if d in names),
        inherited=tuple(roadmap.LABELS[f] for f in roadmap.PLAN_FIELDS if f in row.inherited),
    )


def _plan_order(row: PlanRow) -> tuple[object, ...]:
    plan = row.plan
    quarter = roadmap.parse_quarter(plan.planned_quarter) if plan.planned_quarter else (9999, 9)
    decision = roadmap.DECISIONS.index(plan.decision) if plan.decision in roadmap.DECISIONS else 9
    return (
        plan.decision == STATUS_QUO,
        quarter,
        decision,
        row.office.casefold(),
        row.name.casefold(),
    )


def _names(project: Project, rows: Sequence[PlanRow]) -> dict[int, str]:
    """Key and name of every service a row depends on (relevant or not)."""
    wanted = sorted({d for r in rows for d in r.depends_on})
    if not wanted:
        return {}
    return {r.id: _service_label(r.key, r.name) for r in overview.catalogue_rows(project, wanted)}


def _milestone_lines(project: Project, rows: Sequence[PlanRow]) -> list[MilestoneLine]:
    from ozgdesk.formats.roadmap_records import MilestoneLine

    items = roadmap.milestones(project)
    names = {r.service_id: _service_label(r.key, r.name) for r in rows}
    missing = [m.service_id for m in items if m.service_id and m.service_id not in names]
    if missing:
        names |= {
            r.id: _service_label(r.key, r.name) for r in overview.catalogue_rows(project, missing)
        }
    return [
        MilestoneLine(m.title, m.due_on, m.done, names.get(m.service_id or 0, ""), m.notes)
        for m in items
    ]


def _decision_counts(rows: Sequence[PlanRow]) -> list[tuple[str, int]]:
    counts = Counter(r.plan.decision if r.plan.decision in roadmap.DECISIONS else "" for r in rows)
    return [(d, counts[d]) for d in roadmap.DECISIONS] + [(UNDECIDED, counts[""])]


def roadmap_data(
    project: Project, day: date | None = None, *, now: datetime | None = None
) -> RoadmapData:
    """Every relevant service with its plan, the capacity per office and quarter, the
    communication plan and the milestones (plain data)."""
    from ozgdesk.formats.roadmap_records import (
        CapacityCell,
        CapacityRow,
        CommLine,
        RoadmapData,
        RoadmapGroup,
    )

    rows = sorted(roadmap.plan_rows(project), key=_plan_order)
    names = _names(project, rows)
    lines = [_line(r, names) for r in rows]
    by_id = {r.service_id: line for r, line in zip(rows, lines, strict=True)}

    groups: list[RoadmapGroup] = []
    planned: dict[str, list[PlanRow]] = {}
    no_quarter, status_quo, undecided = [], [], []
    for r in rows:
        if r.plan.decision == STATUS_QUO:
            status_quo.append(r)
        elif r.plan.decision not in roadmap.DECISIONS:
            undecided.append(r)
        elif r.plan.planned_quarter:
            planned.setdefault(r.plan.planned_quarter, []).append(r)
        else:
            no_quarter.append(r)

    def group(title: str, members: list[PlanRow]) -> RoadmapGroup:
        effort = sum(float(r.plan.effort_days or 0) for r in members)
        note = f"{len(members)} " + ("Leistung" if len(members) == 1 else "Leistungen")
        if effort:
            note += f" · {_number(effort)} Personentage"
        return RoadmapGroup(title, [by_id[r.service_id] for r in members], note)

    for quarter in sorted(planned, key=roadmap.parse_quarter):
        groups.append(group(roadmap.quarter_label(quarter), planned[quarter]))
    for title, members in (
        (NO_QUARTER, no_quarter),
        (STATUS_QUO_GROUP, status_quo),
        (UNDECIDED.capitalize(), undecided),
    ):
        if members:
            groups.append(group(title, members))

    loads = roadmap.loads(project, rows)
    quarters = sorted({load.quarter for load in loads}, key=roadmap.parse_quarter)
    offices: dict[str, dict[str, roadmap.Load]] = {}
    for load in loads:
        offices.setdefault(load.office, {})[load.quarter] = load
    capacity = [
        CapacityRow(
            office,
            [
                CapacityCell(
                    roadmap.quarter_label(q),
                    cells[q].planned if q in cells else 0.0,
                    cells[q].capacity if q in cells else None,
                )
                for q in quarters
            ],
        )
        for office, cells in sorted(
            offices.items(), key=lambda kv: (kv[0].startswith("("), kv[0].casefold())
        )
    ]
    comm = [
        CommLine(i.audience, i.title, i.due_on, i.owner, i.done, i.phase, i.notes)
        for i in communication.items(project)
    ]
    counts = _decision_counts(rows)
    municipality = _municipality(project)
    info: list[tuple[str, object]] = [
        ("Kommune", municipality),
        ("Exportiert am", now or datetime.now()),
        ("Projektdatei", project.path.name),
        ("relevante Leistungen", len(rows)),
        *((f"Entscheidung „{label}“" if label != UNDECIDED else label, n) for label, n in counts),
        (
            "mit geplantem Quartal",
            sum(1 for r in rows if r.plan.planned_quarter and r.plan.decision != STATUS_QUO),
        ),
        ("Datenquelle", SOURCE_NOTE),
        (
            "Hinweis",
            "Die Spalte „LeiKa-Schlüssel“ ist als Text gespeichert, damit alle 14 Ziffern "
            "erhalten bleiben. Werte, die von der OZG-Leistung übernommen sind, nennt die Spalte "
            "„von OZG-Leistung übernommen“. Änderungen in dieser Datei fließen nicht "
            "automatisch in das Projekt zurück.",
        ),
    ]
    return RoadmapData(
        municipality=municipality,
        day=day or date.today(),
        lines=lines,
        groups=groups,
        quarters=[roadmap.quarter_label(q) for q in quarters],
        capacity=capacity,
        communication=comm,
        milestones=_milestone_lines(project, rows),
        warnings=roadmap.capacity_warnings(project, rows),
        counts=counts,
        info=info,
        source_note=SOURCE_NOTE,
        decisions=[d for d, _ in DECISION_LEGEND],
        levels=[roadmap.MATURITY[n] for n in sorted(roadmap.MATURITY)],
    )


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


def export_roadmap_xlsx(
    project: Project, path: Path | str, *, day: date | None = None, now: datetime | None = None
) -> Path:
    """Write the roadmap (services with plans, capacity, communication, milestones) as .xlsx."""
    target = _target(project, path)
    data = roadmap_data(project, day, now=now)
    from ozgdesk.formats.roadmap_xlsx import write_roadmap_xlsx

    with _writing(target):
        return write_roadmap_xlsx(target, data)


def export_roadmap_pdf(project: Project, path: Path | str, *, day: date | None = None) -> Path:
    """Write the roadmap as a PDF table (A4 landscape), services grouped by quarter."""
    target = _target(project, path)
    data = roadmap_data(project, day)
    from ozgdesk.formats.roadmap_pdf import write_roadmap_pdf

    with _writing(target):
        return write_roadmap_pdf(target, data)


# -- council report ------------------------------------------------------------------------------


def council_report_data(project: Project, day: date | None = None) -> CouncilReportData:
    """The council report's texts and figures: the coordinator's inputs plus what the
    project data says (plain data)."""
    from ozgdesk.formats.roadmap_records import (
        CommLine,
        CouncilReportData,
        Count,
        LevelCount,
        WaitingService,
    )

    today = day or date.today()
    inputs = communication.council_inputs(project)
    rows = sorted(roadmap.plan_rows(project), key=_plan_order)
    with project.reading() as conn:
        catalogue_total = queries.service_counts(conn).total
        municipality_title = queries.municipality_title(conn)
    today_levels = Counter(r.plan.current_level for r in rows)
    target_levels = Counter(r.plan.target_level for r in rows)
    levels = [
        LevelCount(roadmap.MATURITY[n], str(n), today_levels[n], target_levels[n])
        for n in sorted(roadmap.MATURITY)
    ]
    if today_levels[None] or target_levels[None]:
        levels.append(
            LevelCount("nicht angegeben", "k. A.", today_levels[None], target_levels[None])
        )

    delivery_rows = delivery.effective_rows(project)
    statuses = Counter(r.status for r in delivery_rows)

    connecting = [r for r in rows if r.plan.planned_quarter and r.plan.decision != STATUS_QUO]
    per_quarter = Counter(r.plan.planned_quarter or "" for r in connecting)
    quarters = sorted(per_quarter, key=roadmap.parse_quarter)
    until = communication.add_months(today, UPCOMING_MONTHS)
    soon = [
        q for q in quarters if roadmap.quarter_start(q) <= until and roadmap.quarter_end(q) >= today
    ]

    milestones = _milestone_lines(project, rows)
    last = inputs.last_report
    reached = [m for m in milestones if m.done and (last is None or m.due_on > last)]
    upcoming = [m for m in milestones if today <= m.due_on <= until]

    waiting = [
        WaitingService(
            r.key,
            r.name,
            r.office,
            r.plan.efa_kind or "",
            r.plan.provider or "",
            roadmap.quarter_label(r.plan.planned_quarter) if r.plan.planned_quarter else "",
        )
        for r in rows
        if r.plan.efa_state == UNCLEAR and r.plan.efa_kind not in OWN_SOLUTIONS
    ]
    council_items = [
        CommLine(i.audience, i.title, i.due_on, i.owner, i.done, i.phase, i.notes)
        for i in communication.items(project)
        if i.audience == communication.COUNCIL
    ]
    risk_base = inputs.implementation_cost + inputs.operation_cost + inputs.personnel_cost
    return CouncilReportData(
        municipality=_municipality(project),
        day=today,
        last_report=last,
        situation=inputs.situation,
        goal=inputs.goal,
        benefits=[tuple(b) for b in inputs.benefits],  # type: ignore[misc]  # the inputs hold two-element lists, the report wants pairs
        implementation_cost=inputs.implementation_cost,
        operation_cost=inputs.operation_cost,
        coordination_fte=inputs.coordination_fte,
        cost_per_fte=inputs.cost_per_fte,
        personnel_cost=inputs.personnel_cost,
        risk_buffer_percent=inputs.risk_buffer_percent,
        risk_base=risk_base,
        risk_buffer=inputs.risk_buffer,
        total_first_year=inputs.total_first_year,
        risks=[tuple(r) for r in inputs.risks],  # type: ignore[misc]  # the inputs hold two-element lists, the report wants pairs
        dependencies=inputs.dependencies,
        catalogue_total=catalogue_total,
        relevant=len(rows),
        planned=sum(1 for r in rows if r.decided),
        levels=levels,
        level3_today=sum(1 for r in rows if (r.plan.current_level or 0) >= 3),
        level3_target=sum(1 for r in rows if (r.plan.target_level or 0) >= 3),
        decisions=[Count(label, n) for label, n in _decision_counts(rows)],
        delivery=[Count(s, statuses[s]) for s in delivery.STATUSES],
        delivery_total=len(delivery_rows),
        first_quarter=roadmap.quarter_label(quarters[0]) if quarters else "",
        last_quarter=roadmap.quarter_label(quarters[-1]) if quarters else "",
        go_live=communication.go_live(project),
        per_quarter=[Count(roadmap.quarter_label(q), per_quarter[q]) for q in quarters],
        reached=reached,
        upcoming=upcoming,
        upcoming_until=until,
        upcoming_connections=[Count(roadmap.quarter_label(q), per_quarter[q]) for q in soon],
        waiting=waiting,
        communication=council_items,
        capacity_warnings=roadmap.capacity_warnings(project, rows),
        source_note=SOURCE_NOTE,
        municipality_title=municipality_title,
    )


def export_council_report(project: Project, path: Path | str, day: date | None = None) -> Path:
    """Write the report to the council (A4 PDF); returns its path."""
    target = _target(project, path)
    data = council_report_data(project, day)
    from ozgdesk.formats.council_report_pdf import write_council_report

    with _writing(target):
        return write_council_report(target, data)
