"""The place layer (knowledge/places): front matter checked with the file and field named, chunks tagged with
their place, a place's statutes judged by the law engine, verdicts naming the layer, and place actions planned
only for businesses in (or selling into) the place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.config import PROJECT_ROOT
from agent.laws import law_specs
from agent.planning.catalogue import load_catalogue
from agent.planning.compliance import select_actions
from agent.profile.applicability import judge_profile
from agent.retrieval import chunk_document, load_knowledge
from agent.retrieval.place_docs import validate_places
from agent.schemas import BusinessProfile, Location

FIXTURES = Path(__file__).parent / "data" / "places"
WORKS_COUNCIL = "Put any AI tool that monitors or scores staff to the works council before the pilot starts."


@pytest.fixture(scope="module")
def layered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base with the two fixture place documents as its only place layer."""
    root = tmp_path_factory.mktemp("layered") / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", root, ignore=shutil.ignore_patterns("places"))
    shutil.copytree(FIXTURES, root / "places" / "fixtures")
    return root


def _edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the real knowledge base plus one fixture place document with one edit."""
    root = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", root, ignore=shutil.ignore_patterns("places"))
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert old in text
    if new == "place-xx\n":  # a code that is not ISO: the id follows it, so only the code is wrong
        text = text.replace("place: DE", "place: XX")
    (root / "places").mkdir()
    (root / "places" / name).write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_every_place_document_in_the_knowledge_base_is_valid() -> None:
    docs = load_knowledge(PROJECT_ROOT / "knowledge")
    assert validate_places(docs) == []
    for path in (PROJECT_ROOT / "knowledge" / "places").rglob("*.md"):
        if path.name.lower() != "readme.md":
            assert next(d for d in docs if d.path == path).kind == "place", path


def test_fixture_place_documents_are_valid(layered: Path) -> None:
    assert validate_places(load_knowledge(layered)) == []


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("place-de.md", "place-de\n", "place-xx\n", "place: 'XX' is not an ISO 3166"),
        ("place-de.md", "jurisdictions: [gdpr]", "jurisdictions: [gdpr, gdrp]", "jurisdictions: unknown id(s) gdrp"),
        ("place-de.md", "status: pending", "status: active", "dated_facts[1]: status 'active'"),
        ("place-de.md", "reviewed: 2026-11-30", "reviewed: last week", "reviewed: 'last week' is not a date"),
        ("place-de.md", "  - law: gdpr", "  - law: gdpr-typo", "actions[0].law: unknown law id 'gdpr-typo'"),
        ("place-us-va.md", "    places: [US-VA]", "    places: [US-QQ]", "laws[0].places: not ISO codes: US-QQ"),
    ],
)
def test_a_bad_place_document_is_named_with_its_field(
    tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    root = _edited(tmp_path, name, old, new)
    problems = validate_places(load_knowledge(root))
    assert any(name in p and expected in p for p in problems), problems


def test_sources_must_not_be_empty(tmp_path: Path) -> None:
    root = _edited(tmp_path, "place-de.md", "sources:\n  - url:", "sources: []\nold_sources:\n  - url:")
    assert any("sources: needs at least one entry" in p for p in validate_places(load_knowledge(root)))


def test_an_id_that_does_not_match_the_place_fails_at_load(tmp_path: Path) -> None:
    root = _edited(tmp_path, "place-de.md", "id: place-de", "id: place-germany")
    with pytest.raises(ValueError, match=r"place-de\.md: id: 'place-germany' must be 'place-de'"):
        load_knowledge(root)


def test_place_chunks_carry_their_place_and_frameworks(layered: Path) -> None:
    doc = next(d for d in load_knowledge(layered) if d.id == "place-de")
    chunks = chunk_document(doc)
    assert chunks and all(c.metadata["place"] == "DE" and c.metadata["p_DE"] for c in chunks)
    assert all(c.metadata["j_gdpr"] for c in chunks)
    assert {c.metadata["article"] for c in chunks} >= {"BDSG § 26", "UWG § 7"}


def test_a_place_statute_is_a_law_spec(layered: Path) -> None:
    spec = next(s for s in law_specs(layered) if s.id == "fixture-vcdpa")
    assert (spec.doc_id, spec.places, spec.reach) == ("place-us-va", ("US-VA",), "market")
    assert spec.any and spec.unknown_note


def test_verdicts_name_the_place_layer(layered: Path) -> None:
    berlin = BusinessProfile(locations=[Location(country="DE", city="Berlin")], description="a shop in Berlin")
    gdpr = next(v for v in judge_profile(berlin, set(), knowledge_dir=layered) if v.id == "gdpr")
    assert gdpr.verdict == "applies"
    assert any(r.startswith("Germany:") and "BDSG § 26" in r for r in gdpr.reasons)
    paris = BusinessProfile(locations=[Location(country="FR")], description="a shop in Paris")
    gdpr = next(v for v in judge_profile(paris, set(), knowledge_dir=layered) if v.id == "gdpr")
    assert not any("place-de" in r for r in gdpr.reasons)


def test_a_place_statute_is_judged_on_its_thresholds(layered: Path) -> None:
    def verdict(count: int | None) -> str:
        profile = BusinessProfile(locations=[Location(country="US", region="VA")], customer_count=count)
        return next(v for v in judge_profile(profile, set(), knowledge_dir=layered) if v.id == "fixture-vcdpa").verdict

    assert (verdict(250_000), verdict(2_000), verdict(None)) == ("applies", "does_not_apply", "unknown")


@pytest.mark.parametrize(
    ("places", "markets", "planned"),
    [
        ({"DE", "EU", "EEA"}, set(), True),  # based in Germany
        ({"FR", "EU", "EEA"}, set(), False),  # another member state
        ({"US", "US-NY"}, {"DE"}, True),  # the GDPR reaches it by market, and it names Germany as a market
        ({"US", "US-NY"}, set(), False),
    ],
)
def test_place_actions_need_the_business_there(
    layered: Path, places: set[str], markets: set[str], planned: bool
) -> None:
    actions = select_actions(load_catalogue(layered), ["gdpr"], {"employee-data"}, set(), places, markets)
    council = [a for a in actions if a.action == WORKS_COUNCIL]
    assert bool(council) is planned
    if council:
        assert council[0].citation and council[0].citation.doc_id == "place-de"
        assert council[0].stage == "governance"


def test_place_actions_need_their_triggers_and_their_law(layered: Path) -> None:
    catalogue = load_catalogue(layered)
    assert not [a for a in select_actions(catalogue, ["gdpr"], set(), set(), {"DE"}) if a.action == WORKS_COUNCIL]
    virginia = {"US", "US-VA"}
    assert not [a for a in select_actions(catalogue, ["ccpa"], set(), set(), virginia) if "Virginia" in a.action]
    opt_out = [
        a for a in select_actions(catalogue, ["fixture-vcdpa"], set(), set(), virginia) if "Virginia" in a.action
    ]
    assert [(a.stage, a.ref) for a in opt_out] == [("deployment", "Va. Code § 59.1-577")]
