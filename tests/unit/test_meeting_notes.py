"""Notes of a meeting: the lines that record the document (its title, who was present, the date) ask for nothing;
what a section headed "Rejected" or "Parked" lists, and what someone named turns down, is no ask; each line of a
text typed line by line is a sentence of its own."""

from __future__ import annotations

import pytest

from agent.profile.asks import read_asks
from agent.profile.clauses import clauses

NOTES = (
    "Weekly catch-up – Harbour Dental, 3 Mar\n"
    "Attendees: Maeve (owner), Ros (reception), Tadhg (hygienist)\n"
    "\n"
    "Decisions:\n"
    "- Maeve agreed to try software that writes the post-op instruction letters from our templates.\n"
    "\n"
    "Rejected:\n"
    "- A chatbot on the website that answers patients' questions.\n"
    "\n"
    "Actions: Ros to book two demos."
)


def test_the_title_and_the_list_of_people_present_are_not_read() -> None:
    texts = [c.text for c in clauses(NOTES)]
    assert not any("Attendees" in t or "catch-up" in t for t in texts)
    assert "meeting-summaries" not in [w.use_case for w in read_asks(NOTES).wishes]


def test_a_title_that_asks_is_read() -> None:
    """Only a title line that records the document is dropped, not a first line that asks."""
    text = "Meeting notes: we want AI to write them up for us\nWe meet every Monday, six of us."
    assert any("write them up" in c.text for c in clauses(text))
    # A first sentence that only names minutes is no title unless it stands on a line of its own.
    told = "Every session means 20 minutes of notes afterwards. Help there, please."
    assert any("notes afterwards" in c.text for c in clauses(told))


def test_what_a_rejected_section_lists_asks_for_nothing() -> None:
    parts = clauses(NOTES)
    chatbot = [c for c in parts if "chatbot" in c.text]
    assert chatbot and all(c.refuses and not c.wants for c in chatbot)
    assert "customer-service-chatbot" not in [w.use_case for w in read_asks(NOTES).wishes]
    # The section ends at the next heading: what follows it is read again.
    assert not next(c for c in parts if "demos" in c.text).refuses


def test_the_same_notes_without_the_rejected_heading_ask_for_the_chatbot() -> None:
    asked = NOTES.replace("Rejected:", "Also agreed:")
    assert "customer-service-chatbot" in [w.use_case for w in read_asks(asked).wishes]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Kels suggested cameras that flag which bartenders are slacking. Dwayne said no, the regulars would walk.",
            "Kels suggested cameras that flag which bartenders are slacking. Dwayne agreed.",
        ),
        (
            "Gareth wants trackers on the cleaners' phones to check their hours. Gareth agreed to drop it.",
            "Gareth wants trackers on the cleaners' phones to check their hours.",
        ),
        (
            "Gareth wants trackers on the cleaners' phones. Dilys objected strongly; Gareth agreed to drop it.",
            "Gareth wants trackers on the cleaners' phones. Dilys objected strongly.",
        ),
        (
            "Carlo turned down the mood camera for the restaurant that reads how guests feel.",
            "Carlo wants the mood camera for the restaurant that reads how guests feel.",
        ),
        (
            "We want cameras that score how hard each picker works: parked.",
            "We want cameras that score how hard each picker works.",
        ),
    ],
)
def test_a_practice_someone_named_turns_down_or_the_notes_park_is_no_risky_wish(text: str, asked: str) -> None:
    assert read_asks(text).risky_wishes == []
    assert read_asks(asked).risky_wishes != []


def test_a_practice_ordered_to_stop_is_no_risky_wish() -> None:
    told = "Rich has been pasting clients' grievance notes into his personal ChatGPT to draft the letters."
    assert read_asks(told).risky_wishes != []
    assert read_asks(f"{told} Joanna: stop today.").risky_wishes == []
    assert read_asks(f"{told} Agreed: it stops now.").risky_wishes == []


def test_a_limit_someone_sets_is_no_reply_to_the_sentence_before() -> None:
    """ "Hank said no to anything over $100" names its own object: the ask before it stands."""
    text = "Agreed to get an app that reads the receipts into the accounts. Hank said no to anything over $100 a month."
    assert not clauses(text)[0].refuses


def test_an_item_headed_rejected_turns_down_only_itself() -> None:
    text = "1. Quotes: Wei to trial drafting quotations from the site notes.\n2. Rejected: AI renders."
    parts = clauses(text)
    assert not parts[0].refuses and parts[-1].refuses


def test_the_bank_saying_no_is_not_the_business_turning_it_down() -> None:
    text = "We want a cash-flow forecast we can trust. The bank said no to the overdraft."
    assert not clauses(text)[0].refuses


def test_each_line_of_a_message_typed_line_by_line_is_a_sentence() -> None:
    text = "gym in brisbane, ppl book and dont turn up\nwant reminders that actually work"
    assert len({c.sentence for c in clauses(text)}) == 2
