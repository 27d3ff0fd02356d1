"""Fixtures for the tests against a live local model (`make test-llm-local`, marker `llm_local`).

The server is the one `make llm-local` started (agent/llm_server.py records its port). These tests are
deselected from the default run by the `-m "not llm_local"` option in pyproject.toml; when selected without a
running server they fail, naming the command to run, rather than skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agent import llm_server as llm_local
from agent.config import Settings
from tests.unit.corpus import write_basic_corpus


@pytest.fixture(scope="session")
def base_url() -> str:
    state = llm_local.running()
    if state is None:
        pytest.fail("No local model server answers: run `make llm-local` first (or use `make test-llm-local`).")
    return str(state["base_url"])


@pytest.fixture(scope="session")
def live_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data dir per run: the MiniLM export and the small corpus's index are built once."""
    return tmp_path_factory.mktemp("live-data")


@pytest.fixture(scope="session")
def live_knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_basic_corpus(tmp_path_factory.mktemp("live-knowledge") / "knowledge")


@pytest.fixture
def live_settings(base_url: str, live_data: Path) -> Settings:
    """The real knowledge base and the hashing embedder (drafts need no retrieval quality)."""
    return Settings(
        openai_base_url=base_url,
        llm_model=llm_local.MODEL_NAME,
        llm_timeout_s=300,  # one core, shared: a long structured reply takes minutes
        llm_max_retries=0,
        data_dir=live_data / "drafts",
        embedding_backend="hash",
    )


@pytest.fixture
def answer_settings(live_settings: Settings, live_data: Path, live_knowledge: Path) -> Settings:
    """The small fixture corpus with the real MiniLM: the coverage thresholds are calibrated for it."""
    return live_settings.model_copy(
        update={"knowledge_dir": live_knowledge, "data_dir": live_data / "answers", "embedding_backend": "onnx"}
    )


@pytest.fixture
def chat_settings(live_settings: Settings, live_data: Path) -> Settings:
    """The real knowledge base (the interview needs its catalogue) with the real MiniLM, indexed once per run."""
    return live_settings.model_copy(update={"data_dir": live_data / "chat", "embedding_backend": "onnx"})
