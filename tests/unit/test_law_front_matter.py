"""Law documents follow the shared spec: `law:` and `applicability:` blocks with known facts and operators, one main
document per law id, sources and review dates, action triggers from the documented vocabulary, and every law's
places known to the retrieval place map."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from agent.config import PROJECT_ROOT
from agent.profile.jurisdictions import COUNTRY_LAWS, EU_LAWS, US_FEDERAL_LAWS, US_STATE_LAWS
from agent.profile.lexicon import load_yaml
from agent.retrieval import load_knowledge
from agent.retrieval.documents import KnowledgeDoc
from agent.schemas import STAGE_ORDER

FACTS = {
    "industry",
    "data_held",
    "systems",
    "goals",
    "headcount",
    "annual_revenue_usd",
    "customer_count",
    "serves_consumers",
    "sells_online",
    "triggers",
    "data_practices",
    "places",
    "markets",
}
OPERATORS = {"is", "in", "has", "has_any", "gt", "gte", "lt", "lte"}
KNOWLEDGE = PROJECT_ROOT / "knowledge"
COMPLIANCE = [d for d in load_knowledge(KNOWLEDGE) if d.kind == "compliance"]
MAIN = [d for d in COMPLIANCE if "law" in d.meta]


def _trigger_vocabulary() -> set[str]:
    """The trigger names knowledge/README.md documents (its compliance-triggers paragraph)."""
    readme = (KNOWLEDGE / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("**compliance triggers**", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"`([a-z0-9-]+)`", paragraph)) - {"actions.when", "compliance_triggers"}


def _place_codes() -> set[str]:
    places = load_yaml("places")
    countries = set(places["countries"])
    return (
        countries
        | {"EU", "EEA"}
        | {f"US-{s}" for s in places["us_states"]}
        | {f"CA-{p}" for p in places["ca_provinces"]}
    )


def test_every_main_law_document_names_itself_and_its_places() -> None:
    codes = _place_codes()
    for doc in MAIN:
        law = doc.meta["law"]
        assert set(law) <= {"id", "name", "places", "reach", "voluntary"}, doc.id
        assert law["id"] == doc.jurisdictions[0], doc.id
        assert isinstance(law["name"], str) and law["name"].strip(), doc.id
        assert law["places"] and set(law["places"]) <= codes, (doc.id, law["places"])
        assert law["reach"] in {"establishment", "market"}, doc.id


def test_one_main_document_per_law_id() -> None:
    ids = [d.meta["law"]["id"] for d in MAIN]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("doc", MAIN, ids=lambda d: d.id)
def test_applicability_tests_use_known_facts_and_operators(doc: KnowledgeDoc) -> None:
    block = doc.meta.get("applicability") or {}
    assert set(block) <= {"all", "any", "exempt", "unknown_note"}, doc.id
    for group in ("all", "any", "exempt"):
        for test in block.get(group) or []:
            _check_test(doc.id, test)
    if block:
        assert isinstance(block.get("unknown_note"), str), f"{doc.id}: say what decides it when a fact is unknown"


def _check_test(doc_id: str, test: dict[str, Any]) -> None:
    operators = set(test) & OPERATORS
    assert set(test) <= OPERATORS | {"fact", "why"} and len(operators) == 1, (doc_id, test)
    assert test["fact"] in FACTS, (doc_id, test)
    (operator,) = operators
    value = test[operator]
    if operator in {"in", "has_any"}:
        assert isinstance(value, list) and value, (doc_id, test)
    elif operator in {"gt", "gte", "lt", "lte"}:
        assert isinstance(value, int | float) and not isinstance(value, bool), (doc_id, test)
    assert isinstance(test.get("why", ""), str), (doc_id, test)


def test_every_law_with_a_place_is_in_the_retrieval_place_map() -> None:
    mapped = EU_LAWS | US_FEDERAL_LAWS | set().union(*US_STATE_LAWS.values(), *COUNTRY_LAWS.values())
    unmapped = [d.meta["law"]["id"] for d in MAIN if not d.meta["law"].get("voluntary")]
    assert [law for law in unmapped if law not in mapped] == []


@pytest.mark.parametrize("doc", COMPLIANCE, ids=lambda d: d.id)
def test_compliance_documents_carry_sources_review_date_and_articles(doc: KnowledgeDoc) -> None:
    sources = doc.meta.get("sources") or []
    assert sources and all(s.get("url", "").startswith("http") and s.get("ref") for s in sources), doc.id
    assert isinstance(doc.meta.get("reviewed"), date), doc.id
    assert doc.jurisdictions and doc.meta.get("articles"), doc.id


@pytest.mark.parametrize("doc", COMPLIANCE, ids=lambda d: d.id)
def test_actions_use_documented_triggers_and_stages(doc: KnowledgeDoc) -> None:
    vocabulary = _trigger_vocabulary()
    for action in doc.meta.get("actions") or []:
        assert set(action.get("when") or []) <= vocabulary, (doc.id, action.get("when"))
        assert action["stage"] in STAGE_ORDER and action["do"] and action["ref"], (doc.id, action)


def test_place_codes_stay_strings_in_the_lexicon() -> None:
    """YAML reads bare NO (Norway) and ON (Ontario) as booleans; the lexicon quotes them."""
    places = load_yaml("places")
    keys = [*places["countries"], *places["ca_provinces"], *places["eea_only"], *places["cities"].values()]
    assert all(isinstance(code, str) for code in keys)
    assert {"NO", "CA-ON"} <= _place_codes() and "NO" in places["eea_only"]
