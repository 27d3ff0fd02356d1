"""K-fold cross-validation of the wish reader on its own training sentences (the owner examples): the classifier
is retrained on the other folds and each fold is read as unseen text. This is how the reader's thresholds are
chosen, so held-out splits stay measurements (`python -m evals wishes-cv`). It measures the clause reader: the
risk classifier keeps only the flags' own phrasings and the sentence view is off, since both learn from all the
examples (the sentence view is measured by leaving each writer out, `python -m evals wishes-lowo`)."""

from __future__ import annotations

from typing import Any
from unittest import mock

from agent.profile import asks, risk_classifier, wishes
from agent.profile.asks import read_asks
from agent.profile.classifier import PhrasingClassifier
from agent.profile.owner_examples import owner_examples, with_examples
from evals.wishes_eval import SplitScore, score_case

FOLDS = 5


def run(folds: int = FOLDS) -> dict[str, Any]:
    """Recall and precision of requested use cases, risky wishes and constraints over all folds."""
    examples = list(owner_examples())
    score = SplitScore()
    for fold in range(folds):
        train = [e for n, e in enumerate(examples) if n % folds != fold]
        held = [e for n, e in enumerate(examples) if n % folds == fold]
        phrasings = with_examples(wishes.use_case_phrasings(), train, none=True)
        classifier = PhrasingClassifier(f"use-cases-fold{fold}of{folds}", phrasings)
        with (
            mock.patch.object(wishes, "use_case_classifier", return_value=classifier),
            mock.patch.object(risk_classifier, "owner_examples", return_value=()),
            mock.patch.object(asks, "with_sentence_view", side_effect=lambda parts, found, excluded, skip: found),
            mock.patch.object(asks, "risky_by_sentence", side_effect=lambda parts, found: found),
        ):
            risk_classifier.risk_classifier.cache_clear()
            for case in held:
                score_case(case, read_asks(str(case["text"])), score)
    risk_classifier.risk_classifier.cache_clear()
    report: dict[str, Any] = {"cases": len(examples), "folds": folds}
    for measure in ("requested", "risky", "constraints"):
        for metric, value in getattr(score, measure).scores().items():
            report[f"cv.{measure}.{metric}"] = value
    report["failures"] = score.failures
    return report
