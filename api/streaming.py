"""Turning a streamed interview turn into text pieces for the two streaming endpoints."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def reply_pieces(events: Iterator[dict[str, Any]], group: int = 12) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """(piece, None) for each piece of text, then ("", reply) once the turn is saved.

    A model's deltas pass through as they arrive; afterwards comes whatever of the saved reply they did not
    show (the sources list, a follow-up question). The offline engine composes a turn at once, so its reply
    is sent in word groups. If a model's stream broke off and the turn was answered offline, the deltas no
    longer match the reply; the saved reply (the `message` event, or a reload) is then what counts."""
    streamed = ""
    for event in events:
        if "delta" in event:
            streamed += event["delta"]
            yield event["delta"], None
            continue
        for piece in _rest_of(str(event["reply"]["content"]), streamed, group):
            yield piece, None
        yield "", event["reply"]


def _rest_of(content: str, streamed: str, group: int) -> list[str]:
    shown = streamed.strip()
    if shown and not content.startswith(shown):
        return []
    rest = content[len(shown) :]
    if not rest:
        return []
    words = rest.split(" ")
    groups = [" ".join(words[start : start + group]) for start in range(0, len(words), group)]
    return [text + " " for text in groups[:-1]] + groups[-1:]
