"""Scoring the place reader: for each owner phrasing, are the jurisdictions of where the business is and of
where its customers are read exactly? Reported per split; the held-out split is for the final measurement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from agent.profile.places import read_places
from agent.schemas import Location

DATASET = Path(__file__).parent / "datasets" / "places" / "places.yaml"
THRESHOLD = 0.98  # place -> jurisdiction accuracy the reader must reach on held-out phrasings


def jurisdiction_key(location: Location) -> str:
    """'US-AZ' and 'CA-ON' where state law differs; the country code elsewhere."""
    if location.country in ("US", "CA") and location.region:
        return f"{location.country}-{location.region}"
    return location.country


def load_cases(path: Path = DATASET) -> list[dict[str, Any]]:
    """The labelled phrasings."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])


def score(cases: list[dict[str, Any]], splits: tuple[str, ...]) -> dict[str, Any]:
    """Accuracy per split (a case is right when both its location and market sets match) and the misses."""
    result: dict[str, Any] = {"failures": []}
    for split in splits:
        chosen = [c for c in cases if c["split"] == split]
        right = 0
        for case in chosen:
            found = read_places(case["text"])
            got = (
                sorted({jurisdiction_key(x) for x in found.locations}),
                sorted({jurisdiction_key(x) for x in found.markets}),
            )
            want = (sorted(set(case["locations"])), sorted(set(case["markets"])))
            if got == want:
                right += 1
            elif split == "dev":  # held-out misses are not shown, so nobody tunes on them
                result["failures"].append(f"{case['text']!r}: got {got}, want {want}")
        result[f"{split}_cases"] = len(chosen)
        result[f"{split}_accuracy"] = right / len(chosen) if chosen else 0.0
    last = splits[-1]
    result["threshold"] = THRESHOLD
    result["passed"] = result[f"{last}_accuracy"] >= THRESHOLD
    return result


def run(heldout: bool = False) -> dict[str, Any]:
    """Score the dev split, and the held-out split too when asked (measure it once, at the end)."""
    return score(load_cases(), ("dev", "heldout") if heldout else ("dev",))
