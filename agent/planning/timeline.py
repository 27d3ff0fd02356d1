"""When each stage runs: pilots of 3-6 months (sooner with a deadline), scaling over 6-12 months."""

from __future__ import annotations

from dataclasses import dataclass

from agent.schemas import STAGE_ORDER, BusinessProfile, StageId

MIN_PILOT, MAX_PILOT = 3, 6
MIN_SCALE, MAX_SCALE = 6, 12

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
    """Start month and duration per stage, plus the overall shape."""

    slots: dict[str, tuple[int, int]]
    pilot_months: int
    scaling_months: int
    total_months: int
    compressed: bool

    def start(self, stage: str) -> int:
        """Start month of a stage."""
        return self.slots[stage][0]

    def end(self, stage: str) -> int:
        """Last month of a stage."""
        start, duration = self.slots[stage]
        return start + duration - 1


def plan_schedule(profile: BusinessProfile, pilot_months: int, later_use_cases: int) -> Schedule:
    """Lay out the nine stages for this business."""
    compressed = profile.deadline_month is not None and profile.deadline_month <= 4
    prep = 1 if compressed else 2  # month in which strategy, governance and data work happen
    pilot_start = prep + 1
    pilot = max(MIN_PILOT, min(MAX_PILOT, pilot_months))
    if profile.deadline_month and profile.deadline_month >= pilot_start:
        pilot = max(MIN_PILOT, min(pilot, profile.deadline_month - pilot_start + 1))
    scaling = MIN_SCALE + 3 * min(later_use_cases, 2)
    if profile.time_horizon_months:
        room = profile.time_horizon_months - (pilot_start + pilot + 1)
        scaling = max(MIN_SCALE, min(scaling, room))
    slots: dict[str, tuple[int, int]] = {
        "assess": (1, 1),
        "strategy": (prep, 1),
        "governance": (prep, 1),
        "data": (prep, 1),
        "pilot": (pilot_start, pilot),
    }
    validation = pilot_start + pilot - 1  # the go/no-go review runs in the pilot's last month
    slots["validation"] = (validation, 1)
    slots["deployment"] = (validation + 1, 1)
    slots["rollout"] = (validation + 2, scaling)
    total = validation + 1 + scaling
    slots["monitoring"] = (validation + 1, total - validation)
    assert list(slots) == list(STAGE_ORDER)
    return Schedule(slots, pilot, scaling, total, compressed)
