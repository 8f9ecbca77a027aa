"""Personal data changes nothing: two resumes that differ only in who the person is parse and embed alike."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from services.ingest.domain.personal import (
    deidentify,
    is_personal_line,
    is_place_line,
    name_words,
    neutralise_gendered_words,
)
from services.ingest.extraction import ExtractedDocument
from services.ingest.parsing import ParsedResume, parse_document, resume_parsed_payload
from services.ingest.settings import IngestSettings

pytestmark = pytest.mark.unit

TODAY = date(2026, 12, 1)

TEMPLATE = """{title}{name}
{photo}
{address}
{email} | {phone}
{birth}
{age}

SUMMARY
{Pronoun} is a registered nurse; {pronoun} led {possessive} ward's move to Epic with {object}.
{Possessive} manager, {title}Okafor, praised {possessive} triage work and thanked {object} for it.

EXPERIENCE
Registered Nurse — St Mary's Hospital, London, Jan 2019 – Present
• Patient assessment, medication administration and wound care on a 30-bed surgical ward
• {Pronoun} documented care in Epic and mentored new graduates
Staff Nurse | Royal Free Hospital | 2015 – 2018
• Triage and IV therapy in the emergency department

EDUCATION
BSc Nursing, King's College London, 2015

CERTIFICATIONS
Basic Life Support (BLS), 2024
"""


@dataclass(frozen=True)
class Person:
    """The details a counterfactual swaps: who the person is, not what they did."""

    name: str
    title: str
    pronouns: tuple[str, str, str]  # subject, possessive, object
    photo: str
    address: str
    birth: str
    age: str
    email: str
    phone: str


PEOPLE = [
    Person(
        "Emily Walsh",
        "Ms ",
        ("she", "her", "her"),
        "[Photo: smiling young woman]",
        "Address: 12 Rose Lane, Springfield, IL 62704",
        "Date of Birth: 14/03/1991",
        "Age: 35",
        "emily.walsh@example.com",
        "+1 217 555 0142",
    ),
    Person(
        "DeShawn Jackson",
        "Mr. ",
        ("he", "his", "him"),
        "[Photo: man in a suit]",
        "44 Ruby Street, Apt 3B, Chicago, IL 60601",
        "DOB: 1979-07-02",
        "Age 47",
        "djackson@example.org",
        "(312) 555-0199",
    ),
    Person(
        "Nguyen Thi Lan",
        "Mrs ",
        ("she", "her", "her"),
        "![headshot](lan.jpg)",
        "Flat 4, 22 Baker Street, London NW1 6XE",
        "Born on 2 May 1968",
        "Age: 58",
        "lan.nguyen@example.co.uk",
        "020 7946 0958",
    ),
    Person(
        "Jordan Swift",
        "Mx ",
        ("they", "their", "them"),
        "[Image: profile picture]",
        "Home address: 7 Java Road, Leeds LS1 4AP",
        "Birthday: 1 January 2001",
        "Age - 25",
        "jswift@example.net",
        "07700 900123",
    ),
]


def resume_of(person: Person) -> str:
    subject, possessive, obj = person.pronouns
    return TEMPLATE.format(
        title=person.title,
        name=person.name,
        photo=person.photo,
        address=person.address,
        email=person.email,
        phone=person.phone,
        birth=person.birth,
        age=person.age,
        pronoun=subject,
        Pronoun=subject.capitalize(),
        possessive=possessive,
        Possessive=possessive.capitalize(),
        object=obj,
    )


def parsed(person: Person) -> ParsedResume:
    return parse_document(ExtractedDocument(text=resume_of(person)), settings=IngestSettings(), today=TODAY)


def test_the_embedding_text_is_the_same_whoever_the_person_is() -> None:
    texts = {person.name: parsed(person).embedding_text for person in PEOPLE}
    first = texts[PEOPLE[0].name]
    for name, text in texts.items():
        assert text == first, f"{name} differs"
    for private in ("Emily", "Walsh", "Ms", "she ", " her ", "Rose Lane", "62704", "1991", "Age", "Photo", "woman"):
        assert private not in first
    assert "Registered Nurse" in first
    assert "they led their ward's move to Epic with them." in first
    assert "Their manager, , praised their triage work and thanked them for it." in first


def test_the_payload_is_the_same_but_for_name_email_and_phone() -> None:
    payloads = [
        resume_parsed_payload(resume_id=uuid.UUID(int=1), uploaded_by=uuid.UUID(int=2), parsed=parsed(person))
        for person in PEOPLE
    ]
    assert [(payload.name, payload.email) for payload in payloads] == [(person.name, person.email) for person in PEOPLE]
    first = payloads[0].model_dump(exclude={"name", "email"})
    for person, payload in zip(PEOPLE, payloads, strict=True):
        assert payload.model_dump(exclude={"name", "email"}) == first, person.name
    assert first["roles"][0]["field"] == "nursing"


def test_the_profile_is_the_same_whoever_the_person_is() -> None:
    def comparable(person: Person) -> dict[str, Any]:
        profile = parsed(person).profile.model_dump(mode="json")
        for private in ("name", "email", "phone", "links", "summary", "text_chars"):
            profile.pop(private)
        for job in profile["experience"]:
            job.pop("description")  # the text as written, pronouns and all
        return profile

    first = comparable(PEOPLE[0])
    for person in PEOPLE[1:]:
        assert comparable(person) == first, person.name
    skills = {entry["name"] for entry in first["skills"]}
    assert "Ruby" not in skills, "44 Ruby Street is an address"
    assert "Swift" not in skills, "Jordan Swift is a name"
    assert "Java" not in skills, "7 Java Road is an address"


@pytest.mark.parametrize(
    "line",
    [
        "Address: 12 Rose Lane, Springfield",
        "Permanent Address - 14, MG Road, Pune",
        "123 Main Street, Springfield, IL 62704",
        "Flat 4, 22 Baker Street, London NW1 6XE",
        "Springfield, IL 62704",
        "Date of Birth: 14/03/1991",
        "DOB 02.07.1979",
        "D.O.B. : 1 Jan 1990",
        "Born 2 May 1968 in Hanoi",
        "Age: 35",
        "Age 47",
        "Gender: Female",
        "Marital Status: Married",
        "Nationality: Indian",
        "Father's Name: R. Kumar",
        "[Photo: smiling young woman]",
        "![headshot](me.jpg)",
        "Pronouns: she/her",
    ],
)
def test_personal_lines(line: str) -> None:
    assert is_personal_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Address customer complaints within 24 hours",
        "Addressed 40 tickets a day",
        "Registered Nurse — St Mary's Hospital, Jan 2019 – Present",
        "Ward 4, St Mary's Hospital",
        "Cut costs 30 percent along the way",
        "Processed over 20000 invoices a month",
        "Managed 12 Staff Nurses",
        "Aged care nursing across 3 homes",
        "2019 Graduation",
        "Image processing with OpenCV",
    ],
)
def test_work_lines_are_not_personal(line: str) -> None:
    assert not is_personal_line(line)


def test_places_alone_are_where_someone_lives() -> None:
    assert is_place_line("London, UK")
    assert is_place_line("San Francisco, CA")
    assert not is_place_line("Acme Corp, London")


@pytest.mark.parametrize(
    ("text", "neutral"),
    [
        ("She led the team; he joined her.", "They led the team; they joined them."),
        ("His manager praised him and HER work.", "Their manager praised them and THEIR work."),
        ("We thanked her. Her team and her.", "We thanked them. Their team and them."),
        ("Mr. John Smith and Mrs Jane Doe", "and"),
        ("Ms Lee, chairwoman of the board", ", chairperson of the board"),
        ("reported to Mr. O'Connor daily", "reported to daily"),
        ("Ms   is glad", "is glad"),
        ("Waitress at Bella's; herself a trainer", "Server at Bella's; themselves a trainer"),
        ("Shell scripting, the heel, ethernet, MS in CS", "Shell scripting, the heel, ethernet, MS in CS"),
        ("I miss nothing; Miss Marple", "I miss nothing;"),
    ],
)
def test_gendered_words_and_titled_names_are_neutralised(text: str, neutral: str) -> None:
    assert " ".join(neutralise_gendered_words(text).split()) == neutral


def test_name_words_keep_months_and_initials() -> None:
    assert name_words("June A. Swift") == {"June A. Swift", "Swift"}
    assert name_words("Li Na") == {"Li Na"}


def test_deidentify_keeps_the_work_and_drops_the_person() -> None:
    text = (
        "Jane Doe | Data Engineer | 12 Baker Street, London | jane@example.com\n"
        "A 34-year-old engineer, born in 1990. She builds pipelines in Python.\n"
        "London, UK\n"
    )
    assert deidentify(text, name="Jane Doe") == "Data Engineer\nengineer. They builds pipelines in Python."
