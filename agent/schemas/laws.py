"""A law's applicability to one business: a verdict with its reasons, computed from conditions kept as data."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from agent.schemas.common import Contract

Verdict = Literal["applies", "does_not_apply", "unknown"]


class LawVerdict(Contract):
    """Whether one law in the knowledge base applies to the business, and why."""

    id: str = Field(description="Knowledge id of the law, e.g. 'gdpr', 'ccpa', 'hipaa'.")
    name: str = Field(description="The law's name as people say it, e.g. 'UK GDPR', 'EU AI Act'.")
    verdict: Verdict = Field(
        description="'applies', 'does_not_apply', or 'unknown' when a fact that decides it is not known yet."
    )
    reasons: list[str] = Field(
        default_factory=list, description="Plain-words reasons for the verdict, e.g. 'based in the EU'."
    )
    deciding_fact: str | None = Field(
        default=None, description="For 'unknown': the fact that would decide it, e.g. 'annual_revenue_usd'."
    )
    in_reach: bool = Field(
        default=True, description="Whether the business is within the law's territorial reach (place or market)."
    )
    by_market: bool = Field(
        default=False,
        description="True when the law reaches the business only because it sells to or targets people there.",
    )
    voluntary: bool = Field(default=False, description="True for voluntary frameworks (NIST AI RMF, ISO/IEC 42001).")
