"""The one-letter languages C and R are not read where a word before labels the letter: "Hepatitis C", "Type R"."""

from __future__ import annotations

import pytest

from contracts.skills import Taxonomy, default_taxonomy

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


@pytest.mark.parametrize(
    "text",
    [
        "Hepatitis C screening and counselling",
        "Hep C outreach clinics",
        "HEPATITIS C TREATMENT",
        "Hepatitis B and C vaccination drives",
        "Class C Driver's License",
        "Holds a Class B or C licence",
        "Graduated with Grade C in Maths",
        "Grade: C",
        "Maintained Type C connectors",
        "Type R service vehicles",
        "Grade R teacher",
        "Vitamin C supplementation",
        "Drew up Plan C for the outage",
        "Filed Schedule C returns for sole traders",
        "Level C security clearance",
        "Section C of the handbook",
        "Part C of the exam",
        "Category C vehicles",
        "Raised a Series C round",
        "Ward C night shifts",
        "USB C docking stations",
    ],
)
def test_a_labelled_letter_is_no_language(taxonomy: Taxonomy, text: str) -> None:
    found = set(taxonomy.extract(text))
    assert "C" not in found
    assert "R" not in found


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("C, C++ and Python", {"C"}),
        ("Languages: C, Python", {"C"}),
        ("Programming in R and C", {"R", "C"}),
        ("Wrote C and R code", {"C", "R"}),
        ("Statistics in R (tidyverse)", {"R"}),
        ("Skills: R, SQL", {"R"}),
        ("Firmware in C for type-approved meters", {"C"}),
        ("Class imbalance handled in R", {"R"}),
        ("Grade 9 maths teacher; coded in C", {"C"}),
        ("C/C++", {"C"}),
    ],
)
def test_the_languages_are_still_read(taxonomy: Taxonomy, text: str, letters: set[str]) -> None:
    assert letters <= set(taxonomy.extract(text))
