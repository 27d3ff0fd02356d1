"""The LLM drafting path replayed from hand-written cassettes (see tests/cassettes/README.md)."""

from __future__ import annotations

from pydantic import SecretStr

from agent.checks import check_roadmap
from agent.config import Settings
from agent.llm import Usage, build_chat_model
from agent.planning.pipeline import draft_from_text
from agent.profile import extract_profile
from agent.profile.llm_extract import llm_extract
from tests.conftest import TODAY, example

MAX_CALLS = 4


def _draft(settings: Settings):  # type: ignore[no-untyped-def]
    return draft_from_text(example("bakery"), settings, TODAY)


def test_structured_extraction(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    rules = extract_profile(example("bakery"), TODAY)
    usage = Usage.for_settings(llm_settings)
    merged = llm_extract(build_chat_model(llm_settings), rules, usage, llm_settings)
    assert usage.calls == 1 and usage.total_tokens == 1610
    # the rules win on what they parsed; the model fills the gaps
    assert merged.budget == rules.budget and merged.locations == rules.locations
    assert "increase-revenue" in merged.goals and "increase-revenue" not in rules.goals
    assert merged.name == "Crumb & Co"
    assert merged.provenance["goals:llm"].evidence == "read by the language model"


def test_tailored_draft(cassette, llm_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = _draft(llm_settings)
    roadmap = result.roadmap
    assert roadmap.generated_by == "llm" and result.notices == []
    assert roadmap.summary.startswith("Crumb & Co's plan")
    assert all(s.summary.startswith("For Crumb & Co") for s in roadmap.stages)
    assert not [f for f in check_roadmap(roadmap) if f.severity == "error"]
    assert result.usage is not None and result.usage["calls"] == 2 <= MAX_CALLS
    assert result.usage["total_tokens"] == 1610 + 7100
    assert result.usage["estimated_cost_usd"] > 0
    # compliance tasks survive tailoring, whatever the model wrote
    assert sum(a.startswith("Compliance:") for s in roadmap.stages for a in s.activities) == len(roadmap.compliance)


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
