"""Plain data of the step 2 reports (offices, their contacts and services).

The workflow fills these records; the writers in ``offices_xlsx``,
``office_pdf`` and ``briefing_pdf`` only lay them out. No openpyxl or
reportlab here, so the records can be built (and previewed) without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ContactLine:
    """An OZG contact of an office (or its deputy)."""

    name: str
    function: str = ""
    email: str = ""
    phone: str = ""
    deputy: bool = False


@dataclass(frozen=True)
class ServiceLine:
    """A service as the office lists show it."""

    key: str  # 14-digit LeiKa key or "" (as text)
    name: str
    ozg: str = ""  # "10000 Elterngeld; …"
    lebenslage: str = ""
    themenfeld: str = ""
    typ: str = ""
    involved: tuple[str, ...] = ()  # names of involved offices (besides the lead)
    remark: str = ""
    relevance: str = ""  # the decision of step 1 ("" = still open)
    retired: bool = False  # "entfallen": no longer in the newest catalogue release

    @property
    def decision(self) -> str:
        text = self.relevance or "noch offen"
        return f"{text}, entfallen" if self.retired else text


@dataclass(frozen=True)
class OfficeReport:
    """One office with its contacts and the services it leads."""

    name: str
    short_name: str = ""
    kind: str = ""
    parent: str = ""  # name of the superior office
    contacts: tuple[ContactLine, ...] = ()
    services: tuple[ServiceLine, ...] = ()

    @property
    def main_contacts(self) -> tuple[ContactLine, ...]:
        return tuple(c for c in self.contacts if not c.deputy)

    @property
    def deputies(self) -> tuple[ContactLine, ...]:
        return tuple(c for c in self.contacts if c.deputy)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


@dataclass(frozen=True)
class OfficesReport:
    """All offices (in display order) and the services without a lead office."""

    municipality: str
    day: date
    offices: Sequence[OfficeReport]
    unassigned: Sequence[ServiceLine]
    only_relevant: bool = False  # the services are only those decided "relevant"

    @property
    def service_word(self) -> str:
        """How the services are called in headings ("relevante Leistungen" or "Leistungen")."""
        return "relevante Leistungen" if self.only_relevant else "Leistungen"
