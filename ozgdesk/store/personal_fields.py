"""The registry of every column that holds personal data (DSGVO Art. 15 and 17).

One list, used by the search (``ozgdesk persons``, "Personen und Datenschutz") and by the
erase (``ozgdesk forget``) alike, and checked by ``tests/test_personal_registry.py``: a new
column whose name looks personal (name, person, owner, mail, phone, contact …) or any new
text column must be registered here or listed in :data:`NOT_PERSONAL` with a reason.

How a column is treated depends on where it stands:

- :class:`PersonColumns` – the columns of a row that describe one person (name, e-mail,
  phone and what else is said about them). When the name or the address matches, the
  whole row is deleted (``erase="row"``: a contact person is nothing but the person) or
  these columns are emptied (``erase="clear"``: a network contact keeps its organisation).
- ``names`` – a column that holds a name (a task's owner, an imported "Ansprechperson"):
  the name is removed; other names in the same field stay.
- ``emails`` – an address outside a person (a contact point's e-mail): removed when it is
  the person's address.
- ``texts`` – free text where a name or an address may stand (notes, minutes, titles):
  each occurrence is replaced by :data:`REPLACEMENT`.
- ``json_texts`` – JSON values (settings): the texts inside are treated like ``texts``.

Phone numbers are erased with the person's own rows; a number elsewhere (a contact
point's phone) is not searched, because it is usually the office's number.
"""

from __future__ import annotations

from dataclasses import dataclass

REPLACEMENT = "[entfernt]"


@dataclass(frozen=True)
class PersonColumns:
    """The columns of one row that describe one person."""

    name: tuple[str, ...]  # joined with a space ("first_name", "surname")
    email: str = ""
    phone: str = ""
    other: tuple[str, ...] = ()  # more about the person: function, role, consultation hours
    erase: str = "row"  # "row": delete the row; "clear": empty these columns

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c for c in (*self.name, self.email, self.phone, *self.other) if c)


@dataclass(frozen=True)
class PersonalTable:
    """The personal columns of one table and how a record is described to the user."""

    table: str
    where: str  # SQL expression describing a row (alias ``t``; joins below)
    joins: str = ""
    persons: tuple[PersonColumns, ...] = ()
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    json_texts: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        person_columns = tuple(c for p in self.persons for c in p.columns)
        return (*person_columns, *self.names, *self.emails, *self.texts, *self.json_texts)


_PLAN_TEXTS = ("decision_reason", "training", "marketing", "notes")

TABLES: tuple[PersonalTable, ...] = (
    PersonalTable(
        "service",
        "'Leistung ' || COALESCE(t.key || ' ', '') || t.name",
        names=("contact_person",),
        texts=("remark", "relevance_reason"),
    ),
    PersonalTable("import_source", "'Importierte Liste ' || t.label", texts=("label", "last_file")),
    PersonalTable(
        "relevance_rule", "'Relevanz-Regel ' || t.kind || ' „' || t.value || '“'", texts=("reason",)
    ),
    PersonalTable(
        "network_contact",
        "'Netzwerk: ' || t.organisation",
        persons=(PersonColumns(("person",), "email", "phone", ("role",), erase="clear"),),
        texts=("notes",),
    ),
    PersonalTable(
        "office_contact",
        "'OZG-Ansprechperson ' || COALESCE(o.name, '')",
        "LEFT JOIN office o ON o.id = t.office_id",
        persons=(PersonColumns(("name",), "email", "phone", ("function",)),),
    ),
    PersonalTable(
        "briefing", "'Haus einbinden: ' || t.audience", names=("person",), texts=("note",)
    ),
    PersonalTable(
        "tech_prerequisite",
        "'Technische Voraussetzung (Schnittstelle der Website)'",
        names=("asked_person",),
        texts=("notes",),
    ),
    PersonalTable(
        "workshop",
        "'Workshop „' || t.title || '“'",
        persons=(PersonColumns(("organiser",), "organiser_email", erase="clear"),),
        texts=("title", "place", "notes"),
    ),
    PersonalTable(
        "workshop_participant",
        "'Teilnehmende Workshop „' || COALESCE(w.title, '') || '“'",
        "LEFT JOIN workshop w ON w.id = t.workshop_id",
        persons=(PersonColumns(("name",), "email", other=("role",)),),
    ),
    PersonalTable(
        "agenda_item",
        "'Tagesordnung „' || COALESCE(w.title, '') || '“: ' || t.title",
        "LEFT JOIN workshop w ON w.id = t.workshop_id",
        names=("responsible",),
        texts=("title", "notes"),
    ),
    PersonalTable(
        "workshop_decision",
        "'Protokoll „' || COALESCE(w.title, '') || '“'",
        "LEFT JOIN workshop w ON w.id = t.workshop_id",
        texts=("text",),
    ),
    PersonalTable("task", "'Aufgabe „' || t.title || '“'", names=("owner",), texts=("title",)),
    PersonalTable(
        "office_unit",
        "'Ansprechstelle ' || COALESCE(o.name, '')",
        "LEFT JOIN office o ON o.id = t.office_id",
        emails=("email",),
        texts=("unit_name", "opening_hours"),
    ),
    PersonalTable(
        "service_delivery",
        "'Datenlieferung ' || COALESCE(s.name, '')",
        "LEFT JOIN service s ON s.id = t.service_id",
        emails=("email",),
        texts=("unit_name", "opening_hours", "notes"),
    ),
    PersonalTable(
        "delivery_person",
        "CASE WHEN t.office_id IS NOT NULL THEN 'Ansprechperson der Ansprechstelle ' || "
        "COALESCE(o.name, '') ELSE 'Ansprechperson der Leistung ' || COALESCE(s.name, '') END",
        "LEFT JOIN office o ON o.id = t.office_id LEFT JOIN service s ON s.id = t.service_id",
        persons=(PersonColumns(("first_name", "surname"), "email", "phone", ("hours",)),),
    ),
    PersonalTable(
        "service_plan",
        "'Planung ' || COALESCE(s.name, '')",
        "LEFT JOIN service s ON s.id = t.service_id",
        texts=_PLAN_TEXTS,
    ),
    PersonalTable(
        "ozg_plan",
        "'Planung OZG-Leistung ' || COALESCE(g.name, '')",
        "LEFT JOIN ozg_service g ON g.id = t.ozg_service_id",
        texts=_PLAN_TEXTS,
    ),
    PersonalTable(
        "prerequisite",
        "'Voraussetzung ' || t.kind || ' für ' || COALESCE(s.name, '')",
        "LEFT JOIN service s ON s.id = t.service_id",
        names=("owner",),
    ),
    PersonalTable("milestone", "'Meilenstein „' || t.title || '“'", texts=("title", "notes")),
    PersonalTable(
        "comm_item",
        "'Kommunikation „' || t.title || '“'",
        names=("owner",),
        texts=("title", "notes"),
    ),
    PersonalTable("setting", "'Einstellung ' || t.key", json_texts=("value",)),
)

_CATALOGUE = "Katalogdaten (Leistungskatalog, OZG-Katalog), keine Person"
_ENUM = "fester Auswahlwert, kein Freitext"
_ADDRESS = "Anschrift der Dienststelle (Amt), keine Person"
_OFFICE_PHONE = (
    "Telefon/Fax der Ansprechstelle, meist die Nummer des Amts; nicht durchsucht (die "
    "Nummern einer Person werden mit ihrem Datensatz gelöscht)"
)

NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("project_info", "municipality"): "Name der Kommune",
    ("project_info", "website"): "Website der Kommune",
    ("project_info", "created_with"): "Programmversion",
    ("project_info", "catalogue_source"): "Quelle des Katalogs",
    ("project_info", "uid"): "Kennung des Projekts",
    ("project_info", "ags"): "Gemeindeschlüssel",
    ("project_info", "ars"): "Regionalschlüssel",
    ("project_info", "district"): "Name des Kreises",
    ("project_info", "municipality_type"): _ENUM,
    ("project_info", "municipality_title"): _ENUM,
    ("themenfeld", "name"): _CATALOGUE,
    ("lebenslage", "name"): _CATALOGUE,
    ("ozg_service", "ozg_id"): _CATALOGUE,
    ("ozg_service", "name"): _CATALOGUE,
    ("service", "key"): _CATALOGUE,
    ("service", "key_raw"): _CATALOGUE,
    ("service", "key_problem"): _ENUM,
    ("service", "name"): _CATALOGUE,
    ("service", "typ"): _CATALOGUE,
    ("service", "legal_basis"): _CATALOGUE,
    ("service", "law"): _CATALOGUE,
    ("service", "law_short"): _CATALOGUE,
    ("service", "origin"): "Herkunft (Katalog oder Liste)",
    ("service", "relevance"): _ENUM,
    ("service", "assignment_source"): _ENUM,
    ("office", "name"): "Name einer Dienststelle (Amt), keine Person",
    ("office", "short_name"): "Kürzel einer Dienststelle",
    ("office", "number"): "Nummer einer Dienststelle",
    ("office", "kind"): _ENUM,
    ("import_mapping", "signature"): "Kopfzeile einer Tabelle (Spaltenüberschriften)",
    ("import_mapping", "mapping"): "Zuordnung Spaltenüberschrift → Feld",
    ("relevance_rule", "kind"): _ENUM,
    ("relevance_rule", "value"): "Suchwert einer Regel (Typ, Name einer Leistung, Themenfeld …)",
    ("relevance_rule", "suggestion"): _ENUM,
    ("network_contact", "kind"): _ENUM,
    ("network_contact", "organisation"): "Organisation (Kreis, IT-Dienstleister …), keine Person",
    ("assignment_rule", "kind"): _ENUM,
    ("assignment_rule", "value"): "Suchwert einer Regel (Themenfeld, Lebenslage, OZG-ID, Name)",
    ("briefing", "audience"): "Gremium oder Stelle (Personalrat, Verwaltungsspitze …)",
    ("tech_prerequisite", "status"): _ENUM,
    ("tech_prerequisite", "cms_product"): "Produktname des Redaktionssystems",
    ("workshop", "uid"): "Kalenderkennung",
    ("workshop", "kind"): _ENUM,
    ("workshop", "format"): _ENUM,
    ("workshop", "video_link"): "Adresse des Videoraums",
    ("workshop_participant", "group"): _ENUM,
    ("workshop_participant", "invitation"): _ENUM,
    ("task", "status"): _ENUM,
    ("task", "origin"): "Herkunft der Aufgabe (Workshop, Vorlage)",
    ("office_unit", "street"): _ADDRESS,
    ("office_unit", "house_number"): _ADDRESS,
    ("office_unit", "postcode"): _ADDRESS,
    ("office_unit", "town"): _ADDRESS,
    ("office_unit", "phone"): _OFFICE_PHONE,
    ("office_unit", "fax"): _OFFICE_PHONE,
    ("service_delivery", "street"): _ADDRESS,
    ("service_delivery", "house_number"): _ADDRESS,
    ("service_delivery", "postcode"): _ADDRESS,
    ("service_delivery", "town"): _ADDRESS,
    ("service_delivery", "phone"): _OFFICE_PHONE,
    ("service_delivery", "fax"): _OFFICE_PHONE,
    ("service_delivery", "page_url"): "Adresse einer Seite der Website",
    ("service_delivery", "online_url"): "Adresse des Online-Dienstes",
    ("service_delivery", "status"): _ENUM,
    ("service_plan", "efa_kind"): _ENUM,
    ("service_plan", "efa_state"): _ENUM,
    ("service_plan", "online_name"): "Name des Online-Dienstes (Produkt)",
    ("service_plan", "provider"): "Anbieter des Online-Dienstes (Firma, Land)",
    ("service_plan", "decision"): _ENUM,
    ("service_plan", "planned_quarter"): "Quartal",
    ("ozg_plan", "efa_kind"): _ENUM,
    ("ozg_plan", "efa_state"): _ENUM,
    ("ozg_plan", "online_name"): "Name des Online-Dienstes (Produkt)",
    ("ozg_plan", "provider"): "Anbieter des Online-Dienstes (Firma, Land)",
    ("ozg_plan", "decision"): _ENUM,
    ("ozg_plan", "planned_quarter"): "Quartal",
    ("prerequisite", "kind"): _ENUM,
    ("prerequisite", "name"): "Produktname eines Fachverfahrens oder einer Komponente",
    ("prerequisite", "vendor"): "Hersteller (Firma)",
    ("prerequisite", "interface"): _ENUM,
    ("prerequisite", "status"): _ENUM,
    ("capacity", "quarter"): "Quartal",
    ("comm_item", "audience"): _ENUM,
    ("comm_item", "phase"): _ENUM,
    ("comm_item", "template"): "Schlüssel einer Vorlage",
    ("setting", "key"): "Name einer Einstellung",
    ("agenda_item", "minutes"): "Dauer in Minuten (Zahl)",
    ("workshop", "setup_minutes"): "Aufbauzeit in Minuten (Zahl)",
    ("capacity", "person_days"): "Personentage (Zahl)",
    ("network_contact", "first_contact"): "Datum des ersten Kontakts (mit dem Datensatz gelöscht)",
}

LABELS: dict[str, str] = {
    "contact_person": "Ansprechperson (aus importierter Liste)",
    "remark": "Bemerkung",
    "relevance_reason": "Begründung der Relevanz",
    "label": "Bezeichnung",
    "last_file": "zuletzt importierte Datei",
    "reason": "Begründung",
    "person": "Person",
    "email": "E-Mail",
    "phone": "Telefon",
    "role": "Rolle/Funktion",
    "function": "Funktion",
    "notes": "Notizen",
    "note": "Notiz",
    "name": "Name",
    "asked_person": "gefragte Person",
    "title": "Titel",
    "place": "Ort",
    "organiser": "Einladende Person",
    "organiser_email": "E-Mail der einladenden Person",
    "responsible": "Verantwortlich",
    "text": "Protokolleintrag",
    "owner": "Zuständig",
    "unit_name": "Name der Stelle",
    "opening_hours": "Öffnungszeiten",
    "first_name": "Vorname",
    "surname": "Nachname",
    "hours": "Sprechzeiten",
    "decision_reason": "Begründung der Entscheidung",
    "training": "Schulung",
    "marketing": "Bekanntmachung",
    "value": "Wert",
}


def label(column: str) -> str:
    return LABELS.get(column, column)


def registered() -> set[tuple[str, str]]:
    """(table, column) of every registered personal column."""
    return {(t.table, c) for t in TABLES for c in t.columns}
