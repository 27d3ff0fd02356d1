"""The place reader: gazetteer readings, ambiguous names, qualifiers, neighbourhoods, languages and markets."""

from __future__ import annotations

import pytest

from agent.profile.gazetteer import TABLE_PATH, lookup, normalise
from agent.profile.jurisdictions import derive_jurisdictions, laws_reaching
from agent.profile.places import find_locations, read_places
from agent.schemas import BusinessProfile, Location


def _where(text: str) -> list[tuple[str, str | None]]:
    return [(loc.country, loc.region) for loc in read_places(text).locations]


def _sold_to(text: str) -> list[tuple[str, str | None]]:
    return [(loc.country, loc.region) for loc in read_places(text).markets]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("A bakery in Rosenheim (Bavaria) with six staff.", [("DE", "BY")]),  # a bracketed region qualifies
        ("Our pharmacy is in Ballincollig, Co. Cork.", [("IE", "CO")]),  # an Irish county after a comma
        ("A plumbing firm in Phoenix AZ.", [("US", "AZ")]),  # a state code after a town, no comma
        ("An orchard in Kent.", [("GB", "KEN")]),  # a county of England beats towns in Ohio and Washington
        ("A shop in Hamilton, Ontario.", [("CA", "ON")]),
        ("Our office is in London, Ontario.", [("CA", "ON")]),  # the qualifier beats the larger London
        ("A cafe in Paris, Texas.", [("US", "TX")]),
        ("A cafe in Paris.", [("FR", None)]),
        ("A gallery in Santa Fe, New Mexico.", [("US", "NM")]),
        ("A laundry in Hanover.", [("DE", None)]),  # an English exonym of a much larger city
        ("A lodge in Tromsø.", [("NO", None)]),
    ],
)
def test_gazetteer_places_map_to_country_and_region(text: str, where: list[tuple[str, str | None]]) -> None:
    assert _where(text) == where


def test_neighbourhoods_in_brackets_belong_to_the_city() -> None:
    text = "Four studios in Los Angeles (Silver Lake, Venice, Pasadena and Culver City)."
    assert [(loc.country, loc.region, loc.city) for loc in read_places(text).locations] == [("US", "CA", "Los Angeles")]


def test_other_places_settle_an_ambiguous_town() -> None:
    assert _where("Studios in Los Angeles, Venice and Santa Monica.") == [("US", "CA")]
    assert _where("A glass workshop in Venice.") == [("IT", None)]
    assert _where("Clinics in Houston and Pasadena.") == [("US", "TX")]


@pytest.mark.parametrize(
    "text",
    [
        "Reading CVs takes us hours every week.",
        "Our manager Victoria keeps the rota.",
        "Nice to meet you; we run a print shop.",
        "We want a Mobile app for bookings.",
        "Florence, our head baker, bakes at four.",
        "I talked to Jackson about the accounts.",
    ],
)
def test_words_and_given_names_are_not_places_without_a_place_word(text: str) -> None:
    assert read_places(text).locations == [] and read_places(text).markets == []


def test_the_same_names_are_places_after_a_place_word() -> None:
    assert [country for country, _ in _where("We have shops in Reading and Nice.")] == ["GB", "FR"]
    assert _where("We are in Jackson, Mississippi.") == [("US", "MS")]


@pytest.mark.parametrize(
    "text",
    [
        "Our guests write in Spanish, English, German, French, Dutch and Swedish.",
        "We speak French and we get English-speaking tourists.",
        "Our menus are in Greek and Italian.",
    ],
)
def test_languages_are_not_places(text: str) -> None:
    found = read_places(text)
    assert (found.locations, found.markets, found.regions) == ([], [], set())


def test_nationality_words_before_customer_words_are_markets() -> None:
    assert _sold_to("We have American and British customers.") == [("US", None), ("GB", None)]
    assert _where("We have German customers.") == []


def test_markets_apart_from_locations() -> None:
    text = "An agency in Dublin placing engineers with clients in Ireland, the UK and across the EU."
    found = read_places(text)
    assert [(x.country, x.city) for x in found.locations] == [("IE", "Dublin")]
    assert [x.country for x in found.markets] == ["IE", "GB"]
    assert found.regions == {"eu"}
    assert _sold_to("A startup in Boston. We have 900 customers, 30% of them in Germany and France.") == [
        ("DE", None),
        ("FR", None),
    ]
    assert _where("We ship all over the EU from our warehouse in Rotterdam.") == [("NL", None)]


def test_negated_places_are_not_read() -> None:
    assert read_places("A few clients live in the US, and none are in Europe.").regions == {"us"}
    assert _sold_to("We do not ship to Canada.") == []


def test_short_forms_count_only_in_capitals() -> None:
    assert _where("We are based in the US.") == [("US", None)]
    assert _where("Most of us are bakers here.") == []
    assert _where("Give us a call.") == []


def test_markets_feed_the_laws_that_reach_in() -> None:
    """A US business with customers in the EU is reached by GDPR through its market, not its location."""
    found = read_places("A software firm in Denver; 40% of our customers are in Germany.")
    profile = BusinessProfile(locations=found.locations, markets=found.markets)
    laws, _ = derive_jurisdictions(profile, found.regions)
    assert "gdpr" in laws  # reached through its German customers (GDPR Art. 3(2))
    assert "colorado-ai-act" in laws_reaching("US", "CO")  # Denver puts Colorado's law within reach
    merged, regions = find_locations("A software firm in Denver; 40% of our customers are in Germany.")
    assert [loc.country for loc in merged] == ["US", "DE"] and regions == {"eu"}


def test_the_table_is_committed_and_keyed_by_normalised_names() -> None:
    assert TABLE_PATH.exists()
    assert normalise("Baden-Württemberg") == "baden wurttemberg"
    assert {p.country for p in lookup("bayern")} == {"DE"}
    assert not lookup("english")  # languages are not in the place table


def test_locations_reject_bad_country_codes() -> None:
    with pytest.raises(ValueError):
        Location(country="EU1")


def test_a_place_without_held_law_is_named_not_called_missing() -> None:
    from agent.profile.places import place_label

    found = read_places("A plumbing firm in Phoenix AZ.")
    assert [place_label(loc) for loc in found.locations] == ["Phoenix, AZ, United States"]
    assert place_label(Location(country="GB", region="KEN")) == "Kent, United Kingdom"


def test_the_committed_table_matches_its_sources() -> None:
    """Regenerate with `python -m agent.profile.gazetteer` after changing places.yaml or the packages."""
    import json

    from agent.profile.gazetteer import build_table

    committed = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert committed["names"] == build_table()["names"]


@pytest.mark.parametrize("tool", ["Google Sheets", "Athena", "Square", "Teams", "Orange", "Sage", "Lightspeed"])
def test_software_names_in_an_answer_are_not_places(tool: str) -> None:
    found = read_places(f"We use {tool} and spreadsheets every day.")
    assert found.locations == [] and found.markets == []
