"""Results of rule checks and cited answers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from agent.schemas.common import Citation, Contract, Severity


class Finding(Contract):
    """One result of a rule check on a roadmap."""

    rule_id: str = Field(description="Stable rule id, e.g. 'BUD-001'.")
    severity: Severity = Field(description="'error' must be fixed; 'warning' should be; 'info' is advice.")
    path: str = Field(description="Where in the roadmap, e.g. 'budget.lines[2].amount' or 'stages[4]'.")
    message: str = Field(description="What is wrong, in words a business owner understands.")
    fix: str = Field(description="How to fix it.")
    reference: str = Field(default="", description="Guidance or law the rule rests on.")


class Answer(Contract):
    """A cited answer to a question, honest about what the knowledge base does not cover."""

    question: str = Field(description="The question as asked.")
    answer: str = Field(description="The answer text; every claim backed by a citation marker like [1].")
    citations: list[Citation] = Field(default_factory=list, description="Sources, numbered as in the text.")
    covered: bool = Field(description="False when the knowledge base does not cover the question.")
    confidence: float = Field(ge=0, le=1, description="How well the retrieved passages match the question.")
    not_covered: list[str] = Field(
        default_factory=list, description="Parts of the question the knowledge base does not address."
    )
    jurisdictions: list[str] = Field(default_factory=list, description="Jurisdiction filter that was applied.")
    disclaimer: str = Field(description="Short 'not legal advice' note.")
    mode: Literal["offline", "llm"] = Field(default="offline", description="Which engine answered.")
    usage: dict[str, Any] | None = Field(default=None, description="Model tokens and estimated cost, if any.")


class DraftResult(Contract):
    """A drafted roadmap with the findings of the rule checks on it."""

    roadmap: Roadmap = Field(description="The drafted roadmap.")
    findings: list[Finding] = Field(default_factory=list, description="Rule-check findings, errors first.")
    notices: list[str] = Field(default_factory=list, description="Notes on how the draft was made.")
    usage: dict[str, Any] | None = Field(default=None, description="Model tokens and estimated cost, if any.")


from agent.schemas.roadmap import Roadmap  # noqa: E402  (resolves the forward reference above)

DraftResult.model_rebuild()
