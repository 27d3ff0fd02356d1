"""Turning applicable law into roadmap tasks: actions from compliance documents whose triggers hold."""

from __future__ import annotations

from agent.planning.catalogue import ActionSpec, Catalogue
from agent.retrieval.laws import named_jurisdictions
from agent.schemas import STAGE_ORDER, ComplianceAction


def select_actions(catalogue: Catalogue, jurisdictions: list[str], triggers: set[str]) -> list[ComplianceAction]:
    """Every action for an applicable jurisdiction (or a global framework) whose `when` triggers all hold."""
    chosen: list[ComplianceAction] = []
    seen: set[tuple[str, str]] = set()
    for spec in catalogue.actions:
        if not _applies(spec, jurisdictions, triggers):
            continue
        key = (spec.jurisdiction, spec.do)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(
            ComplianceAction(
                jurisdiction=spec.jurisdiction,
                action=spec.do,
                stage=spec.stage if spec.stage in STAGE_ORDER else "governance",
                ref=_reference(spec, jurisdictions),
                triggers=list(spec.when),
                citation=spec.citation,
            )
        )
    return chosen


def _applies(spec: ActionSpec, jurisdictions: list[str], triggers: set[str]) -> bool:
    if spec.jurisdiction == "global":
        # Frameworks that apply anywhere contribute only actions tied to a concrete trigger.
        return bool(spec.when) and set(spec.when) <= triggers
    return spec.jurisdiction in jurisdictions and set(spec.when) <= triggers


def _reference(spec: ActionSpec, jurisdictions: list[str]) -> str:
    """The provision an action rests on. A cross-cutting action (AI register, breach drill) is often modelled on
    one law; for a business that law does not cover (a Chicago gym and "GDPR Art. 33"), say it is good practice
    rather than cite the law as if it applied."""
    ref = spec.ref or spec.citation.title
    named = named_jurisdictions(ref) - {"global"}
    if spec.jurisdiction == "global" and named and not named & set(jurisdictions):
        return f"Good practice (as {ref} requires where it applies)"
    return ref
