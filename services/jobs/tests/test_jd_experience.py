"""The years range a posting asks for, and the level it aims at."""

from __future__ import annotations

import pytest

from services.jobs.domain.experience import NEW_GRADUATE_MAX_YEARS
from services.jobs.domain.jd_analysis import analyse_job, infer_seniority

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "minimum", "maximum"),
    [
        ("3-5 years of experience in a similar role", 3, 5),
        ("Between 2 and 4 years of experience.", 2, 4),
        ("3-5+ years of experience", 3, None),
        ("5+ years of experience", 5, None),
        ("At least 5 years in backend work", 5, None),
        ("Not less than 3 years of experience", 3, None),
        ("Less than 12 months of experience (internships count).", None, 1),
        ("You have less than a year of professional experience.", None, 1),
        ("Up to 2 years of experience", None, 2),
        ("No more than 3 years of post-qualification experience.", None, 3),
        ("0-1 years of experience", None, 1),
        ("18 months of experience in a call centre", 1.5, None),
        ("At least 6 months experience in retail", 0.5, None),
        ("6-18 months of experience", 0.5, 1.5),
    ],
)
def test_stated_ranges(text: str, minimum: float | None, maximum: float | None) -> None:
    result = analyse_job("Analyst", text)
    assert (result.min_years_experience, result.max_years_experience) == (minimum, maximum)


@pytest.mark.parametrize(
    "text",
    [
        "We welcome new graduates.",
        "Recent graduates are encouraged to apply!",
        "Join our two-year graduate scheme.",
        "Entry-level, no experience required.",
        "No prior experience necessary: we train you.",
        "This is an entry-level position in our finance team.",
    ],
)
def test_postings_for_new_graduates_have_a_ceiling(text: str) -> None:
    result = analyse_job("Analyst", text)
    assert result.max_years_experience == NEW_GRADUATE_MAX_YEARS
    assert result.seniority == "entry"


def test_a_graduate_title_has_the_new_graduate_ceiling() -> None:
    assert analyse_job("Graduate Software Engineer", "Python.").max_years_experience == NEW_GRADUATE_MAX_YEARS
    # A graduate assistant is a graduate student's job, not a job for graduates.
    assert analyse_job("Graduate Teaching Assistant", "Tutorials.").max_years_experience is None


def test_a_stated_ceiling_beats_the_new_graduate_default() -> None:
    result = analyse_job("Analyst", "New graduates welcome. 0-1 years of experience.")
    assert result.max_years_experience == 1


@pytest.mark.parametrize(
    "text",
    [
        "A 6-12 month contract, starting in March.",
        "Fixed-term contract of up to 2 years.",
        "The company was founded 25 years ago.",
        "Applicants must be 18 years old or over.",
        "Over the last 3 years we grew five-fold.",
        "Must be able to travel 20% of the time.",
        "You will obtain your licence within 6 months of hire.",
    ],
)
def test_figures_that_are_not_experience(text: str) -> None:
    result = analyse_job("Analyst", text)
    assert (result.min_years_experience, result.max_years_experience) == (None, None)


def test_general_years_beat_years_tied_to_a_skill() -> None:
    text = "3+ years of experience in software development.\n5 years of Python.\nUp to 1 year of Rust."
    result = analyse_job("Engineer", text)
    assert (result.min_years_experience, result.max_years_experience) == (3, None)


def test_skill_years_count_when_no_general_figure_is_stated() -> None:
    result = analyse_job("Engineer", "3 years of Python and 2 years with Django.")
    assert result.min_years_experience == 3


def test_years_as_a_role_are_general_even_when_the_role_is_a_skill() -> None:
    result = analyse_job("Nurse", "5 years of experience as a registered nurse. 2 years of Epic.")
    assert result.min_years_experience == 5


def test_preferred_years_are_not_requirements() -> None:
    description = (
        "Requirements:\n- 2-4 years of experience\nNice to have:\n- 8+ years in fintech\n- up to 1 year abroad"
    )
    result = analyse_job("Engineer", description)
    assert (result.min_years_experience, result.max_years_experience) == (2, 4)


def test_a_ceiling_below_the_minimum_is_dropped() -> None:
    result = analyse_job("Engineer", "5+ years of experience. Less than 2 years of management experience.")
    assert (result.min_years_experience, result.max_years_experience) == (5, None)


def test_a_ceiling_outside_an_experience_clause_is_not_read() -> None:
    result = analyse_job("Engineer", "Projects last up to 2 years. 3+ years of experience.")
    assert (result.min_years_experience, result.max_years_experience) == (3, None)


@pytest.mark.parametrize(
    ("title", "description", "minimum", "maximum", "expected"),
    [
        ("Head of Engineering", "", None, None, "senior"),
        ("Principal Data Scientist", "", 2.0, None, "senior"),
        ("Staff Software Engineer", "", None, None, "senior"),
        ("Director of Nursing", "", None, None, "senior"),
        # "Staff" is a level only in engineering ladders.
        ("Staff Nurse", "", None, None, None),
        ("Staff Accountant", "", 3.0, 5.0, "mid"),
        ("Lead Generation Specialist", "", None, None, None),
        ("Software Engineering Intern", "", None, None, "entry"),
        ("Graduate Nurse", "", None, None, "entry"),
        ("New Grad RN", "", None, None, "entry"),
        ("Junior Accountant", "", 4.0, None, "entry"),
        ("Engineer", "We hire new graduates every September.", None, None, "entry"),
        ("Engineer", "This is a junior role.", None, None, "entry"),
        ("Engineer", "This is an entry level position.", None, None, "entry"),
        # Mentoring juniors says nothing about this role's level.
        ("Engineer", "You will mentor junior developers.", None, None, None),
        ("Engineer", "", None, 1.0, "entry"),
        ("Engineer", "", None, 3.0, "entry"),
        ("Engineer", "", None, 6.0, "mid"),
        ("Engineer", "", 1.0, 3.0, "entry"),
        ("Engineer", "", 3.0, 5.0, "mid"),
        ("Engineer", "", 8.0, None, "senior"),
    ],
)
def test_seniority_cues(
    title: str, description: str, minimum: float | None, maximum: float | None, expected: str | None
) -> None:
    assert infer_seniority(title, description, minimum, maximum) == expected


@pytest.mark.parametrize(
    "text",
    [
        "BSc in Physics, " * 3_000,
        "3 years of Python, " * 2_500,
        "up to 2 years " * 3_500,
        "CPA or CPA candidate, BLS within 30 days of hire; " * 1_000,
        "Bachelor's degree in X or equivalent experience within 30 days of hire; " * 700,
    ],
)
def test_long_run_on_postings_are_read_without_stalling(text: str) -> None:
    # Every reader looks near each mention, never across a whole run-on line per mention.
    analyse_job("Engineer", "")  # the vocabulary loads once, outside the measured call
    analyse_job("Engineer", text[:50_000])


@pytest.mark.parametrize(
    "text",
    [
        "2-4 years of experience. BA in History, a related degree, or four years of equivalent experience.",
        "2-4 years of experience. Bachelor's degree or 6 years of experience in lieu of a degree.",
    ],
)
def test_experience_in_place_of_a_degree_is_not_a_minimum(text: str) -> None:
    result = analyse_job("Analyst", text)
    assert (result.min_years_experience, result.max_years_experience) == (2, 4)
