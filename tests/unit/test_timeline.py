"""The schedule: validation and the first gate after the pilot, go-live by the owner's deadline and outside busy
months where it can be, and plain words where it cannot."""

from __future__ import annotations

from datetime import date

from agent.planning.timeline import calendar_month, plan_schedule
from agent.profile.deadlines import find_busy_months, golive_due
from agent.schemas import BusinessProfile

NOV = date(2026, 11, 30)
DECEMBER = 12  # plan month 1 when today is in November


def _profile(**fields: object) -> BusinessProfile:
    return BusinessProfile(**fields)  # type: ignore[arg-type]


def test_validation_and_go_live_follow_the_pilot() -> None:
    s = plan_schedule(_profile(), pilot_months=4, scale_count=1, first_month=DECEMBER)
    assert s.start("validation") == s.end("pilot") + 1
    assert s.go_live > s.start("validation")
    assert s.start("rollout") == s.go_live + 1 and s.total_months == s.end("rollout")
    assert s.notes == []


def test_plan_length_follows_its_content() -> None:
    lengths = [plan_schedule(_profile(), 3, n, DECEMBER).total_months for n in (0, 1, 2)]
    assert lengths[0] < lengths[1] < lengths[2]


def test_a_month_deadline_means_live_before_that_month() -> None:
    assert golive_due("by may", 6) == 5
    assert golive_due("within 6 months", 6) == 6
    assert golive_due(None, None) is None


def test_a_reachable_deadline_is_met_by_shortening_the_pilot_first() -> None:
    # "live by June" from late November: June is plan month 7, so go-live must be in month 6 at the latest.
    s = plan_schedule(_profile(deadline="by june", deadline_month=7), 6, 1, DECEMBER)
    assert s.go_live <= 6 and s.pilot_months >= 3 and s.notes == []


def test_an_unreachable_deadline_is_explained_in_plain_words() -> None:
    s = plan_schedule(_profile(deadline="by march", deadline_month=4), 3, 1, DECEMBER)
    assert s.go_live > 3
    assert s.pilot_months == 3 and s.start("pilot") == 2  # as early as the pilot and review allow
    assert len(s.notes) == 1 and '"by march"' in s.notes[0] and s.month_name(s.go_live) in s.notes[0]


def test_go_live_steps_out_of_a_busy_season() -> None:
    summer = [7, 8, 9]
    quiet = plan_schedule(_profile(), 3, 1, first_month=1)  # go-live lands in July without the season
    assert calendar_month(1, quiet.go_live) == 7
    s = plan_schedule(_profile(busy_months=summer), 3, 1, first_month=1)
    assert calendar_month(1, s.go_live) not in summer


def test_a_busy_season_wait_is_said() -> None:
    # Go-live would land in July; the owner is busy from May to October, beyond reach of a shorter pilot.
    s = plan_schedule(_profile(busy_months=[5, 6, 7, 8, 9, 10]), 3, 0, first_month=1)
    assert calendar_month(1, s.go_live) not in {5, 6, 7, 8, 9, 10}
    assert any("busy months" in note for note in s.notes)


def test_busy_months_are_read_from_the_description() -> None:
    assert find_busy_months("Our peak season runs June to September, we are flat out.", NOV) == [6, 7, 8, 9]
    assert find_busy_months("We need it ready before the heating season in October.", NOV) == [1, 2, 10, 11, 12]
    assert find_busy_months("We are busiest over the summer.", NOV) == [6, 7, 8]
    assert find_busy_months("We sell bread and cakes in May.", NOV) == []
