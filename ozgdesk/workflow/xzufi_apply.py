"""Applying a review that may hold XZuFi changes: the step-4 fields go through
``delivery_returns.apply`` (backup, one transaction, re-check against the project); the
online service's name (``xzufi_import.PLAN_TARGET``) is a step-5 plan field and is stored
here, after the same re-check, with what it replaced kept for ``undo``.

The GUI's returns panel and ``ozgdesk import``/``import-returns`` call these two functions;
for a review without plan changes they are exactly ``delivery_returns.apply``/``undo``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from ozgdesk.store.project import Project
from ozgdesk.workflow import delivery_returns, roadmap
from ozgdesk.workflow.delivery_returns import ApplyResult, Change, ReturnsReview, Skipped
from ozgdesk.workflow.xzufi_import import PLAN_TARGET


@dataclass
class XzufiApplyResult(ApplyResult):
    previous_plans: dict[int, roadmap.Plan] = field(default_factory=dict)


def apply(
    project: Project, review_: ReturnsReview, accepted: Iterable[str] | Literal["all"]
) -> ApplyResult:
    """Like ``delivery_returns.apply`` ("all": every change, no conflict), for plan
    changes too."""
    plans = [c for c in review_.changes + review_.conflicts if c.target == PLAN_TARGET]
    if not plans:
        return delivery_returns.apply(project, review_, accepted)
    candidates = {c.id for c in review_.changes + review_.conflicts}
    if accepted == "all":
        chosen = {c.id for c in review_.changes}
    else:
        chosen = set(accepted)
        unknown = chosen - candidates
        if unknown:
            raise ValueError(f"Unbekannte Änderung(en): {', '.join(sorted(unknown))}")
    plan_ids = {c.id for c in plans}
    rest = replace(
        review_,
        changes=[c for c in review_.changes if c.id not in plan_ids],
        conflicts=[c for c in review_.conflicts if c.id not in plan_ids],
    )
    rest_ids = chosen - plan_ids
    base = (
        delivery_returns.apply(project, rest, rest_ids)
        if rest_ids
        else ApplyResult(False, reason="Keine Änderung ausgewählt; das Projekt bleibt unverändert.")
    )
    wanted = [c for c in plans if c.id in chosen]
    if not wanted:
        return base
    if project.read_only:  # then base did not commit either
        return ApplyResult(False, reason="Das Projekt ist schreibgeschützt geöffnet.")
    applied, skipped, new_plans = _plan_changes(project, wanted)
    result = XzufiApplyResult(
        committed=base.committed,
        applied=list(base.applied),
        skipped=list(base.skipped) + skipped,
        previous_stored=base.previous_stored,
        previous_units=base.previous_units,
        backup=base.backup,
        reason=base.reason,
    )
    if new_plans:
        if result.backup is None:
            result.backup = project.backup(delivery_returns.BACKUP_REASON)
        result.previous_plans = roadmap.save_plans(project, new_plans)
        result.applied += applied
        result.committed, result.reason = True, ""
    elif not base.committed:
        result.reason = (
            "Keine der ausgewählten Änderungen ist noch offen; das Projekt bleibt unverändert."
        )
    return result


def _plan_changes(
    project: Project, wanted: list[Change]
) -> tuple[list[Change], list[Skipped], dict[int, roadmap.Plan]]:
    ids = [c.service_id for c in wanted if c.service_id is not None]
    now = {r.service_id: r.plan.online_name or "" for r in roadmap.plan_rows(project, ids, False)}
    own = roadmap.own_plans(project, ids)
    applied: list[Change] = []
    skipped: list[Skipped] = []
    new_plans: dict[int, roadmap.Plan] = {}
    for change in wanted:
        service_id = change.service_id
        if service_id is None or service_id not in now:
            skipped.append(Skipped(change, "Die Leistung gibt es im Projekt nicht mehr."))
        elif now[service_id] == change.new:
            skipped.append(Skipped(change, "Der Wert steht bereits so im Projekt."))
        elif now[service_id] != change.old:
            skipped.append(
                Skipped(
                    change,
                    f"Inzwischen im Projekt geändert (jetzt „{now[service_id]}“); nicht "
                    "überschrieben.",
                )
            )
        else:
            new_plans[service_id] = replace(own[service_id], online_name=change.new)
            applied.append(change)
    return applied, skipped, new_plans


def undo(project: Project, result: ApplyResult) -> None:
    """Restore what ``apply`` replaced."""
    delivery_returns.undo(project, result)
    if isinstance(result, XzufiApplyResult) and result.previous_plans:
        roadmap.save_plans(project, result.previous_plans)
