"""The command line speaks German, argparse's own texts included."""

from __future__ import annotations

import pytest

from ozgdesk.cli import main

ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help",
    "invalid choice",
    "the following arguments are required",
    "unrecognized arguments",
    "error:",
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out + captured.err


@pytest.mark.parametrize(
    ("argv", "code", "german"),
    [
        (["--help"], 0, "Aufruf: ozgdesk"),
        (["export", "--help"], 0, "diese Hilfe zeigen und beenden"),
        (["export", "bogus"], 2, "ungültige Auswahl: 'bogus'"),
        (["new"], 2, "diese Angaben fehlen: --municipality"),
        (["info"], 2, "eines dieser Argumente ist nötig: --project --db"),
        (
            ["info", "--project", "x.ozgdesk", "--frobnicate"],
            2,
            "unbekannte Argumente: --frobnicate",
        ),
        (["--step", "9"], 2, "ungültige Auswahl"),
    ],
)
def test_argparse_texts_are_german(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, german: str
) -> None:
    exit_code, text = _run(capsys, *argv)
    assert exit_code == code
    assert german in text
    for word in ENGLISH:
        assert word not in text, (word, text)
