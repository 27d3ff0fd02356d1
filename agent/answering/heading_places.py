"""The places a question names against the places a section's heading is about: in a document with one section
per country or state ("Germany: ...", "Poland: ..."), a section on other places only does not answer."""

from __future__ import annotations

import re

from agent.retrieval.places import place_codes

PLACE_OTHER = -0.08  # a section on other places only
PLACE_SAME = 0.06  # a section on the place asked about, ahead of the general rule around it
# "(FTC Act Section 5, 15 U.S.C. § 45)": the citation in a heading names the law, not the place it is about.
_CITATION = re.compile(r"\([^)]*\)")


def heading_place_penalty(question_places: frozenset[str], heading: str) -> float:
    """A penalty for a heading about other places only than the ones the question names, a bonus for one about
    a place it names ("Poland: consent for all electronic marketing" for a question on Poland)."""
    if not question_places:
        return 0.0
    about = most_specific(place_codes(_CITATION.sub(" ", heading)))
    if not about:
        return 0.0
    return PLACE_SAME if about & question_places else PLACE_OTHER


def most_specific(keys: frozenset[str]) -> frozenset[str]:
    """'US-TX' stands for itself, not for every US place: drop a country whose region is named."""
    regions = {k.split("-")[0] for k in keys if "-" in k}
    return frozenset(k for k in keys if "-" in k or k not in regions)
