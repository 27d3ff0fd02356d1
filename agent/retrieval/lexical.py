"""A small BM25 index over chunk texts: exact terms (article numbers, "72 hours", "BIPA") that dense
embeddings blur are what lexical search catches."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "did",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "ours",
        "should",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "about",
        "any",
        "all",
        "also",
        "just",
        "need",
        "needs",
        "must",
        "may",
        "might",
        "one",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "too",
        "very",
        "s",
        "t",
        "don",
        "want",
        "get",
        "got",
        "here",
        "now",
        "out",
        "up",
        "down",
        "over",
        "under",
        "again",
        "further",
        "once",
        "am",
        "being",
        "having",
        "doing",
    ]
)
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stop words, lightly stemmed so 'fines'/'fine' and 'breaches'/'breach'
    meet."""
    return [_stem(t) for t in _TOKEN.findall(text.lower()) if t not in _STOPWORDS]


def _stem(token: str) -> str:
    if token.isdigit() or len(token) <= 3:
        return token
    stem = token.rstrip("e")
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        # "business", "process", "access": a double s is part of the word, not a plural.
        if token.endswith(suffix) and len(token) - len(suffix) >= 3 and not (suffix == "s" and token[-2] == "s"):
            stem = token[: -len(suffix)] + keep
            stem = stem.rstrip("e") if suffix in ("es",) else stem
            break
    # "cookie"/"cookies" -> "cooki", "policy"/"policies" -> "polici": y and ie meet on i.
    return stem[:-1] + "i" if len(stem) > 3 and stem.endswith("y") else stem


class BM25:
    """Okapi BM25 over a fixed list of documents."""

    def __init__(self, texts: Iterable[str], k1: float = 1.4, b: float = 0.75) -> None:
        self._docs = [Counter(tokenize(t)) for t in texts]
        self._lengths = [sum(d.values()) for d in self._docs]
        self._avg = (sum(self._lengths) / len(self._lengths)) if self._lengths else 0.0
        df: Counter[str] = Counter()
        for doc in self._docs:
            df.update(doc.keys())
        n = len(self._docs)
        self.idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}
        self._k1, self._b = k1, b

    def __len__(self) -> int:
        return len(self._docs)

    def scores(self, query: str, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """(document index, score) for documents matching at least one query term, best first."""
        terms = set(tokenize(query))
        results = []
        for i, doc in enumerate(self._docs):
            if allowed is not None and i not in allowed:
                continue
            score = sum(self._term_score(doc, self._lengths[i], term) for term in terms if term in doc)
            if score > 0:
                results.append((i, score))
        return sorted(results, key=lambda pair: -pair[1])

    def _term_score(self, doc: Counter[str], length: int, term: str) -> float:
        tf = doc[term]
        norm = tf + self._k1 * (1 - self._b + self._b * length / (self._avg or 1))
        return self.idf.get(term, 0.0) * tf * (self._k1 + 1) / norm


def expand_query(query: str) -> str:
    """The query with the knowledge base's own terms added for each lay phrase in it ("tell customers" ->
    "transparency"), from knowledge/lexicon/query_terms.yaml."""
    from agent.profile.lexicon import matcher

    terms = dict.fromkeys(m.id for m in matcher("query_terms").find(query))
    return " ".join([query, *terms]) if terms else query
