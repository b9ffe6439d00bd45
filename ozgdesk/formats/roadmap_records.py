"""Plain records for the step 5 outputs: the timeline (PDF, PNG), the roadmap (Excel,
PDF table) and the council report (PDF).

The workflow fills them (``workflow.roadmap_outputs``); the writers in ``formats``
only lay them out. Nothing here imports reportlab or openpyxl, so the records can
be built (and tested) without loading them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# -- timeline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterSpan:
    """One quarter of the timeline's time axis."""

    label: str  # "Q1/2027"
    start: date
    end: date  # last day


@dataclass(frozen=True)
class TimelineBar:
    """One service: preparation from ``prep_start`` to ``start``, connection from
    ``start`` to ``end`` (inclusive)."""

    group: str
    label: str  # service name
    key: str  # LeiKa key ("" if none)
    prep_start: date
    start: date
    end: date
    decision: str  # one of TimelineData.decisions' keys, picks the colour


@dataclass(frozen=True)
class TimelineMilestone:
    title: str
    day: date
    done: bool = False


@dataclass(frozen=True)
class TimelineData:
    municipality: str
    day: date  # the report date: header and the "heute" line
    quarters: Sequence[QuarterSpan]  # the time axis, in order, without gaps
    bars: Sequence[TimelineBar]  # in display order, grouped (consecutive groups)
    milestones: Sequence[TimelineMilestone] = ()
    group_label: str = "Amt"  # what the groups are: "Amt" or "Themenfeld"
    # decision value -> legend text, in legend (and colour) order
    decisions: Sequence[tuple[str, str]] = ()
    title: str = "Zeitplan der Online-Anbindungen"


# -- roadmap (Excel, PDF table) ---------------------------------------------------------------------


@dataclass(frozen=True)
class PrerequisiteLine:
    kind: str
    name: str = ""
    vendor: str = ""
    interface: str = ""  # "ja", "nein", "unklar" or ""
    status: str = ""  # "offen", "in Arbeit", "erledigt", "nicht nötig"
    owner: str = ""
    done: bool = False  # no longer holds the service up


@dataclass(frozen=True)
class RoadmapLine:
    """One relevant service with its effective plan, every value ready to show."""

    key: str
    name: str
    office: str
    themenfeld: str
    ozg: str
    online_available: bool | None = None
    efa_kind: str = ""
    efa_state: str = ""
    online_name: str = ""
    provider: str = ""
    available_on: date | None = None
    decision: str = ""
    decision_reason: str = ""
    quarter: str = ""  # "Q2/2027" or ""
    quarter_key: str = ""  # "2027-Q2" (sorts in order) or ""
    current_level: int | None = None
    target_level: int | None = None
    effort_days: float | None = None
    training: str = ""
    marketing: str = ""
    notes: str = ""
    prerequisites: Sequence[PrerequisiteLine] = ()
    depends_on: Sequence[str] = ()  # "99… Name" of the services it waits for
    inherited: Sequence[str] = ()  # labels of values taken over from the OZG service

    @property
    def prerequisites_open(self) -> int:
        return sum(1 for p in self.prerequisites if not p.done)


@dataclass(frozen=True)
class RoadmapGroup:
    """Services shown together in the PDF table, e.g. those planned for one quarter."""

    title: str
    lines: Sequence[RoadmapLine]
    note: str = ""  # e.g. "34 Personentage"


@dataclass(frozen=True)
class CapacityCell:
    quarter: str  # label
    planned: float
    capacity: float | None  # None: not entered

    @property
    def over(self) -> bool:
        return self.capacity is not None and self.planned > self.capacity


@dataclass(frozen=True)
class CapacityRow:
    office: str
    cells: Sequence[CapacityCell]  # one per quarter of RoadmapData.quarters


@dataclass(frozen=True)
class CommLine:
    audience: str
    title: str
    due_on: date
    owner: str = ""
    done: bool = False
    phase: str = ""
    notes: str = ""


@dataclass(frozen=True)
class MilestoneLine:
    title: str
    due_on: date
    done: bool = False
    service: str = ""  # "99… Name" if it belongs to a service
    notes: str = ""


@dataclass(frozen=True)
class RoadmapData:
    municipality: str
    day: date
    lines: Sequence[RoadmapLine]  # every relevant service, in plan order
    groups: Sequence[RoadmapGroup] = ()  # the same services grouped for the PDF
    quarters: Sequence[str] = ()  # capacity columns (labels)
    capacity: Sequence[CapacityRow] = ()
    communication: Sequence[CommLine] = ()
    milestones: Sequence[MilestoneLine] = ()
    warnings: Sequence[str] = ()  # capacity warnings in plain German
    counts: Sequence[tuple[str, int]] = ()  # (label, number): decisions at a glance
    info: Sequence[tuple[str, object]] = ()  # label/value pairs for the Excel "Info" sheet
    source_note: str = ""
    decisions: Sequence[str] = ()  # decisions with a colour of their own, in palette order
    levels: Sequence[str] = ()  # what the Reifegrade mean ("0 – offline …")


# -- council report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    label: str
    value: int


@dataclass(frozen=True)
class LevelCount:
    """Services per Reifegrad today and as planned."""

    label: str  # "3 – Online-Antrag mit Nachweisen" or "nicht angegeben"
    short: str  # "3", for the chart axis
    today: int
    target: int


@dataclass(frozen=True)
class WaitingService:
    """A service whose online service depends on an EfA solution that is not secured."""

    key: str
    name: str
    office: str
    efa_kind: str
    provider: str
    quarter: str


@dataclass(frozen=True)
class CouncilReportData:
    """Everything the council report shows; every figure is in here, none is made up
    by the writer."""

    municipality: str
    day: date
    last_report: date | None
    situation: str
    goal: str
    benefits: Sequence[tuple[str, str, str]]  # stakeholder, benefit, measured by
    implementation_cost: float  # one-off, EUR
    operation_cost: float  # per year, EUR
    coordination_fte: float
    cost_per_fte: float  # EUR per year
    personnel_cost: float  # coordination_fte × cost_per_fte, per year
    risk_buffer_percent: float
    risk_base: float  # what the buffer is a share of
    risk_buffer: float
    total_first_year: float
    risks: Sequence[tuple[str, str]]  # risk, mitigation
    dependencies: str
    catalogue_total: int  # services in the catalogue
    relevant: int
    planned: int  # relevant services with a decision (and a quarter unless status quo)
    levels: Sequence[LevelCount]
    level3_today: int  # services at Reifegrad 3 or higher today
    level3_target: int  # … and as planned
    decisions: Sequence[Count]
    delivery: Sequence[Count]
    delivery_total: int
    first_quarter: str  # first planned connection ("" if none)
    last_quarter: str
    go_live: date | None
    per_quarter: Sequence[Count]  # planned connections per quarter
    reached: Sequence[MilestoneLine]  # milestones reached since the last report
    upcoming: Sequence[MilestoneLine]  # milestones of the next six months
    upcoming_until: date
    upcoming_connections: Sequence[Count]  # planned connections per quarter in that time
    waiting: Sequence[WaitingService]
    communication: Sequence[CommLine]  # the council's items
    capacity_warnings: Sequence[str] = ()
    source_note: str = ""
    municipality_title: str = ""  # "Gemeinde", "Stadt", "Kreis" … ("" unknown)
