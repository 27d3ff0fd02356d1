"""Leave-one-writer-out cross-validation of the wish reader: each writer's sentences in the owner examples are read
by a reader trained on everyone else's (the linear classifiers and the fine-tuned sentence model retrained each
time, about four minutes a writer on two cores). A writer's words, habits and trades differ more from another
writer's than one sentence from its neighbour, so this is the measure the sentence view's settings were chosen on
(`python -m evals wishes-lowo`; reported, never a gate)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from agent.config import get_settings
from agent.profile import risk_classifier, tuned, wishes
from agent.profile.asks import read_asks
from agent.profile.owner_examples import owner_examples
from evals.wishes_eval import SplitScore, score_case


def run(folds: int | None = None, train_only: set[str] | None = None, keep_models: bool = False) -> dict[str, Any]:
    """Recall and precision per left-out writer (or group of writers) and over all of them. With `folds`, the
    writers, in name order, are dealt into that many groups, each left out at once: fewer trainings, and each
    fold's model knows fewer writers, so its scores are a little lower than one writer at a time. Writers in
    `train_only` are in every fold's training and never scored, so adding them is measured on the same folds. With
    `keep_models`, each fold's tuned model stays in the index folder (keyed by its training set, as the shipped
    one is), and a later run on the same folds and data loads it instead of training."""
    examples = list(owner_examples())
    writers = sorted({str(e["writer"]) for e in examples if e.get("writer")} - (train_only or set()))
    groups = [writers[n::folds] for n in range(folds)] if folds else [[w] for w in writers]
    total = SplitScore()
    report: dict[str, Any] = {"cases": sum(1 for e in examples if e.get("writer") in writers), "writers": len(writers)}
    for group in groups:
        score = SplitScore()
        with _trained_on([e for e in examples if e.get("writer") not in group], keep_models):
            for case in (e for e in examples if e.get("writer") in group):
                asks = read_asks(str(case["text"]))
                score_case(case, asks, score)
                score_case(case, asks, total)
        for measure in ("requested", "risky"):
            for metric, value in getattr(score, measure).scores().items():
                report[f"{'+'.join(group)}.{measure}.{metric}"] = value
    for measure in ("requested", "risky", "constraints"):
        for metric, value in getattr(total, measure).scores().items():
            report[f"lowo.{measure}.{metric}"] = value
    report["failures"] = total.failures
    return report


@contextmanager
def _trained_on(train: list[dict[str, Any]], keep_model: bool = False) -> Iterator[None]:
    """The reader's learnt parts retrained on `train` alone; the fold's tuned model is removed afterwards unless
    it is to be kept."""
    examples = tuple(train)
    caches = (wishes.use_case_classifier, risk_classifier.risk_classifier, tuned.load_tuned_reader)
    with (
        mock.patch.object(wishes, "owner_examples", return_value=examples),
        mock.patch.object(risk_classifier, "owner_examples", return_value=examples),
        mock.patch.object(tuned, "owner_examples", return_value=examples),
    ):
        for cache in caches:
            cache.cache_clear()
        folder = get_settings().index_dir / "models" / f"tuned-reader-{tuned.training_set().key()}"
        try:
            yield
        finally:
            for cache in caches:
                cache.cache_clear()
            if not keep_model:
                shutil.rmtree(folder, ignore_errors=True)
