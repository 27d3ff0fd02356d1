"""Units of the owner's country: a firm in Phoenix or Manchester counts miles, one in Lyon kilometres."""

from __future__ import annotations

from collections.abc import Collection

# Countries that measure road distance in miles; everyone else uses kilometres.
MILE_COUNTRIES = frozenset({"US", "GB", "LR", "MM"})
_KM_PER_MILE = 1.609344


def counts_miles(countries: Collection[str]) -> bool:
    """Whether every place of the business measures distance in miles."""
    return bool(countries) and set(countries) <= MILE_COUNTRIES


def local_distance(name: str, unit: str, value: float, countries: Collection[str]) -> tuple[str, str, float]:
    """A distance metric in the owner's unit: ('Kilometres driven per delivery', 'km', 12) becomes ('Miles driven
    per delivery', 'miles', 7.5) for a US or UK business; anything else comes back unchanged."""
    if unit != "km" or not counts_miles(countries):
        return name, unit, value
    return name.replace("Kilometres", "Miles").replace("kilometres", "miles"), "miles", round(value / _KM_PER_MILE, 1)
