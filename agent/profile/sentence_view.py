"""The sentence view of the wish reader: whole sentences read by the reader's fine-tuned model (agent/profile/tuned.py).

The clause reader cuts a sentence into clauses and asks each one to show an ask or a complaint in words it knows
("we'd like", "takes hours"). Owners who only describe the trouble ("crooked labels keep slipping past the line")
pass no such gate, and a clause can lose the context its sentence gives. The sentence view adds the use case the
tuned model is sure of in each sentence the clause reader did not find, drops a lone reading by meaning the model
finds unlikely, reads the plain ask beside a risky one, and names a risky ask the cue words missed. Chosen by
leaving each of seven writers out in turn (`python -m evals wishes-lowo`: requested-use-case recall 0.57 with the
clause reader alone -> 0.79), then on ten writers left out in three folds (as `wishes-lowo --folds 3` does) for
the per-view reading, the asks beside a risky one and the risk bars: requested recall 0.78 -> 0.81 at precision
0.69 -> 0.67, risky recall 0.75 -> 0.85. Then an ask split over two neighbouring sentences is read from both
together, a sentence the model reads as an ask the catalogue lacks becomes a custom wish, and beside a red flag the
cue words found, the model's sure reading of its neighbouring flag is taken too."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from agent.profile.clauses import TASK_VERBS, WANT, Clause, clauses_by_sentence
from agent.profile.deadlines import without_timing
from agent.profile.owner_examples import CUSTOM, NONE
from agent.profile.risky import is_negated, red_flags, risky_wish
from agent.profile.semantic import embed_clauses, reader_embedder
from agent.profile.tuned import TunedReader, tuned_reader
from agent.profile.wishes import custom_title, loose_title, use_case_index, withheld
from agent.retrieval.embeddings import Embedder
from agent.schemas import RiskyWish, Wish

# All chosen by leave-one-writer-out cross-validation on the owner examples, never on a held-out split.
SENTENCE_PROBABILITY = 0.45  # the classifier's confidence in a sentence's use case that adds it as an ask
# A second use case in a sentence where the clause reader found one is most often its confusable neighbour ("throw
# away bread, and sell out by noon" is demand forecasting, and reads as stock optimisation too): it needs more.
HELD_PROBABILITY = 0.7
# The model learnt a sentence with a risky and a plain ask as half one, half the other: a share of a third is
# its own reading, not a neighbour's echo. 0.35 -> 0.3 once the model knew asks the catalogue lacks: risky recall
# 0.888 -> 0.896 and 0.892 -> 0.903 on two trainings' three folds, precision 0.772 -> 0.766 and 0.783 either way.
RISK_PROBABILITY_BY_SENTENCE = 0.3  # a red flag's share in a sentence that asks
RISK_PROBABILITY_UNASKED = 0.6  # ... and in one that only tells ("a camera over the tills that reads their mood")
BESIDE_RISK_PROBABILITY = 0.3  # a plain use case's share in a sentence holding a risky ask
# Beside a flag the cue words found, the model's sure reading of another (cue words name a neighbour: a face that
# shows how a customer feels reads as face recognition). Tuned on three folds of left-out writers with three extra
# writers in training that were later taken out: risky recall 0.915 -> 0.942 at 0.5 (0.6: 0.938; 0.4 and 0.3 no
# more, at less precision); the cue words' flag giving way under 0.2: precision 0.772 at 0.05, 0.777 at 0.2, 0.780
# at 0.3, and at 0.4 recall fell to 0.938. With the training that ships: risky 0.934 (precision 0.807).
RISK_BESIDE_FLAG_PROBABILITY = 0.5  # another red flag's share in a sentence where the cue words found one
RISK_OVERRULED_PROBABILITY = 0.2  # ... under which the cue words' flag there gives way to it
TAIL_WORDS = 4  # a shorter tail says too little to read on its own
# Two neighbouring sentences read as one: the ask some owners split between them ("We have 400 open deals.
# Honestly we don't know which of them are real."). On writers left out in three folds: requested recall 0.816 ->
# 0.833 at the same precision (0.702); 0.4 and 0.55 gave the same, runs of three sentences nothing more, and the
# same windows for risky asks no recall (0.907 either way) at a little precision.
WINDOW_PROBABILITY = 0.45
WINDOW_SENTENCES = 2  # the longest run of neighbouring sentences read together
# A lone reading by meaning that neither its clause nor its sentence gives this much is dropped: 0.05 -> 0.3 on
# writers left out in three folds, requested precision 0.67 -> 0.69 at the same recall (0.5 lost recall).
DENIED_PROBABILITY = 0.3
# The model's share for an ask the catalogue lacks, in a sentence where nothing else was read. On writers left out
# in three folds, the custom class in training alone: requested recall 0.841 -> 0.843; reading it at 0.5: 0.862 at
# the same precision (0.716); 0.4 gave no more recall at less precision, 0.6 a little less recall.
CUSTOM_PROBABILITY = 0.5
# The use case the model is all but sure of in one piece of a sentence (split at commas, dashes, "and", "plus"):
# the second ask of a sentence. On writers left out in three folds: requested recall 0.878 -> 0.885 at precision
# 0.733 -> 0.732 (0.8: 0.886 at 0.718; the held bar of 0.7 on the read held-out sets lost 0.027 precision).
PIECE_PROBABILITY = 0.9
ASKING_PIECE_PROBABILITY = 0.6  # ... in a piece that asks in its own words ("could AI write nicer descriptions")


_BREAK = re.compile(r"\s*(?:(?<!\d),|,(?!\d)|[;:]|\s[—–-]\s|—|–)\s*")  # not the comma of "3,000"


def with_sentence_view(parts: list[Clause], wishes: list[Wish], excluded: list[str], skip: set[str]) -> list[Wish]:
    """The clause reader's wishes less those the classifier denies, then the use case of each sentence the
    classifier is sure of and the clause reader did not find (a custom wish of that sentence gives way to it),
    then the plain asks beside a risky one. Sentences in `skip` (those holding a risky ask) are read for those
    alone; clauses that refuse or negate are never read."""
    sentences = _readable(parts, skip)
    embedder, model = reader_embedder(), tuned_reader()
    if embedder is None or model is None:
        return wishes
    if not sentences:
        taken = {w.use_case for w in wishes if w.use_case} | set(excluded)
        return wishes + _asks_beside_risk(model, embedder, parts, skip, taken)
    column = {name: n for n, name in enumerate(model.classes)}
    by_view = _sentence_views(model, sentences)
    by_sentence = _best_of_views(by_view)
    by_clause = model.probabilities([without_timing(w.phrase) for w in wishes])
    out = [
        wish
        for wish, own in zip(wishes, by_clause, strict=True)
        if not _denied(
            wish, own[column[wish.use_case]] if wish.use_case else 1.0, wishes, sentences, by_sentence, column
        )
    ]
    taken = {w.use_case for w in out if w.use_case} | set(excluded)
    scores = _similarities(sentences, embedder)
    for n, (sentence, views) in enumerate(zip(sentences, by_view, strict=True)):
        held = any(w.use_case and w.phrase in sentence for w in out)
        for use_case in _asked(model.classes, views, held):
            if use_case not in scores or use_case in taken:
                continue
            out = [w for w in out if not (w.use_case is None and w.phrase in sentence)]
            out.append(_sentence_wish(sentence, use_case, float(scores[use_case][n])))
            taken.add(use_case)
    out = _with_asks_in_pieces(model, sentences, scores, out, taken, _pieces)
    out += _asks_across_sentences(model, embedder, sentences, out, taken)
    out += _custom_asks(sentences, by_view, column, out)
    return out + _asks_beside_risk(model, embedder, parts, skip, taken)


def _with_asks_in_pieces(
    model: TunedReader,
    sentences: list[str],
    scores: dict[str, np.ndarray],
    found: list[Wish],
    taken: set[str],
    cut: Callable[[str], list[str]],
) -> list[Wish]:
    """The wishes found, with the use case the model is sure of in one piece of a sentence, quoted by that piece (a
    custom wish of the sentence gives way to it): the second or third ask of a sentence ("need help writing grant
    apps and working out which supporters might give monthly") has half a share or less in the whole, and no tail
    holds it alone when "and" joins it."""
    pieces = [(n, piece) for n, sentence in enumerate(sentences) for piece in cut(without_timing(sentence))]
    if not pieces:
        return found
    out, asked = [], set()
    for (n, piece), row in zip(pieces, model.probabilities([p for _, p in pieces]), strict=True):
        k = int(np.argmax(row))
        name = model.classes[k]
        bar = ASKING_PIECE_PROBABILITY if WANT.search(piece) else PIECE_PROBABILITY
        if row[k] >= bar and name in scores and name not in taken:
            out.append(_sentence_wish(piece if piece in sentences[n] else sentences[n], name, float(scores[name][n])))
            taken.add(name)
            asked.add(sentences[n])
    return [w for w in found if not (w.use_case is None and any(w.phrase in s for s in asked))] + out


def _custom_asks(
    sentences: list[str], by_view: list[np.ndarray], column: dict[str, int], found: list[Wish]
) -> list[Wish]:
    """A custom wish for each sentence the model reads as an ask the catalogue lacks ("cut the long videos into
    short clips"), sure enough, where nothing else was read: the clause reader's titles need a task verb it
    knows, and many owners ask in words of their own."""
    if CUSTOM not in column:  # a model with no class for such asks reads none
        return []
    out = []
    for sentence, views in zip(sentences, by_view, strict=True):
        if any(w.phrase in sentence or sentence in w.phrase for w in found):
            continue
        first = views.argmax(axis=1) == column[CUSTOM]
        if first.any() and float(views[first, column[CUSTOM]].max()) >= CUSTOM_PROBABILITY:
            title = custom_title(sentence) or loose_title(sentence)
            out.append(Wish(phrase=sentence, title=title, matched_by="custom", score=0.0))
    return out


def _asks_across_sentences(
    model: TunedReader, embedder: Embedder, sentences: list[str], found: list[Wish], taken: set[str]
) -> list[Wish]:
    """The use case the model is sure of in two neighbouring sentences read together, which neither names alone:
    one sentence gives the object ("400 open deals in HubSpot"), the next the trouble ("we don't know which are
    real"). A pair where either sentence already asks needs as much as a second ask in one sentence."""
    windows = [
        " ".join(sentences[start : start + size])
        for size in range(2, WINDOW_SENTENCES + 1)
        for start in range(len(sentences) - size + 1)
    ]
    if not windows:
        return []
    scores = _similarities(windows, embedder)
    out = []
    rows = model.probabilities([without_timing(window) for window in windows])
    for n, (window, row) in enumerate(zip(windows, rows, strict=True)):
        held = any(w.use_case and w.phrase in window for w in found)
        bar = max(WINDOW_PROBABILITY, HELD_PROBABILITY if held else 0.0)
        k = int(np.argmax(row))
        name = model.classes[k]
        if name != NONE and row[k] >= bar and name in scores and name not in taken:
            out.append(_sentence_wish(window, name, float(scores[name][n])))
            taken.add(name)
    return out


def _sentence_wish(sentence: str, use_case: str, similarity: float) -> Wish:
    return Wish(phrase=sentence, use_case=use_case, matched_by="semantic", score=round(min(similarity, 1.0), 3))


def _asks_beside_risk(
    model: TunedReader, embedder: Embedder, parts: list[Clause], skip: set[str], taken: set[str]
) -> list[Wish]:
    """The plain asks of sentences holding a risky one ("plan the routes, and a camera on the driver's seat"):
    each use case with a share of its own, which the model learnt from such sentences; the risky ask's own
    words, read alone, give no use case a share."""
    sentences = [s for s in _readable(parts, set()) if any(s in r or r in s for r in skip)]
    if not sentences:
        return []
    scores = _similarities(sentences, embedder)
    out: list[Wish] = []
    for n, (sentence, row) in enumerate(zip(sentences, _sentence_probabilities(model, sentences), strict=True)):
        for name, share in zip(model.classes, row, strict=True):
            if name in scores and name not in taken and share >= BESIDE_RISK_PROBABILITY:
                out.append(_sentence_wish(sentence, name, float(scores[name][n])))
                taken.add(name)
    # What the risky practice is for is a plain ask of its own ("pasting session notes into the free ChatGPT to
    # draft the letters to GPs"): read from its own piece, as the second ask of any sentence is.
    return _with_asks_in_pieces(model, sentences, scores, out, taken, _pieces_and_purposes)


def _pieces_and_purposes(sentence: str) -> list[str]:
    return list(dict.fromkeys(_pieces(sentence) + _purposes(sentence)))


def _purposes(sentence: str) -> list[str]:
    """The pieces of what a sentence's act is for: after "to <task>" or "so we can", up to the next break."""
    found = _PURPOSE.search(sentence)
    if not found:
        return []
    aim = _BREAK.split(sentence[found.end() :], maxsplit=1)[0]
    return [p.rstrip(".!?") for p in _JOIN.split(aim) if len(p.split()) >= PURPOSE_WORDS]


def _asked(classes: list[str], views: np.ndarray, held: bool) -> list[str]:
    """The use cases a sentence asks for: each that comes first in one of its views (the sentence and its tails)
    sure enough, the likeliest first. A tail of facts read as NONE does not hide the ask of another view ("could
    use the city's parks grant, but the RFP is 30 pages"), and never asks itself ("an artisan bakery in Leipzig,
    with 9 staff across two shops" is NONE first). A red flag first is no plain ask; the caller drops it."""
    bar = HELD_PROBABILITY if held else SENTENCE_PROBABILITY
    firsts: dict[int, float] = {}
    for row in views:
        k = int(np.argmax(row))
        if classes[k] != NONE and row[k] >= bar:
            firsts[k] = max(firsts.get(k, 0.0), float(row[k]))
    return [classes[k] for k in sorted(firsts, key=lambda k: -firsts[k])]


def _sentence_probabilities(model: TunedReader, sentences: list[str]) -> np.ndarray:
    """Per sentence, each class's best probability over its views."""
    return _best_of_views(_sentence_views(model, sentences))


def _similarities(sentences: list[str], embedder: Embedder) -> dict[str, np.ndarray]:
    """Each use case's similarity to each sentence, read without its deadline words."""
    vectors = embed_clauses(tuple(map(without_timing, sentences)))
    assert vectors is not None  # the caller holds the embedder
    return use_case_index().scores(vectors, embedder)


def _best_of_views(by_view: list[np.ndarray]) -> np.ndarray:
    return np.array([views.max(axis=0) for views in by_view])


def _sentence_views(model: TunedReader, sentences: list[str]) -> list[np.ndarray]:
    """Per sentence, the class probabilities of each of its views: the sentence and its tails (the sentence from
    each comma, dash or colon on). "Brewpub in Fort Collins, I never know how much of each beer to brew" asks in
    its tail, and its opening context dilutes the whole. Deadline words are left out: when is not what."""
    views = [_tails(without_timing(sentence)) for sentence in sentences]
    table = model.probabilities([view for group in views for view in group])
    out, start = [], 0
    for group in views:
        out.append(table[start : start + len(group)])
        start += len(group)
    return out


def _tails(sentence: str) -> list[str]:
    pieces = _BREAK.split(sentence)
    tails = (", ".join(pieces[i:]) for i in range(1, len(pieces)))
    return [sentence, *(t for t in tails if len(t.split()) >= TAIL_WORDS)]


_PURPOSE = re.compile(
    rf"\b(?:in order to|so (?:that )?(?:it|we|I|they) can|to)\s+(?=(?:{TASK_VERBS})\b)|\bfor (?=\w+ing\b)", re.I
)
PURPOSE_WORDS = 2  # "draft the letters" is a task; one word is not
_JOINING = r"(?:and|plus|then|also|&|\+)"  # the words that join two pieces of a sentence
_JOIN = re.compile(rf"\s+{_JOINING}\s+", re.I)
_OPENING_JOIN = re.compile(rf"^{_JOINING}\s+", re.I)


def _pieces(sentence: str) -> list[str]:
    """The sentence's pieces between commas, dashes and joining words, long enough to read alone, that are not
    already one of its views (a last piece is its last tail)."""
    tails = _tails(sentence)
    pieces = [p for piece in _BREAK.split(sentence) for p in _JOIN.split(piece)]
    if len(pieces) < 2:
        return []
    # A piece is read as the task it names: without the joining word that opens it or the sentence's closing stop.
    kept = [p for p in pieces if len(p.split()) >= TAIL_WORDS and p not in tails]
    return [_OPENING_JOIN.sub("", p).rstrip(".!?") for p in kept]


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
    """Each sentence to read, less its withheld clauses (refusals, negations, budgets: "I don't want to look greedy
    either, so sensible price suggestions would suit me" is read without its first half); a sentence near a risky
    ask or with nothing left is not read. A clause too short to ask alone stays: it gives its sentence the object
    ("insta posts, never know what to write") or the trouble ("tables booked for 8 and nobody shows"). Three folds:
    requested recall 0.871 -> 0.877, precision 0.726 -> 0.733."""
    out = []
    for sentence, group in clauses_by_sentence(parts).items():
        kept = [c for c in group if not withheld(c)]
        if kept and not any(sentence in s or s in sentence for s in skip):
            out.append(sentence if len(kept) == len(group) else ", ".join(c.text for c in kept))
    return out


def risky_by_sentence(parts: list[Clause], found: list[RiskyWish]) -> list[RiskyWish]:
    """The risky asks found by cue words, with those the tuned model reads: each red flag with a share of its own
    in a sentence or one of its tails, in a sentence that refuses and negates nothing. A sentence that asks (some
    clause wants something) needs less than one that only tells ("a camera over the tills that picks up if
    customers look happy"). Beside a flag the cue words found, another flag needs a share that is the model's own
    reading, not a neighbour's echo: cue words often name the neighbouring flag ("reads members' faces so we know
    who didn't enjoy the class" names face recognition by its words, and asks what they feel); the cue words' flag
    then gives way when the model gives it almost nothing."""
    model = tuned_reader()
    if model is None:
        return found
    flags = red_flags()
    groups = {
        sentence: group
        for sentence, group in clauses_by_sentence(parts).items()
        if not any(c.refuses or is_negated(c.text) for c in group)
    }
    sentences = list(groups)
    out, overruled = [], set()
    for sentence, row in zip(sentences, _sentence_probabilities(model, sentences), strict=True):
        share = dict(zip(model.classes, row.tolist(), strict=True))
        held = {n: r.flag for n, r in enumerate(found) if r.phrase in sentence or sentence in r.phrase}
        bar = RISK_PROBABILITY_BY_SENTENCE if any(c.wants for c in groups[sentence]) else RISK_PROBABILITY_UNASKED
        bar = max(bar, RISK_BESIDE_FLAG_PROBABILITY) if held else bar
        named = [name for name in flags if share.get(name, 0.0) >= bar and name not in held.values()]
        out += [risky_wish(sentence, flags[name]) for name in named]
        if named:
            overruled |= {n for n, flag in held.items() if share.get(flag, 1.0) < RISK_OVERRULED_PROBABILITY}
    return [r for n, r in enumerate(found) if n not in overruled] + out
