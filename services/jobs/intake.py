"""What other services tell jobs: parsed resumes become profiles (a recruiter's upload to a job also an
application), and match scores are kept for ranking. Both are idempotent upserts by natural key."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from contracts.envelope import Event
from contracts.events import ApplicationSubmitted, MatchComputed, ResumeParsed
from contracts.events.jobs import ApplicationSubmittedPayload
from services.jobs.repository import (
    ApplicationRepository,
    ForgottenRepository,
    JobRepository,
    MatchScoreRepository,
    ProfileRepository,
)
from talentkit.bus import HandlerContext
from talentkit.logs import get_logger

log = get_logger(__name__)

# A recruiter may still add resumes while the job is being analysed; a closed job takes no more.
_ACCEPTING = ("analyzing", "open")


async def record_parsed_resume(ctx: HandlerContext, event: ResumeParsed) -> None:
    """Keep the parsed profile; when the job's own recruiter uploaded it for that job, it applies there.

    Not for a resume, uploader or candidate deleted already: the deletion may overtake the parse.
    """
    p = event.payload
    forgotten = ForgottenRepository(ctx.session)
    await forgotten.lock([p.resume_id, p.uploaded_by, p.candidate_id])
    if await forgotten.forgotten_resumes([p.resume_id]) or await forgotten.forgotten_users(
        [p.uploaded_by, p.candidate_id]
    ):
        log.info("jobs.parse_of_deleted_resume_ignored", resume_id=str(p.resume_id))
        return
    await ProfileRepository(ctx.session).upsert(
        {
            "resume_id": p.resume_id,
            "uploaded_by": p.uploaded_by,
            "candidate_id": p.candidate_id,
            "job_id": p.job_id,
            "name": (p.name or "")[:200] or None,
            "email": (p.email or "")[:320] or None,
            "skills": list(p.skills),
            "total_experience_months": p.total_experience_months,
            "file_name": (p.file_name or "")[:255] or None,
            "parsed_at": event.occurred_at,
        }
    )
    if p.job_id is None:
        return
    job = await JobRepository(ctx.session).get(p.job_id)
    if job is None or job.status not in _ACCEPTING:
        log.info("jobs.upload_not_for_an_open_job", resume_id=str(p.resume_id), job_id=str(p.job_id))
        return
    # The event carries no role, so only the job's own recruiter is recognised; an admin's upload
    # for someone else's job stays a profile without an application.
    if job.recruiter_id != p.uploaded_by:
        log.info("jobs.upload_not_by_job_owner", resume_id=str(p.resume_id), job_id=str(p.job_id))
        return
    application_id = await ApplicationRepository(ctx.session).add_if_absent(
        {
            "id": uuid.uuid4(),
            "job_id": job.id,
            "resume_id": p.resume_id,
            "candidate_id": p.candidate_id,
            "source": "recruiter_upload",
            "status": "submitted",
        }
    )
    if application_id is None:
        return  # this resume already applied to this job (a re-parse, or another copy of the event)
    payload = ApplicationSubmittedPayload(
        application_id=application_id,
        job_id=job.id,
        resume_id=p.resume_id,
        candidate_id=p.candidate_id,
        source="recruiter_upload",
    )
    await ctx.emit(ctx.new_event(ApplicationSubmitted, payload))


async def record_match_scores(ctx: HandlerContext, events: Sequence[Event]) -> None:
    """Keep the newest score of each (job, resume) for this service's jobs, whether or not it has applied yet."""
    latest: dict[tuple[uuid.UUID, uuid.UUID], MatchComputed] = {}
    for event in events:
        assert isinstance(event, MatchComputed)
        key = (event.payload.job_id, event.payload.resume_id)
        if key not in latest or latest[key].occurred_at <= event.occurred_at:
            latest[key] = event
    known_jobs = await JobRepository(ctx.session).existing_ids(list({job_id for job_id, _ in latest}))
    # A score computed before its resume (or candidate) was deleted may arrive after the deletion.
    forgotten = ForgottenRepository(ctx.session)
    deleted = await forgotten.forgotten_resumes(list({resume_id for _, resume_id in latest}))
    deleted_users = await forgotten.forgotten_users({event.payload.candidate_id for event in latest.values()})
    scores = MatchScoreRepository(ctx.session)
    for (job_id, resume_id), event in latest.items():
        if job_id not in known_jobs:
            continue  # a job this service never had (or has forgotten): nothing to rank it in
        if resume_id in deleted or event.payload.candidate_id in deleted_users:
            continue
        p = event.payload
        await scores.upsert(
            {
                "job_id": job_id,
                "resume_id": resume_id,
                "score": p.score,
                "breakdown": dict(p.breakdown),
                "matched_skills": list(p.matched_skills),
                "missing_skills": list(p.missing_skills),
                "semantic_similarity": p.semantic_similarity,
                "scoring_version": p.scoring_version[:50],
                "matched": [skill.model_dump(mode="json") for skill in p.matched],
                "factors": dict(p.factors),
                "gates": list(p.gates),
                "explanation": p.explanation.model_dump(mode="json") if p.explanation is not None else None,
                "computed_at": event.occurred_at,
            }
        )
