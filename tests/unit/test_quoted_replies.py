"""Replies written under someone else's quoted questions: only what the owner takes up is the owner's ask."""

from __future__ import annotations

from agent.profile.asks import read_asks
from agent.profile.extract import extract_profile
from agent.profile.quoted import OwnerWords, owner_words
from agent.profile.spoken import without_fillers


def test_text_without_quoted_lines_is_left_as_it_is() -> None:
    text = "We run a bakery in Leeds.\nOrders > 200 loaves a day need a second oven."
    assert owner_words(text) == OwnerWords(text)  # ">" inside a line quotes nothing


def test_a_suggestion_the_owner_turns_down_or_ignores_is_dropped() -> None:
    words = owner_words(
        "> Would a chatbot on the website help?\nNo, hardly anyone visits the site. We sell at markets.\n"
        "> Have you considered AI for your social posts?\n> And how many staff?\nFive of us.\n"
        "> Could AI sort your e-mail?\nNot really, the rota is our real problem."
    )
    assert "chatbot" not in words.text and "social" not in words.text and "e-mail" not in words.text
    assert "hardly anyone" not in words.text  # the reason for the no is about the idea turned down
    assert "We sell at markets." in words.text and "Five of us." in words.text
    assert "the rota is our real problem." in words.text and "Not really" not in words.text


def test_a_suggestion_the_owner_says_yes_to_is_kept_as_theirs() -> None:
    words = owner_words("> Would automatic capture help?\nYes, both the supplier invoices and the bank lines. Xero.")
    # read as one sentence with the answer, which alone points back at the idea
    assert "Would automatic capture help — Yes, both the supplier invoices and the bank lines." in words.text
    conditional = owner_words("> Would a forecast from past sales help?\nIf the till data is good enough, yes.")
    assert "forecast from past sales" in conditional.text


def test_a_topic_asked_without_a_verb_is_the_owners_when_the_answer_takes_it_up() -> None:
    words = owner_words("> Reviews?\nI answer them on Sundays. Drafts would be nice.\n> Social media?\nMy son does it.")
    assert "Reviews — I answer them on Sundays.\n\nDrafts would be nice." in words.text  # taken up after the how
    assert "Social media" not in words.text and "My son does it." in words.text


def test_a_yes_to_a_question_of_fact_or_of_worry_asks_for_nothing() -> None:
    words = owner_words(
        "> Do you have a website?\nYes, a basic one.\n> Are you worried about where the data goes?\nYes, very."
    )
    assert "website?" not in words.text and "worried" not in words.text


def test_the_first_sentence_under_an_open_question_about_needs_is_an_answer() -> None:
    words = owner_words(
        "> Which jobs eat most of your week?\nThe repair estimates, every evening. I hate them.\n"
        "> How many vans do you run?\nFour vans."
    )
    assert words.answers == frozenset({"The repair estimates, every evening."})


def test_a_turned_down_suggestion_is_not_asked_and_the_answer_to_an_open_question_is() -> None:
    text = (
        "Hi Sam,\n\nOn Tue 2 Dec, Sam wrote:\n> Would automatic replies to your Google reviews be useful?\n"
        "Not really, we get two a month.\n\n> What would you hand over to AI first?\n"
        "The staff rota for the two cafes, it takes me half of every Sunday.\n\nThanks, Joe"
    )
    # ... and the clause after the answer's first, opening on a pronoun, comments on it: no second ask
    assert [w.use_case for w in read_asks(text).wishes] == ["staff-scheduling"]


def test_quoted_questions_name_no_place_or_trade_of_the_business() -> None:
    profile = extract_profile(
        "> Do you sell to customers in France or Spain?\nNo, only locally.\n"
        "We are a florist in Bristol with four staff and want help answering the phone during weddings season."
    )
    assert {loc.country for loc in profile.locations} == {"GB"}
    assert not profile.markets


def test_hesitations_asides_and_restarts_of_speech_are_left_out() -> None:
    spoken = "um so we're a, we're a garage in uh Leeds and the the quotes, you know, take me ages."
    assert without_fillers(spoken) == "so we're a garage in Leeds and the quotes take me ages."
    assert without_fillers("ER nurses would like the rota, like the old one.") == (
        "ER nurses would like the rota, like the old one."
    )


def test_chatgpt_as_a_phone_hears_it_or_a_thumb_types_it_is_named_as_itself() -> None:
    assert without_fillers("the girls put the letters into chat GBT, the free one") == (
        "the girls put the letters into ChatGPT, the free one"
    )
    assert without_fillers("we use chat G.P.T. Then we check.") == "we use ChatGPT. Then we check."
    assert without_fillers("we chat, GPT is later") == "we chat, GPT is later"


def test_the_answer_to_a_question_after_the_owners_limits_is_a_constraint() -> None:
    text = (
        "> Which tasks eat your week?\nThe supplier invoices, we type them all into Sage.\n"
        "> Any budget limit?\nNothing over 80 euros a month, we are four people.\n"
        "> Where is your data?\nIn Sage and a shared drive."
    )
    assert owner_words(text).limits == frozenset({"Nothing over 80 euros a month, we are four people."})
    assert read_asks(text).constraints == ["Nothing over 80 euros a month"]  # the answer's opening, not its reason
