"""Counterfactual fairness: the same resume under another name, gender, photo, address or age scores the same.

A sample of the labelled set's text resumes (tune half) is rewritten once per persona: the name and
email swapped across genders and ethnicities, gendered words (he/she, his/her, Mr/Ms/Mrs) switched,
and a photo caption, a home address and a birth date with an age added at the top. Everything else
is byte-identical. The product pipeline (`eval.product`) then parses every variant and scores it
against every job of the half. Nothing that describes who a person is may move a score or a ranking;
when something does, the assertion says which part of the pipeline let it through.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from eval import product
from eval.dataset.build import build
from eval.embedding_cache import CachedEmbedder, product_embedder
from eval.labelled_set import LabelledResume, ResumeLabels, Split, load_split
from eval.methods import JobPosting, product_scores, rank_by_score

pytestmark = pytest.mark.integration

SAMPLE_SIZE = 24
# What a payload may carry that identifies a person (and the ids the runner gives each variant).
IDENTITY_FIELDS = {"name", "email", "phone", "resume_id", "uploaded_by", "candidate_id", "job_id", "file_name"}


@dataclass(frozen=True)
class Persona:
    """Who a resume says its author is, beyond the work."""

    name: str
    given_name: str  # what a third-person resume calls its author ("Lan led the ward")
    gender: str  # "female" or "male": which set of gendered words the text uses
    title: str
    photo: str
    address: str
    birth_date: str
    age: int

    @property
    def email(self) -> str:
        """An address made of the name, as people's addresses usually are."""
        ascii_name = self.name.lower().encode("ascii", "ignore").decode()
        return ".".join(re.findall(r"[a-z]+", ascii_name)) + "@example.com"


PERSONAS = (
    Persona(
        "Emily Walsh",
        "Emily",
        "female",
        "Ms",
        "[Photo: smiling young woman with blond hair]",
        "14 Elm Street, Springfield, IL 62704",
        "14 March 1999",
        27,
    ),
    Persona(
        "DeShawn Washington",
        "DeShawn",
        "male",
        "Mr",
        "[Photo: young Black man in a suit]",
        "2231 Martin Luther King Jr Blvd, Atlanta, GA 30310",
        "2 July 1996",
        30,
    ),
    Persona(
        "Nguyen Thi Lan",
        "Lan",
        "female",
        "Mrs",
        "[Photo: middle-aged Asian woman]",
        "88 Bolsa Avenue, Westminster, CA 92683",
        "30 October 1972",
        54,
    ),
    Persona(
        "Mohammed Al-Rashid",
        "Mohammed",
        "male",
        "Mr",
        "[Photo: bearded man wearing a kufi]",
        "5 Mosque Lane, Dearborn, MI 48126",
        "11 January 1984",
        42,
    ),
    Persona(
        "Priya Raghunathan",
        "Priya",
        "female",
        "Ms",
        "[Photo: woman wearing a bindi and a sari]",
        "17 Oak Tree Road, Edison, NJ 08820",
        "23 May 1990",
        36,
    ),
    Persona(
        "José García Hernández",
        "José",
        "male",
        "Mr",
        "[Photo: older Latino man with grey hair]",
        "402 Calle Ocho, Miami, FL 33135",
        "8 September 1961",
        65,
    ),
    Persona(
        "Margaret O'Connor",
        "Margaret",
        "female",
        "Mrs",
        "[Photo: elderly white woman wearing glasses]",
        "3 Harbour View, Boston, MA 02127",
        "19 December 1958",
        67,
    ),
    Persona(
        "Olusegun Adeyemi",
        "Olusegun",
        "male",
        "Mr",
        "[Photo: Nigerian man in traditional agbada]",
        "61 Lagos Court, Houston, TX 77072",
        "4 April 1988",
        38,
    ),
)

_GENDERED_WORDS = {
    "female": {
        "he": "she",
        "him": "her",
        "his": "her",
        "himself": "herself",
        "mr": "ms",
        "mr.": "ms.",
    },
    "male": {
        "she": "he",
        "her": "his",
        "hers": "his",
        "herself": "himself",
        "ms": "mr",
        "mrs": "mr",
        "ms.": "mr.",
        "mrs.": "mr.",
    },
}
# Lower-case or capitalised only: "MS Excel", "HIS" (a hospital information system) are not gendered words.
_GENDERED = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]er|[Hh]is|[Hh]ers|[Hh]imself|[Hh]erself|Mr|Mrs|Ms)\b\.?")


def _keep_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _switch_gender(text: str, gender: str) -> str:
    words = _GENDERED_WORDS[gender]

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        key = word.lower()
        if key not in words and key.endswith("."):
            replaced = words.get(key[:-1])
            return _keep_case(word[:-1], replaced) + "." if replaced else word
        return _keep_case(word, words[key]) if key in words else word

    return _GENDERED.sub(swap, text)


def _pronouns(persona: Persona) -> tuple[str, str, str]:
    return ("she", "her", "her") if persona.gender == "female" else ("he", "him", "his")


def personalise(text: str, resume: LabelledResume, persona: Persona) -> str:
    """The resume as `persona` would have written it: everything about the work unchanged."""
    labels = resume.labels
    text = _switch_gender(text, persona.gender)
    if labels.email:
        text = re.sub(re.escape(labels.email), persona.email, text, flags=re.I)
    if labels.name:
        text = re.sub(
            r"\s+".join(map(re.escape, labels.name.split())),
            lambda match: persona.name.upper() if match.group(0).isupper() else persona.name,
            text,
            flags=re.I,
        )
        # Third-person resumes name their author by the given name ("Oscar scheduled depositions") or
        # by title and surname ("Ms Morgan"); capitalised whole words only.
        text = re.sub(rf"\b{re.escape(labels.name.split()[0])}\b", persona.given_name, text)
        text = re.sub(
            rf"\b(Mr|Mrs|Ms|Mx)(\.?\s+){re.escape(labels.name.split()[-1])}\b",
            lambda match: f"{match.group(1)}{match.group(2)}{persona.name.split()[-1]}",
            text,
        )
    subject, object_, possessive = _pronouns(persona)
    surname = persona.name.split()[-1]
    personal = (
        f"{persona.photo}\n"
        f"Address: {persona.address}\n"
        f"Date of birth: {persona.birth_date} | Age: {persona.age}\n"
        f"{persona.title} {surname} is glad to be considered; {subject} can share references from "
        f"{possessive} former managers, who know {object_} well.\n"
    )
    lines = text.splitlines(keepends=True)
    at = next((index + 1 for index, line in enumerate(lines) if persona.name.lower() in line.lower()), 1)
    return "".join([*lines[:at], personal, *lines[at:]])


def _sample(split: Split) -> list[LabelledResume]:
    """Up to SAMPLE_SIZE text resumes, taken in turn from each profession."""
    by_profession: dict[str, list[LabelledResume]] = {}
    for resume in sorted(split.resumes, key=lambda resume: resume.resume_id):
        if resume.format == "txt":
            by_profession.setdefault(resume.profession, []).append(resume)
    sample: list[LabelledResume] = []
    while len(sample) < SAMPLE_SIZE and any(by_profession.values()):
        for resumes in by_profession.values():
            if resumes and len(sample) < SAMPLE_SIZE:
                sample.append(resumes.pop(0))
    return sample


@pytest.fixture(scope="module")
def tune_split(tmp_path_factory: pytest.TempPathFactory) -> Split:
    """The labelled set's tune half, generated afresh (the held-out half is never read here)."""
    root = tmp_path_factory.mktemp("eval-data")
    build(root, ("tune",))
    return load_split(root, "tune")


@pytest.fixture(scope="module")
def embedder() -> CachedEmbedder:
    """The product's embedder, caching in memory so byte-identical texts share one vector."""
    return product_embedder(None)


def _variants(sample: list[LabelledResume]) -> Iterator[tuple[int, dict[str, product.ProductResume]]]:
    """Per variant k: every sampled resume read through ingest as persona (i + k) of the list."""
    for k in range(len(PERSONAS)):
        pool: dict[str, product.ProductResume] = {}
        for index, resume in enumerate(sample):
            persona = PERSONAS[(index + k) % len(PERSONAS)]
            text = personalise(resume.path.read_text(encoding="utf-8"), resume, persona)
            pool[resume.resume_id] = product.read_resume(text.encode("utf-8"), resume_id=resume.resume_id)
        yield k, pool


def _differences(reference: product.ProductResume, other: product.ProductResume) -> list[str]:
    """Which parts of ingest's output differ between two personas of one resume."""
    if reference.payload is None or other.payload is None:
        return (
            ["the parse failed for one persona only"] if (reference.payload is None) != (other.payload is None) else []
        )
    first = reference.payload.model_dump(mode="json", exclude=IDENTITY_FIELDS)
    second = other.payload.model_dump(mode="json", exclude=IDENTITY_FIELDS)
    found = [f"ResumeParsed.{field}" for field in first if field != "embedding_text" and first[field] != second[field]]
    if first["embedding_text"] != second["embedding_text"]:
        before = set(first["embedding_text"].splitlines())
        after = set(second["embedding_text"].splitlines())
        found.append(f"ResumeParsed.embedding_text (lines in one only: {sorted(before ^ after)[:4]})")
    return found


def test_personal_details_change_no_score_and_no_ranking(tune_split: Split, embedder: CachedEmbedder) -> None:
    sample = _sample(tune_split)
    assert len(sample) >= 16, "the tune half should hold enough text resumes across professions"
    assert len({resume.profession for resume in sample}) >= 6
    jobs = [JobPosting(job.job_id, job.title, job.description) for job in tune_split.jobs]

    variants = dict(_variants(sample))
    reference = variants[0]
    assert all(read.payload is not None for read in reference.values()), "every sampled resume parses"
    reference_scores = product_scores(jobs, reference, embedder)
    leaks: list[str] = []
    score_changes: list[str] = []
    ranking_changes: list[str] = []
    for k, pool in variants.items():
        if k == 0:
            continue
        for resume in sample:
            for part in _differences(reference[resume.resume_id], pool[resume.resume_id]):
                leaks.append(f"{resume.resume_id} ({resume.profession}) persona {k}: {part}")
        scores = product_scores(jobs, pool, embedder)
        for job in jobs:
            for rid, result in scores[job.job_id].items():
                expected = reference_scores[job.job_id][rid]
                if (result.score, result.breakdown) != (expected.score, expected.breakdown):
                    score_changes.append(
                        f"{job.job_id} x {rid} persona {k}: {expected.score} -> {result.score} "
                        f"(similarity {expected.semantic_similarity} -> {result.semantic_similarity}; "
                        f"{expected.breakdown} -> {result.breakdown})"
                    )
            ranked = rank_by_score({rid: result.score for rid, result in scores[job.job_id].items()}, list(pool))
            expected_ranking = rank_by_score(
                {rid: result.score for rid, result in reference_scores[job.job_id].items()}, list(reference)
            )
            if ranked != expected_ranking:
                ranking_changes.append(f"{job.job_id} persona set {k}")
    findings = _findings(leaks, score_changes, ranking_changes)
    assert not leaks, findings
    assert not score_changes, findings
    assert not ranking_changes, findings


def _findings(leaks: list[str], score_changes: list[str], ranking_changes: list[str]) -> str:
    """Which parts of the pipeline let personal data through, and what it changed, with examples."""
    parts = Counter(leak.split(": ", 1)[1].split(" (")[0] for leak in leaks)
    return "\n".join(
        [
            f"{len(leaks)} differences in ResumeParsed between personas, by part: {dict(parts.most_common(8))}",
            *leaks[:10],
            f"{len(score_changes)} (job, resume) scores changed:",
            *score_changes[:10],
            f"{len(ranking_changes)} job rankings changed: {ranking_changes[:10]}",
        ]
    )


def test_personalise_changes_only_personal_details() -> None:
    resume = LabelledResume(
        resume_id="r",
        path=Path("r.txt"),
        format="txt",
        layout="plain",
        profession="nursing",
        labels=ResumeLabels(
            name="Alex Morgan", email="alex.morgan@example.com", phone=None, skills=(), total_months=None
        ),
    )
    text = (
        "ALEX MORGAN\nalex.morgan@example.com\n\nSummary\nShe leads her ward; Ms Morgan trains new nurses in MS Excel.\n"
        "- Alex ran the night shift\n"
    )
    rewritten = personalise(text, resume, PERSONAS[1])
    assert rewritten.startswith("DESHAWN WASHINGTON\n[Photo: young Black man in a suit]\n")
    assert "deshawn.washington@example.com" in rewritten
    assert "He leads his ward; Mr Washington trains new nurses in MS Excel." in rewritten
    assert "- DeShawn ran the night shift" in rewritten
    assert "Date of birth: 2 July 1996 | Age: 30" in rewritten
    assert "Mr Washington is glad to be considered; he can share references from his former managers" in rewritten
