"""The seam scan of one whole draft: its Markdown line by line and the text fields of its JSON."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from agent.laws import law_names
from agent.schemas import Roadmap
from agent.writing.seams import Seam, SeamContext, scan_text
from agent.writing.trade import foreign_words
from agent.writing.units import MILE_COUNTRIES

# JSON keys whose values are identifiers, dates, codes or the owner's own words, not sentences we wrote.
_NOT_PROSE = {
    "id", "doc_id", "url", "jurisdiction", "stage", "phase", "objective_id", "rule_id", "path", "severity",
    "created_at", "generated_by", "currency", "unit", "direction", "depends_on", "compliance_triggers", "goal",
    "profile", "reference", "section", "ref", "title",
}  # fmt: skip


def scan_draft(roadmap: Roadmap, markdown: str) -> list[Seam]:
    """Every seam in a rendered draft: the Markdown an owner reads and the JSON's text fields."""
    context = draft_context(roadmap)
    texts: dict[str, str] = {}  # each distinct text once: most JSON fields are also lines of the Markdown
    for where, text in [*_markdown_lines(markdown), *prose_fields(roadmap.model_dump(mode="json"))]:
        texts.setdefault(text, where)
    return _empty_headings(markdown) + [s for text, where in texts.items() for s in scan_text(text, where, context)]


def draft_context(roadmap: Roadmap) -> SeamContext:
    """What the rules need to know about this draft: ids, list parts, its trade, country and length."""
    profile = roadmap.profile
    ids = set(law_names()) | {"global"} | {u.id for u in roadmap.use_cases if "-" in u.id}
    ids |= set(profile.goals) | {o.id for o in roadmap.objectives} | {c.doc_id for c in roadmap.citations}
    items = [u.name for u in roadmap.use_cases] + [g.replace("-", " ") for g in profile.goals]
    items += [d for u in roadmap.use_cases for d in u.data_needed]
    countries = {loc.country for loc in profile.locations}
    units: tuple[str, ...] = ()
    if countries and countries <= MILE_COUNTRIES:
        units = ("kilomet(?:re|er)s?", "km")
    elif countries and not countries & MILE_COUNTRIES:
        units = ("miles?",)
    return SeamContext(
        internal_ids=frozenset(ids),
        list_items=tuple(items),
        foreign_words=foreign_words(profile.industry),
        foreign_units=units,
        plan_months=roadmap.timeline.total_months,
    )


def prose_fields(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) for every string in a roadmap's JSON that is a sentence we wrote."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in _NOT_PROSE:
                yield from prose_fields(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from prose_fields(value, f"{path}[{n}]")
    elif isinstance(node, str) and " " in node:
        yield path, node


def _markdown_lines(markdown: str) -> Iterator[tuple[str, str]]:
    fenced = False
    for n, line in enumerate(markdown.splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.strip():
            cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else [line]
            for cell in cells:
                if cell and not re.fullmatch(r":?-+:?", cell):
                    yield f"markdown line {n}", cell


def _empty_headings(markdown: str) -> list[Seam]:
    lines = markdown.splitlines()
    seams = []
    for n, line in enumerate(lines):
        if not line.startswith("#"):
            continue
        level = len(line) - len(line.lstrip("#"))
        following = next((x for x in lines[n + 1 :] if x.strip()), "")
        nested = following.startswith("#") and len(following) - len(following.lstrip("#")) > level
        if (not following or following.startswith("#") or following.startswith("---")) and not nested:
            seams.append(Seam("empty heading", f"markdown line {n + 1}", line))
    return seams
