"""Practice triggers read from the profile: each fires on the facts that signal the practice and not otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from agent.planning.triggers import practice_triggers, profile_triggers
from agent.schemas import BusinessProfile, Location

_PRACTICE = {"hiring-ai", "ai-calls-or-texts", "records-calls", "patient-communications", "connected-products"}


def _profile(**fields: Any) -> BusinessProfile:
    return BusinessProfile(**fields)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"industry": "recruitment"}, {"hiring-ai"}),
        ({"industry": "logistics", "goals": ["hire-faster"]}, {"hiring-ai"}),
        ({"industry": "retail", "systems": ["ats"]}, {"hiring-ai"}),
        ({"industry": "beauty-salon", "goals": ["reduce-no-shows"]}, {"ai-calls-or-texts"}),
        (
            {"industry": "trades", "systems": ["telephony"], "goals": ["increase-revenue"]},
            {"ai-calls-or-texts", "records-calls"},
        ),
        ({"industry": "legal", "systems": ["telephony"], "goals": ["save-admin-time"]}, {"records-calls"}),
        ({"industry": "dental"}, {"patient-communications"}),
        ({"industry": "care-home"}, {"patient-communications"}),
        ({"industry": "manufacturing", "systems": ["iot-sensors"]}, {"connected-products"}),
        ({"industry": "bakery", "systems": ["pos"], "goals": ["reduce-waste"]}, set()),
    ],
)
def test_practice_triggers_follow_the_profile_facts(fields: dict[str, Any], expected: set[str]) -> None:
    assert practice_triggers(_profile(**fields)) & _PRACTICE == expected


def test_gdpr_from_outside_the_eea_sets_the_representative_trigger() -> None:
    us_shop = _profile(locations=[Location(country="US", region="NJ")], jurisdictions=["gdpr", "eprivacy"])
    lisbon = _profile(locations=[Location(country="PT")], jurisdictions=["gdpr", "eprivacy", "eu-ai-act"])
    oslo = _profile(locations=[Location(country="NO")], jurisdictions=["gdpr"])
    us_only = _profile(locations=[Location(country="US", region="NJ")], jurisdictions=["hipaa"])

    assert "non-eu-establishment" in practice_triggers(us_shop)
    assert "non-eu-establishment" not in practice_triggers(lisbon) | practice_triggers(oslo)
    assert "non-eu-establishment" not in practice_triggers(us_only)


def test_profile_triggers_include_the_practice_triggers() -> None:
    clinic = _profile(industry="medical-clinic", data_held=["health"], systems=["telephony"], goals=["reduce-no-shows"])

    assert {"health-data", "patient-communications", "records-calls", "ai-calls-or-texts"} <= profile_triggers(clinic)


def test_an_eea_business_with_a_partner_abroad_sets_the_transfer_trigger() -> None:
    roaster = _profile(
        locations=[Location(country="PT", city="Lisbon"), Location(country="US", region="NJ")],
        jurisdictions=["gdpr", "eprivacy", "eu-ai-act"],
    )
    lisbon_only = _profile(locations=[Location(country="PT")], jurisdictions=["gdpr"])
    lyon_and_oslo = _profile(locations=[Location(country="FR"), Location(country="NO")], jurisdictions=["gdpr"])

    assert "international-transfer" in practice_triggers(roaster)
    assert "international-transfer" not in practice_triggers(lisbon_only) | practice_triggers(lyon_and_oslo)
