"""Property tests: whatever an XZuFi file holds, reading it never crashes.

A valid message is written once (two services, two units, an online service); each
example damages it – random bytes replaced, cut off, text of random elements replaced by
random unicode, elements removed or duplicated. Properties: ``read_xzufi`` either returns
a message or raises ``XzufiReadError`` with a German message; every entry it returns has a
valid 14-digit key; the review of the file in a project never raises and never writes.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ozgdesk.formats import xzufi
from ozgdesk.formats.delivery_records import ContactPoint, PersonLine
from ozgdesk.formats.xzufi_reader import XzufiReadError, read_xzufi
from ozgdesk.formats.xzufi_records import (
    XzufiMessage,
    XzufiOnline,
    XzufiResponsibility,
    XzufiService,
    XzufiUnit,
)
from ozgdesk.store.project import Project
from ozgdesk.workflow import xzufi_import
from tests import dbstate

EXAMPLES = int(os.environ.get("OZGDESK_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
KEYS = ("99001001000000", "99012002000000")


def _valid() -> bytes:
    point = ContactPoint(
        "Bauamt", "Markt", "1", "04683", "Ahaus", "02561 72-0", "02561 72-9", "bau@ahaus.de",
        "Mo–Fr 8–12 Uhr", (PersonLine("Erika", "Muster", "02561 72-1", "e@ahaus.de", "Di"),),
    )  # fmt: skip
    message = XzufiMessage(
        "m-1",
        datetime(2026, 12, 1, 10, 0).astimezone(),
        "ozgdesk:055540004004",
        "Stadt Ahaus",
        "05554004",
        "055540004004",
        "Nordrhein-Westfalen",
        tuple(
            XzufiService(f"L-{k}", k, f"Leistung {k}", f"https://www.ahaus.de/{k}") for k in KEYS
        ),
        (XzufiUnit("OE-1", point), XzufiUnit("OE-2", ContactPoint("Familienbüro"))),
        (XzufiOnline("OD-1", "Online", "https://portal.example.org/x"),),
        (
            XzufiResponsibility("Z-1", f"L-{KEYS[0]}", "OE-1"),
            XzufiResponsibility("Z-2", f"L-{KEYS[1]}", "OE-2"),
            XzufiResponsibility("Z-3", f"L-{KEYS[0]}", "OD-1", True),
        ),
    )
    return xzufi.to_bytes(message)


VALID = _valid()


def _read(path: Path) -> None:
    try:
        message = read_xzufi(path)
    except XzufiReadError as exc:
        assert exc.message and path.name in exc.message
        return
    for entry in message.entries:
        assert len(entry.key) == 14 and entry.key.isdigit()
    for problem in message.problems:
        assert problem.message


@FUZZ
@given(data=st.data())
def test_damaged_bytes_never_crash_the_reader(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(VALID)
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    path = tmp_path / "kaputt.xml"
    path.write_bytes(bytes(raw))
    _read(path)


@FUZZ
@given(data=st.data())
def test_changed_elements_never_crash_the_reader(tmp_path: Path, data: st.DataObject) -> None:
    root = etree.fromstring(VALID)
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    for _ in range(data.draw(st.integers(1, 8))):
        element = data.draw(st.sampled_from(elements))
        action = data.draw(st.sampled_from(("text", "remove", "copy", "attribute")))
        parent = element.getparent()
        if action == "text":
            text = data.draw(st.text(max_size=40))
            element.text = "".join(c for c in text if c.isprintable()) or None
        elif action == "remove" and parent is not None:
            parent.remove(element)
        elif action == "copy" and parent is not None:
            parent.append(etree.fromstring(etree.tostring(element)))
        elif action == "attribute":
            element.set("schemeAgencyID", data.draw(st.sampled_from(("", "x", "RS"))))
    path = tmp_path / "geaendert.xml"
    path.write_bytes(etree.tostring(root))
    _read(path)


@pytest.mark.parametrize("cut", [0, 10, len(VALID) // 2, len(VALID) - 5])
def test_review_of_a_broken_file_changes_nothing(
    project: Project, tmp_path: Path, cut: int
) -> None:
    path = tmp_path / "halb.xml"
    path.write_bytes(VALID[:cut])
    before = dbstate.fingerprint(project)
    found = xzufi_import.review(project, [path])
    assert found.errors and not found.changes and found.errors[0].file_level
    assert dbstate.fingerprint(project) == before
