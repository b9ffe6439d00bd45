"""The fields of the step-4 forms: names, groups, widths, limits; normalising and checking
the values an office writes into them (used by the export, the review and the apply)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ozgdesk.formats.delivery_form_records import (
    FormField,
    person_key,
)
from ozgdesk.textnorm import clean
from ozgdesk.workflow import checks, delivery
from ozgdesk.workflow.delivery import (
    LABELS,
    SERVICE_FIELDS,
    STATUSES,
    UNIT_FIELDS,
    Stored,
    Unit,
)

if TYPE_CHECKING:
    pass


FILE_PREFIX = "Datenlieferung "
BACKUP_REASON = "vor-Rücklauf"
PERSON_COUNT = 3
STATUS = "status"

# the attributes of a contact person in the form (Person attribute, German label)
PERSON_ATTRS: tuple[tuple[str, str], ...] = (
    ("first_name", "Vorname"),
    ("surname", "Nachname"),
    ("phone", "Telefon"),
    ("email", "E-Mail"),
    ("hours", "Sprechzeiten"),
)
# labels of the service's contact person in the sheet "Leistungen" (unique headers)
_SERVICE_PERSON_LABELS = {
    "first_name": "Vorname",
    "surname": "Nachname",
    "phone": "Telefon der Person",
    "email": "E-Mail der Person",
    "hours": "Sprechzeiten",
}
_GROUP_UNIT = "Abweichend von der Ansprechstelle (leer = wie im Blatt „Ansprechstelle“)"
_GROUP_WEB = "Internet"
_GROUP_PERSON = "Ansprechperson für diese Leistung (leer = wie Ansprechstelle)"
_GROUP_STATE = "Bearbeitung"
_WIDTHS = {
    "unit_name": 28,
    "street": 20,
    "house_number": 9,
    "postcode": 8,
    "town": 16,
    "phone": 17,
    "fax": 17,
    "email": 28,
    "opening_hours": 30,
    "page_url": 40,
    "online_url": 40,
    "notes": 40,
    STATUS: 22,
}
STATUS_HELP = {
    delivery.OPEN: "noch nicht bearbeitet.",
    delivery.REQUESTED: "das Formular liegt bei Ihnen, die Angaben kommen noch.",
    delivery.DELIVERED: "Ihre Angaben zu dieser Leistung sind vollständig eingetragen.",
    delivery.ENTERED: "die OZG-Koordination hat die Angaben ins Serviceportal übernommen.",
    delivery.CHECKED: "die Angaben im Serviceportal sind geprüft.",
}
# the longest text accepted per kind of field (anything longer is an error)
_MAX_LENGTH = {
    "notes": 4000,
    "opening_hours": 1000,
    "hours": 1000,
    "page_url": 2000,
    "online_url": 2000,
}
_DEFAULT_MAX_LENGTH = 300
_STRIP_ONLY = {"email", "page_url", "online_url", "notes"}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

UNIT_TARGET = "Ansprechstelle"
SERVICE_TARGET = "Leistung"


def service_person_field(attr: str) -> str:
    """Field name of the service's contact person attribute, e.g. "person_email"."""
    return f"person_{attr}"


def unit_person_field(number: int, attr: str) -> str:
    """Field name of a contact point's person attribute, e.g. "person2_email"."""
    return person_key(number, attr)


# -- fields -------------------------------------------------------------------------------


def form_fields() -> tuple[tuple[FormField, ...], tuple[FormField, ...], tuple[FormField, ...]]:
    """(contact point rows, person columns, editable service columns) of the form."""
    unit = tuple(
        FormField(name, LABELS[name], wrap=name == "opening_hours") for name in UNIT_FIELDS
    )
    persons = tuple(FormField(attr, label) for attr, label in PERSON_ATTRS)
    service = [
        FormField(name, LABELS[name], _WIDTHS[name], _GROUP_UNIT, wrap=name == "opening_hours")
        for name in UNIT_FIELDS
    ]
    service += [
        FormField(name, LABELS[name], _WIDTHS[name], _GROUP_WEB)
        for name in ("page_url", "online_url")
    ]
    service += [
        FormField(service_person_field(attr), _SERVICE_PERSON_LABELS[attr], 18, _GROUP_PERSON)
        for attr, _ in PERSON_ATTRS
    ]
    service += [
        FormField(STATUS, LABELS[STATUS], _WIDTHS[STATUS], _GROUP_STATE),
        FormField("notes", LABELS["notes"], _WIDTHS["notes"], _GROUP_STATE, wrap=True),
    ]
    return unit, persons, tuple(service)


def _base(name: str) -> str:
    """The kind of a field: "person2_email" and "person_email" -> "email"."""
    if name.startswith("person"):
        return name.split("_", 1)[1] if "_" in name else name
    return name


def _person_attrs() -> set[str]:
    return {attr for attr, _ in PERSON_ATTRS}


def _service_field_known(name: str) -> bool:
    if name in UNIT_FIELDS or name in SERVICE_FIELDS or name == STATUS:
        return True
    return name.startswith("person_") and _base(name) in _person_attrs()


def _unit_field_number(name: str) -> int:
    """The person number of a contact point field ("person2_email" -> 2), 0 for unit fields."""
    match = re.fullmatch(r"person(\d+)_(\w+)", name)
    if match and match.group(2) in _person_attrs():
        return int(match.group(1))
    return 0


def _unit_field_known(name: str) -> bool:
    return name in UNIT_FIELDS or 1 <= _unit_field_number(name) <= PERSON_COUNT


def normalise(name: str, text: str) -> str:
    """A field's value as the project stores it (how delivery cleans it)."""
    text = _ILLEGAL.sub(" ", text)
    if _base(name) in _STRIP_ONLY:
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return clean(text)


def value_problem(name: str, text: str) -> str:
    """What is wrong with a (normalised) value, in German ("" if fine)."""
    base = _base(name)
    limit = _MAX_LENGTH.get(base, _DEFAULT_MAX_LENGTH)
    if len(text) > limit:
        return f"Der Eintrag ist zu lang ({len(text)} Zeichen, höchstens {limit})."
    if base == "postcode":
        return checks.postcode_problem(text)
    if base in ("phone", "fax"):
        return checks.phone_problem(text)
    if base == "email":
        return checks.email_problem(text)
    if base in ("page_url", "online_url"):
        return checks.url_problem(text)
    return ""


def _status(text: str) -> str | None:
    folded = " ".join(text.split()).casefold()
    return next((s for s in STATUSES if s.casefold() == folded), None)


def _service_value(item: Stored, name: str) -> str:
    if name == STATUS:
        return item.status
    if name.startswith("person_"):
        return getattr(item.persons[0], _base(name)) if item.persons else ""
    return item.values.get(name, "")


def _unit_value(unit: Unit | None, name: str) -> str:
    if unit is None:
        return ""
    number = _unit_field_number(name)
    if number:
        return getattr(unit.persons[number - 1], _base(name)) if number <= len(unit.persons) else ""
    return unit.get(name)
