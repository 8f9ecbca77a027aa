from datetime import date

import pytest

from contracts.skills import default_taxonomy
from services.ingest.domain.contact import find_links, find_phone, guess_name
from services.ingest.domain.filetypes import PDF
from services.ingest.domain.profile import embedding_text, parse_profile
from services.ingest.extraction import extract_document
from services.ingest.tests.conftest import SampleReader

pytestmark = pytest.mark.unit

TODAY = date(2025, 7, 1)


def profile_of(data: bytes, content_type: str = PDF) -> dict[str, object]:
    document = extract_document(data, content_type, max_pages=20, max_text_chars=200_000)
    profile = parse_profile(document.text, taxonomy=default_taxonomy(), today=TODAY, document_links=document.links)
    text = embedding_text(document.text, profile=profile, limit=8000)
    return {**profile.model_dump(mode="json"), "embedding_text": text}


def skill_names(profile: dict[str, object]) -> list[str]:
    skills = profile["skills"]
    assert isinstance(skills, list)
    return [skill["name"] for skill in skills]


def test_john_doe_contact_details_links_and_skills(sample_pdf: SampleReader) -> None:
    profile = profile_of(sample_pdf("john_doe.pdf"))
    assert profile["name"] == "John Doe"  # written in capitals, title-cased
    assert profile["email"] == "john.doe@email.com"
    assert profile["phone"] == "(123) 456-7890"
    assert profile["links"] == [
        {"kind": "linkedin", "url": "https://linkedin.com/in/johndoe"},
        {"kind": "github", "url": "https://github.com/johndoe"},
    ]
    assert {"Java", "Spring Boot", "Angular", "MySQL", "MongoDB", "Docker", "JUnit"} <= set(skill_names(profile))
    java = next(skill for skill in profile["skills"] if skill["name"] == "Java")  # type: ignore[attr-defined]
    assert java["category"] == "languages"
    assert java["evidence"][:2] == ["summary", "skills-section"]


def test_links_come_from_the_pdf_hyperlinks_when_the_text_only_shows_icons(sample_pdf: SampleReader) -> None:
    profile = profile_of(sample_pdf("harvey_dent_mle.pdf"))
    assert profile["name"] == "Harvey Dent"
    assert profile["email"] == "hdent@email.com"
    assert profile["phone"] == "(123) 456-7891"
    assert {"kind": "linkedin", "url": "https://www.linkedin.com/in/hdent"} in profile["links"]  # type: ignore[operator]
    assert {"Python", "TensorFlow", "PyTorch", "scikit-learn", "R", "Kubernetes"} <= set(skill_names(profile))


def test_every_sample_resume_gives_a_name_an_email_and_skills(sample_pdf: SampleReader) -> None:
    for name in ("alfred_pennyworth_pm.pdf", "barry_allen_fe.pdf", "bruce_wayne_fullstack.pdf"):
        profile = profile_of(sample_pdf(name))
        first, last = name.split("_")[:2]
        assert profile["name"] == f"{first.title()} {last.title()}"
        assert profile["email"]
        assert len(skill_names(profile)) >= 10


def test_the_embedding_text_leaves_out_name_and_contact_details(sample_pdf: SampleReader) -> None:
    profile = profile_of(sample_pdf("john_doe.pdf"))
    text = str(profile["embedding_text"])
    assert "Spring Boot" in text
    for private in ("John", "DOE", "john.doe@email.com", "456-7890", "linkedin.com/in/johndoe"):
        assert private.lower() not in text.lower()


def test_the_embedding_text_is_bounded() -> None:
    text = "Jane Doe\n" + "Python engineer building data pipelines. " * 1000
    profile = parse_profile(text, taxonomy=default_taxonomy(), today=TODAY)
    assert 400 < len(embedding_text(text, profile=profile, limit=500)) <= 500
    assert profile.text_chars == len(text)


def test_a_docx_resume_is_parsed(resume_docx: bytes) -> None:
    profile = profile_of(resume_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert profile["name"] == "Jane Q. Smith"
    assert profile["email"] == "jane.smith@example.org"
    assert profile["phone"] == "+44 20 7946 0958"
    kinds = {link["kind"]: link["url"] for link in profile["links"]}  # type: ignore[attr-defined]
    assert kinds == {"github": "https://github.com/janesmith", "linkedin": "https://www.linkedin.com/in/janesmith"}
    assert skill_names(profile) == ["Python", "Go", "Kubernetes", "Terraform", "PostgreSQL"]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["CURRICULUM VITAE", "MARIA DE LA CRUZ"], "Maria De La Cruz"),
        (["Resume", "Jean-Luc O'Neil | Staff Engineer"], "Jean-Luc O'Neil"),
        (["Name: Ana Lima", "ana@example.com"], "Ana Lima"),
        (["Ludwig van Beethoven"], "Ludwig van Beethoven"),
        (["Senior Software Engineer", "jane@example.com"], None),
        (["john smith 2024"], None),
        (["O'BRIEN, Grace E.", "grace@example.com"], "Grace E. O'Brien"),
        (["# VOLKOV, Viktor"], "Viktor Volkov"),
        (["Smith, John"], "John Smith"),
        (["Rafael", "Fitzgerald", "Tucson, AZ"], "Rafael Fitzgerald"),
        (["OKAFOR,", "Katarzyna"], "Katarzyna Okafor"),
        (["Mrs. Jane Doe"], "Jane Doe"),
        (["Pune, Maharashtra"], None),
        (["Acme, Inc"], None),
        ([], None),
    ],
)
def test_name_heuristics(lines: list[str], name: str | None) -> None:
    assert guess_name(lines) == name


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Call me: +1 (415) 555-0132 any time", "+1 (415) 555-0132"),
        ("Tel 020 7946 0958", "020 7946 0958"),
        ("mobile: 9876543210", "9876543210"),
        ("Worked there 2012 - 2017 and 2018 - 2022", None),
        ("Graduated 12.05.2019 with GPA 9.5/10", None),
        ("Raised 1500000 in funding", None),
    ],
)
def test_phone_numbers_but_not_dates_or_amounts(text: str, phone: str | None) -> None:
    assert find_phone(text) == phone


def test_links_are_normalised_deduplicated_and_exclude_file_names() -> None:
    text = "See www.janedoe.dev, github.com/jane. and https://github.com/jane/ ; built with Node.js and Vue.js"
    links = find_links(text, ["mailto:jane@example.com", "https://linkedin.com/in/jane"])
    assert [(link.kind, link.url) for link in links] == [
        ("website", "https://www.janedoe.dev"),
        ("github", "https://github.com/jane"),
        ("linkedin", "https://linkedin.com/in/jane"),
    ]
