"""PDF text in reading order whatever the drawing order: dates drawn last, right-aligned dates, sidebars, pages.

The PDFs are drawn here with PyMuPDF in a deliberately scrambled order (as template generators do:
headings and dates after the body, a two-column page row by row) and read back through the real
extractor; the deterministic parser must then find the same roles, dates and total experience.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from services.ingest.domain.filetypes import PDF
from services.ingest.domain.layout import TextLine, find_gutter, join_hyphenated, reading_order
from services.ingest.extraction import extract_document
from services.ingest.parsing import ParsedResume, parse_document
from services.ingest.settings import IngestSettings
from services.ingest.tests.conftest import SAMPLES, SampleReader, fitz

pytestmark = pytest.mark.unit

TODAY = date(2025, 6, 1)
A4 = (595, 842)
FIXTURES = Path(__file__).parent / "fixtures" / "resumes"


@dataclass
class Drawing:
    """Text to place on pages, drawn in the order asked for rather than the order written."""

    pages: list[list[tuple[int, float, float, str, str, float]]] = field(default_factory=lambda: [[]])

    def text(self, x: float, y: float, text: str, *, order: int = 0, font: str = "helv", size: float = 10) -> None:
        """Put `text` with its baseline at (x, y); lower `order` is drawn first."""
        self.pages[-1].append((order, x, y, text, font, size))

    def right(self, x1: float, y: float, text: str, *, order: int = 0, font: str = "helv", size: float = 10) -> None:
        """Put `text` flush right against x1."""
        self.text(x1 - _width(text, font, size), y, text, order=order, font=font, size=size)

    def new_page(self) -> None:
        self.pages.append([])

    def pdf(self) -> bytes:
        document = fitz.open()
        for items in self.pages:
            page = document.new_page(width=A4[0], height=A4[1])
            # Sorted by order only (stable): within one order, the order written.
            for _order, x, y, text, font, size in sorted(items, key=lambda item: item[0]):
                page.insert_text((x, y), _win(text), fontname=font, fontsize=size)
        data: bytes = document.tobytes(garbage=3, deflate=True)
        document.close()
        return data


def _win(text: str) -> str:
    """Text as Windows-1252 codes: the standard fonts then draw (and extract) dashes and curly quotes."""
    return text.encode("cp1252").decode("latin-1")


def _width(text: str, font: str, size: float) -> float:
    return float(fitz.get_text_length(_win(text), fontname=font, fontsize=size))


def extracted_lines(data: bytes) -> list[str]:
    return extract_document(data, PDF, max_pages=20, max_text_chars=200_000).text.splitlines()


def parsed(data: bytes) -> ParsedResume:
    document = extract_document(data, PDF, max_pages=20, max_text_chars=200_000)
    return parse_document(document, settings=IngestSettings(), today=TODAY)


def roles(result: ParsedResume) -> list[tuple[str | None, str | None, str | None]]:
    return [(entry.role, entry.start_date, entry.end_date) for entry in result.profile.experience]


BODY, HEADINGS, DATES = 0, 1, 2
JOBS = (
    ("Senior Nurse, St Mary's Hospital", "Mar 2019 – Present", "Led a ward of 24 beds and trained new staff"),
    ("Staff Nurse, Royal Free Hospital", "Sep 2015 – Feb 2019", "Delivered patient care on a cardiology unit"),
    ("Healthcare Assistant, Guy's Hospital", "Jan 2013 – Aug 2015", "Supported nurses with patient care and triage"),
)
# Months counted with both ends: Mar 2019 – Jun 2025 ("Present"), Sep 2015 – Feb 2019, Jan 2013 – Aug 2015.
TOTAL_MONTHS = 76 + 42 + 32
EXPECTED_ROLES = [
    ("Senior Nurse", "2019-03", None),
    ("Staff Nurse", "2015-09", "2019-02"),
    ("Healthcare Assistant", "2013-01", "2015-08"),
]


def _header(drawing: Drawing, x: float, *, order: int) -> None:
    drawing.text(x, 70, "Grace O'Connor", font="hebo", size=20, order=order)
    drawing.text(x, 90, "grace.oconnor@example.ie | +353 87 123 4567 | Dublin, Ireland", size=9, order=order)


def single_column_dates_drawn_last(*, right_aligned: bool) -> bytes:
    """One column; headings drawn after the body and dates after everything (beside the title or under it)."""
    drawing = Drawing()
    _header(drawing, 50, order=DATES)
    drawing.text(50, 130, "EXPERIENCE", font="hebo", size=12, order=HEADINGS)
    y = 150.0
    for title, dates, bullet in JOBS:
        drawing.text(50, y, title, font="hebo", order=BODY)
        if right_aligned:
            drawing.right(545, y, dates, order=DATES)
        else:
            y += 13
            drawing.text(50, y, dates, font="heit", order=DATES)
        drawing.text(52, y + 13, "•", order=HEADINGS)
        drawing.text(64, y + 13, bullet, order=BODY)
        y += 34
    drawing.text(50, y + 10, "EDUCATION", font="hebo", size=12, order=HEADINGS)
    drawing.text(50, y + 30, "BSc Nursing, University College Dublin", order=BODY)
    drawing.right(545, y + 30, "2009 – 2012", order=DATES)
    drawing.text(50, y + 60, "SKILLS", font="hebo", size=12, order=HEADINGS)
    drawing.text(50, y + 80, "Patient Care, Triage, Electronic Health Records", order=BODY)
    return drawing.pdf()


def test_dates_drawn_last_beside_their_titles_end_the_titles_lines() -> None:
    lines = extracted_lines(single_column_dates_drawn_last(right_aligned=True))
    assert lines[0] == "Grace O'Connor"
    for title, dates, bullet in JOBS:
        line = lines.index(f"{title}\t{dates}")
        assert lines[line + 1] == f"•\t{bullet}"
    assert lines.index("EXPERIENCE") < lines.index(f"{JOBS[0][0]}\t{JOBS[0][1]}")
    assert lines.index("EDUCATION") < lines.index("BSc Nursing, University College Dublin\t2009 – 2012")
    assert lines[-2:] == ["SKILLS", "Patient Care, Triage, Electronic Health Records"]


def test_dates_drawn_last_under_their_titles_come_back_under_them() -> None:
    lines = extracted_lines(single_column_dates_drawn_last(right_aligned=False))
    for title, dates, bullet in JOBS:
        line = lines.index(title)
        assert lines[line + 1 : line + 3] == [dates, f"•\t{bullet}"]


@pytest.mark.parametrize("right_aligned", [True, False])
def test_a_single_column_drawn_out_of_order_parses_to_the_right_experience(right_aligned: bool) -> None:
    result = parsed(single_column_dates_drawn_last(right_aligned=right_aligned))
    assert [(role, start, end) for role, start, end in roles(result)] == EXPECTED_ROLES
    assert result.profile.total_experience_months == TOTAL_MONTHS
    assert result.profile.name == "Grace O'Connor"


SIDEBAR = ["CONTACT", "grace.oconnor@example.ie", "+353 87 123 4567", "Dublin, Ireland", "SKILLS", "Patient Care"]
SIDEBAR += [
    "Triage",
    "Pharmacology",
    "First Aid",
    "EDUCATION",
    "BSc Nursing",
    "University College Dublin",
    "2009 – 2012",
]


def sidebar_resume(*, sidebar_left: bool, row_by_row: bool) -> bytes:
    """A narrow sidebar (contact, skills, education) beside the experience column, its own line spacing."""
    drawing = Drawing()
    side_x, main_x0 = (30, 190) if sidebar_left else (420, 30)
    drawing.text(main_x0, 60, "Grace O'Connor", font="hebo", size=22)
    drawing.text(main_x0, 80, "Registered Nurse", font="heit", size=12)
    # The sidebar's lines 11 points apart, the main column's 13: baselines seldom meet.
    for index, text in enumerate(SIDEBAR):
        font = "hebo" if text.isupper() else "helv"
        drawing.text(side_x, 120 + 11 * index, text, font=font, size=8, order=index if row_by_row else 0)
    y = 120.0
    main_rows: list[tuple[float, str, str]] = [(y, "EXPERIENCE", "hebo")]
    for title, dates, bullet in JOBS:
        main_rows += [(y + 20, title, "hebo"), (y + 33, dates, "heit"), (y + 46, bullet, "helv")]
        y += 52
    for row_y, text, font in main_rows:
        # Row by row: each main line is drawn just after the sidebar line nearest above it.
        order = int((row_y - 120) // 11) if row_by_row else 1
        drawing.text(main_x0, row_y, text, font=font, size=12 if text == "EXPERIENCE" else 10, order=order)
    return drawing.pdf()


@pytest.mark.parametrize("sidebar_left", [True, False])
@pytest.mark.parametrize("row_by_row", [True, False])
def test_a_sidebar_is_read_as_one_block_never_line_by_line_with_the_main_column(
    sidebar_left: bool, row_by_row: bool
) -> None:
    lines = extracted_lines(sidebar_resume(sidebar_left=sidebar_left, row_by_row=row_by_row))
    assert lines[0] == "Grace O'Connor", "the name (the largest text) comes first"
    start = lines.index(SIDEBAR[0])
    assert lines[start : start + len(SIDEBAR)] == SIDEBAR
    experience = lines.index("EXPERIENCE")
    assert lines[experience + 1 : experience + 4] == [JOBS[0][0], JOBS[0][1], JOBS[0][2]]
    assert (start < experience) == sidebar_left, "the sidebar comes on the side it is drawn"
    result = parsed(sidebar_resume(sidebar_left=sidebar_left, row_by_row=row_by_row))
    assert roles(result) == EXPECTED_ROLES
    assert result.profile.total_experience_months == TOTAL_MONTHS


def two_pages_drawn_out_of_order() -> bytes:
    """Experience over two pages; on each, the dates and headings are drawn after the body."""
    drawing = Drawing()
    _header(drawing, 50, order=DATES)
    drawing.text(50, 130, "EXPERIENCE", font="hebo", size=12, order=HEADINGS)
    y = 150.0
    for title, dates, bullet in JOBS[:2]:
        drawing.text(50, y, title, font="hebo", order=BODY)
        drawing.right(545, y, dates, order=DATES)
        for line in range(12):  # long enough to fill the page
            drawing.text(64, y + 13 * (line + 1), f"{bullet} (point {line + 1})", order=BODY)
        y += 13 * 14
    drawing.text(280, 820, "Page 1 of 2", size=8, order=HEADINGS)
    drawing.new_page()
    drawing.text(50, 40, "Grace O'Connor – Registered Nurse", font="heit", size=8, order=DATES)
    title, dates, bullet = JOBS[2]
    drawing.text(50, 80, title, font="hebo", order=BODY)
    drawing.right(545, 80, dates, order=DATES)
    drawing.text(64, 93, bullet, order=BODY)
    drawing.text(50, 130, "EDUCATION", font="hebo", size=12, order=HEADINGS)
    drawing.text(50, 150, "BSc Nursing, University College Dublin", order=BODY)
    drawing.right(545, 150, "2009 – 2012", order=DATES)
    drawing.text(280, 820, "Page 2 of 2", size=8, order=HEADINGS)
    return drawing.pdf()


def test_two_pages_drawn_out_of_order_read_page_after_page() -> None:
    data = two_pages_drawn_out_of_order()
    lines = extracted_lines(data)
    first, second, third = (lines.index(f"{title}\t{dates}") for title, dates, _ in JOBS)
    assert first < second < lines.index("Page 1 of 2") < third < lines.index("EDUCATION")
    assert lines[first + 1] == f"{JOBS[0][2]} (point 1)"
    result = parsed(data)
    assert roles(result) == EXPECTED_ROLES
    assert result.profile.total_experience_months == TOTAL_MONTHS


def test_the_sample_resumes_still_read_in_order(sample_pdf: SampleReader) -> None:
    # LaTeX output: dates in a narrow column left of the entries, "June 2022 –" over "Present".
    lines = extracted_lines(sample_pdf("barry_allen_fe.pdf"))
    assert lines[:2] == ["Barry Allen", "Front-End Developer"], "the name, then the contact details beside it"
    google = lines.index("Software Engineer (Front-End), Google, Mountain View, CA, USA")
    assert lines[google - 2 : google] == ["June 2022 –", "Present"]
    for name in ("john_doe.pdf", "alfred_pennyworth_pm.pdf", "bruce_wayne_fullstack.pdf", "harvey_dent_mle.pdf"):
        if (SAMPLES / name).is_file():
            result = parsed(sample_pdf(name))
            assert result.profile.name, name
            assert result.profile.total_experience_months, name


def _column(x0: float, x1: float, top: float, texts: list[str], size: float = 9) -> list[TextLine]:
    return [TextLine(x0, top + 12 * i, x1, top + 12 * i + 10, text, size) for i, text in enumerate(texts)]


def test_two_columns_drawn_row_by_row_are_read_column_by_column() -> None:
    sidebar = _column(30, 180, 100, ["CONTACT", "jane@example.com", "SKILLS", "Python", "Kubernetes", "Terraform"])
    main = _column(220, 560, 100, ["EXPERIENCE", "Data Engineer, Acme", "Built pipelines in Python", "2019 – 2022"])
    main = [TextLine(line.x0, line.y0 + 5, line.x1, line.y1 + 5, line.text, line.size) for line in main]
    name = TextLine(220, 40, 400, 62, "Jane Doe", 22)
    # Drawn row by row, as some generators do: extraction would interleave the columns.
    drawn = sorted([*sidebar, *main, name], key=lambda line: (line.y0, line.x0))
    assert find_gutter(drawn, 595) is not None
    assert reading_order(drawn, 595) == [
        "Jane Doe",
        *(line.text for line in sidebar),
        *(line.text for line in main),
    ]


def test_dates_beside_entries_are_not_a_column_but_the_start_of_their_lines() -> None:
    dates = _column(60, 120, 100, ["2019 – Present", "2016 – 2019", "2014 – 2016", "2012 – 2014", "2010 – 2012"])
    entries = _column(150, 540, 100, ["Marketing Manager, Luxottica", "Specialist, Pirelli", "Analyst, Eni", "A", "B"])
    assert find_gutter([*dates, *entries], 595) is None
    assert reading_order([*entries, *dates], 595) == [
        f"{date_line.text}\t{entry.text}" for date_line, entry in zip(dates, entries, strict=True)
    ]


def test_a_table_whose_cells_share_baselines_is_read_row_by_row() -> None:
    left = _column(50, 250, 100, ["Project Management", "Jira", "Budgeting", "Risk Management", "Scrum"])
    right = _column(320, 540, 100, ["Stakeholder Management", "Confluence", "Kanban", "SAFe", "Negotiation"])
    assert find_gutter([*left, *right], 595) is None
    assert reading_order([*right, *left], 595) == [
        f"{cell.text}\t{other.text}" for cell, other in zip(left, right, strict=True)
    ]


def test_one_column_is_read_top_to_bottom_whatever_the_drawing_order() -> None:
    lines = _column(50, 540, 100, ["Jane Doe", "EXPERIENCE", "Engineer, Acme", "Built things", "SKILLS", "Python"])
    assert reading_order(lines[::-1], 595) == [line.text for line in lines]


def test_a_bold_label_and_its_value_drawn_apart_are_one_phrase() -> None:
    label = TextLine(50, 100, 90, 110, "Skills:", baseline=108)
    value = TextLine(93, 100, 300, 110, "Python, Go", baseline=108)
    assert reading_order([value, label], 595) == ["Skills: Python, Go"]


def test_words_hyphenated_across_lines_are_joined() -> None:
    assert join_hyphenated(["Devel-", "oping products", "Re-", "Search"]) == ["Developing products", "Re-", "Search"]


def test_a_two_column_pdf_drawn_row_by_row_is_extracted_column_by_column() -> None:
    lines = extracted_lines((FIXTURES / "pdf_two_column_right.pdf").read_bytes())
    assert lines[0] == "Amara Okafor", "the name (the largest text) comes first"
    # The sidebar's skills follow one another instead of alternating with the experience entries.
    skills = lines.index("SKILLS")
    assert lines[skills + 1 : skills + 4] == ["•\tFigma", "•\tSketch", "•\tAdobe XD"]
    assert lines.index("Andela, Lagos\tJune 2015 - December 2019") < skills
