"""What we know about the business: every field optional, every known field with its provenance."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from agent.schemas.common import Contract, Money
from agent.schemas.laws import LawVerdict

Source = Literal["stated", "answer", "assumed", "default"]

DataCategory = Literal[
    "contact",
    "purchase-history",
    "health",
    "biometric",
    "children",
    "financial",
    "employee",
    "candidate",
    "location",
    "special-category",
    "video",
]


class FieldSource(Contract):
    """Where a profile value came from, so the plan can tell facts from assumptions."""

    source: Source = Field(
        description="'stated' = the owner's own words, 'answer' = a reply to an interview question, "
        "'assumed' = inferred by the agent, 'default' = a neutral default."
    )
    evidence: str | None = Field(default=None, description="The words the value was read from, or why it was assumed.")


class Location(Contract):
    """A place the business operates in or sells to."""

    country: str = Field(description="ISO 3166-1 alpha-2 country code in upper case, e.g. 'DE', 'US', 'GB'.")
    region: str | None = Field(
        default=None, description="State or province code where relevant, e.g. 'CA' for California."
    )
    city: str | None = Field(default=None, description="City name if the owner gave one.")

    @field_validator("country")
    @classmethod
    def _alpha2(cls, value: str) -> str:
        code = value.strip().upper()
        if len(code) != 2 or not code.isalpha():
            raise ValueError("country must be an ISO 3166-1 alpha-2 code such as 'DE', 'US' or 'GB'")
        return code


class Budget(Contract):
    """The owner's budget for the AI programme; a range when they gave one."""

    amount: float = Field(ge=0, description="The ceiling the plan must stay within (upper end of a range).")
    minimum: float | None = Field(default=None, ge=0, description="Lower end when a range was given.")
    currency: str = Field(description="ISO 4217 currency code, e.g. 'EUR'.")

    def as_money(self) -> Money:
        """The ceiling as plain money."""
        return Money(amount=self.amount, currency=self.currency)


class Wish(Contract):
    """Something the owner asked AI to do, in their words, matched to the catalogue or kept as a custom wish."""

    phrase: str = Field(description="The owner's own words for the wish (one clause of the description).")
    use_case: str | None = Field(
        default=None, description="Catalogue use-case id it matched, or null for a custom wish."
    )
    title: str | None = Field(default=None, description="A short title for a custom wish the catalogue lacks.")
    matched_by: Literal["keyword", "semantic", "custom"] = Field(
        default="keyword", description="How it was matched: a catalogue phrase, embedding similarity, or neither."
    )
    score: float = Field(default=1.0, ge=0, le=1, description="Match confidence (cosine similarity for semantic).")
    in_use: bool = Field(
        default=False,
        description="The business already runs this AI today: planned to be governed and improved, not started.",
    )


class RiskyWish(Contract):
    """A wish the plan must not carry out as asked: the owner's words, why, the law, and a safer route."""

    phrase: str = Field(description="What the owner asked for, in their words.")
    flag: str = Field(description="Red-flag id from knowledge/lexicon/red_flags.yaml.")
    why: str = Field(description="Why it is not recommended, in plain words.")
    ref: str = Field(description="The law and article it runs into, e.g. 'EU AI Act Art. 5(1)(f)'.")
    alternative: str = Field(default="", description="The safer way to reach the same aim.")


class BusinessProfile(Contract):
    """Everything the agent knows about one business. Unknown fields stay empty (None or [])."""

    name: str | None = Field(default=None, description="Business name, if given.")
    industry: str | None = Field(
        default=None,
        description="Industry id from the knowledge vocabulary, e.g. 'bakery', 'dental', 'ecommerce'.",
    )
    industry_label: str | None = Field(
        default=None, description="The owner's own description of the trade, e.g. 'artisan bakery'."
    )
    headcount: int | None = Field(default=None, ge=1, le=100000, description="Number of staff.")
    annual_revenue: Money | None = Field(default=None, description="Annual revenue, if given.")
    locations: list[Location] = Field(default_factory=list, description="Where the business operates.")
    markets: list[Location] = Field(
        default_factory=list,
        description="Where its customers are, when the owner names places it sells or ships to apart from where "
        "it is based ('customers in Germany and France', 'we ship to the US'). Laws that protect customers "
        "reach a business through its markets as well as its locations.",
    )
    sells_online: bool | None = Field(default=None, description="Whether it sells or books online.")
    serves_consumers: bool | None = Field(
        default=None, description="Whether its customers are individuals (B2C) rather than businesses."
    )
    customer_count: int | None = Field(
        default=None, ge=0, description="Approximate number of customers or records held per year."
    )
    jurisdictions: list[str] = Field(
        default_factory=list,
        description="Legal frameworks that apply, as knowledge ids: 'gdpr', 'eu-ai-act', 'uk-gdpr', 'ccpa' ...",
    )
    laws_considered: list[LawVerdict] = Field(
        default_factory=list,
        description="Every law the knowledge base holds, with its verdict for this business and the reasons.",
    )
    data_practices: list[str] = Field(
        default_factory=list,
        description="What the business does with data, as ids: 'sells-data', 'ad-tracking', 'records-calls' ...",
    )
    data_held: list[DataCategory] = Field(
        default_factory=list, description="Kinds of data the business holds about people."
    )
    systems: list[str] = Field(
        default_factory=list, description="Systems in use, as vocabulary ids: 'pos', 'crm', 'ehr' ..."
    )
    goals: list[str] = Field(default_factory=list, description="Goal ids, e.g. 'reduce-waste', 'save-admin-time'.")
    pain_points: list[str] = Field(
        default_factory=list, description="Problems in the owner's words, one short phrase each."
    )
    requested_use_cases: list[str] = Field(
        default_factory=list, description="Use-case ids the owner asked for explicitly."
    )
    excluded_use_cases: list[str] = Field(default_factory=list, description="Use-case ids the owner ruled out.")
    pilot_use_case: str | None = Field(
        default=None, description="Use-case id the owner chose to pilot first, if they chose one."
    )
    wishes: list[Wish] = Field(
        default_factory=list, description="What the owner asked AI to do, in their words, main ask first."
    )
    risky_wishes: list[RiskyWish] = Field(
        default_factory=list, description="Asks the plan will not carry out, with why, the law and a safer route."
    )
    budget: Budget | None = Field(default=None, description="Budget for the AI programme.")
    hourly_wage: Money | None = Field(
        default=None, description="What an hour of staff time costs, when the owner gave it; payback uses it."
    )
    time_horizon_months: int | None = Field(
        default=None, ge=1, le=60, description="How far ahead the owner plans, in months."
    )
    deadline: str | None = Field(default=None, description="A deadline in the owner's words.")
    deadline_month: int | None = Field(
        default=None, ge=1, le=60, description="The deadline as months from the start of the plan."
    )
    busy_months: list[int] = Field(
        default_factory=list,
        description="Calendar months (1-12) in which the business is busiest; no go-live is planned in them.",
    )
    team_skills: list[str] = Field(
        default_factory=list,
        description="Skill levels present: 'none', 'spreadsheets', 'no-code', 'scripting', 'data-science'.",
    )
    constraints: list[str] = Field(
        default_factory=list,
        description="What the owner wants to protect, in their words, e.g. 'staff must not feel watched'; "
        "never a request or a risky wish.",
    )
    description: str | None = Field(
        default=None, description="The owner's own description of the business, kept verbatim for reference."
    )
    provenance: dict[str, FieldSource] = Field(
        default_factory=dict, description="For each known field name, where its value came from."
    )

    def known(self, field: str) -> bool:
        """Whether a field holds a value (not None and not empty)."""
        value = getattr(self, field)
        return value not in (None, [], "")

    def countries(self) -> set[str]:
        """Country codes of all locations."""
        return {loc.country for loc in self.locations}
