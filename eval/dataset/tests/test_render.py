"""Every layout keeps the text: dates, headings and bullets survive rendering and extraction."""

from __future__ import annotations

import io

import docx
import pymupdf
import pytest

from eval.dataset.document import Document, RoleBlock, Section
from eval.dataset.render import DOCX_LAYOUTS, PDF_LAYOUTS, TEXT_LAYOUTS, render

pytestmark = pytest.mark.unit

ROLES = (
    RoleBlock(
        head="Staff Nurse, Riverside General Hospital",
        dates="Jan 2019 – Mar 2022",
        inline="Staff Nurse, Riverside General Hospital (Jan 2019 – Mar 2022)",
        lines=("Handled wound care and IV therapy to cut infections.", "Precepted student nurses."),
    ),
    RoleBlock(
        head="Charge Nurse, Mercy Hill Hospital",
        dates="April 2022 to Present",
        inline="Charge Nurse, Mercy Hill Hospital (April 2022 to Present)",
        lines=("Led telemetry monitoring on a 28-bed unit.",),
    ),
)
DOCUMENT = Document(
    name="Amara Okafor",
    contact=("amara.okafor@example.com · +1 (555) 010-0199 · Columbus, OH",),
    sections=(
        Section("summary", "Summary", paragraphs=("Registered nurse with five years on busy wards.",)),
        Section("experience", "Experience", roles=ROLES),
        Section("skills", "Skills", items=("Wound Care", "IV Therapy", "Telemetry", "Epic"), skill_style="table"),
        Section("education", "Education", items=("BSN, Blackwater College of Nursing, 2018",)),
    ),
    dates_at="after",
)


def _pdf_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as pdf:  # type: ignore[no-untyped-call]
        return " ".join(page.get_text() for page in pdf)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


@pytest.mark.parametrize("layout", PDF_LAYOUTS)
def test_pdf_layouts_keep_dates_headings_and_bullets(layout: str) -> None:
    text = " ".join(_pdf_text(render(DOCUMENT, layout, font="tiro")).split())
    for expected in (
        "Jan 2019 – Mar 2022",
        "April 2022 to Present",
        "Experience",
        "Amara Okafor",
        "Precepted student nurses.",
        "amara.okafor@example.com",
        "IV Therapy",
    ):
        assert expected in text, (layout, expected)


def test_the_two_page_layout_has_two_pages() -> None:
    with pymupdf.open(stream=render(DOCUMENT, "pdf_two_page"), filetype="pdf") as pdf:  # type: ignore[no-untyped-call]
        assert len(pdf) == 2


def test_out_of_order_pdfs_draw_the_body_before_the_headings() -> None:
    text = _pdf_text(render(DOCUMENT, "pdf_out_of_order"))
    assert text.index("Precepted student nurses.") < text.index("Experience")
    assert text.index("Precepted student nurses.") < text.index("Jan 2019 – Mar 2022")


def test_right_aligned_dates_share_the_role_line() -> None:
    with pymupdf.open(stream=render(DOCUMENT, "pdf_right_dates"), filetype="pdf") as pdf:  # type: ignore[no-untyped-call]
        words = pdf[0].get_text("words")
    role_y = next(w[3] for w in words if w[4] == "Charge")
    date_word = next(w for w in words if w[4] == "April")
    assert abs(date_word[3] - role_y) < 0.5
    assert date_word[0] > 400


@pytest.mark.parametrize("layout", DOCX_LAYOUTS)
def test_docx_layouts_keep_dates_and_bullets(layout: str) -> None:
    text = _docx_text(render(DOCUMENT, layout))
    for expected in ("Jan 2019 – Mar 2022", "April 2022 to Present", "Precepted student nurses.", "Amara Okafor"):
        assert expected in text, (layout, expected)


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_text_layouts_keep_dates_and_bullets(layout: str) -> None:
    text = render(DOCUMENT, layout).decode("utf-8")
    assert "Jan 2019 – Mar 2022" in text
    assert "Precepted student nurses." in text


@pytest.mark.parametrize("layout", [*PDF_LAYOUTS, *DOCX_LAYOUTS])
def test_rendering_is_reproducible(layout: str) -> None:
    assert render(DOCUMENT, layout) == render(DOCUMENT, layout)
