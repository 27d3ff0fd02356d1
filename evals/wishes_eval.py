"""Scoring the wish reader on labelled owner sentences: precision and recall per split for requested use cases,
risky wishes and constraints (`python -m evals wishes`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.profile.asks import Asks, read_asks
from agent.profile.owner_examples import owner_examples
from evals.cases import cases_in

DATASETS = Path(__file__).parent / "datasets" / "wishes"
# The dev split is the reader's training data (knowledge/lexicon/owner_examples.yaml): its scores are scores on
# what was learnt, not a measurement, and its thresholds are chosen by cross-validation on it. Measured on the
# held-out splits only. `heldout2` was written and committed before the second round of tuning (critical elements,
# classifiers, kNN votes); `heldout3` before the third (lists of asks in one clause, AI the business already
# runs); `heldout4` before the fourth (complaints, questions and "should" statements that imply an ask; cameras
# aimed at goods). `heldout5`, `heldout6` and `heldout7` were written on 2026-11-30 by three writers who saw neither
# the reader, its training sentences nor the other splits, before that day's round. The fifth and sixth were measured
# (recall 0.744 and 0.571 before the round, 0.805 and 0.667 after it), their misses read to find mechanisms, and then
# folded into the training sentences; the seventh was measured only at the end (before and after that folding) and is
# the unseen measurement of that round. `heldout8` and `heldout9` were written later that day by two more writers
# under the same rules, before the next round (five new training writers, the sentence view, the risk classifier
# learning from owners' risky sentences, the fine-tuned sentence model); that round chose its settings by leaving
# each training writer out in turn (`python -m evals wishes-lowo`) and measured these two once, at its end: requested
# recall 0.82 and 0.69 (0.57 and 0.42 with the reader before the round), risky recall 0.95 and 0.81 (0.80, 0.67);
# 0.95 and 0.76 after one later fix for an outside case (risk by meaning alone defers to the tuned model).
# `heldout10` and `heldout11` were written on 2026-12-01 by two more writers under the same rules, before the round
# that taught the tuned model every example (sentences with several asks as shares), read each view of a sentence
# on its own and read the plain ask beside a risky one; that round chose its settings on writers left out in three
# folds and measured these two at its end: requested recall 0.83 and 0.79 (0.76 and 0.78 with the reader before the
# round), risky recall 0.90 and 0.85 (0.75, 0.85); 0.95 and 0.90 after one more writer's timing and goal sentences,
# added for an outside description (a deadline read as an ask) and checked on the folds, not on these two.
# `heldout12` (owners' e-mails to an adviser) and `heldout13` (transcribed voice notes) were written on 2026-12-01 by
# two more writers under the same rules, before the round after that (deadline words left out of reading by
# meaning, whose emotions are read picking between the two emotion flags, a stricter drop of a lone reading by
# meaning, two training writers: confusable neighbours and dictated messages), which chose on writers left out in
# three folds and measured these two once, at its end: requested recall 0.78 and 0.93 (unchanged; precision 0.70 ->
# 0.72 and 0.58 -> 0.59), risky recall 0.85 -> 0.88 and 0.96 (unchanged).
# `heldout14` (chat messages in second-language English) and `heldout15` (answers typed into an intake form) were
# written on 2026-12-01 by two more writers under the same rules, before the round after that (an ask split over
# two neighbouring sentences read from both, a new training recipe for the tuned model, two training writers: risky
# asks told indirectly and asks told as the trouble), which chose on writers left out in three folds and measured
# these two once, at its end: requested recall 0.82 -> 0.84 and 0.87 (unchanged; precision 0.72 -> 0.71 and 0.64 ->
# 0.65), risky recall 0.83 (unchanged; precision 0.59 -> 0.68) and 0.95 -> 1.0.
# `heldout16` (owners' posts on a business forum) was written on 2026-12-02 by a writer who saw neither the reader
# nor any dataset, after the round's reader was chosen on writers left out in three folds (asks the catalogue lacks
# as a class of the tuned model, two training writers: asks in owners' own words, risky asks beside their
# neighbouring flag), and measured once: requested recall 0.857 -> 0.918 (precision 0.651 -> 0.634), risky recall
# 0.882 -> 0.941 (precision 0.714 -> 0.762). Its misses were then read: custom wishes pointing back at an ask
# already read are dropped since, so its later scores are no longer unseen ones.
# `heldout17` (owners' e-mails to a business adviser) was written on 2026-12-02 by a writer who saw neither the
# reader nor any dataset, before the round after that (the tuned model's sure reading of another flag beside the one
# the cue words found; three training writers whose sentences were measured on the folds but not kept), measured
# with the reader before the round and at its end, never read: requested recall 0.921 both times (precision 0.626),
# risky recall 1.0 both times (precision 0.731).
# `heldout18` (owners' answers in a planning chat) was written on 2026-12-03 by a writer who saw neither the reader
# nor any dataset, after the round's reader was chosen on writers left out in three folds (refusals in a clause of
# their own, short clauses kept in their sentence's reading, sums in complaints, secrecy and postcode proxies read
# as risky), and measured once, at its end.
# `heldout19` (owners' WhatsApp and text messages to a friend) was written on 2026-12-03 by a writer who saw neither
# the reader nor any dataset, measured with the reader before the round after that (refusals applied where clauses
# are made, pitches the owner judges badly, two activities and "+" as list items, constraints that keep a person
# deciding) and at its end, its misses never read. It was read in the round after (2026-12-03: lists numbered inline
# or on lines of their own, asks for help with all of it, the second ask of a sentence read from its own piece,
# practices done openly), which chose on writers left out in three folds.
# `heldout20` (what owners type into a planning tool's describe-your-business box) and `heldout21` (advisers'
# third-person notes from intake calls) were written on 2026-12-03, before that round, by two writers who saw
# neither the reader nor any dataset, and measured with the reader before the round and at its end, never read:
# requested recall 0.854 -> 0.888 and 0.880 -> 0.902 (precision 0.776 -> 0.775, 0.686 -> 0.692), risky recall
# 0.963 -> 0.926 and 0.963 (precision 0.722 -> 0.714, 0.684).
# `heldout22` (owners' voice notes to a consultant, transcribed by a phone) and `heldout23` (owners' e-mail replies
# written under a consultant's quoted questions) were written on 2026-12-03, before the round after that, by two
# writers who saw neither the reader nor any dataset, and measured with the reader before the round: requested
# recall 0.870 and 0.878 (precision 0.635, 0.374), risky recall 0.844 and 0.839. That round (the owner's own words:
# quoted questions are not the owner's asks unless taken up, hesitations of speech left out; what a risky practice
# is for read as a plain ask) measured both at its middle; heldout23 fell to 0.776 there and its misses were then
# read (ideas taken up read with the answer, topics asked without a verb), so only heldout22 is unseen at its end.
# `heldout24` (the AI section of owners' applications for a digitalisation grant) and `heldout25` (transcribed
# phone calls between an adviser and an owner, each turn labelled with its speaker) were written at the end of that
# round by two more writers who saw neither the reader nor any dataset, and not measured then. `heldout26` (owners'
# phone messages typed fast, barely punctuated) and `heldout27` (minutes of a small business's internal meeting on
# AI) were written at the start of the round after that (2026-12-03/04), before its code, by two more writers under
# the same rules. That round measured all five first: requested recall 0.870, 0.852, 0.918, 0.872 and 0.843
# (precision 0.649, 0.774, 0.526, 0.638, 0.444), risky recall 0.844, 0.862, 0.810, 0.862 and 0.897. It then read the
# misses of heldout22, 24 and 25 (speaker-labelled transcripts, plans in funding applications, risky practices in
# more of the owners' words, asking pieces) and measured heldout26 and 27 again only at its end, never read:
# requested recall 0.872 and 0.843 both times (precision 0.638, 0.444 -> 0.442), risky recall 0.862 and 0.897 both
# times (precision 0.658, 0.473): the round's mechanisms did not reach these two kinds of text.
# `heldout28` (messages written for the owner by staff or family), `heldout29` (owners' brainstorm notes) and
# `heldout30` (owners' answers to a trade association's survey on AI) were written on 2026-12-04 by three writers who
# saw neither the reader nor any dataset, before the round after that, and measured at its start: requested recall
# 0.891, 0.812 and 0.848 (precision 0.658, 0.525, 0.527), risky recall 0.865, 0.842 and 0.833. That round read the
# misses of heldout26 and 27 (meeting notes: the lines that record the document, sections and people that turn an
# idea down, a practice ordered to stop; a line break ending a sentence; "auto decline"; what an ask spares others)
# and measured heldout28-30 again at its end, never read: requested recall 0.891, 0.795 and 0.867 (precision 0.671,
# 0.514, 0.520), risky recall 0.865, 0.842 and 0.861 (precision 0.727, 0.681, 0.608).
HELD_OUT = [
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
    "heldout27",
    "heldout28",
    "heldout29",
    "heldout30",
]
THRESHOLDS = {
    f"{split}.{measure}": target
    for split in HELD_OUT
    for measure, target in (("requested.recall", 0.9), ("risky.recall", 0.95))
}


@dataclass
class Tally:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float]:
        """Precision and recall (1.0 when there was nothing to find or nothing predicted)."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return {"precision": round(precision, 3), "recall": round(recall, 3)}


@dataclass
class SplitScore:
    """The three measures of one split, with what went wrong."""

    requested: Tally = field(default_factory=Tally)
    risky: Tally = field(default_factory=Tally)
    constraints: Tally = field(default_factory=Tally)
    failures: list[str] = field(default_factory=list)


def load_cases() -> list[dict[str, Any]]:
    """The labelled sentences: the dev split (the reader's own training examples) and the held-out splits."""
    dev = [{"split": "dev", **case} for case in owner_examples()]
    return dev + cases_in(DATASETS)


def run() -> dict[str, Any]:
    """Score every case and return the report: per split, the held-out splits pooled (`held-out`: each set is
    small, and one sentence moves a set's risky recall by up to 0.05), and pass/fail against the thresholds."""
    splits: dict[str, SplitScore] = {}
    pooled = SplitScore()
    cases = load_cases()
    for case in cases:
        asks = read_asks(case["text"])
        score_case(case, asks, splits.setdefault(case["split"], SplitScore()))
        if case["split"] in HELD_OUT:
            score_case(case, asks, pooled)
    report: dict[str, Any] = {"cases": len(cases)}
    for name, score in [("held-out", pooled), *sorted(splits.items())]:
        for measure in ("requested", "risky", "constraints"):
            for metric, value in getattr(score, measure).scores().items():
                report[f"{name}.{measure}.{metric}"] = value
    report["thresholds"] = THRESHOLDS
    report["passed"] = all(report.get(k, 0.0) >= v for k, v in THRESHOLDS.items())
    report["failures"] = [f for name, s in sorted(splits.items()) for f in (f"[{name}] {x}" for x in s.failures)]
    return report


def score_case(case: dict[str, Any], asks: Asks, score: SplitScore) -> None:
    """Add one case's hits and misses to its split's tallies."""
    _score_requested(case, asks, score)
    _score_risky(case, asks, score)
    _score_constraints(case, asks, score)


def _score_requested(case: dict[str, Any], asks: Asks, score: SplitScore) -> None:
    labels = [str(w) for w in case.get("wishes") or []]
    want = {w for w in labels if not w.startswith("custom:")}
    custom_wanted = any(w.startswith("custom:") for w in labels)
    ok = set(case.get("also_ok") or [])
    got = {w.use_case for w in asks.wishes if w.use_case}
    customs = [w.title for w in asks.wishes if w.use_case is None]
    tally = score.requested
    tally.tp += len(got & want)
    tally.fn += len(want - got)
    tally.fp += len(got - want - ok)
    if custom_wanted:
        found = bool(customs) or bool(got & ok)
        tally.tp += found
        tally.fn += not found
    else:
        tally.fp += len(customs)
    missed = sorted(want - got) + (["custom"] if custom_wanted and not (customs or got & ok) else [])
    extra = sorted(got - want - ok) + ([f"custom:{t}" for t in customs] if not custom_wanted else [])
    if missed or extra:
        score.failures.append(f"requested missed={missed} extra={extra}: {case['text']}")


def _score_risky(case: dict[str, Any], asks: Asks, score: SplitScore) -> None:
    want = set(case.get("risky") or [])
    got = {r.flag for r in asks.risky_wishes}
    score.risky.tp += len(got & want)
    score.risky.fn += len(want - got)
    score.risky.fp += len(got - want)
    if got != want:
        score.failures.append(f"risky missed={sorted(want - got)} extra={sorted(got - want)}: {case['text']}")


def _score_constraints(case: dict[str, Any], asks: Asks, score: SplitScore) -> None:
    want = [str(c).lower() for c in case.get("constraints") or []]
    got = [c.lower() for c in asks.constraints]
    found = [w for w in want if any(w in g for g in got)]
    wrong = [g for g in got if not any(w in g for w in want)]
    score.constraints.tp += len(found)
    score.constraints.fn += len(want) - len(found)
    score.constraints.fp += len(wrong)
    if len(found) < len(want) or wrong:
        score.failures.append(f"constraints missed={sorted(set(want) - set(found))} extra={wrong}: {case['text']}")
