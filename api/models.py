"""Request and response bodies of the HTTP API (the agent's own contract lives in agent/schemas)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from agent.schemas import Answer, Finding, Roadmap

EXAMPLE_DESCRIPTION = (
    "We are a 12-person web shop in Manchester selling tea across the UK and EU. Turnover about GBP 1.8m. "
    "We get 40 customer emails a day and see some fraudulent orders. Budget GBP 27,000."
)


# The export formats (agent/export/formats.py), spelled out so that the OpenAPI schema lists them.
ExportName = Literal["md", "json", "docx", "pdf", "xlsx", "csv", "ics"]
START_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """text with lone UTF-16 surrogates (valid JSON escapes, but not encodable text) replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


# Every free-text field of a request: it can be stored, hashed and logged safely.
CleanText = Annotated[str, AfterValidator(clean_text)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DraftRequest(_Body):
    """A business description to draft a roadmap from."""

    description: CleanText = Field(
        min_length=1,
        max_length=20_000,
        examples=[EXAMPLE_DESCRIPTION],
        description="The owner's description of the business.",
    )
    format: ExportName = Field(
        default="json",
        description="'json' (the default) answers with the roadmap and findings; 'md' adds the Markdown rendering; "
        "docx, pdf, xlsx, csv and ics answer with that file instead.",
    )
    start: str | None = Field(
        default=None, pattern=START_PATTERN, description="Month 1 of the plan as YYYY-MM (default: next month)."
    )


class DraftResponse(BaseModel):
    """A drafted roadmap with its rule-check findings."""

    roadmap: Roadmap
    findings: list[Finding]
    markdown: str | None = None
    notices: list[str] = Field(default_factory=list, description="How the draft was made, e.g. model fallbacks.")
    usage: dict[str, Any] | None = Field(default=None, description="Model tokens and estimated cost, if any.")


class SessionCreated(BaseModel):
    """A new interview session."""

    id: str = Field(description="Session id; use it in /v1/sessions/{id}/...")
    message: dict[str, Any] = Field(description="The assistant's opening message.")


class MessageRequest(_Body):
    """One message from the owner."""

    content: CleanText = Field(min_length=1, max_length=100_000, examples=["We run a bakery in Berlin with 9 staff."])


class MessageReply(BaseModel):
    """The assistant's reply to one message."""

    session_id: str
    reply: dict[str, Any] = Field(
        description="role, content, kind (question/draft/revision/answer/info/roadmap/undo), at"
    )
    roadmap_version: int | None = Field(default=None, description="Latest roadmap version, if any.")


class SessionView(BaseModel):
    """Everything saved for a session."""

    id: str
    messages: list[dict[str, Any]]
    profile: dict[str, Any]
    versions: list[dict[str, Any]] = Field(description="Version number, created_at and change summary.")
    pending_question: str | None = None


class AskRequest(_Body):
    """A compliance question."""

    question: CleanText = Field(
        min_length=1,
        max_length=2_000,
        examples=["Do we need a DPIA for an AI tool that reads patient notes?"],
    )
    jurisdictions: list[CleanText] = Field(
        default_factory=list,
        max_length=20,
        examples=[["gdpr"]],
        description="Optional filter, e.g. ['gdpr'] or ['uk'].",
    )


class AskResponse(Answer):
    """A cited answer."""


class ErrorBody(BaseModel):
    """Every error response has this shape."""

    error: str = Field(description="Machine-readable error type.")
    message: str = Field(description="What went wrong and how to fix it.")
    details: list[dict[str, Any]] = Field(default_factory=list, description="Field-level problems, if any.")
