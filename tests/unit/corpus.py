"""Small knowledge corpora written into tmp_path by the tests (never the real knowledge/ folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def write_doc(
    root: Path,
    doc_id: str,
    body: str,
    *,
    kind: str = "compliance",
    folder: str | None = None,
    **meta: Any,
) -> Path:
    """Write one knowledge file (front matter + body) below root and return its path."""
    front = {"id": doc_id, "kind": kind, **meta}
    path = root / (folder or kind) / f"{doc_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n{body.lstrip()}", encoding="utf-8")
    return path


GDPR_BREACH = """
# GDPR: personal data breaches

A personal data breach is a security incident that leads to personal data being lost, stolen or exposed.

## Breach reporting (GDPR Art. 33)
Under GDPR Art. 33 a controller notifies the supervisory authority within 72 hours of becoming aware of a
personal data breach. A late notification must give the reasons for the delay. Keep an internal log of every
breach, e.g. Slack alerts or a spreadsheet, even when you do not notify.

## Telling the people affected (GDPR Art. 34)
When a breach is likely to result in a high risk to people, tell the data subjects without undue delay.
"""

CCPA_RIGHTS = """
# CCPA: consumer rights

## Right to know (Cal. Civ. Code § 1798.100)
California consumers may ask a business which personal information it collects about them and why.

## Right to delete (Cal. Civ. Code § 1798.105)
A business must delete a consumer's personal information on a verified request, subject to exceptions.
"""

NIST_RMF = """
# NIST AI Risk Management Framework

## Govern, map, measure, manage
The NIST AI RMF organises AI risk work into four functions: govern, map, measure and manage.
"""

PILOT_STAGE = """
# Stage: pilot

## Running the pilot
Run the pilot for three months with one team and compare the results against the baseline.
"""


def write_basic_corpus(root: Path) -> Path:
    """Four documents across jurisdictions (gdpr, ccpa, global, none), topics and kinds; returns root."""
    write_doc(
        root,
        "gdpr-breach",
        GDPR_BREACH,
        title="GDPR: personal data breaches",
        jurisdictions=["gdpr"],
        topics=["breach", "security"],
        sources=[{"url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj", "ref": "GDPR Art. 33-34"}],
    )
    write_doc(
        root,
        "ccpa-rights",
        CCPA_RIGHTS,
        title="CCPA: consumer rights",
        jurisdictions=["ccpa"],
        topics=["rights"],
    )
    write_doc(
        root,
        "nist-ai-rmf",
        NIST_RMF,
        title="NIST AI Risk Management Framework",
        jurisdictions=["global"],
        topics=["governance", "risk-management"],
    )
    write_doc(root, "stage-pilot", PILOT_STAGE, kind="stage", folder="stages", title="Stage: pilot")
    (root / "README.md").write_text("# The knowledge base\n\nNot a document.\n", encoding="utf-8")
    return root
