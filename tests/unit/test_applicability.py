"""Law applicability as a verdict per law, from profile facts and the conditions each law keeps as data.

Every law the knowledge base holds gets at least one business it applies to and one it clearly does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from agent.laws import law_specs
from agent.profile.applicability import judge_profile
from agent.profile.practices import read_practices
from agent.retrieval.documents import load_knowledge
from agent.schemas import BusinessProfile, LawVerdict, Location, Money


def _profile(*places: tuple[str, str | None, str | None], **fields: Any) -> BusinessProfile:
    locations = [Location(country=c, region=r, city=city) for c, r, city in places]
    return BusinessProfile(locations=locations, **fields)


def _verdict(
    profile: BusinessProfile, law: str, regions: set[str] | None = None, triggers: frozenset[str] = frozenset()
) -> LawVerdict:
    verdicts = {v.id: v for v in judge_profile(profile, regions or set(), triggers)}
    return verdicts[law]


FR = ("FR", None, "Lyon")
GB = ("GB", None, "Leeds")
LA = ("US", "CA", "Los Angeles")
SAN_JOSE = ("US", "CA", "San Jose")
HOUSTON = ("US", "TX", "Houston")
CHICAGO = ("US", "IL", "Chicago")
DENVER = ("US", "CO", "Denver")
QUEENS = ("US", "NY", "Queens")
BUFFALO = ("US", "NY", "Buffalo")
OHIO = ("US", "OH", "Columbus")
VANCOUVER = ("CA", "BC", "Vancouver")
SYDNEY = ("AU", None, "Sydney")
OSLO = ("NO", None, "Oslo")
USD = "USD"

# (law, profile, sales regions, use-case triggers, expected verdict)
CASES: list[tuple[str, BusinessProfile, set[str], set[str], str]] = [
    ("gdpr", _profile(FR, industry="bakery"), set(), set(), "applies"),
    ("gdpr", _profile(OSLO, industry="retail"), set(), set(), "applies"),  # EEA, not EU
    ("gdpr", _profile(OHIO, industry="retail", sells_online=True), {"eu"}, set(), "applies"),  # Art. 3(2)
    ("gdpr", _profile(OHIO, industry="trades"), set(), set(), "does_not_apply"),
    ("gdpr", _profile(GB, industry="retail"), set(), set(), "does_not_apply"),  # UK GDPR, not the EU's
    ("eprivacy", _profile(("DE", None, "Köln"), industry="ecommerce"), set(), set(), "applies"),
    ("eprivacy", _profile(SYDNEY, industry="ecommerce"), set(), set(), "does_not_apply"),
    ("eu-ai-act", _profile(("IT", None, "Milano"), industry="manufacturing"), set(), set(), "applies"),
    ("eu-ai-act", _profile(OSLO, industry="retail"), set(), set(), "does_not_apply"),  # not yet in the EEA
    ("eu-ai-act", _profile(VANCOUVER, industry="consulting"), set(), set(), "does_not_apply"),
    ("uk-gdpr", _profile(GB, industry="nonprofit"), set(), set(), "applies"),
    ("uk-gdpr", _profile(("IE", None, "Cork"), industry="retail"), set(), set(), "does_not_apply"),
    ("pecr", _profile(GB, industry="ecommerce"), set(), set(), "applies"),
    ("pecr", _profile(FR, industry="ecommerce"), set(), set(), "does_not_apply"),
    (
        "ccpa",
        _profile(LA, annual_revenue=Money(amount=31_000_000, currency=USD), customer_count=2_000),
        set(),
        set(),
        "applies",
    ),
    (
        "ccpa",
        _profile(SAN_JOSE, annual_revenue=Money(amount=2_000_000, currency=USD), customer_count=140_000),
        set(),
        set(),
        "applies",
    ),
    (
        "ccpa",
        _profile(
            HOUSTON,
            annual_revenue=Money(amount=1_000_000, currency=USD),
            customer_count=500,
            data_practices=["sells-data"],
        ),
        {"california"},
        set(),
        "applies",
    ),
    (
        "ccpa",
        _profile(LA, industry="cleaning", annual_revenue=Money(amount=3_400_000, currency=USD), customer_count=3_800),
        set(),
        set(),
        "does_not_apply",
    ),
    (
        "ccpa",
        _profile(LA, industry="nonprofit", annual_revenue=Money(amount=40_000_000, currency=USD)),
        set(),
        set(),
        "does_not_apply",
    ),
    ("ccpa", _profile(OHIO, annual_revenue=Money(amount=90_000_000, currency=USD)), set(), set(), "does_not_apply"),
    ("cmia", _profile(LA, industry="dental", data_held=["health"]), set(), set(), "applies"),
    ("cmia", _profile(LA, industry="fitness", data_held=["contact"]), set(), set(), "does_not_apply"),
    ("hipaa", _profile(HOUSTON, industry="medical-clinic", data_held=["health"]), set(), set(), "applies"),
    ("hipaa", _profile(OHIO, data_held=["health"], data_practices=["business-associate"]), set(), set(), "applies"),
    (
        "hipaa",
        _profile(OHIO, industry="dental", data_held=["health"], data_practices=["cash-only"]),
        set(),
        set(),
        "does_not_apply",
    ),
    (
        "hipaa",
        _profile(OHIO, industry="fitness", data_held=["health"]),
        set(),
        set(),
        "does_not_apply",
    ),  # a consumer health business
    ("hipaa", _profile(FR, industry="dental", data_held=["health"]), set(), set(), "does_not_apply"),
    ("tdpsa", _profile(HOUSTON, headcount=600, serves_consumers=True), set(), set(), "applies"),
    ("tdpsa", _profile(HOUSTON, headcount=25, data_practices=["sells-data"]), set(), set(), "applies"),  # § 541.107
    (
        "tdpsa",
        _profile(HOUSTON, headcount=12, serves_consumers=True, industry="retail"),
        set(),
        set(),
        "does_not_apply",
    ),  # SBA
    (
        "tdpsa",
        _profile(HOUSTON, headcount=800, industry="medical-clinic", data_held=["health"]),
        set(),
        set(),
        "does_not_apply",
    ),  # HIPAA
    ("tdpsa", _profile(HOUSTON, headcount=300, serves_consumers=False), set(), set(), "does_not_apply"),  # B2B only
    ("cubi", _profile(HOUSTON, industry="fitness", data_held=["biometric"]), set(), set(), "applies"),
    ("cubi", _profile(HOUSTON, industry="fitness"), set(), set(), "does_not_apply"),
    ("bipa", _profile(CHICAGO, industry="fitness"), set(), {"biometric-data"}, "applies"),  # from a planned use case
    ("bipa", _profile(CHICAGO, industry="fitness", data_held=["contact"]), set(), set(), "does_not_apply"),
    ("bipa", _profile(HOUSTON, industry="fitness", data_held=["biometric"]), set(), set(), "does_not_apply"),
    ("colorado-ai-act", _profile(DENVER, industry="real-estate"), set(), {"annex-iii-credit"}, "applies"),
    ("colorado-ai-act", _profile(DENVER, industry="bakery"), set(), {"personal-data"}, "does_not_apply"),
    ("nyc-ll144", _profile(QUEENS, industry="recruitment"), set(), {"annex-iii-employment"}, "applies"),
    ("nyc-ll144", _profile(QUEENS, industry="cafe-restaurant", data_held=["employee"]), set(), set(), "does_not_apply"),
    ("nyc-ll144", _profile(BUFFALO, industry="recruitment"), set(), {"annex-iii-employment"}, "does_not_apply"),
    (
        "ny-pricing",
        _profile(BUFFALO, industry="ecommerce", data_practices=["personalised-pricing"]),
        set(),
        set(),
        "applies",
    ),
    ("ny-pricing", _profile(BUFFALO, industry="ecommerce"), set(), set(), "does_not_apply"),
    ("pipeda", _profile(VANCOUVER, industry="accounting"), set(), set(), "applies"),
    ("pipeda", _profile(("CA", "ON", "Ottawa"), industry="nonprofit"), set(), set(), "does_not_apply"),
    ("pipeda", _profile(OHIO, industry="accounting"), set(), set(), "does_not_apply"),
    ("nist-ai-rmf", _profile(OHIO, industry="retail"), set(), set(), "does_not_apply"),  # voluntary: never "applies"
    ("iso-42001", _profile(FR, industry="manufacturing"), set(), set(), "does_not_apply"),
]


@pytest.mark.parametrize(
    ("law", "profile", "regions", "triggers", "want"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_verdict_per_law(law: str, profile: BusinessProfile, regions: set[str], triggers: set[str], want: str) -> None:
    verdict = _verdict(profile, law, regions, triggers)
    assert verdict.verdict == want, verdict.reasons
    assert verdict.reasons and all(r[:1].isupper() for r in verdict.reasons)


def _yaml_cases(want: str) -> set[str]:
    """Laws with a case of this verdict in the data-driven table (tests/unit/test_law_applicability_cases.py)."""
    from tests.unit.test_law_applicability_cases import CASES as TABLE

    return {entry["law"] for entry in TABLE if any(c["expect"] == want for c in entry["cases"])}


def test_every_law_has_a_case_both_ways() -> None:
    """The tables cover every law of knowledge/compliance, each with an 'applies' and a 'does not apply' (the
    place layer's statutes are checked by place below)."""
    laws = {s.id: s for s in law_specs() if not s.doc_id.startswith("place-")}
    applies = {law for law, *_rest, want in CASES if want == "applies"} | _yaml_cases("applies")
    does_not = {law for law, *_rest, want in CASES if want == "does_not_apply"} | _yaml_cases("does_not_apply")
    binding = {law for law, spec in laws.items() if not spec.voluntary}
    assert binding - applies == set() or pytest.fail(f"no 'applies' case for {sorted(binding - applies)}")
    assert set(laws) - does_not == set() or pytest.fail(f"no 'does not apply' case for {sorted(set(laws) - does_not)}")


def test_unknown_names_the_deciding_fact() -> None:
    """Revenue not given is not 'below the threshold': the CCPA stays open, with the fact that decides it."""
    verdict = _verdict(_profile(LA, industry="cleaning", customer_count=3_800), "ccpa")
    assert (verdict.verdict, verdict.deciding_fact) == ("unknown", "annual_revenue_usd")
    assert "revenue" in verdict.reasons[-1]


def test_no_place_known_leaves_place_bound_laws_open() -> None:
    verdict = _verdict(BusinessProfile(industry="bakery"), "gdpr")
    assert (verdict.verdict, verdict.deciding_fact, verdict.in_reach) == ("unknown", "places", False)
    assert verdict.reasons[0].startswith("Where the business is based decides it")


def test_every_place_statute_reaches_its_place_and_no_other() -> None:
    """A place document's statute is in reach for a business in its place, and out of reach in Japan."""
    for spec in (s for s in law_specs() if s.doc_id.startswith("place-")):
        country, _, region = spec.places[0].partition("-")
        if country in ("EU", "EEA"):
            country = "FR"
        here = _verdict(_profile((country, region or None, None)), spec.id)
        away = _verdict(_profile(("JP", None, "Osaka")), spec.id)
        assert here.in_reach, spec.id  # its other tests may still rule it out for a business with no data
        assert (away.in_reach, away.verdict) == (False, "does_not_apply"), spec.id


def test_reasons_say_why_in_plain_words() -> None:
    gdpr = _verdict(_profile(FR, industry="bakery"), "gdpr")
    assert gdpr.reasons[0] == "Based in France (the EEA)."
    assert all(r.startswith("France:") for r in gdpr.reasons[1:])  # what French law adds, from its layer
    abroad = _verdict(_profile(OHIO, industry="retail"), "gdpr", {"eu"})
    assert abroad.reasons[0].startswith("Sells to or targets customers in")
    out = _verdict(_profile(OHIO, industry="retail"), "gdpr")
    assert out.reasons == ["Not based in the EEA and does not target customers there."]
    exempt = _verdict(_profile(HOUSTON, headcount=800, industry="dental", data_held=["health"]), "tdpsa")
    assert exempt.reasons[0].startswith("Exempt: HIPAA covered entities")


def test_every_law_id_has_exactly_one_main_document() -> None:
    """Each law id used in knowledge/compliance carries its law: block in exactly one document."""
    docs = load_knowledge(Path(__file__).resolve().parents[2] / "knowledge", kinds=("compliance",))
    used = {j for d in docs for j in d.jurisdictions} - {"global"}
    main = [s.id for s in law_specs()]
    assert len(main) == len(set(main))
    assert used - set(main) == set()


_NEW_LAW = """---
id: {doc_id}
title: "A privacy act for a made-up test country"
kind: compliance
jurisdictions: [{law}]
topics: [applicability]
law:
  id: {law}
  name: "Test Privacy Act"
  places: [AU]
  reach: establishment
applicability:
  any:
    - {{fact: annual_revenue_usd, gt: 2000000, why: "turnover above the small-business line"}}
    - {{fact: data_held, has: health, why: "holds health information"}}
sources:
  - url: https://example.org/test-act
    ref: "Test Privacy Act"
reviewed: 2026-11-30
---
# Test Privacy Act

## Who it covers (s. 6)

Businesses above the turnover line, and any business holding health information.
"""


def test_a_new_law_document_changes_a_verdict_without_code(tmp_path: Path) -> None:
    """Adding a law is adding a file: the engine picks up its applicability block."""
    (tmp_path / "compliance").mkdir()
    sydney_clinic = _profile(SYDNEY, industry="medical-clinic", data_held=["health"])
    before = judge_profile(sydney_clinic, set(), knowledge_dir=tmp_path)
    (tmp_path / "compliance" / "test-act.md").write_text(_NEW_LAW.format(doc_id="test-act", law="au-test"))
    law_specs.cache_clear()  # a running process reads knowledge once; a new folder state needs a fresh read
    from agent.retrieval.documents import cached_knowledge

    cached_knowledge.cache_clear()
    after = {v.id: v for v in judge_profile(sydney_clinic, set(), knowledge_dir=tmp_path)}
    small_cafe = {
        v.id: v for v in judge_profile(_profile(SYDNEY, industry="cafe-restaurant"), set(), knowledge_dir=tmp_path)
    }
    assert before == []
    assert after["au-test"].verdict == "applies" and "Holds health information." in after["au-test"].reasons
    assert small_cafe["au-test"].verdict == "unknown" and small_cafe["au-test"].deciding_fact == "annual_revenue_usd"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We build audience segments and sell them to advertisers.", {"sells-data"}),
        ("We never sell customer data to anyone.", set()),
        ("Our sales calls are recorded and transcribed for coaching.", {"records-calls"}),
        ("We don't record calls.", set()),
        ("Most patients pay through insurance claims we file in our practice software.", {"bills-insurance"}),
        ("We run Meta ads and a TikTok pixel on the shop.", {"ad-tracking"}),
        ("We'd like an AI receptionist that answers phone calls after hours.", {"ai-calls-or-texts"}),
        ("Our machines send sensor data to the cloud; we sell connected coffee grinders.", {"connected-products"}),
    ],
)
def test_data_practices_read_from_words(text: str, want: set[str]) -> None:
    assert set(read_practices(text)) & (want or {"sells-data", "records-calls"}) == want


def test_an_exemption_most_such_businesses_have_keeps_the_verdict_open_until_known() -> None:
    """Team size unknown: a Texas consumer business may well be SBA-small, so the TDPSA is a question."""
    verdict = _verdict(_profile(HOUSTON, industry="beauty-salon", serves_consumers=True), "tdpsa")
    assert (verdict.verdict, verdict.deciding_fact) == ("unknown", "headcount")
    b2b = _verdict(_profile(HOUSTON, industry="wholesale", serves_consumers=False), "tdpsa")
    assert b2b.verdict == "does_not_apply"  # open exemption, but the law's own test already fails


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We sit in on our clients' sales meetings, then record and summarise them.", True),
        ("Our platform hosts our customers' patient records.", True),
        ("We take good care of our customers' data and never share it.", False),
    ],
)
def test_processing_for_business_customers_is_read(text: str, want: bool) -> None:
    assert ("processes-client-data" in read_practices(text)) is want


def test_a_b2b_processor_is_a_ccpa_service_provider_whatever_its_size() -> None:
    saas = _profile(SAN_JOSE, industry="software-agency", serves_consumers=False, customer_count=300)
    saas = saas.model_copy(update={"annual_revenue": Money(amount=4_000_000, currency=USD)})
    assert _verdict(saas.model_copy(update={"data_practices": ["processes-client-data"]}), "ccpa").verdict == "applies"
    assert _verdict(saas, "ccpa").verdict == "does_not_apply"


def _facts_named(test: dict[str, Any]) -> set[str]:
    inner = [*(test.get("all") or ()), *(test.get("any") or ()), *([test["unless"]] if "unless" in test else [])]
    return ({str(test["fact"])} if "fact" in test else set()).union(*(_facts_named(t) for t in inner))


def test_law_documents_name_only_facts_the_engine_knows_and_real_places() -> None:
    """A misspelt fact would leave a law 'unknown' for everyone; a misspelt place would put it out of reach."""
    import pycountry

    from agent.profile.applicability import FACTS

    known = {str(c.alpha_2) for c in pycountry.countries} | {"EU", "EEA"}
    known |= {str(s.code) for s in pycountry.subdivisions if s.country_code in ("US", "CA")}
    for spec in law_specs():
        named = set().union(*(_facts_named(t) for t in spec.all + spec.any + spec.exempt))
        assert named <= FACTS, f"{spec.doc_id}: unknown facts {sorted(named - FACTS)}"
        assert set(spec.places) <= known, f"{spec.doc_id}: unknown places {sorted(set(spec.places) - known)}"
        assert spec.name and spec.name != spec.id
