"""Whole postings across professions, read with the shipped vocabulary and occupational fields.

Credential names are looked up in the vocabulary rather than spelled here: the vocabulary owns them.
"""

from __future__ import annotations

import pytest

from contracts.skills import default_taxonomy
from services.jobs.domain.education import DEFAULT_EQUIVALENT_YEARS, JobEducation
from services.jobs.domain.experience import NEW_GRADUATE_MAX_YEARS
from services.jobs.domain.jd_analysis import analyse_job

pytestmark = pytest.mark.unit


def _credential(term: str) -> str:
    """The canonical credential the vocabulary knows `term` as."""
    taxonomy = default_taxonomy()
    name = taxonomy.canonical(term)
    assert name is not None, f"the vocabulary does not know {term!r}"
    assert taxonomy.is_credential(name), f"{name!r} is not a credential"
    return name


NURSE = """About the role
Join our 32-bed medical-surgical unit at Riverside General Hospital.

Responsibilities
- Patient assessment, medication administration and wound care
- Document care in Epic; educate patients and families

Requirements
- Active RN licence in the State of Ohio
- BSN required; MSN preferred
- 2+ years of acute care nursing experience
- BLS required; ACLS required within 30 days of hire

Benefits
- Tuition reimbursement and free PALS classes
"""


def test_registered_nurse() -> None:
    result = analyse_job("Registered Nurse - Med/Surg", NURSE)
    assert result.required_licences == (_credential("RN licence"),)
    assert result.required_certifications == (_credential("BLS"),)
    # Obtainable within 30 days of hire: holding it is a plus, lacking it rules nobody out.
    assert result.preferred_certifications == (_credential("ACLS"),)
    assert {"Patient Assessment", "Medication Administration", "Wound Care"} <= set(result.required_skills)
    credentials = {_credential("BLS"), _credential("ACLS"), _credential("PALS"), _credential("RN licence")}
    assert not credentials & set(result.required_skills + result.preferred_skills)
    assert result.education == JobEducation("bachelor", ("Nursing",))
    assert (result.min_years_experience, result.max_years_experience) == (2, None)
    assert result.seniority == "mid"
    assert result.field == "nursing"


ACCOUNTANT = """We are a growing manufacturing company looking for a Staff Accountant to join our finance team.

What you'll do
- Own the month-end close, account reconciliations and journal entries
- Prepare financial statements under GAAP

Qualifications
- Bachelor's degree in Accounting, Finance or related field
- 3-5 years of accounting experience
- CPA or CPA candidate preferred
- Advanced Excel; QuickBooks a plus
"""


def test_staff_accountant() -> None:
    result = analyse_job("Staff Accountant", ACCOUNTANT)
    assert result.required_licences == ()
    assert result.preferred_certifications == (_credential("CPA"),)
    assert {"GAAP", "Excel"} <= set(result.required_skills)
    assert "QuickBooks" in result.preferred_skills
    assert result.education == JobEducation("bachelor", ("Accounting", "Finance"))
    assert (result.min_years_experience, result.max_years_experience) == (3, 5)
    # A "Staff" accountant is not a staff engineer: the years decide.
    assert result.seniority == "mid"
    assert result.field == "accounting"


FRONTEND = """Start your career with us! You will build user interfaces in React and TypeScript.

What we're looking for
- Less than 12 months of professional experience (internships count)
- HTML, CSS and JavaScript
- Degree in Computer Science or equivalent experience

Nice to have
- Experience with Next.js
"""


def test_junior_frontend_developer() -> None:
    result = analyse_job("Junior Frontend Developer", FRONTEND)
    assert (result.min_years_experience, result.max_years_experience) == (None, 1)
    assert result.seniority == "entry"
    assert {"React", "TypeScript", "HTML", "CSS", "JavaScript"} <= set(result.required_skills)
    assert result.preferred_skills == ("Next.js",)
    assert result.education == JobEducation(
        "bachelor", ("Computer Science",), equivalent_years=DEFAULT_EQUIVALENT_YEARS["bachelor"]
    )
    assert result.field == "software_frontend"


WAREHOUSE = """Location: Columbus, OH distribution center. Day and night shifts.

Duties
- Pick, pack and ship customer orders; load and unload trucks
- Operate forklifts and pallet jacks safely

Requirements
- Forklift certification required
- No degree required
- Able to lift 50 lbs and stand for long periods
- Inventory management experience is a plus
"""


def test_warehouse_associate() -> None:
    result = analyse_job("Warehouse Associate", WAREHOUSE)
    assert result.required_certifications == (_credential("forklift certification"),)
    assert result.education is None
    assert result.min_years_experience is None
    assert "Inventory Management" in result.preferred_skills
    assert result.field == "logistics_supply_chain"


TEACHER = """Lincoln High School seeks a mathematics teacher for grades 9-12.

Requirements
- Bachelor's in Education or Mathematics
- Valid state teaching licence
- Experience with lesson planning and classroom management

Preferred
- Master's degree in Education
- 2 years of classroom teaching experience
"""


def test_high_school_teacher() -> None:
    result = analyse_job("High School Mathematics Teacher", TEACHER)
    assert result.required_licences == (_credential("teaching licence"),)
    # "Lincoln High School" and the title name a school, not a school diploma asked for.
    assert result.education == JobEducation("bachelor", ("Education", "Mathematics"))
    assert {"Lesson Planning", "Classroom Management"} <= set(result.required_skills)
    # The preferred section's years are not a minimum.
    assert result.min_years_experience is None
    assert result.field == "education_teaching"


DEVOPS = """We run a large multi-region platform on AWS.

Requirements
- 8+ years of experience in software engineering or operations
- 4+ years with Kubernetes and Terraform
- Strong Linux and Python scripting
- BS in Computer Science or a related field, or equivalent practical experience

Nice to have
- Go
"""


def test_senior_devops_engineer() -> None:
    result = analyse_job("Senior DevOps Engineer", DEVOPS)
    # The general figure rules; the Kubernetes years are about Kubernetes.
    assert (result.min_years_experience, result.max_years_experience) == (8, None)
    assert result.seniority == "senior"
    assert {"AWS", "Kubernetes", "Terraform", "Linux", "Python"} <= set(result.required_skills)
    assert result.preferred_skills == ("Go",)
    assert result.education == JobEducation(
        "bachelor", ("Computer Science",), equivalent_years=DEFAULT_EQUIVALENT_YEARS["bachelor"]
    )
    assert result.field == "devops_cloud"


LAWYER = """Our firm seeks an associate attorney for its commercial litigation practice.

Requirements
- J.D. from an ABA-accredited law school
- Bar admission in New York; admission in New Jersey a plus
- 3-6 years of commercial litigation experience
- Excellent legal research and writing skills
"""


def test_associate_attorney() -> None:
    result = analyse_job("Associate Attorney - Commercial Litigation", LAWYER)
    assert result.required_licences == (_credential("bar admission"),)
    assert result.education == JobEducation("doctorate", ("Law",))
    assert (result.min_years_experience, result.max_years_experience) == (3, 6)
    assert result.seniority == "mid"
    assert {"Litigation", "Legal Research"} <= set(result.required_skills)
    assert result.field == "legal"


def test_graduate_scheme() -> None:
    description = (
        "Our graduate scheme welcomes new graduates with a Bachelor's or Master's degree in Computer Science, "
        "Engineering or Mathematics. You will write Python and Java."
    )
    result = analyse_job("Software Engineer", description)
    assert (result.min_years_experience, result.max_years_experience) == (None, NEW_GRADUATE_MAX_YEARS)
    assert result.seniority == "entry"
    assert result.education == JobEducation("bachelor", ("Computer Science", "Engineering", "Mathematics"))
