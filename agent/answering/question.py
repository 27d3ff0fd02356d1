"""Reading a compliance question once: the place it is about, the laws it names, the activity, and the kind of
answer it wants (yes/no, a deadline, an amount, whether a law applies, how to do something)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from agent.profile.lexicon import PhraseMatcher, load_yaml
from agent.retrieval.laws import asks_about_obligation, named_jurisdictions
from agent.retrieval.lexical import expand_query, tokenize
from agent.retrieval.places import (
    owner_place_codes,
    place_codes,
    place_words,
    placed_jurisdictions,
    uncovered_places,
)

AnswerKind = Literal["deadline", "amount", "applicability", "yes_no", "how_to", "explain"]

# Order matters: "How long do we have to ..." is a deadline question before it is a yes/no one.
_KINDS: list[tuple[AnswerKind, re.Pattern[str]]] = [
    (
        "deadline",
        re.compile(
            r"\b(how (long|fast|quickly|soon)|how many (hours|days|weeks|months)|by when|deadline|time limit|"
            r"how much time|when do we)\b"
        ),
    ),
    ("amount", re.compile(r"\b(how (much|big|large|high)|fines?|fined|penalt\w*|damages|cost|charge us)\b")),
    (
        "applicability",
        re.compile(
            r"\b(appl(y|ies) to|does .{1,60} apply|am i under|are we under|cover(s|ed)? (us|me|our)|reach us)\b"
        ),
    ),
    ("how_to", re.compile(r"\b(how (do|can|should) (we|i)|what (do|must|should) (we|i)|which steps|what steps)\b")),
    (
        "yes_no",
        re.compile(
            r"^(can|could|do|does|is|are|must|may|should|would|will|have)\b|\b(allowed|legal)\b|"
            r"\b(can|could|may|must|should) (we|i)\b"
        ),
    ),
]
# The business's own size, stated in the question: a headcount or a yearly revenue.
SIZE = re.compile(
    r"\b\d[\d,.]*\+?\s*(?:employees|staff|people|workers|persons?)\b|"
    r"(?:[$€£]|\b(?:aud|usd|eur|gbp|cad|chf)\s?)\d|\b\d[\d,.]*\s*(?:million|thousand|k)\b",
    re.I,
)
# "HIPAA may not apply to us", "we are not a covered entity": the asker doubts a premise, so never answer "yes".
_NEGATION = re.compile(r"\b(not|n't|no longer|never)\b")
# A law the question names by title: "the Maryland AI Fairness Act of 2019", "Telephone Consumer Protection Act".
_TITLED_LAW = re.compile(
    r"((?:[A-Z][\w.'-]*|of|and|for|on|the|\(|\)|&)(?:\s+(?:[A-Z][\w.'-]*|of|and|for|on|the|&))*\s+"
    r"(?:Act|Directive|Regulation|Code|Law|Bill|Ordinance|Statute)(?:\s+(?:of\s+)?(?:19|20)\d\d)?)"
)

# A law named after its place, in everyday case: "the Ohio privacy act", "Florida's consumer privacy law".
_PLACED_LAW = re.compile(
    r"\b(?:the\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)|([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)['’]s)\s+"
    r"((?:[A-Za-z][\w-]*\s+){1,3}(?:[Aa]ct|[Ll]aw|[Ss]tatute))\b"
)

# Where one question asks two things: ", and how long ...", "; and when ...", ", or is it ...".
_FACET_BREAK = re.compile(
    r"[,;]?\s+(?:and|or|but)\s+(?=(?:how|when|what|which|who|whether|do|does|is|are|can|must|will|should|"
    r"would|if|also)\b)|;\s+",
    re.I,
)
_CONDITION_CLAUSE = re.compile(r"^(?:if|when|since|as|because|once|after|before)\b[^,?]{8,},\s*", re.I)
# Sentences that set the scene rather than ask ("We're a 15-person shop in ...").
_CONTEXT = re.compile(r"^(we|we're|we are|i|i'm|i am|our|my)\b(?!.*\?)", re.I)


@dataclass(frozen=True)
class Activity:
    """Something a question is about doing, with the words a passage on it contains."""

    id: str
    about: tuple[str, ...]
    strict: bool


@dataclass(frozen=True)
class ReadQuestion:
    """What a question is about, read once before retrieval and composition."""

    text: str
    kind: AnswerKind
    named_laws: frozenset[str] = frozenset()
    place_laws: frozenset[str] = frozenset()
    places_without_law: tuple[str, ...] = ()
    titled_laws: tuple[str, ...] = ()
    activities: tuple[Activity, ...] = ()
    negated: bool = False
    obligation: bool = False
    terms: frozenset[str] = field(default_factory=frozenset)
    place_terms: frozenset[str] = frozenset()  # the terms that only name a place: a place alone is no topic
    facets: tuple[str, ...] = ()
    facet_laws: tuple[frozenset[str], ...] = ()  # per facet, the laws that part names on its own
    facet_asks: tuple[str, ...] = ()  # per facet, its own words without the scene all parts share
    # Country and country-region codes the question asks about ('PL', 'US-IL'); where the asker's own business is
    # ("my salon in Milan") counts as home instead: a GDPR question from Milan is a GDPR question.
    places: frozenset[str] = frozenset()
    states_size: bool = False  # "we have 40 staff", "turnover of EUR 2 million": a threshold answers it
    home: frozenset[str] = frozenset()  # where the asking business is ('DE', 'US-VA'): its layer leads if none named


def read_question(question: str) -> ReadQuestion:
    """Read the place, laws, activity and answer kind of a compliance question."""
    lower = question.lower()
    parts = facets(question)
    asks = _own_words(parts)
    return ReadQuestion(
        text=question,
        kind=answer_kind(question),
        named_laws=frozenset(named_jurisdictions(question)),
        place_laws=frozenset(place_laws(question)),
        places_without_law=tuple(places_without_law(question)),
        titled_laws=tuple(titled_laws(question)),
        activities=tuple(find_activities(question)),
        negated=bool(_NEGATION.search(lower)),
        obligation=asks_about_obligation(question),
        terms=frozenset(tokenize(expand_query(question))),
        place_terms=frozenset(tokenize(" ".join(place_words(question)))),
        facets=tuple(parts),
        facet_laws=tuple(frozenset(named_jurisdictions(own) - {"global"}) for own in asks),
        facet_asks=tuple(asks),
        places=place_codes(question) - owner_place_codes(question),
        states_size=bool(SIZE.search(question)),
        home=owner_place_codes(question),
    )


def answer_kind(question: str) -> AnswerKind:
    """The kind of answer the question wants; 'explain' when no pattern fits."""
    lower = question.lower().strip()
    for sentence in [lower, *re.split(r"(?<=[.?!])\s+", lower)]:
        for kind, pattern in _KINDS:
            if pattern.search(sentence):
                return kind
    return "explain"


def facets(question: str) -> list[str]:
    """The separate things a question asks ("will they train on it, and how long is it kept?"); empty when
    it asks one thing. Each needs its own answer unit."""
    parts: list[str] = []
    scene_parts: list[str] = []
    sentences = re.split(r"(?<=[?.!])\s+", question.strip())
    asking = [s for s in sentences if s.endswith("?")] or sentences
    for sentence in sentences:
        pieces = [p for p in _FACET_BREAK.split(sentence) if p]
        (parts if sentence in asking else scene_parts).extend(pieces)
    asks = [p.strip(" ,;") for p in parts if len(p.split()) >= 3 and not _CONTEXT.match(p.strip())]
    scene_parts += [p for p in parts if _CONTEXT.match(p.strip())]
    if len(asks) < 2:
        return []
    # "how does it interact with GDPR?" means little alone: each part keeps the scene the owner set.
    scene = " ".join(p.strip() for p in scene_parts)
    opening = _CONDITION_CLAUSE.match(asks[0])
    if opening:  # "If we send customer data to an AI API, will they train on it, and how long ...?"
        scene = f"{scene} {opening.group(0).strip(' ,')}".strip()
        asks[0] = asks[0][opening.end() :]
    return [f"{scene} {ask}".strip() for ask in asks]


def _own_words(parts: list[str]) -> list[str]:
    """Each facet without the scene words all of them start with."""
    words = [part.split() for part in parts]
    shared = 0
    while len(words) > 1 and all(shared < len(w) for w in words) and len({w[shared] for w in words}) == 1:
        shared += 1
    return [" ".join(w[shared:]) for w in words]


def place_laws(question: str) -> set[str]:
    """Framework ids the places in the question fall under (the one seam to the place reader)."""
    return placed_jurisdictions(question)


def places_without_law(question: str) -> list[str]:
    """Places the question names whose law the knowledge base does not hold, when it names no held place."""
    return uncovered_places(question)


def titled_laws(question: str) -> list[str]:
    """Laws the question names by their title ("the Colorado AI Act", "an Act of 2019"), as written."""
    found = []
    sentences = re.split(r"(?<=[.?!])\s+", question)
    for match in (m for sentence in sentences for m in _TITLED_LAW.finditer(sentence)):
        title = re.sub(r"^(?:the|of|and|for|on|&|\(|\))\s+", "", match.group(1).strip(), flags=re.I)
        if len(title.split()) >= 2:
            found.append(title)
    for match in _PLACED_LAW.finditer(question):
        place = match.group(1) or match.group(2)
        phrase = f"{place} {match.group(3)}"
        if place_codes(place) and not any(phrase.lower() in title.lower() for title in found):
            found.append(phrase)  # "the Ohio privacy act"; not "the new privacy law", nor a title already read
    return list(dict.fromkeys(found))


def find_activities(question: str) -> list[Activity]:
    """Activities the question is about (calls, e-mail marketing, biometrics, hiring...), from the lexicon."""
    matcher, activities = _activity_lexicon()
    ids = dict.fromkeys(m.id for m in matcher.find(question))
    return [activities[i] for i in ids]


def mentions(activity: Activity, text: str) -> bool:
    """Whether a passage talks about the activity."""
    lower = text.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(word)}", lower) for word in activity.about)


@lru_cache(maxsize=1)
def _activity_lexicon() -> tuple[PhraseMatcher, dict[str, Activity]]:
    data = load_yaml("activities")
    activities = {
        key: Activity(key, tuple(str(w).lower() for w in spec["about"]), bool(spec.get("strict", False)))
        for key, spec in data.items()
    }
    return PhraseMatcher({key: [str(w) for w in spec["asks"]] for key, spec in data.items()}), activities
