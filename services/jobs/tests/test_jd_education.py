"""The education a posting asks for: level, fields, required or preferred, and experience accepted instead."""

from __future__ import annotations

import pytest

from services.jobs.domain.education import DEFAULT_EQUIVALENT_YEARS, JobEducation
from services.jobs.domain.jd_analysis import analyse_job

pytestmark = pytest.mark.unit


def _education(description: str) -> JobEducation | None:
    return analyse_job("Specialist", description).education


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("BSc in Nursing required.", JobEducation("bachelor", ("Nursing",))),
        ("BSN required.", JobEducation("bachelor", ("Nursing",))),
        ("Bachelor of Science in Nursing (BSN) from an accredited program.", JobEducation("bachelor", ("Nursing",))),
        ("Degree in Accounting, Finance or related field.", JobEducation("bachelor", ("Accounting", "Finance"))),
        (
            "Bachelor's in Computer Science or equivalent experience.",
            JobEducation("bachelor", ("Computer Science",), equivalent_years=DEFAULT_EQUIVALENT_YEARS["bachelor"]),
        ),
        (
            "Bachelor's degree in Computer Science or 6 years of relevant experience in lieu of a degree.",
            JobEducation("bachelor", ("Computer Science",), equivalent_years=6.0),
        ),
        ("Master's preferred.", JobEducation("master", required=False)),
        ("MBA a plus.", JobEducation("master", ("Business Administration",), required=False)),
        ("Master of Business Administration preferred.", JobEducation("master", ("Business Administration",), False)),
        ("High school diploma or GED required.", JobEducation("high_school")),
        ("Diploma in Hospitality Management.", JobEducation("diploma", ("Hospitality Management",))),
        ("Associate's degree in Nursing (ADN) or BSN.", JobEducation("associate", ("Nursing",))),
        (
            "PhD in Machine Learning, Statistics, or a related quantitative field.",
            JobEducation("doctorate", ("Machine Learning", "Statistics")),
        ),
        ("Ph.D. or M.S. in Physics", JobEducation("master", ("Physics",))),
        ("J.D. from an ABA-accredited law school.", JobEducation("doctorate", ("Law",))),
        ("B.S. in Computer Science preferred.", JobEducation("bachelor", ("Computer Science",), required=False)),
        ("Bachelor's degree preferred, not required.", JobEducation("bachelor", required=False)),
        (
            "B.A. Accounting, Finance or Business Studies is essential.",
            JobEducation("bachelor", ("Accounting", "Finance", "Business Studies")),
        ),
        ("BSc Physiotherapy required.", JobEducation("bachelor", ("Physiotherapy",))),
        ("Bachelor's Degree Required.", JobEducation("bachelor")),
        ("Electrical apprenticeship (4 years), certificate required.", JobEducation("diploma")),
        (
            "HVAC Technology Certificate or a related field, or equivalent experience.",
            JobEducation("diploma", ("HVAC Technology",), equivalent_years=DEFAULT_EQUIVALENT_YEARS["diploma"]),
        ),
        ("Certificate in Paralegal Studies.", JobEducation("diploma", ("Paralegal Studies",))),
        ("Degree or MBA in Human Resources.", JobEducation("bachelor", ("Human Resources",))),
        (
            "Diploma or degree in Electrical Engineering, knowledge of PLC.",
            JobEducation("diploma", ("Electrical Engineering",)),
        ),
        (
            "BE/B.Tech in Mechanical Engineering, AutoCAD, SolidWorks or CATIA, GD&T.",
            JobEducation("bachelor", ("Mechanical Engineering",)),
        ),
        ("MBA in Human Resources, 2+ years in HR operations.", JobEducation("master", ("Human Resources",))),
    ],
)
def test_education_statements(description: str, expected: JobEducation) -> None:
    assert _education(description) == expected


def test_a_required_degree_beats_a_preferred_one() -> None:
    education = _education("Bachelor's degree in Accounting required; Master's in Finance preferred.")
    assert education == JobEducation("bachelor", ("Accounting",))


def test_alternatives_in_one_sentence_set_the_lowest_bar() -> None:
    education = _education("A Bachelor's or Master's degree in Computer Science, Engineering or Mathematics.")
    assert education == JobEducation("bachelor", ("Computer Science", "Engineering", "Mathematics"))


def test_separate_requirements_set_the_highest_bar() -> None:
    education = _education("Requirements:\n- High school diploma required\n- Bachelor's degree in Education")
    assert education is not None
    assert education.level == "bachelor"


@pytest.mark.parametrize(
    "description",
    [
        "No degree required.",
        "A degree is not required: we value what you can do.",
        "Proficiency with MS Office and MS Excel.",
        "Our office is in Boston, MA.",
        "Med-Surg experience; bed management.",
        "You will enjoy a high degree of autonomy.",
        "Experience with MFA and SSO.",
        "Our founders hold PhDs from MIT.",
        "Benefits\n- Tuition support for a Master's degree",
        # Certificates the vocabulary names are credentials or skills, not schooling.
        "Requirements:\n- Forklift Certificate\n- First Aid Certificate",
    ],
)
def test_no_education_requirement(description: str) -> None:
    assert _education(description) is None


def test_a_degree_subject_is_not_a_required_skill_unless_asked_for_elsewhere() -> None:
    requirements = analyse_job(
        "HR Business Partner",
        "Requirements:\n- Recruitment and employee onboarding.\n"
        "- Bachelor's degree in Psychology or Social Work.\n"
        "- MSc in Statistics preferred; statistics in daily reporting.",
    )
    assert "Psychology" not in requirements.required_skills
    assert "Social Work" not in requirements.required_skills
    assert "Recruitment" in requirements.required_skills
    # Asked for in its own right outside the degree sentence: still a skill.
    assert "Statistics" in requirements.required_skills
