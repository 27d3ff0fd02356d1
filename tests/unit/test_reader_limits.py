"""The text readers stay linear and never fail on hostile input: long digit runs, walls of text, odd numbers."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from agent.cli import app
from agent.interview.intents import read_intent
from agent.profile.deadlines import find_deadline
from agent.profile.extract import extract_profile, read_fields
from agent.profile.money import find_amounts
from agent.profile.numbers import find_customer_count, find_headcount
from agent.profile.places import read_places
from agent.profile.update import update_profile
from agent.schemas import BusinessProfile

TODAY = date(2026, 11, 30)
_PIECES = st.sampled_from(
    ["0", "9", "000", " ", ",", ".", "-", "–", " to ", "€", "$", "£", "k", "m", " EUR", " staff", " in ", "Kent", "%"]
)
_HOSTILE = st.lists(_PIECES, max_size=4000).map("".join).map(lambda s: s[:20_000])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=_HOSTILE)
def test_every_reader_is_fast_on_hostile_text(text: str) -> None:
    for reader in (find_amounts, find_headcount, find_customer_count, read_places):
        started = time.perf_counter()
        reader(text)
        assert time.perf_counter() - started < 1.0, reader.__name__
    started = time.perf_counter()
    find_deadline(text, TODAY)
    read_fields(text, TODAY)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("text", ["0" * 8000, "0 " * 4000, "000 " * 3000, "1," * 4000, "€1 " * 3000])
def test_long_digit_runs_are_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    assert find_amounts(text) is not None
    find_headcount(text)
    find_customer_count(text)
    assert time.perf_counter() - started < 1.0


def test_eight_thousand_zeros_through_the_profile_reader() -> None:
    text = "We are a bakery in Leeds with 5 staff and a budget of " + "0" * 8000 + " pounds."
    started = time.perf_counter()
    profile = extract_profile(text, today=TODAY)
    assert time.perf_counter() - started < 2.0
    assert profile.headcount == 5 and profile.budget is None  # the digit run is not a sum of money


def test_eight_thousand_zeros_through_roadmap_draft(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EMBEDDING_BACKEND", "hash")
    text = "A bakery in Leeds with 5 staff wants to forecast demand and waste less bread. " + "0" * 8000
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["draft", text, "--format", "json"])
    assert time.perf_counter() - started < 20.0
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("answer", ["0", "-3", "9" * 8000, "zero people", "minus three"])
def test_impossible_team_sizes_leave_headcount_unknown(answer: str) -> None:
    before = BusinessProfile(headcount=None, locations=[])
    after, _ = update_profile(before, answer, TODAY, slot="headcount")
    assert after.headcount is None


def test_a_bad_answer_loses_nothing_already_saved() -> None:
    before = extract_profile("We are a bakery in Leeds with 5 staff and want to waste less bread.", today=TODAY)
    after, _ = update_profile(before, "-3", TODAY, slot="headcount")
    assert after.headcount == 5 and [loc.country for loc in after.locations] == ["GB"]


@pytest.mark.parametrize("answer", ["0", "-3", "minus 5000", "9" * 8000, "€" + "9" * 20, "$999,999,999,999,999"])
def test_impossible_budgets_leave_budget_unknown(answer: str) -> None:
    after, _ = update_profile(BusinessProfile(), answer, TODAY, slot="budget")
    assert after.budget is None
    after.model_dump_json()  # nothing infinite or unserialisable slipped in


@pytest.mark.parametrize("text", ["update " * 2800, "make " * 4000, "rewrite the " * 1800])
def test_chat_intents_are_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    read_intent(text, [])  # rules only: no embedder
    assert time.perf_counter() - started < 0.5
