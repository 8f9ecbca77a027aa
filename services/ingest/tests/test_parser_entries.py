"""Experience, education, projects and certifications read from section text."""

from datetime import date

import pytest

from services.ingest.domain.certifications import read_certifications
from services.ingest.domain.education import degree_level, read_education
from services.ingest.domain.entry_headings import read_entry_heading
from services.ingest.domain.experience import read_experience
from services.ingest.domain.lines import logical_lines
from services.ingest.domain.projects import clean_title, read_projects
from services.ingest.domain.sections import Section

pytestmark = pytest.mark.unit

TODAY = date(2025, 7, 1)


def section(kind: str, *lines: str) -> Section:
    return Section(kind, lines=logical_lines("\n".join(lines)))  # type: ignore[arg-type]


def jobs(*lines: str) -> list[tuple[str | None, str | None, str | None, str | None, int | None]]:
    return [
        (job.entry.company, job.entry.role, job.entry.start_date, job.entry.end_date, job.entry.duration_months)
        for job in read_experience([section("experience", *lines)], today=TODAY)
    ]


@pytest.mark.parametrize(
    ("heading", "role", "company", "location"),
    [
        (
            "Full Stack Java Developer, ABC Company, Inc., Anywhere, USA",
            "Full Stack Java Developer",
            "ABC Company, Inc.",
            "Anywhere, USA",
        ),
        ("Data Engineer at Spotify (Stockholm)", "Data Engineer", "Spotify", "Stockholm"),
        ("Senior Engineer | Acme Corp | Berlin, Germany", "Senior Engineer", "Acme Corp", "Berlin, Germany"),
        ("Co-founder & CTO — Brightloop Labs — Remote", "Co-founder & CTO", "Brightloop Labs", "Remote"),
        ("Initech Ltd, Software Developer", "Software Developer", "Initech Ltd", None),
        (
            "Software Engineer (Front-End), Google, Mountain View, CA, USA",
            "Software Engineer (Front-End)",
            "Google",
            "Mountain View, CA, USA",
        ),
    ],
)
def test_role_employer_and_place_from_a_heading(heading: str, role: str, company: str, location: str | None) -> None:
    read = read_entry_heading([heading])
    assert (read.role, read.organisation, read.location) == (role, company, location)


def test_one_line_entries_with_bullets() -> None:
    assert jobs(
        "Full Stack Java Developer, ABC Company, Inc., Anywhere, USA, June 2018 - Present",
        "• Developed applications using Java and Spring Boot",
        "Software Developer, XYZ Solutions, Anywhere, USA, July 2016 - June 2018",
        "• Implemented business logic using Java",
    ) == [
        ("ABC Company, Inc.", "Full Stack Java Developer", "2018-06", None, 86),
        ("XYZ Solutions", "Software Developer", "2016-07", "2018-06", 24),
    ]


def test_dates_printed_before_the_entry() -> None:
    assert jobs(
        "2021 –",
        "Present",
        "Machine Learning Engineer, OpenAI, San Francisco, USA",
        "Leading a team of AI engineers. Designed deep learning models.",
        "2018 – 2021",
        "Data Scientist, Uber, San Francisco, USA",
        "Developed and deployed machine learning models.",
    ) == [
        ("OpenAI", "Machine Learning Engineer", "2021", None, 55),
        ("Uber", "Data Scientist", "2018", "2021", 48),
    ]


def test_employer_place_and_role_on_lines_of_their_own_above_the_dates() -> None:
    assert jobs(
        "Zillow Group",
        "Seattle, WA",
        "Data Scientist",
        "07/2020 - Present",
        "– Built demand forecasting models",
        "KPMG",
        "Manchester",
        "Audit Senior",
        "Sept 2016 to Aug 2019",
        "– Led audits",
    ) == [
        ("Zillow Group", "Data Scientist", "2020-07", None, 61),
        ("KPMG", "Audit Senior", "2016-09", "2019-08", 36),
    ]


def test_role_with_dates_and_the_employer_on_the_next_line() -> None:
    assert jobs(
        "Senior Engineer    Jan 2020 – Present",
        "Acme Corp, Berlin",
        "• Built the billing platform",
    ) == [("Acme Corp", "Senior Engineer", "2020-01", None, 67)]


def test_scraped_resumes_with_labelled_fields() -> None:
    assert jobs(
        "company - Capita India Pvt ltd",
        "description - Pune",
        "Led the transition of reporting from the UK.",
        "company - Saviant Technologies",
        "designation - PMO Analyst",
        "duration - Jan 2015 to Dec 2017",
        "company -",
        "description -",
    ) == [
        ("Capita India Pvt ltd", None, None, None, None),
        ("Saviant Technologies", "PMO Analyst", "2015-01", "2017-12", 36),
    ]


def test_a_range_inside_a_sentence_does_not_start_an_entry() -> None:
    found = jobs(
        "Data Engineer, Acme, 2019 – 2023",
        "• Migrated the warehouse from 2020 to 2021 while keeping every report running on time.",
    )
    assert len(found) == 1


def test_entries_without_dates_still_count() -> None:
    found = read_experience(
        [
            section(
                "experience",
                "Software Engineer, Initech Ltd",
                "• Built things",
                "Analyst, Globex Corporation",
                "• Counted things",
            )
        ],
        today=TODAY,
    )
    assert [(job.entry.company, job.entry.start_date) for job in found] == [
        ("Initech Ltd", None),
        ("Globex Corporation", None),
    ]


@pytest.mark.parametrize(
    ("degree", "level"),
    [
        ("B.Tech", "bachelor"),
        ("BSc Computer Science", "bachelor"),
        ("BE Civil Engineering", "bachelor"),
        ("B.E", "bachelor"),
        ("Bachelor of Business Administration", "bachelor"),
        ("MSc", "master"),
        ("M.Sc. Computer Science", "master"),
        ("MBA (Finance)", "master"),
        ("MS in Physics", "master"),
        ("M.Tech", "master"),
        ("PhD in Computer Science", "doctorate"),
        ("Ph.D.", "doctorate"),
        ("Doctor of Philosophy", "doctorate"),
        ("Associate of Arts", "associate"),
        ("Diploma Civil Engineering", "diploma"),
        ("Post Graduate Diploma in Management", "diploma"),
        ("High School Diploma", "high_school"),
        ("HSC", "high_school"),
        ("Class XII, CBSE", "high_school"),
        ("Massachusetts Institute of Technology", None),
        ("Cambridge, MA", None),  # Massachusetts, not a master's degree
    ],
)
def test_education_levels(degree: str, level: str | None) -> None:
    assert degree_level(degree) == level


def test_education_entries_with_dates_first() -> None:
    found = read_education(
        [
            section(
                "education",
                "2014 – 2016",
                "Master of Science in Computer Science, Specialization in AI, MIT, Cambridge,",
                "USA",
                "2010 – 2014",
                "Bachelor of Science in Computer Science, UC San Diego, San Diego, USA",
            )
        ]
    )
    assert [(s.entry.level, s.entry.institution, s.entry.year, s.entry.major) for s in found] == [
        ("master", "MIT", 2016, "Computer Science"),
        ("bachelor", "UC San Diego", 2014, "Computer Science"),
    ]


def test_education_entries_school_first() -> None:
    found = read_education(
        [
            section(
                "education",
                "Kyoto University",
                "2016 – 2020",
                "Ph.D. in Informatics, Kyoto",
                "Osaka University",
                "2014 – 2016",
                "M.Eng. in Computer Science, Osaka",
                "GPA: 3.9",
            )
        ]
    )
    assert [(s.entry.degree, s.entry.institution, s.entry.year) for s in found] == [
        ("Ph.D. in Informatics", "Kyoto University", 2020),
        ("M.Eng. in Computer Science", "Osaka University", 2016),
    ]


def test_scraped_education_lines() -> None:
    found = read_education(
        [
            section(
                "education",
                "January 2014 BE Civil Engineering Nagpur, Maharashtra Nagpur University",
                "May 2016 B.E. Savitribai Phule Pune, Maharashtra Pune University",
                "Java Developer",
            )
        ]
    )
    assert [(s.entry.level, s.entry.institution, s.entry.year) for s in found] == [
        ("bachelor", "Nagpur University", 2014),
        ("bachelor", "Pune University", 2016),
    ]


def test_projects_with_dates_first_and_titles() -> None:
    found = read_projects(
        [
            section(
                "projects",
                "2021 – Present",
                "Personal Project: Predictive Stock Trading Model",
                "Developed a model using PyTorch.",
                "2022",
                "Personal Expense Tracker",
                "Built with React and Firebase.",
            )
        ],
        today=TODAY,
    )
    assert [(p.entry.title, p.entry.start_date, p.entry.end_date, p.interval is not None) for p in found] == [
        ("Predictive Stock Trading Model", "2021", None, True),
        ("Personal Expense Tracker", "2022", None, False),
    ]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Campus Ride Share | React, Node.js, MongoDB", "Campus Ride Share"),
        ("Chat App (React, Socket.io) 2021", "Chat App"),
        ("Academic Project: Ray Tracer – C++", "Ray Tracer"),
        ("Open Source: django-vn-address", "Open Source"),
    ],
)
def test_project_titles(line: str, title: str) -> None:
    assert clean_title(line) == title


def test_certifications_with_issuers_and_years() -> None:
    found = read_certifications(
        [
            section(
                "certifications",
                "• AWS Certified Data Analytics – Specialty, Amazon Web Services, 2022",
                "• Certified Kubernetes Administrator (CKA) – CNCF – 2022",
                "• Oracle Certified Professional, Java SE 8 Programmer",
                "• Project Management Professional (PMP), PMI, 2016",
            )
        ]
    )
    assert [(c.entry.name, c.entry.issuer, c.entry.year) for c in found] == [
        ("AWS Certified Data Analytics – Specialty", "Amazon Web Services", 2022),
        ("Certified Kubernetes Administrator (CKA)", "CNCF", 2022),
        ("Oracle Certified Professional, Java SE 8 Programmer", "Oracle", None),
        ("Project Management Professional (PMP)", "PMI", 2016),
    ]
