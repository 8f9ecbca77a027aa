"""The vocabulary against real resumes: 962 scraped resumes in 25 job categories (166 distinct texts).

For each category the report gives the share of distinct resumes with at least three skills and
the share that yield one of the category's core skills; the floors below are set a little under
what the vocabulary reached when they were written, and well above what the first, 291-skill
vocabulary reached (Advocate 0.0, HR 0.27, Arts 0.33, Civil Engineer 0.33 for three skills).
Some resumes are all but empty ("HR / Skill Details / Company Details"), hence the lower floors.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from contracts.skills import Taxonomy, default_taxonomy

pytestmark = pytest.mark.unit

# The shared data folder sits beside the repository: <root>/../shared/data.
DATASET = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "resume-categories" / "UpdatedResumeDataSet.csv"
)


@dataclass(frozen=True)
class Expectation:
    """What a category's resumes should yield: one of `core`, and the floors for both shares."""

    core: frozenset[str]
    min_core_share: float = 0.8
    min_three_skills_share: float = 0.75


def _expect(*core: str, core_share: float = 0.8, three_skills_share: float = 0.75) -> Expectation:
    return Expectation(frozenset(core), core_share, three_skills_share)


EXPECTATIONS: dict[str, Expectation] = {
    "Java Developer": _expect("Java", core_share=1.0),
    "Python Developer": _expect("Python", core_share=1.0),
    # One of the seven is a test-programme manager's resume with none of these tools (but "DevOps").
    "DevOps Engineer": _expect("Docker", "Kubernetes", "Jenkins", "AWS", core_share=0.85),
    "HR": _expect(
        "Human Resources",
        "Recruitment",
        "Employee Onboarding",
        "Payroll",
        "Employee Relations",
        "Performance Management",
        "Training and Development",
        "Compensation and Benefits",
        core_share=0.9,
        three_skills_share=0.4,
    ),
    "Data Science": _expect("Machine Learning", "Data Science", "Deep Learning", "Natural Language Processing"),
    "Hadoop": _expect("Hadoop", "Apache Hive", "Apache Spark", "Apache Sqoop", "Apache Pig", "HBase"),
    "Blockchain": _expect("Blockchain", "Ethereum", "Smart Contracts", "Solidity", "Hyperledger Fabric"),
    "ETL Developer": _expect("ETL", "Informatica", "Talend", "SSIS", "IBM DataStage", "Data Warehousing"),
    "Database": _expect("SQL", "Oracle Database", "Microsoft SQL Server", "MySQL", "Database Administration"),
    "DotNet Developer": _expect(".NET", "ASP.NET", "C#", "VB.NET"),
    "SAP Developer": _expect("SAP", "SAP HANA", "ABAP", "SAP BusinessObjects", "SAP Data Services"),
    "Web Designing": _expect("HTML", "CSS", "JavaScript", "Web Design", "Adobe Photoshop", "Bootstrap"),
    "Testing": _expect(
        "Software Testing",
        "Manual Testing",
        "Test Automation",
        "Quality Assurance",
        "Quality Control",
        "Test Case Design",
        "Electrical Engineering",
        "Electronics Engineering",
    ),
    "Automation Testing": _expect("Selenium", "Test Automation", "UFT", "Software Testing", "PLC Programming"),
    "Network Security Engineer": _expect(
        "Network Security", "Firewalls", "Cisco ASA", "Networking", "CCNA", "VPN", "Routing and Switching"
    ),
    "Business Analyst": _expect(
        "Business Analysis", "Requirements Gathering", "Use Cases", "Requirements Documentation"
    ),
    "PMO": _expect("PMO", "Project Management", "Program Management", "Project Planning", "Risk Management"),
    "Operations Manager": _expect(
        "Operations Management", "Supply Chain Management", "Logistics", "Inventory Management", "Procurement"
    ),
    "Sales": _expect("Sales", "B2B Sales", "Lead Generation", "Business Development", "Sales Management", "Marketing"),
    "Mechanical Engineer": _expect(
        "Mechanical Engineering", "AutoCAD", "SolidWorks", "CATIA", "Mechanical Design", "CNC Machining"
    ),
    "Electrical Engineering": _expect(
        "Electrical Engineering", "Electronics Engineering", "Power Systems", "Switchgear", "Electrical Maintenance"
    ),
    "Civil Engineer": _expect("Civil Engineering", "AutoCAD", "Site Engineering", "Structural Engineering"),
    "Health and fitness": _expect("Fitness Training", "Nutrition", "Exercise Physiology", "Yoga", "Massage Therapy"),
    "Advocate": _expect(
        "Litigation",
        "Legal Research",
        "Legal Writing",
        "Criminal Law",
        "Civil Law",
        "Family Law",
        "Legal Advisory",
        "Legal Documentation",
        "Taxation",
        core_share=0.5,
        three_skills_share=0.5,
    ),
    "Arts": _expect(
        "Fine Arts",
        "Graphic Design",
        "Teaching",
        "Adobe Photoshop",
        "Event Management",
        "Public Relations",
        core_share=0.5,
        three_skills_share=0.3,
    ),  # fmt: skip
}


@dataclass(frozen=True)
class CategoryCoverage:
    category: str
    resumes: int
    three_skills_share: float
    core_share: float
    mean_skills: float


def _distinct_resumes_by_category() -> dict[str, list[str]]:
    if not DATASET.is_file():
        pytest.skip(f"shared data not available: {DATASET}")
    by_category: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    with DATASET.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Resume"] not in seen:
                seen.add(row["Resume"])
                by_category[row["Category"]].append(row["Resume"])
    return dict(by_category)


@pytest.fixture(scope="module")
def coverage() -> dict[str, CategoryCoverage]:
    taxonomy: Taxonomy = default_taxonomy()
    report: dict[str, CategoryCoverage] = {}
    for category, resumes in sorted(_distinct_resumes_by_category().items()):
        found = [set(taxonomy.extract(text)) for text in resumes]
        core = EXPECTATIONS[category].core if category in EXPECTATIONS else frozenset()
        report[category] = CategoryCoverage(
            category=category,
            resumes=len(found),
            three_skills_share=sum(len(skills) >= 3 for skills in found) / len(found),
            core_share=sum(bool(skills & core) for skills in found) / len(found),
            mean_skills=sum(map(len, found)) / len(found),
        )
    print("\ncategory                    resumes  >=3 skills  core skill  mean skills")  # noqa: T201
    for row in report.values():
        print(  # noqa: T201
            f"{row.category:<28}{row.resumes:>7}{row.three_skills_share:>12.2f}"
            f"{row.core_share:>12.2f}{row.mean_skills:>13.1f}"
        )
    return report


def test_every_category_of_the_dataset_has_expectations(coverage: dict[str, CategoryCoverage]) -> None:
    assert set(coverage) == set(EXPECTATIONS)
    assert sum(row.resumes for row in coverage.values()) >= 160


@pytest.mark.parametrize("category", sorted(EXPECTATIONS))
def test_resumes_yield_their_category_core_skill(coverage: dict[str, CategoryCoverage], category: str) -> None:
    assert coverage[category].core_share >= EXPECTATIONS[category].min_core_share


@pytest.mark.parametrize("category", sorted(EXPECTATIONS))
def test_resumes_yield_at_least_three_skills(coverage: dict[str, CategoryCoverage], category: str) -> None:
    assert coverage[category].three_skills_share >= EXPECTATIONS[category].min_three_skills_share


def test_every_resume_gives_a_bounded_list_of_unknown_terms() -> None:
    taxonomy = default_taxonomy()
    counts = [len(taxonomy.unknown_terms(text)) for texts in _distinct_resumes_by_category().values() for text in texts]
    assert max(counts) <= 40
    # Most resumes list only known skills, or none in a list at all.
    assert sum(counts) / len(counts) < 4
