"""Licences and certifications: required, preferred, or obtainable after hire; never counted as skills.

A small vocabulary of its own keeps these tests about the rules, whatever the shipped vocabulary lists.
"""

from __future__ import annotations

import pytest

from contracts.skills import Taxonomy
from services.jobs.domain.jd_analysis import JobRequirements, analyse_job

pytestmark = pytest.mark.unit

VOCABULARY = Taxonomy.from_mapping(
    {
        "healthcare": ["Patient Assessment", "Wound Care"],
        "finance": ["GAAP", "Excel"],
        "languages": ["Python"],
        "licences": [
            {"name": "Registered Nurse Licence", "synonyms": ["RN licence", "RN license"]},
            {"name": "CPA", "exact": ["CPA"]},
            {"name": "Driving Licence", "synonyms": ["driver's licence", "driver's license"]},
            {"name": "Teaching Licence", "synonyms": ["teaching licence", "QTS"]},
            {"name": "Bar Admission", "synonyms": ["admitted to the bar", "bar admission"]},
        ],
        "certifications": [
            {"name": "BLS", "exact": ["BLS"]},
            {"name": "ACLS", "exact": ["ACLS"]},
            {"name": "Forklift Certification", "synonyms": ["forklift certified", "forklift certificate"]},
            {"name": "PMP", "exact": ["PMP"]},
        ],
    }
)


def _analyse(description: str) -> JobRequirements:
    return analyse_job("Specialist", description, taxonomy=VOCABULARY)


def test_required_credentials_leave_the_skills() -> None:
    result = _analyse("Requirements:\n- Active RN licence\n- BLS and ACLS\n- Patient assessment and wound care")
    assert result.required_licences == ("Registered Nurse Licence",)
    assert result.required_certifications == ("BLS", "ACLS")
    assert result.required_skills == ("Patient Assessment", "Wound Care")
    assert result.preferred_certifications == ()


def test_preferred_credentials_including_licences() -> None:
    result = _analyse("Requirements:\n- GAAP\nNice to have:\n- PMP\n- A valid driver's licence")
    assert result.required_licences == ()
    assert result.preferred_certifications == ("PMP", "Driving Licence")
    assert "PMP" not in result.preferred_skills


@pytest.mark.parametrize(
    "line",
    [
        "CPA or CPA candidate",
        "CPA eligible",
        "Working towards the CPA",
        "CPA (or actively pursuing)",
    ],
)
def test_a_credential_on_the_way_is_a_preference(line: str) -> None:
    result = _analyse(f"Requirements:\n- {line}\n- Excel")
    assert result.required_licences == ()
    assert result.preferred_certifications == ("CPA",)


@pytest.mark.parametrize(
    "line",
    [
        "BLS required within 30 days of hire",
        "BLS (must be obtained within 90 days)",
        "Willingness to obtain BLS",
        "BLS certification provided by the hospital; training is provided",
    ],
)
def test_a_credential_obtainable_after_hire_is_not_a_hard_requirement(line: str) -> None:
    result = _analyse(f"Requirements:\n- Active RN licence\n- {line}")
    assert result.required_licences == ("Registered Nurse Licence",)
    assert result.required_certifications == ()
    assert result.preferred_certifications == ("BLS",)


def test_a_credential_needed_upon_hire_is_required() -> None:
    assert _analyse("Requirements:\n- BLS required upon hire").required_certifications == ("BLS",)


def test_only_the_credential_with_the_deadline_is_obtainable() -> None:
    result = _analyse("Requirements:\n- BLS required; ACLS within 6 months of hire")
    assert result.required_certifications == ("BLS",)
    assert result.preferred_certifications == ("ACLS",)


def test_a_credential_required_anywhere_is_required() -> None:
    result = _analyse("Must be forklift certified.\nNice to have:\n- Forklift certificate\n- PMP")
    assert result.required_certifications == ("Forklift Certification",)
    assert result.preferred_certifications == ("PMP",)


def test_the_ideal_candidate_wording_does_not_soften_a_licence() -> None:
    result = _analyse("The ideal candidate holds an active RN licence and is admitted to the bar.")
    assert result.required_licences == ("Registered Nurse Licence", "Bar Admission")


def test_credentials_in_benefits_are_ignored() -> None:
    result = _analyse("Requirements:\n- Python\nBenefits\n- We pay for your PMP")
    assert result.required_certifications == result.preferred_certifications == ()


def test_credentials_offered_as_alternatives_are_each_preferred() -> None:
    result = _analyse("Requirements:\n- PMP or CPA required\n- BLS/ACLS")
    # Requiring each alternative would fail everyone who holds the other one.
    assert result.preferred_certifications == ("PMP", "CPA")
    assert result.required_certifications == ("BLS", "ACLS")
    assert result.required_licences == ()


def test_one_credential_named_two_ways_is_not_an_alternative() -> None:
    result = _analyse("Requirements:\n- Must hold a state teaching licence or QTS")
    assert result.required_licences == ("Teaching Licence",)
