"""Roles and their months however the work history is laid out, in every profession."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.skills import default_taxonomy
from services.ingest.domain.profile import parse_profile
from services.ingest.domain.schema import ParsedProfile

pytestmark = pytest.mark.unit

TODAY = date(2026, 12, 1)
HEADER = "Casey Morgan\ncasey@example.com\n\nEXPERIENCE\n"


def parse(body: str) -> ParsedProfile:
    return parse_profile(HEADER + body, taxonomy=default_taxonomy(), today=TODAY)


def roles(body: str) -> list[tuple[str | None, str | None, str | None, str | None, int | None]]:
    return [
        (job.role, job.company, job.start_date, job.end_date, job.duration_months) for job in parse(body).experience
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Registered Nurse — St Mary's Hospital, Jan 2019 – Present\n• Wound care on a surgical ward\n",
            [("Registered Nurse", "St Mary's Hospital", "2019-01", None, 96)],
        ),
        (
            "Staff Accountant | Acme | 2018-2021\n• Month-end close\n",
            [("Staff Accountant", "Acme", "2018", "2021", 48)],
        ),
        (
            "Northwind Traders\nBookkeeper\n2012 – 2014\n• Payroll in Xero\n",
            [("Bookkeeper", "Northwind Traders", "2012", "2014", 36)],
        ),
        (
            "2019 – Present\nCharge Nurse, Royal Free Hospital\n• Led a ward of 28 beds\n",
            [("Charge Nurse", "Royal Free Hospital", "2019", None, 96)],
        ),
        (
            "Line Cook\tThe Grill House\t2016 – 2018\n• Prep and grill station\n",
            [("Line Cook", "The Grill House", "2016", "2018", 36)],
        ),
        (
            "Barista — Java Junction Café, Portland, Jun 2021 – Present\n• Espresso bar\n",
            [("Barista", "Java Junction Café", "2021-06", None, 67)],
        ),
        (
            "Electrician, Ampere Building Services, 2024-02 - to date\n• Commercial wiring\n",
            [("Electrician", "Ampere Building Services", "2024-02", None, 35)],
        ),
        (
            "Harbourside NHS Trust | Physiotherapist\t2020\n• Outpatient caseload\n",
            [("Physiotherapist", "Harbourside NHS Trust", "2020", "2020", 12)],
        ),
        (
            "VANTAGE RETAIL — Cashier | May 2023 to November\n2023\n• Till and stock\n",
            [("Cashier", "VANTAGE RETAIL", "2023-05", "2023-11", 7)],
        ),
        (
            "*July 2021 to to date*\n\nHR Generalist, Whitlock Telecom\nI advised managers.\n",
            [("HR Generalist", "Whitlock Telecom", "2021-07", None, 66)],
        ),
    ],
)
def test_a_role_in_each_layout(body: str, expected: list[tuple[str, str, str, str | None, int]]) -> None:
    assert roles(body) == expected


def test_a_placement_listed_under_experience_is_a_role_held() -> None:
    profile = parse(
        "Student Physiotherapist (placement), Oakwood Rehabilitation Centre (2026-05 – 2026-08)\n"
        "* Gait training and patient education\n"
    )
    assert [(job.role, job.company) for job in profile.experience] == [
        ("Student Physiotherapist (placement)", "Oakwood Rehabilitation Centre")
    ]
    assert profile.total_experience_months == 4


def test_a_clinical_rotations_section_is_practice_not_employment() -> None:
    profile = parse(
        "Healthcare Assistant | Leeds General Infirmary | 2020 – 2022\n• Patient observations\n\n"
        "CLINICAL ROTATIONS\n"
        "Medical-Surgical Ward — St Thomas' Hospital, Jan 2023 – Apr 2023\n• Wound care and IV therapy\n"
    )
    assert [job.company for job in profile.experience] == ["Leeds General Infirmary"]
    assert profile.total_experience_months == 36
    wound_care = next(skill for skill in profile.skills if skill.name == "Wound Care")
    assert wound_care.evidence == ["placement:St Thomas' Hospital"]
    assert wound_care.months_experience == 4


def test_volunteering_is_use_but_not_employment() -> None:
    profile = parse(
        "Cashier | Sainsbury's | 2021 – 2022\n• Tills\n\n"
        "VOLUNTEER EXPERIENCE\nVolunteer Tutor — Code Club, 2019 – 2020\n• Taught Python to children\n"
    )
    assert [job.company for job in profile.experience] == ["Sainsbury's"]
    assert profile.total_experience_months == 24
    python = next(skill for skill in profile.skills if skill.name == "Python")
    assert (python.evidence, python.months_experience) == (["volunteer:Code Club"], 24)


def test_placements_written_under_a_degree() -> None:
    profile = parse_profile(
        HEADER.replace("EXPERIENCE\n", "")
        + "EDUCATION\nBSc Nursing, King's College London, 2019 – 2022\n"
        + "Clinical placement: Emergency Department, Guy's Hospital, Sep 2021 – Dec 2021\n"
        + "• Triage and IV therapy\n",
        taxonomy=default_taxonomy(),
        today=TODAY,
    )
    assert profile.experience == []
    assert profile.total_experience_months is None
    iv_therapy = next(skill for skill in profile.skills if skill.name == "IV Therapy")
    assert iv_therapy.evidence == ["placement:Emergency Department, Guy's Hospital"]
    assert iv_therapy.months_experience == 4
    assert [(entry.level, entry.major) for entry in profile.education] == [("bachelor", "Nursing")]


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("Logistics Coordinator, Blue Arrow Logistics2022-10 - Present", "2022-10"),
        ("Junior Data AnalystSep 2024 – Present", "2024-09"),
        ("Backend Engineer — Brightwave Apps, Louisville2025-11 – Present", "2025-11"),
    ],
)
def test_dates_glued_to_the_heading_by_a_pdf_column(line: str, start: str) -> None:
    profile = parse(f"{line}\n• Did the work\n")
    assert [(job.start_date, job.is_current) for job in profile.experience] == [(start, True)]
    heading = f"{profile.experience[0].role} {profile.experience[0].company}"
    assert not any(char.isdigit() for char in heading)
    assert "AnalystSep" not in heading
