"""Names, team sizes and deadlines read from an owner's description."""

from __future__ import annotations

from datetime import date

import pytest

from agent.profile.deadlines import easter_sunday, find_deadline, without_timing
from agent.profile.names import find_name
from agent.profile.numbers import find_customer_count, find_headcount

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Green Thread Tailoring runs two workshops in Porto.", "Green Thread Tailoring"),
        ("Our clinic is called Zahnwerk am Ring and has four chairs.", "Zahnwerk am Ring"),
        ("Holzmann Bau GmbH is a roofing firm near Ulm.", "Holzmann Bau GmbH"),
        ("I own Casa Lucía, two tapas bars in Málaga.", "Casa Lucía"),
        ("We are Nordkyst AS, a fish smokery in Bodø.", "Nordkyst AS"),
        ("Our studio, Blue Fern Pilates, has 300 members.", "Blue Fern Pilates"),
        ("Brightwell is a 12-person agency.", "Brightwell"),
        ("We are a bakery in York. Revenue is about £400k.", None),
        ("Every morning we bake bread. Staff are tired.", None),
        ("We are 14 people in a print shop.", None),
    ],
)
def test_business_names(text: str, name: str | None) -> None:
    assert find_name(text) == name


@pytest.mark.parametrize(
    ("text", "headcount"),
    [
        ("We have 25 employees: 18 installers, 4 office staff and the three of us partners.", 25),
        ("A clinic with 5 employees and about 30 freelance therapists.", 5),
        ("9 carpenters and 2 apprentices build our kitchens.", 11),
        ("We are 7 people. Two people answer the phones all day.", 7),
        ("A food bank with 12 staff and 3,000 people who use it each month.", 12),
        ("Our team of 8 handles everything.", 8),
    ],
)
def test_a_stated_total_wins_over_its_breakdown(text: str, headcount: int) -> None:
    found = find_headcount(text)
    assert found is not None and found[0] == headcount


def test_vague_customer_counts_are_not_numbers() -> None:
    assert find_customer_count("A few clients live abroad.") is None
    assert find_customer_count("We have 1,200 clients.") == (1200, "1,200 clients")


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("We need it working before the heating season in October.", 11),  # the stated month wins
        ("It has to be live before Christmas.", 1),
        ("Ready ahead of tax season, please.", 2),
        ("We want to go live by March.", 4),
        ("Before Semana Santa would be ideal.", 4),  # Holy Week 2027 starts 21 March
        ("Within 6 months.", 6),
    ],
)
def test_deadlines_by_month_season_and_feast(text: str, months: int) -> None:
    found = find_deadline(text, TODAY)
    assert found is not None and found[0] == months


def test_easter_is_computed_not_listed() -> None:
    assert [easter_sunday(y) for y in (2024, 2026, 2027, 2038)] == [
        date(2024, 3, 31),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
    ]


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("I'd like to see results within a quarter.", "I'd like to see results."),
        ("We want something live before the summer rush, and our budget is about 5k.", "We want something live, and"),
        ("We need to forecast how much bread to bake before Christmas.", "how much bread to bake."),
        ("By the end of the year we want the books done", "we want the books done"),
    ],
)
def test_deadline_words_are_left_out_of_what_is_read_for_meaning(text: str, left: str) -> None:
    assert left in without_timing(text)
    assert find_deadline(text, TODAY) is not None  # the deadline itself is still read, by its own reader


@pytest.mark.parametrize(
    "text",
    [
        "We are slammed in may every year.",  # "in may" is mostly the verb; a lone month without a cue stays
        "Live by March.",  # nothing of two words or more would be left to read
    ],
)
def test_text_without_deadline_words_is_unchanged(text: str) -> None:
    assert without_timing(text) == text
