"""The scoring rules: known inputs give known points, and better matches rank higher."""

import pytest

from services.matcher.domain.scoring import (
    SCORING_VERSION,
    CandidateProfile,
    JobRequirements,
    score_match,
    semantic_share,
)

pytestmark = pytest.mark.unit

BACKEND = JobRequirements(
    required_skills=["Java", "Data Structures", "Spring Boot"],
    preferred_skills=["React", "SQL", "Docker"],
    min_years_experience=2,
)


def test_the_seed_example_scores_component_by_component() -> None:
    # Seed 002: 2 of 3 required (one with project evidence) = 33.3 + 1.7; 2 of 3 preferred = 13.3.
    candidate = CandidateProfile(
        skills=["java", "Data Structures", "React", "Docker"],
        total_experience_months=36,
        evidenced_skills=frozenset({"Java"}),
    )
    result = score_match(BACKEND, candidate, semantic_similarity=0.5)

    assert result.breakdown == {
        "required_skills": 35.0,
        "preferred_skills": 13.33,
        "experience": 20.0,
        "semantic": 5.0,
    }
    assert result.score == 73.3
    assert result.matched_skills == ["Java", "Data Structures"]
    assert result.missing_skills == ["Spring Boot"]
    assert result.scoring_version == SCORING_VERSION == "v1"
    assert len(result.explanation) == 4
    assert "missing: Spring Boot" in result.explanation[0]
    assert "education" in result.explanation[3]


def test_a_perfect_candidate_scores_100_and_nothing_scores_below_0() -> None:
    perfect = CandidateProfile(
        skills=["Java", "Data Structures", "Spring Boot", "React", "SQL", "Docker"],
        total_experience_months=48,
        evidenced_skills=frozenset({"Java", "Spring Boot", "Data Structures"}),
    )
    assert score_match(BACKEND, perfect, semantic_similarity=0.95).score == 100.0
    nobody = CandidateProfile(skills=[], total_experience_months=0)
    result = score_match(BACKEND, nobody, semantic_similarity=-0.3)
    assert result.score == 0.0
    assert result.semantic_similarity == -0.3


@pytest.mark.parametrize(
    ("months", "minimum", "points"),
    [
        (18, 0, 20.0),  # within range
        (12, 2, 10.0),  # seed example 2: 1 year of 2 -> half
        (0, 3, 0.0),
        (84, 2, 20.0),  # 7 years: still within minimum + 5
        (96, 2, 18.0),  # 8 years: one year past the band, 2 points off
        (240, 2, 15.0),  # far over: the penalty is capped at 5
        (None, 3, 10.0),  # unknown experience: half credit
        (6, None, 20.0),  # no minimum stated
    ],
)
def test_experience_points(months: int | None, minimum: float | None, points: float) -> None:
    job = JobRequirements(required_skills=["Python"], min_years_experience=minimum)
    candidate = CandidateProfile(skills=["Python"], total_experience_months=months)
    assert score_match(job, candidate, semantic_similarity=0.5).breakdown["experience"] == points


def test_semantic_similarity_is_mapped_linearly_and_clamped() -> None:
    assert semantic_share(0.2) == 0.0
    assert semantic_share(0.5) == pytest.approx(0.5)
    assert semantic_share(0.8) == pytest.approx(1.0)
    assert semantic_share(-1.0) == 0.0
    assert semantic_share(0.99) == 1.0


def test_a_job_without_required_skills_scores_that_part_by_similarity_not_by_default() -> None:
    job = JobRequirements(required_skills=[], preferred_skills=["SQL"], min_years_experience=None)
    candidate = CandidateProfile(skills=["SQL"], total_experience_months=24)
    close = score_match(job, candidate, semantic_similarity=0.8)
    far = score_match(job, candidate, semantic_similarity=0.2)
    assert close.breakdown["required_skills"] == 50.0
    assert far.breakdown["required_skills"] == 0.0
    assert close.missing_skills == far.missing_skills == []
    assert "lists none" in far.explanation[0]


def test_skills_are_compared_case_insensitively_and_counted_once() -> None:
    job = JobRequirements(required_skills=["PostgreSQL", "postgresql", "Kubernetes"])
    candidate = CandidateProfile(skills=["POSTGRESQL ", "docker"])
    result = score_match(job, candidate, semantic_similarity=0.5)
    assert result.matched_skills == ["PostgreSQL"]
    assert result.missing_skills == ["Kubernetes"]
    assert result.breakdown["required_skills"] == 25.0


def test_a_better_skill_match_outranks_a_worse_one() -> None:
    job = JobRequirements(
        required_skills=["Python", "Django", "PostgreSQL", "Docker"],
        preferred_skills=["Kubernetes", "AWS"],
        min_years_experience=3,
    )
    strong = CandidateProfile(skills=["Python", "Django", "PostgreSQL", "AWS"], total_experience_months=40)
    weak = CandidateProfile(skills=["Python"], total_experience_months=40)
    # Even a somewhat closer text cannot make up for three missing must-haves.
    assert (
        score_match(job, strong, semantic_similarity=0.5).score > score_match(job, weak, semantic_similarity=0.6).score
    )


def test_scoring_is_deterministic() -> None:
    candidate = CandidateProfile(skills=["Java", "SQL"], total_experience_months=30)
    assert score_match(BACKEND, candidate, semantic_similarity=0.61) == score_match(
        BACKEND, candidate, semantic_similarity=0.61
    )
