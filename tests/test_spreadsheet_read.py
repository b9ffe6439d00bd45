"""The spreadsheet reader turns reader crashes into German messages naming the sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ozgdesk.formats import spreadsheet


def test_date_out_of_range_is_a_message_not_a_crash(tmp_path: Path) -> None:
    # python-calamine 0.9 panics (a BaseException) on a huge negative date value
    path = tmp_path / "Leistungen.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Liste"
    ws.append(["Leistungsschlüssel", "Leistungsbezeichnung", "Stand"])
    ws.append(["99012345678901", "Hundesteuer", 1])
    ws["C2"].value = -1e12
    ws["C2"].number_format = "DD.MM.YYYY"
    wb.save(path)
    with pytest.raises(spreadsheet.SpreadsheetError) as caught:
        spreadsheet.read(path)
    assert "„Liste“" in caught.value.message and "Datum" in caught.value.message
