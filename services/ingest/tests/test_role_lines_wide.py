"""Role lines laid out in ways templates differ: dates under or over the heading, employers heading roles."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.skills import default_taxonomy
from services.ingest.domain.profile import parse_profile

pytestmark = pytest.mark.unit

TODAY = date(2025, 7, 15)
Row = tuple[str | None, str | None, str | None, str | None]


def roles(body: str) -> list[Row]:
    profile = parse_profile(f"Sam Lee\nsam@example.com\n\nEXPERIENCE\n{body}", taxonomy=default_taxonomy(), today=TODAY)
    return [(job.role, job.company, job.start_date, job.end_date) for job in profile.experience]


def test_dates_under_each_heading_belong_to_the_heading_above() -> None:
    body = (
        "Head of Marketing — Canva — Sydney\nFeb 2022 – Present\n"
        "Marketing Lead — Atlassian — Sydney\nAug 2018 – Jan 2022\n"
        "Marketing Coordinator — Xero — Wellington\n2016 – 2018\n"
    )
    assert roles(body) == [
        ("Head of Marketing", "Canva", "2022-02", None),
        ("Marketing Lead", "Atlassian", "2018-08", "2022-01"),
        ("Marketing Coordinator", "Xero", "2016", "2018"),
    ]


def test_dates_over_each_heading_belong_to_the_heading_below() -> None:
    body = "Feb 2022 – Present\nHead of Marketing, Canva\n• Ran brand\nAug 2018 – Jan 2022\nMarketing Lead, Atlassian\n"
    assert roles(body) == [
        ("Head of Marketing", "Canva", "2022-02", None),
        ("Marketing Lead", "Atlassian", "2018-08", "2022-01"),
    ]


def test_a_linkedin_entry_with_title_employer_dates_and_place() -> None:
    body = (
        "Senior Software Engineer\nShopify · Full-time\nMar 2019 - Mar 2022 · 3 yrs 1 mo\nOttawa, Canada\n"
        "Led the checkout team.\n"
        "Software Engineer\nShopify · Full-time\nJun 2016 - Feb 2019 · 2 yrs 9 mos\nBuilt the order API.\n"
    )
    assert roles(body) == [
        ("Senior Software Engineer", "Shopify", "2019-03", "2022-03"),
        ("Software Engineer", "Shopify", "2016-06", "2019-02"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Google, Mountain View\nSenior Software Engineer   Jan 2021 – Present\n- Led storage\n"
        "Software Engineer   Jun 2018 – Dec 2020\n- Built ingestion\n",
        "Google\nSenior Software Engineer\nJan 2021 – Present\nLed storage.\nSoftware Engineer\nJun 2018 – Dec 2020\n",
    ],
)
def test_an_employer_on_its_own_line_heads_the_roles_under_it(body: str) -> None:
    assert [(role, company) for role, company, *_ in roles(body)] == [
        ("Senior Software Engineer", "Google"),
        ("Software Engineer", "Google"),
    ]


def test_the_next_employer_ends_the_group() -> None:
    body = (
        "Google\nSenior Software Engineer   Jan 2021 – Present\n- Led storage\n"
        "Data Engineer, Spotify, 2017 – 2020\n- Built pipelines\nFreelance Developer   2015 – 2016\n"
    )
    assert [company for _, company, *_ in roles(body)] == ["Google", "Spotify", None]


def test_a_job_word_on_the_line_under_employer_place_and_dates() -> None:
    assert roles("Rackspace — San Antonio — 2019-2022\nCloud Engineer\nMigrated workloads to AWS.\n") == [
        ("Cloud Engineer", "Rackspace", "2019", "2022")
    ]


@pytest.mark.parametrize(
    "title", ["Physiotherapist", "Psychotherapist", "Radiographer", "Clinical Psychologist", "Electrician"]
)
def test_job_words_by_their_ending(title: str) -> None:
    assert roles(f"{title}, NHS Lothian, Mar 2019 – Present\n")[0][:2] == (title, "NHS Lothian")


def test_a_labelled_entry_takes_the_range_its_description_states() -> None:
    body = (
        "company - Acme Garments\ndescription - Administration and client service\nInsured corporate clients\n"
        "Moved the office to Windows Server 2012\nPeriod: 06th June 2017 to 20th Aug 2018.\n"
        "company - Beta Tools\ndescription - Sales of Windows 2016 licences\n"
    )
    assert [(company, start, end) for _, company, start, end in roles(body)] == [
        ("Acme Garments", "2017-06", "2018-08"),
        ("Beta Tools", None, None),
    ]


def test_employer_and_role_on_lines_above_dates_with_a_place() -> None:
    body = "Northwind Health\nClinical Nurse Specialist\nJan 2019 – Mar 2022 | Leeds, UK\nRan wound care.\n"
    assert roles(body) == [("Clinical Nurse Specialist", "Northwind Health", "2019-01", "2022-03")]
