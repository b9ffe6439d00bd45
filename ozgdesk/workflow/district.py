"""The district overview: several municipalities side by side.

Each input is a project file (opened read-only: no lock, nothing written, closed again at
once) or a share file (``.ozgvorlage``) a municipality sent by e-mail. Both become a
:class:`share_file.ShareFile` (``sharing.build`` for a project), so the overview compares
like with like: step reached, relevant services, assigned, delivery completeness, services
going online per quarter, and the services whose decisions differ between members.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from ozgdesk.formats import share_file as sf
from ozgdesk.formats.district_records import Difference, DistrictReport, MemberRow
from ozgdesk.store.errors import ProjectError
from ozgdesk.wording import municipality_phrase

Progress = Callable[[int, int], None]


def read_member(where: Path | str) -> sf.ShareFile:
    """A project file, a share file or a project on a server (its ``postgresql://`` address,
    read with the district's reader role) as a share file (raises ProjectError/ShareFileError)."""
    from ozgdesk.store.opening import open_project
    from ozgdesk.store.server_address import is_server_url
    from ozgdesk.workflow import sharing

    if not is_server_url(where) and Path(where).suffix.lower() == sf.SUFFIX:
        return sf.read(Path(where))
    with open_project(where, read_only=True) as project:
        return sharing.build(project)


def _label(where: Path | str) -> str:
    """How an input is named in the report: its file name, or a server's database name."""
    from ozgdesk.store.server_address import ServerAddress, is_server_url

    if is_server_url(where):
        try:
            return ServerAddress.parse(str(where)).database
        except ValueError:
            return str(where)
    return Path(where).name


def _display_name(m: sf.Municipality) -> str:
    phrase = municipality_phrase(m.name, m.title)
    return phrase.split(" ", 1)[1] if " " in phrase else phrase  # without the article


def _source(where: Path | str, share: sf.ShareFile) -> str:
    from ozgdesk.store.server_address import is_server_url

    if is_server_url(where):
        return "Serverdatenbank"
    if Path(where).suffix.lower() != sf.SUFFIX:
        return "Projektdatei"
    try:
        day = datetime.fromisoformat(share.created_at).date().strftime("%d.%m.%Y")
    except ValueError:
        return "Vorlage"
    return f"Vorlage vom {day}"


def overview(
    paths: Sequence[Path | str],
    *,
    title: str = "",
    day: date | None = None,
    progress: Progress | None = None,
) -> DistrictReport:
    """Compare the given municipalities; unreadable inputs are listed, never fatal."""
    from ozgdesk.workflow.roadmap import quarter_label

    members: list[MemberRow] = []
    decisions: dict[str, dict[str, str]] = {}
    names: dict[str, str] = {}
    unreadable: list[str] = []
    for index, raw in enumerate(paths):
        if progress:
            progress(index, len(paths))
        try:
            share = read_member(raw)
        except (ProjectError, sf.ShareFileError) as error:
            text = error.what if isinstance(error, ProjectError) else str(error)
            unreadable.append(f"{_label(raw)}: {text}")
            continue
        name = _display_name(share.municipality)
        if any(m.name == name for m in members):
            name = f"{name} ({_label(raw)})"
        s = share.summary
        members.append(
            MemberRow(
                name=name,
                source=_source(raw, share),
                step_reached=s.step_reached,
                steps=s.steps,
                services_total=s.services_total,
                decided=s.decided,
                relevant=s.relevant,
                assigned=s.assigned,
                delivery_total=s.delivery_total,
                delivery_complete=s.delivery_complete,
                online_per_quarter=s.online_per_quarter,
            )
        )
        for d in share.decisions:
            decisions.setdefault(d.key, {})[name] = d.relevance
            names.setdefault(d.key, d.name)
    if progress:
        progress(len(paths), len(paths))
    differences = tuple(
        Difference(key, names[key], {m.name: per[m.name] for m in members if m.name in per})
        for key, per in sorted(decisions.items())
        if len(set(per.values())) > 1
    )
    quarters = tuple(sorted({q for m in members for q in m.online_per_quarter}))
    return DistrictReport(
        title=title or "Kreisübersicht OZG-Umsetzung",
        day=day or date.today(),
        members=tuple(members),
        quarters=quarters,
        differences=differences,
        unreadable=tuple(unreadable),
        quarter_labels={q: quarter_label(q) for q in quarters},
    )


def export_district(
    paths: Sequence[Path | str],
    out: Path | str,
    *,
    title: str = "",
    progress: Progress | None = None,
) -> tuple[Path, DistrictReport]:
    """Write the district overview as PDF or Excel (by ``out``'s suffix)."""
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise ValueError(
            f"Die Kreisübersicht wird als .pdf oder .xlsx geschrieben, nicht „{suffix}“."
        )
    report = overview(paths, title=title, progress=progress)
    if suffix == ".pdf":
        from ozgdesk.formats.district_pdf import write_district_pdf

        write_district_pdf(target, report)
    else:
        from ozgdesk.formats.district_xlsx import write_district_xlsx

        write_district_xlsx(target, report)
    return target, report
