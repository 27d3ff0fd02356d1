"""API fixtures: an app over a throwaway data dir, with and without API keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from agent.config import Settings
from api.app import create_app

KEY_A, KEY_B = "test-key-a", "test-key-b"


def make_settings(data_dir: Path, keys: list[str] | None = None) -> Settings:
    """Settings for an API under test (hash embeddings keep it fast)."""
    return Settings(data_dir=data_dir, embedding_backend="hash", api_keys=[SecretStr(k) for k in keys or []])


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """An open API (no keys), as on a developer's machine."""
    with TestClient(create_app(make_settings(tmp_path))) as test_client:
        yield test_client


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[TestClient]:
    """An API that requires one of two keys."""
    with TestClient(create_app(make_settings(tmp_path, [KEY_A, KEY_B]))) as test_client:
        yield test_client


def auth(key: str) -> dict[str, str]:
    """Authorization header for a key."""
    return {"Authorization": f"Bearer {key}"}
