"""The sentence view of the wish reader: the use-case classifier applied to each whole sentence.

The classifier learnt from whole owner sentences, while the clause reader cuts a sentence into clauses and asks
each one to show an ask or a complaint in words it knows ("we'd like", "takes hours"). Owners who only describe
the trouble ("crooked labels keep slipping past the line") pass no such gate, and a clause can lose the context
its sentence gives. The sentence view adds what the clause reader missed and drops what both the clause and its
sentence deny. Leave-one-writer-out over five writers (each writer's sentences read by a reader trained on
everyone else's): recall 0.59 -> 0.76 and precision 0.65 -> 0.73, which no threshold of the clause reader reached.
"""

from __future__ import annotations

import re

import numpy as np

from agent.profile.clauses import Clause
from agent.profile.owner_examples import NONE
from agent.profile.semantic import embed_clauses, reader_embedder
from agent.profile.wishes import may_ask, use_case_classifier, use_case_index
from agent.schemas import Wish

# Both chosen by leave-one-writer-out cross-validation on the owner examples, never on a held-out split.
SENTENCE_PROBABILITY = 0.45  # the classifier's confidence in a sentence's use case that adds it as an ask
STATED_PROBABILITY = 0.7  # ... in a sentence that neither asks nor complains in words ("Jobs are scheduled in Excel")
HELD_PROBABILITY = 0.7  # ... in a sentence where the clause reader already found a use case
TAIL_WORDS = 4  # a shorter tail says too little to read on its own
DENIED_PROBABILITY = 0.05  # a reading by meaning that neither its clause nor its sentence gives this much is dropped


_BREAK = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|—|–)\s*")


def with_sentence_view(parts: list[Clause], wishes: list[Wish], excluded: list[str], skip: set[str]) -> list[Wish]:
    """The clause reader's wishes less those the classifier denies, then the use case of each sentence the
    classifier is sure of and the clause reader did not find (a custom wish of that sentence gives way to it).
    Sentences in `skip` (those holding a risky ask) are never read, nor clauses that refuse or negate."""
    readable = _readable(parts, skip)
    sentences = [text for text, _ in readable]
    embedder = reader_embedder()
    if not sentences or embedder is None:
        return wishes
    classifier = use_case_classifier()
    column = {name: n for n, name in enumerate(classifier.classes)}
    by_sentence = _sentence_probabilities(sentences)
    by_clause = classifier.probabilities(embed_clauses(tuple(w.phrase for w in wishes)), embedder) if wishes else []
    out = [
        wish
        for wish, own in zip(wishes, by_clause, strict=True)
        if not _denied(
            wish, own[column[wish.use_case]] if wish.use_case else 1.0, wishes, sentences, by_sentence, column
        )
    ]
    taken = {w.use_case for w in out if w.use_case} | set(excluded)
    scores = use_case_index().scores(embed_clauses(tuple(sentences)), embedder)
    for n, ((sentence, asks), row) in enumerate(zip(readable, by_sentence, strict=True)):
        use_case = classifier.classes[int(np.argmax(row))]  # a tail's use case can outrank NONE
        bar = SENTENCE_PROBABILITY if asks else STATED_PROBABILITY
        if any(w.use_case and w.phrase in sentence for w in out):
            bar = max(bar, HELD_PROBABILITY)
        if use_case == NONE or row.max() < bar or use_case in taken:
            continue
        out = [w for w in out if not (w.use_case is None and w.phrase in sentence)]
        score = round(min(float(scores[use_case][n]), 1.0), 3)
        out.append(Wish(phrase=sentence, use_case=use_case, matched_by="semantic", score=score))
        taken.add(use_case)
    return out


def _sentence_probabilities(sentences: list[str]) -> np.ndarray:
    """Per sentence, each use case's best probability over the sentence and its tails (the sentence from each
    comma, dash or colon on): "Brewpub in Fort Collins, I never know how much of each beer to brew" asks in its
    tail, and its opening context dilutes the whole. NONE too: a sentence of facts with a tail that looks like
    an ask ("an artisan bakery in Leipzig, with 9 staff across two shops") stays a sentence of facts."""
    embedder = reader_embedder()
    assert embedder is not None
    views = [_tails(sentence) for sentence in sentences]
    flat = [view for group in views for view in group]
    table = use_case_classifier().probabilities(embed_clauses(tuple(flat)), embedder)
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


def _readable(parts: list[Clause], skip: set[str]) -> list[tuple[str, bool]]:
    """Each sentence to read, less its clauses that may not carry an ask (refusals, negations, budgets: "I don't
    want to look greedy either, so sensible price suggestions would suit me" is read without its first half); a
    sentence near a risky ask or with nothing left is not read. With each, whether it asks or complains."""
    groups: dict[str, list[Clause]] = {}
    for clause in parts:
        groups.setdefault(clause.sentence, []).append(clause)
    out = []
    for sentence, group in groups.items():
        kept = [c for c in group if may_ask(c)]
        if kept and not any(sentence in s or s in sentence for s in skip):
            text = sentence if len(kept) == len(group) else ", ".join(c.text for c in kept)
            out.append((text, any(c.wants or c.pain for c in kept)))
    return out
