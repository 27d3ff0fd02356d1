"""Writing an owner can trust: each seam rule fires on a glued sentence and stays quiet on a clean one, and the
helpers that build sentences from parts join lists, pick articles, space units and cite without nesting."""

from __future__ import annotations

import pytest

from agent.config import Settings
from agent.interview import InterviewService
from agent.writing import SeamContext, scan_text
from agent.writing.trade import foreign_words, trade_phrases
from agent.writing.units import local_distance
from agent.writing.words import cite, counted, join_words, quantity, with_article

CONTEXT = SeamContext(
    internal_ids=frozenset({"gdpr", "eprivacy", "global", "demand-forecasting"}),
    list_items=("save admin time", "improve scheduling", "Demand forecasting", "Staff rota planning"),
    foreign_words=("tooth", "allergen", "one shop"),
    foreign_units=("kilomet(?:re|er)s?", "km"),
    plan_months=18,
)

# kind -> (a sentence with the seam, the same sentence written well)
CASES = {
    "double space": ("Check the data  before the pilot.", "Check the data before the pilot."),
    "number agreement": ("Checks: 1 findings, 0 errors.", "Checks: 1 finding, 0 errors."),
    "internal id": ("Rules that apply: gdpr, eprivacy.", "Rules that apply: GDPR and ePrivacy rules."),
    "brackets": ("(Good practice (as GDPR Art. 30 requires))", "(Good practice, modelled on GDPR Art. 6(1)(f))"),
    "unit not spaced": ("Missed calls above 40calls/week.", "Missed calls above 40 calls/week, 4h/week, 3rd."),
    "article": ("A roadmap for a accountant and an bakery.", "A roadmap for an accountant, a bakery and an hour."),
    "repeated word": ("Review the the outputs.", "Review the outputs."),
    "echoed sentence": ("Here is your first draft (version 1). First draft.", "Here is your first draft."),
    "list without and": (
        "Serves your goals save admin time, improve scheduling.",
        "Serves your goals to save admin time and improve scheduling.",
    ),
    "other trade's words": ("A wrong tooth or allergen; limit it to one shop.", "A wrong date or instruction."),
    "foreign unit": ("Kilometres driven per delivery: 12 km.", "Miles driven per delivery: 7.5 miles."),
    "plan length": ("Draw a 12-month timeline.", "Draw an 18-month timeline."),
    "quoted as a constraint": (
        'Respect the constraint you set: "the phones never stop"',
        'Respect the constraint you set: "Staff must not feel watched"',
    ),
    "placeholder": ("Limit the pilot to {pilot_scope}.", "Limit the pilot to one team."),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_rule_finds_its_seam_and_passes_clean_text(kind: str) -> None:
    bad, good = CASES[kind]
    assert kind in {s.kind for s in scan_text(bad, "test", CONTEXT)}
    assert scan_text(good, "test", CONTEXT) == []


def test_a_list_of_parts_is_joined_with_and_unless_it_fills_its_cell() -> None:
    items = SeamContext(list_items=("Demand forecasting", "Staff rota planning", "Review replies"))
    assert scan_text("Turn Demand forecasting, Staff rota planning into a list.", "t", items)
    assert not scan_text("Turn Demand forecasting, Staff rota planning and Review replies into a list.", "t", items)
    assert not scan_text("Demand forecasting; Staff rota planning", "a table cell", items)


def test_sentence_parts_helpers() -> None:
    assert [join_words([]), join_words(["a"]), join_words(["a", "b"]), join_words(["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]
    assert join_words(["sales, by day", "holidays"]) == "sales, by day; and holidays"
    assert [with_article(w) for w in ("accountant", "bakery", "hour", "user", "SMS", "UK firm", "HIPAA form")] == [
        "an accountant",
        "a bakery",
        "an hour",
        "a user",
        "an SMS",
        "a UK firm",
        "a HIPAA form",
    ]
    assert [quantity(40, "calls/week"), quantity(1, "posts/week"), quantity(12, "%"), quantity(4, "h/week")] == [
        "40 calls/week",
        "1 post/week",
        "12%",
        "4h/week",
    ]
    assert quantity(20, "count") == "20"
    assert cite("GDPR Art. 6(1)(f)") == "(GDPR Art. 6(1)(f))"
    assert cite("Data Protection (Charges and Information) Regulations 2018") == (
        "[Data Protection (Charges and Information) Regulations 2018]"
    )
    assert [counted(1, "finding"), counted(0, "error"), counted(3, "error")] == ["1 finding", "0 errors", "3 errors"]


def test_trade_wording_comes_from_the_trade_family() -> None:
    assert "allergen" in trade_phrases("bakery")["risky_answers"]
    assert "allergen" not in trade_phrases("retail-bookshop")["risky_answers"]
    assert "tooth" in trade_phrases("dental")["record_errors"]
    assert "tooth" not in trade_phrases("medical-clinic")["record_errors"]
    assert "tooth" in foreign_words("medical-clinic") and "tooth" not in foreign_words("dental")
    assert "allergen" in foreign_words("ecommerce") and "allergen" not in foreign_words("cafe-restaurant")


def test_distances_follow_the_country() -> None:
    assert local_distance("Kilometres driven per delivery", "km", 12, ["US"]) == (
        "Miles driven per delivery",
        "miles",
        7.5,
    )
    assert local_distance("Kilometres driven per delivery", "km", 12, ["FR"]) == (
        "Kilometres driven per delivery",
        "km",
        12,
    )
    assert local_distance("Kilometres driven per delivery", "km", 12, ["GB", "FR"])[1] == "km"


def test_the_first_draft_reply_reads_cleanly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = InterviewService(Settings(data_dir=tmp_path, embedding_backend="hash"))
    try:
        sid = service.create_session("owner")
        service.send(sid, "owner", "We are a bakery in Leipzig, Germany with 9 staff and we throw away bread.")
        reply = service.send(sid, "owner", "About 10,000 euros, please draft the roadmap now")
        while reply["kind"] != "draft":
            reply = service.send(sid, "owner", "skip")
    finally:
        service.close()
    opening = reply["content"].split("\n\n")[0]
    assert opening.startswith("Here is your first draft (version 1). Checks: ")
    assert scan_text(opening, "reply", SeamContext()) == []
