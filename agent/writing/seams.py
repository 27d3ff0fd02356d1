"""Seams in generated text: the marks a sentence leaves when it was glued from parts without being read.

Each rule takes one piece of text (a Markdown line or a JSON text field) and what is known about the draft, and
returns what it found. The rules look for the form of the text, never for a case's own words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from agent.writing.words import starts_with_vowel_sound


@dataclass(frozen=True)
class Seam:
    """One seam: its kind, where it is (a JSON path or 'markdown line N') and the words around it."""

    kind: str
    where: str
    text: str


@dataclass(frozen=True)
class SeamContext:
    """What the rules need to know about the draft the text belongs to."""

    internal_ids: frozenset[str] = frozenset()  # law, use-case and objective ids an owner must never see
    list_items: tuple[str, ...] = ()  # phrases the planner joins into lists (use cases, goals, systems, data)
    foreign_words: tuple[str, ...] = ()  # other trades' words (trade_words.yaml), for this draft's trade
    foreign_units: tuple[str, ...] = ()  # units this business's country does not use
    plan_months: int | None = None


Rule = Callable[[str, SeamContext], Iterator[str]]
_RULES: dict[str, Rule] = {}


def _rule(kind: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        _RULES[kind] = fn
        return fn

    return register


def scan_text(text: str, where: str, context: SeamContext) -> list[Seam]:
    """Every seam in one piece of text."""
    return [Seam(kind, where, hit) for kind, fn in _RULES.items() for hit in fn(text, context)]


def _around(text: str, start: int, end: int, pad: int = 30) -> str:
    return text[max(0, start - pad) : end + pad].strip()


@_rule("double space")
def _double_space(text: str, _c: SeamContext) -> Iterator[str]:
    for m in re.finditer(r"\S {2,}\S", text.strip()):
        yield _around(text.strip(), m.start(), m.end())


# A word after "1" that is a plural: not "1 business", "1 bus", "1 analysis", and not after an article number.
_ONE_PLURAL = re.compile(r"(?<![\w.,/-])(?<!Art\. )(?<!Article )(?<!Section )(?<!§ )1 ([a-z]+s)\b")
_NOT_PLURAL = re.compile(r"(ss|us|is|ous|ics|news|this|yes|has|was|does|as|its)$")
_COUNTED = r"findings?|errors?|rules?|tasks?|months?|weeks?|days?|hours?|years?|use cases?|items?|questions?|posts?"
_MANY_SINGULAR = re.compile(rf"(?<![\w.,/-])(?:[02-9]|\d{{2,}}) ({_COUNTED})\b")


@_rule("number agreement")
def _agreement(text: str, _c: SeamContext) -> Iterator[str]:
    for m in _ONE_PLURAL.finditer(text):
        if not _NOT_PLURAL.search(m.group(1)):
            yield _around(text, m.start(), m.end())
    for m in _MANY_SINGULAR.finditer(text):
        if not m.group(1).endswith("s"):
            yield _around(text, m.start(), m.end())


@lru_cache(maxsize=256)
def _ids_pattern(ids: frozenset[str]) -> re.Pattern[str]:
    """Lower-case ids standing as words: not inside a URL, a file name or a longer id."""
    alternatives = "|".join([r"obj-\d+", *(re.escape(i) for i in sorted(ids, key=len, reverse=True))])
    return re.compile(rf"(?<![\w./<-])(?:{alternatives})(?![\w/>-])")


@_rule("internal id")
def _internal_id(text: str, context: SeamContext) -> Iterator[str]:
    for m in _ids_pattern(context.internal_ids).finditer(text):
        yield _around(text, m.start(), m.end())


# An article's subdivisions, "6(1)(f)" or "164.308(a)(1)(ii)(A)", are how laws are cited, not brackets in prose.
_SUBDIVISION = re.compile(r"\((?:\d{1,3}|[a-z]{1,4}|[A-Z])\)")


@_rule("brackets")
def _brackets(text: str, _c: SeamContext) -> Iterator[str]:
    if not re.search(r"[()\[\]]", text):
        return
    text = _SUBDIVISION.sub("", text)
    for pair in ("()", "[]"):
        if text.count(pair[0]) != text.count(pair[1]):
            yield f"unbalanced {pair}: {text[:80]}"
    for m in re.finditer(r"\(\(|\)\)|\[\[|\]\]", text):
        yield _around(text, m.start(), m.end())
    # A bracket inside a bracket reads as a seam, unless it is part of a statute's name ("(Regulated Activities)
    # Regulations 2014").
    for m in re.finditer(r"\([^()]*\([^()]*\)(?! (?:Regulations|Act|Order)\b)[^()]*\)", text):
        yield _around(text, m.start(), m.end(), 0)


_UNIT_STUCK = re.compile(r"(?<![\w.,-])\d+(?:[.,]\d+)?([a-z]{2,})\b")
_URL = re.compile(r"https?://\S+")
_STUCK_OK = {"st", "nd", "rd", "th", "am", "pm", "bn", "k", "m", "h", "x", "s"}


@_rule("unit not spaced")
def _unit_spacing(text: str, _c: SeamContext) -> Iterator[str]:
    links = [u.span() for u in _URL.finditer(text)]  # "24rs/hb15.html" in a source address is not a unit
    for m in _UNIT_STUCK.finditer(text):
        if m.group(1) not in _STUCK_OK and not any(a <= m.start() < b for a, b in links):
            yield _around(text, m.start(), m.end())


@_rule("article")
def _article(text: str, _c: SeamContext) -> Iterator[str]:
    for m in re.finditer(r"\b([Aa]n?) ([A-Za-z][\w-]*)", text):
        if (m.group(1).lower() == "an") != starts_with_vowel_sound(m.group(2)):
            yield _around(text, m.start(), m.end())


@_rule("repeated word")
def _repeated_word(text: str, _c: SeamContext) -> Iterator[str]:
    for m in re.finditer(r"\b([A-Za-z]+) \1\b", text, flags=re.I):
        if m.group(1).lower() not in {"that", "had"}:
            yield _around(text, m.start(), m.end())


@_rule("echoed sentence")
def _echoed_sentence(text: str, _c: SeamContext) -> Iterator[str]:
    sentences = [s.strip().rstrip(".").lower() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    for before, after in itertools.pairwise(sentences):
        if len(after) > 3 and after in before:
            yield f"{before}. {after}."


@_rule("list without and")
def _list_without_and(text: str, context: SeamContext) -> Iterator[str]:
    """Two or more of the planner's own list items glued by commas or semicolons with no 'and'/'or'."""
    pattern = _any_of(context.list_items)
    if pattern is None or ("," not in text and ";" not in text):
        return
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    run = found[:1]
    for start, end in [*found[1:], (len(text) + 10, len(text) + 10)]:
        gap = text[run[-1][1] : start] if start <= len(text) else ""
        if gap in (", ", "; "):
            run.append((start, end))
            continue
        joined = re.fullmatch(r"[,;]? (?:and|or) ", gap)  # the run's last item follows: "a, b and c"
        whole = run and text[: run[0][0]].strip() in ("", "-") and not text[run[-1][1] :].strip(" .")
        if len(run) > 1 and not whole and not joined:
            yield _around(text, run[0][0], run[-1][1], 0)
        run = [(start, end)] if start <= len(text) else []


@lru_cache(maxsize=256)
def _any_of(phrases: tuple[str, ...], word_end: bool = True) -> re.Pattern[str] | None:
    """One compiled pattern for a set of phrases, longest first; word starts only when word_end is False."""
    items = sorted({p for p in phrases if len(p) > 2}, key=len, reverse=True)
    if not items:
        return None
    end = r"(?!\w)" if word_end else ""
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(i) for i in items)}){end}", flags=re.I)


@_rule("other trade's words")
def _foreign_words(text: str, context: SeamContext) -> Iterator[str]:
    pattern = _any_of(context.foreign_words, word_end=False)
    for m in pattern.finditer(text) if pattern else ():
        yield _around(text, m.start(), m.end())


@_rule("foreign unit")
def _foreign_unit(text: str, context: SeamContext) -> Iterator[str]:
    for unit in context.foreign_units:
        for m in re.finditer(rf"\b{unit}\b", text, flags=re.I):
            yield _around(text, m.start(), m.end())


@_rule("plan length")
def _plan_length(text: str, context: SeamContext) -> Iterator[str]:
    if context.plan_months is None:
        return
    for m in re.finditer(r"\b(\d+)-month (timeline|roadmap|plan)\b", text, flags=re.I):
        if int(m.group(1)) != context.plan_months:
            yield _around(text, m.start(), m.end())


# A constraint limits the plan: it carries a must, a limit or a negation. A complaint ("the phones never stop"
# has one too, so the subject decides) or a request quoted back as a constraint reads as a misunderstanding.
_LIMIT = re.compile(
    r"\b(must|mustn't|should|shouldn't|need to|has to|have to|may not|cannot|can't|no|not|never|only|without|"
    r"under|within|max|maximum|at most|before|by|keep|stay|avoid|don't|do not|won't|limit)\b",
    re.I,
)
_COMPLAINT = re.compile(r"\b(too many|too much|never stop|keeps?|always|drown|waste|lose|losing|miss)\b", re.I)


@_rule("quoted as a constraint")
def _quoted_constraint(text: str, _c: SeamContext) -> Iterator[str]:
    for m in re.finditer(r"constraint[^\"“]*[\"“]([^\"”]+)[\"”]", text, flags=re.I):
        quoted = m.group(1)
        if not _LIMIT.search(quoted) or (_COMPLAINT.search(quoted) and not re.search(r"\b(must|want)", quoted)):
            yield quoted


@_rule("placeholder")
def _placeholder(text: str, _c: SeamContext) -> Iterator[str]:
    for m in re.finditer(r"\{[a-z_]+\}", text):
        yield _around(text, m.start(), m.end())
