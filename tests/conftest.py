"""Shared fixtures. Tests never reach a real model: keys are removed and the network is blocked
(pytest-recording's --block-network, loopback allowed) by the options in pyproject.toml."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from agent.config import PROJECT_ROOT, Settings
from agent.schemas import Roadmap

# The endpoint is kept aside only for `make record` (record mode other than 'none'); no test sees it otherwise.
RECORDING_KEY = os.environ.pop("OPENAI_API_KEY", None)
RECORDING_BASE_URL = os.environ.pop("OPENAI_BASE_URL", None)
RECORDING_MODEL = os.environ.pop("LLM_MODEL", None)
for _var in ("CHROMA_URL", "DATABASE_URL"):
    os.environ.pop(_var, None)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["LANGSMITH_TRACING"] = "false"

EXAMPLES = PROJECT_ROOT / "examples"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session", autouse=True)
def seeded_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real knowledge/ folder indexed once with the hashing embedder; every test's fresh data dir starts
    from a copy (INDEX_SEED_DIR) instead of embedding ~200 documents again."""
    from agent.retrieval.index import open_index

    settings = Settings(data_dir=tmp_path_factory.mktemp("seed"), embedding_backend="hash", index_seed_dir=None)
    open_index(settings)
    os.environ["INDEX_SEED_DIR"] = str(settings.index_dir)
    yield settings.index_dir
    os.environ.pop("INDEX_SEED_DIR", None)


@pytest.fixture(scope="session", autouse=True)
def process_settings(seeded_index: Path) -> Settings:
    """The process-wide settings, read once before any test patches the environment: a test that sets
    EMBEDDING_BACKEND=hash for the CLI it runs must not leave the cached settings of every later test hashed."""
    from agent.config import get_settings

    return get_settings()


@pytest.fixture(scope="session")
def project_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the real knowledge/ folder with a throwaway data dir."""
    return Settings(data_dir=tmp_path_factory.mktemp("data"), embedding_backend="hash")


@pytest.fixture(scope="session")
def bakery_roadmap(project_settings: Settings) -> Roadmap:
    """The offline draft for the example bakery (read-only: copy before changing)."""
    from agent.planning.pipeline import draft_from_text

    text = (EXAMPLES / "bakery.txt").read_text(encoding="utf-8")
    return draft_from_text(text, project_settings, TODAY).roadmap


def example(name: str) -> str:
    """Text of an example description."""
    return Path(EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


# --- knowledge store fixtures (small corpora in tmp_path; the real knowledge/ folder is not used) ---------


@pytest.fixture
def knowledge_root(tmp_path: Path) -> Path:
    """The basic four-document fixture corpus, written into tmp_path/knowledge."""
    from tests.unit.corpus import write_basic_corpus

    return write_basic_corpus(tmp_path / "knowledge")


@pytest.fixture
def hash_settings(knowledge_root: Path, tmp_path: Path) -> Settings:
    """Settings over the fixture corpus with the fast, deterministic hashing embedder."""
    return Settings(knowledge_dir=knowledge_root, data_dir=tmp_path / "data", embedding_backend="hash")


@pytest.fixture(scope="session")
def onnx_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MiniLM exported to ONNX once per test session (~10 s), where OnnxMiniLM caches it for a data dir."""
    from agent.retrieval.embeddings import ensure_onnx_model

    models = Settings(data_dir=tmp_path_factory.mktemp("onnx-data")).index_dir / "models"
    ensure_onnx_model(models)
    return models


@pytest.fixture(scope="session")
def onnx_embedder(onnx_models_dir: Path):  # type: ignore[no-untyped-def]
    """One ONNX MiniLM embedder shared by every embedding test."""
    from agent.retrieval.embeddings import OnnxMiniLM

    return OnnxMiniLM(onnx_models_dir)
