"""What jobs publishes in JobAnalyzed, and what it keeps on the job row, for an analysed posting."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from services.jobs.domain.education import JobEducation
from services.jobs.domain.jd_analysis import JobRequirements, analyse_job
from services.jobs.models import Job
from services.jobs.postings import job_analyzed_payload, store_requirements, stored_requirements

pytestmark = pytest.mark.unit

REQUIREMENTS = JobRequirements(
    required_skills=("Patient Assessment",),
    preferred_skills=("Epic",),
    min_years_experience=None,
    seniority="entry",
    max_years_experience=1.0,
    education=JobEducation("bachelor", ("Nursing",), required=True, equivalent_years=None),
    required_licences=("Registered Nurse Licence",),
    required_certifications=("BLS",),
    preferred_certifications=("ACLS",),
    field="nursing",
)


def test_the_payload_carries_every_requirement() -> None:
    job_id, recruiter_id = uuid.uuid4(), uuid.uuid4()
    payload = job_analyzed_payload(
        job_id=job_id,
        recruiter_id=recruiter_id,
        title="New Grad RN",
        description="Join our unit.",
        requirements=REQUIREMENTS,
        seniority="entry",
    )
    assert payload.model_dump(exclude={"embedding_text"}) == {
        "job_id": job_id,
        "recruiter_id": recruiter_id,
        "title": "New Grad RN",
        "status": "open",
        "required_skills": ["Patient Assessment"],
        "preferred_skills": ["Epic"],
        "min_years_experience": None,
        "max_years_experience": 1.0,
        "seniority": "entry",
        "education": {"level": "bachelor", "fields": ["Nursing"], "required": True, "equivalent_years": None},
        "required_licences": ["Registered Nurse Licence"],
        "required_certifications": ["BLS"],
        "preferred_certifications": ["ACLS"],
        "field": "nursing",
    }
    assert payload.embedding_text == "New Grad RN\n\nJoin our unit."


def test_the_recruiters_seniority_is_what_the_payload_says() -> None:
    payload = job_analyzed_payload(
        job_id=uuid.uuid4(),
        recruiter_id=uuid.uuid4(),
        title="Nurse",
        description="",
        requirements=REQUIREMENTS,
        seniority="senior",
        status="closed",
    )
    assert (payload.seniority, payload.status) == ("senior", "closed")


def test_credential_lists_are_cut_to_the_contracts_caps() -> None:
    many = tuple(f"Certificate {n}" for n in range(45))
    requirements = JobRequirements((), (), None, None, required_licences=many, preferred_certifications=many)
    payload = job_analyzed_payload(
        job_id=uuid.uuid4(),
        recruiter_id=uuid.uuid4(),
        title="T",
        description="D",
        requirements=requirements,
        seniority=None,
    )
    assert (len(payload.required_licences), len(payload.preferred_certifications)) == (20, 30)


def test_a_stored_job_describes_itself_as_analysed() -> None:
    job = Job(id=uuid.uuid4(), recruiter_id=uuid.uuid4(), title="Staff Accountant", description="")
    requirements = analyse_job(
        "Staff Accountant",
        "Bachelor's degree in Accounting or equivalent experience. 3-5 years of accounting experience. GAAP.",
    )
    store_requirements(job, requirements)
    assert job.education == {"level": "bachelor", "fields": ["Accounting"], "required": True, "equivalent_years": 4.0}
    # Seniority is stored apart: the recruiter's choice may have replaced the analysis's.
    assert stored_requirements(job) == replace(requirements, seniority=None)


def test_a_job_analysed_before_the_new_columns_has_their_defaults() -> None:
    job = Job(
        id=uuid.uuid4(),
        recruiter_id=uuid.uuid4(),
        title="Engineer",
        description="",
        required_skills=["Python"],
        preferred_skills=[],
        min_years_experience=3.0,
    )
    stored = stored_requirements(job)
    assert (stored.max_years_experience, stored.education, stored.field) == (None, None, None)
    assert stored.required_licences == stored.required_certifications == stored.preferred_certifications == ()
