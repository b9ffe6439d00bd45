from ozgdesk.textnorm import clean, fold


def test_fold_is_case_and_umlaut_insensitive() -> None:
    assert fold("Müll") == fold("MUELL") == fold("mull")
    assert fold("Straße") == fold("STRASSE")
    assert fold("Bürgerbüro") == fold("buergerbuero")
    assert fold("Café") == "cafe"
    assert fold("Łódź") == "łodz"  # Ł has no decomposition; the accents go


def test_clean_normalises_whitespace() -> None:
    assert clean("  Abbruch\u00a0genehmigung \n Erteilung\t") == "Abbruch genehmigung Erteilung"
    assert clean(None) == ""
    assert clean(99012001000000) == "99012001000000"
