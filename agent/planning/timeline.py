"""When each stage runs: a 3-6 month pilot, a go/no-go review after it, go-live, then 6-12 months of scaling.
Go-live meets the owner's deadline and avoids their busy season where it can; where it cannot, the plan says why."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from agent.profile.deadlines import golive_due
from agent.schemas import STAGE_ORDER, BusinessProfile, StageId

MIN_PILOT, MAX_PILOT = 3, 6
MIN_SCALE, MAX_SCALE = 6, 12
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Each stage may start once the stages it depends on have started (and, for the pilot, the data is ready).
DEPENDENCIES: dict[StageId, list[StageId]] = {
    "assess": [],
    "strategy": ["assess"],
    "governance": ["assess"],
    "data": ["strategy"],
    "pilot": ["data", "governance"],
    "validation": ["pilot"],
    "deployment": ["validation"],
    "rollout": ["deployment"],
    "monitoring": ["deployment"],
}


@dataclass(frozen=True)
class Schedule:
    """Start month and duration per stage, plus the overall shape and why it deviates from the owner's wishes."""

    slots: dict[str, tuple[int, int]]
    pilot_months: int
    scaling_months: int
    total_months: int
    compressed: bool
    first_month: int = 1  # calendar month (1-12) of plan month 1
    notes: list[str] = field(default_factory=list)

    def start(self, stage: str) -> int:
        """Start month of a stage."""
        return self.slots[stage][0]

    def end(self, stage: str) -> int:
        """Last month of a stage."""
        start, duration = self.slots[stage]
        return start + duration - 1

    @property
    def go_live(self) -> int:
        """The month the system goes live for everyone (the deployment month)."""
        return self.start("deployment")

    def month_name(self, plan_month: int) -> str:
        """The calendar month a plan month falls in."""
        return MONTH_NAMES[calendar_month(self.first_month, plan_month) - 1]


def calendar_month(first_month: int, plan_month: int) -> int:
    """Calendar month (1-12) of a plan month, given the calendar month of plan month 1."""
    return (first_month - 1 + plan_month - 1) % 12 + 1


@dataclass(frozen=True)
class _Shape:
    prep: int  # months of strategy, governance and data work after the assessment month (1 or 2 in total)
    pilot: int
    wait: int  # months between the go/no-go review and go-live, to step over a busy season

    @property
    def go_live(self) -> int:
        return self.prep + 1 + self.pilot + 1 + self.wait


def plan_schedule(profile: BusinessProfile, pilot_months: int, scale_count: int, first_month: int = 1) -> Schedule:
    """Lay out the nine stages for this business: the longest fitting pilot, go-live by the deadline and outside
    busy months where possible, scaling sized by the number of use cases that follow the pilot."""
    wanted = max(MIN_PILOT, min(MAX_PILOT, pilot_months))
    due = golive_due(profile.deadline, profile.deadline_month)
    busy = set(profile.busy_months)
    shapes = [_Shape(prep, pilot, wait) for prep, pilot, wait in product((2, 1), range(wanted, 2, -1), range(12))]

    def rank(shape: _Shape) -> tuple[int, bool, int, bool, int]:
        late = 0 if due is None else max(0, shape.go_live - due)  # a missed deadline is missed by as little as can be
        quiet = calendar_month(first_month, shape.go_live) not in busy
        return (-late, quiet, -shape.wait, shape.prep == 2, shape.pilot)

    best = max(shapes, key=rank)
    pilot_start = best.prep + 1
    validation = pilot_start + best.pilot  # the go/no-go review follows the pilot's last month
    go_live = best.go_live
    scaling = MIN_SCALE + 3 * min(scale_count, 2)
    if profile.time_horizon_months:
        scaling = max(MIN_SCALE, min(scaling, profile.time_horizon_months - go_live))
    total = go_live + scaling
    slots: dict[str, tuple[int, int]] = {
        "assess": (1, 1),
        "strategy": (best.prep, 1),
        "governance": (best.prep, 1),
        "data": (best.prep, 1),
        "pilot": (pilot_start, best.pilot),
        "validation": (validation, 1),
        "deployment": (go_live, 1),
        "rollout": (go_live + 1, scaling),
        "monitoring": (go_live, total - go_live + 1),
    }
    assert list(slots) == list(STAGE_ORDER)
    schedule = Schedule(slots, best.pilot, scaling, total, best.prep == 1, first_month)
    return Schedule(
        slots, best.pilot, scaling, total, best.prep == 1, first_month, _notes(profile, schedule, due, best, busy)
    )


def _notes(profile: BusinessProfile, s: Schedule, due: int | None, shape: _Shape, busy: set[int]) -> list[str]:
    """Plain words wherever the timeline cannot do what the owner asked, or moves go-live for them."""
    notes = []
    when = f"month {s.go_live} ({s.month_name(s.go_live)})"
    if due is not None and s.go_live > due:
        notes.append(
            f'You asked to be live "{profile.deadline}". The earliest safe go-live is {when}: the pilot runs with '
            f"real customers from month {s.start('pilot')} ({s.month_name(s.start('pilot'))}), and the "
            f"go/no-go review in month {s.start('validation')} comes before everyone switches over."
        )
    season = ", ".join(MONTH_NAMES[m - 1] for m in sorted(busy))
    if shape.wait:
        notes.append(
            f"Go-live waits until {when}, after your busy months ({season}), so the switch does not land on the "
            "busiest weeks; the pilot keeps running until then."
        )
    elif busy and calendar_month(s.first_month, s.go_live) in busy:
        notes.append(
            f"Go-live in {when} falls in your busy months ({season}) because of your deadline; keep the old way of "
            "working ready as a fallback during those weeks."
        )
    return notes
