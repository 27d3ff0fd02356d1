"""Risky or ordinary: a classifier trained on the red flags' phrasings against every ordinary use case's
phrasings, so a clause that sits as close to an ordinary use case as to a risky one ("decline claims by
itself" beside claims paperwork) is told apart by what the risky examples share."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from agent.profile.classifier import PhrasingClassifier
from agent.profile.owner_examples import owner_examples
from agent.profile.risky import red_flags
from agent.profile.semantic import reader_embedder
from agent.profile.wishes import use_case_phrasings

ORDINARY = "ordinary"


@lru_cache(maxsize=1)
def risk_classifier() -> PhrasingClassifier:
    """The classifier over red flags plus one class of all ordinary use-case phrasings, each class with the owner
    examples that carry it: a sentence with exactly one risky wish teaches its flag, one without any teaches
    ORDINARY (owners' words for a risky practice are more varied than any list of phrasings)."""
    phrasings = {key: list(flag.phrasings) for key, flag in red_flags().items()}
    phrasings[ORDINARY] = [p for items in use_case_phrasings().values() for p in items]
    for example in owner_examples():
        flags = [str(f) for f in example.get("risky") or () if str(f) in phrasings]
        if len(flags) == 1:
            phrasings[flags[0]].append(str(example["text"]))
        elif not example.get("risky"):
            phrasings[ORDINARY].append(str(example["text"]))
    return PhrasingClassifier("risk-or-ordinary", phrasings)


def risk_probabilities(vectors: np.ndarray | None) -> list[dict[str, float]] | None:
    """Per clause vector, the probability of each red flag and of ORDINARY; None offline."""
    embedder = reader_embedder()
    if vectors is None or embedder is None or not len(vectors):
        return None
    classifier = risk_classifier()
    table = classifier.probabilities(vectors, embedder)
    embedded = np.linalg.norm(vectors, axis=1) > 0  # clauses left unembedded carry a zero vector
    return [
        {c: float(p) for c, p in zip(classifier.classes, row, strict=True)} if ok else {}
        for row, ok in zip(table, embedded, strict=True)
    ]
