"""Compliance triggers: what the business and its use cases set off must show up as tasks in the plan."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agent.checks.registry import rule
from agent.planning.triggers import profile_triggers
from agent.schemas import Roadmap

Problems = Iterator[tuple[str, str, str]]
_HIGH_RISK = {
    "annex-iii-employment",
    "annex-iii-credit",
    "annex-iii-education",
    "annex-iii-essential-services",
}


def triggers(r: Roadmap) -> set[str]:
    """Triggers set off by the business and by the use cases it will run (pilot and scale)."""
    active = [u for u in r.use_cases if u.phase != "later"]
    return profile_triggers(r.profile) | {t for u in active for t in u.compliance_triggers}


def has_action(r: Roadmap, jurisdictions: set[str], pattern: str) -> bool:
    """Whether some compliance action for these jurisdictions mentions pattern (regex) in its text or ref."""
    regex = re.compile(pattern, re.IGNORECASE)
    return any(
        a.jurisdiction in jurisdictions and (regex.search(a.action) or regex.search(a.ref)) for a in r.compliance
    )


def _applies(r: Roadmap, *ids: str) -> set[str]:
    return set(ids) & set(r.profile.jurisdictions)


@rule("CMP-001", "error", "Special-category data gets a DPIA", "GDPR Art. 35 / UK GDPR Art. 35")
def dpia(r: Roadmap) -> Problems:
    law = _applies(r, "gdpr", "uk-gdpr")
    if law and "special-category-data" in triggers(r) and not has_action(r, law, r"Art\. ?35|DPIA|impact assessment"):
        yield (
            "compliance",
            "You handle health, biometric or other special-category data but the plan has no "
            "data protection impact assessment.",
            "Add a DPIA before the pilot (GDPR Art. 35).",
        )


@rule("CMP-002", "error", "Automated decisions get Art. 22 safeguards", "GDPR Art. 22")
def automated_decisions(r: Roadmap) -> Problems:
    law = _applies(r, "gdpr", "uk-gdpr")
    if law and "automated-decision" in triggers(r) and not has_action(r, law, r"Art\. ?22|human review|automated"):
        yield (
            "compliance",
            "A use case makes automated decisions about people but the plan has no safeguards.",
            "Add human review, the right to contest, and information to people (GDPR Art. 22).",
        )


@rule("CMP-003", "error", "High-risk AI uses get deployer obligations", "EU AI Act Art. 26, Annex III")
def high_risk(r: Roadmap) -> Problems:
    if (
        "eu-ai-act" in r.profile.jurisdictions
        and triggers(r) & _HIGH_RISK
        and not has_action(r, {"eu-ai-act"}, r"Art\. ?26|high-risk|Annex III")
    ):
        yield (
            "compliance",
            "A use case falls in an EU AI Act high-risk area (Annex III) but the plan lacks the deployer duties.",
            "Add human oversight, logs kept 6 months, worker information (EU AI Act Art. 26).",
        )


@rule("CMP-004", "error", "Chatbots say they are AI", "EU AI Act Art. 50(1)")
def chatbot_disclosure(r: Roadmap) -> Problems:
    if (
        "eu-ai-act" in r.profile.jurisdictions
        and "chatbot" in triggers(r)
        and not has_action(r, {"eu-ai-act"}, r"Art\. ?50|disclos|tell .* (AI|bot)")
    ):
        yield (
            "compliance",
            "A chatbot or voice assistant talks to people but the plan does not disclose it is AI.",
            "Tell people at the start that they are talking to an AI (EU AI Act Art. 50(1)).",
        )


@rule("CMP-005", "warning", "CCPA duties are planned where it applies", "Cal. Civ. Code § 1798.100 et seq.")
def ccpa(r: Roadmap) -> Problems:
    if "ccpa" in r.profile.jurisdictions and not any(a.jurisdiction == "ccpa" for a in r.compliance):
        yield (
            "compliance",
            "The CCPA may apply but the plan has no CCPA task.",
            "Add notice at collection, rights handling within 45 days, and opt-out links where data is sold/shared.",
        )


@rule("CMP-006", "error", "Health data with a vendor needs a BAA", "45 CFR 164.502(e), 164.504(e)")
def hipaa_baa(r: Roadmap) -> Problems:
    if (
        "hipaa" in r.profile.jurisdictions
        and "health-data" in triggers(r)
        and not has_action(r, {"hipaa"}, r"business associate|BAA")
    ):
        yield (
            "compliance",
            "Patient data will reach an AI vendor but no business associate agreement is planned.",
            "Sign a BAA with every vendor that handles PHI before the pilot (HIPAA).",
        )


@rule("CMP-007", "warning", "Every applicable law has at least one task", "Compliance by jurisdiction")
def every_jurisdiction(r: Roadmap) -> Problems:
    covered = {a.jurisdiction for a in r.compliance}
    for j in r.profile.jurisdictions:
        if j not in covered:
            yield "compliance", f"{j} applies but no task in the plan addresses it.", f"Add the {j} duties."


@rule("CMP-008", "error", "AI vendors sign a data processing agreement", "GDPR Art. 28")
def vendor_dpa(r: Roadmap) -> Problems:
    law = _applies(r, "gdpr", "uk-gdpr")
    if (
        law
        and "llm-vendor" in triggers(r)
        and not any(re.search(r"Art\. ?28|processing agreement|DPA", f"{a.action} {a.ref}") for a in r.compliance)
    ):
        yield (
            "compliance",
            "Customer data will go to an AI vendor without a data processing agreement.",
            "Sign the vendor's DPA and switch off training on your data (GDPR Art. 28).",
        )


@rule("CMP-009", "error", "Staff get AI literacy", "EU AI Act Art. 4")
def ai_literacy(r: Roadmap) -> Problems:
    if "eu-ai-act" in r.profile.jurisdictions and not any(
        "literacy" in item.topic.lower() for item in r.training.items
    ):
        yield (
            "training.items",
            "Nobody is trained in AI literacy.",
            "Train everyone who uses AI tools (EU AI Act Art. 4, in force since 2 February 2025).",
        )


@rule("CMP-010", "warning", "Compliance tasks cite their source", "Citations")
def cited(r: Roadmap) -> Problems:
    for i, a in enumerate(r.compliance):
        if a.citation is None or not a.ref:
            yield (
                f"compliance[{i}]",
                f"The task '{a.action[:60]}' cites no source.",
                "Cite the article or section it rests on.",
            )


@rule("CMP-011", "error", "Automated hiring tools in NYC get a bias audit", "NYC Local Law 144")
def nyc_bias_audit(r: Roadmap) -> Problems:
    if (
        "nyc-ll144" in r.profile.jurisdictions
        and "candidate-data" in triggers(r)
        and "automated-decision" in triggers(r)
        and not has_action(r, {"nyc-ll144"}, r"bias audit")
    ):
        yield (
            "compliance",
            "An automated hiring tool is used for NYC jobs without a bias audit.",
            "Commission an independent bias audit and notify candidates 10 business days ahead (LL 144).",
        )


@rule("CMP-012", "error", "Biometric data needs consent first", "740 ILCS 14; Tex. Bus. & Com. Code § 503.001")
def biometric_consent(r: Roadmap) -> Problems:
    law = _applies(r, "bipa", "cubi")
    if law and "biometric-data" in triggers(r) and not has_action(r, law, r"consent|release|notice"):
        yield (
            "compliance",
            "Biometric identifiers would be collected without a consent step.",
            "Get informed written consent and publish a retention schedule before collecting.",
        )


@rule("CMP-013", "warning", "Marketing e-mails have consent", "ePrivacy Art. 13; PECR reg. 22")
def marketing_consent(r: Roadmap) -> Problems:
    law = _applies(r, "eprivacy", "pecr")
    if law and "direct-marketing" in triggers(r) and not has_action(r, law, r"consent|opt-in|opt-out|soft"):
        yield (
            "compliance",
            "The plan markets by e-mail without a consent task.",
            "Check consent or the soft opt-in for every address before personalised campaigns.",
        )


@rule("CMP-014", "warning", "Applicable laws were identified", "Compliance by jurisdiction")
def jurisdictions_known(r: Roadmap) -> Problems:
    if not r.profile.jurisdictions and r.profile.locations:
        yield (
            "profile.jurisdictions",
            "No data protection law was identified for the business's locations.",
            "Check which privacy laws apply where you operate.",
        )
