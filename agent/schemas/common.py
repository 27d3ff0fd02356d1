"""Shared building blocks of the contract: citations, money and the stage ids."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

StageId = Literal[
    "assess",
    "strategy",
    "governance",
    "data",
    "pilot",
    "validation",
    "deployment",
    "rollout",
    "monitoring",
]

#: The nine roadmap stages in their fixed order.
STAGE_ORDER: tuple[StageId, ...] = get_args(StageId)

Severity = Literal["error", "warning", "info"]


class Contract(BaseModel):
    """Base for every contract model: unknown fields are rejected so typos surface as errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Citation(Contract):
    """A pointer into the knowledge base that backs a statement."""

    doc_id: str = Field(description="Id of the knowledge document, e.g. 'gdpr-breach-and-security'.")
    title: str = Field(description="Title of the knowledge document.")
    section: str = Field(default="", description="Heading of the section within the document.")
    article: str | None = Field(
        default=None, description="Legal provision the section rests on, e.g. 'GDPR Art. 33', if any."
    )
    url: str | None = Field(default=None, description="Public source URL for the document, if known.")


class Money(Contract):
    """An amount of money in one currency."""

    amount: float = Field(ge=0, description="Amount in the currency's main unit (e.g. 15000 for EUR 15k).")
    currency: str = Field(description="ISO 4217 currency code in upper case, e.g. 'EUR', 'USD', 'GBP'.")

    @field_validator("currency")
    @classmethod
    def _upper_iso(cls, value: str) -> str:
        code = value.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise ValueError("currency must be a three-letter ISO 4217 code such as 'EUR', 'USD' or 'GBP'")
        return code
