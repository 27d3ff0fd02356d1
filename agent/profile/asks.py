"""What the owner asks for, what they must not get as asked, and what they want to protect: read once, from
the description's clauses, into the profile (planning never re-reads the text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from agent.profile.clauses import _POINTER, Clause, clauses, clauses_by_sentence, refused_sentences
from agent.profile.deadlines import without_timing
from agent.profile.places import find_locations
from agent.profile.quoted import owner_words
from agent.profile.risk_classifier import ORDINARY, risk_classifier, risk_probabilities
from agent.profile.risky import (
    any_cue,
    find_risky_wishes,
    for_whom,
    holds_elements,
    is_negated,
    red_flags,
    risk_index,
)
from agent.profile.semantic import embed_clauses, reader_embedder, warm_phrasings
from agent.profile.sentence_view import risky_by_sentence, with_sentence_view
from agent.profile.trade import read_industry
from agent.profile.tuned import tuned_reader
from agent.profile.wishes import read_wishes, use_case_classifier, use_case_index
from agent.retrieval.embeddings import DIMENSIONS
from agent.schemas import RiskyWish, Wish

MIXED_ORDINARY = 0.3  # the risk classifier's probability of "ordinary" that lets a risky clause keep its ask
MIXED_BENIGN = 0.7  # or its similarity to a catalogue phrasing ("auto-send rejection emails" is also email drafting)

# Words of protection: what must stay true whatever the plan does.
_PROTECT = re.compile(
    r"\b(must not|mustn't|should not|shouldn't|don't want|do not want|no cloud|only if|without|"
    r"won'?t (?:use|share|store|send|put|allow|accept|go|leave|be)|"
    r"(?:must|has to|have to|needs to) (?:keep|work|run|comply|stay|remain)|"
    r"not allowed|has to stay|have to stay|must stay|must remain|must be|has to be|have to be|worried|afraid|"
    r"concerned|protect|confidential|feel watched|no more than|at most|must never|should never|"
    r"never (?:be|share|leave|send|use|store|go|replace|record|give|collect)|"
    r"(?:can'?t|cannot) (?:leave|go|be|share|use|store|afford|replace|risk)|"
    r"stays? (?:in|on|within|private|with)|remain (?:in|on|private|with)|"
    # a person keeps the decision, and what may never leave or go out
    r"(?:must|should|has to|have to|needs? to) always|never let|nothing (?:can|may|should|must|is to) (?:go|leave)|"
    r"(?:doesn'?t|does not|don'?t|do not) leave (?:the|our|my|their|its|this)|"
    r"(?:a|the) (?:person|human|nurse|doctor|clinician|vet|manager) "
    r"(?:always )?(?:decides|checks|signs|approves|reviews))\b",
    re.I,
)


@dataclass(frozen=True)
class Asks:
    """The owner's asks, read from one description."""

    wishes: list[Wish]
    risky_wishes: list[RiskyWish]
    constraints: list[str]
    excluded: list[str]


def read_asks(text: str, answering: bool = False) -> Asks:
    """Wishes (main ask first), risky wishes, constraints and ruled-out use cases in a description; `answering`:
    the text answers the question what AI should help with."""
    own = owner_words(text)  # someone else's quoted lines are not the owner's asks
    text = own.text
    parts = clauses(text)
    opening = {parts[0].sentence} if answering and parts else set()
    parts = _answering(parts, own.answers | opening)
    whole = [c for c in _whole_sentences(parts) + _continued(parts) if any_cue(c.text)]
    vectors = _vectors(parts + whole)
    clause_vectors = vectors[: len(parts)] if vectors is not None else None
    # Benign similarity first, so a risky match must beat the ordinary reading of the same clause.
    first = read_wishes(parts, clause_vectors, risky=set())
    benign = first.benign + read_wishes(whole, vectors[len(parts) :] if vectors is not None else None, set()).benign
    # Whole sentences too: splitting can part a practice from its critical element ("track phones, rank them").
    probabilities = risk_probabilities(vectors)
    risky = find_risky_wishes(parts + whole, vectors, benign, probabilities)
    risky = risky_by_sentence(parts, risky)  # with the tuned model's sure reading of each sentence
    risky = [for_whom(r, next((c.sentence for c in parts if r.phrase in c.sentence), r.phrase)) for r in risky]
    # A practice the message says is done openly is no risk, and its clause is read for its plain ask like any other
    # ("we record the calls, clients know, and want them summarised").
    flags = red_flags()
    risky = [r for r in risky if not (r.flag in flags and flags[r.flag].undone_in(text))]
    risky_clauses = {i for i, c in enumerate(parts) if any(r.phrase == c.text for r in risky)}
    risky_sentences = {r.phrase for r in risky} | {parts[i].sentence for i in risky_clauses}
    # Beside a risky ask, a clause holding one of its critical elements is its means ("cameras in the cabs").
    risky_clauses |= {i for i, c in enumerate(parts) if holds_elements(c.text, _flags_of(c.sentence, risky))}
    # A risky clause the classifier still finds partly ordinary also names a plain ask ("auto-send rejection
    # emails"): it is matched like the rest of its sentence instead of being dropped.
    mixed = {i for i in risky_clauses if probabilities and probabilities[i].get(ORDINARY, 0.0) >= MIXED_ORDINARY}
    mixed |= {i for i in risky_clauses if i < len(first.benign) and first.benign[i] >= MIXED_BENIGN}
    # AI already running in a risky way is still a use case to govern (the risky part is answered on its own).
    mixed |= {i for i in risky_clauses if parts[i].in_use}
    reading = read_wishes(parts, clause_vectors, risky_clauses - mixed, risky_sentences) if risky else first
    # Whole sentences last: the tuned model's sure reading of a sentence whose clauses showed no ask it knows.
    found = _without_echoes(with_sentence_view(parts, reading.wishes, reading.excluded, risky_sentences))
    asked = {w.phrase for w in found}
    openers = _openers(parts)
    constraints = [
        c.text
        for i, c in enumerate(parts)
        if _protects(c, i in risky_clauses or bool({c.text, c.sentence} & asked) or c.sentence in risky_sentences)
        or (i in openers and _sets_limit(c, own.limits))
    ]
    running = {c.text for c in parts if c.in_use}
    wishes = [w.model_copy(update={"in_use": True}) if w.phrase in running else w for w in found]
    return Asks(wishes, _one_per_flag(risky), list(dict.fromkeys(constraints)), reading.excluded)


# A later clause of an answer that opens on a pronoun comments on what came before ("The rota, it takes me half of
# Sunday"): it asks for nothing new.
_COMMENT = re.compile(r"^\W*(?:it|it's|they|they're|that|that's|this|which|he|she|these|those)\b", re.I)


def _openers(parts: list[Clause]) -> set[int]:
    """The index of each sentence's first clause."""
    first: dict[str, int] = {}
    for i, clause in enumerate(parts):
        first.setdefault(clause.sentence, i)
    return set(first.values())


def _answering(parts: list[Clause], answers: set[str] | frozenset[str]) -> list[Clause]:
    """The clauses of an answer to "what should AI help with?": each clause of the answering sentences asks
    ("Staff plan and room prices."), but for one that refuses or names the business (its place or trade: "Payment
    institution in Tallinn")."""
    openers = _openers(parts)
    return [
        replace(c, wants=True)
        if c.sentence in answers
        and (c.text == c.sentence or not _COMMENT.match(c.text) or i in openers)
        and not c.refuses
        and not find_locations(c.text)[0]
        and read_industry(c.text)[0] is None
        else c
        for i, c in enumerate(parts)
    ]


# A custom wish that points back at what the owner said before ("has anyone used AI to draft them?", "how can I
# find these groups with AI?") asks for that again, not for something new. On writers left out in three folds,
# requested precision 0.722 -> 0.726 at the same recall (0.870); found on the forum posts of heldout16 after they
# were measured.
# A task verb on a pronoun ("draft them") is the clause reader's own pointer; these are the other ways back.
_POINTS_BACK = re.compile(
    r"\b(?:them|these|those|this)\b|\bthat\s+(?:stuff|thing|lot|job|work|side|part)\b|\bthat$", re.I
)


def _without_echoes(wishes: list[Wish]) -> list[Wish]:
    """The wishes less each custom one that points back, in a message where a catalogue ask was read: questions
    to peers and closing lines restate the ask told before them."""
    if not any(w.use_case for w in wishes):
        return wishes
    return [w for w in wishes if w.use_case or not _points_back(w.title or "")]


def _points_back(title: str) -> bool:
    return bool(_POINTER.search(title) or _POINTS_BACK.search(title))


def _vectors(parts: list[Clause]) -> np.ndarray | None:
    """Clause vectors; a clause of one or two words that neither asks, complains nor holds a risk word is left
    out (zero vector). A longer statement is embedded: the classifier learnt from owner sentences can tell an
    ask said as a fact ("claim forms take our office days to fill in")."""
    needed = [i for i, c in enumerate(parts) if c.wants or c.pain or any_cue(c.text) or len(c.text.split()) >= 3]
    embedded = embed_clauses(tuple(without_timing(parts[i].text) for i in needed))  # when is not what
    if embedded is None:
        return None if reader_embedder() is None else np.zeros((len(parts), DIMENSIONS), dtype=np.float32)
    vectors = np.zeros((len(parts), DIMENSIONS), dtype=np.float32)
    if needed:
        vectors[needed] = embedded
    return vectors


def _whole_sentences(parts: list[Clause]) -> list[Clause]:
    """Each sentence that was split into several clauses, as one clause of its own."""
    return [
        Clause(sentence, sentence, any(c.wants for c in group), any(c.refuses for c in group), False)
        for sentence, group in clauses_by_sentence(parts).items()
        if len(group) > 1
    ]


# A sentence that opens by pointing back at the one before goes on with its practice ("I've bought cameras that
# watch the drivers. I'll use them to rank drivers and dock the worst ones' shifts").
_GOES_ON = re.compile(
    r"^\W*(?:(?:i|we)(?:'ll| will|'d| would| then| can| could)? (?:use|put|feed|link|connect|combine|send) "
    r"(?:it|them|this|that|those|these)|(?:it|they|this|that|these|those) (?:will|would|could|can|then|also)|"
    r"then (?:i|we|it|they)|that way|(?:and )?with (?:it|them|that|this|those|these)|from (?:it|that|this|those))\b",
    re.I,
)


def _continued(parts: list[Clause]) -> list[Clause]:
    """Each sentence that points back at the sentence before, joined to it as one clause (for risk only: the
    practice and what it is used for can sit in two sentences)."""
    groups = clauses_by_sentence(parts)
    sentences = list(groups)
    refused = refused_sentences(parts)  # a pitch turned down stays turned down when joined
    return [
        Clause(
            f"{before} {after}",
            f"{before} {after}",
            any(c.wants for c in groups[before] + groups[after]),
            any(c.refuses for c in groups[before] + groups[after]),
            False,
        )
        for before, after in pairwise(sentences)
        if _GOES_ON.match(after) and not {before, after} & refused
    ]


def _flags_of(sentence: str, risky: list[RiskyWish]) -> list[str]:
    return [r.flag for r in risky if r.phrase in sentence]


def _one_per_flag(risky: list[RiskyWish]) -> list[RiskyWish]:
    seen: dict[str, RiskyWish] = {}
    for wish in risky:
        seen.setdefault(wish.flag, wish)
    return list(seen.values())


# "Without" that describes the task or the trouble ("fail without warning", "without anyone typing them") protects
# nothing.
_PLAIN_WITHOUT = re.compile(
    r"\bwithout (?:any )?(?:warning|notice|(?:any|some)one|(?:any|some)body|us|me|having to|needing to|"
    r"(?:calling|typing|writing|chasing|asking)\b)",
    re.I,
)


def _protects(clause: Clause, is_ask: bool) -> bool:
    # A sentence that is itself a request or a risky wish is never quoted back as a constraint.
    if is_ask:
        return False
    hits = {m.group(0).lower() for m in _PROTECT.finditer(clause.text)}
    if hits == {"without"} and _PLAIN_WITHOUT.search(clause.text):
        return False
    return bool(_PROTECT.search(clause.text)) and (is_negated(clause.text) or not clause.wants or _limits(clause))


def _sets_limit(opener: Clause, limits: frozenset[str]) -> bool:
    """Whether a sentence's first clause opens the owner's answer to a question after their limits (quoted.py)."""
    return opener.sentence in limits and not opener.refuses


def _limits(clause: Clause) -> bool:
    return bool(re.search(r"\b(must|has to|have to|only if|no more than|at most|stay|remain)\b", clause.text, re.I))


def warm_reader() -> None:
    """Compute the reader's phrasing vectors now (called at ingest), so the first draft does not pay for them."""
    warm_phrasings([use_case_index(), risk_index()])
    embedder = reader_embedder()
    if embedder is not None:  # trains (or loads) the classifiers' weights and the fine-tuned sentence model
        for classifier in (risk_classifier(), use_case_classifier()):
            classifier.probabilities(np.zeros((1, DIMENSIONS), dtype=np.float32), embedder)
        tuned_reader()
