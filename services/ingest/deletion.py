"""Deleting one resume at its owner's (or an admin's) request: the row, its applications, and the file
when no other resume refers to it; announced as `ResumeDeleted`."""

from __future__ import annotations

import asyncio
import uuid

from contracts.events import ResumeDeleted
from contracts.events.ingest import ResumeDeletedPayload
from services.ingest import job_access
from services.ingest.repository import JobAccessRepository, ResumeRepository
from services.ingest.uploads import IngestRuntime
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.logs import get_logger

log = get_logger(__name__)


async def delete_resume(rt: IngestRuntime, principal: Principal, resume_id: uuid.UUID) -> None:
    """Delete a resume the caller owns (or any, for an admin); 404 if they cannot see it, 403 if they only may read it."""
    async with rt.transaction() as session:
        resume = await job_access.readable_resume(session, principal, resume_id)
        if not (principal.is_admin or principal.user_id in (resume.uploaded_by, resume.candidate_id)):
            raise ApiError(403, "only the resume's owner or an admin may delete it", code="not_resume_owner")
        repo = ResumeRepository(session)
        # The same lock uploads take: nobody can start reusing this file while we decide to remove it.
        await repo.lock_digests([resume.sha256])
        deleted = await repo.delete(resume_id)
        if deleted is None:
            raise ApiError(404, "no such resume", code="resume_not_found")  # deleted by a concurrent request
        await JobAccessRepository(session).forget_applications_of([resume_id])
        payload = ResumeDeletedPayload(
            resume_id=deleted.id,
            uploaded_by=deleted.uploaded_by,
            candidate_id=deleted.candidate_id,
            job_id=deleted.job_id,
        )
        await rt.emit(session, rt.new_event(ResumeDeleted, payload, actor=principal))
        # Inside the transaction, like user erasure: a failed commit leaves a row without a file (deleting
        # it again finishes the job) rather than a file nobody can reach or delete.
        removed = await repo.count_with_digest(resume.sha256) == 0 and await asyncio.to_thread(
            rt.resources.store.delete, resume.sha256
        )
    log.info("ingest.resume_deleted", resume_id=str(resume_id), file_removed=removed)
