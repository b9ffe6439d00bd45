"""Step 1 "vernetzen": network contacts (workflow, no Qt)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import checks, network
from ozgdesk.workflow.network import Contact


def _contact(**values: object) -> Contact:
    base = {
        "kind": network.IT_PROVIDER,
        "organisation": "regio iT gmbh",
        "person": "Erika Muster",
        "role": "Kundenbetreuung",
        "email": "erika.muster@regioit.de",
        "phone": "0241 41359-0",
        "notes": "Anschrift: Lombardenstr., 52070 Aachen",
        "first_contact": date(2024, 3, 1),
    }
    base.update(values)
    return Contact(**base)  # type: ignore[arg-type]


def test_save_update_delete_restore(empty_project: Project) -> None:
    assert network.contacts(empty_project) == []
    new_id = network.save(empty_project, _contact(person="  Erika   Muster "))
    [stored] = network.contacts(empty_project)
    assert stored.id == new_id
    assert stored.person == "Erika Muster"  # whitespace cleaned
    assert stored.first_contact == date(2024, 3, 1)

    assert network.save(empty_project, _contact(id=new_id, phone="+49 241 41359-0")) == new_id
    [changed] = network.contacts(empty_project)
    assert changed.phone == "+49 241 41359-0"

    removed = network.delete(empty_project, new_id)
    assert removed == changed
    assert network.contacts(empty_project) == []
    assert network.restore(empty_project, removed) == new_id  # same id again
    assert network.contacts(empty_project) == [changed]

    with pytest.raises(LookupError):
        network.delete(empty_project, 999)
    with pytest.raises(LookupError):
        network.save(empty_project, _contact(id=999))


def test_restore_takes_a_new_id_when_the_old_one_is_taken(empty_project: Project) -> None:
    first = network.save(empty_project, _contact())
    removed = network.delete(empty_project, first)
    other = network.restore(empty_project, _contact(id=first, organisation="Kreis Borken"))
    assert other == first
    again = network.restore(empty_project, removed)
    assert again != first
    assert len(network.contacts(empty_project)) == 2


def test_contacts_are_sorted_by_kind_then_organisation(empty_project: Project) -> None:
    network.save(empty_project, _contact(kind=network.NEIGHBOUR, organisation="Vreden"))
    network.save(empty_project, _contact(kind=network.NEIGHBOUR, organisation="Ahaus"))
    network.save(empty_project, _contact(kind=network.OTHER, organisation="Zweckverband"))
    network.save(empty_project, _contact(kind=network.IT_PROVIDER, organisation="citeq"))
    network.save(empty_project, _contact(kind=network.NEIGHBOUR, organisation="Ödingen"))
    got = [(c.kind, c.organisation) for c in network.contacts(empty_project)]
    assert got == [
        ("IT-Dienstleister", "citeq"),
        ("Nachbarkommune", "Ahaus"),
        ("Nachbarkommune", "Ödingen"),
        ("Nachbarkommune", "Vreden"),
        ("Sonstige", "Zweckverband"),
    ]


def test_save_refuses_invalid_contacts(empty_project: Project) -> None:
    with pytest.raises(ValueError) as caught:
        network.save(empty_project, Contact(email="kein-at-zeichen", phone="12"))
    text = str(caught.value)
    assert "Organisation oder eine Person" in text
    assert "@-Zeichen" in text
    assert "mindestens 6 Ziffern" in text
    assert network.contacts(empty_project) == []


def test_organisation_or_person_is_enough() -> None:
    assert network.validate(Contact(organisation="Kreis Borken")) == []
    assert network.validate(Contact(person="Max Muster")) == []
    assert network.validate(Contact(organisation="  ", person="")) == [
        "Bitte geben Sie eine Organisation oder eine Person an."
    ]
    assert "Bitte wählen Sie eine Art" in network.validate(Contact(kind="Freund", person="X"))[0]


@pytest.mark.parametrize(
    "email",
    [
        "",
        "a@b.de",
        "erika.muster@regioit.de",
        "ozg-team+netz@kreis-borken.de",
        "m.mueller@stadt.muenster.de",
        "juergen@gemeinde-südlohn.de",  # umlaut in the domain: punycode, as mail servers do
        "info@xn--gemeinde-sdlohn-8vb.de",
        "  info@ahaus.de  ",
        "a.demir@musterhausen.example",
    ],
)
def test_good_email_addresses(email: str) -> None:
    assert checks.email_problem(email) == ""
    assert network.validate(Contact(person="X", email=email)) == []


@pytest.mark.parametrize(
    ("email", "says"),
    [
        ("erika.muster", "fehlt das @-Zeichen"),
        ("a@@b.de", "mehr als ein @"),
        ("@ahaus.de", "Vor dem @ fehlt der Name"),
        ("erika@", "Nach dem @ fehlt die Domain"),
        ("erika@ahaus", "Endung der Domain"),
        ("erika muster@ahaus.de", "keine Leerzeichen"),
        ("Erika <erika@ahaus.de>", "spitze"),
        ("erika,muster@ahaus.de", "unzulässige Zeichen („,“)"),
        ("erika..muster@ahaus.de", "Punkt an falscher Stelle"),
        ("erika@ahaus..de", "Punkt an falscher Stelle"),
        ("erika@ahaus_stadt.de", "unzulässige Zeichen („_“)"),
        ("erika@-ahaus.de", "Bindestrich"),
        ("erika@ahaus.d", "„.d“"),
        ("mailto:erika@ahaus.de", "mailto"),
        ("jürgen@gemeinde-südlohn.de", "Umlaute"),  # would need SMTPUTF8
        ("straße@ahaus.de", "„ß“"),
        ("=erika@ahaus.de", "Formel"),
        ('="erika@ahaus.de"', "Formel"),
        ("erika@ahaus.local", "reservierter Name"),
        ("erika@ahaus.123", "„.123“"),
        (".erika@ahaus.de", "Vor dem @ steht ein Punkt"),
        ("erika@" + "b" * 64 + ".de", "zu lang"),
    ],
)
def test_bad_email_addresses_say_what_is_wrong(email: str, says: str) -> None:
    problem = checks.email_problem(email)
    assert says in problem
    assert "Beispiel" in problem
    assert network.validate(Contact(person="X", email=email)) == [problem]


@pytest.mark.parametrize(
    "phone",
    [
        "",
        "0251 123456-0",
        "+49 251 123456",
        "+49 (0)251 123456",
        "0251/123456",
        "02561 / 72-0",
        "(02561) 72 0",
        "+31 53 4812345",  # Dutch neighbours
        "123456",
    ],
)
def test_good_phone_numbers(phone: str) -> None:
    assert checks.phone_problem(phone) == ""


@pytest.mark.parametrize(
    ("phone", "says"),
    [
        ("12345", "mindestens 6 Ziffern"),
        ("0251.123456", "unzulässige Zeichen („.“)"),
        ("Tel. 0251 1234", "unzulässige Zeichen"),
        ("0251+123456", "+ ist nur ganz am Anfang"),
        ("+ 49 251 123456", "+ ist nur ganz am Anfang"),
        ("+49 0251 123456", "entfällt die 0"),
        ("(0251 123456", "Klammern"),
        ("0251) 123456(", "Klammern"),
        ("0251 123456 / 0251 654321 / 0251 111", "zu lang"),
    ],
)
def test_bad_phone_numbers_say_what_is_wrong(phone: str, says: str) -> None:
    problem = checks.phone_problem(phone)
    assert says in problem
    assert network.validate(Contact(person="X", phone=phone)) == [problem]


def test_phone_messages_give_an_example() -> None:
    assert "0251 123456-0 oder +49 251 123456" in checks.phone_problem("0251.1")


def test_first_contact_not_in_the_future() -> None:
    today = date(2025, 5, 10)
    assert network.validate(Contact(person="X", first_contact=today), today=today) == []
    [problem] = network.validate(
        Contact(person="X", first_contact=today + timedelta(days=1)), today=today
    )
    assert "11.05.2025" in problem
    assert "Zukunft" in problem
    tomorrow = date.today() + timedelta(days=1)
    assert network.validate(Contact(person="X", first_contact=tomorrow))


def test_field_problems_name_the_input() -> None:
    problems = network.field_problems(Contact(email="x", phone="1"))
    assert set(problems) == {network.FIELD_NAME, network.FIELD_EMAIL, network.FIELD_PHONE}


def test_it_providers() -> None:
    providers = network.it_providers()
    assert len(providers) == 32
    regio = next(p for p in providers if p.name == "regio iT gmbh")
    assert regio.town == "Aachen"
    assert regio.address == "Lombardenstr., 52070 Aachen"
    assert regio.website == "regioit.de"
    contact = network.contact_from_provider(regio)
    assert contact.kind == "IT-Dienstleister"
    assert contact.organisation == "regio iT gmbh"
    assert "52070 Aachen" in contact.notes
    assert "regioit.de" in contact.notes
    assert contact.id is None
    assert network.validate(contact) == []


def test_municipalities(empty_project: Project) -> None:
    everyone = network.municipalities()
    assert len(everyone) == 427
    ahaus = next(m for m in everyone if m.name == "Ahaus")
    contact = network.contact_from_municipality(ahaus)
    assert contact.kind == "Nachbarkommune"
    assert contact.organisation == "Ahaus"
    assert contact.notes == "Website: ahaus.de"


def test_municipalities_without_the_own_one(project: Project) -> None:
    names = [m.name for m in network.municipalities(project)]  # the project is Ahaus
    assert len(names) == 426
    assert "Ahaus" not in names
    assert "Vreden" in names
