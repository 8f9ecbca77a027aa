"""Job description analysis on synthetic texts and on the sample JD PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.jobs.domain.jd_analysis import EMBEDDING_TEXT_MAX_CHARS, analyse_job, embedding_text, infer_seniority

pytestmark = pytest.mark.unit

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "resume-matcher-samples"


def _pdf_text(name: str) -> tuple[str, str]:
    """The JD's title (its first line, without the "Job Description:" label) and its full text."""
    pymupdf = pytest.importorskip("pymupdf")
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {path} is not on this machine")
    with pymupdf.open(path) as document:
        text = "\n".join(page.get_text("text") for page in document)
    title = text.splitlines()[0].removeprefix("Job Description:").strip()
    return title, text


def test_sections_split_required_from_preferred() -> None:
    description = """About us
We are a small team.

Requirements:
- 3+ years of experience with Python
- PostgreSQL and REST APIs

Nice to have
- Kubernetes
- Python (again, but it is required above)
- 8+ years in fintech

Benefits
- Free AWS credits
"""
    result = analyse_job("Backend Engineer", description)
    assert "Python" in result.required_skills
    assert "PostgreSQL" in result.required_skills
    assert result.preferred_skills == ("Kubernetes",)
    # Benefits mention no requirement, and the preferred section's years are not a minimum.
    assert "AWS" not in result.required_skills + result.preferred_skills
    assert result.min_years_experience == 3


def test_skills_outside_any_section_are_required() -> None:
    result = analyse_job("Data Engineer", "You will build pipelines in Scala and Apache Spark on AWS.")
    assert set(result.required_skills) >= {"Scala", "AWS"}
    assert result.preferred_skills == ()


def test_inline_labels_and_clause_markers() -> None:
    description = "Required: Python, Django, 3-5 years. Preferred: React. Salary: $80-100k.\nDocker is a plus."
    result = analyse_job("Senior Python Developer", description)
    assert result.required_skills == ("Python", "Django")
    assert result.preferred_skills == ("React", "Docker")
    assert result.min_years_experience == 3
    assert result.seniority == "senior"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Must have:", "required"),
        ("Qualifications", "required"),
        ("## Minimum Qualifications", "required"),
        ("Preferred Qualifications:", "preferred"),
        ("Bonus", "preferred"),
        ("Plus:", "preferred"),
        ("Nice-to-have", "preferred"),
    ],
)
def test_headings_open_sections(heading: str, expected: str) -> None:
    result = analyse_job("Engineer", f"Responsibilities\nShip things.\n{heading}\n- TypeScript\n")
    if expected == "required":
        assert result.required_skills == ("TypeScript",)
    else:
        assert result.preferred_skills == ("TypeScript",)
        assert result.required_skills == ()


def test_a_skill_in_both_sections_is_required() -> None:
    result = analyse_job("Engineer", "Preferred:\n- Go\n- Rust\nRequirements:\n- Go\n")
    assert result.required_skills == ("Go",)
    assert result.preferred_skills == ("Rust",)


def test_a_bullet_mentioning_skills_is_not_a_heading() -> None:
    # "Excellent teamwork skills." must not open a required section that swallows what follows.
    description = "Nice to have:\n- Excellent teamwork skills.\n- Terraform\n"
    result = analyse_job("Engineer", description)
    assert "Terraform" in result.preferred_skills


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("3+ years of experience", 3),
        ("at least 5 years in backend work", 5),
        ("2-4 years of experience", 2),
        ("2 to 4 years", 2),
        ("minimum of 7 yrs", 7),
        ("five years of professional experience", 5),
        ("over 10 years of experience", 10),
        ("1.5 years' experience", 1.5),
        ("Years of experience: 6", 6),
        ("The company was founded 25 years ago.", None),
        ("Must be able to travel 20% of the time", None),
    ],
)
def test_minimum_years(text: str, years: float | None) -> None:
    assert analyse_job("Engineer", text).min_years_experience == years


def test_the_largest_stated_minimum_wins() -> None:
    text = "5+ years of experience in web development.\nAt least 2 years with React."
    assert analyse_job("Engineer", text).min_years_experience == 5


@pytest.mark.parametrize(
    ("title", "description", "years", "expected"),
    [
        ("Junior Developer", "", 8.0, "entry"),
        ("Graduate Software Engineer", "", None, "entry"),
        ("Sr. Data Scientist", "", None, "senior"),
        ("Staff Engineer", "", 1.0, "senior"),
        ("Mid-level Engineer", "", None, "mid"),
        ("Engineer", "This is an entry-level role.", None, "entry"),
        ("Engineer", "", 1.0, "entry"),
        ("Engineer", "", 2.0, "mid"),
        ("Engineer", "", 5.0, "senior"),
        ("Engineer", "", None, None),
    ],
)
def test_seniority_hints(title: str, description: str, years: float | None, expected: str | None) -> None:
    assert infer_seniority(title, description, years) == expected


def test_embedding_text_is_title_and_description_capped() -> None:
    text = embedding_text("  Title ", "word " * 10_000)
    assert text.startswith("Title\n\nword")
    assert len(text) == EMBEDDING_TEXT_MAX_CHARS


def test_front_end_engineer_pdf() -> None:
    title, text = _pdf_text("job_desc_front_end_engineer.pdf")
    result = analyse_job(title, text)
    # "Angu-\nlar.js" is broken across lines in the PDF text and must still be found.
    assert {"JavaScript", "HTML", "CSS", "React", "Vue.js", "Angular", "jQuery", "Git"} <= set(result.required_skills)
    assert result.preferred_skills == ()
    assert result.min_years_experience == 2
    assert result.seniority == "mid"


def test_full_stack_engineer_pdf() -> None:
    title, text = _pdf_text("job_desc_full_stack_engineer.pdf")
    result = analyse_job(title, text)
    expected = {"HTML", "CSS", "JavaScript", "Python", "Ruby", "Java", "PHP", ".NET", "MySQL", "MongoDB"}
    assert expected <= set(result.required_skills)
    assert result.min_years_experience == 5
    assert result.seniority == "senior"


def test_java_developer_pdf() -> None:
    title, text = _pdf_text("job_desc_java_developer.pdf")
    result = analyse_job(title, text)
    assert {"Java", "SQL", "Hibernate", "Spring Framework", "Test-Driven Development"} <= set(result.required_skills)
    assert "React" not in result.required_skills
    assert result.min_years_experience == 3
    assert result.seniority == "mid"


def test_product_manager_pdf() -> None:
    title, text = _pdf_text("job_desc_product_manager.pdf")
    result = analyse_job(title, text)
    assert "Product Management" in result.required_skills
    assert "Java" not in result.required_skills
    assert result.min_years_experience == 10
    assert result.seniority == "senior"


@pytest.mark.parametrize("line", ["a" * 50_000, "x: " * 16_000, "\n" * 50_000, "Required: " * 5_000])
def test_pathological_descriptions_are_read_without_stalling(line: str) -> None:
    # Quadratic scanning once made 50,000 letters take minutes, stalling the analysis consumer.
    analyse_job("Engineer", line)
