"""The first build of the knowledge index reports how far it has got (for /healthz, the chat page and the log)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from agent.retrieval.progress import index_build, tracking


def _knowledge(tmp_path: Path, n: int) -> Path:
    for i in range(n):
        (tmp_path / f"doc{i}.md").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a document", encoding="utf-8")
    return tmp_path


def test_a_build_counts_documents_logs_and_ends_ready(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    seen: list[int] = []
    caplog.set_level(logging.INFO, logger="roadmap.index")
    with tracking(_knowledge(tmp_path, 20), seen.append) as tick:
        assert index_build().state == "opening" and index_build().total == 20
        for _ in range(10):
            tick(1)
        assert (index_build().state, index_build().done) == ("building", 10)
    assert index_build().state == "ready" and seen == [1] * 10
    assert "Building the knowledge index for the first time (20 documents)" in caplog.text
    assert "10 of 20 documents embedded" in caplog.text and "Knowledge index ready." in caplog.text


def test_an_index_already_built_opens_without_a_build_message(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="roadmap.index")
    with tracking(_knowledge(tmp_path, 3)):
        pass
    assert index_build().state == "ready" and "Building" not in caplog.text


def test_a_failed_build_is_reported_as_failed(tmp_path: Path) -> None:
    with pytest.raises(OSError), tracking(_knowledge(tmp_path, 3)) as tick:
        tick(1)
        raise OSError("disk full")
    assert index_build().state == "failed"
