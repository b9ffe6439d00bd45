"""Step 5, the timeline: one bar per planned service from its start to its go-live
quarter, with the milestones, as the painted chart and the PDF show it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ozgdesk.store.project import Project
from ozgdesk.workflow.roadmap_capacity import (
    MilestoneItem,
    milestones,
)
from ozgdesk.workflow.roadmap_model import (
    STATUS_QUO,
    PlanRow,
    plan_rows,
    quarter_end,
    quarter_of,
    quarter_start,
    shift_quarter,
)

# -- timeline -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    group: str
    label: str
    key: str
    service_id: int
    prep_start: date
    start: date
    end: date
    decision: str


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    milestones: list[MilestoneItem]
    first: date
    last: date
    groups: list[str] = field(default_factory=list)


def timeline(
    project: Project, group_by: str = "office", rows: Sequence[PlanRow] | None = None
) -> Timeline:
    """Bars per planned service: preparation in the quarter before, connection in the
    planned quarter; grouped by office or Themenfeld."""
    rows = rows if rows is not None else plan_rows(project)
    bars = []
    for row in rows:
        quarter = row.plan.planned_quarter
        if not quarter or row.plan.decision == STATUS_QUO:
            continue
        group = (
            (row.office or "(ohne Amt)")
            if group_by == "office"
            else (row.themenfeld.split(", ")[0] or "(ohne Themenfeld)")
        )
        start = quarter_start(quarter)
        bars.append(
            Bar(
                group,
                row.name,
                row.key,
                row.service_id,
                quarter_start(shift_quarter(quarter, -1)),
                start,
                quarter_end(quarter),
                row.plan.decision or "",
            )
        )
    bars.sort(key=lambda b: (b.group.startswith("("), b.group, b.start, b.label))
    items = milestones(project)
    dates = [b.prep_start for b in bars] + [b.end for b in bars] + [m.due_on for m in items]
    today = date.today()
    first = quarter_start(quarter_of(min(dates, default=today)))
    last = quarter_end(quarter_of(max(dates, default=today + timedelta(days=365))))
    return Timeline(bars, items, first, last, list(dict.fromkeys(b.group for b in bars)))
