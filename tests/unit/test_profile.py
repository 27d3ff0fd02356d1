"""The offline profile reader: an expectation table over varied descriptions, plus bad input."""

from __future__ import annotations

from typing import Any

import pytest

from agent.errors import UsageError
from agent.profile import extract_profile
from agent.profile.money import find_amounts
from agent.profile.numbers import find_headcount
from agent.profile.trade import read_industry
from tests.conftest import TODAY

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "We are Crumb & Co, an artisan bakery in Leipzig, Germany with 9 staff. We throw away too much bread. "
        "Budget around 10,000-15,000 EUR, ideally before Christmas.",
        {
            "name": "Crumb & Co",
            "industry": "bakery",
            "headcount": 9,
            "jurisdictions": ["gdpr", "eprivacy", "eu-ai-act"],
            "budget": (15000, 10000, "EUR"),
            "deadline_month": 1,
            "goals": {"reduce-waste"},
        },
    ),
    (
        "I run Smile Dental in Austin, Texas: 3 dentists, 12 people in total, about $2.4M annual revenue. "
        "Missed appointments hurt. Budget $25k.",
        {
            "industry": "dental",
            "headcount": 12,
            "jurisdictions": ["ftc-act", "hipaa", "tcpa", "traiga", "tx-breach", "tx-sb1188"],  # not the TDPSA: HIPAA
            "budget": (25000, None, "USD"),
            "revenue": (2_400_000, "USD"),
            "data": {"health"},
            "goals": {"reduce-no-shows"},
        },
    ),
    (
        "Our 12-person web shop in Manchester sells tea to customers across the EU and UK. Turnover £1.8m. "
        "We can spend £27,000 on better customer service.",
        {
            "industry": "ecommerce",
            "headcount": 12,
            "budget": (27000, None, "GBP"),
            "revenue": (1_800_000, "GBP"),
            "jurisdictions": ["gdpr", "eprivacy", "eu-ai-act", "uk-gdpr", "pecr", "uk-equality-act"],
            "sells_online": True,
        },
    ),
    (
        "Family-run plumbing business in San Diego, 6 employees, 40,000 customers, revenue of $3M. We want to "
        "spend maybe $10k on AI for scheduling and route planning.",
        {
            "industry": "trades",
            "headcount": 6,
            "jurisdictions": ["ca-breach", "ca-feha", "ftc-act"],  # under every CCPA threshold
            "customer_count": 40000,
            "budget": (10000, None, "USD"),
        },
    ),
    (
        "A boutique hotel in Los Angeles with 30 staff, we don't know our exact revenue yet, and we want help "
        "answering guest questions and writing replies to reviews.",
        # revenue unknown: the CCPA is a question to settle, not a law that applies
        {
            "industry": "hospitality",
            "headcount": 30,
            "jurisdictions": ["ca-breach", "ca-feha", "can-spam", "ftc-act", "us-eeo"],
            "unknown": {"ccpa"},
        },
    ),
    (
        "Small recruitment agency in Brooklyn, New York City, 8 recruiters. We get hundreds of CVs per vacancy and "
        "want to speed up hiring for our clients.",
        # LL 144 needs an automated hiring tool; the planner re-judges once one is planned
        {"industry": "recruitment", "jurisdictions": ["ftc-act", "ny-breach"], "data": {"candidate"}},
    ),
    (
        "Physiotherapy clinic in Toronto, Ontario, 7 therapists and a receptionist. Budget CAD 20,000. Patients "
        "often miss appointments.",
        {
            "industry": "medical-clinic",
            "jurisdictions": ["ontario-phipa", "pipeda"],  # a health custodian in Ontario
            "budget": (20000, None, "CAD"),
            "data": {"health"},
        },
    ),
    (
        "Wir sind eine Bäckerei? No: we are a cafe in Paris with 5 people and a budget of 15.000 EUR to reduce "
        "food waste and plan staff rotas.",
        {
            "industry": "cafe-restaurant",
            "headcount": 5,
            "budget": (15000, None, "EUR"),
            "jurisdictions": ["gdpr", "eprivacy", "eu-ai-act"],
        },
    ),
    (
        # One sum with no word about it, at the end of a plan: what they can spend. French spacing, € after.
        "Kita (daycare) in Lyon with 18 educators and 60 children. We want less admin for parents' messages "
        "and staff rosters. 10 000 €.",
        {
            "industry": "childcare",
            "headcount": 18,
            "budget": (10000, None, "EUR"),
            "goals": {"save-admin-time", "improve-scheduling"},
        },
    ),
    (
        "Accounting practice in London, 25 staff. We key in invoices and receipts by hand. Xero and Dext. "
        "$5,000 or $8,000, not sure.",  # two sums, no cue: ambiguous, no budget is read
        {"industry": "accounting", "headcount": 25, "budget": None, "goals": {"save-admin-time"}},
    ),
    # Owners in the EU often write in their own language; the offline reader knows the common words.
    (
        "Wir sind eine Bäckerei in München mit 12 Mitarbeitern. Wir werfen zu viel Brot weg. Budget 10.000 €.",
        {"industry": "bakery", "headcount": 12, "budget": (10000, None, "EUR"), "goals": {"reduce-waste"}},
    ),
    (
        "Nous sommes un cabinet dentaire à Lyon avec 8 employés. Trop de rendez-vous manqués. Budget 12 000 €.",
        {"industry": "dental", "headcount": 8, "data": {"health"}, "goals": {"reduce-no-shows"}},
    ),
    (
        "Somos una peluquería en Valencia con 4 empleados. Queremos menos papeleo y más ventas.",
        {"industry": "beauty-salon", "headcount": 4, "goals": {"save-admin-time", "increase-revenue"}},
    ),
    (
        "Siamo uno studio legale a Milano con 7 dipendenti; troppe fatture e telefonate.",
        {"industry": "legal", "headcount": 7, "goals": {"save-admin-time", "improve-customer-service"}},
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[1].get("industry", "?") + str(i) for i, c in enumerate(CASES)])
def test_profile_table(text: str, want: dict[str, Any]) -> None:
    p = extract_profile(text, TODAY)
    got: dict[str, Any] = {}
    for key in want:
        if key == "budget":
            got[key] = (p.budget.amount, p.budget.minimum, p.budget.currency) if p.budget else None
        elif key == "revenue":
            got[key] = (p.annual_revenue.amount, p.annual_revenue.currency) if p.annual_revenue else None
        elif key == "data":
            got[key] = want[key] & set(p.data_held)
        elif key == "goals":
            got[key] = want[key] & set(p.goals)
        elif key == "jurisdictions":  # a set of laws: its order carries no meaning
            got[key] = sorted(p.jurisdictions)
            want = {**want, key: sorted(want[key])}
        elif key == "unknown":
            got[key] = {v.id for v in p.laws_considered if v.verdict == "unknown"}
        else:
            got[key] = getattr(p, key)
    assert got == want


def test_provenance_marks_stated_and_assumed() -> None:
    p = extract_profile("We run a pharmacy in Lyon, France with 6 staff and no budget yet for AI tools.", TODAY)
    assert p.provenance["headcount"].source == "stated"
    assert p.provenance["headcount"].evidence and "6 staff" in p.provenance["headcount"].evidence
    assert p.provenance["data_held:health"].source == "assumed"  # health data follows from the trade
    assert p.provenance["jurisdictions:gdpr"].source == "assumed"


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("budget of €15k", [(15000, 15000, "EUR")]),
        ("10,000–15,000 EUR", [(10000, 15000, "EUR")]),
        ("$25k", [(25000, 25000, "USD")]),
        ("£27,000", [(27000, 27000, "GBP")]),
        ("between 10k and 15k €", [(10000, 15000, "EUR")]),
        ("2.5 million dollars", [(2_500_000, 2_500_000, "USD")]),
        ("15.000 EUR", [(15000, 15000, "EUR")]),
        ("we have 12 staff", []),
    ],
)
def test_money(text: str, amounts: list[tuple[float, float, str]]) -> None:
    assert [(a.low, a.high, a.currency) for a in find_amounts(text)] == amounts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("bakery in Berlin", "too short"),
        ("\x00\x01\x02binary\x00 data here with enough words to pass the length check ok", "binary"),
        (b"\xff\xfe\x00 not utf8 at all", "not text"),
    ],
)
def test_bad_descriptions_are_rejected_with_a_reason(text: str | bytes, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        extract_profile(text, TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "headcount"),
    [
        ("7 accountants and 1 admin", 8),  # role counts add up
        ("Physio clinic, 7 therapists and a receptionist.", 8),  # "a receptionist" is one more
        ("14 technicians and 3 office staff", 17),  # a qualifier word before the staff noun
        ("a gym with 10 trainers", 10),
        ("We sell tea online, 12 of us, based in Leeds.", 12),
        ("3 dentists and 12 people in total", 12),  # a stated total wins over role counts
        ("300 customers and 4 staff", 4),  # customers are not staff
    ],
)
def test_headcount_phrasings(text: str, headcount: int) -> None:
    assert find_headcount(text) is not None and find_headcount(text)[0] == headcount  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We are a bakery in Leipzig with 9 staff and we throw away bread.", "English"),
        ("Wir sind eine Bäckerei in München mit 12 Mitarbeitern und werfen zu viel Brot weg.", "German"),
        ("Nous sommes un cabinet dentaire à Lyon avec 8 employés et trop de rendez-vous manqués.", "French"),
        ("Somos una peluquería en Valencia con 4 empleados y queremos menos papeleo.", "Spanish"),
        ("Siamo uno studio legale a Milano con 7 dipendenti e troppe fatture.", "Italian"),
        ("Wij zijn een bakkerij in Utrecht met 6 medewerkers en we gooien te veel brood weg.", "Dutch"),
        ("", "English"),
    ],
)
def test_the_owners_language_is_recognised(text: str, language: str) -> None:
    from agent.profile.language import detect_language

    assert detect_language(text) == language


def test_a_non_english_trade_word_does_not_label_the_english_plan() -> None:
    german = extract_profile("Wir sind eine Bäckerei in Hamburg mit 9 Mitarbeitern. Wir nutzen eine Kasse und Excel.")
    english = extract_profile("We are a dental practice in Leeds with 9 staff.")

    assert (german.industry, german.industry_label, german.systems) == ("bakery", None, ["pos", "spreadsheets"])
    assert (english.industry, english.industry_label) == ("dental", "dental practice")


@pytest.mark.parametrize(
    ("text", "industry"),
    [
        ("Small law firm here.", "legal"),
        ("Plumbing company in Denver, Colorado. 14 technicians.", "trades"),
        ("Insurance companies keep asking us for forms. We are a physio clinic.", "medical-clinic"),
        # a company the business deals with, named with "our" or "the", is not its trade
        ("We run a bakery in Leeds. Our insurance company in Leeds raised the premium.", "bakery"),
        ("The insurance company, Aviva, says we need cover. We are a bakery.", "bakery"),
    ],
)
def test_a_trade_named_with_its_company_at_the_start_is_the_business_itself(text: str, industry: str) -> None:
    assert read_industry(text)[0] == industry
