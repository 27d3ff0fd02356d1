"""The scale-out path: the same store against a real `chroma run` server on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.config import Settings
from agent.retrieval import KnowledgeStore, load_knowledge

CHROMA = Path(sys.executable).parent / "chroma"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_heartbeat(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chroma run exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"chroma server at {url} gave no heartbeat within {timeout_s:.0f} s")


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """A `chroma run` server on a free loopback port, stopped at teardown."""
    port, log = _free_port(), tmp_path / "chroma.log"
    with log.open("wb") as out:  # a file, not a pipe: a chatty server never blocks on a full pipe
        process = subprocess.Popen(
            [
                str(CHROMA),
                "run",
                "--path",
                str(tmp_path / "server"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_heartbeat(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.server
def test_ingest_and_search_through_a_chroma_server(chroma_url: str, knowledge_root: Path, tmp_path: Path) -> None:
    settings = Settings(
        knowledge_dir=knowledge_root,
        data_dir=tmp_path / "data",
        embedding_backend="hash",
        chroma_url=chroma_url,
    )
    store = KnowledgeStore.from_settings(settings)

    report = store.ingest(load_knowledge(knowledge_root))
    hits = store.search("Within how many hours must the supervisory authority be notified?", k=3)
    filtered = store.search("consumer rights", k=5, jurisdictions=["ccpa"])
    again = KnowledgeStore.from_settings(settings).ingest(load_knowledge(knowledge_root))

    assert (len(report.added), report.chunks_embedded, store.count()) == (4, 7, 7)
    assert hits[0].chunk_id == "gdpr-breach#breach-reporting-gdpr-art-33"
    assert hits[0].similarity is not None and hits[0].similarity > 0
    assert {h.doc_id for h in filtered} <= {"ccpa-rights", "nist-ai-rmf"}
    assert filtered[0].doc_id == "ccpa-rights"
    assert again.chunks_embedded == 0 and again.unchanged == 4
    assert not (tmp_path / "data" / "index" / "chroma").exists()  # nothing went to the embedded store
