"""Scoring follows what a good recruiter weighs: evidence over claims, relevant years, seniority both
ways, hard requirements, role-level weights, implied skills; explained without claiming anything."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from services.matcher.domain.profiles import (
    CandidateProfile,
    Degree,
    EducationNeed,
    JobRequirements,
    RoleHeld,
    SkillUse,
    Source,
    as_json,
    candidate_from_json,
    job_from_json,
    skill_key,
)
from services.matcher.domain.scoring import MatchScore, score_match, semantic_share
from services.matcher.domain.weights import default_weights, load_weights

pytestmark = pytest.mark.unit

_ADJACENT = {frozenset({"software_backend", "devops_cloud"}): 0.6, frozenset({"nursing", "allied_health"}): 0.5}


def affinity(job_field: str | None, role_field: str | None) -> float:
    """A small fixed field table, so these tests do not depend on the occupations data."""
    if job_field is None or role_field is None:
        return 0.5
    if job_field == role_field:
        return 1.0
    return _ADJACENT.get(frozenset({job_field, role_field}), 0.0)


def used(
    name: str, months: int, employer: str = "Acme", start: str = "2019-01", end: str | None = "2023-01"
) -> SkillUse:
    return SkillUse(name=name, used=True, months=months, sources=(Source("job", employer, start, end),))


def listed(name: str) -> SkillUse:
    return SkillUse(name=name, used=False, sources=(Source("skills_section"),))


def profile(
    uses: list[SkillUse],
    roles: list[RoleHeld],
    *,
    field: str | None,
    education: tuple[Degree, ...] = (),
    licences: tuple[str, ...] = (),
    certifications: tuple[str, ...] = (),
    implied: dict[str, str] | None = None,
) -> CandidateProfile:
    total = sum(role.months or 0 for role in roles)
    return CandidateProfile(
        skills=tuple(use.name for use in uses),
        total_experience_months=total if roles else None,
        evidence={skill_key(use.name): use for use in uses},
        evidence_known=True,
        implied=implied or {},
        roles=tuple(roles),
        education=education,
        licences=licences,
        certifications=certifications,
        field=field,
    )


def role(title: str, field: str, start: str, months: int, employer: str = "Acme") -> RoleHeld:
    return RoleHeld(title=title, employer=employer, start_date=start, months=months, field=field)


def score(job: JobRequirements, candidate: CandidateProfile, similarity: float = 0.6) -> MatchScore:
    return score_match(job, candidate, semantic_similarity=similarity, affinity=affinity)


BACKEND = JobRequirements(
    required_skills=("Python", "PostgreSQL", "Docker", "REST APIs"),
    preferred_skills=("Kubernetes",),
    min_years_experience=3,
    max_years_experience=None,
    seniority="mid",
    field="software_backend",
    title="Backend Engineer",
)
NURSE = JobRequirements(
    required_skills=("Patient Assessment", "Medication Administration", "IV Therapy"),
    min_years_experience=2,
    seniority="mid",
    required_licences=("Registered Nurse Licence",),
    required_certifications=("BLS",),
    field="nursing",
    title="Registered Nurse",
)


def worker() -> CandidateProfile:
    return profile(
        [used("Python", 48), used("PostgreSQL", 40), used("Docker", 30), listed("Kubernetes")],
        [role("Backend Developer", "software_backend", "2019-01", 48)],
        field="software_backend",
    )


def test_a_keyword_stuffer_never_outranks_a_person_who_did_the_work() -> None:
    stuffer = profile(
        [listed(skill) for skill in (*BACKEND.required_skills, *BACKEND.preferred_skills)],
        [role("Technical Recruiter", "human_resources", "2016-01", 84)],
        field="human_resources",
    )
    # Even with a text that reads as close to the job as the worker's.
    assert score(BACKEND, stuffer, 0.7).score < score(BACKEND, worker(), 0.6).score - 20


def test_dated_use_counts_more_than_a_listing_and_longer_use_more_than_shorter() -> None:
    long_use = score(BACKEND, worker())
    short = profile(
        [used("Python", 6), used("PostgreSQL", 6), used("Docker", 6), listed("Kubernetes")],
        [role("Backend Developer", "software_backend", "2019-01", 48)],
        field="software_backend",
    )
    only_listed = profile(
        [listed("Python"), listed("PostgreSQL"), listed("Docker"), listed("Kubernetes")],
        [role("Backend Developer", "software_backend", "2019-01", 48)],
        field="software_backend",
    )
    assert long_use.breakdown["required_skills"] > score(BACKEND, short).breakdown["required_skills"]
    assert score(BACKEND, short).breakdown["required_skills"] > score(BACKEND, only_listed).breakdown["required_skills"]
    assert long_use.breakdown["evidence_bonus"] > 0
    assert score(BACKEND, only_listed).breakdown["evidence_bonus"] == 0


def test_years_in_another_field_do_not_count_and_adjacent_years_count_partly() -> None:
    skills = [used("Python", 24), used("PostgreSQL", 24), used("Docker", 24), used("REST APIs", 24)]
    same = profile(skills, [role("Backend Engineer", "software_backend", "2020-01", 48)], field="software_backend")
    adjacent = profile(skills, [role("Site Reliability Engineer", "devops_cloud", "2020-01", 48)], field="devops_cloud")
    unrelated = profile(skills, [role("Chef", "hospitality", "2020-01", 48)], field="hospitality")
    points = [score(BACKEND, who).breakdown["experience"] for who in (same, adjacent, unrelated)]
    assert points[0] > points[1] > points[2]
    assert score(BACKEND, same).score > score(BACKEND, adjacent).score > score(BACKEND, unrelated).score


def test_a_career_changer_is_judged_by_the_new_fields_years() -> None:
    changer = profile(
        [used("Python", 30), used("PostgreSQL", 30), used("Docker", 24), used("REST APIs", 30)],
        [
            role("Backend Developer", "software_backend", "2022-06", 30),
            role("Secondary School Teacher", "education_teaching", "2012-09", 117),
        ],
        field="software_backend",
    )
    result = score(BACKEND, changer)
    assert result.breakdown["experience"] == pytest.approx(20 * 2.5 / 3, abs=0.1)
    assert result.factors["seniority"] == 1.0


def test_far_too_senior_loses_to_the_right_level_when_the_job_states_a_maximum() -> None:
    junior_job = JobRequirements(
        required_skills=("React", "JavaScript", "CSS"),
        min_years_experience=0,
        max_years_experience=1,
        seniority="entry",
        field="software_frontend",
    )
    skills = [used("React", 10), used("JavaScript", 10), used("CSS", 10)]
    graduate = profile(
        skills, [role("Junior Frontend Developer", "software_frontend", "2025-12", 10)], field="software_frontend"
    )
    veteran_skills = [used("React", 100), used("JavaScript", 140), used("CSS", 140)]
    veteran = profile(
        veteran_skills,
        [role("Principal Frontend Engineer", "software_frontend", "2012-01", 140)],
        field="software_frontend",
    )
    assert score(junior_job, graduate).score > score(junior_job, veteran).score + 10
    assert any("maximum" in gap for gap in score(junior_job, veteran).details.gaps)  # type: ignore[union-attr]


def test_far_too_junior_for_a_senior_role_is_lowered() -> None:
    senior_job = replace(BACKEND, seniority="senior", min_years_experience=7)
    junior = profile(
        [used("Python", 12), used("PostgreSQL", 12), used("Docker", 12), used("REST APIs", 12)],
        [role("Junior Developer", "software_backend", "2025-01", 12)],
        field="software_backend",
    )
    result = score(senior_job, junior)
    assert result.factors["seniority"] < 0.8
    assert result.breakdown["experience"] < 5


def test_a_missing_licence_gates_the_score_and_says_so() -> None:
    nurse_uses = [used("Patient Assessment", 60), used("Medication Administration", 60), used("IV Therapy", 60)]
    roles = [role("Staff Nurse", "nursing", "2020-01", 60)]
    licensed = profile(
        nurse_uses, roles, field="nursing", licences=("Registered Nurse Licence",), certifications=("BLS",)
    )
    unlicensed = profile(nurse_uses, roles, field="nursing", certifications=("BLS",))
    with_licence, without = score(NURSE, licensed), score(NURSE, unlicensed)
    assert with_licence.gates == []
    assert without.gates == ["Registered Nurse Licence"]
    assert without.score < with_licence.score * 0.6
    assert any("Registered Nurse Licence" in gap for gap in without.details.gaps)  # type: ignore[union-attr]


def test_education_counts_by_level_and_field_or_by_equivalent_experience() -> None:
    job = replace(
        BACKEND, education=EducationNeed(level="bachelor", subjects=("Computer Science",), equivalent_years=4)
    )
    skills = [used("Python", 36), used("PostgreSQL", 36), used("Docker", 36), used("REST APIs", 36)]
    roles = [role("Backend Engineer", "software_backend", "2021-01", 36)]
    graduate = profile(skills, roles, field="software_backend", education=(Degree("bachelor", "Computer Science"),))
    other_subject = profile(skills, roles, field="software_backend", education=(Degree("bachelor", "Fine Art"),))
    none = profile(skills, roles, field="software_backend")
    long_roles = [role("Backend Engineer", "software_backend", "2019-01", 60)]
    equivalent = profile(skills, long_roles, field="software_backend")
    points = {
        name: score(job, who).breakdown["education"]
        for name, who in {"graduate": graduate, "other": other_subject, "none": none, "equivalent": equivalent}.items()
    }
    assert points["graduate"] == pytest.approx(10)
    assert points["graduate"] > points["equivalent"] > points["other"] > points["none"]


def test_implied_skills_count_partly_and_are_explained_by_their_source() -> None:
    job = replace(BACKEND, required_skills=("SQL", "Python"))
    candidate = profile(
        [used("PostgreSQL", 36), used("Python", 36)],
        [role("Backend Engineer", "software_backend", "2021-01", 36)],
        field="software_backend",
        implied={"sql": "PostgreSQL"},
    )
    result = score(job, candidate)
    assert result.missing_skills == []
    sql = next(match for match in result.matched if match.skill == "SQL")
    assert sql.implied_by == "PostgreSQL"
    assert 0 < sql.credit < next(m for m in result.matched if m.skill == "Python").credit


def test_entry_level_jobs_weigh_projects_and_education_senior_jobs_experience() -> None:
    entry = score(replace(BACKEND, seniority="entry", min_years_experience=0), worker())
    senior = score(replace(BACKEND, seniority="senior", min_years_experience=5), worker())
    assert "projects" in entry.breakdown
    assert "projects" not in senior.breakdown
    weights = default_weights()
    assert weights.levels["senior"].experience > weights.levels["mid"].experience > weights.levels["entry"].experience


def test_strengths_carry_evidence_in_words() -> None:
    result = score(BACKEND, worker())
    assert result.details is not None
    assert "Python: 4 years at Acme, 2019–2023" in result.details.strengths
    assert any("Kubernetes" in gap for gap in result.details.gaps) or any(
        "Kubernetes" in strength for strength in result.details.strengths
    )
    assert "REST APIs" in result.missing_skills


def test_an_explanation_never_claims_a_skill_the_resume_does_not_show() -> None:
    rng = random.Random(7)
    vocabulary = ["Python", "Java", "SQL", "Docker", "Excel", "Epic", "Wound Care", "Figma", "SEO", "QuickBooks"]
    for _ in range(300):
        job = JobRequirements(
            required_skills=tuple(rng.sample(vocabulary, 4)),
            preferred_skills=tuple(rng.sample(vocabulary, 2)),
            min_years_experience=rng.choice([None, 0, 2, 5]),
            field=rng.choice([None, "software_backend", "nursing"]),
        )
        shown = rng.sample(vocabulary, rng.randint(0, 6))
        uses = [used(name, rng.randint(1, 60)) if rng.random() < 0.5 else listed(name) for name in shown]
        candidate = profile(uses, [role("Worker", "software_backend", "2020-01", 24)], field="software_backend")
        result = score(job, candidate)
        assert result.details is not None
        claimed = " ".join(result.details.strengths)
        for name in vocabulary:
            if name not in shown:
                assert f"{name}:" not in claimed
                assert f"{name} (" not in claimed
        assert set(result.matched_skills) <= set(shown)
        assert {match.skill for match in result.matched} <= set(shown)


def test_scores_are_deterministic_and_carry_the_weights_version() -> None:
    first, second = score(BACKEND, worker()), score(BACKEND, worker())
    assert first == second
    assert first.scoring_version == default_weights().version
    assert 0 <= first.score <= 100


def test_the_score_is_the_points_times_the_factors() -> None:
    result = score(NURSE, profile([used("IV Therapy", 20)], [role("Nurse", "nursing", "2022-01", 20)], field="nursing"))
    points = sum(result.breakdown.values())
    product = points * result.factors["relevance"] * result.factors["seniority"] * result.factors["gates"]
    assert result.score == pytest.approx(product, abs=0.1)


def test_profiles_survive_their_json_storage() -> None:
    candidate = profile(
        [used("Python", 48), listed("Go")],
        [role("Backend Developer", "software_backend", "2019-01", 48)],
        field="software_backend",
        education=(Degree("master", "Physics"),),
        licences=("CPA",),
    )
    job = replace(NURSE, education=EducationNeed(level="bachelor", subjects=("Nursing",), required=False))
    assert candidate_from_json(as_json(candidate)) == candidate
    assert job_from_json(as_json(job)) == job


def test_semantic_similarity_is_mapped_linearly_and_clamped() -> None:
    assert semantic_share(0.5) == pytest.approx(0.5)
    assert semantic_share(-1.0) == 0.0
    assert semantic_share(0.95) == 1.0


def test_a_weights_file_whose_level_does_not_add_up_is_refused(tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "domain" / "scoring_weights.yaml").read_text()
    broken = tmp_path / "weights.yaml"
    broken.write_text(text.replace("required_skills: 50", "required_skills: 55"))
    with pytest.raises(ValueError, match="add up to 100"):
        load_weights(broken)
    assert load_weights().version == default_weights().version


def test_undated_work_is_neither_a_fit_nor_a_misfit_and_its_skills_count_as_used() -> None:
    undated_role = RoleHeld(title="DevOps Engineer", employer="Acme", field="devops_cloud")
    undated_use = [SkillUse(name=name, used=True, sources=(Source("job", "Acme"),)) for name in BACKEND.required_skills]
    undated = profile(undated_use, [undated_role], field="software_backend")
    undated = replace(undated, total_experience_months=None)
    listed_only = profile(
        [listed(name) for name in BACKEND.required_skills],
        [role("Backend Engineer", "software_backend", "2019-01", 48)],
        field="software_backend",
    )
    result = score(BACKEND, undated)
    assert result.breakdown["experience"] == pytest.approx(10.0)
    assert result.factors["seniority"] == 1.0
    assert result.breakdown["required_skills"] > score(BACKEND, listed_only).breakdown["required_skills"]


def test_showing_a_required_skill_never_scores_less_than_missing_it() -> None:
    job = replace(BACKEND, required_skills=("Python",))
    roles = [role("Backend Engineer", "software_backend", "2021-01", 36)]
    has_it = profile([used("Python", 36)], roles, field="software_backend")
    lacks_it = profile([used("Java", 36)], roles, field="software_backend")
    for close, far in ((0.45, 0.75), (0.3, 0.9)):
        assert (
            score(job, has_it, close).breakdown["required_skills"]
            > score(job, lacks_it, far).breakdown["required_skills"]
        )
    assert score(job, lacks_it, 0.9).breakdown["required_skills"] == 0


def test_a_senior_title_without_dates_still_misfits_an_entry_role() -> None:
    junior_job = JobRequirements(
        required_skills=("React", "JavaScript", "CSS"),
        max_years_experience=1,
        seniority="entry",
        field="software_frontend",
    )
    uses = [SkillUse(name=name, used=True, sources=(Source("job", "Acme"),)) for name in junior_job.required_skills]
    principal_role = RoleHeld(title="Principal Frontend Engineer", employer="Acme", field="software_frontend")
    principal = replace(profile(uses, [principal_role], field="software_frontend"), total_experience_months=None)
    graduate = profile(
        [used(name, 10) for name in junior_job.required_skills],
        [role("Junior Frontend Developer", "software_frontend", "2026-01", 10)],
        field="software_frontend",
    )
    assert score(junior_job, principal).factors["seniority"] < 1.0
    assert score(junior_job, graduate).score > score(junior_job, principal).score


def test_past_a_stated_maximum_the_whole_score_falls_but_an_open_minimum_never_penalises_more_years() -> None:
    skills = [used("Python", 60), used("PostgreSQL", 60), used("Docker", 60), used("REST APIs", 60)]
    veteran = profile(skills, [role("Backend Engineer", "software_backend", "2016-01", 120)], field="software_backend")
    fitting = profile(skills, [role("Backend Engineer", "software_backend", "2023-01", 36)], field="software_backend")
    capped = replace(BACKEND, min_years_experience=2, max_years_experience=4)
    assert score(capped, veteran).factors["seniority"] < 0.8
    open_ended = replace(BACKEND, seniority="mid", min_years_experience=3, max_years_experience=None)
    assert score(open_ended, veteran).factors["seniority"] == 1.0
    assert score(open_ended, veteran).score >= score(open_ended, fitting).score


def test_a_staff_nurse_is_not_read_as_senior() -> None:
    uses = [used("Patient Assessment", 54), used("Medication Administration", 54), used("IV Therapy", 54)]
    mid_job = replace(NURSE, seniority="mid", max_years_experience=5)
    held = ("Registered Nurse Licence",)
    staff = profile(
        uses, [role("Staff Nurse", "nursing", "2022-01", 54)], field="nursing", licences=held, certifications=("BLS",)
    )
    assert score(mid_job, staff).factors["seniority"] == 1.0


def test_undated_use_earns_less_than_any_dated_use() -> None:
    undated = SkillUse(name="Python", used=True, sources=(Source("project", "Portfolio"),))
    job = replace(BACKEND, required_skills=("Python",))
    roles = [role("Backend Engineer", "software_backend", "2025-06", 3)]
    in_project = score(job, profile([undated], roles, field="software_backend")).matched[0].credit
    briefly = score(job, profile([used("Python", 1)], roles, field="software_backend")).matched[0].credit
    assert in_project < briefly


def test_an_implied_skill_takes_its_strongest_implier() -> None:
    from contracts.events.ingest import ResumeParsedPayload, SkillEvidence, SkillSource
    from services.matcher.domain.profiles import candidate_from_payload

    work = SkillSource(kind="job", label="Acme", start_date="2019-01")
    payload = ResumeParsedPayload(
        resume_id="00000000-0000-0000-0000-000000000001",  # type: ignore[arg-type]
        uploaded_by="00000000-0000-0000-0000-000000000002",  # type: ignore[arg-type]
        skills=["PostgreSQL", "MySQL"],
        skill_evidence=[
            SkillEvidence(name="PostgreSQL", used=False, sources=[SkillSource(kind="skills_section")]),
            SkillEvidence(name="MySQL", used=True, months=84, sources=[work]),
        ],
    )
    candidate = candidate_from_payload(payload)
    assert candidate.implied["sql"] == "MySQL"
