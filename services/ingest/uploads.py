"""The upload use case: check the file, store it by content, record the resume and announce it."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from contracts.events import ResumeUploaded
from contracts.events.ingest import ResumeContentType, ResumeUploadedPayload
from services.ingest.domain.filetypes import (
    ArchiveLimits,
    EmptyFile,
    FileRejected,
    SuspiciousArchive,
    UnsupportedFileType,
    sniff_content_type,
)
from services.ingest.models import Resume
from services.ingest.repository import ResumeRepository
from services.ingest.settings import IngestSettings
from services.ingest.storage import FileStore, sha256_of
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

_REJECTION_STATUS: dict[type[FileRejected], int] = {
    EmptyFile: 422,
    UnsupportedFileType: 415,
    SuspiciousArchive: 422,
}


@dataclass(frozen=True)
class UploadOutcome:
    """The resume an upload produced, and whether it was already there."""

    resume: Resume
    duplicate: bool


def _inspect(data: bytes, limits: ArchiveLimits) -> tuple[ResumeContentType, str]:
    return sniff_content_type(data, limits), sha256_of(data)


async def upload_resume(
    rt: Runtime[IngestSettings, FileStore], *, principal: Principal, data: bytes, job_id: uuid.UUID | None
) -> UploadOutcome:
    """Store an uploaded resume and queue it for parsing; the existing resume for a repeated upload."""
    if job_id is not None and principal.role == "candidate":
        # Attaching a resume to a job is a recruiter's act; candidates apply through the jobs service.
        raise ApiError(403, "only recruiters and admins may attach a resume to a job", code="job_id_not_allowed")
    settings = rt.settings
    limits = ArchiveLimits(max_uncompressed_bytes=settings.max_archive_bytes, max_entries=settings.max_archive_entries)
    try:
        content_type, sha256 = await asyncio.to_thread(_inspect, data, limits)
    except FileRejected as exc:
        raise ApiError(_REJECTION_STATUS.get(type(exc), 422), exc.message, code=exc.code) from exc
    try:
        return await _record(
            rt, principal=principal, data=data, job_id=job_id, content_type=content_type, sha256=sha256
        )
    except IntegrityError:
        # Two identical uploads raced past the duplicate check; the other one won.
        async with rt.transaction() as session:
            existing = await ResumeRepository(session).find_upload(
                sha256=sha256, uploaded_by=principal.user_id, job_id=job_id
            )
        if existing is None:
            raise
        return UploadOutcome(existing, duplicate=True)


async def _record(
    rt: Runtime[IngestSettings, FileStore],
    *,
    principal: Principal,
    data: bytes,
    job_id: uuid.UUID | None,
    content_type: ResumeContentType,
    sha256: str,
) -> UploadOutcome:
    async with rt.transaction() as session:
        repo = ResumeRepository(session)
        # Held until commit: a user erasure cannot delete this file between our write and our row.
        await repo.lock_digests([sha256])
        existing = await repo.find_upload(sha256=sha256, uploaded_by=principal.user_id, job_id=job_id)
        if existing is not None:
            return UploadOutcome(existing, duplicate=True)
        await asyncio.to_thread(rt.resources.save, data)
        resume = await repo.add(
            Resume(
                id=uuid.uuid4(),
                uploaded_by=principal.user_id,
                uploader_role=principal.role,
                candidate_id=principal.user_id if principal.role == "candidate" else None,
                job_id=job_id,
                sha256=sha256,
                content_type=content_type,
                size_bytes=len(data),
                status="pending",
            )
        )
        await rt.emit(session, rt.new_event(ResumeUploaded, _uploaded_payload(resume, content_type), actor=principal))
    log.info("ingest.resume_uploaded", resume_id=str(resume.id), content_type=content_type, size_bytes=len(data))
    return UploadOutcome(resume, duplicate=False)


def _uploaded_payload(resume: Resume, content_type: ResumeContentType) -> ResumeUploadedPayload:
    return ResumeUploadedPayload(
        resume_id=resume.id,
        uploaded_by=resume.uploaded_by,
        uploader_role=resume.uploader_role,
        candidate_id=resume.candidate_id,
        job_id=resume.job_id,
        sha256=resume.sha256,
        content_type=content_type,
        size_bytes=resume.size_bytes,
    )
