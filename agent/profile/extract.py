"""The offline profile reader: deterministic rules over the lexicon turn a description into a profile."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from agent.errors import UsageError
from agent.profile.applicability import judge_profile
from agent.profile.asks import read_asks
from agent.profile.clauses import sentences
from agent.profile.deadlines import find_busy_months, find_deadline
from agent.profile.jurisdictions import applying, verdict_provenance
from agent.profile.language import detect_language
from agent.profile.lexicon import matcher
from agent.profile.money import Amount, find_amounts
from agent.profile.names import find_name
from agent.profile.numbers import find_customer_count, find_headcount, find_horizon
from agent.profile.places import default_currency, read_places
from agent.profile.practices import read_practices
from agent.profile.quoted import owner_words
from agent.profile.trade import read_industry
from agent.profile.wages import find_hourly_wage, is_hourly
from agent.schemas import Budget, BusinessProfile, FieldSource, Money

MIN_WORDS = 8
MAX_CHARS = 20_000
_INDUSTRY_DATA = {
    "dental": ["health"],
    "medical-clinic": ["health"],
    "pharmacy": ["health"],
    "veterinary": [],
    "childcare": ["children"],
    "education": ["children"],
    "recruitment": ["candidate"],
    "financial-services": ["financial"],
    "insurance": ["financial", "health"],
    "care-home": ["health"],
}
_B2C = {
    "bakery",
    "cafe-restaurant",
    "retail",
    "ecommerce",
    "dental",
    "medical-clinic",
    "pharmacy",
    "veterinary",
    "fitness",
    "beauty-salon",
    "hospitality",
    "travel",
    "education",
    "childcare",
    "care-home",
    "automotive",
    "real-estate",
}
_BUDGET_CUES = re.compile(r"\b(budget|spend|invest|afford|set aside|allocate|up to|max(imum)?|cap)\b", re.I)
_REVENUE_CUES = re.compile(r"\b(revenue|turnover|sales|we make|we turn over|annual|per year|a year|income)\b", re.I)
_PAIN = re.compile(
    r"\b(problem|struggle|struggling|too much|too many|waste|takes? (?:us|me|hours)|losing|lose|hard to|"
    r"difficult|slow|behind|overwhelmed|drowning|miss|missed|late|manual|by hand|chaos|mess|frustrat|swamped|"
    r"can'?t keep up|cannot keep up|backlog|piles? up|piling up|forever|takes ages|a day|per day)",
    re.I,
)
_B2B = re.compile(
    r"\b(b2b|business customers|other businesses|corporate clients|wholesale customers|trade customers)\b",
    re.I,
)
_ONLINE = re.compile(
    r"\b(online|web ?shop|e-?commerce|website orders|shopify|woocommerce|etsy|app orders|deliveroo|uber eats)\b",
    re.I,
)


def validate_description(text: str | bytes) -> str:
    """The description as clean text, or a UsageError saying what is wrong with it."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError("The description is not text (it is not valid UTF-8). Paste plain text.") from exc
    if "\x00" in text or sum(not (c.isprintable() or c.isspace()) for c in text) > max(5, len(text) // 50):
        raise UsageError("The description looks like binary data, not text. Paste a plain-text description.")
    text = text.strip()
    if not text:
        raise UsageError("The description is empty. Describe the business: trade, where it is, size, goals.")
    if len(text) > MAX_CHARS:
        raise UsageError(f"The description is {len(text):,} characters; keep it under {MAX_CHARS:,}.")
    if len(re.findall(r"\w+", text)) < MIN_WORDS:
        raise UsageError(
            "The description is too short to plan from. Add what the business does, where it is (country or "
            "state), how many people work there, what you want AI to help with, and a budget if you have one."
        )
    return text


def extract_profile(text: str, today: date | None = None) -> BusinessProfile:
    """Read a business description into a BusinessProfile; unknown fields stay empty."""
    text = validate_description(text)
    fields, prov, regions = read_fields(text, today or date.today())
    fields["description"] = text
    profile = BusinessProfile(**fields, provenance=prov)
    return with_jurisdictions(profile, regions)


def with_jurisdictions(profile: BusinessProfile, regions: set[str]) -> BusinessProfile:
    """The profile with its data practices read and a verdict for every law (re)derived from its facts."""
    kept = {k: v for k, v in profile.provenance.items() if not k.startswith("jurisdictions:")}
    own = owner_words(profile.description or "").text
    practices = list(dict.fromkeys([*profile.data_practices, *read_practices(own)]))
    profile = profile.model_copy(update={"data_practices": practices})
    verdicts = judge_profile(profile, regions)
    update = {"jurisdictions": applying(verdicts), "laws_considered": verdicts}
    return profile.model_copy(update={**update, "provenance": {**kept, **verdict_provenance(verdicts)}})


def read_fields(
    text: str, today: date, answering: bool = False
) -> tuple[dict[str, Any], dict[str, FieldSource], set[str]]:
    """Every fact the rules can read from text, with provenance, and the sales regions named; `answering`: the text
    answers the question what AI should help with, so each of its clauses is read as an ask."""
    fields: dict[str, Any] = {}
    prov: dict[str, FieldSource] = {}

    def stated(name: str, value: Any, evidence: str) -> None:
        if value not in (None, [], ""):
            fields[name] = value
            prov[name] = FieldSource(source="stated", evidence=evidence[:200])

    raw, text = text, owner_words(text).text  # facts come from the owner's lines, not from quoted questions
    industry, industry_words = read_industry(text)
    if industry == "retail" and re.search(r"\bonline (?:\w+ )?(?:retailer|store|shop|boutique)\b", text, re.I):
        industry = "ecommerce"  # "an online fashion retailer" sells online first
    stated("industry", industry, industry_words)
    # The owner's own word labels the plan ("dental practice"), unless it is not English ("Bäckerei"): the
    # offline plan is written in English, so the catalogue's name is used instead.
    if detect_language(text) == "English":
        stated("industry_label", industry_words.lower() or None, industry_words)
    stated("name", find_name(text), "business name in the description")
    headcount = find_headcount(text)
    if headcount:
        stated("headcount", headcount[0], headcount[1])
    places = read_places(text)
    locations, regions = places.locations, places.regions
    stated("locations", locations, _place_words(locations))
    stated("markets", places.markets, _place_words(places.markets))
    currency = _currency_for(locations)
    budget, revenue = _money(text, currency)
    if budget:
        stated("budget", budget[0], budget[1])
    if revenue:
        stated("annual_revenue", revenue[0], revenue[1])
    customers = find_customer_count(text)
    if customers:
        stated("customer_count", customers[0], customers[1])
    for name in ("goals", "systems", "team_skills"):
        lexicon = {"goals": "goals", "systems": "systems", "team_skills": "skills"}[name]
        found = _ids(lexicon, text)
        stated(name, found, ", ".join(found))
    data = _ids("data", text)
    implied = [d for d in _INDUSTRY_DATA.get(industry or "", []) if d not in data]
    stated("data_held", data, ", ".join(data))
    if implied:
        fields["data_held"] = [*data, *implied]
        for category in implied:  # per item: the rest of the list was stated
            prov[f"data_held:{category}"] = FieldSource(
                source="assumed", evidence=f"{industry} businesses hold {category} data"
            )
    _flags(text, industry, fields, prov)
    deadline = find_deadline(text, today)
    if deadline:
        stated("deadline", deadline[1], deadline[1])
        stated("deadline_month", deadline[0], deadline[1])
    wage = find_hourly_wage(text)
    if wage:
        currency = wage[1] or default_currency([loc.country for loc in fields.get("locations") or []])
        stated("hourly_wage", Money(amount=wage[0], currency=currency), wage[2])
    busy = find_busy_months(text, today)
    if busy:
        stated("busy_months", busy, "the months the owner named as busy or prepares for")
    horizon = find_horizon(text)
    if horizon:
        stated("time_horizon_months", horizon[0], horizon[1])
    stated("pain_points", [s for s in sentences(text) if _PAIN.search(s)][:8], "sentences describing problems")
    asks = read_asks(raw, answering)
    stated("constraints", asks.constraints, "what the owner wants to protect")
    stated("wishes", asks.wishes, "what the owner asked for, main ask first")
    stated("risky_wishes", asks.risky_wishes, "asks the plan will not carry out as asked")
    requested = list(dict.fromkeys(w.use_case for w in asks.wishes if w.use_case))
    stated("requested_use_cases", requested, "use cases the owner asked for")
    stated("excluded_use_cases", asks.excluded, "use cases the owner ruled out")
    return fields, prov, regions


def _ids(lexicon: str, text: str) -> list[str]:
    return list(dict.fromkeys(m.id for m in matcher(lexicon).find(text)))


def _place_words(places: list[Any]) -> str:
    return ", ".join(filter(None, (loc.city or loc.region or loc.country for loc in places)))


def _currency_for(locations: list[Any]) -> str:
    return default_currency([loc.country for loc in locations])


def _money(text: str, currency: str) -> tuple[tuple[Budget, str] | None, tuple[Money, str] | None]:
    budget = revenue = None
    uncued = []
    for amount in find_amounts(text):
        if is_hourly(text, amount.end):
            continue  # "we pay $24 an hour" is a wage, neither a budget nor revenue
        kind = nearest_cue(text, amount)
        if kind == "revenue" and revenue is None and amount.high >= 10_000:
            revenue = (Money(amount=amount.high, currency=amount.currency or currency), amount.text)
        elif kind == "budget" and budget is None:
            budget = (_budget(amount, currency), amount.text)
        elif kind is None and amount.currency:
            uncued.append(amount)
    # An owner describing a plan who writes one sum of money and says nothing else about it ("...faster.
    # $5,000.") is naming what they can spend; two or more such sums are ambiguous and left alone.
    if budget is None and len(uncued) == 1 and uncued[0].high < 1_000_000:
        budget = (_budget(uncued[0], currency), uncued[0].text)
    return budget, revenue


def nearest_cue(text: str, amount: Amount) -> str | None:
    """'budget' or 'revenue', whichever cue word stands closest to the amount (60 chars before, 30 after)."""
    best: tuple[int, str] | None = None
    for kind, cue in (("budget", _BUDGET_CUES), ("revenue", _REVENUE_CUES)):
        for m in cue.finditer(text, max(0, amount.start - 60), amount.start):
            distance = amount.start - m.end()
            best = min(best, (distance, kind)) if best else (distance, kind)
        for m in cue.finditer(text, amount.end, amount.end + 30):
            distance = m.start() - amount.end + 5  # a cue after the figure binds a little less
            best = min(best, (distance, kind)) if best else (distance, kind)
    return best[1] if best else None


def _budget(amount: Amount, currency: str) -> Budget:
    low = amount.low if amount.low != amount.high else None
    return Budget(amount=amount.high, minimum=low, currency=amount.currency or currency)


def _flags(text: str, industry: str | None, fields: dict[str, Any], prov: dict[str, FieldSource]) -> None:
    online = _ONLINE.search(text)
    if online or industry == "ecommerce":
        fields["sells_online"] = True
        prov["sells_online"] = FieldSource(source="stated", evidence=online.group(0) if online else "web shop")
    b2b = _B2B.search(text)
    if b2b:
        fields["serves_consumers"] = False
        prov["serves_consumers"] = FieldSource(source="stated", evidence=b2b.group(0))
    elif industry in _B2C:
        fields["serves_consumers"] = True
        prov["serves_consumers"] = FieldSource(source="assumed", evidence=f"{industry} serves individuals")
