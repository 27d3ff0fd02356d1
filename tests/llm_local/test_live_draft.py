"""Profile reading and tailored drafts against a live local model: what must hold whatever the model writes."""

from __future__ import annotations

import re

import pytest

from agent import llm_server as llm_local
from agent.checks import check_roadmap
from agent.config import Settings
from agent.llm import Usage, build_chat_model
from agent.planning.llm_drafter import MAX_RETRIES
from agent.planning.pipeline import draft_from_profile, draft_from_text
from agent.profile import extract_profile
from agent.profile.lexicon import load_yaml
from agent.profile.llm_extract import llm_extract
from agent.schemas import STAGE_ORDER, Roadmap
from tests.conftest import TODAY, example

pytestmark = pytest.mark.llm_local

MAX_CALLS = 1 + 1 + MAX_RETRIES  # one profile read, one tailoring, its repairs
_CITE = re.compile(r"\[([a-z0-9][a-z0-9-]{2,80})\]")


def test_profile_extraction_keeps_the_rules_facts_and_the_vocabulary(live_settings: Settings) -> None:
    rules = extract_profile(example("bakery"), TODAY)
    usage = Usage.for_settings(live_settings)
    merged = llm_extract(build_chat_model(live_settings), rules, usage, live_settings)

    assert usage.calls == 1 and usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert merged.budget == rules.budget and merged.locations == rules.locations and merged.name == rules.name
    assert merged.industry in load_yaml("industries")
    assert set(merged.goals) <= set(load_yaml("goals")) and set(rules.goals) <= set(merged.goals)
    assert set(merged.systems) <= set(load_yaml("systems"))
    assert set(merged.data_held) <= set(load_yaml("data"))


def test_tailored_draft_is_checked_or_falls_back_with_a_notice(live_settings: Settings) -> None:
    result = draft_from_text(example("bakery"), live_settings, TODAY)
    roadmap = Roadmap.model_validate(result.roadmap.model_dump())  # the schema holds, whoever wrote it
    # the offline plan for the same profile (the model's reading may have added goals or systems to it)
    offline = draft_from_profile(
        roadmap.profile, live_settings.model_copy(update={"openai_base_url": None}), today=TODAY
    )

    assert result.usage is not None and 2 <= result.usage["calls"] <= MAX_CALLS
    # the meter stops calling once the budget is spent: at most one call's context past it
    assert result.usage["total_tokens"] <= live_settings.llm_token_budget + llm_local.CONTEXT_TOKENS
    assert [s.id for s in roadmap.stages] == list(STAGE_ORDER)
    # the planner's numbers and duties survive the rewrite
    assert roadmap.budget.total == offline.roadmap.budget.total
    assert roadmap.budget.total <= (roadmap.profile.budget.amount if roadmap.profile.budget else float("inf"))
    assert [u.id for u in roadmap.use_cases] == [u.id for u in offline.roadmap.use_cases]
    duties = [a for s in offline.roadmap.stages for a in s.activities if a.startswith("Compliance:")]
    assert [a for s in roadmap.stages for a in s.activities if a.startswith("Compliance:")] == duties
    # no error the model introduced, no citation it invented
    before = {(f.rule_id, f.path) for f in check_roadmap(offline.roadmap) if f.severity == "error"}
    assert not [f for f in check_roadmap(roadmap) if f.severity == "error" and (f.rule_id, f.path) not in before]
    known = {c.doc_id for c in offline.roadmap.citations} | _guidance_ids(live_settings)
    texts = [roadmap.summary, *(s.summary for s in roadmap.stages), *(a for s in roadmap.stages for a in s.activities)]
    assert {c for t in texts for c in _CITE.findall(t)} <= known
    if roadmap.generated_by == "offline":
        assert any("offline draft" in n for n in result.notices), result.notices


def test_a_reply_cut_short_falls_back_with_a_notice_naming_the_setting(live_settings: Settings) -> None:
    # 60 tokens cannot hold the profile facts, let alone nine stages: the server stops every reply at the limit
    # and the client refuses the truncated JSON. Asking again at the same limit cannot help, so the offline draft
    # is shown at once, with the setting to raise, and the tokens the cut reply spent are counted.
    settings = live_settings.model_copy(update={"llm_max_tokens": 60})
    result = draft_from_text(example("bakery"), settings, TODAY)

    assert result.roadmap.generated_by == "offline"
    assert result.usage and result.usage["calls"] == 1 and 0 < result.usage["completion_tokens"] <= 60
    assert any("LLM_MAX_TOKENS=60" in n and "offline engine" in n for n in result.notices), result.notices


def test_spent_token_budget_stops_the_model_and_says_so(live_settings: Settings) -> None:
    settings = live_settings.model_copy(update={"llm_token_budget": 500})  # the profile read alone spends more
    result = draft_from_text(example("bakery"), settings, TODAY)

    assert result.roadmap.generated_by == "offline" and result.usage and result.usage["calls"] == 1
    assert any("token budget" in n for n in result.notices), result.notices


def _guidance_ids(settings: Settings) -> set[str]:
    from agent.planning.catalogue import load_catalogue

    return {stage.citation.doc_id for stage in load_catalogue(settings.knowledge_dir).stages}
