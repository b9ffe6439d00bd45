"""German wording helpers: plurals, numbers, the municipality's name with its article."""

from ozgdesk.wording import municipality_phrase, number, plural


def test_plural_and_numbers() -> None:
    assert plural(1, "Amt", "Ämter") == "1 Amt"
    assert plural(0, "Amt", "Ämter") == "0 Ämter"
    assert plural(1234, "Person", "Personen") == "1.234 Personen"
    assert number(1.5) == "1,5"
    assert number(1234.5) == "1.234,5"
    assert number(2.0) == "2"
    assert number(3, decimals=1) == "3,0"


def test_municipality_phrase_by_kind_and_case() -> None:
    assert municipality_phrase("Musterhausen", "Gemeinde", "dat") == "der Gemeinde Musterhausen"
    assert municipality_phrase("Ahaus", "Stadt") == "die Stadt Ahaus"
    assert municipality_phrase("Kreis Düren", case="gen") == "des Kreises Düren"
    assert municipality_phrase("Düren", "Kreis", "dat") == "dem Kreis Düren"
    assert municipality_phrase("Aachen", "Städteregion", "akk") == "die Städteregion Aachen"
    assert municipality_phrase("Nörvenich") == "die Gemeinde Nörvenich"
    # districts whose name is a "Kreis" itself (the built-in list's names, title "Kreis")
    assert municipality_phrase("Hochsauerlandkreis", "Kreis", "gen") == "des Hochsauerlandkreises"
    assert municipality_phrase("Märkischer Kreis", "Kreis") == "der Märkische Kreis"
    assert municipality_phrase("Märkischer Kreis", "Kreis", "gen") == "des Märkischen Kreises"
    assert municipality_phrase("Rheinisch-Bergischer Kreis", "Kreis", "dat") == (
        "dem Rheinisch-Bergischen Kreis"
    )
    assert municipality_phrase("Ennepe-Ruhr-Kreis", "Kreis", "akk") == "den Ennepe-Ruhr-Kreis"
    assert municipality_phrase("Rhein-Kreis Neuss", "Kreis", "gen") == "des Rhein-Kreises Neuss"


def test_salutation_from_the_name() -> None:
    from ozgdesk.wording import salutation

    assert salutation("Frau Dr. Anna Schmidt") == "Sehr geehrte Frau Dr. Schmidt,"
    assert salutation("Herr Thomas Becker") == "Sehr geehrter Herr Becker,"
    assert salutation("Thomas Becker") == "Guten Tag Thomas Becker,"  # form of address unknown
    assert salutation("Bürgermeister/in") == "Guten Tag,"  # a role, not a person
    assert salutation("") == "Guten Tag,"


def test_roles_are_not_person_names() -> None:
    from ozgdesk.wording import is_person_name

    for role in (
        "Bürgermeister/in",
        "Personalrat (Vorsitz)",
        "Organisation",
        "IT",
        "Presse- und Öffentlichkeitsarbeit",
        "Leitung Bauamt",
        "N. N.",
    ):
        assert not is_person_name(role), role
    for name in ("Erika Muster", "Amthor Klaus", "Frau Dr. Maria Sommer", "Jonas Weber"):
        assert is_person_name(name), name


def test_library_errors_in_german(tmp_path) -> None:
    import errno

    from ozgdesk.errortext import describe, phrase

    assert "ZIP-Archiv" in phrase("invalid Zip archive: Could not find EOCD")
    assert phrase("Die Datei fehlt.") == "Die Datei fehlt."  # German stays
    assert phrase("something odd happened").startswith("Technischer Fehler")
    error = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "a.pdf"))
    assert (
        describe(error)
        == f"Keine Berechtigung (die Datei ist schreibgeschützt oder in einem anderen Programm geöffnet): „{tmp_path / 'a.pdf'}“."
    )
    assert "kein Platz" in describe(OSError(errno.ENOSPC, "No space left on device"))


def test_in_municipality() -> None:
    from ozgdesk.wording import in_municipality

    assert in_municipality("Gemeinde Musterhausen") == "in der Gemeinde Musterhausen"
    assert in_municipality("Kreis Düren") == "im Kreis Düren"
    assert in_municipality("Ahaus") == "in Ahaus"  # kind unknown: the bare name
