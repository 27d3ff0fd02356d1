"""How big the business is, for costs: staff, locations and daily volumes set where in a catalogue cost range a
use case lands (a one-person shop pays the low end, a busy multi-site practice the high end), never the ceiling."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.schemas import BusinessProfile

# Staff count -> position in a catalogue range (0 = low end, 1 = high end).
_STAFF_STEPS = ((3, 0.0), (10, 0.1), (25, 0.25), (50, 0.45), (100, 0.65), (250, 0.85))
_VOLUME = re.compile(
    r"\b(\d[\d,.]*)\s*\+?\s*(?:or more\s+|plus\s+)?(?:phone\s+|inbound\s+)?(calls|orders|appointments|bookings|"
    r"patients|customers|clients|tickets|e-?mails|enquiries|inquiries|invoices|deliveries|visitors|guests|jobs)"
    r"\s+(?:a|per|each|every)\s+(day|week|month)\b",
    re.I,
)
_PER_DAY = {"day": 1.0, "week": 1 / 5, "month": 1 / 21}


@dataclass(frozen=True)
class Size:
    """Where in the catalogue's cost ranges this business lands, and why, in words."""

    position: float
    staff: int
    staff_assumed: bool
    locations: int
    daily_volume: tuple[int, str] | None  # the largest volume the owner gave, per working day, and what it counts

    @property
    def words(self) -> str:
        """'12 staff, 2 locations and about 150 calls a day'."""
        parts = [f"{self.staff} staff" + (" (assumed)" if self.staff_assumed else "")]
        if self.locations > 1:
            parts.append(f"{self.locations} locations")
        if self.daily_volume:
            parts.append(f"about {self.daily_volume[0]:,} {self.daily_volume[1]} a day")
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def size_of(profile: BusinessProfile) -> Size:
    """The business's size as the cost estimates see it."""
    staff = profile.headcount or 5
    position = next((p for limit, p in _STAFF_STEPS if staff <= limit), 1.0)
    locations = max(1, len({(loc.country, loc.region, loc.city) for loc in profile.locations if loc.city}))
    position += 0.1 * min(locations - 1, 4)
    volume = daily_volume(profile.description or "")
    if volume:
        position += 0.3 if volume[0] >= 100 else 0.15 if volume[0] >= 30 else 0.0
    return Size(round(min(position, 1.0), 2), staff, profile.headcount is None, locations, volume)


def daily_volume(text: str) -> tuple[int, str] | None:
    """The largest 'N calls a day' style volume in a description, per working day."""
    best: tuple[int, str] | None = None
    for number, what, unit in _VOLUME.findall(text):
        try:
            count = float(number.replace(",", ""))
        except ValueError:
            continue
        per_day = round(count * _PER_DAY[unit.lower()])
        if best is None or per_day > best[0]:
            best = (per_day, what.lower())
    return best


def in_range(low: float, high: float, size: Size) -> float:
    """The point of a catalogue range that fits this size."""
    return low + (high - low) * size.position
