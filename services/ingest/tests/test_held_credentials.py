"""A credential is the person's only where the resume asserts it as theirs, never from others or in passing."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.ingest import ResumeParsedPayload
from contracts.skills import default_taxonomy
from services.ingest.domain.held_credentials import title_credentials
from services.ingest.extraction import ExtractedDocument
from services.ingest.parsing import parse_document, resume_parsed_payload
from services.ingest.settings import IngestSettings

pytestmark = pytest.mark.unit

TODAY = date(2026, 12, 1)


def payload_of(text: str) -> ResumeParsedPayload:
    parsed = parse_document(ExtractedDocument(text=text), settings=IngestSettings(), today=TODAY)
    return resume_parsed_payload(resume_id=uuid.uuid4(), uploaded_by=uuid.uuid4(), parsed=parsed)


def held(text: str) -> set[str]:
    payload = payload_of(text)
    return {*payload.licences, *payload.certifications}


def with_bullet(bullet: str, title: str = "Staff Accountant, Numbers LLP") -> str:
    return f"Jo Bloggs\nExperience\n{title}\nJan 2020 - Present\n- Month-end close and reconciliations.\n- {bullet}\n"


@pytest.mark.parametrize(
    ("bullet", "credential"),
    [
        ("Reported to the CPA partner.", "CPA"),
        ("Worked under CPA supervision on audits.", "CPA"),
        ("Prepared workpapers for review by the CPA team.", "CPA"),
        ("Assisted the ACLS team during codes.", "ACLS"),
        ("Assisted the ACLS team during codes.", "BLS"),
        ("Assisted the ACLS team during codes.", "CPR"),
        ("Stocked crash carts for BLS-certified staff.", "BLS"),
        ("Supported Registered Nurses with patient care.", "Registered Nurse Licence"),
        ("Loaded vans for drivers holding a CDL.", "Commercial Driver's Licence"),
        ("Scheduled shifts for CDL drivers.", "Commercial Driver's Licence"),
        ("Booked CPR training for the whole office.", "CPR"),
        ("Coordinated with the Licensed Electrician on site.", "Electrician Licence"),
        ("Liaised with PE licence holders on drawings.", "Professional Engineer Licence"),
        ("Preparing for the CPA exam.", "CPA"),
        ("Studying for the CCNA.", "CCNA"),
    ],
)
def test_a_mention_in_a_bullet_is_no_credential(bullet: str, credential: str) -> None:
    payload = payload_of(with_bullet(bullet))
    assert credential not in {*payload.licences, *payload.certifications}
    assert credential not in payload.skills, "nor a skill the matcher could read as the credential"


@pytest.mark.parametrize(
    ("title", "credential"),
    [
        ("Nursing Assistant to the Registered Nurse team, City Hospital", "Registered Nurse Licence"),
        ("Graduate Nurse (RN licence pending), City Hospital", "Registered Nurse Licence"),
        ("RN Recruiter, Staffing Co", "Registered Nurse Licence"),
        ("Student Nurse, City Hospital", "Registered Nurse Licence"),
        ("Healthcare Assistant, City Hospital", "Registered Nurse Licence"),
        ("CDL Trainee, Haulage Ltd", "Commercial Driver's Licence"),
        ("Assistant to the Licensed Electrician, Sparks Ltd", "Electrician Licence"),
        ("Audit Associate supporting CPA partners, Numbers LLP", "CPA"),
        ("CPA Candidate, Numbers LLP", "CPA"),
    ],
)
def test_a_title_that_does_not_name_the_holder_is_no_credential(title: str, credential: str) -> None:
    assert credential not in held(with_bullet("Helped on the ward.", title=title))


@pytest.mark.parametrize(
    ("title", "credential"),
    [
        ("Registered Nurse, St Mary's Hospital", "Registered Nurse Licence"),
        ("Senior Registered Nurse – ICU, St Mary's Hospital", "Registered Nurse Licence"),
        ("Charge RN, St Mary's Hospital", "Registered Nurse Licence"),
        ("Licensed Electrician, Sparks Ltd", "Electrician Licence"),
        ("Journeyman Electrician, Sparks Ltd", "Electrician Licence"),
        ("Class A CDL Driver, Haulage Ltd", "Commercial Driver's Licence"),
        ("Certified Public Accountant, Numbers LLP", "CPA"),
        ("Licensed Practical Nurse, Care Home", "Licensed Practical Nurse Licence"),
    ],
)
def test_a_title_naming_the_holder_is_a_credential(title: str, credential: str) -> None:
    assert credential in held(with_bullet("Helped on the ward.", title=title))


@pytest.mark.parametrize(
    ("line", "credential"),
    [
        ("BLS (expired 2019)", "BLS"),
        ("ACLS - in progress", "ACLS"),
        ("ACLS (in progress)", "ACLS"),
        ("CPA candidate", "CPA"),
        ("CPA – eligible", "CPA"),
        ("NCLEX-RN exam booked for March", "Registered Nurse Licence"),
        ("Working towards CDL", "Commercial Driver's Licence"),
        ("CCNA, expected 2027", "CCNA"),
        ("PALS certification lapsed", "PALS"),
        ("CPA licence application pending", "CPA"),
    ],
)
def test_a_certification_not_held_is_no_credential(line: str, credential: str) -> None:
    text = f"Jo Bloggs\nCertifications\n{line}\nFirst Aid at Work, 2024\n"
    assert credential not in held(text)
    assert "First Aid" in held(text)


def test_nothing_is_implied_by_a_credential_not_held() -> None:
    found = held("Jo Bloggs\nCertifications\nACLS - in progress\nPALS (expired 2018)\n")
    assert not found & {"ACLS", "PALS", "BLS", "CPR"}


@pytest.mark.parametrize(
    ("text", "credentials"),
    [
        ("Jo Bloggs\nCertifications\nBLS, American Heart Association, 2024\n", {"BLS", "CPR"}),
        ("Jo Bloggs\nCertifications\nACLS (exp. 2027)\n", {"ACLS", "BLS", "CPR"}),
        (
            "Jo Bloggs\nLicenses & Certifications\nRegistered Nurse, Washington State, 2018\n",
            {"Registered Nurse Licence"},
        ),
        ("Jo Bloggs\nCertifications\nCPA, AICPA, 2016\nCCNA\n", {"CPA", "CCNA"}),
        ("Jo Bloggs\nSkills\nExcel, CPA, QuickBooks\n", {"CPA"}),
        ("Jo Bloggs\nSkills\nPatient care, BLS, ACLS\n", {"ACLS", "BLS", "CPR"}),
        ("Jo Bloggs\nSummary\nRegistered nurse with ICU experience. BLS and ACLS certified.\n", {"ACLS", "BLS"}),
        ("Jo Bloggs\nSummary\nCPA with ten years in audit.\n", {"CPA"}),
        ("Jo Bloggs\nSummary\nMember of the State Bar of California since 2015.\n", {"Bar Admission"}),
        ("Jo Bloggs\nSummary\nPromoted to Registered Nurse in 2021.\n", {"Registered Nurse Licence"}),
    ],
)
def test_a_credential_asserted_as_ones_own_is_held(text: str, credentials: set[str]) -> None:
    assert credentials <= held(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jo Bloggs\nSummary\nAccounting graduate preparing for the CPA exam.\n",
        "Jo Bloggs\nSummary\nAudit senior who supported CPA partners on listed clients.\n",
        "Jo Bloggs\nSummary\nNursing assistant, working towards RN licensure.\n",
        "Jo Bloggs\nSkills\nExcel, CPA (in progress)\n",
        "Jo Bloggs\nSkills\nExcel, working towards CPA\n",
    ],
)
def test_a_listing_about_others_or_a_goal_is_no_credential(text: str) -> None:
    assert not held(text) & {"CPA", "Registered Nurse Licence"}


def test_the_headline_asserts_a_credential() -> None:
    text = "Jo Bloggs\nRegistered Nurse | ICU\njo@example.com\nSkills\nPatient care\n"
    assert "Registered Nurse Licence" in held(text)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Registered Nurse", ["Registered Nurse Licence"]),
        ("Senior RN – Cardiac ICU", ["Registered Nurse Licence"]),
        ("Nursing Assistant to the Registered Nurse team", []),
        ("Graduate Nurse (RN licence pending)", []),
        ("RN Recruiter", []),
        ("Registered Nurse Educator", ["Registered Nurse Licence"]),
    ],
)
def test_title_credentials(title: str, expected: list[str]) -> None:
    assert title_credentials(title, default_taxonomy()) == expected
