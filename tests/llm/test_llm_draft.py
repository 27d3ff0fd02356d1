"""The LLM drafting path replayed from cassettes: the happy path is recordable from a real model (`make record`),
the misbehaviours a real server cannot be made to show on demand stay hand-written (see tests/cassettes/README.md)."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from agent.checks import check_roadmap
from agent.config import Settings
from agent.llm import Usage, build_chat_model
from agent.planning.pipeline import draft_from_text
from agent.profile import extract_profile
from agent.profile.lexicon import load_yaml
from agent.profile.llm_extract import llm_extract
from tests.conftest import TODAY, example

MAX_CALLS = 4


def _draft(settings: Settings):  # type: ignore[no-untyped-def]
    return draft_from_text(example("bakery"), settings, TODAY)


def test_structured_extraction(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Recordable (`make record`): the model's facts fill the rules' gaps, only with vocabulary values."""
    rules = extract_profile(example("bakery"), TODAY)
    usage = Usage.for_settings(llm_settings)
    merged = llm_extract(build_chat_model(llm_settings), rules, usage, llm_settings)
    assert usage.calls == 1 and usage.prompt_tokens > 0 and usage.completion_tokens > 0
    # the rules win on what they parsed; the model may only add known ids
    assert merged.budget == rules.budget and merged.locations == rules.locations and merged.name == rules.name
    assert set(rules.goals) <= set(merged.goals) <= set(load_yaml("goals"))
    assert set(merged.systems) <= set(load_yaml("systems")) and merged.industry in load_yaml("industries")
    added = [name for name in ("goals", "systems", "data_held") if getattr(merged, name) != getattr(rules, name)]
    assert all(merged.provenance[f"{name}:llm"].evidence == "read by the language model" for name in added)


def test_tailored_draft(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Recordable: whatever the model wrote, the draft is valid and checked, or the offline one with a notice."""
    result = _draft(llm_settings)
    roadmap = result.roadmap
    assert result.usage is not None and 2 <= result.usage["calls"] <= MAX_CALLS
    assert result.usage["total_tokens"] == result.usage["prompt_tokens"] + result.usage["completion_tokens"] > 0
    assert roadmap.budget.total <= 15_000  # the owner's ceiling
    assert not [f for f in check_roadmap(roadmap) if f.severity == "error"]
    # compliance tasks survive tailoring, whatever the model wrote
    assert sum(a.startswith("Compliance:") for s in roadmap.stages for a in s.activities) == len(roadmap.compliance)
    if roadmap.generated_by == "offline":
        assert any("offline draft" in n for n in result.notices), result.notices


def test_invalid_reply_is_repaired(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = _draft(llm_settings)
    assert result.roadmap.generated_by == "llm"
    assert result.usage and result.usage["calls"] == 3


def test_failed_checks_are_repaired(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = _draft(llm_settings)
    assert result.roadmap.generated_by == "llm"
    assert not any("Monitor staff" in a for s in result.roadmap.stages for a in s.activities)
    assert result.usage and result.usage["calls"] == 3


def test_retries_exhausted_fall_back_to_offline(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = _draft(llm_settings)
    assert result.roadmap.generated_by == "offline"
    assert any("offline draft" in n for n in result.notices)
    assert result.usage and result.usage["calls"] == MAX_CALLS


def test_invented_citation_is_removed(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = _draft(llm_settings)
    assert "gdpr-article-99-made-up" not in result.roadmap.summary
    assert any("gdpr-article-99-made-up" in n for n in result.notices)
    assert "[stage-pilot]" in result.roadmap.summary  # a real citation stays


def test_rate_limit_is_retried(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = _draft(llm_settings)
    assert result.roadmap.generated_by == "llm" and result.notices == []


def test_unauthorized_names_the_setting(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = _draft(llm_settings)
    assert result.roadmap.generated_by == "offline"
    assert len(result.notices) == 1 and "OPENAI_API_KEY" in result.notices[0]
    assert "sk-test" not in result.notices[0]  # the key never reaches a message


@pytest.mark.match_origin
def test_openai_compatible_base_url(cassette, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        openai_base_url="http://127.0.0.1:11434/v1",
        llm_model="llama3.1:8b",
        data_dir=tmp_path,
        embedding_backend="hash",
        openai_api_key=SecretStr("ollama"),
    )
    result = _draft(settings)
    assert result.roadmap.generated_by == "llm" and result.usage and result.usage["calls"] == 2
