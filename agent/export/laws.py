"""The laws considered for a roadmap, in words an owner reads: each law's name, its verdict and why."""

from __future__ import annotations

from agent.laws import law_name
from agent.profile.jurisdictions import subnational_laws
from agent.schemas import LawVerdict, Roadmap
from agent.writing.words import counted, join_words

_VERDICT_WORDS = {"applies": "applies", "unknown": "to check", "does_not_apply": "does not apply"}


def law_label(roadmap: Roadmap, law_id: str) -> str:
    """The name people use for a law id in this roadmap ('uk-gdpr' -> 'UK GDPR and the Data Protection Act 2018')."""
    named = {v.id: v.name for v in roadmap.profile.laws_considered}
    return named.get(law_id) or law_name(law_id)


def applying_names(roadmap: Roadmap) -> list[str]:
    """Names of the laws that apply, in the order of the profile's jurisdictions."""
    return [law_label(roadmap, j) for j in roadmap.profile.jurisdictions]


def laws_considered_table(roadmap: Roadmap) -> list[str]:
    """A Markdown table: every law the knowledge base holds, its verdict and the reasons; empty if none judged."""
    verdicts = sorted(roadmap.profile.laws_considered, key=_order)
    if not verdicts:
        return []
    out = ["## Laws considered", "", "| Law | Verdict | Why |", "|---|---|---|"]
    placeless = [v for v in verdicts if v.deciding_fact == "places"]
    if placeless:  # no place known: one row, not one per law of every place
        names = "; ".join(v.name for v in placeless)
        out.append(f"| {names} | to check | Where the business is based (and sells) decides which of these apply. |")
    placed = [v for v in verdicts if v.deciding_fact != "places"]
    for v in (v for v in placed if _shown(v)):
        words = "voluntary (good practice)" if v.voluntary else _VERDICT_WORDS[v.verdict]
        why = " ".join(v.reasons).replace("|", "/")
        out.append(f"| {v.name} | {words} | {why} |")
    hidden = [v for v in placed if not _shown(v)]
    if hidden:  # a hundred other states' and countries' laws are one line, not a hundred rows
        local = subnational_laws()
        national = [v.name for v in hidden if v.id not in local]
        states = len(hidden) - len(national)
        parts = [*national, counted(states, "state or provincial law")] if states else national
        verb = "reaches" if len(hidden) == 1 else "reach"
        out += ["", f"Not in reach of where this business is based and sells, so none {verb} it: {join_words(parts)}."]
    return [*out, ""]


def _shown(v: LawVerdict) -> bool:
    """A row of its own: the law applies, is open, is voluntary guidance, or reaches the business's places."""
    return v.verdict != "does_not_apply" or v.voluntary or v.in_reach


def _order(v: LawVerdict) -> tuple[int, str]:
    rank = {"applies": 0, "unknown": 1}.get(v.verdict, 2 if v.in_reach and not v.voluntary else 3)
    return (4 if v.voluntary else rank), v.name


def law_rows(roadmap: Roadmap) -> list[tuple[str, str, str]]:
    """(law, verdict in words, why) for every law judged, the ones that apply first."""
    rows = []
    for v in sorted(roadmap.profile.laws_considered, key=_order):
        words = "voluntary (good practice)" if v.voluntary else _VERDICT_WORDS[v.verdict]
        rows.append((v.name, words, " ".join(v.reasons)))
    return rows
