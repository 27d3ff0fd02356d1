"""Compliance triggers: what the business and its use cases set off must show up as tasks in the plan.

Most rules here have one shape: where a law applies and a trigger holds, some task must mention the duty.
They are rows of a table, registered by one mechanism; the few rules of another shape follow below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from agent.checks.registry import rule
from agent.planning.triggers import HIGH_RISK, profile_triggers
from agent.schemas import Roadmap, Severity

Problems = Iterator[tuple[str, str, str]]


def triggers(r: Roadmap) -> set[str]:
    """Triggers set off by the business and by every use case it plans (pilot, scale and later)."""
    return profile_triggers(r.profile) | {t for u in r.use_cases for t in u.compliance_triggers}


def has_action(r: Roadmap, jurisdictions: set[str] | None, pattern: str) -> bool:
    """Whether a compliance task (for these jurisdictions, or any when None) mentions pattern in its text or ref."""
    regex = re.compile(pattern, re.IGNORECASE)
    return any(
        (jurisdictions is None or a.jurisdiction in jurisdictions) and (regex.search(a.action) or regex.search(a.ref))
        for a in r.compliance
    )


@dataclass(frozen=True)
class DutyRule:
    """Where one of `laws` applies and all of `needs` hold (any of `needs_any`), a task must match `duty`."""

    id: str
    severity: Severity
    title: str
    reference: str
    laws: frozenset[str]
    duty: str
    message: str
    fix: str
    needs: frozenset[str] = frozenset()
    needs_any: frozenset[str] = frozenset()
    any_law_task: bool = False  # the duty may sit under any law's task (e.g. a vendor DPA from the vendor guide)

    def check(self, r: Roadmap) -> Problems:
        """Yield the finding when the duty is missing."""
        laws = self.laws & set(r.profile.jurisdictions)
        held = triggers(r)
        if not laws or not self.needs <= held or (self.needs_any and not self.needs_any & held):
            return
        if not has_action(r, None if self.any_law_task else set(laws), self.duty):
            yield "compliance", self.message, self.fix


GDPR_LIKE = frozenset({"gdpr", "uk-gdpr"})
DUTIES = (
    DutyRule(
        "CMP-001",
        "error",
        "Special-category data gets a DPIA",
        "GDPR Art. 35 / UK GDPR Art. 35",
        GDPR_LIKE,
        r"Art\. ?35|DPIA|impact assessment",
        "You handle health, biometric or other special-category data but the plan has no data protection "
        "impact assessment.",
        "Add a DPIA before the pilot (GDPR Art. 35).",
        needs=frozenset({"special-category-data"}),
    ),
    DutyRule(
        "CMP-002",
        "error",
        "Automated decisions get Art. 22 safeguards",
        "GDPR Art. 22",
        GDPR_LIKE,
        r"Art\. ?22|human review|automated",
        "A use case makes automated decisions about people but the plan has no safeguards.",
        "Add human review, the right to contest, and information to people (GDPR Art. 22).",
        needs=frozenset({"automated-decision"}),
    ),
    DutyRule(
        "CMP-003",
        "error",
        "High-risk AI uses get deployer obligations",
        "EU AI Act Art. 26, Annex III",
        frozenset({"eu-ai-act"}),
        r"Art\. ?26|high-risk|Annex III",
        "A use case falls in an EU AI Act high-risk area (Annex III) but the plan lacks the deployer duties.",
        "Add human oversight, logs kept 6 months, worker information (EU AI Act Art. 26).",
        needs_any=HIGH_RISK,
    ),
    DutyRule(
        "CMP-004",
        "error",
        "Chatbots say they are AI",
        "EU AI Act Art. 50(1)",
        frozenset({"eu-ai-act"}),
        r"Art\. ?50|disclos|tell .* (AI|bot)",
        "A chatbot or voice assistant talks to people but the plan does not disclose it is AI.",
        "Tell people at the start that they are talking to an AI (EU AI Act Art. 50(1)).",
        needs=frozenset({"chatbot"}),
    ),
    DutyRule(
        "CMP-006",
        "error",
        "Health data with a vendor needs a BAA",
        "45 CFR 164.502(e), 164.504(e)",
        frozenset({"hipaa"}),
        r"business associate|BAA",
        "Patient data will reach an AI vendor but no business associate agreement is planned.",
        "Sign a BAA with every vendor that handles PHI before the pilot (HIPAA).",
        needs=frozenset({"health-data"}),
    ),
    DutyRule(
        "CMP-008",
        "error",
        "AI vendors sign a data processing agreement",
        "GDPR Art. 28",
        GDPR_LIKE,
        r"Art\. ?28|processing agreement|DPA",
        "Customer data will go to an AI vendor without a data processing agreement.",
        "Sign the vendor's DPA and switch off training on your data (GDPR Art. 28).",
        needs=frozenset({"llm-vendor"}),
        any_law_task=True,
    ),
    DutyRule(
        "CMP-011",
        "error",
        "Automated hiring tools in NYC get a bias audit",
        "NYC Local Law 144",
        frozenset({"nyc-ll144"}),
        r"bias audit",
        "An automated hiring tool is used for NYC jobs without a bias audit.",
        "Commission an independent bias audit and notify candidates 10 business days ahead (LL 144).",
        needs=frozenset({"candidate-data", "automated-decision"}),
    ),
    DutyRule(
        "CMP-012",
        "error",
        "Biometric data needs consent first",
        "740 ILCS 14; Tex. Bus. & Com. Code § 503.001",
        frozenset({"bipa", "cubi"}),
        r"consent|release|notice",
        "Biometric identifiers would be collected without a consent step.",
        "Get informed written consent and publish a retention schedule before collecting.",
        needs=frozenset({"biometric-data"}),
    ),
    DutyRule(
        "CMP-013",
        "warning",
        "Marketing e-mails have consent",
        "ePrivacy Art. 13; PECR reg. 22",
        frozenset({"eprivacy", "pecr"}),
        r"consent|opt-in|opt-out|soft",
        "The plan markets by e-mail without a consent task.",
        "Check consent or the soft opt-in for every address before personalised campaigns.",
        needs=frozenset({"direct-marketing"}),
    ),
)
for _duty in DUTIES:
    rule(_duty.id, _duty.severity, _duty.title, _duty.reference)(_duty.check)


@rule("CMP-005", "warning", "CCPA duties are planned where it applies", "Cal. Civ. Code § 1798.100 et seq.")
def ccpa(r: Roadmap) -> Problems:
    if "ccpa" in r.profile.jurisdictions and not any(a.jurisdiction == "ccpa" for a in r.compliance):
        yield (
            "compliance",
            "The CCPA may apply but the plan has no CCPA task.",
            "Add notice at collection, rights handling within 45 days, and opt-out links where data is sold/shared.",
        )


@rule("CMP-007", "warning", "Every applicable law has at least one task", "Compliance by jurisdiction")
def every_jurisdiction(r: Roadmap) -> Problems:
    covered = {a.jurisdiction for a in r.compliance}
    names = {v.id: v.name for v in r.profile.laws_considered}
    for j in r.profile.jurisdictions:
        if j not in covered:
            name = names.get(j, j)
            yield "compliance", f"{name} applies but no task in the plan addresses it.", f"Add the {name} duties."


@rule("CMP-009", "error", "Staff get AI literacy", "EU AI Act Art. 4")
def ai_literacy(r: Roadmap) -> Problems:
    if "eu-ai-act" in r.profile.jurisdictions and not any("literacy" in i.topic.lower() for i in r.training.items):
        yield (
            "training.items",
            "Nobody is trained in AI literacy.",
            "Train everyone who uses AI tools (EU AI Act Art. 4, in force since 2 February 2025).",
        )


@rule("CMP-010", "warning", "Compliance tasks cite their source", "Citations")
def cited(r: Roadmap) -> Problems:
    for i, a in enumerate(r.compliance):
        if a.citation is None or not a.ref:
            yield f"compliance[{i}]", f"The task '{a.action[:60]}' cites no source.", "Cite the article or section."


@rule("CMP-014", "warning", "Applicable laws were identified", "Compliance by jurisdiction")
def jurisdictions_known(r: Roadmap) -> Problems:
    considered = any(v.in_reach and not v.voluntary for v in r.profile.laws_considered)  # judged: none applies
    if not r.profile.jurisdictions and r.profile.locations and not considered:
        yield (
            "profile.jurisdictions",
            "No data protection law was identified for the business's locations.",
            "Check which privacy laws apply where you operate.",
        )
