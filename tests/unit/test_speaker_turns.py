"""Transcripts labelled by speaker: the adviser's turns are someone else's words, as quoted lines are."""

from __future__ import annotations

from agent.profile.asks import read_asks
from agent.profile.quoted import owner_words
from agent.profile.speakers import as_quoted


def test_the_advisers_turns_become_quoted_lines_and_the_owners_lose_their_label() -> None:
    text = "Adviser: What takes your time?\nSiobhan: The no-shows.\nThey cost us four slots a week.\nAdviser: Right."
    assert as_quoted(text) == "> What takes your time?\nThe no-shows.\nThey cost us four slots a week.\n> Right."


def test_text_that_is_not_a_transcript_is_left_as_it_is() -> None:
    headings = "Budget: 50 euros a month.\nGoal: fewer no-shows.\nOwner: Maria"
    assert as_quoted(headings) == headings  # labels, but nobody who asks
    alone = "Consultant: we were told to write down what we need."
    assert as_quoted(alone) == alone  # one speaker is no conversation


def test_an_idea_the_adviser_names_counts_only_when_the_owner_takes_it_up() -> None:
    text = (
        "Adviser: There are tools that predict bake quantities from past sales and the weather.\n"
        "Owner: Yeah, that'd help.\n"
        "Adviser: And maybe something to write your Instagram posts?\n"
        "Owner: Nah, my daughter does that."
    )
    words = owner_words(text)
    assert "predict bake quantities" in words.text  # a proposal, not a question, taken up
    assert "Instagram" not in words.text
    use_cases = {w.use_case for w in read_asks(text).wishes}
    assert "demand-forecasting" in use_cases and "social-media-content" not in use_cases


def test_a_question_of_fact_answered_no_keeps_the_fact_that_follows() -> None:
    words = owner_words("Adviser: Do callers know the calls are recorded?\nOwner: No, we record in the background.")
    assert words.text == "we record in the background."


def test_a_statement_put_as_a_question_is_no_idea_to_take_up() -> None:
    words = owner_words("Adviser: You run the cabs in Austin?\nOwner: Yes, forty cars.")
    assert "Austin" not in words.text and words.text == "Yes, forty cars."
