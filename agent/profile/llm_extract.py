"""The model-backed profile reader: structured output into a small facts schema, merged with the rules.

The rules win on hard facts they parsed (amounts, places, headcount): a model may misread "15.000 EUR" or
invent a city, a regular expression does not. The model fills what the rules missed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agent.config import Settings
from agent.llm import Usage
from agent.profile.extract import with_jurisdictions
from agent.profile.lexicon import load_yaml
from agent.profile.places import find_locations
from agent.prompts import render
from agent.schemas import Budget, BusinessProfile, FieldSource, Location

_VOCAB_FIELDS = {"goals": "goals", "systems": "systems", "data_held": "data"}


class ProfileFacts(BaseModel):
    """What the model may report about a business (all optional)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, description="Business name if stated.")
    industry: str | None = Field(default=None, description="Industry id from the list.")
    headcount: int | None = Field(default=None, description="Number of staff if stated.")
    countries: list[str] = Field(default_factory=list, description="ISO alpha-2 codes of countries it operates in.")
    us_states: list[str] = Field(default_factory=list, description="Two-letter US state codes, if any.")
    goals: list[str] = Field(default_factory=list, description="Goal ids from the list.")
    systems: list[str] = Field(default_factory=list, description="System ids from the list.")
    data_held: list[str] = Field(
        default_factory=list,
        description="health, biometric, children, financial, "
        "employee, candidate, contact, purchase-history, location, video",
    )
    pain_points: list[str] = Field(default_factory=list, description="Problems in the owner's words.")
    constraints: list[str] = Field(default_factory=list, description="Limits the owner set.")
    budget_amount: float | None = Field(default=None, description="Budget ceiling if stated.")
    budget_currency: str | None = Field(default=None, description="ISO currency of the budget.")


# The facts object is a few hundred tokens; a small model that starts repeating itself is stopped here instead of
# at the draft's limit (4,000 tokens: minutes on a local CPU model).
FACTS_MAX_TOKENS = 1024


def llm_extract(
    model: Any, rules: BusinessProfile, usage: Usage, settings: Settings, text: str | None = None
) -> BusinessProfile:
    """The rules' profile, completed with what the model read from text (default: the description); one call."""
    industries = list(load_yaml("industries"))
    prompt = render(
        "extract_profile",
        description=text or rules.description or "",
        industries=industries,
        goals=list(load_yaml("goals")),
        systems=list(load_yaml("systems")),
    )
    structured = _bounded(model, settings).with_structured_output(
        ProfileFacts, method=settings.llm_structured_method, include_raw=True
    )
    reply = structured.invoke([("human", prompt)])
    usage.add(reply["raw"])
    facts: ProfileFacts | None = reply.get("parsed")
    return merge_facts(rules, facts) if facts else rules


def _bounded(model: Any, settings: Settings) -> Any:
    """The model with its reply capped at FACTS_MAX_TOKENS (when it has that setting)."""
    if "max_tokens" not in getattr(type(model), "model_fields", {}):
        return model
    return model.model_copy(update={"max_tokens": min(settings.llm_max_tokens, FACTS_MAX_TOKENS)})


def merge_facts(rules: BusinessProfile, facts: ProfileFacts) -> BusinessProfile:
    """Fill the rules' gaps with the model's facts, keeping only vocabulary values."""
    data = rules.model_dump()
    prov = dict(rules.provenance)
    said = FieldSource(source="assumed", evidence="read by the language model")

    def fill(name: str, value: Any) -> None:
        if value not in (None, [], "") and data.get(name) in (None, [], ""):
            data[name] = value
            prov[name] = said

    fill("name", facts.name)
    if facts.industry in load_yaml("industries"):
        fill("industry", facts.industry)
    if facts.headcount and 0 < facts.headcount < 100000:
        fill("headcount", facts.headcount)
    if not rules.locations:
        codes = [c.upper() for c in facts.countries if len(c) == 2]
        states = [s.upper() for s in facts.us_states if len(s) == 2]
        locations = [Location(country="US", region=s) for s in states] + [
            Location(country=c) for c in codes if c != "US" or not states
        ]
        fill("locations", [loc.model_dump() for loc in locations])
    for name, lexicon in _VOCAB_FIELDS.items():
        known = set(load_yaml(lexicon))
        extra = [v for v in getattr(facts, name) if v in known and v not in data[name]]
        if extra:
            data[name] = [*data[name], *extra]
            prov[f"{name}:llm"] = said
    for name in ("pain_points", "constraints"):
        fill(name, facts.__dict__[name][:8])
    if rules.budget is None and facts.budget_amount and facts.budget_currency and len(facts.budget_currency) == 3:
        data["budget"] = Budget(amount=facts.budget_amount, currency=facts.budget_currency).model_dump()
        prov["budget"] = said
    data["provenance"] = {k: v.model_dump() if hasattr(v, "model_dump") else v for k, v in prov.items()}
    merged = BusinessProfile.model_validate(data)
    _, regions = find_locations(rules.description or "")
    return with_jurisdictions(merged, regions)
