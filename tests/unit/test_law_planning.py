"""Law verdicts in the plan: tasks only from laws that apply, a check task for open questions, one task per duty,
gaps closed by the planner, and law names (not ids) shown to the owner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from agent.checks import check_roadmap
from agent.config import Settings
from agent.export import roadmap_markdown
from agent.planning.catalogue import load_catalogue
from agent.planning.compliance import select_actions
from agent.planning.gaps import close_gaps
from agent.planning.pipeline import draft_from_text
from agent.schemas import Roadmap
from tests.conftest import TODAY

LA_CLEANERS = (
    "We are a home cleaning company in Los Angeles with 40 cleaners and about 3,800 regular customers. We want "
    "AI to plan routes and answer booking questions. Budget around $20,000."
)
UK_SHOP = (
    "Our 9-person online shop in Leeds sells handmade candles to customers across the UK. We send a monthly "
    "newsletter to 6,000 subscribers and want AI to personalise the emails and answer customer questions. "
    "We can spend £12,000."
)
TEXAS_PHYSIO = (
    "We run five physiotherapy clinics around San Antonio, Texas, 70 staff, and we bill insurance for most "
    "patients. We want AI to remind patients of appointments and to draft visit notes. Budget $40,000."
)
CHICAGO_GYM = (
    "I own a climbing gym in Chicago with 25 staff and 2,000 members. We want members to check in with a "
    "fingerprint scanner and an AI assistant to answer membership questions. Budget $18,000."
)
_JURISDICTION_KEYS = {"jurisdictions", "applicable_laws", "regimes"}


def _draft(text: str, settings: Settings) -> Roadmap:
    return draft_from_text(text, settings, TODAY).roadmap


def _keyed(node: Any, keys: set[str]) -> Iterator[Any]:
    """Every value stored under one of these keys anywhere in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.lower() in keys:
                yield value
            yield from _keyed(value, keys)
    elif isinstance(node, list):
        for value in node:
            yield from _keyed(value, keys)


@pytest.mark.parametrize("text", [LA_CLEANERS, UK_SHOP, TEXAS_PHYSIO, CHICAGO_GYM])
def test_json_jurisdictions_hold_only_laws_that_apply(text: str, project_settings: Settings) -> None:
    r = _draft(text, project_settings)
    applying = {v.id for v in r.profile.laws_considered if v.verdict == "applies"}
    data = r.model_dump(mode="json")
    listed = [value for found in _keyed(data, _JURISDICTION_KEYS) for value in found]
    assert set(listed) <= applying and set(r.profile.jurisdictions) == applying
    assert len(r.profile.laws_considered) >= 15  # every law the knowledge base holds has a verdict
    assert {a.jurisdiction for a in r.compliance} - {"global"} <= applying | _unknown(r)


def _unknown(r: Roadmap) -> set[str]:
    return {v.id for v in r.profile.laws_considered if v.verdict == "unknown"}


def test_unknown_threshold_becomes_a_check_task_not_a_plan(project_settings: Settings) -> None:
    r = _draft(LA_CLEANERS, project_settings)
    assert "ccpa" not in r.profile.jurisdictions and "ccpa" in _unknown(r)
    ccpa_tasks = [a for a in r.compliance if a.jurisdiction == "ccpa"]
    assert len(ccpa_tasks) == 1 and ccpa_tasks[0].stage == "assess"
    assert ccpa_tasks[0].action.startswith("Check whether the California Consumer Privacy Act")
    assert any("CCPA" in line and "not known yet" in line for line in r.assumptions)


def test_one_task_per_duty(project_settings: Settings) -> None:
    r = _draft(UK_SHOP, project_settings)
    assert {"uk-gdpr", "pecr"} <= set(r.profile.jurisdictions)
    texts = [a.action for a in r.compliance]
    assert len(texts) == len(set(texts))
    assert sum("ICO data protection fee" in t for t in texts) == 1
    assert sum("soft opt-in" in t for t in texts) <= 1


def test_hipaa_entity_gets_hipaa_duties_and_no_texas_privacy_tasks(project_settings: Settings) -> None:
    r = _draft(TEXAS_PHYSIO, project_settings)
    assert "hipaa" in r.profile.jurisdictions and "tdpsa" not in r.profile.jurisdictions
    tdpsa = next(v for v in r.profile.laws_considered if v.id == "tdpsa")
    assert tdpsa.verdict == "does_not_apply" and "HIPAA" in tdpsa.reasons[0]
    assert not [a for a in r.compliance if a.jurisdiction == "tdpsa"]
    assert any("business associate agreement" in a.action.lower() for a in r.compliance)


def test_biometric_check_in_brings_bipa_release_and_retention(project_settings: Settings) -> None:
    r = _draft(CHICAGO_GYM, project_settings)
    assert "bipa" in r.profile.jurisdictions
    bipa = " ".join(a.action for a in r.compliance if a.jurisdiction == "bipa").lower()
    assert "written release" in bipa and "retention" in bipa


def test_later_use_case_duties_land_in_rollout(project_settings: Settings) -> None:
    catalogue = load_catalogue(project_settings.knowledge_dir)
    now = select_actions(catalogue, ["gdpr"], {"personal-data", "special-category-data"})
    later = select_actions(catalogue, ["gdpr"], {"personal-data"}, {"special-category-data"})
    dpia_now = next(a for a in now if "DPIA" in a.action)
    dpia_later = next(a for a in later if a.action == dpia_now.action)
    assert dpia_now.stage == "governance" and dpia_later.stage == "rollout"
    assert not [a for a in select_actions(catalogue, ["gdpr"], {"personal-data"}) if a.action == dpia_now.action]


def test_planner_closes_a_gap_instead_of_shipping_the_warning(
    bakery_roadmap: Roadmap, project_settings: Settings
) -> None:
    r = bakery_roadmap.model_copy(deep=True)
    r.profile.jurisdictions = [*r.profile.jurisdictions, "pipeda"]
    assert any(f.rule_id == "CMP-007" for f in check_roadmap(r))
    closed = close_gaps(r, load_catalogue(project_settings.knowledge_dir))
    assert not any(f.rule_id == "CMP-007" for f in check_roadmap(closed))
    added = [a for a in closed.compliance if a.jurisdiction == "pipeda"]
    assert added and all(a in s.compliance_actions for a in added for s in closed.stages if s.id == a.stage)


def test_markdown_names_laws_in_words(project_settings: Settings) -> None:
    r = _draft(UK_SHOP, project_settings)
    md = roadmap_markdown(r)
    assert "## Laws considered" in md
    assert "| UK GDPR and the Data Protection Act 2018 | applies |" in md
    out_of_reach = next(line for line in md.splitlines() if line.startswith("Not in reach"))
    assert "GDPR (EU General Data Protection Regulation)" in out_of_reach  # named, not a row of its own
    assert "| GDPR (EU General Data Protection Regulation) |" not in md
    assert "| uk-gdpr |" not in md and "uk-gdpr, pecr" not in md and "eu-ai-act" not in md


def test_a_business_abroad_that_targets_eu_customers_needs_an_eu_representative(project_settings: Settings) -> None:
    catalogue = load_catalogue(project_settings.knowledge_dir)
    from_abroad = select_actions(catalogue, ["gdpr"], {"personal-data", "gdpr:from-abroad", "llm-vendor"})
    based_in_eu = select_actions(catalogue, ["gdpr"], {"personal-data", "llm-vendor"})
    assert any(a.ref == "GDPR Art. 27" for a in from_abroad)
    assert not any(a.ref == "GDPR Art. 27" for a in based_in_eu)
    assert any("standard contractual clauses" in a.action.lower() for a in based_in_eu)  # an LLM vendor: a transfer


def test_market_reach_is_marked_on_the_verdict() -> None:
    from agent.planning.triggers import profile_triggers
    from agent.profile.applicability import judge_profile
    from agent.schemas import BusinessProfile, Location

    shop = BusinessProfile(locations=[Location(country="US", region="OR", city="Portland")], sells_online=True)
    verdicts = judge_profile(shop, {"eu"})
    gdpr = next(v for v in verdicts if v.id == "gdpr")
    assert gdpr.verdict == "applies" and gdpr.by_market
    assert "gdpr:from-abroad" in profile_triggers(shop.model_copy(update={"laws_considered": verdicts}))


def test_the_ico_fee_is_for_uk_businesses_a_representative_for_those_abroad(project_settings: Settings) -> None:
    catalogue = load_catalogue(project_settings.knowledge_dir)
    home = select_actions(catalogue, ["uk-gdpr", "pecr"], {"personal-data", "uk-gdpr:established"})
    abroad = select_actions(catalogue, ["uk-gdpr", "pecr"], {"personal-data", "uk-gdpr:from-abroad"})
    assert [a.ref for a in home if "ICO data protection fee" in a.action] and not [
        a for a in home if a.ref == "UK GDPR Art. 27"
    ]
    assert not [a for a in abroad if "ICO data protection fee" in a.action] and [
        a for a in abroad if a.ref == "UK GDPR Art. 27"
    ]


def test_good_practice_does_not_restate_a_law_task_on_the_same_provision(bakery_roadmap: Roadmap) -> None:
    law_refs = {a.ref for a in bakery_roadmap.compliance if a.jurisdiction != "global"}
    assert "GDPR Art. 28" in law_refs  # the law's own DPA task is there ...
    restated = [a.ref for a in bakery_roadmap.compliance if a.jurisdiction == "global" and a.ref in law_refs]
    assert restated == []  # ... and the vendor guide's copy of it is not


def test_with_no_place_the_laws_table_asks_where_once(project_settings: Settings) -> None:
    r = _draft("A family bakery with 6 staff wants AI to forecast how much bread to bake each day.", project_settings)
    md = roadmap_markdown(r)
    rows = md.split("## Laws considered")[1].split("##")[0]
    assert rows.count("to check") == 1 and "decides which of these apply" in rows
    assert not [a for a in r.compliance if a.stage == "assess" and a.action.startswith("Check whether")]


def test_no_warning_when_the_laws_in_reach_were_judged_not_to_apply(project_settings: Settings) -> None:
    """A small B2B firm in Texas: the state law was considered and does not apply; that is a verdict, not a gap."""
    text = (
        "We are a 14-person industrial cleaning contractor in El Paso, Texas; our clients are factories and "
        "warehouses, not consumers. We want AI to plan crews and quote jobs faster. Budget $12,000."
    )
    result = draft_from_text(text, project_settings, TODAY)
    assert "tdpsa" not in result.roadmap.profile.jurisdictions  # B2B: no Texas consumers' data
    assert any(v.id == "tdpsa" and v.in_reach for v in result.roadmap.profile.laws_considered)
    assert not [f for f in result.findings if f.rule_id == "CMP-014"]
