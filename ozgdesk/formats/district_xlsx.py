"""The district overview as an Excel workbook: one sheet per view, one column per member
where members are compared (Excel has room for many)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ozgdesk import wording
from ozgdesk.formats import xlsx_sheet
from ozgdesk.formats.atomic import atomic_path
from ozgdesk.formats.district_records import DistrictReport

HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
HEAD_FONT = Font(bold=True, color="FFFFFF")


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[object]],
           widths: list[int]) -> None:  # fmt: skip
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.fill, cell.font = HEAD_FILL, HEAD_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(row)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    xlsx_sheet.print_layout(ws, widths, heading=f"Kreisübersicht: {title}")


def write_district_xlsx(path: Path | str, report: DistrictReport) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    members = report.members
    _sheet(
        wb,
        "Kommunen",
        ["Kommune", "Quelle", "Schritt erreicht", "Leistungen", "entschieden", "relevant",
         "zugeordnet", "Datenlieferung gesamt", "Datenlieferung vollständig", "online geplant"],
        [[m.name, m.source, m.step_reached, m.services_total, m.decided, m.relevant, m.assigned,
          m.delivery_total, m.delivery_complete, m.online_planned] for m in members],
        [34, 22, 10, 12, 12, 10, 12, 14, 14, 12],
    )  # fmt: skip
    _sheet(
        wb,
        "Online je Quartal",
        ["Kommune", *(report.quarter_labels.get(q) or wording.quarter(q) for q in report.quarters)],
        [[m.name, *(m.online_per_quarter.get(q, 0) for q in report.quarters)] for m in members],
        [34, *([10] * len(report.quarters))],
    )
    _sheet(
        wb,
        "Abweichende Entscheidungen",
        ["LeiKa-Schlüssel", "Leistung", *(m.name for m in members)],
        [[d.key, d.name, *(d.decisions.get(m.name, "") for m in members)]
         for d in report.differences],
        [17, 50, *([16] * len(members))],
    )  # fmt: skip
    if report.unreadable:
        _sheet(wb, "Nicht gelesen", ["Datei und Grund"], [[t] for t in report.unreadable], [120])
    target = Path(path)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
