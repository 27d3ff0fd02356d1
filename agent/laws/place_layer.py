"""The place layer in verdicts: a law that applies to a business in Germany names what German law adds to it
("Germany: BDSG § 26, UWG § 7 add to it"), so the owner sees the national rules beside the framework."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from agent.laws.specs import DEFAULT_KNOWLEDGE
from agent.schemas import LawVerdict

if TYPE_CHECKING:
    from agent.retrieval.documents import KnowledgeDoc

_ARTICLES_SHOWN = 3  # a reason is one line: the first provisions, then "and N more"


@lru_cache(maxsize=4)
def place_layers(knowledge_dir: Path = DEFAULT_KNOWLEDGE) -> tuple[KnowledgeDoc, ...]:
    """Every place document (knowledge/places), in id order."""
    from agent.retrieval.documents import cached_knowledge  # lazily: retrieval reaches the profile package

    return tuple(d for d in cached_knowledge(knowledge_dir) if d.kind == "place")


def layers_for(codes: Iterable[str], knowledge_dir: Path = DEFAULT_KNOWLEDGE) -> list[KnowledgeDoc]:
    """The place documents about any of these codes ('DE', 'US-VA'); a country code does not pull in its states."""
    wanted = set(codes)
    return [d for d in place_layers(knowledge_dir) if d.place in wanted]


def with_place_layers(
    verdicts: list[LawVerdict], places: Iterable[str], markets: Iterable[str], knowledge_dir: Path = DEFAULT_KNOWLEDGE
) -> list[LawVerdict]:
    """Verdicts where each applying law also names the place layers that add to it for this business: those of
    the places it is in, and for a law that reaches it through its market, of the places it sells to."""
    here, sold_to = set(places), set(markets)
    if not place_layers(knowledge_dir):
        return verdicts
    out = []
    for verdict in verdicts:
        if verdict.verdict != "applies":
            out.append(verdict)
            continue
        codes = here | sold_to if verdict.by_market else here
        notes = [layer_reason(doc) for doc in layers_for(codes, knowledge_dir) if verdict.id in doc.jurisdictions]
        out.append(verdict.model_copy(update={"reasons": [*verdict.reasons, *notes]}) if notes else verdict)
    return out


def layer_reason(doc: KnowledgeDoc) -> str:
    """One line naming what a place document adds (owners read it: no document ids)."""
    name = str(doc.meta.get("place_name") or doc.place)
    articles = [str(a) for a in doc.meta.get("articles") or []]
    if not articles:
        return f"{name}: local rules add to it."
    shown = ", ".join(articles[:_ARTICLES_SHOWN])
    more = f" and {len(articles) - _ARTICLES_SHOWN} more" if len(articles) > _ARTICLES_SHOWN else ""
    verb = "adds" if len(articles) == 1 else "add"
    return f"{name}: {shown}{more} {verb} to it."
