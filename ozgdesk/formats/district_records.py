"""The plain data of the district overview (workflow/district.py builds it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class MemberRow:
    name: str  # with its kind: "Gemeinde Nörvenich"
    source: str  # "Projektdatei" or "Vorlage vom 04.12.2026"
    step_reached: int
    steps: dict[str, str]
    services_total: int
    decided: int
    relevant: int
    assigned: int
    delivery_total: int
    delivery_complete: int
    online_per_quarter: dict[str, int]

    @property
    def online_planned(self) -> int:
        return sum(self.online_per_quarter.values())


@dataclass(frozen=True)
class Difference:
    """A service the members decided differently: member name → decision."""

    key: str
    name: str
    decisions: dict[str, str]

    def members_with(self, decision: str) -> list[str]:
        return [m for m, d in self.decisions.items() if d == decision]

    def majority(self) -> tuple[str, int]:
        """The most frequent decision and how many members took it (ties: the first seen)."""
        counts: dict[str, int] = {}
        for d in self.decisions.values():
            counts[d] = counts.get(d, 0) + 1
        best = max(counts.items(), key=lambda kv: kv[1])
        return best

    def dissent(self) -> list[tuple[str, str]]:
        """(member, decision) of the members that decided otherwise than the majority."""
        majority, _n = self.majority()
        return [(m, d) for m, d in self.decisions.items() if d != majority]


@dataclass(frozen=True)
class DistrictReport:
    title: str
    day: date
    members: tuple[MemberRow, ...]
    quarters: tuple[str, ...]  # every quarter any member plans a connection in, sorted
    differences: tuple[Difference, ...]
    unreadable: tuple[str, ...] = ()  # "file: reason" of inputs that could not be read
    quarter_labels: dict[str, str] = field(default_factory=dict)  # "2027-Q1" → "Q1/2027"
