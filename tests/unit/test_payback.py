"""Payback per use case and for the programme: benefit drivers from the knowledge files, the wage from the owner or
the country table, every assumption in words, and a rule when payback falls beyond the plan."""

from __future__ import annotations

from pathlib import Path

from agent.checks import RULES
from agent.config import Settings
from agent.interview import InterviewService
from agent.planning.catalogue import load_catalogue
from agent.planning.payback import WORKING_WEEKS, basis_for, hours_saved, months_to_recover, use_case_payback
from agent.planning.pipeline import draft_from_profile
from agent.planning.sizing import size_of
from agent.schemas import BusinessProfile, CostRange, Location, Money, Roadmap


def test_every_use_case_file_holds_benefit_drivers(project_settings: Settings) -> None:
    for spec in load_catalogue(project_settings.knowledge_dir).use_cases:
        benefit = spec.benefit
        assert benefit.get("driver"), spec.id
        assert float(benefit.get("hours_per_week", 0)) > 0 or float(benefit.get("revenue_share", 0)) > 0, spec.id
        assert benefit.get("scales_with") in {"staff", "locations", "none"}, spec.id


def test_months_to_recover() -> None:
    assert months_to_recover(1200, 2400, 0) == 6
    assert months_to_recover(1000, 1200, 1200) is None  # running costs eat the benefit
    assert months_to_recover(1000, 3000, 600) == 5


def test_benefit_is_hours_times_wage_plus_revenue_share(project_settings: Settings) -> None:
    spec = next(s for s in load_catalogue(project_settings.knowledge_dir).use_cases if s.id == "invoice-processing")
    profile = BusinessProfile(headcount=5, locations=[Location(country="DE")])
    size = size_of(profile)
    basis = basis_for(profile, size, "EUR")
    payback = use_case_payback(spec, size, CostRange(setup=1000, monthly=50), basis)
    expected = hours_saved(spec, size) * WORKING_WEEKS * basis.wage
    assert abs(payback.annual_benefit - expected) <= 10
    assert payback.first_year_cost == 1000 + 600 and payback.running_cost_per_year == 600
    assert any("an hour" in a and "your country" in a for a in payback.assumptions)


def test_the_owners_wage_replaces_the_country_figure(project_settings: Settings) -> None:
    base = BusinessProfile(headcount=5, locations=[Location(country="US")], goals=["save-admin-time"])
    paid = base.model_copy(update={"hourly_wage": Money(amount=60, currency="USD")})
    cheap = draft_from_profile(base, project_settings).roadmap
    dear = draft_from_profile(paid, project_settings).roadmap
    assert dear.payback and cheap.payback and dear.payback.hourly_wage == 60
    assert dear.payback.annual_benefit > cheap.payback.annual_benefit
    pilot = dear.use_cases[0]
    assert pilot.payback and any("the wage you gave" in a for a in pilot.payback.assumptions)


def test_draft_carries_payback_for_planned_use_cases_only(bakery_roadmap: Roadmap) -> None:
    for u in bakery_roadmap.use_cases:
        assert (u.payback is not None) == (u.phase != "later")
    p = bakery_roadmap.payback
    assert p is not None and p.annual_benefit == sum(
        u.payback.annual_benefit for u in bakery_roadmap.use_cases if u.payback
    )
    assert p.one_off_cost < bakery_roadmap.budget.total


def test_payback_beyond_the_plan_is_flagged(bakery_roadmap: Roadmap) -> None:
    r = bakery_roadmap.model_copy(deep=True)
    assert not RULES["PAY-001"].run(r)
    pilot = r.use_cases[0]
    assert pilot.payback is not None
    pilot.payback.payback_months = r.timeline.total_months - (r.timeline.go_live_month or 1) + 2
    findings = RULES["PAY-001"].run(r)
    assert findings and "later than the plan's end" in findings[0].message


def test_wage_is_read_from_words() -> None:
    from agent.profile.wages import find_hourly_wage

    assert find_hourly_wage("assume a wage of 25 an hour")[:2] == (25.0, None)  # type: ignore[index]
    assert find_hourly_wage("We pay staff about £12.50 per hour.")[:2] == (12.5, "GBP")  # type: ignore[index]
    assert find_hourly_wage("Budget £6,000 for the year.") is None


def test_a_wage_said_in_the_chat_changes_the_payback(tmp_path: Path) -> None:
    service = InterviewService(Settings(data_dir=tmp_path, embedding_backend="hash"))
    try:
        sid = service.create_session("owner")
        first = service.send(
            sid,
            "owner",
            "We run a hair salon in Leeds, UK with 6 staff. Lots of no-shows and the phone rings all day. "
            "Budget about £6,000. We use Fresha for bookings.",
        )
        assert first["kind"] == "draft"
        before = service.state(sid, "owner")["versions"][-1]["roadmap"]
        service.send(sid, "owner", "assume a wage of 25 an hour")
        state = service.state(sid, "owner")
        after = state["versions"][-1]["roadmap"]
    finally:
        service.close()
    assert state["profile"]["hourly_wage"] == {"amount": 25.0, "currency": "GBP"}
    assert state["profile"]["budget"]["amount"] == 6000  # the wage is not read as a budget
    assert after["payback"]["hourly_wage"] == 25 and before["payback"]["hourly_wage"] != 25
    assert after["payback"]["annual_benefit"] > before["payback"]["annual_benefit"]


def test_a_wage_beside_a_budget_is_not_the_budget() -> None:
    from agent.profile import extract_profile

    profile = extract_profile("Landscaping firm in Denver, 30 staff. We pay crews about $24 an hour. Budget $25k.")
    assert profile.budget is not None and profile.budget.amount == 25_000
    assert profile.hourly_wage is not None and profile.hourly_wage.amount == 24
