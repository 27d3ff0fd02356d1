"""How far the first build of the knowledge index has got, for the places that wait on it: the chat page (via
/healthz), `roadmap chat` and the server log. One record per process; the build itself runs once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("roadmap.index")


@dataclass
class IndexBuild:
    """state: 'not opened' until first use, 'opening', 'building' (documents being embedded), 'ready', 'failed'."""

    state: str = "not opened"
    done: int = 0
    total: int = 0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_build = IndexBuild()
_lock = threading.Lock()


def index_build() -> IndexBuild:
    """A copy of the current record."""
    with _lock:
        return IndexBuild(_build.state, _build.done, _build.total)


@contextmanager
def tracking(knowledge_dir: Path, also: Callable[[int], None] | None = None) -> Iterator[Callable[[int], None]]:
    """A progress callback for open_index() that keeps the record and logs every tenth of the way; `also`
    gets the same ticks (a terminal progress bar)."""
    total = sum(1 for p in knowledge_dir.rglob("*.md") if p.name.lower() != "readme.md")
    with _lock:
        _build.state, _build.done, _build.total = "opening", 0, total
    step = max(1, total // 10)

    def tick(n: int) -> None:
        with _lock:
            if _build.state != "building":
                log.info("Building the knowledge index for the first time (%d documents); this takes a minute.", total)
            _build.state, _build.done = "building", _build.done + n
            done = _build.done
        if done % step == 0 or done == total:
            log.info("Knowledge index: %d of %d documents embedded.", min(done, total), total)
        if also is not None:
            also(n)

    try:
        yield tick
    except BaseException:
        with _lock:
            _build.state = "failed"
        raise
    with _lock:
        if _build.state == "building":
            log.info("Knowledge index ready.")
        _build.state = "ready"
