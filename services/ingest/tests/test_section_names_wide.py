"""Work-history headings the vocabulary does not list, and content lines that only look like them."""

from __future__ import annotations

import pytest

from services.ingest.domain.headings import heading_kind
from services.ingest.domain.lines import logical_lines
from services.ingest.domain.sections import split_sections

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


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(section.kind, section.heading) for section in split_sections(logical_lines(text))]


@pytest.mark.parametrize("heading", ["PROFESSIONAL JOURNEY", "Professional Journey", "What I've done:"])
def test_an_unfamiliar_heading_over_dated_roles_opens_a_work_history(heading: str) -> None:
    text = f"Alex Rivera\nalex@example.com\n\nSUMMARY\nNurse of ten years.\n{heading}\nNorthwind Health\n"
    text += "Clinical Nurse Specialist\nJan 2019 – Mar 2022 | Leeds, UK\nRan the wound care service.\n"
    assert ("experience", heading) in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Alex Rivera\n\nSKILLS\nProject Management\nPython, SQL\nEDUCATION\nBSc Nursing, Leeds, 2015 – 2018\n",
        "Alex Rivera\n\nSUMMARY\nKEY FACTS\nBorn 1990, won the 2015 – 2016 league.\n",
        "Alex Rivera\n\nEXPERIENCE\nNorthwind Health\nClinical Nurse Specialist\nJan 2019 – Mar 2022\n",
    ],
)
def test_lines_without_dated_roles_under_them_stay_content(text: str) -> None:
    assert [kind for kind, _ in _kinds(text)].count("experience") <= 1
    assert all(heading in ("", "EXPERIENCE", "SKILLS", "EDUCATION", "SUMMARY") for _, heading in _kinds(text))
