"""Costs placed by the business's size, never by its ceiling; one currency with a dated rate; the use-case table and
the budget lines agree."""

from __future__ import annotations

from agent.checks import RULES
from agent.config import Settings
from agent.planning.budget import unit_costs
from agent.planning.catalogue import load_catalogue
from agent.planning.pipeline import draft_from_text
from agent.planning.sizing import daily_volume, size_of
from agent.schemas import BusinessProfile, Location, Roadmap
from tests.conftest import TODAY

RECEPTION = (
    "We are a dental practice in Phoenix, Arizona with {staff} staff and {calls} calls a day; we miss too many calls "
    "and want an AI phone receptionist, plus no-show reminders and help with insurance claim paperwork. "
    "Budget ${budget}."
)


def _draft(text: str, settings: Settings) -> Roadmap:
    return draft_from_text(text, settings, TODAY).roadmap


def test_volumes_are_read_per_working_day() -> None:
    assert daily_volume("we take 150+ calls a day") == (150, "calls")
    assert daily_volume("about 400 orders per week and 20 calls a day") == (80, "orders")
    assert daily_volume("we are busy every day") is None


def test_bigger_and_busier_businesses_land_higher_in_the_range(project_settings: Settings) -> None:
    spec = next(
        s for s in load_catalogue(project_settings.knowledge_dir).use_cases if s.id == "phone-answering-assistant"
    )
    small = size_of(BusinessProfile(headcount=2))
    large = size_of(BusinessProfile(headcount=40, locations=[Location(country="US", city=c) for c in "ABC"]))
    busy = size_of(BusinessProfile(headcount=2, description="we get 150 calls a day"))
    assert unit_costs(spec, small, "USD").monthly < unit_costs(spec, busy, "USD").monthly
    assert unit_costs(spec, small, "USD").setup < unit_costs(spec, large, "USD").setup
    assert "150 calls a day" in busy.words and "3 locations" in large.words


def test_a_lower_ceiling_defers_instead_of_shrinking(project_settings: Settings) -> None:
    roomy = _draft(RECEPTION.format(staff=12, calls=150, budget="40,000"), project_settings)
    tight = _draft(RECEPTION.format(staff=12, calls=150, budget="8,000"), project_settings)
    costs = {u.id: u.cost for u in roomy.use_cases}
    for u in tight.use_cases:
        assert u.cost == costs.get(u.id, u.cost)  # the same use case costs the same whatever the ceiling
    assert len([u for u in tight.use_cases if u.phase == "scale"]) < len(
        [u for u in roomy.use_cases if u.phase == "scale"]
    )
    assert tight.budget.total <= 8000 and tight.budget.deferred
    assert all("was not made cheaper" in note and "8,000 USD" in note for note in tight.budget.deferred)


def test_table_and_lines_agree_and_one_currency(project_settings: Settings) -> None:
    r = _draft("A 6-person florist in Leeds, England; we want to forecast demand. Budget £5,000.", project_settings)
    assert r.budget.currency == "GBP"
    assert (
        r.budget.rate_table is not None and r.budget.rate_table.as_of and "Central Bank" in r.budget.rate_table.source
    )
    assert not RULES["BUD-009"].run(r) and not RULES["BUD-010"].run(r)
    assert not any("EUR" in f"{line.item} {line.note}" for line in r.budget.lines)
    for u in r.use_cases:
        if u.phase != "later":
            setup = next(line for line in r.budget.lines if line.use_case_id == u.id and line.kind == "setup")
            assert setup.amount == u.cost.setup


def test_a_euro_budget_needs_no_rate(bakery_roadmap: Roadmap) -> None:
    assert bakery_roadmap.budget.currency == "EUR" and bakery_roadmap.budget.rate_table is None
