"""The offline planner on the real knowledge base: specific, within budget, on time, and honest."""

from __future__ import annotations

import pytest

from agent.checks import check_roadmap
from agent.config import Settings
from agent.export import mermaid_gantt, roadmap_markdown
from agent.planning.pipeline import draft_from_text
from agent.schemas import STAGE_ORDER, Roadmap
from tests.conftest import TODAY, example


def _draft(text: str, settings: Settings) -> Roadmap:
    return draft_from_text(text, settings, TODAY).roadmap


def test_bakery_draft_is_specific(bakery_roadmap: Roadmap) -> None:
    r = bakery_roadmap
    assert [s.id for s in r.stages] == list(STAGE_ORDER)
    assert r.profile.name == "Crumb & Co" and "Crumb & Co" in r.title
    assert r.budget.currency == "EUR" and r.budget.total <= 15000 and r.budget.ceiling == 15000
    assert sum(line.amount for line in r.budget.lines) == r.budget.total
    assert r.use_cases[0].phase == "pilot" and 3 <= r.use_cases[0].pilot_months <= 6
    assert r.use_cases[0].id in {
        "demand-forecasting",
        "inventory-optimisation",
        "customer-service-chatbot",
        "social-media-content",
    }
    text = " ".join(a for s in r.stages for a in s.activities)
    assert "Crumb & Co" in text and ("pos" in text.lower() or "till" in text.lower())
    assert {"gdpr", "eu-ai-act"} <= set(r.profile.jurisdictions)
    assert any("literacy" in t.topic.lower() for t in r.training.items)
    assert any("Staff must not feel watched" in c for c in r.training.change_management)
    assert r.citations and all(c.doc_id for c in r.citations)


def test_deadline_brings_the_pilot_forward(bakery_roadmap: Roadmap) -> None:
    # "before Christmas" on 23 November leaves a month: preparation is compressed into month 1
    assert bakery_roadmap.timeline.pilot_start_month == 2
    assert bakery_roadmap.stage("data").start_month == 1  # type: ignore[union-attr]


@pytest.mark.parametrize(("budget", "currency"), [("€3,000", "EUR"), ("£6k", "GBP"), ("$40,000", "USD")])
def test_budget_is_respected_in_the_owners_currency(budget: str, currency: str, project_settings: Settings) -> None:
    place = {"EUR": "Lyon, France", "GBP": "Leeds, England", "USD": "Austin, Texas"}[currency]
    text = (
        f"We are a 10-person restaurant in {place}. Too much food is wasted and we want to reduce no-shows "
        f"for table bookings. We can spend {budget} on AI this year."
    )
    r = _draft(text, project_settings)
    assert r.budget.currency == currency
    assert r.budget.total <= r.budget.ceiling  # type: ignore[operator]
    assert not [f for f in check_roadmap(r) if f.severity == "error"]


def test_unknown_budget_is_assumed_and_said(project_settings: Settings) -> None:
    r = _draft(
        "We are a small accounting firm in Dublin, Ireland with 6 staff drowning in receipts and "
        "bank statements every month.",
        project_settings,
    )
    assert r.budget.ceiling_assumed and r.budget.total <= r.budget.ceiling  # type: ignore[operator]
    assert any("No budget was given" in a for a in r.assumptions)
    assert any("spend on AI" in q for q in r.open_questions)


def test_no_location_is_an_open_question_not_a_guess(project_settings: Settings) -> None:
    r = _draft(
        "We are a small hair salon with 4 stylists and lots of missed appointments every week.", project_settings
    )
    assert r.profile.jurisdictions == []
    assert any("Where is the business" in q for q in r.open_questions)


def test_prohibited_requests_are_refused(project_settings: Settings) -> None:
    r = _draft(
        "We run a call centre style support team in Madrid with 25 staff. We want to use emotion "
        "recognition on staff webcams and monitor staff productivity to cut costs.",
        project_settings,
    )
    assert any("Art. 5(1)(f)" in n for n in r.not_recommended)
    assert not [f for f in check_roadmap(r) if f.rule_id.startswith("RED-") and f.severity == "error"]


def test_high_risk_hiring_is_not_the_first_pilot(project_settings: Settings) -> None:
    # Two asks: the high-risk one yields the pilot to the safer one and follows with its obligations planned.
    r = _draft(
        "Recruitment agency in Berlin, 12 recruiters, we get too many CVs and want faster hiring. Our consultants "
        "also lose hours to admin, and we'd like help drafting follow-up emails. Budget 20,000 EUR.",
        project_settings,
    )
    assert r.use_cases[0].id != "cv-screening"
    cv = [u for u in r.use_cases if u.id == "cv-screening"]
    if cv and cv[0].phase != "later":
        assert any("high-risk" in a.action.lower() or "Art. 26" in a.ref for a in r.compliance)


def test_markdown_has_every_section(bakery_roadmap: Roadmap) -> None:
    md = roadmap_markdown(bakery_roadmap, check_roadmap(bakery_roadmap))
    for heading in (
        "## At a glance",
        "## Use cases, in priority order",
        "## Timeline",
        "## The nine stages",
        "## Budget",
        "## Risks",
        "## Compliance",
        "## Roles",
        "## Rollback triggers",
        "## Monitoring",
        "## Checks",
        "## Sources",
    ):
        assert heading in md
    assert "not legal advice" in md


def test_gantt_has_a_bar_per_stage_and_gates(bakery_roadmap: Roadmap) -> None:
    chart = mermaid_gantt(bakery_roadmap)
    assert chart.startswith("gantt") and chart.count(":milestone") == len(bakery_roadmap.timeline.go_no_go_months)
    for stage in STAGE_ORDER:
        assert f":{stage}, " in chart


def test_same_input_same_plan(project_settings: Settings) -> None:
    a = _draft(example("webshop"), project_settings).model_dump(exclude={"created_at"})
    b = _draft(example("webshop"), project_settings).model_dump(exclude={"created_at"})
    assert a == b


@pytest.mark.parametrize(
    ("place", "warned"),
    [
        ("Osaka, Japan", "Japan"),
        ("Melbourne, Australia", None),  # Australian Privacy Act and Spam Act are held
        ("Auckland, New Zealand", None),  # its place layer holds the Privacy Act 2020
        ("Zurich", "Switzerland"),
        ("Leipzig, Germany", None),
        ("Austin, Texas", None),
    ],
)
def test_a_place_whose_law_is_not_held_is_said_in_the_assumptions(
    place: str, warned: str | None, project_settings: Settings
) -> None:
    text = f"We are a 10-person bakery in {place}. We throw away too much bread. Budget 12,000. We use a POS."
    notes = [a for a in _draft(text, project_settings).assumptions if "holds no guidance on the" in a]
    if warned is None:
        assert notes == []
    else:
        assert len(notes) == 1 and warned in notes[0]


def test_laws_that_do_not_apply_are_not_cited_as_if_they_did(project_settings: Settings) -> None:
    us = _draft("Gym in Chicago, Illinois with 10 trainers; members check in with a face scan. $12k.", project_settings)
    eu = _draft("Gym in Lyon, France with 10 trainers; members check in with a face scan. EUR 12k.", project_settings)

    us_refs = [a.ref for a in us.compliance]
    assert any(ref.startswith("740 ILCS") for ref in us_refs)  # BIPA is cited as law
    assert not [ref for ref in us_refs if ref.startswith(("GDPR", "EU AI Act"))]
    assert any("Good practice, modelled on GDPR" in ref for ref in us_refs)  # the EU-modelled steps stay, relabelled
    assert any(a.ref.startswith("GDPR") for a in eu.compliance)
