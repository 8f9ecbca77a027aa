"""Matching use cases: index parsed resumes and analysed jobs, then score them against each other.

Both directions have the same steps: embed the batch in one forward pass, upsert the vectors
(PostgreSQL in the handler's transaction, then Qdrant), recall the nearest documents of the other
kind, add the pairs that must always be scored, score each pair with the pure scoring function,
store the scores and emit one `MatchComputed` per pair through the outbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from contracts.envelope import Event
from contracts.events import MatchComputed
from contracts.events.ingest import ResumeParsedPayload
from contracts.events.jobs import JobAnalyzedPayload
from contracts.events.matcher import MatchComputedPayload, MatchedSkill, MatchExplanation
from services.matcher.domain.profiles import (
    CandidateProfile,
    JobRequirements,
    as_json,
    candidate_from_json,
    candidate_from_payload,
    job_from_json,
    job_from_payload,
)
from services.matcher.domain.scoring import MatchScore, score_match
from services.matcher.domain.weights import ScoringWeights
from services.matcher.models import JobVector, ResumeVector
from services.matcher.recall_index import JOBS, RESUMES, job_point, resume_point
from services.matcher.repository import (
    ErasureRepository,
    JobVectorRepository,
    MatchScoreRepository,
    ResumeVectorRepository,
    serialize_matching,
)
from services.matcher.resources import MatcherResources
from services.matcher.settings import MatcherSettings
from talentkit.bus import HandlerContext
from talentkit.logs import get_logger

log = get_logger(__name__)


def resume_text(payload: ResumeParsedPayload) -> str:
    """What is embedded for a resume: the parser's summary, or its skills when it gave none."""
    return payload.embedding_text.strip() or " ".join(payload.skills)


def job_text(payload: JobAnalyzedPayload) -> str:
    """What is embedded for a job: the analyser's summary, or its title and skills when it gave none."""
    return payload.embedding_text.strip() or " ".join(
        [payload.title, *payload.required_skills, *payload.preferred_skills]
    )


def _latest_per_key(events: Sequence[Event], key: str) -> list[Event]:
    """One event per document: a batch may carry two events about one document; the one that occurred last wins."""
    latest: dict[Any, Event] = {}
    for event in events:
        document = getattr(event.payload, key)
        if document not in latest or latest[document].occurred_at <= event.occurred_at:
            latest[document] = event
    return list(latest.values())


def _caused_by(ctx: HandlerContext, cause: Event, payload: MatchComputedPayload) -> MatchComputed:
    """A `MatchComputed` in the flow of the event that led to it (batches have no single cause)."""
    return MatchComputed.build(
        payload,
        producer=ctx.service,
        actor_id=cause.actor_id,
        correlation_id=cause.correlation_id,
        causation_id=cause.event_id,
    )


def stored_requirements(job: JobVector) -> JobRequirements:
    """What scoring reads of a stored job (jobs indexed before requirements were recorded: their columns)."""
    if job.requirements:
        return job_from_json(job.requirements)
    return JobRequirements(
        required_skills=job.required_skills,
        preferred_skills=job.preferred_skills,
        min_years_experience=job.min_years_experience,
        title=job.title,
    )


def stored_profile(resume: ResumeVector) -> CandidateProfile:
    """What scoring reads of a stored resume (resumes indexed before evidence was recorded: their columns)."""
    if resume.profile:
        return candidate_from_json(resume.profile)
    return CandidateProfile(skills=resume.skills, total_experience_months=resume.total_experience_months)


def _score_pair(job: JobVector, resume: ResumeVector, similarity: float, weights: ScoringWeights) -> MatchScore:
    return score_match(
        stored_requirements(job), stored_profile(resume), semantic_similarity=similarity, weights=weights
    )


def score_payload(result: MatchScore) -> dict[str, Any]:
    """The parts of a score `MatchComputed` and the score table share."""
    required = {skill.casefold() for skill in result.required}
    matched = [
        MatchedSkill(
            skill=match.skill,
            required=match.skill.casefold() in required,
            used=match.used,
            months=match.months,
            evidence=match.evidence[:300],
        )
        for match in result.matched
    ]
    details = result.details
    explanation = (
        MatchExplanation(
            summary=details.summary,
            strengths=details.strengths,
            gaps=details.gaps,
            recommendations=details.recommendations,
        )
        if details is not None
        else None
    )
    return {
        "score": result.score,
        "breakdown": result.breakdown,
        "matched_skills": result.matched_skills,
        "missing_skills": result.missing_skills,
        "semantic_similarity": result.semantic_similarity,
        "scoring_version": result.scoring_version,
        "factors": result.factors,
        "gates": result.gates,
        "matched": matched,
        "explanation": explanation,
    }


def _similarity(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    # Both vectors are unit length, so the dot product is the cosine similarity.
    return float(np.dot(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)))


async def _store_and_emit(
    ctx: HandlerContext,
    pairs: Sequence[tuple[JobVector, ResumeVector, Event]],
) -> None:
    """Score each (job, resume) pair, upsert the scores and emit one `MatchComputed` per pair."""
    weights: ScoringWeights = ctx.state.resources.weights
    rows: list[dict[str, Any]] = []
    events: list[MatchComputed] = []
    for job, resume, cause in pairs:
        result = _score_pair(job, resume, _similarity(job.embedding, resume.embedding), weights)
        shared = score_payload(result)
        explanation: MatchExplanation | None = shared["explanation"]
        rows.append(
            {
                **shared,
                "job_id": job.job_id,
                "resume_id": resume.resume_id,
                "explanation": result.explanation,
                "matched": [skill.model_dump() for skill in shared["matched"]],
                "details": explanation.model_dump() if explanation is not None else {},
            }
        )
        payload = MatchComputedPayload(
            job_id=job.job_id, resume_id=resume.resume_id, candidate_id=resume.candidate_id, **shared
        )
        events.append(_caused_by(ctx, cause, payload))
    await MatchScoreRepository(ctx.session).upsert(rows)
    await ctx.emit(*events)


async def match_parsed_resumes(ctx: HandlerContext, events: Sequence[Event]) -> None:
    """Index a batch of `ResumeParsed` and score each resume against its nearest open jobs."""
    settings: MatcherSettings = ctx.state.settings
    resources: MatcherResources = ctx.state.resources
    batch = _latest_per_key(events, "resume_id")
    payloads: list[ResumeParsedPayload] = [event.payload for event in batch]
    vectors = await resources.embedder.embed([resume_text(payload) for payload in payloads])

    await serialize_matching(ctx.session)
    # Under the lock erasures take: a resume (or its owner) deleted before its parse is handled stays gone.
    erasures = ErasureRepository(ctx.session)
    erased = await erasures.erased_resumes([payload.resume_id for payload in payloads])
    erased_users = await erasures.erased_users(
        user_id for payload in payloads for user_id in (payload.uploaded_by, payload.candidate_id)
    )
    kept = [
        row
        for row, payload in enumerate(payloads)
        if payload.resume_id not in erased and not {payload.uploaded_by, payload.candidate_id} & erased_users
    ]
    if len(kept) < len(payloads):
        log.info("matcher.erased_resumes_skipped", resumes=len(payloads) - len(kept))
        batch, payloads, vectors = [batch[row] for row in kept], [payloads[row] for row in kept], vectors[kept]
    if not payloads:
        return
    resumes = ResumeVectorRepository(ctx.session)
    await resumes.upsert(
        [
            {
                "resume_id": payload.resume_id,
                "candidate_id": payload.candidate_id,
                "uploaded_by": payload.uploaded_by,
                "job_id": payload.job_id,
                "skills": list(payload.skills),
                "total_experience_months": payload.total_experience_months,
                "profile": as_json(candidate_from_payload(payload)),
                "embedding": vector,
            }
            for payload, vector in zip(payloads, vectors, strict=True)
        ]
    )
    resume_ids = [payload.resume_id for payload in payloads]
    stored = await resumes.by_ids(resume_ids)
    await resources.index.upsert(RESUMES, [resume_point(row) for row in stored.values()])

    # Only candidates' own resumes look across the market; a recruiter's upload is scored against
    # the job it was uploaded for (and nothing else), so it never surfaces in another company's data.
    pool = [row for row, payload in enumerate(payloads) if payload.candidate_id is not None]
    pool_nearest = await resources.index.nearest(JOBS, vectors[pool], limit=settings.recall_k, where={"status": "open"})
    recalled: list[list[uuid.UUID]] = [[] for _ in payloads]
    for row, ids in zip(pool, pool_nearest, strict=True):
        recalled[row] = ids
    # Jobs already scored against a resume are scored again, so no stale score outlives a re-parse.
    already: dict[uuid.UUID, list[uuid.UUID]] = {}
    for job_id, resume_id in await MatchScoreRepository(ctx.session).pairs_for_resumes(resume_ids):
        already.setdefault(resume_id, []).append(job_id)
    wanted = {job_id for ids in recalled for job_id in ids}
    wanted |= {payload.job_id for payload in payloads if payload.job_id is not None}
    wanted |= {job_id for ids in already.values() for job_id in ids}
    jobs = await JobVectorRepository(ctx.session).by_ids(wanted)

    pairs: list[tuple[JobVector, ResumeVector, Event]] = []
    for event, payload, nearest in zip(batch, payloads, recalled, strict=True):
        resume = stored[payload.resume_id]
        job_ids = [job_id for job_id in nearest if job_id in jobs and jobs[job_id].status == "open"]
        job_ids += [
            job_id for job_id in already.get(payload.resume_id, ()) if job_id in jobs and jobs[job_id].status == "open"
        ]
        # The job a resume was uploaded for is always scored, open or not.
        if payload.job_id is not None and payload.job_id in jobs:
            job_ids.append(payload.job_id)
        pairs.extend((jobs[job_id], resume, event) for job_id in dict.fromkeys(job_ids))
    await _store_and_emit(ctx, pairs)
    log.info("matcher.resumes_matched", resumes=len(payloads), pairs=len(pairs))


def _is_stale(stored_at: datetime | None, event: Event) -> bool:
    """Whether a job's stored state comes from an event that occurred after `event`."""
    return stored_at is not None and stored_at > event.occurred_at


async def match_analyzed_jobs(ctx: HandlerContext, events: Sequence[Event]) -> None:
    """Index a batch of `JobAnalyzed` and score each job against its nearest resumes (if open) and its uploads."""
    settings: MatcherSettings = ctx.state.settings
    resources: MatcherResources = ctx.state.resources
    batch = _latest_per_key(events, "job_id")
    payloads: list[JobAnalyzedPayload] = [event.payload for event in batch]
    vectors = await resources.embedder.embed([job_text(payload) for payload in payloads])

    await serialize_matching(ctx.session)
    jobs = JobVectorRepository(ctx.session)
    # Under the lock: an event older than the one stored (a retry overtaken by the job's closing) and
    # a job of a recruiter deleted meanwhile change nothing.
    stored_at = await jobs.analyzed_at([payload.job_id for payload in payloads])
    erased_users = await ErasureRepository(ctx.session).erased_users(payload.recruiter_id for payload in payloads)
    kept = [
        row
        for row, (event, payload) in enumerate(zip(batch, payloads, strict=True))
        if payload.recruiter_id not in erased_users and not _is_stale(stored_at.get(payload.job_id), event)
    ]
    if len(kept) < len(payloads):
        log.info("matcher.stale_or_erased_jobs_skipped", jobs=len(payloads) - len(kept))
        batch, payloads, vectors = [batch[row] for row in kept], [payloads[row] for row in kept], vectors[kept]
    if not payloads:
        return
    await jobs.upsert(
        [
            {
                "job_id": payload.job_id,
                "recruiter_id": payload.recruiter_id,
                "title": payload.title[:300],
                "status": payload.status,
                "required_skills": list(payload.required_skills),
                "preferred_skills": list(payload.preferred_skills),
                "min_years_experience": payload.min_years_experience,
                "requirements": as_json(job_from_payload(payload)),
                "embedding": vector,
                "analyzed_at": event.occurred_at,
            }
            for event, payload, vector in zip(batch, payloads, vectors, strict=True)
        ]
    )
    job_ids = [payload.job_id for payload in payloads]
    stored = await jobs.by_ids(job_ids)
    await resources.index.upsert(JOBS, [job_point(row) for row in stored.values()])

    # Only open jobs recall resumes (and have their earlier pairs re-scored); every job, open or
    # closed, is scored against the resumes uploaded for it.
    open_rows = [row for row, payload in enumerate(payloads) if payload.status == "open"]
    nearest = await resources.index.nearest(RESUMES, vectors[open_rows], limit=settings.recall_k, where={"pool": True})
    recalled = {payloads[row].job_id: ids for row, ids in zip(open_rows, nearest, strict=True)}
    uploaded: dict[uuid.UUID, list[uuid.UUID]] = {}
    for job_id, resume_id in await ResumeVectorRepository(ctx.session).uploaded_for(job_ids):
        uploaded.setdefault(job_id, []).append(resume_id)
    already: dict[uuid.UUID, list[uuid.UUID]] = {}
    for job_id, resume_id in await MatchScoreRepository(ctx.session).pairs_for_jobs(list(recalled)):
        already.setdefault(job_id, []).append(resume_id)
    wanted = {resume_id for ids in (*recalled.values(), *uploaded.values(), *already.values()) for resume_id in ids}
    resumes = await ResumeVectorRepository(ctx.session).by_ids(wanted)

    pairs: list[tuple[JobVector, ResumeVector, Event]] = []
    for event, payload in zip(batch, payloads, strict=True):
        job_id = payload.job_id
        resume_ids = [*recalled.get(job_id, ()), *already.get(job_id, ()), *uploaded.get(job_id, ())]
        pairs.extend((stored[job_id], resumes[rid], event) for rid in dict.fromkeys(resume_ids) if rid in resumes)
    await _store_and_emit(ctx, pairs)
    log.info("matcher.jobs_matched", jobs=len(payloads), pairs=len(pairs))
