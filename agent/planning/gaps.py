"""Closing the gaps the compliance checks find, instead of shipping them as warnings: a law that applies with no
task gets its core tasks, and a duty a check expects (a DPIA, a bias audit, a BAA) gets the check's fix as a task."""

from __future__ import annotations

from agent.checks.compliance import DUTIES, DutyRule
from agent.planning.catalogue import ActionSpec, Catalogue
from agent.planning.offline import collect_citations
from agent.schemas import STAGE_ORDER, ComplianceAction, Roadmap
from agent.writing.words import cite


def close_gaps(roadmap: Roadmap, catalogue: Catalogue) -> Roadmap:
    """The roadmap with a task added for every law that applies but has none, and every duty a check misses."""
    roadmap = with_actions(roadmap, _core_tasks(roadmap, catalogue))
    return with_actions(roadmap, [a for rule in DUTIES for a in _duty_task(rule, roadmap, catalogue)])


def with_actions(roadmap: Roadmap, actions: list[ComplianceAction]) -> Roadmap:
    """The roadmap with these compliance actions added to its task list and to the stages where they are due."""
    if not actions:
        return roadmap
    stages = [
        stage.model_copy(
            update={
                "compliance_actions": stage.compliance_actions + [a for a in actions if a.stage == stage.id],
                "activities": stage.activities
                + [f"Compliance: {a.action} {cite(a.ref)}" for a in actions if a.stage == stage.id],
            }
        )
        for stage in roadmap.stages
    ]
    updated = roadmap.model_copy(update={"compliance": roadmap.compliance + actions, "stages": stages})
    return updated.model_copy(update={"citations": collect_citations(updated)})


def _core_tasks(roadmap: Roadmap, catalogue: Catalogue) -> list[ComplianceAction]:
    """For each applying law without a task: its unconditional actions, else the first one it lists."""
    covered = {a.jurisdiction for a in roadmap.compliance}
    planned = {a.action for a in roadmap.compliance}
    tasks: list[ComplianceAction] = []
    for law in roadmap.profile.jurisdictions:
        if law in covered:
            continue
        specs = [s for s in catalogue.actions if s.jurisdiction == law]
        core = [s for s in specs if not s.when] or specs[:1]
        tasks += [_task(s) for s in core if s.do not in planned]  # one task per duty, even across laws
    return tasks


def _duty_task(rule: DutyRule, roadmap: Roadmap, catalogue: Catalogue) -> list[ComplianceAction]:
    if not list(rule.check(roadmap)):
        return []
    law = sorted(rule.laws & set(roadmap.profile.jurisdictions))[0]
    return [
        ComplianceAction(
            jurisdiction=law,
            action=rule.fix,
            stage="governance",
            ref=rule.reference,
            triggers=sorted(rule.needs | rule.needs_any),
            citation=catalogue.law_citations.get(law),
        )
    ]


def _task(spec: ActionSpec) -> ComplianceAction:
    return ComplianceAction(
        jurisdiction=spec.jurisdiction,
        action=spec.do,
        stage=spec.stage if spec.stage in STAGE_ORDER else "governance",
        ref=spec.ref or spec.citation.title,
        triggers=list(spec.when),
        citation=spec.citation,
    )
