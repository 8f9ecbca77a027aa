import pytest

from services.ingest.domain.headings import heading_kind, inline_heading
from services.ingest.domain.lines import Line, logical_lines
from services.ingest.domain.sections import split_sections
from services.ingest.domain.text import normalise_text

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("EXPERIENCE", "experience"),
        ("Work History:", "experience"),
        ("Professional Experience", "experience"),
        ("Employment", "experience"),
        ("★ Work Experience", "experience"),
        ("💼 Experience", "experience"),
        ("H Experience", "experience"),  # an icon font's glyph extracted as a letter
        ("ð Skills", "skills"),
        ("1. Education", "education"),
        ("Academic Background", "education"),
        ("E D U C A T I O N", "education"),
        ("TECHNICAL SKILLS", "skills"),
        ("Core Competencies", "skills"),
        ("Skill Details", "skills"),
        ("Personal Projects", "projects"),
        ("Licenses & Certifications", "certifications"),
        ("Certifications / Licenses", "certifications"),
        ("Summary", "summary"),
        ("Professional Profile", "summary"),
        ("Career Objective:", "summary"),
        ("LANGUAGES", "skills"),
        ("Interests", "other"),
    ],
)
def test_heading_styles_and_synonyms(line: str, kind: str) -> None:
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Experience with Kubernetes in production",  # a sentence that starts like a heading
        "experience",  # lower case, not underlined
        "Leadership",  # a word that is also content needs a heading's looks
        "Languages",
        "Senior Software Engineer",
        "jane@example.com",
    ],
)
def test_content_lines_are_not_headings(line: str) -> None:
    assert heading_kind(line) is None


def test_weak_headings_count_when_written_like_headings() -> None:
    assert heading_kind("LEADERSHIP") == "other"
    assert heading_kind("Languages:") == "skills"
    assert heading_kind("Tools", underlined=True) == "skills"


def test_a_heading_with_its_content_on_the_same_line() -> None:
    assert inline_heading("SKILLS: Python, Go", capitals_only=True) == ("skills", "Python, Go")
    assert inline_heading("Skills: Python, Go", capitals_only=False) == ("skills", "Python, Go")
    # Inside a section a label is content, not a new section.
    assert inline_heading("Technologies: React, Node.js", capitals_only=True) is None


def test_bullet_styles_are_recognised() -> None:
    text = "\n".join(["• one", "▪ two", "● three", "- four", "* five", "– six", "➢ seven", "n Eight", "o Nine"])
    lines = logical_lines(text)
    assert all(line.bullet for line in lines)
    assert [line.text for line in lines] == ["one", "two", "three", "four", "five", "six", "seven", "Eight", "Nine"]


def test_a_bullet_glyph_on_its_own_line_marks_the_next_line() -> None:
    assert logical_lines("•\nBuilt the API") == [Line("Built the API", bullet=True)]


def test_inline_bullets_and_scraped_mojibake_become_lines() -> None:
    lines = logical_lines(normalise_text("SOFTWARE SKILLS: â\x80¢ Java â\x80¢ Python â€¢ SQL"))
    assert [(line.text, line.bullet) for line in lines] == [
        ("SOFTWARE SKILLS:", False),
        ("Java", True),
        ("Python", True),
        ("SQL", True),
    ]


def test_broken_lines_are_joined() -> None:
    text = "\n".join(
        [
            "2021 –",
            "Present",
            "• Participated in the complete software development life cycle from requirement analysis to deploy-",
            "ment and support",
            "Master of Science, MIT, Cambridge,",
            "USA",
            "page 1 of 2",
        ]
    )
    assert [line.text for line in logical_lines(text)] == [
        "2021 – Present",
        "Participated in the complete software development life cycle from requirement analysis to deployment and support",
        "Master of Science, MIT, Cambridge, USA",
    ]


def test_sections_in_any_order_with_the_header_first() -> None:
    text = "\n".join(
        [
            "Jane Doe",
            "Data Engineer",
            "EDUCATION",
            "BSc Physics, Imperial College London, 2015",
            "Skills: Python, SQL",
            "Work History",
            "-----------",
            "Engineer at Acme, 2016 – 2020",
            "Interests",
            "Chess",
        ]
    )
    sections = split_sections(logical_lines(text))
    assert [(section.kind, section.text()) for section in sections] == [
        ("header", "Jane Doe\nData Engineer"),
        ("education", "BSc Physics, Imperial College London, 2015\nSkills: Python, SQL"),
        ("experience", "Engineer at Acme, 2016 – 2020"),
        ("other", "Chess"),
    ]


def test_an_inline_heading_opens_a_section_from_the_header() -> None:
    sections = split_sections(logical_lines("Jane Doe\nSkills: Python, Go\nEXPERIENCE\nAcme"))
    assert [(section.kind, section.text()) for section in sections] == [
        ("header", "Jane Doe"),
        ("skills", "Python, Go"),
        ("experience", "Acme"),
    ]
