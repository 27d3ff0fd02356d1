"""LLM-path fixtures: cassette replay (vcrpy) with secrets filtered, and settings with a fake key.

Cassettes live in tests/cassettes/<test module>/<test name>.yaml and replay only (record mode 'none') unless
`--record-mode` says otherwise. A test that leaves an interaction unplayed fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import vcr
from pydantic import SecretStr

from agent.config import Settings
from tests.conftest import RECORDING_BASE_URL, RECORDING_KEY, RECORDING_MODEL

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"
SECRET_HEADERS = ["authorization", "api-key", "openai-organization", "openai-project", "cookie", "set-cookie"]
FAKE_KEY = "sk-test-not-a-real-key"


def _scrub_response(response: dict) -> dict:
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    return response


@pytest.fixture
def cassette(request: pytest.FixtureRequest) -> Iterator[vcr.cassette.Cassette]:
    """Replay tests/cassettes/<module>/<test>.yaml; fail if any recorded interaction is left unplayed.

    Requests match on method and path: recordings come from a local server on whatever port it had, and are
    replayed against the default endpoint. A test marked `match_origin` also matches scheme, host and port."""
    mode = request.config.getoption("--record-mode", default=None) or "none"
    # 'rewrite' (pytest-recording's name) is vcrpy's 'all' with the old interactions dropped: a re-recording
    # replaces the cassette instead of appending to it.
    rewrite = mode == "rewrite"
    mode = "all" if rewrite else mode
    origin = ["scheme", "host", "port"] if request.node.get_closest_marker("match_origin") else []
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1]),
        record_mode=mode,
        match_on=["method", *origin, "path", "query"],
        filter_headers=SECRET_HEADERS,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
        drop_unused_requests=rewrite,
    )
    with recorder.use_cassette(f"{request.node.name}.yaml", allow_playback_repeats=False) as cas:
        yield cas
        if mode == "none":
            assert cas.all_played, f"{len(cas.data) - cas.play_count} recorded interaction(s) were not used"


@pytest.fixture
def llm_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for the OpenAI API with a fake key (cassettes make real calls impossible); the real endpoint
    (OPENAI_BASE_URL, LLM_MODEL, OPENAI_API_KEY) is used only when re-recording."""
    recording = (request.config.getoption("--record-mode", default=None) or "none") != "none"
    if recording:
        return Settings(
            openai_api_key=SecretStr(RECORDING_KEY or FAKE_KEY),
            openai_base_url=RECORDING_BASE_URL,
            llm_model=RECORDING_MODEL or "gpt-4o-mini",
            llm_max_retries=2,
            llm_timeout_s=600,  # a small local model on one core takes minutes for a long structured reply
            data_dir=tmp_path,
            embedding_backend="hash",
        )
    return Settings(
        openai_api_key=SecretStr(FAKE_KEY),
        llm_model="gpt-4o-mini",
        llm_max_retries=2,
        llm_timeout_s=5,
        data_dir=tmp_path,
        embedding_backend="hash",
    )
