"""Each written rule of eval/RULES.md on small hand-made profiles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eval.dataset.grading import grade_pair
from eval.dataset.model import (
    TODAY,
    Education,
    EducationRequirement,
    Job,
    Level,
    Profile,
    Role,
    Seniority,
)

pytestmark = pytest.mark.unit

NURSE_JOB = Job(
    job_id="J",
    title="Registered Nurse",
    field="nursing",
    profession="nursing",
    seniority=Seniority.MID,
    min_years=2,
    max_years=5,
    required_skills=("Wound Care", "IV Therapy", "Patient Assessment", "Telemetry"),
    nice_skills=("Epic Systems",),
    licences=("rn_licence",),
    certifications=("bls",),
    education=EducationRequirement(Level.ASSOCIATE, ("nursing",), equivalent=False),
    employer="E",
    location="L",
)
ALL_SKILLS = NURSE_JOB.required_skills


def _role(field: str, years: float, skills: tuple[str, ...], *, ended_months_ago: int | None = None) -> Role:
    end = None if ended_months_ago is None else TODAY - ended_months_ago
    last = TODAY if end is None else end
    return Role("Title", "Employer", field, last - round(years * 12) + 1, end, skills)


def _nurse(**changes: object) -> Profile:
    profile = Profile(
        resume_id="R",
        name="N",
        email="e",
        phone="p",
        location="l",
        field="nursing",
        roles=(_role("nursing", 3.5, ALL_SKILLS),),
        education=(Education(Level.ASSOCIATE, "nursing", "S", 2020),),
        credentials=("rn_licence", "bls"),
        listed_skills=ALL_SKILLS,
    )
    return replace(profile, **changes)  # type: ignore[arg-type]


def _rule(profile: Profile, job: Job = NURSE_JOB) -> tuple[int, str]:
    grade = grade_pair(job, profile)
    return grade.grade, grade.rule


def test_a_nurse_who_meets_everything_is_a_three() -> None:
    assert _rule(_nurse()) == (3, "R12")


def test_one_missing_skill_is_one_gap_and_a_two() -> None:
    profile = _nurse(roles=(_role("nursing", 3.5, ALL_SKILLS[1:]),))
    assert _rule(profile) == (2, "R11")
    assert grade_pair(NURSE_JOB, profile).gaps == ("skills",)


def test_a_skill_only_listed_is_not_evidence() -> None:
    profile = _nurse(roles=(_role("nursing", 3.5, ALL_SKILLS[1:]),), listed_skills=ALL_SKILLS)
    assert _rule(profile) == (2, "R11")


def test_three_missing_skills_make_weak_evidence() -> None:
    assert _rule(_nurse(roles=(_role("nursing", 3.5, ALL_SKILLS[3:]),))) == (1, "R9")


def test_two_gaps_make_a_one() -> None:
    profile = _nurse(roles=(_role("nursing", 3.5, ALL_SKILLS[1:]),), credentials=("rn_licence",))
    assert _rule(profile) == (1, "R10")


def test_a_missing_licence_caps_at_one() -> None:
    assert _rule(_nurse(credentials=("bls",))) == (1, "R6")


def test_far_too_junior_and_far_too_senior_are_ones() -> None:
    senior_job = replace(NURSE_JOB, min_years=5, max_years=None)
    assert _rule(_nurse(roles=(_role("nursing", 2.5, ALL_SKILLS),)), senior_job) == (1, "R7")
    assert _rule(_nurse(roles=(_role("nursing", 9.5, ALL_SKILLS),))) == (1, "R8")


def test_a_little_over_or_under_the_range_is_a_gap() -> None:
    assert _rule(_nurse(roles=(_role("nursing", 6.5, ALL_SKILLS),))) == (2, "R11")
    assert _rule(_nurse(roles=(_role("nursing", 1.5, ALL_SKILLS),))) == (2, "R11")


def test_a_lower_degree_without_equivalence_is_a_gap() -> None:
    profile = _nurse(education=(Education(Level.CERTIFICATE, "nursing", "S", 2020),))
    assert grade_pair(NURSE_JOB, profile).gaps == ("education",)


def test_or_equivalent_accepts_four_years_of_work() -> None:
    job = replace(NURSE_JOB, education=EducationRequirement(Level.BACHELOR, ("nursing",), equivalent=True), max_years=9)
    assert _rule(_nurse(roles=(_role("nursing", 4.5, ALL_SKILLS),)), job) == (3, "R12")
    assert _rule(_nurse(roles=(_role("nursing", 3.5, ALL_SKILLS),)), job) == (2, "R11")


def test_someone_who_left_the_field_years_ago_has_a_gap() -> None:
    roles = (_role("hr", 3, ("Recruitment",)), _role("nursing", 3.5, ALL_SKILLS, ended_months_ago=40))
    assert grade_pair(NURSE_JOB, _nurse(roles=roles)).gaps == ("left_field",)


def test_a_career_changer_is_judged_by_the_new_field() -> None:
    roles = (_role("nursing", 2.5, ALL_SKILLS), _role("hospitality", 8, ("Customer Service",), ended_months_ago=40))
    assert _rule(_nurse(roles=roles)) == (3, "R12")


def test_other_field_is_zero_and_a_keyword_stuffer_is_one() -> None:
    cook = _nurse(roles=(_role("hospitality", 5, ("Food Safety",)),), listed_skills=("Food Safety",), credentials=())
    assert _rule(cook) == (0, "R1")
    stuffer = replace(cook, listed_skills=("Food Safety", *ALL_SKILLS[:2]))
    assert _rule(stuffer) == (1, "R2")
    hidden = replace(stuffer, traits=("no_skills_section",))
    assert _rule(hidden) == (0, "R1")


def test_adjacent_fields_transfer_by_evidence_years_and_licence() -> None:
    physio = _nurse(roles=(_role("physiotherapy", 4, ("Patient Assessment", "Wound Care", "Telemetry")),))
    assert _rule(physio) == (2, "R3")
    assert _rule(replace(physio, credentials=("bls",))) == (1, "R4")
    weak = _nurse(roles=(_role("physiotherapy", 4, ("Patient Assessment", "Gait Training")),))
    assert _rule(weak) == (1, "R4")
    none = _nurse(roles=(_role("physiotherapy", 4, ("Gait Training",)),))
    assert _rule(none) == (0, "R5")


def test_a_short_first_role_in_a_field_does_not_make_it_the_persons_field() -> None:
    roles = (_role("hr", 6, ("Recruitment",)), _role("nursing", 0.5, ALL_SKILLS, ended_months_ago=90))
    assert _rule(_nurse(roles=roles, listed_skills=("Recruitment",))) == (0, "R1")
