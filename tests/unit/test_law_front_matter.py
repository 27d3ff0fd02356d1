"""Law documents follow the shared spec: `law:` and `applicability:` blocks with known facts and operators, one main
document per law id, sources and review dates, action triggers from the documented vocabulary, and every law's
places known to the retrieval place map."""

from __future__ import annotations

import re
from datetime import date

import pytest

from agent.config import PROJECT_ROOT
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


_REACH = re.compile(r"[a-z0-9-]+:(?:established|from-abroad)")


def _trigger_vocabulary() -> set[str]:
    """The trigger names knowledge/README.md documents (its compliance-triggers paragraph)."""
    readme = (KNOWLEDGE / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("**compliance triggers**", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"`([a-z0-9-]+)`", paragraph)) - {"actions.when", "compliance_triggers"}


def _place_codes() -> set[str]:
    """ISO 3166-1 countries, the EU/EEA groups, and ISO 3166-2 US states and Canadian provinces."""
    import pycountry

    codes = {str(c.alpha_2) for c in pycountry.countries} | {"EU", "EEA"}
    return codes | {str(s.code) for s in pycountry.subdivisions if s.country_code in ("US", "CA")}


def test_every_main_law_document_names_itself_and_its_places() -> None:
    codes = _place_codes()
    for doc in MAIN:
        law = doc.meta["law"]
        assert set(law) <= {"id", "name", "places", "reach", "voluntary"}, doc.id
        assert law["id"] == doc.jurisdictions[0] or law.get("voluntary"), doc.id  # frameworks are "global"
        assert isinstance(law["name"], str) and law["name"].strip(), doc.id
        if law.get("voluntary"):  # a framework anyone may follow: no place, never "applies"
            continue
        assert law["places"] and set(law["places"]) <= codes, (doc.id, law["places"])
        assert law["reach"] in {"establishment", "market"}, doc.id


def test_one_main_document_per_law_id() -> None:
    ids = [d.meta["law"]["id"] for d in MAIN]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_binding_law_names_the_places_it_reaches() -> None:
    """Retrieval and applicability read a law's reach from `law.places`: a binding law without one reaches nobody."""
    unplaced = [
        d.meta["law"]["id"] for d in MAIN if not d.meta["law"].get("voluntary") and not d.meta["law"].get("places")
    ]
    assert unplaced == []


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
        named = {t for t in action.get("when") or [] if not _REACH.fullmatch(t)}  # "<law>:from-abroad" is generic
        assert named <= vocabulary, (doc.id, action.get("when"))
        assert action["stage"] in STAGE_ORDER and action["do"] and action["ref"], (doc.id, action)


def test_place_codes_stay_strings_in_the_lexicon() -> None:
    """YAML reads bare NO (Norway) and ON (Ontario) as booleans; the lexicon quotes them."""
    places = load_yaml("places")
    keys = [*places["countries"], *places["demonyms"], *places["eu"], *places["eea_only"]]
    assert all(isinstance(code, str) for code in keys)
    assert {"NO", "CA-ON"} <= _place_codes() and "NO" in places["eea_only"]
