"""The upload use case: check the file, store it by content, record the resume and announce it.

A file whose identical bytes were parsed before is not parsed again: the new resume gets a copy of
that parse and is announced as uploaded and parsed at once. Only the parse result is reused; the
other resume (its uploader, job or id) is never revealed. A parse is reused only if the parser that
made it is the current one (`PARSER_VERSION`, kept in the summary): an older parse lacks what the
parser has learnt since (evidence, roles, licences), so the file is parsed again.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from contracts.events import ResumeParsed, ResumeUploaded
from contracts.events.ingest import ResumeContentType, ResumeParsedPayload, ResumeUploadedPayload
from services.ingest import job_access
from services.ingest.domain.filetypes import (
    ArchiveLimits,
    EmptyFile,
    FileRejected,
    SuspiciousArchive,
    UnsupportedFileType,
    sniff_content_type,
)
from services.ingest.domain.profile import PARSER_VERSION
from services.ingest.models import Resume
from services.ingest.repository import ResumeRepository
from services.ingest.resources import IngestResources
from services.ingest.settings import IngestSettings
from services.ingest.storage import FileStore, sha256_of
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

IngestRuntime = Runtime[IngestSettings, IngestResources]

REJECTION_STATUS: dict[type[FileRejected], int] = {
    EmptyFile: 422,
    UnsupportedFileType: 415,
    SuspiciousArchive: 422,
}
# The fields of `ResumeParsed` that describe the person's row, not the file: never copied between resumes.
_PER_RESUME_FIELDS = frozenset({"resume_id", "uploaded_by", "candidate_id", "job_id", "file_name"})
# Where a stored summary keeps the version of the parser that made it (absent: made before versions were kept).
PARSER_VERSION_KEY = "parser_version"


@dataclass(frozen=True)
class CheckedFile:
    """A file whose type and digest are known, and a way to put its bytes into the store."""

    sha256: str
    content_type: ResumeContentType
    size_bytes: int
    put: Callable[[], None]  # blocking: called in a thread, with the file's digest lock held
    file_name: str | None = None  # as the client named it, already made safe


@dataclass(frozen=True)
class UploadOutcome:
    """The resume an upload produced, whether it was already there, and whether an earlier parse was reused."""

    resume: Resume
    duplicate: bool
    reused_parse: bool = False


def archive_limits(settings: IngestSettings) -> ArchiveLimits:
    """The zip-bomb guard for DOCX files, from the settings."""
    return ArchiveLimits(max_uncompressed_bytes=settings.max_archive_bytes, max_entries=settings.max_archive_entries)


def _inspect(data: bytes, limits: ArchiveLimits) -> tuple[ResumeContentType, str]:
    return sniff_content_type(data, limits), sha256_of(data)


async def upload_resume(
    rt: IngestRuntime,
    *,
    principal: Principal,
    data: bytes,
    job_id: uuid.UUID | None,
    file_name: str | None = None,
) -> UploadOutcome:
    """Store an uploaded resume and queue it for parsing; the existing resume for a repeated upload."""
    if job_id is not None:
        if principal.role == "candidate":
            # Attaching a resume to a job is a recruiter's act; candidates apply through the jobs service.
            raise ApiError(403, "only recruiters and admins may attach a resume to a job", code="job_id_not_allowed")
        async with rt.transaction() as session:
            await job_access.require_job_of(session, principal, job_id)
    try:
        content_type, sha256 = await asyncio.to_thread(_inspect, data, archive_limits(rt.settings))
    except FileRejected as exc:
        raise ApiError(REJECTION_STATUS.get(type(exc), 422), exc.message, code=exc.code) from exc
    store = rt.resources.store
    checked = CheckedFile(
        sha256=sha256,
        content_type=content_type,
        size_bytes=len(data),
        put=lambda: _save(store, data),
        file_name=file_name,
    )
    return await record_upload(rt, principal=principal, job_id=job_id, file=checked)


def _save(store: FileStore, data: bytes) -> None:
    store.save(data)


async def record_upload(
    rt: IngestRuntime,
    *,
    principal: Principal,
    job_id: uuid.UUID | None,
    file: CheckedFile,
    resume_id: uuid.UUID | None = None,
) -> UploadOutcome:
    """Record a checked file as the caller's resume (for `job_id`), or find their earlier upload of it.

    `resume_id` lets a caller know the new resume's id before it is committed (to watch its events).
    """
    try:
        return await _record(rt, principal=principal, job_id=job_id, file=file, resume_id=resume_id or uuid.uuid4())
    except IntegrityError:
        # Two identical uploads raced past the duplicate check; the other one won.
        async with rt.transaction() as session:
            existing = await ResumeRepository(session).find_upload(
                sha256=file.sha256, uploaded_by=principal.user_id, job_id=job_id
            )
        if existing is None:
            raise
        return UploadOutcome(existing, duplicate=True)


async def _record(
    rt: IngestRuntime,
    *,
    principal: Principal,
    job_id: uuid.UUID | None,
    file: CheckedFile,
    resume_id: uuid.UUID,
) -> UploadOutcome:
    try:
        return await _record_stored(rt, principal=principal, job_id=job_id, file=file, resume_id=resume_id)
    except Exception:
        # The file may be in the store with no row to reach it, nor to erase it with its owner's data.
        await _drop_if_unreferenced(rt, file.sha256)
        raise


async def _drop_if_unreferenced(rt: IngestRuntime, sha256: str) -> None:
    """Remove the stored file with this digest if no resume refers to it (best effort: the database may be down)."""
    try:
        async with rt.transaction() as session:
            repo = ResumeRepository(session)
            await repo.lock_digests([sha256])
            if await repo.count_with_digest(sha256) == 0 and await asyncio.to_thread(rt.resources.store.delete, sha256):
                log.info("ingest.unrecorded_file_removed", sha256=sha256)
    except Exception:
        log.exception("ingest.unrecorded_file_left", sha256=sha256)


async def _record_stored(
    rt: IngestRuntime,
    *,
    principal: Principal,
    job_id: uuid.UUID | None,
    file: CheckedFile,
    resume_id: uuid.UUID,
) -> UploadOutcome:
    async with rt.transaction() as session:
        repo = ResumeRepository(session)
        # Held until commit: a user erasure cannot delete this file between our write and our row.
        await repo.lock_digests([file.sha256])
        existing = await repo.find_upload(sha256=file.sha256, uploaded_by=principal.user_id, job_id=job_id)
        if existing is not None:
            return UploadOutcome(existing, duplicate=True)
        await asyncio.to_thread(file.put)
        source = await repo.parse_source(file.sha256)
        summary = reusable_summary(source.parse_summary) if source is not None else None
        resume = await repo.add(
            Resume(
                id=resume_id,
                uploaded_by=principal.user_id,
                uploader_role=principal.role,
                candidate_id=principal.user_id if principal.role == "candidate" else None,
                job_id=job_id,
                sha256=file.sha256,
                content_type=file.content_type,
                size_bytes=file.size_bytes,
                file_name=file.file_name,
                # Already parsed when the file was parsed before: the parse consumer only claims pending rows.
                status="pending" if summary is None else "parsed",
                parsed=None if source is None or summary is None else source.parsed,
                parse_summary=summary,
            )
        )
        uploaded = rt.new_event(ResumeUploaded, _uploaded_payload(resume, file.content_type), actor=principal)
        await rt.emit(session, uploaded)
        if summary is not None:
            parsed = ResumeParsed.build(
                reused_parse_payload(resume, summary),
                producer=rt.name,
                actor_id=uploaded.actor_id,
                correlation_id=uploaded.correlation_id,
                causation_id=uploaded.event_id,
            )
            await rt.emit(session, parsed)
    reused = resume.status == "parsed"
    log.info(
        "ingest.resume_uploaded",
        resume_id=str(resume.id),
        content_type=file.content_type,
        size_bytes=file.size_bytes,
        reused_parse=reused,
    )
    return UploadOutcome(resume, duplicate=False, reused_parse=reused)


def parse_summary_of(payload: ResumeParsedPayload) -> dict[str, Any]:
    """What a `ResumeParsed` says about the file (kept with the resume for reuse): all but the row's ids."""
    summary = payload.model_dump(mode="json", exclude=set(_PER_RESUME_FIELDS))
    return {**summary, PARSER_VERSION_KEY: PARSER_VERSION}


def reusable_summary(summary: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored summary if the current parser made it; None (parse the file again) otherwise."""
    if summary is None or summary.get(PARSER_VERSION_KEY) != PARSER_VERSION:
        return None
    return summary


def reused_parse_payload(resume: Resume, summary: dict[str, Any]) -> ResumeParsedPayload:
    """`ResumeParsed` for `resume` from another resume's summary of the same file."""
    known = set(ResumeParsedPayload.model_fields) - _PER_RESUME_FIELDS
    return ResumeParsedPayload.model_validate(
        {
            **{key: value for key, value in summary.items() if key in known},
            "resume_id": resume.id,
            "uploaded_by": resume.uploaded_by,
            "candidate_id": resume.candidate_id,
            "job_id": resume.job_id,
            "file_name": resume.file_name,
        }
    )


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
        file_name=resume.file_name,
    )
