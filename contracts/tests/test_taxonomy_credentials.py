"""Licences and certifications in the vocabulary, and the skills that skills imply."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.skills import Taxonomy, default_taxonomy

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


# --- Credentials ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "credential", "kind"),
    [
        ("Active RN license in Texas (compact)", "Registered Nurse Licence", "licence"),
        ("Passed the NCLEX-RN in 2019", "Registered Nurse Licence", "licence"),
        ("Jane Doe, RN", "Registered Nurse Licence", "licence"),
        ("LVN with 3 years in long-term care", "Licensed Practical Nurse Licence", "licence"),
        ("Licensed CPA (Illinois)", "CPA", "licence"),
        ("Valid driver's license and clean record", "Driving Licence", "licence"),
        ("Full UK driving licence", "Driving Licence", "licence"),
        ("Class A CDL with hazmat endorsement", "Commercial Driver's Licence", "licence"),
        ("Journeyman electrician licence, 8,000 hours", "Electrician Licence", "licence"),
        ("Admitted to the bar in New York", "Bar Admission", "licence"),
        ("State teaching license, grades K-6", "Teaching Licence", "licence"),
        ("PGCE with QTS", "Teaching Licence", "licence"),
        ("Licensed Professional Engineer (PE licence), Ohio", "Professional Engineer Licence", "licence"),
        ("Registered pharmacist, RPh", "Pharmacist Licence", "licence"),
        ("BLS and ACLS certified", "BLS", "certification"),
        ("BLS and ACLS certified", "ACLS", "certification"),
        ("PALS, NRP, TNCC, CCRN", "CCRN", "certification"),
        ("CompTIA A+, Network+ and Security+", "CompTIA Network+", "certification"),
        ("CCNA Routing & Switching", "CCNA", "certification"),
        ("AWS Certified Solutions Architect – Associate", "AWS Certified Solutions Architect", "certification"),
        ("PMP certified project manager", "PMP", "certification"),
        ("Certified ScrumMaster (CSM)", "Certified ScrumMaster", "certification"),
        ("Lean Six Sigma Green Belt", "Six Sigma Green Belt", "certification"),
        ("SHRM-CP, 2021", "SHRM-CP", "certification"),
        ("CFA charterholder", "CFA", "certification"),
        ("Certified Internal Auditor (CIA certification)", "Certified Internal Auditor", "certification"),
        ("ServSafe Manager certified", "ServSafe", "certification"),
        ("OSHA 10-Hour Construction card", "OSHA 10", "certification"),
        ("OSHA 30 certified site lead", "OSHA 30", "certification"),
        ("Forklift certified, sit-down and reach", "Forklift Certification", "certification"),
        ("ITIL v4 Foundation", "ITIL Certification", "certification"),
        ("Google Ads certified (Search and Display)", "Google Ads Certification", "certification"),
        ("Food hygiene certificate Level 2", "Food Handler Certification", "certification"),
        ("CPR/First Aid", "First Aid", "certification"),
    ],
)
def test_credentials_are_found_with_their_kind(taxonomy: Taxonomy, text: str, credential: str, kind: str) -> None:
    assert credential in taxonomy.extract(text)
    assert taxonomy.is_credential(credential)
    assert taxonomy.credential_kind(credential) == kind


def test_bls_is_not_first_aid(taxonomy: Taxonomy) -> None:
    assert taxonomy.extract("BLS") == ["BLS"]
    assert taxonomy.extract("Basic Life Support") == ["BLS"]
    assert taxonomy.extract("First aid") == ["First Aid"]
    assert taxonomy.extract("CPR") == ["CPR"]


def test_every_credential_is_in_a_credential_category_and_nothing_else_is(taxonomy: Taxonomy) -> None:
    counts = taxonomy.categories()
    assert counts["licences"] >= 25
    assert counts["certifications"] >= 80
    for name, skill in taxonomy.skills.items():
        expected = {"licences": "licence", "certifications": "certification"}.get(skill.category)
        assert taxonomy.credential_kind(name) == expected, name
        assert taxonomy.is_credential(name) is (expected is not None)


@pytest.mark.parametrize("name", ["Nursing", "Project Management", "Python", "Accounting", "Not A Skill", ""])
def test_skills_and_unknown_names_are_not_credentials(taxonomy: Taxonomy, name: str) -> None:
    assert taxonomy.credential_kind(name) is None
    assert not taxonomy.is_credential(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Knowing the field is not holding its credential.
        ("Nursing student, clinical placements in med-surg", {"Nursing", "Medical-Surgical Nursing"}),
        ("Project management of six releases", {"Project Management"}),
        ("Scrum master for two teams", {"Scrum"}),
        ("Preparing for the NCLEX", set()),
        ("Supervised 12 RNs and 4 LPNs", set()),
        ("Senior AWS Solutions Architect at Acme", {"AWS"}),
    ],
)
def test_a_field_or_a_title_is_not_a_credential(taxonomy: Taxonomy, text: str, expected: set[str]) -> None:
    found = set(taxonomy.extract(text))
    assert found == expected
    assert not any(taxonomy.is_credential(name) for name in found)


# --- Implications -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("skill", "implied"),
    [
        ("PostgreSQL", "SQL"),
        ("MySQL", "SQL"),
        ("TypeScript", "JavaScript"),
        ("Next.js", "React"),
        ("Next.js", "JavaScript"),
        ("React", "JavaScript"),
        ("Helm", "Kubernetes"),
        ("Epic Systems", "Electronic Health Records"),
        ("Cerner", "Electronic Health Records"),
        ("QuickBooks", "Bookkeeping"),
        ("ACLS", "BLS"),
        ("ACLS", "CPR"),
        ("Figma", "UI Design"),
        ("Spring Boot", "Java"),
        ("Django", "Python"),
        ("Amazon EKS", "Kubernetes"),
        ("Westlaw", "Legal Research"),
        ("Greenhouse", "Applicant Tracking Systems"),
        ("ServSafe", "Food Safety"),
        ("Forklift Certification", "Forklift Operation"),
        ("Registered Nurse Licence", "Nursing"),
        ("Commercial Driver's Licence", "Driving Licence"),
        ("PMP", "Project Management"),
        ("Canvas LMS", "Learning Management Systems"),
    ],
)
def test_skills_imply_skills(taxonomy: Taxonomy, skill: str, implied: str) -> None:
    assert taxonomy.implied([skill])[implied] == skill


def test_implied_credits_the_given_skill_and_leaves_out_what_is_held(taxonomy: Taxonomy) -> None:
    found = taxonomy.implied(["Next.js", "PostgreSQL", "JavaScript", "Underwater Basket Weaving"])
    assert found["React"] == "Next.js"
    assert found["SQL"] == "PostgreSQL"
    assert "JavaScript" not in found  # held already
    assert "Next.js" not in found
    assert "PostgreSQL" not in found
    # The first skill to reach an implied skill is credited, whatever path reaches it later.
    assert taxonomy.implied(["React", "Next.js"])["JavaScript"] == "React"
    assert taxonomy.implied(["Next.js", "React"])["JavaScript"] == "Next.js"
    assert taxonomy.implied([]) == {}
    assert taxonomy.implied(iter(["Helm", "Helm"])) == {"Kubernetes": "Helm"}


def test_the_vocabulary_implies_dozens_of_skills_across_fields(taxonomy: Taxonomy) -> None:
    with_implications = [skill for skill in taxonomy.skills.values() if skill.implies]
    assert len(with_implications) >= 300
    assert len({skill.category for skill in with_implications}) >= 15
    for skill in with_implications:
        for name in skill.implies:
            assert name in taxonomy.skills, (skill.name, name)


def test_a_skill_never_implies_a_credential(taxonomy: Taxonomy) -> None:
    # Knowing a tool grants no licence; only a credential may imply another (CDL -> driving licence).
    for skill in taxonomy.skills.values():
        if not taxonomy.is_credential(skill.name):
            assert not [name for name in skill.implies if taxonomy.is_credential(name)], skill.name


def _vocabulary(**specs: Any) -> dict[str, Any]:
    return {"data": [{"name": name, "implies": implies} for name, implies in specs.items()]}


def test_an_implication_of_an_unknown_skill_is_refused() -> None:
    with pytest.raises(ValueError, match="not in the vocabulary"):
        Taxonomy.from_mapping(_vocabulary(PostgreSQL=["SQL"]))


def test_a_cycle_of_implications_is_refused() -> None:
    with pytest.raises(ValueError, match="cycle: A -> B -> C -> A"):
        Taxonomy.from_mapping(_vocabulary(A=["B"], B=["C"], C=["A"]))
    with pytest.raises(ValueError, match="implies itself"):
        Taxonomy.from_mapping(_vocabulary(A=["A"]))


def test_implications_are_followed_transitively_and_breadth_first() -> None:
    taxonomy = Taxonomy.from_mapping(
        _vocabulary(Top=["Left", "Right"], Left=["Deep"], Right=["Deep"], Deep=[], Alone=[])
    )
    assert taxonomy.implied(["Top"]) == {"Left": "Top", "Right": "Top", "Deep": "Top"}
    assert list(taxonomy.implied(["Top"])) == ["Left", "Right", "Deep"]
    assert taxonomy.implied(["Alone"]) == {}


# --- Phrases ------------------------------------------------------------------------------------


def test_phrases_name_skills_or_none_and_hide_their_words() -> None:
    taxonomy = Taxonomy.from_mapping(
        {
            "finance": [{"name": "Accounts Payable", "exact": ["AP"]}, "Accounts Receivable"],
            "phrases": {"AP/AR": ["Accounts Payable", "Accounts Receivable"], "AP Style": []},
        }
    )
    assert taxonomy.extract("AP/AR and AP") == ["Accounts Payable", "Accounts Receivable"]
    assert taxonomy.extract("AP Style guide") == []
    assert taxonomy.canonical("AP/AR") is None
    assert "phrases" not in taxonomy.categories()


def test_a_phrase_must_name_known_skills_and_differ_from_every_alias() -> None:
    with pytest.raises(ValueError, match="not in the vocabulary"):
        Taxonomy.from_mapping({"finance": ["Payroll"], "phrases": {"payroll taxes": ["Taxation"]}})
    with pytest.raises(ValueError, match="also an alias"):
        Taxonomy.from_mapping({"finance": ["Payroll"], "phrases": {"PAYROLL": []}})
