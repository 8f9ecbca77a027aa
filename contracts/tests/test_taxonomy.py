"""Conservative skill matching over the shipped vocabulary."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import pytest
import yaml

from contracts.skills import Taxonomy, default_taxonomy
from contracts.skills.taxonomy import normalise_alias

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # React Native is its own skill, not React.
        ("Built apps in React Native", ["React Native"]),
        ("React Native and React", ["React Native", "React"]),
        ("React.js", ["React"]),
        ("ReactJS", ["React"]),
        ("react js hooks", ["React"]),
        # The C family stays apart.
        ("C/C++", ["C", "C++"]),
        ("C# and .NET", ["C#", ".NET"]),
        ("C, C++, C# and .NET Core", ["C", "C++", "C#", ".NET"]),
        ("C++/C#", ["C++", "C#"]),
        ("C & C++", ["C", "C++"]),
        ("Objective-C/C++", ["Objective-C", "C++"]),
        ("C-level stakeholders", []),
        ("John C. Smith", []),
        ("A/C maintenance", []),
        # Go, Golang, and Go-to-Market.
        ("Go", ["Go"]),
        ("Golang", ["Go"]),
        ("golang", ["Go"]),
        ("Go (Golang) services", ["Go"]),
        ("go to market", ["Go-to-Market Strategy"]),
        ("Owned the go-to-market plan", ["Go-to-Market Strategy"]),
        ("Go-To-Market", ["Go-to-Market Strategy"]),
        ("let's go", []),
        ("ready to go", []),
        # Abbreviations and other spellings.
        ("k8s", ["Kubernetes"]),
        ("K8s", ["Kubernetes"]),
        ("Postgres", ["PostgreSQL"]),
        ("JS", ["JavaScript"]),
        ("Java", ["Java"]),
        ("JavaScript", ["JavaScript"]),
        ("Java and JavaScript", ["Java", "JavaScript"]),
        ("Java/JavaScript", ["Java", "JavaScript"]),
        # R the language, not R&D.
        ("R, Python", ["R", "Python"]),
        ("R&D", []),
        ("R & D lab", []),
        ("Head of R&D, Python", ["Python"]),
        ("R. Kumar", []),
        # `.js` names written without the dot mean the framework, not plain JavaScript.
        ("Vue js", ["Vue.js"]),
        ("Three js", ["Three.js"]),
        ("Nest js", ["NestJS"]),
        ("Node js and Nodejs", ["Node.js"]),
        # Slashes separate alternatives.
        ("HTML/CSS", ["HTML", "CSS"]),
        ("UI/UX", ["UI Design", "UX Design"]),
        ("AWS/GCP", ["AWS", "Google Cloud"]),
        ("CI/CD", ["CI/CD"]),
        ("PL/SQL", ["PL/SQL"]),
        # Ordinary words that are not the skill.
        ("excel at teamwork", ["Teamwork"]),
        ("Advanced Excel", ["Excel"]),
        ("the rest of the team", []),
        ("REST API design", ["REST APIs"]),
        ("sketch out ideas", []),
        ("Figma and Sketch", ["Figma", "Sketch"]),
        ("a swift response", []),
        ("Swift and SwiftUI", ["Swift", "SwiftUI"]),
    ],
)
def test_extract(taxonomy: Taxonomy, text: str, expected: list[str]) -> None:
    assert taxonomy.extract(text) == expected


def test_mentions_have_correct_offsets(taxonomy: Taxonomy) -> None:
    text = "Senior dev: React Native,  C/C++ and\nGolang; k8s on AWS (R&D team), Postgres.  Node   js too."
    mentions = taxonomy.find(text)
    assert [(m.skill, m.matched) for m in mentions] == [
        ("React Native", "React Native"),
        ("C", "C"),
        ("C++", "C++"),
        ("Go", "Golang"),
        ("Kubernetes", "k8s"),
        ("AWS", "AWS"),
        ("PostgreSQL", "Postgres"),
        ("Node.js", "Node   js"),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.matched
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_mentions_never_overlap(taxonomy: Taxonomy) -> None:
    text = "Go-to-Market for Go services; C#/.NET, ASP.NET Core, PL/SQL and T-SQL; React Native/React."
    mentions = taxonomy.find(text)
    for first, second in zip(mentions, mentions[1:], strict=False):
        assert first.end <= second.start


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("React", "React"),
        ("react.js", "React"),
        ("  React   Native ", "React Native"),
        ("K8S", "Kubernetes"),
        ("postgres", "PostgreSQL"),
        ("Golang", "Go"),
        ("Go", "Go"),
        ("go", None),
        ("R", "R"),
        ("r", None),
        ("C#", "C#"),
        (".net core", ".NET"),
        ("vue js", "Vue.js"),
        ("Cobol", "COBOL"),
        ("Underwater Basket Weaving", None),
    ],
)
def test_canonical(taxonomy: Taxonomy, term: str, expected: str | None) -> None:
    assert taxonomy.canonical(term) == expected


def test_every_name_and_synonym_is_canonical_to_its_skill(taxonomy: Taxonomy) -> None:
    for skill in taxonomy.skills.values():
        for alias in (skill.name, *skill.synonyms):
            assert taxonomy.canonical(alias) == skill.name, alias


def test_every_name_and_synonym_is_found_alone(taxonomy: Taxonomy) -> None:
    for skill in taxonomy.skills.values():
        for alias in (skill.name, *skill.synonyms):
            assert taxonomy.extract(f"Skills: {alias}.") == [skill.name], alias


def test_no_synonym_means_two_skills() -> None:
    raw = yaml.safe_load(resources.files("contracts.skills").joinpath("vocabulary.yaml").read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = defaultdict(set)
    for entries in raw.values():
        for entry in entries:
            spec = {"name": entry} if isinstance(entry, str) else entry
            for alias in (spec["name"], *spec.get("synonyms", ())):
                owners[normalise_alias(str(alias))].add(spec["name"])
    shared = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_a_vocabulary_with_an_ambiguous_synonym_is_refused() -> None:
    with pytest.raises(ValueError, match="belongs to both"):
        Taxonomy.from_mapping(
            {"frontend": [{"name": "React", "synonyms": ["RN"]}, {"name": "React Native", "synonyms": ["rn"]}]}
        )


def test_a_skill_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        Taxonomy.from_mapping({"languages": ["Python"], "data_ml": ["Python"]})


def test_every_skill_has_a_category(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.skills) > 250
    for name, skill in taxonomy.skills.items():
        assert skill.category, name
        assert taxonomy.category_of(name) == skill.category
    assert taxonomy.category_of("Kubernetes") == "cloud_devops"
    assert taxonomy.category_of("Not A Skill") is None
