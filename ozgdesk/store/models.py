"""The tables of a project file (SQLModel).

The schema is owned by the alembic migrations in ``store/migrations``; these
classes must describe exactly what the migrations create (a test compares them).
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import NaiveDatetime
from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, text
from sqlmodel import Field, SQLModel

# Named constraints, so that alembic's batch mode can find them again in SQLite.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table of a model class (for bulk inserts and updates)."""
    # SQLModel's metaclass sets __table__ on every table=True class but declares it nowhere
    return model.__table__  # type: ignore[attr-defined]  # set by SQLModel's metaclass, declared nowhere


class ProjectInfo(SQLModel, table=True):
    """One row: whose project this is."""

    __tablename__ = "project_info"

    id: int | None = Field(default=None, primary_key=True)
    municipality: str
    website: str = ""
    created_at: datetime
    created_with: str = ""
    catalogue_source: str = ""
    uid: str = ""  # identifies the project in forms sent out to offices
    ags: str = ""  # Amtlicher Gemeindeschlüssel, 8 digits
    ars: str = ""  # Amtlicher Regionalschlüssel, 12 digits (XZuFi gebietID)
    district: str = ""  # the Kreis a kreisangehörige municipality belongs to
    # kind of municipality, a stable key: "gemeinde", "mittlere_stadt", "grosse_stadt",
    # "kreisfreie_stadt", "kreis" ("" unknown); labels in workflow/municipality.py
    municipality_type: str = ""
    municipality_title: str = ""  # "Gemeinde", "Stadt", "Kreis", "Städteregion"


class Themenfeld(SQLModel, table=True):
    __tablename__ = "themenfeld"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Lebenslage(SQLModel, table=True):
    __tablename__ = "lebenslage"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    themenfeld_id: int | None = Field(default=None, foreign_key="themenfeld.id", index=True)


class OzgService(SQLModel, table=True):
    """An OZG service (OZG-Leistung, 5-digit OZG-ID) bundling LeiKa services."""

    __tablename__ = "ozg_service"

    id: int | None = Field(default=None, primary_key=True)
    ozg_id: str = Field(unique=True)
    name: str
    lebenslage_id: int | None = Field(default=None, foreign_key="lebenslage.id", index=True)


class Service(SQLModel, table=True):
    """A LeiKa service (Leistung) as this municipality knows it.

    ``key`` is the valid 14-digit LeiKa key or NULL. Without a valid key the
    service is identified by its name (``key_raw`` keeps what the source said,
    e.g. "nicht im LeiKa"); ``key_problem`` says why there is no key.
    """

    __tablename__ = "service"
    __table_args__ = (
        Index("ux_service_keyless_name", "name", unique=True, sqlite_where=text("key IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str | None = Field(default=None, unique=True)
    key_raw: str = ""
    key_problem: str = ""  # "" (valid key), "fehlt" or "ungültig"
    name: str
    typ: str = ""
    legal_basis: str = ""
    law: str = ""
    law_short: str = ""
    sdg1: bool = False
    sdg2: bool = False
    origin: str = ""  # where the service came from, e.g. "Katalog NRW"
    created_at: datetime
    updated_at: datetime
    # step 1: does the service matter here? "" undecided, "relevant", "nicht relevant", "prüfen"
    relevance: str = ""
    relevance_reason: str = ""
    relevance_at: datetime | None = None
    remark: str = ""
    contact_person: str = ""  # as an imported list named it (free text)
    # step 2: the lead office and how it was assigned ("manuell", "Regel", "Import")
    lead_office_id: int | None = Field(
        default=None, foreign_key="office.id", index=True, ondelete="SET NULL"
    )
    assignment_source: str = ""
    # a catalogue update found the service no longer in the official release ("entfallen")
    retired_at: datetime | None = None
    # counted up by a trigger on every change (migration 0008): finds concurrent edits
    version: int = 1


class ServiceOzg(SQLModel, table=True):
    """Which OZG services a LeiKa service belongs to (many-to-many)."""

    __tablename__ = "service_ozg"

    service_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    ozg_service_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("ozg_service.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        )
    )


class Office(SQLModel, table=True):
    """An organisational unit of the municipality (Amt, Fachbereich, Stabsstelle)."""

    __tablename__ = "office"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    short_name: str = ""
    number: str = ""
    kind: str = "Amt"
    parent_id: int | None = Field(default=None, foreign_key="office.id", ondelete="SET NULL")
    created_at: datetime


class ImportSource(SQLModel, table=True):
    """A list services came from: the built-in catalogue or a spreadsheet (by label)."""

    __tablename__ = "import_source"

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(unique=True)
    last_file: str = ""
    last_import_at: datetime | None = None


class ServiceSource(SQLModel, table=True):
    """Which source lists a service; ``missing`` when the last import no longer had it."""

    __tablename__ = "service_source"

    service_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    source_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("import_source.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        )
    )
    missing: bool = False


class ImportMapping(SQLModel, table=True):
    """A column mapping remembered for spreadsheets with the same header layout."""

    __tablename__ = "import_mapping"

    id: int | None = Field(default=None, primary_key=True)
    signature: str = Field(unique=True)
    mapping: str  # JSON: {"header text": "field", ...}
    updated_at: datetime


class RelevanceRule(SQLModel, table=True):
    """A visible, editable rule that suggests a relevance decision, with its reason."""

    __tablename__ = "relevance_rule"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    kind: str  # "typ", "name", "themenfeld", "lebenslage", "ozg"
    value: str
    suggestion: str  # "relevant", "nicht relevant", "prüfen"
    reason: str
    enabled: bool = True


class NetworkContact(SQLModel, table=True):
    """The coordinator's network (step 1 "vernetzen")."""

    __tablename__ = "network_contact"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = ""  # IT-Dienstleister, Kompetenzzentrum, Nachbarkommune, Kreis-Team, Sonstige
    organisation: str = ""
    person: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    first_contact: date | None = None
    created_at: datetime
    updated_at: datetime


class OfficeContact(SQLModel, table=True):
    """An office's OZG contact (one or two per office, optionally a deputy)."""

    __tablename__ = "office_contact"

    id: int | None = Field(default=None, primary_key=True)
    office_id: int = Field(foreign_key="office.id", index=True, ondelete="CASCADE")
    name: str
    function: str = ""
    email: str = ""
    phone: str = ""
    deputy: bool = False
    position: int = 0


class ServiceInvolvedOffice(SQLModel, table=True):
    """Offices involved in a service besides its lead office."""

    __tablename__ = "service_involved_office"

    service_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    office_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("office.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class AssignmentRule(SQLModel, table=True):
    """ "Themenfeld Bauen & Wohnen → Bauamt": a rule the coordinator defines and applies."""

    __tablename__ = "assignment_rule"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    kind: str  # "themenfeld", "lebenslage", "ozg", "name"
    value: str
    office_id: int = Field(foreign_key="office.id", index=True, ondelete="CASCADE")
    enabled: bool = True


class Briefing(SQLModel, table=True):
    """Who in the house has been briefed (step 2 "Haus einbinden")."""

    __tablename__ = "briefing"

    id: int | None = Field(default=None, primary_key=True)
    position: int = 0
    audience: str = Field(unique=True)
    done_on: date | None = None
    person: str = ""
    note: str = ""


class TechPrerequisite(SQLModel, table=True):
    """Does the municipal website have an interface to the Portalverbund (XZuFi)? One row."""

    __tablename__ = "tech_prerequisite"

    id: int | None = Field(default=None, primary_key=True)
    status: str = "unklar"  # "ja", "nein", "unklar"
    cms_product: str = ""
    asked_person: str = ""
    asked_on: date | None = None
    notes: str = ""


class Workshop(SQLModel, table=True):
    """A workshop (kick-off, follow-up, district-wide) with its invitation data."""

    __tablename__ = "workshop"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)  # stable calendar UID
    sequence: int = 0  # raised on every change (iCalendar SEQUENCE)
    title: str
    kind: str = "Auftakt"  # "Auftakt", "Folgetermin", "Kreisweit"
    starts_at: NaiveDatetime  # local time (Europe/Berlin), stored without zone
    ends_at: NaiveDatetime
    setup_minutes: int = 0
    format: str = "Video"  # "vor Ort", "Video", "hybrid"
    place: str = ""
    video_link: str = ""
    organiser: str = ""
    organiser_email: str = ""
    deliver_by: date | None = None  # offices' data delivery deadline (step 4), printed on handouts
    notes: str = ""
    created_at: datetime
    updated_at: datetime


class WorkshopParticipant(SQLModel, table=True):
    __tablename__ = "workshop_participant"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str
    role: str = ""  # function or organisation
    group: str = ""  # Amt, Verwaltungsspitze, Personalrat, Organisation/IT, IT-Dienstleister, Netzwerk, weitere
    email: str = ""
    office_id: int | None = Field(default=None, foreign_key="office.id", ondelete="SET NULL")
    invitation: str = ""  # "", "eingeladen", "zugesagt", "abgesagt"
    attended: bool = False


class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    title: str
    minutes: int = 15
    responsible: str = ""
    notes: str = ""


class WorkshopDecision(SQLModel, table=True):
    """A decision or note recorded in a workshop's minutes."""

    __tablename__ = "workshop_decision"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str


class Task(SQLModel, table=True):
    """An open point across all steps (action items from workshops, communication items …)."""

    __tablename__ = "task"

    id: int | None = Field(default=None, primary_key=True)
    step: int = 0  # 1-5, 0 = general
    title: str
    owner: str = ""
    due_on: date | None = None
    status: str = "offen"  # "offen", "in Arbeit", "erledigt"
    workshop_id: int | None = Field(
        default=None, foreign_key="workshop.id", index=True, ondelete="CASCADE"
    )
    origin: str = ""
    created_at: datetime
    done_at: datetime | None = None


class OfficeUnit(SQLModel, table=True):
    """Step 4: an office's contact point (Organisationseinheit) as services inherit it."""

    __tablename__ = "office_unit"

    office_id: int = Field(
        sa_column=Column(Integer, ForeignKey("office.id", ondelete="CASCADE"), primary_key=True)
    )
    unit_name: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    opening_hours: str = ""
    updated_at: datetime


class ServiceDelivery(SQLModel, table=True):
    """Step 4: what a service's contact point and pages are. Empty unit fields inherit
    from the responsible office's contact point."""

    __tablename__ = "service_delivery"

    service_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    unit_office_id: int | None = Field(default=None, foreign_key="office.id", ondelete="SET NULL")
    unit_name: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    opening_hours: str = ""
    page_url: str = ""
    online_url: str = ""
    notes: str = ""
    status: str = "offen"
    requested_on: date | None = None
    delivered_on: date | None = None
    entered_on: date | None = None
    checked_on: date | None = None
    updated_at: datetime
    version: int = 1  # counted up by a trigger on every change (migration 0008)


class DeliveryPerson(SQLModel, table=True):
    """A contact person of an office's contact point or of one service (personal data)."""

    __tablename__ = "delivery_person"

    id: int | None = Field(default=None, primary_key=True)
    office_id: int | None = Field(
        default=None, foreign_key="office.id", index=True, ondelete="CASCADE"
    )
    service_id: int | None = Field(
        default=None, foreign_key="service.id", index=True, ondelete="CASCADE"
    )
    position: int = 0
    first_name: str = ""
    surname: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""


class PlanFields(SQLModel):
    """Step 5 plan fields; None means "not set" (a service inherits its OZG service's value)."""

    online_available: bool | None = None
    efa_kind: str | None = (
        None  # "EfA aus NRW", "EfA aus anderem Land", "Landeslösung", "eigene Lösung", "keine"
    )
    efa_state: str | None = None  # "gesichert", "unklar"
    online_name: str | None = None
    provider: str | None = None
    available_on: date | None = None
    decision: str | None = None  # "früh", "später", "Status quo"
    decision_reason: str | None = None
    planned_quarter: str | None = None  # "2027-Q2"
    current_level: int | None = None  # Reifegrad 0-4
    target_level: int | None = None
    effort_days: float | None = None
    training: str | None = None
    marketing: str | None = None
    notes: str | None = None


class ServicePlan(PlanFields, table=True):
    __tablename__ = "service_plan"

    service_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    updated_at: datetime


class OzgPlan(PlanFields, table=True):
    """Defaults for all LeiKa services of one OZG service."""

    __tablename__ = "ozg_plan"

    ozg_service_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("ozg_service.id", ondelete="CASCADE"), primary_key=True
        )
    )
    updated_at: datetime


class Prerequisite(SQLModel, table=True):
    """A prerequisite of connecting a service: Fachverfahren, user account, ePayment …"""

    __tablename__ = "prerequisite"

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    kind: str
    name: str = ""  # e.g. the Fachverfahren's product
    vendor: str = ""
    interface: str = ""  # "ja", "nein", "unklar" (Fachverfahren only)
    status: str = "offen"  # "offen", "in Arbeit", "erledigt", "nicht nötig"
    owner: str = ""


class ServiceDependency(SQLModel, table=True):
    __tablename__ = "service_dependency"

    service_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    depends_on_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )


class Milestone(SQLModel, table=True):
    __tablename__ = "milestone"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    due_on: date
    done: bool = False
    service_id: int | None = Field(default=None, foreign_key="service.id", ondelete="SET NULL")
    notes: str = ""


class Capacity(SQLModel, table=True):
    """Person-days an office can spend on the OZG in one quarter."""

    __tablename__ = "capacity"

    office_id: int = Field(
        sa_column=Column(Integer, ForeignKey("office.id", ondelete="CASCADE"), primary_key=True)
    )
    quarter: str = Field(sa_column=Column(String, primary_key=True))
    person_days: float = 0


class CommItem(SQLModel, table=True):
    """An item of the communication plan (staff, council, citizens)."""

    __tablename__ = "comm_item"

    id: int | None = Field(default=None, primary_key=True)
    audience: str  # "Beschäftigte", "Rat", "Bürgerschaft"
    title: str
    due_on: date
    owner: str = ""
    done: bool = False
    phase: str = ""
    template: str = ""  # key of the generating template ("" = added by hand)
    notes: str = ""


class Setting(SQLModel, table=True):
    """Project settings and report inputs as JSON values (e.g. the council report)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str = ""
