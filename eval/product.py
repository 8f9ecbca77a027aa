"""The product's ranking pipeline run in-process: the same pure functions the services run, without transport.

A resume goes ingest's way (type by magic bytes, extract, parse, build the `ResumeParsed` payload); a
job goes the jobs service's way (analyse, build the `JobAnalyzed` payload); the matcher embeds the
payloads' texts and scores each pair. Every step is one function here, so when a service changes how
it does a step, this module is the one place the evaluation follows it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
import numpy.typing as npt

from contracts.events.ingest import ResumeParsedPayload
from contracts.events.jobs import JobAnalyzedPayload
from services.ingest.domain.filetypes import FileRejected, sniff_content_type
from services.ingest.extraction import ExtractedDocument, ExtractionFailed, extract_document
from services.ingest.parsing import ParsedResume, parse_document, resume_parsed_payload
from services.ingest.settings import IngestSettings
from services.jobs import postings
from services.jobs.domain import jd_analysis
from services.matcher import matching
from services.matcher.domain import scoring

# "Present" in a resume means this day: the labelled set's months were counted to it.
TODAY = date(2026, 12, 1)
# The services need ids; the set's ids are strings, mapped to stable UUIDs under this namespace.
_NAMESPACE = uuid.UUID("6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b")
_RECRUITER = uuid.uuid5(_NAMESPACE, "eval-recruiter")


@cache
def ingest_settings() -> IngestSettings:
    """The ingest settings the service runs with by default (limits, embedding-text cap)."""
    return IngestSettings()


def stable_uuid(kind: str, key: str) -> uuid.UUID:
    """A UUID that is the same on every run for one document of the set."""
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")


@dataclass(frozen=True)
class ProductResume:
    """What ingest made of one file: the parse and its payload, or why it failed."""

    resume_id: str
    text: str
    parsed: ParsedResume | None
    payload: ResumeParsedPayload | None
    failure: str | None = None


def content_type(data: bytes) -> str:
    """The type ingest gives an upload, from its bytes (raises `FileRejected`)."""
    return sniff_content_type(data)


def extract(data: bytes, kind: str) -> ExtractedDocument:
    """Ingest's text extraction (in-process: the service runs the same function in a sandboxed child)."""
    settings = ingest_settings()
    return extract_document(data, kind, max_pages=settings.max_pages, max_text_chars=settings.max_text_chars)


def parse(document: ExtractedDocument) -> ParsedResume:
    """Ingest's deterministic parse (the optional LLM enhancer is off, as it is without a provider)."""
    return parse_document(document, settings=ingest_settings(), today=TODAY)


def resume_payload(parsed: ParsedResume, *, resume_id: str) -> ResumeParsedPayload:
    """The `ResumeParsed` payload ingest publishes for a parse (a candidate's own resume)."""
    resume_uuid = stable_uuid("resume", resume_id)
    return resume_parsed_payload(
        resume_id=resume_uuid, uploaded_by=resume_uuid, candidate_id=resume_uuid, parsed=parsed
    )


def read_resume(data: bytes, *, resume_id: str) -> ProductResume:
    """One file through ingest: typed, extracted, parsed, described; a bad file is an outcome, not an error."""
    try:
        document = extract(data, content_type(data))
    except (ExtractionFailed, FileRejected) as exc:
        return ProductResume(resume_id=resume_id, text="", parsed=None, payload=None, failure=type(exc).__name__)
    parsed = parse(document)
    return ProductResume(
        resume_id=resume_id, text=document.text, parsed=parsed, payload=resume_payload(parsed, resume_id=resume_id)
    )


def analyse_job(title: str, description: str) -> jd_analysis.JobRequirements:
    """The jobs service's analysis of a posting."""
    return jd_analysis.analyse_job(title, description)


def job_payload(*, job_id: str, title: str, description: str) -> JobAnalyzedPayload:
    """The `JobAnalyzed` payload the jobs service publishes for a freshly analysed posting."""
    requirements = analyse_job(title, description)
    return postings.job_analyzed_payload(
        job_id=stable_uuid("job", job_id),
        recruiter_id=_RECRUITER,
        title=title,
        description=description,
        requirements=requirements,
        seniority=requirements.seniority,
    )


def resume_text(payload: ResumeParsedPayload) -> str:
    """What the matcher embeds for a resume."""
    return matching.resume_text(payload)


def job_text(payload: JobAnalyzedPayload) -> str:
    """What the matcher embeds for a job."""
    return matching.job_text(payload)


def job_requirements(payload: JobAnalyzedPayload) -> scoring.JobRequirements:
    """The scorer's view of a job."""
    return scoring.job_from_payload(payload)


def candidate_profile(payload: ResumeParsedPayload) -> scoring.CandidateProfile:
    """The scorer's view of a resume."""
    return scoring.candidate_from_payload(payload)


def similarity(job_vector: npt.ArrayLike, resume_vector: npt.ArrayLike) -> float:
    """The cosine similarity the matcher computes (both vectors are unit length)."""
    return float(np.dot(np.asarray(job_vector, dtype=np.float64), np.asarray(resume_vector, dtype=np.float64)))


def score(
    job: scoring.JobRequirements, candidate: scoring.CandidateProfile, *, semantic_similarity: float
) -> scoring.MatchScore:
    """The matcher's score of one pair (convert each document once with `job_requirements`/`candidate_profile`)."""
    return scoring.score_match(job, candidate, semantic_similarity=semantic_similarity)
