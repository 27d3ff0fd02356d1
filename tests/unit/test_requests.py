"""The owner's asks lead the plan: pilot, scale, later with reasons, custom wishes, risky wishes answered."""

from __future__ import annotations

from agent.checks import check_roadmap
from agent.config import Settings
from agent.planning.catalogue import load_catalogue
from agent.planning.offline import OfflineDrafter
from agent.schemas import Budget, BusinessProfile, Location, RiskyWish, Roadmap, Wish


def _plan(settings: Settings, wishes: list[Wish], budget: float = 30_000, **extra: object) -> Roadmap:
    profile = BusinessProfile(
        industry="beauty-salon",
        headcount=8,
        locations=[Location(country="IE")],
        jurisdictions=["gdpr", "eu-ai-act"],
        budget=Budget(amount=budget, currency="EUR"),
        goals=["improve-marketing", "save-admin-time"],
        wishes=wishes,
        requested_use_cases=[w.use_case for w in wishes if w.use_case],
        **extra,  # type: ignore[arg-type]
    )
    return OfflineDrafter(load_catalogue(settings.knowledge_dir)).draft(profile)


def _phases(roadmap: Roadmap) -> dict[str, str]:
    return {u.id: u.phase for u in roadmap.use_cases}


def test_the_main_ask_is_the_pilot_and_every_ask_is_planned_before_fillers(project_settings: Settings) -> None:
    wishes = [
        Wish(phrase="reply to our Google reviews", use_case="review-replies"),
        Wish(phrase="predict which clients will not turn up", use_case="no-show-prediction"),
        Wish(phrase="answer the phone when we are busy", use_case="phone-answering-assistant"),
    ]
    r = _plan(project_settings, wishes)
    assert [u.id for u in r.use_cases[:3]] == ["review-replies", "no-show-prediction", "phone-answering-assistant"]
    assert [u.phase for u in r.use_cases[:3]] == ["pilot", "scale", "scale"]
    assert r.budget.total <= 30_000


def test_asks_the_budget_cannot_fund_wait_with_the_reason_in_the_owners_words(project_settings: Settings) -> None:
    wishes = [
        Wish(phrase="reply to our Google reviews", use_case="review-replies"),
        Wish(phrase="spot which regulars are drifting away", use_case="churn-prediction"),
        Wish(phrase="plan the rota automatically", use_case="staff-scheduling"),
    ]
    r = _plan(project_settings, wishes, budget=2_500)
    phases = _phases(r)
    assert phases["review-replies"] == "pilot"
    assert {phases["churn-prediction"], phases["staff-scheduling"]} <= {"scale", "later"}
    waiting = [u for u in r.use_cases if u.phase == "later" and u.id in {"churn-prediction", "staff-scheduling"}]
    assert waiting, "a 2,500 EUR budget cannot fund three use cases at once"
    for use_case in waiting:
        assert 'You asked for this ("' in use_case.rationale and "EUR 2,500" in use_case.rationale


def test_a_high_risk_main_ask_yields_the_pilot_to_a_safer_ask_but_leads_when_alone(project_settings: Settings) -> None:
    cv = Wish(phrase="score and shortlist candidates", use_case="cv-screening")
    email = Wish(phrase="draft replies to applicants", use_case="sales-email-drafting")
    both = _plan(project_settings, [cv, email])
    assert (both.use_cases[0].id, _phases(both)["cv-screening"]) == ("sales-email-drafting", "scale")
    assert "high-risk under the EU AI Act" in next(u.rationale for u in both.use_cases if u.id == "cv-screening")
    alone = _plan(project_settings, [cv])
    assert alone.use_cases[0].id == "cv-screening"


def test_a_wish_the_catalogue_lacks_is_planned_with_its_own_screening(project_settings: Settings) -> None:
    wish = Wish(phrase="rank job applicants by their CVs for us", title="Rank job applicants", matched_by="custom")
    r = _plan(
        project_settings,
        [Wish(phrase="write weekly safety briefings", title="Write safety briefings", matched_by="custom"), wish],
    )
    names = {u.name: u for u in r.use_cases}
    assert names["Write safety briefings"].phase == "pilot"
    ranked = names["Rank job applicants"]
    assert {"candidate-data", "annex-iii-employment", "automated-decision"} <= set(ranked.compliance_triggers)
    assert all(u.citations for u in r.use_cases)
    # Its generic metric ("Track hours per week spent on ...") must not read as staff monitoring to the checks.
    assert not [f.rule_id for f in check_roadmap(r) if f.severity == "error"]


def test_risky_wishes_are_answered_from_the_profile_not_from_the_text(project_settings: Settings) -> None:
    risky = RiskyWish(
        phrase="mood cameras at reception",
        flag="emotion-recognition-customers",
        why="Reading customers' emotions is high-risk.",
        ref="EU AI Act Annex III(1)(c)",
        alternative="Ask customers for feedback.",
    )
    wishes = [Wish(phrase="reply to our Google reviews", use_case="review-replies")]
    r = _plan(project_settings, wishes, risky_wishes=[risky], description="We want to monitor staff all day.")
    assert r.not_recommended == [
        'You asked: "mood cameras at reception". Not recommended: Reading customers\' emotions is high-risk. '
        "(EU AI Act Annex III(1)(c)). Safer alternative: Ask customers for feedback."
    ]
