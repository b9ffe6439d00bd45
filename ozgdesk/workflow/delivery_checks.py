"""Step 4, the checks of each service's effective values in plain German: missing fields,
addresses, e-mail, phone, postcode and links (against the municipality's website)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ozgdesk.workflow import checks
from ozgdesk.workflow.delivery_model import (
    LABELS,
    REQUIRED,
    Check,
    Effective,
    Person,
)
from ozgdesk.workflow.problems import ERROR, WARNING

# -- checks ------------------------------------------------------------------------------------


def check_values(
    values: dict[str, str], persons: Sequence[Person], has_unit: bool, website: str
) -> list[Check]:
    found: list[Check] = []
    if not has_unit:
        found.append(
            Check(
                "unit_name",
                ERROR,
                "Keine zuständige Stelle: ordnen Sie die Leistung in Schritt 2 einem Amt zu.",
            )
        )
    for name in REQUIRED:
        if not values.get(name, "").strip():
            found.append(Check(name, ERROR, f"{LABELS[name]} fehlt."))
    if not values.get("phone") and not values.get("email"):
        found.append(Check("phone", ERROR, "Telefon oder E-Mail der zuständigen Stelle fehlt."))
    if not values.get("page_url"):
        found.append(Check("page_url", ERROR, "Die Seite der Leistung auf der Website fehlt."))
    for name, problem in (
        ("postcode", checks.postcode_problem(values.get("postcode", ""))),
        ("phone", checks.phone_problem(values.get("phone", ""))),
        ("fax", checks.phone_problem(values.get("fax", ""))),
        ("email", checks.email_problem(values.get("email", ""))),
        ("page_url", checks.url_problem(values.get("page_url", ""))),
        ("online_url", checks.url_problem(values.get("online_url", ""))),
    ):
        if problem:
            found.append(Check(name, ERROR, problem))
    page = values.get("page_url", "")
    if page and website and not checks.url_problem(page) and not checks.on_domain(page, website):
        found.append(
            Check(
                "page_url",
                WARNING,
                f"Die Seite liegt nicht auf der Website der Kommune ({checks.domain_of(website)}).",
            )
        )
    for person in persons:
        for problem in (checks.email_problem(person.email), checks.phone_problem(person.phone)):
            if problem:
                found.append(
                    Check("persons", ERROR, f"{person.name or 'Ansprechperson'}: {problem}")
                )
    return found


def with_checks(rows: list[Effective], website: str) -> list[Effective]:
    """Add the checks, including "one URL used for unrelated services" across rows."""
    by_url: dict[str, list[Effective]] = {}
    for row in rows:
        url = row.get("page_url").rstrip("/").lower()
        if url:
            by_url.setdefault(url, []).append(row)
    result = []
    for row in rows:
        found = check_values(row.values, row.persons, row.unit_office_id is not None, website)
        url = row.get("page_url").rstrip("/").lower()
        shared = [other for other in by_url.get(url, []) if other.service_id != row.service_id]
        unrelated = [o for o in shared if _stem(o.key) != _stem(row.key)]
        if unrelated:
            names = ", ".join(f"„{o.name}“" for o in unrelated[:3]) + (
                " …" if len(unrelated) > 3 else ""
            )
            found.append(
                Check(
                    "page_url",
                    WARNING,
                    f"Dieselbe Seite ist auch für andere Leistungen eingetragen: {names}.",
                )
            )
        result.append(replace(row, checks=tuple(found)))
    return result


def _stem(key: str) -> str:
    """Services with the same grouping and object (first 8 digits) are related."""
    return key[:8] if key else ""
