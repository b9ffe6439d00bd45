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
