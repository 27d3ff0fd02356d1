"""The owner's wishes: clauses that ask for something, matched to catalogue use cases by words or by meaning,
or kept as custom wishes when the catalogue lacks them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from agent.config import PROJECT_ROOT
from agent.profile.classifier import PhrasingClassifier
from agent.profile.clauses import _POINTER, WANT, Clause
from agent.profile.lexicon import matcher
from agent.profile.owner_examples import NONE, owner_examples, with_examples
from agent.profile.risky import is_negated
from agent.profile.semantic import PhrasingIndex, SemanticHit, reader_embedder
from agent.profile.wages import find_hourly_wage
from agent.retrieval.documents import KnowledgeDoc
from agent.schemas import Wish

# Calibrated on the dev split of evals/datasets/wishes (see evals/wishes_eval.py).
WANT_THRESHOLD = 0.46  # a clause that asks ("we'd like ...") needs this similarity to a use case's phrasing
VAGUE_WANT_THRESHOLD = 0.5  # an ask that names no task ("results before Christmas") needs more
PAIN_THRESHOLD = 0.45  # a clause that only complains ("over 150 calls a day")
STATED_THRESHOLD = 0.85  # a clause that only states facts needs to be nearly a paraphrase
MARGIN = 0.03  # over the runner-up use case
RISKY_SENTENCE_THRESHOLD = 0.55  # a clause beside a risky ask must be clearly an ordinary use case
# An ask below the threshold still matches when most of its nearest phrasings agree on one use case.
NEIGHBOURS = 5
NEIGHBOUR_VOTES = 3
NEIGHBOUR_FLOOR = 0.33
USE_CASE_PROBABILITY = 0.6  # the use-case classifier's confidence that stands in for the neighbours' vote
STATED_AGREED_FLOOR = 0.4  # a complaint that does not ask needs this similarity as well as both agreements
LONE_VOTE = 1  # of a near-tie, the use case only this many nearest phrasings name is dropped beside a majority
PAIN_CLEAR = 0.05  # a complaint this far above its threshold needs no neighbours' or classifier's agreement
KEYWORD_BOOST = 0.04  # per keyword of the use case found in the clause (at most two)
# Learnt from owner examples: a use case the classifier is this sure of (against every use case and NONE) is the
# ask even when another use case's phrasing is nearer, given this much similarity to its own phrasings; a clause
# that neither asks nor complains needs most of its nearest phrasings to agree as well. Chosen by 5-fold
# cross-validation on the owner examples (`python -m evals wishes-cv`: train on four fifths, read the rest), not on
# held-out sentences; at 716 examples the classifier is reliable at half the confidence it needed at 367.
LEARNT_PROBABILITY = 0.5
STATED_LEARNT_PROBABILITY = 0.85  # a clause that only states facts ("a loyalty app with 4,000 members") is no ask
LEARNT_FLOOR = 0.35
# Two views agreeing: the nearest phrasing's use case is also the classifier's first choice. Each view alone is
# weak on words it has not seen; their agreement is evidence no single threshold sees (the weakest the reader
# takes: it reads a sentence's ask only when nothing stronger did).
AGREE_FLOOR = 0.38
AGREE_PROBABILITY = 0.12
# Verbs of a task an AI tool could take on: a wish the catalogue lacks is kept when it names one.
_TASK = re.compile(
    r"\b(automat\w*|draft\w*|writ\w*|summari[sz]\w*|transcrib\w*|predict\w*|forecast\w*|answer\w*|sort\w*|"
    r"classif\w*|extract\w*|read\w*|scan\w*|check\w*|detect\w*|flag\w*|spot\w*|recommend\w*|suggest\w*|"
    r"match\w*|schedul\w*|translat\w*|generat\w*|creat\w*|analy[sz]\w*|scor\w*|rank\w*|tag\w*|remind\w*|"
    r"chas\w*|personali[sz]\w*|fill\w*|prepar\w*|produc\w*|triag\w*|estimat\w*|quot\w*|optimi[sz]\w*|"
    r"find\w*|identif\w*|captur\w*|log\w*|updat\w*|design\w*|plan\w*)\b",
    re.I,
)
# "We'd like to know which members will leave": knowing ahead is the task of a prediction, so the ask may match
# as loosely as one that names its verb (it is no title for a custom wish, though).
_KNOW_AHEAD = re.compile(
    r"\bknow\s+(?:which|whether|who|how (?:many|much|long)|when|in advance|ahead|beforehand|early)\b", re.I
)
_MAIN = re.compile(r"\b(main|biggest|most important|top|first|priority|above all|especially)\b", re.I)
_LEAD = re.compile(
    r"^.*?\b(?:want|wants|would (?:also )?(?:like|love)|'d (?:also )?(?:like|love)|(?:also )?need|needs|"
    r"interested in|looking (?:at|for|into)|"
    r"thinking (?:about|of)|considering|hope|hoping|keen on|plan to|planning to|wish)\b\s*(?:to\s+)?"
    r"(?:(?:use|get|have|try|find)\s+)?(?:(?:an?\s+)?(?:ai|a tool|software|something|an app)\s+"
    r"(?:that|which|to)?\s*(?:can\s+|could\s+|would\s+)?)?(?:help\s+(?:us\s+|me\s+)?(?:with\s+|to\s+)?)?",
    re.I,
)


@dataclass(frozen=True)
class WishReading:
    """What the clauses ask for and rule out."""

    wishes: list[Wish]
    excluded: list[str]
    benign: list[float]  # per clause, the best similarity to any catalogue phrasing


def _use_case_docs() -> list[KnowledgeDoc]:
    # The planner's catalogue is loaded (and cached) once per process; the reader shares its parsed files.
    from agent.planning.catalogue import load_catalogue

    docs = load_catalogue(PROJECT_ROOT / "knowledge").docs.values()
    return sorted((d for d in docs if d.kind == "use_case"), key=lambda d: d.id)


@lru_cache(maxsize=1)
def use_case_phrasings() -> dict[str, list[str]]:
    """Example owner phrasings per catalogue use case (front matter `phrasings:`), with each title."""
    return {d.id: [d.title, *[str(p) for p in d.meta.get("phrasings") or ()]] for d in _use_case_docs()}


@lru_cache(maxsize=1)
def use_case_keywords() -> dict[str, re.Pattern[str]]:
    """Each use case's front-matter keywords as one whole-word pattern (the exact-word half of the match)."""
    out = {}
    for doc in _use_case_docs():
        words = [re.escape(str(k).lower()) for k in doc.meta.get("keywords") or ()]
        if words:
            out[doc.id] = re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)
    return out


def _boosted_hit(text: str, scores: dict[str, float]) -> SemanticHit:
    """The best use case for a clause: similarity, raised a little for each of the use case's keywords present."""
    keywords = use_case_keywords()
    boosted = {
        uc: score + KEYWORD_BOOST * min(2, len(set(keywords[uc].findall(text)))) if uc in keywords else score
        for uc, score in scores.items()
    }
    ranked = sorted(boosted.items(), key=lambda kv: -kv[1])
    second = ranked[1] if len(ranked) > 1 else ("", 0.0)
    return SemanticHit(ranked[0][0], ranked[0][1], second[1], "", second[0])


@lru_cache(maxsize=1)
def use_case_classifier() -> PhrasingClassifier:
    """A softmax classifier over the catalogue use cases and NONE (no catalogue ask), trained on their phrasings
    and the labelled owner examples."""
    return PhrasingClassifier("use-cases", with_examples(use_case_phrasings(), owner_examples(), none=True))


@lru_cache(maxsize=1)
def use_case_index() -> PhrasingIndex:
    """The phrasing index over catalogue use cases. Owner examples stay out of it: as nearest phrasings they
    raised false matches as much as true ones (5-fold cross-validation on the examples)."""
    return PhrasingIndex("use-cases", use_case_phrasings())


def read_wishes(
    clauses: list[Clause], vectors: np.ndarray | None, risky: set[int], risky_sentences: set[str] | None = None
) -> WishReading:
    """Wishes in order (a clause naming its main ask first), use cases ruled out, and per-clause similarity to
    the catalogue; clauses in `risky` (indexes) never become semantic wishes, nor anything in `risky_sentences`
    a custom wish."""
    hits: list[SemanticHit | None] = [None] * len(clauses)
    raw = [0.0] * len(clauses)
    votes: list[dict[str, int]] = [{} for _ in clauses]
    confident = [""] * len(clauses)
    first_choice: list[tuple[str, float]] = [("", 0.0)] * len(clauses)
    learnt: list[tuple[str, float] | None] = [None] * len(clauses)
    if vectors is not None:
        embedder = reader_embedder()
        assert embedder is not None
        scores = use_case_index().scores(vectors, embedder)
        votes = use_case_index().votes(vectors, embedder, NEIGHBOURS)
        first_choice = _first_choices(vectors)
        confident = [uc if probability >= USE_CASE_PROBABILITY else "" for uc, probability in first_choice]
        rows = [{k: float(v[i]) for k, v in scores.items()} for i in range(len(clauses))]
        hits = [_boosted_hit(clause.text, row) for clause, row in zip(clauses, rows, strict=True)]
        raw = [max(row.values(), default=0.0) for row in rows]
        learnt = [
            _learnt(c, row, votes[i], first_choice[i]) for i, (c, row) in enumerate(zip(clauses, rows, strict=True))
        ]
    wishes: list[tuple[tuple[int, int], Wish]] = []  # (rank, clause index): the main ask first, then text order
    fallback: dict[str, tuple[int, Wish]] = {}  # per sentence, its first clause read by the views' agreement alone
    excluded: list[str] = []
    risky_sentences = (risky_sentences or set()) | {clauses[i].sentence for i in risky}
    for i, clause in enumerate(clauses):
        named = [m.id for m in matcher("use_cases").find(clause.text)]
        if clause.refuses:
            excluded += named
            continue
        support = (votes[i], confident[i])
        found = _wishes_in(clause, named, hits[i], support, i in risky, clause.sentence in risky_sentences)
        agreed = _agreed(clause, hits[i], votes[i], confident[i])
        custom_only = bool(found) and all(w.use_case is None for w in found)
        near_risk = i in risky or clause.sentence in risky_sentences
        if (not found or custom_only) and agreed and not near_risk:
            found = [_semantic(clause, hits[i].id, hits[i].score)]  # type: ignore[union-attr]
        elif (not found or custom_only) and not near_risk and _views_agree(clause, hits[i], first_choice[i]):
            fallback.setdefault(clause.sentence, (i, _semantic(clause, hits[i].id, hits[i].score)))  # type: ignore[union-attr]
        reading = learnt[i]
        if reading and not (near_risk or _named_kept(found)):
            # the classifier's sure reading replaces a custom wish or a nearer but unsure use case
            found = found if reading[0] in {w.use_case for w in found} else [_semantic(clause, *reading)]
        if found and found[0].use_case is None and _custom_redundant(clause, hits[i], wishes, risky_sentences):
            found = []
        wishes += [((_rank(clause), i), w) for w in found]
    # The views' agreement is the weakest evidence: it reads a sentence's ask only when nothing stronger did.
    asked = {w.phrase for _, w in wishes if w.use_case}
    for i, wish in fallback.values():
        if not any(clause.text in asked for clause in clauses if clause.sentence == clauses[i].sentence):
            wishes = [(rank, w) for rank, w in wishes if not (w.use_case is None and w.phrase in clauses[i].sentence)]
            wishes.append(((_rank(clauses[i]), i), wish))
    ordered = [w for _, w in sorted(wishes, key=lambda rw: rw[0])]
    return WishReading(_dedupe(ordered, excluded), list(dict.fromkeys(excluded)), raw)


def _rank(clause: Clause) -> int:
    """Where a clause's wishes go: one that names its main ask first, then asks, then complaints and facts."""
    return 0 if _MAIN.search(clause.text) else (1 if clause.wants else 2)


def _wishes_in(
    clause: Clause,
    named: list[str],
    hit: SemanticHit | None,
    support: tuple[dict[str, int], str],
    risky: bool,
    near_risk: bool,
) -> list[Wish]:
    if clause.wants and named:
        found = [Wish(phrase=clause.text, use_case=uc, matched_by="keyword") for uc in named]
        # "personalised newsletters and product recommendations": a second ask beside the named one, by meaning
        if hit is not None and hit.id not in named and not risky and hit.score >= _threshold(clause) + 0.15:
            found.append(_semantic(clause, hit.id, hit.score))
        return found
    if risky or (near_risk and not _own_ask(clause) and (hit is None or hit.score < RISKY_SENTENCE_THRESHOLD)):
        return []  # the rest of a sentence that asks for something risky is mostly its means, not a new ask
    matched = hit is not None and _long_enough(clause) and hit.score >= _threshold(clause)
    if hit is not None and matched and _supported(clause, hit, support):
        if hit.margin >= MARGIN:
            return [_semantic(clause, hit.id, hit.score)]
        if hit.runner_up >= _threshold(clause) + 0.05:
            return _close_pair(clause, hit, support[0])
    if clause.wants and _verb_task(clause.text):
        title = custom_title(clause.text)
        if title:
            return [Wish(phrase=clause.text, title=title, matched_by="custom", score=0.0)]
    return []


def _supported(clause: Clause, hit: SemanticHit, support: tuple[dict[str, int], str]) -> bool:
    """An ask matches on similarity alone; a clause that only complains ("customers ring off") is near several
    use cases at once, so its best one must also lead among its nearest phrasings, and be most of them, the
    classifier's confident choice or clearly above the complaint threshold."""
    votes, confident = support
    if clause.wants or not votes:
        return True
    mine = votes.get(hit.id, 0)
    corroborated = mine >= NEIGHBOUR_VOTES or confident == hit.id or hit.score >= PAIN_THRESHOLD + PAIN_CLEAR
    return mine >= max(votes.values()) and corroborated


def _close_pair(clause: Clause, hit: SemanticHit, votes: dict[str, int]) -> list[Wish]:
    """Two use cases nearly tied on one ask: both ("class descriptions and newsletters"), unless most of the
    nearest phrasings name one and at most one names the other (a shared word such as "tickets" made the tie)."""
    pair = [(hit.id, hit.score), (hit.second, hit.runner_up)]
    for (uc, score), (other, _) in (pair, pair[::-1]):
        if votes.get(uc, 0) >= NEIGHBOUR_VOTES and votes.get(other, 0) <= LONE_VOTE:
            return [_semantic(clause, uc, score)]
    return [_semantic(clause, uc, score) for uc, score in pair]


def _first_choices(vectors: np.ndarray) -> list[tuple[str, float]]:
    """Per clause, the classifier's first choice (a use case or NONE) with its probability."""
    embedder = reader_embedder()
    assert embedder is not None
    classifier = use_case_classifier()
    table = classifier.probabilities(vectors, embedder)
    return [(classifier.classes[int(np.argmax(row))], float(row.max())) for row in table]


def _views_agree(clause: Clause, hit: SemanticHit | None, first_choice: tuple[str, float]) -> bool:
    """An ask or complaint whose nearest phrasing and the classifier's first choice name the same use case."""
    if hit is None or not may_ask(clause):
        return False
    if not (clause.wants or clause.pain) or first_choice[0] != hit.id:
        return False
    return hit.score >= AGREE_FLOOR and first_choice[1] >= AGREE_PROBABILITY


def _learnt(
    clause: Clause, scores: dict[str, float], votes: dict[str, int], first_choice: tuple[str, float]
) -> tuple[str, float] | None:
    """The use case the classifier is sure of, when the clause is near enough its phrasings; a clause that neither
    asks nor complains needs a surer classifier and most of its nearest phrasings to agree as well."""
    use_case, probability = first_choice
    if use_case in ("", NONE) or not may_ask(clause):
        return None
    score = scores.get(use_case, 0.0)
    if score < LEARNT_FLOOR:
        return None
    if clause.wants or clause.pain:
        return (use_case, score) if probability >= LEARNT_PROBABILITY else None
    stated = probability >= STATED_LEARNT_PROBABILITY and votes.get(use_case, 0) >= NEIGHBOUR_VOTES
    return (use_case, score) if stated else None


def may_ask(clause: Clause) -> bool:
    """Whether a clause can carry an ask read by meaning: it is not withheld, and is long enough."""
    return not withheld(clause) and _long_enough(clause)


def withheld(clause: Clause) -> bool:
    """Whether a clause refuses, negates or only names a sum to spend: no ask is read in its words, alone or as
    part of its sentence. "We can spend EUR 10,000 and would like results by May" is about budget; "8k sitting in
    stock and we still run out of screws" complains (three folds: requested recall 0.870 -> 0.871)."""
    if clause.refuses or is_negated(clause.text):
        return True
    money = bool(_MONEY.search(clause.text) or find_hourly_wage(clause.text))
    return money and not _verb_task(clause.text) and not clause.pain


def _named_kept(found: list[Wish]) -> bool:
    """Whether the clause's wishes include one matched by its words (kept over any reading by meaning)."""
    return any(w.matched_by == "keyword" for w in found)


def _agreed(clause: Clause, hit: SemanticHit | None, votes: dict[str, int], confident: str) -> bool:
    """A clause whose best use case is below its threshold, but agreed on by most of its nearest phrasings or
    by the classifier (an ask), or by both (a complaint; a clause that only states facts never is)."""
    if hit is None or not may_ask(clause):
        return False
    voted, classified = votes.get(hit.id, 0) >= NEIGHBOUR_VOTES, confident == hit.id
    if clause.wants:
        return hit.score >= NEIGHBOUR_FLOOR and (voted or classified)
    return clause.pain and hit.score >= STATED_AGREED_FLOOR and voted and classified


def _own_ask(clause: Clause) -> bool:
    """Whether a clause asks in its own words ("next we want deal-risk scoring"), not only by carrying on the
    ask of its sentence: beside a risky ask it is a second ask, not the risky one's means. An item of a list of
    asks ("we want X, Y and Z") is an ask of its own too."""
    return clause.listed or bool(WANT.search(clause.text))


def _custom_redundant(
    clause: Clause, hit: SemanticHit | None, wishes: list[tuple[tuple[int, int], Wish]], risky_sentences: set[str]
) -> bool:
    """A custom wish is noise in a sentence that asks for something risky, or when it only elaborates an ask
    already matched in the same sentence ("review contracts and flag unusual clauses")."""
    if clause.sentence in risky_sentences:
        return True
    same = {w.use_case for _, w in wishes if w.use_case and w.phrase in clause.sentence}
    return hit is not None and hit.score >= 0.4 and bool({hit.id, hit.second} & same)


_MONEY = re.compile(
    r"[€$£]\s?\d|\b(?:eur|usd|gbp|cad|aud|nzd|chf)\s?\d|\b\d[\d,.]*\s?(?:k|eur|usd|gbp|cad|aud|chf|euros?|dollars?|pounds?)\b",
    re.I,
)


def _long_enough(clause: Clause) -> bool:
    # Two words carry meaning only as an ask that starts with its verb ("recommend classes"), not "our plans".
    words = clause.text.split()
    return len(words) >= 3 or (clause.wants and len(words) == 2 and bool(_TASK.fullmatch(words[0])))


def _semantic(clause: Clause, use_case: str, score: float) -> Wish:
    return Wish(phrase=clause.text, use_case=use_case, matched_by="semantic", score=round(min(score, 1.0), 3))


def _threshold(clause: Clause) -> float:
    if clause.wants:  # an ask that names a task may match loosely; "we'd like results by May" may not
        task = _verb_task(clause.text) or bool(_KNOW_AHEAD.search(clause.text))
        return WANT_THRESHOLD if task else VAGUE_WANT_THRESHOLD
    return PAIN_THRESHOLD if clause.pain else STATED_THRESHOLD


def custom_title(phrase: str) -> str | None:
    """A short title for a wish from the owner's words: the ask without its lead-in ('we'd like AI to ...')."""
    core = _LEAD.sub("", phrase, count=1).strip(" ,.;:!?")
    words = core.split()
    if len(words) < 2 or words[0].lower() in _PRONOUNS or not _verb_task(core):
        return None
    if len(words) <= 3 and any(w.lower().strip(".,!?") in _OBJECT_PRONOUNS for w in words[1:]):
        return None  # "draft them", "help with that": a pointer back to the clause before, not a wish
    if _POINTER.search(core) and _POINTER.search(core).start() < len(" ".join(words[:4])):  # type: ignore[union-attr]
        return None  # "AI could draft them for us to check": the same pointer, said at more length
    title = " ".join(words[:9])
    return title[0].upper() + title[1:]


def loose_title(sentence: str) -> str:
    """A title for an ask told in the owner's own words: its asking part (the piece after "I'd like", or else
    the last piece of the sentence), without the lead-in, nine words at most."""
    pieces = [p for p in re.split(r"\s*(?:[,;:.?!]|\s[—–-]\s)\s*", sentence) if len(p.split()) >= 2] or [sentence]
    asking = [p for p in pieces if _LEAD.match(p)] or pieces[-1:]
    core = _LEAD.sub("", asking[0], count=1).strip(" ,.;:!?")
    if not core or core.split()[0].lower() in {"for", "with", "on", "about", "to"}:
        core = asking[0]  # "want an app for our loyalty stamps" says more whole than as "for our loyalty stamps"
    words = core.split()[:9]
    while len(words) > 2 and words[-1].lower() in _DANGLING:  # "... of the leaf which": end on a word that says
        words.pop()
    title = " ".join(words)
    return title[0].upper() + title[1:]


_DANGLING = {"which", "what", "that", "the", "a", "an", "of", "to", "for", "and", "or", "on", "in", "with", "my", "our"}


_PRONOUNS = {"that", "it", "this", "them", "those", "these", "they", "so", "our", "my", "the"}


_OBJECT_PRONOUNS = {"them", "it", "that", "this", "those", "these"}
_DETERMINERS = {"our", "my", "the", "a", "an", "your", "their", "any", "this", "these", "those", "its"}


def _verb_task(text: str) -> bool:
    """A task word used as a verb ("write job ads"), not as a noun after a determiner ("our plans")."""
    for match in _TASK.finditer(text):
        before = text[: match.start()].split()
        if not before or before[-1].lower() not in _DETERMINERS:
            return True
    return False


def _dedupe(wishes: list[Wish], excluded: list[str]) -> list[Wish]:
    seen: set[str] = set()
    out: list[Wish] = []
    for wish in wishes:
        key = wish.use_case or f"custom:{(wish.title or '').lower()}"
        if key in seen or (wish.use_case and wish.use_case in excluded):
            continue
        seen.add(key)
        out.append(wish)
    return out
