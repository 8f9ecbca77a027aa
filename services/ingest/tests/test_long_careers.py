"""A career longer than the schema's sixty years is read, with its months capped, not failed as unparseable."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.skills import default_taxonomy
from services.ingest.domain.profile import parse_profile

pytestmark = pytest.mark.unit

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("period", ["1966 – Present", "Jan 1950 - Current", "03/1961 – now", "1966-Present"])
def test_a_role_over_sixty_years_is_capped(period: str) -> None:
    text = f"Jo Bloggs\nExperience\nFarmer, Bloggs Family Farm\n{period}\n- Kept the accounts in Excel.\n"
    profile = parse_profile(text, taxonomy=default_taxonomy(), today=TODAY)
    [role] = profile.experience
    assert role.duration_months == 720
    assert profile.total_experience_months == 720
    assert {skill.name: skill.months_experience for skill in profile.skills}["Excel"] == 720


def test_two_long_roles_total_at_most_sixty_years() -> None:
    text = (
        "Jo Bloggs\nExperience\nFarmer, Bloggs Family Farm\n1990 – Present\n- Ran the farm.\n"
        "Mechanic, Village Garage\n1955 – 1990\n- Repaired tractors.\n"
    )
    profile = parse_profile(text, taxonomy=default_taxonomy(), today=TODAY)
    assert [role.duration_months for role in profile.experience] == [444, 432]
    assert profile.total_experience_months == 720


def test_a_short_role_keeps_its_months() -> None:
    text = "Jo Bloggs\nExperience\nFarmer, Bloggs Family Farm\nJan 2020 – Dec 2021\n- Ran the farm.\n"
    [role] = parse_profile(text, taxonomy=default_taxonomy(), today=TODAY).experience
    assert role.duration_months == 24
