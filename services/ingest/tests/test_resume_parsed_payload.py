"""`ResumeParsed` carries evidence per skill, roles with fields, education, credentials and the resume's field."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.ingest import ResumeParsedPayload, Role, SkillEvidence
from contracts.skills import default_taxonomy
from services.ingest.domain.matching_profile import field_of
from services.ingest.extraction import ExtractedDocument
from services.ingest.parsing import parse_document, resume_parsed_payload
from services.ingest.settings import IngestSettings

pytestmark = pytest.mark.unit

TODAY = date(2026, 12, 1)
RESUME_ID = uuid.UUID(int=1)
UPLOADER = uuid.UUID(int=2)

NURSE = """Priya Raman, RN
priya@example.com | 555-201-3344

SUMMARY
Registered nurse with telemetry and ICU experience. BLS and ACLS certified. Skilled in Kubernetes.

EXPERIENCE
Registered Nurse — St Mary's Hospital, Jan 2019 – Present
• Patient assessment, medication administration and wound care on a 30-bed telemetry unit
• Charted in Epic; precepted new graduate nurses
Staff Accountant | Acme Foods | 2014-2017
• Month-end close, bank reconciliations and accounts payable in QuickBooks

Northwind Traders
Bookkeeper
2012 – 2014
• Payroll and invoicing in Xero

EDUCATION
BSN, University of Washington, 2018
Clinical placements:
• ICU, Harborview Medical Center, Jan 2018 – Apr 2018
• Emergency Department, Swedish Hospital, May 2018 – Aug 2018

VOLUNTEER EXPERIENCE
Volunteer Nurse — Red Cross Blood Drives, 2016 – 2018
• Phlebotomy and donor screening

LICENSES & CERTIFICATIONS
Registered Nurse, Washington State, 2018
ACLS, American Heart Association, 2024
"""


def payload_of(text: str, *, file_name: str | None = None) -> ResumeParsedPayload:
    parsed = parse_document(ExtractedDocument(text=text), settings=IngestSettings(), today=TODAY)
    return resume_parsed_payload(resume_id=RESUME_ID, uploaded_by=UPLOADER, file_name=file_name, parsed=parsed)


@pytest.fixture(scope="module")
def nurse() -> ResumeParsedPayload:
    return payload_of(NURSE, file_name="priya-cv.pdf")


def evidence(payload: ResumeParsedPayload, name: str) -> SkillEvidence:
    canonical = default_taxonomy().canonical(name) or name
    return next(entry for entry in payload.skill_evidence if entry.name == canonical)


def test_the_payload_carries_the_ids_and_the_file_name(nurse: ResumeParsedPayload) -> None:
    assert (nurse.resume_id, nurse.uploaded_by, nurse.file_name) == (RESUME_ID, UPLOADER, "priya-cv.pdf")
    assert nurse.skills == [entry.name for entry in nurse.skill_evidence]
    assert ResumeParsedPayload.model_validate(nurse.model_dump(mode="json")) == nurse


def test_roles_are_newest_first_with_their_fields(nurse: ResumeParsedPayload) -> None:
    assert [(role.title, role.employer, role.start_date, role.end_date, role.months) for role in nurse.roles] == [
        ("Registered Nurse", "St Mary's Hospital", "2019-01", None, 96),
        ("Staff Accountant", "Acme Foods", "2014", "2017", 48),
        ("Bookkeeper", "Northwind Traders", "2012", "2014", 36),
    ]
    assert nurse.roles[0].is_current
    assert [role.field for role in nurse.roles] == ["nursing", "accounting", "accounting"]
    assert nurse.field == "nursing"


def test_placements_and_volunteering_add_no_employment_months_and_no_roles(nurse: ResumeParsedPayload) -> None:
    # Jan 2019 – Dec 2026, and 2012 – 2017 (the two year-only roles meet in 2014).
    assert nurse.total_experience_months == 96 + 72
    assert all("Red Cross" not in (role.employer or "") for role in nurse.roles)
    critical_care = evidence(nurse, "ICU")
    assert critical_care.used
    assert critical_care.months == 4, "the ICU placement, Jan – Apr 2018"
    assert ("course", "Harborview Medical Center") in {(source.kind, source.label) for source in critical_care.sources}
    phlebotomy = evidence(nurse, "Phlebotomy")
    assert (phlebotomy.used, phlebotomy.months) == (True, 36)
    assert [source.kind for source in phlebotomy.sources] == ["project"]


def test_used_skills_carry_dated_sources_and_months(nurse: ResumeParsedPayload) -> None:
    wound_care = evidence(nurse, "Wound Care")
    assert (wound_care.used, wound_care.months) == (True, 96)
    assert [(source.kind, source.label, source.start_date, source.end_date) for source in wound_care.sources] == [
        ("job", "St Mary's Hospital", "2019-01", None)
    ]
    quickbooks = evidence(nurse, "QuickBooks")
    assert (quickbooks.used, quickbooks.months) == (True, 48)


def test_a_skill_only_claimed_is_listed_not_used(nurse: ResumeParsedPayload) -> None:
    kubernetes = evidence(nurse, "Kubernetes")
    assert (kubernetes.used, kubernetes.months) == (False, None)
    assert [source.kind for source in kubernetes.sources] == ["summary"]


def test_education_and_credentials(nurse: ResumeParsedPayload) -> None:
    assert [(entry.level, entry.field, entry.year) for entry in nurse.education] == [("bachelor", "Nursing", 2018)]
    taxonomy = default_taxonomy()
    assert nurse.licences, "the RN licence"
    assert all(taxonomy.credential_kind(name) == "licence" for name in nurse.licences)
    assert {"BLS", "ACLS"} <= set(nurse.certifications)
    assert all(taxonomy.credential_kind(name) == "certification" for name in nurse.certifications)


def test_an_undated_role_shows_use_but_not_months() -> None:
    payload = payload_of("Sam Lee\nsam@example.com\nEXPERIENCE\nSoftware Engineer, Initech Ltd\n• Built APIs in Go\n")
    go = evidence(payload, "Go")
    assert [source.kind for source in go.sources] == ["job"]
    assert (go.used, go.months) == (True, None), "the work shows use; its months are unknown"


DOER = """Alex Kim
alex@example.com

EXPERIENCE
Backend Engineer | Shopwise | Mar 2019 – Present
• Built order services in Python and PostgreSQL, deployed on Kubernetes
Software Engineer | Initech Ltd | 2016 – 2019
• Python batch jobs and SQL reporting

SKILLS
Python, PostgreSQL, Kubernetes
"""

STUFFER = """Jo Park
jo@example.com

SUMMARY
Python Python Python expert. Kubernetes, PostgreSQL, Python, Go, Rust, AWS, Terraform, Kafka, React.

EXPERIENCE
Technical Recruiter | Hooli | Mar 2019 – Present
• Hired Python, Go and Kubernetes engineers; filled PostgreSQL and AWS roles

SKILLS
Python, PostgreSQL, Kubernetes, Go, Rust, AWS, Terraform, Kafka, React, Java, Scala, Spark
"""


def test_a_keyword_stuffer_shows_no_use_where_a_doer_does() -> None:
    doer, stuffer = payload_of(DOER), payload_of(STUFFER)
    for skill in ("Python", "PostgreSQL", "Kubernetes"):
        assert evidence(doer, skill).used
        assert (evidence(doer, skill).months or 0) >= 45
        assert not evidence(stuffer, skill).used, f"{skill}: the recruiter hired it, never used it"
        assert evidence(stuffer, skill).months is None
    assert doer.field == "software_backend"
    assert stuffer.field == "human_resources"


CAREER_CHANGER = """Morgan Diaz
morgan@example.com

EXPERIENCE
Junior Frontend Developer | Brightside | Feb 2025 – Present
• React and TypeScript components for the booking flow
Primary School Teacher | Oakfield Primary | 2012 – 2024
• Lesson planning and classroom management for Year 4
"""


def test_a_career_changer_is_judged_by_the_new_field() -> None:
    payload = payload_of(CAREER_CHANGER)
    assert [role.field for role in payload.roles] == ["software_frontend", "education_teaching"]
    assert payload.field == "software_frontend"


@pytest.mark.parametrize(
    ("roles", "field"),
    [
        ([], None),
        ([Role(title="Wizard")], None),
        # Ten years of nursing ended three months ago outweigh a three-month side job.
        (
            [
                Role(field="retail", start_date="2026-09", is_current=True, months=3),
                Role(field="nursing", start_date="2016-09", end_date="2026-08", months=120),
            ],
            "nursing",
        ),
        # A current job of a year outweighs a career that ended two years ago.
        (
            [
                Role(field="software_backend", start_date="2025-12", is_current=True, months=12),
                Role(field="accounting", start_date="2010-01", end_date="2024-12", months=180),
            ],
            "software_backend",
        ),
        # Undated roles: the first written is the newest.
        ([Role(field="sales"), Role(field="marketing")], "sales"),
        # Two roles of one field add up.
        (
            [
                Role(field="sales", start_date="2026-01", is_current=True, months=12),
                Role(field="marketing", start_date="2024-01", end_date="2025-12", months=24),
                Role(field="marketing", start_date="2022-01", end_date="2023-12", months=24),
            ],
            "marketing",
        ),
    ],
)
def test_the_resume_field_weighs_recency_and_length(roles: list[Role], field: str | None) -> None:
    assert field_of(roles) == field
