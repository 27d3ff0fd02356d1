"""Turning applicable law into roadmap tasks: actions from compliance documents whose triggers hold, one task per
duty, each in the stage where it is due; and a check task for each law whose applicability is still unknown."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from agent.planning.catalogue import ActionSpec, Catalogue
from agent.planning.triggers import implied_triggers
from agent.retrieval.laws import named_jurisdictions
from agent.schemas import STAGE_ORDER, ComplianceAction, LawVerdict, StageId

#: Duties of use cases planned for later are due when those use cases start: in the roll-out stage at the earliest.
LATER_STAGE: StageId = "rollout"


def select_actions(
    catalogue: Catalogue,
    jurisdictions: list[str],
    triggers: set[str],
    later_triggers: frozenset[str] | set[str] = frozenset(),
    places: frozenset[str] | set[str] = frozenset(),
    markets: frozenset[str] | set[str] = frozenset(),
) -> list[ComplianceAction]:
    """Every action for an applicable law (or a global framework) whose `when` triggers all hold, once per duty.

    Triggers only a later use case sets off still select their actions, placed in the roll-out stage. A place
    layer's action also needs the business in that place (places: codes such as 'DE', 'US-VA'), or selling into
    it (markets) when its law reaches by market."""
    chosen: list[ComplianceAction] = []
    seen: set[str] = set()
    for spec in catalogue.actions:
        if spec.place and not _in_place(spec, catalogue, places, markets):
            continue
        if spec.jurisdiction != "global":  # a law's own rules read what triggers imply (an LLM vendor: a transfer)
            now = _applies(spec, jurisdictions, implied_triggers(triggers))
            later = _applies(spec, jurisdictions, implied_triggers(triggers | later_triggers))
        else:
            now = _applies(spec, jurisdictions, triggers)
            later = _applies(spec, jurisdictions, triggers | later_triggers)
        if not (now or later):
            continue
        duty = _duty_key(spec.do)
        if duty in seen:  # one duty written in two documents, or a document under two laws (UK GDPR + PECR)
            continue
        seen.add(duty)
        chosen.append(
            ComplianceAction(
                jurisdiction=spec.jurisdiction,
                action=spec.do,
                stage=_stage(spec.stage, now),
                ref=_reference(spec, jurisdictions),
                triggers=list(spec.when),
                citation=spec.citation,
            )
        )
    return _without_restated(chosen)


def _without_restated(actions: list[ComplianceAction]) -> list[ComplianceAction]:
    """Drop good-practice actions that restate a duty an applying law already sets, on the same provision
    (the vendor guide's 'sign the DPA' beside GDPR's own Art. 28 task): one task per duty."""
    law_refs = {_article(a.ref) for a in actions if a.jurisdiction != "global"}
    return [a for a in actions if a.jurisdiction != "global" or _article(a.ref) not in law_refs]


def _article(ref: str) -> str:
    return ref.split(",")[0].strip().lower()


def applicability_checks(catalogue: Catalogue, verdicts: list[LawVerdict]) -> list[ComplianceAction]:
    """One assess-stage task per law still 'unknown' where the business is: find out the fact that decides it."""
    tasks = []
    for verdict in verdicts:
        if verdict.verdict != "unknown" or not verdict.in_reach:
            continue
        doc = catalogue.law_docs.get(verdict.id)
        articles = (doc.meta.get("articles") or []) if doc else []
        note = verdict.reasons[-1].removeprefix("To check: ").rstrip(".")
        citation = catalogue.law_citations.get(verdict.id)
        tasks.append(
            ComplianceAction(
                jurisdiction=verdict.id,
                action=f"Check whether the {verdict.name} applies: {note}. Record the answer and add its duties if so.",
                stage="assess",
                ref=str(articles[0]) if articles else verdict.name,
                triggers=[],
                citation=citation,
            )
        )
    return tasks


def _in_place(spec: ActionSpec, catalogue: Catalogue, places: AbstractSet[str], markets: AbstractSet[str]) -> bool:
    """Whether a place-layer action concerns this business. A statute the place itself defines applies only
    where it reaches, so its verdict decides; a framework's local addition needs the business there, or (for a
    market-reach framework) a market named outright: selling 'across the EU' is not selling into each state."""
    if spec.own_law or spec.place in places:
        return True
    return spec.jurisdiction in catalogue.market_laws and spec.place in markets


def _stage(stage: str, due_now: bool) -> StageId:
    planned: StageId = next((s for s in STAGE_ORDER if s == stage), "governance")
    if due_now or STAGE_ORDER.index(planned) >= STAGE_ORDER.index(LATER_STAGE):
        return planned
    return LATER_STAGE


def _duty_key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


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
        return f"Good practice, modelled on {ref}"
    return ref
