"""Every PDF ozgdesk can write, for a project (used by tests/test_pdf_quality.py and to make
the page images in docs/pdf-pages/).

    python -m tests.pdf_samples OUT_FOLDER   # builds the demo in OUT_FOLDER and writes them
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ozgdesk.store.project import Project

DAY = date(2026, 12, 4)


def write_all(project: Project, out: Path, day: date = DAY) -> dict[str, list[Path]]:
    """Write every kind of PDF into ``out``; returns document type -> files."""
    from ozgdesk.workflow import (
        delivery_outputs,
        district,
        exports,
        office_reports,
        roadmap_outputs,
        workshop,
        workshop_outputs,
    )

    out.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, list[Path]] = {
        "overview": [exports.export_overview_pdf(project, out / "Übersicht.pdf", day=day)],
        "briefing": [office_reports.export_briefing_pdf(project, out / "Information.pdf", day=day)],
        "office-list": office_reports.export_office_pdfs(project, out / "Ämter", day=day),
        "office-list-all": office_reports.export_office_pdfs(
            project, out / "Ämter alle", only_relevant=False, day=day
        ),
        "checklist": delivery_outputs.export_checklists(project, out / "Checklisten", day=day),
        "checklist-no-names": delivery_outputs.export_checklists(
            project, out / "Checklisten ohne Namen", include_names=False, day=day
        ),
        "roadmap": [roadmap_outputs.export_roadmap_pdf(project, out / "Roadmap.pdf", day=day)],
        "timeline-a4": [
            roadmap_outputs.export_timeline_pdf(project, out / "Zeitplan A4.pdf", "A4", day=day)
        ],
        "timeline-a3-themenfeld": [
            roadmap_outputs.export_timeline_pdf(
                project, out / "Zeitplan A3.pdf", "A3", "themenfeld", day=day
            )
        ],
        "council-report": [
            roadmap_outputs.export_council_report(project, out / "Ratsbericht.pdf", day)
        ],
        "district": [district.export_district([project.path], out / "Kreisübersicht.pdf")[0]],
        "agenda": [],
        "sign-in": [],
        "handout": [],
        "print-all": [],
        "minutes": [],
    }
    for w in workshop.workshops(project):
        assert w.id is not None
        folder = out / f"Workshop {w.id}"
        written = workshop_outputs.export_handouts(project, w.id, folder, day=day)
        kinds["agenda"].append(written[0])
        kinds["sign-in"].append(written[1])
        kinds["handout"] += written[2:-1]
        kinds["print-all"].append(written[-1])
        kinds["minutes"].append(
            workshop_outputs.export_minutes_pdf(project, w.id, folder / "Protokoll.pdf")
        )
    return kinds


def main(argv: list[str]) -> int:
    from ozgdesk.workflow.demo import create_demo

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    project = create_demo(out / "Demo.ozgdesk")
    try:
        for kind, files in write_all(project, out).items():
            print(kind, *(str(f) for f in files), sep="\t")
    finally:
        project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
