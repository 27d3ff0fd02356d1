"""The sentence view of the wish reader: whole sentences read by the reader's fine-tuned model (agent/profile/tuned.py).

The clause reader cuts a sentence into clauses and asks each one to show an ask or a complaint in words it knows
("we'd like", "takes hours"). Owners who only describe the trouble ("crooked labels keep slipping past the line")
pass no such gate, and a clause can lose the context its sentence gives. The sentence view adds the use case the
tuned model is sure of in each sentence the clause reader did not find, drops a lone reading by meaning the model
all but rules out, and names a risky ask the cue words missed. Chosen and measured by leaving each of seven writers
out in turn (`python -m evals wishes-lowo`): requested-use-case recall 0.57 (clause reader alone) -> 0.79 at
precision 0.61 -> 0.67, risky-wish recall 0.84 -> 0.87.
"""

from __future__ import annotations

import re

import numpy as np

from agent.profile.clauses import Clause
from agent.profile.risky import is_negated, red_flags, risky_wish
from agent.profile.semantic import embed_clauses, reader_embedder
from agent.profile.tuned import TunedReader, tuned_reader
from agent.profile.wishes import may_ask, use_case_index
from agent.schemas import RiskyWish, Wish

# All chosen by leave-one-writer-out cross-validation on the owner examples, never on a held-out split.
SENTENCE_PROBABILITY = 0.45  # the classifier's confidence in a sentence's use case that adds it as an ask
# A second use case in a sentence where the clause reader found one is most often its confusable neighbour ("throw
# away bread, and sell out by noon" is demand forecasting, and reads as stock optimisation too): it needs more.
HELD_PROBABILITY = 0.7
RISK_PROBABILITY_BY_SENTENCE = 0.6  # the tuned model's confidence in a red flag for an asking sentence
TAIL_WORDS = 4  # a shorter tail says too little to read on its own
DENIED_PROBABILITY = 0.05  # a reading by meaning that neither its clause nor its sentence gives this much is dropped


_BREAK = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|—|–)\s*")


def with_sentence_view(parts: list[Clause], wishes: list[Wish], excluded: list[str], skip: set[str]) -> list[Wish]:
    """The clause reader's wishes less those the classifier denies, then the use case of each sentence the
    classifier is sure of and the clause reader did not find (a custom wish of that sentence gives way to it).
    Sentences in `skip` (those holding a risky ask) are never read, nor clauses that refuse or negate."""
    sentences = _readable(parts, skip)
    embedder, model = reader_embedder(), tuned_reader()
    if not sentences or embedder is None or model is None:
        return wishes
    column = {name: n for n, name in enumerate(model.classes)}
    by_sentence = _sentence_probabilities(model, sentences)
    by_clause = model.probabilities([w.phrase for w in wishes])
    out = [
        wish
        for wish, own in zip(wishes, by_clause, strict=True)
        if not _denied(
            wish, own[column[wish.use_case]] if wish.use_case else 1.0, wishes, sentences, by_sentence, column
        )
    ]
    taken = {w.use_case for w in out if w.use_case} | set(excluded)
    scores = use_case_index().scores(embed_clauses(tuple(sentences)), embedder)
    for n, (sentence, row) in enumerate(zip(sentences, by_sentence, strict=True)):
        use_case = model.classes[int(np.argmax(row))]  # a tail's use case can outrank NONE
        if use_case not in scores:  # NONE or a red flag: no plain ask
            continue
        held = any(w.use_case and w.phrase in sentence for w in out)
        if row.max() < (HELD_PROBABILITY if held else SENTENCE_PROBABILITY) or use_case in taken:
            continue
        out = [w for w in out if not (w.use_case is None and w.phrase in sentence)]
        score = round(min(float(scores[use_case][n]), 1.0), 3)
        out.append(Wish(phrase=sentence, use_case=use_case, matched_by="semantic", score=score))
        taken.add(use_case)
    return out


def _sentence_probabilities(model: TunedReader, sentences: list[str]) -> np.ndarray:
    """Per sentence, each use case's best probability over the sentence and its tails (the sentence from each
    comma, dash or colon on): "Brewpub in Fort Collins, I never know how much of each beer to brew" asks in its
    tail, and its opening context dilutes the whole. NONE too: a sentence of facts with a tail that looks like
    an ask ("an artisan bakery in Leipzig, with 9 staff across two shops") stays a sentence of facts."""
    views = [_tails(sentence) for sentence in sentences]
    table = model.probabilities([view for group in views for view in group])
    rows, start = [], 0
    for group in views:
        block = table[start : start + len(group)]
        rows.append(block.max(axis=0))
        start += len(group)
    return np.array(rows)


def _tails(sentence: str) -> list[str]:
    pieces = _BREAK.split(sentence)
    tails = (", ".join(pieces[i:]) for i in range(1, len(pieces)))
    return [sentence, *(t for t in tails if len(t.split()) >= TAIL_WORDS)]


def _denied(
    wish: Wish,
    own: float,
    wishes: list[Wish],
    sentences: list[str],
    by_sentence: np.ndarray,
    column: dict[str, int],
) -> bool:
    """The one use case read in a sentence by meaning alone, which the classifier finds unlikely for its clause
    and its sentence both (a phrasing shared by two use cases pulled the clause to the wrong one). Words that
    name it are never denied, nor one of several asks in a sentence ("an AI receptionist, and reminders for
    vaccinations": the short second ask is unlikely as a whole sentence, yet asked)."""
    if wish.matched_by != "semantic" or not wish.use_case or own >= DENIED_PROBABILITY:
        return False
    rows = [row for sentence, row in zip(sentences, by_sentence, strict=True) if wish.phrase in sentence]
    lone = all(sum(w.phrase in sentence for w in wishes) == 1 for sentence in sentences if wish.phrase in sentence)
    return bool(rows) and lone and all(row[column[wish.use_case]] < DENIED_PROBABILITY for row in rows)


def _readable(parts: list[Clause], skip: set[str]) -> list[str]:
    """Each sentence to read, less its clauses that may not carry an ask (refusals, negations, budgets: "I don't
    want to look greedy either, so sensible price suggestions would suit me" is read without its first half); a
    sentence near a risky ask or with nothing left is not read."""
    out = []
    for sentence, group in _by_sentence(parts).items():
        kept = [c for c in group if may_ask(c)]
        if kept and not any(sentence in s or s in sentence for s in skip):
            out.append(sentence if len(kept) == len(group) else ", ".join(c.text for c in kept))
    return out


def risky_by_sentence(parts: list[Clause], found: list[RiskyWish]) -> list[RiskyWish]:
    """Risky asks the tuned model is sure of in sentences where the cue words found none: a sentence that asks
    (some clause wants something), refuses and negates nothing, and whose first class is a red flag."""
    model = tuned_reader()
    if model is None:
        return []
    flags = red_flags()
    sentences = [
        sentence
        for sentence, group in _by_sentence(parts).items()
        if any(c.wants for c in group)
        and not any(c.refuses or is_negated(c.text) for c in group)
        and not any(r.phrase in sentence or sentence in r.phrase for r in found)
    ]
    out = []
    for sentence, row in zip(sentences, model.probabilities(sentences), strict=True):
        best = model.classes[int(np.argmax(row))]
        if best in flags and row.max() >= RISK_PROBABILITY_BY_SENTENCE:
            out.append(risky_wish(sentence, flags[best]))
    return out


def _by_sentence(parts: list[Clause]) -> dict[str, list[Clause]]:
    groups: dict[str, list[Clause]] = {}
    for clause in parts:
        groups.setdefault(clause.sentence, []).append(clause)
    return groups
