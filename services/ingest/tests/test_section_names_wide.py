"""Work-history headings the vocabulary does not list, and content lines that only look like them."""

from __future__ import annotations

import pytest

from services.ingest.domain.headings import heading_kind

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "line",
    [
        "Experience Highlights",
        "Where I've worked",
        "WHERE I HAVE WORKED",
        "Work Experience & Internships",
        "Work Experience and Internships",
        "My Career So Far",
        "Previous Positions",
        "Selected Experience:",
        "Industry Experience & Roles",
        "JOBS",
    ],
)
def test_names_of_a_work_history(line: str) -> None:
    assert heading_kind(line) == "experience"


@pytest.mark.parametrize(
    "line",
    [
        "Employment Law",
        "Customer Experience",
        "Social Work",
        "Experience with Python",
        "Jobs",
        "Career Development Intern",
        "Volunteer Experience",
        "Leadership Experience",
    ],
)
def test_content_and_other_sections_are_not_a_work_history(line: str) -> None:
    assert heading_kind(line) != "experience"
