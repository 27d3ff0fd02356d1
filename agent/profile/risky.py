"""Risky wishes: clauses that ask for a practice the plan must not carry out, found by words and by meaning."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from agent.profile.clauses import NO_WAY, NOT_WANTING, Clause, refused_sentences
from agent.profile.lexicon import PhraseMatcher, load_yaml
from agent.profile.semantic import PhrasingIndex, reader_embedder
from agent.retrieval.embeddings import Embedder
from agent.schemas import RiskyWish

# Calibrated on the dev split of evals/datasets/wishes (see evals/wishes_eval.py).
RISK_THRESHOLD = 0.48
RISK_MARGIN_OVER_BENIGN = 0.04  # a risky phrasing must beat the best catalogue phrasing by this much
RISK_PROBABILITY = 0.6  # the risk classifier's probability for a flag in a clause that asks
# The classifier, trained on owners' risky sentences too, is this sure and the fine-tuned model reads the same flag
# first: the flag stands without its critical words ("recognised our big spenders as they walked in"). Leave-one-
# writer-out recall 0.81 -> 0.84 at equal precision (linear classifier alone); 0.6 flagged ordinary asks as well.
RISK_SURE = 0.8
STATED_RISK_PROBABILITY = 0.9  # ... and in a clause that only states facts
ELEMENTS_TIE = 0.05  # flags named by elements in one clause and this close in meaning are all kept
SHORT_CLAUSE_WORDS = 4  # a clause this short, without the flag's cue words, is read with its sentence
STATED_RISK_EXTRA = 0.1  # a clause that does not ask (describes tools or data) needs this much more
# Saying what must not happen ("staff must not feel watched") is a constraint, not an ask.
_NEGATED = re.compile(
    rf"\b({NOT_WANTING}|"
    r"never want|would never|we'd never|won'?t|will not|must not|mustn'?t|"
    r"must never|should never|may never|can never|never to|will never|(?:i|we)'?ll never|i'?d never|never going to|"
    r"(?:i'?m|we'?re|am|are) not going to|refuse to|"
    r"(?:don'?t|do not|never) auto|"  # "dont auto cancel tho, i check them" keeps a person deciding
    r"should not|shouldn'?t|not allowed|avoid (?:anything|any|tools?|using|cameras|monitoring|tracking)|against|"
    rf"nothing that|{NO_WAY}|rather not|not interested|"
    # "so they don't need to book" tells what the ask spares others, and negates nothing the owner asks for
    r"(?<!\bthey )(?<!\bhe )(?<!\bshe )don'?t (?:like|need)|"
    r"without (?:making|letting(?! (?:\w+ ){1,2}(?:know|find out|notice|see))|spying|watching|"
    r"tracking|monitoring|cameras)|"
    # "no <means>" rules the means out ("no fingerprints or face scans", "there is no camera in the cab"); "no one"
    # and "no staff involvement" are not means, and stay what they are (secrecy, automation).
    r"no (?:\w+ )?(?:cameras?|cctv|dashcams?|webcams?|faces?|face scans?|facial|fingerprints?|fingers|biometrics?|"
    r"microphones?|mics?|recordings?|tracking|trackers?|gps))\b",
    re.I,
)


# A denial just before a phrase ("nobody knows we record", "nobody needs to know we record") keeps the practice as
# risky as it was.
_DENIED_BEFORE = re.compile(
    r"\b(?:never|not|nobody|no one|no-one|none of them)\s+(?:\w+\s+){0,3}$|n't\s+(?:\w+\s+){0,3}$"
)


@dataclass(frozen=True)
class RedFlag:
    """A practice the plan leaves out: why, the law, a safer route, and how owners ask for it."""

    id: str
    message: str
    ref: str
    phrases: tuple[str, ...]
    phrasings: tuple[str, ...] = ()
    alternative: str = ""
    cues: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    requires: tuple[tuple[str, ...], ...] = ()
    targets: tuple[str, ...] = ()
    also_requires: tuple[tuple[str, ...], ...] = ()  # a second set of critical elements that names the flag too
    instead: str = ""  # the neighbouring flag that `excludes` points to (staff's emotions, or customers')
    # Said anywhere in the message, these take away what makes the practice risky ("clients know we record").
    undone_by: tuple[str, ...] = ()

    def undone_in(self, text: str) -> bool:
        """Whether the message says the practice's risky element is absent."""
        lowered = " ".join(text.lower().replace("’", "'").split())
        return any(
            not _DENIED_BEFORE.search(lowered[: m.start()])
            for words in self.undone_by
            for m in re.finditer(rf"\b{re.escape(words)}", lowered)
        )

    @property
    def element_sets(self) -> list[tuple[tuple[str, ...], ...]]:
        """Each set of critical-element groups that names the flag when every group of it is present."""
        return [groups for groups in (self.requires, self.also_requires) if groups]

    def named_by_elements(self, text: str) -> bool:
        """Whether text holds a word of every critical-element group (the act and what makes it risky), and
        none of the words that point to a neighbouring flag."""
        if not any(_holds_all(groups, text) for groups in self.element_sets):
            return False
        return not self.excluded(text)

    def named_by_consequence(self, text: str) -> bool:
        """Whether text holds a word of every group of the second set, which names what the practice does to
        people ("rank drivers and dock the worst ones' shifts"), and none pointing to a neighbouring flag."""
        return bool(self.also_requires) and _holds_all(self.also_requires, text) and not self.excluded(text)

    def cued(self, text: str) -> bool:
        """Whether text holds one of the flag's critical words (any text does when the flag lists none) and
        none of the words that point to a neighbouring flag instead (customers' emotions, not staff's)."""
        has = not self.cues or bool(_word_starts(self.cues).search(text))
        return has and not self.excluded(text)

    def excluded(self, text: str) -> bool:
        """Whether text holds a word that points to a neighbouring flag instead."""
        return bool(self.excludes and _word_starts(self.excludes).search(text))

    def aimed(self, text: str) -> bool:
        """Whether text names whom or where the practice is aimed at (any text does when the flag lists none):
        by meaning alone, "a camera to spot cracked tiles" is near cameras in private rooms, but aimed at goods."""
        return not self.targets or bool(_word_starts(self.targets).search(text))


@lru_cache(maxsize=64)
def _word_starts(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + ")", re.I)


def any_cue(text: str) -> bool:
    """Whether a text holds a critical word of any red flag (only such clauses need a meaning-only check)."""
    return bool(_all_cues().search(text)) or any(f.named_by_elements(text) for f in red_flags().values())


@lru_cache(maxsize=1)
def _all_cues() -> re.Pattern[str]:
    return _word_starts(tuple(sorted({c for f in red_flags().values() for c in f.cues})))


@lru_cache(maxsize=1)
def red_flags() -> dict[str, RedFlag]:
    """All red flags by id, from knowledge/lexicon/red_flags.yaml."""
    data = load_yaml("red_flags")
    return {
        key: RedFlag(
            key,
            str(v["message"]),
            str(v["ref"]),
            tuple(str(p).lower() for p in v.get("phrases") or ()),
            tuple(str(p) for p in v.get("phrasings") or ()),
            str(v.get("alternative") or ""),
            tuple(str(c).lower() for c in v.get("cues") or ()),
            tuple(str(c).lower() for c in v.get("excludes") or ()),
            tuple(tuple(str(w).lower() for w in group) for group in v.get("requires") or ()),
            tuple(str(t).lower() for t in v.get("targets") or ()),
            tuple(tuple(str(w).lower() for w in group) for group in v.get("also_requires") or ()),
            str(v.get("instead") or ""),
            tuple(str(u).lower() for u in v.get("undone_by") or ()),
        )
        for key, v in data.items()
    }


@lru_cache(maxsize=1)
def _keyword_matcher() -> PhraseMatcher:
    return PhraseMatcher({k: list(f.phrases) for k, f in red_flags().items()})


@lru_cache(maxsize=1)
def risk_index() -> PhrasingIndex:
    """Example phrasings of every red flag."""
    return PhrasingIndex("red-flags", {k: list(f.phrasings) for k, f in red_flags().items()})


def find_risky_wishes(
    clauses: list[Clause],
    vectors: np.ndarray | None,
    benign: list[float] | None = None,
    probabilities: list[dict[str, float]] | None = None,
) -> list[RiskyWish]:
    """Risky wishes in the clauses, one per flag, in order of appearance; `benign` holds each clause's best
    similarity to an ordinary catalogue phrasing, which a semantic risk match must beat. Each flag quotes the
    clause with the strongest evidence (named words over meaning alone, then the closer meaning);
    `probabilities` are the risk classifier's per clause."""
    found: dict[str, tuple[tuple[int, float], RiskyWish]] = {}
    scores = risk_index().scores(vectors, _embedder()) if vectors is not None else {}
    refused = refused_sentences(clauses)
    for i, clause in enumerate(clauses):
        if clause.sentence in refused:
            continue
        row = {flag: float(values[i]) for flag, values in scores.items()}
        found_in = _flags_in(clause, row, benign[i] if benign else 0.0)
        if not found_in and probabilities and not is_negated(clause.text):
            found_in = _classified(clause, probabilities[i], row, benign[i] if benign else 0.0)
        for flag_id, named in found_in:
            # Named: the shortest clause holding the words is the most precise quote; else the closest meaning.
            strength = (int(named), -len(clause.text) if named else row.get(flag_id, 0.0))
            if flag_id not in found or strength > found[flag_id][0]:
                found[flag_id] = (strength, risky_wish(clause.text, red_flags()[flag_id]))
    return [wish for _, wish in found.values()]


def _holds_all(groups: tuple[tuple[str, ...], ...], text: str) -> bool:
    """Whether text holds a word of every group."""
    return all(_word_starts(group).search(text) for group in groups)


def holds_elements(text: str, flag_ids: list[str]) -> bool:
    """Whether text holds words of two critical-element groups of one of the given flags (one group alone, such
    as a verb like "screen", is too common to tell)."""
    for groups in (groups for f in flag_ids for groups in red_flags()[f].element_sets):
        held = sum(bool(_word_starts(group).search(text)) for group in groups)
        if held >= min(2, len(groups)):
            return True
    return False


def is_negated(text: str) -> bool:
    """Whether a clause says what must not happen rather than asking for it."""
    return bool(_NEGATED.search(text))


def _flags_in(clause: Clause, scores: dict[str, float], benign: float) -> list[tuple[str, bool]]:
    """Flags in a clause, each with whether its words name it (True) or only its meaning does (False)."""
    if is_negated(clause.text):
        return []
    named = [m.id for m in _keyword_matcher().find(clause.text)]
    # What a practice does to people names it beside a neighbour the same means name ("cab cameras" and ranking the
    # drivers by them); elements alone give way to the neighbour closer in meaning.
    named += [f.id for f in red_flags().values() if f.named_by_consequence(clause.text) and f.id not in named]
    named += _closest(
        [f.id for f in red_flags().values() if f.named_by_elements(clause.text) and f.id not in named], scores
    )
    flags = [(flag_id, True) for flag_id in dict.fromkeys(named)]
    threshold = RISK_THRESHOLD + (0.0 if clause.wants else STATED_RISK_EXTRA)
    bar = max(threshold, benign + RISK_MARGIN_OVER_BENIGN)
    for flag_id, score in sorted(scores.items(), key=lambda kv: -kv[1]):
        if score >= bar and red_flags()[flag_id].cued(clause.text) and red_flags()[flag_id].aimed(clause.text):
            if flag_id not in named:
                flags.append((flag_id, False))
            break  # the nearest flag whose critical words are present
    return flags


def _classified(
    clause: Clause, probabilities: dict[str, float], scores: dict[str, float], benign: float = 0.0
) -> list[tuple[str, bool]]:
    """The classifier's flag for a clause no other evidence flagged, when it is confident and the flag's
    critical words are present, or its nearest phrasing names the same flag and is nearer than any ordinary use
    case's (two views agreeing stand in for words no list holds: "whether their blurry vision means glaucoma"
    asks for a diagnosis; "an AI scribe for session notes" is nearer the ordinary scribe)."""
    if not probabilities:
        return []
    flags = {k: v for k, v in probabilities.items() if k in red_flags()}  # leaves out the ordinary class
    if not flags:
        return []
    flag_id, probability = max(flags.items(), key=lambda kv: kv[1])
    needed = RISK_PROBABILITY if clause.wants else STATED_RISK_PROBABILITY
    flag = red_flags()[flag_id]
    nearest = max(scores.items(), key=lambda kv: kv[1], default=("", 0.0))
    bar = max(RISK_THRESHOLD, benign + RISK_MARGIN_OVER_BENIGN)
    agreed = nearest[0] == flag_id and nearest[1] >= bar and clause.wants
    if probability < needed or not flag.aimed(clause.text):
        return []  # before asking the tuned model: most clauses end here
    first = _tuned_first(clause.text)
    sure = clause.wants and probability >= RISK_SURE and not flag.excluded(clause.text) and first in ("", flag_id)
    cued = flag.cued(clause.text)
    worded = cued or (agreed and not flag.excluded(clause.text)) or sure
    # Meaning alone flags nothing the fine-tuned model reads as an ordinary task ("score each applicant's chance of
    # approval" is credit pre-screening, a high-risk use the plan governs, not social scoring), nor a clause too
    # short to name a practice whose sentence it reads as one ("predict who'll quit and send them emails").
    short = not cued and clause.text != clause.sentence and len(clause.text.split()) <= SHORT_CLAUSE_WORDS
    plain = first not in ("", *red_flags()) or (short and _tuned_first(clause.sentence) not in ("", *red_flags()))
    return [(flag_id, False)] if worded and not plain else []


def _tuned_first(text: str) -> str:
    """The fine-tuned model's first class for a text (a use case, a red flag or NONE); "" without the model."""
    from agent.profile.tuned import tuned_reader  # the tuned model's training reads the red flags from here

    model = tuned_reader()
    if model is None:
        return ""
    return model.classes[int(np.argmax(model.probabilities([text])[0]))]


def _closest(flag_ids: list[str], scores: dict[str, float]) -> list[str]:
    """Of several flags whose elements one clause holds, those nearly as close in meaning as the closest: the
    same words can name neighbouring practices ("cab cameras that film faces" is not face recognition)."""
    if len(flag_ids) < 2 or not scores:
        return flag_ids
    best = max(scores.get(f, 0.0) for f in flag_ids)
    return [f for f in flag_ids if scores.get(f, 0.0) >= best - ELEMENTS_TIE]


def for_whom(wish: RiskyWish, sentence: str) -> RiskyWish:
    """The risky wish under the flag its sentence aims at: a reading by meaning that found emotion recognition
    at work in "a camera that reads which callers are fuming" is the neighbouring flag for customers. Only when
    the sentence names whom one flag excludes and none whom the other does; otherwise the reading stands."""
    flag = red_flags()[wish.flag]
    other = red_flags().get(flag.instead)
    if other is None or not flag.excluded(sentence) or other.excluded(sentence):
        return wish
    return risky_wish(wish.phrase, other)


def risky_wish(phrase: str, flag: RedFlag) -> RiskyWish:
    """The risky wish of a flag, quoting the owner's phrase."""
    return RiskyWish(phrase=phrase, flag=flag.id, why=flag.message, ref=flag.ref, alternative=flag.alternative)


def _embedder() -> Embedder:
    embedder = reader_embedder()
    assert embedder is not None  # vectors exist only when an embedder does
    return embedder
