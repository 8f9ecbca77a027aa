"""Ingest's HTTP API: upload resumes (one, or many for a job), see them, download or delete their files."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from services.ingest import bulk, deletion, downloads, job_access, uploads
from services.ingest.models import Resume, ResumeStatus
from services.ingest.repository import ResumeRepository
from services.ingest.resources import IngestResources
from services.ingest.settings import IngestSettings
from services.ingest.upload_form import read_upload_form
from talentkit.auth import CurrentPrincipal, Principal, require_roles
from talentkit.service import Runtime, runtime_of

router = APIRouter(tags=["resumes"])

IngestRuntime = Annotated[Runtime[IngestSettings, IngestResources], Depends(runtime_of)]
Uploader = Annotated[Principal, Depends(require_roles("candidate", "recruiter", "admin"))]
Staff = Annotated[Principal, Depends(require_roles("recruiter", "admin"))]

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "PDF, DOCX or plain text."},
                        "job_id": {
                            "type": "string",
                            "format": "uuid",
                            "description": (
                                "The job this resume is for: recruiters for their own jobs, and admins. A job "
                                "posted a moment ago may be unknown here for a short while (404 until then)."
                            ),
                        },
                    },
                }
            }
        },
    }
}


class UploadOut(BaseModel):
    id: uuid.UUID
    status: ResumeStatus
    duplicate: bool = False


class ResumeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: ResumeStatus
    error_code: str | None
    error: str | None
    job_id: uuid.UUID | None
    content_type: str
    size_bytes: int
    file_name: str | None = Field(default=None, description="The name the file was uploaded with.")
    created_at: datetime
    updated_at: datetime
    parsed: dict[str, Any] | None
    confidence: float | None = Field(default=None, description="How sure the parser is of the profile, 0-1.")
    review_flags: list[str] = Field(default_factory=list, description="Why a person should check the profile.")

    @classmethod
    def of(cls, resume: Resume) -> ResumeOut:
        """The resume as the API shows it, with the profile's confidence and review flags lifted to the top."""
        out = cls.model_validate(resume)
        parsed = resume.parsed or {}
        confidence = parsed.get("confidence")
        if isinstance(confidence, int | float) and not isinstance(confidence, bool):
            out.confidence = float(confidence)
        flags = parsed.get("review_flags")
        if isinstance(flags, list):
            out.review_flags = [str(flag) for flag in flags]
        return out


class ResumeList(BaseModel):
    items: list[ResumeOut]


class ZipRequest(BaseModel):
    resume_ids: list[uuid.UUID] = Field(min_length=1, max_length=downloads.MAX_ZIP_RESUMES)


_BULK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "PDF, DOCX or plain-text resumes, one part each.",
                        }
                    },
                }
            }
        },
    }
}
_BULK_STREAM = (
    "Server-Sent Events: `uploaded` {index, filename, resume_id, duplicate} or `rejected` {index, filename, "
    "code, message} per file; then `parsed` {resume_id, skills_count} or `failed` {resume_id, code, message}; "
    "`scored` {resume_id, job_id, score} when the matcher has scored it against the job; finally `done` "
    "{uploaded, rejected, parsed, failed, scored, timed_out, pending_parse, pending_score}. Comment lines keep "
    "the connection alive."
)


@router.post(
    "/api/v1/resumes",
    status_code=202,
    summary="Upload a resume (PDF, DOCX or plain text) to be parsed",
    openapi_extra=_UPLOAD_BODY,
    responses={
        200: {"model": UploadOut, "description": "The same file was uploaded before: its existing resume."},
        403: {"description": "A candidate sent job_id."},
        413: {"description": "The file is over the size limit."},
        415: {"description": "Not a PDF, DOCX or plain-text file."},
        422: {"description": "Empty file, a bad job_id or no file field."},
    },
)
async def upload_resume(request: Request, response: Response, principal: Uploader, rt: IngestRuntime) -> UploadOut:
    """Store the file and queue it for parsing; `GET /api/v1/resumes/{id}` shows the result."""
    form = await read_upload_form(request, limit=rt.settings.max_upload_bytes)
    outcome = await uploads.upload_resume(
        rt, principal=principal, data=form.data, job_id=form.job_id, file_name=form.file_name
    )
    if outcome.duplicate:
        response.status_code = 200
    return UploadOut(id=outcome.resume.id, status=outcome.resume.status, duplicate=outcome.duplicate)


@router.get("/api/v1/resumes/me", summary="My uploaded resumes, newest first")
async def my_resumes(
    principal: CurrentPrincipal, rt: IngestRuntime, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> ResumeList:
    """The caller's uploads with their parse status."""
    async with rt.transaction() as session:
        resumes = await ResumeRepository(session).uploaded_by(principal.user_id, limit=limit)
    return ResumeList(items=[ResumeOut.of(resume) for resume in resumes])


@router.get("/api/v1/resumes/{resume_id}", summary="One resume and its parsed profile")
async def get_resume(resume_id: uuid.UUID, principal: CurrentPrincipal, rt: IngestRuntime) -> ResumeOut:
    """A resume its owner, an admin, or the recruiter of a job it was uploaded for or applied to may see; 404 else."""
    async with rt.transaction() as session:
        resume = await job_access.readable_resume(session, principal, resume_id)
    return ResumeOut.of(resume)


@router.get(
    "/api/v1/resumes/{resume_id}/file",
    summary="Download a resume's original file",
    response_class=FileResponse,
    responses={
        200: {
            "description": "The file, as an attachment named `resume-<id>.<ext>`.",
            "content": {content_type: {} for content_type in downloads.EXTENSIONS},
        },
        404: {"description": "No such resume for the caller, or its file is no longer stored."},
    },
)
async def download_resume(resume_id: uuid.UUID, principal: CurrentPrincipal, rt: IngestRuntime) -> FileResponse:
    """The original file, for the resume's owner, admins and recruiters of a job it is attached to."""
    return await downloads.file_response(rt, principal, resume_id)


@router.delete(
    "/api/v1/resumes/{resume_id}",
    status_code=204,
    summary="Delete a resume and, when no other resume shares it, its file",
    responses={403: {"description": "The caller may read the resume but does not own it."}},
)
async def delete_resume(resume_id: uuid.UUID, principal: CurrentPrincipal, rt: IngestRuntime) -> Response:
    """Delete a resume its owner uploaded (or any, for an admin); announced as `ResumeDeleted`."""
    await deletion.delete_resume(rt, principal, resume_id)
    return Response(status_code=204)


@router.post(
    "/api/v1/resumes/download-zip",
    summary="Download several resumes' original files as one ZIP",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "A ZIP of `resume-<id>.<ext>` files; ids left out are listed in `missing.txt`.",
            "content": {"application/zip": {}},
        },
        404: {"description": "None of the resumes is available to the caller."},
    },
)
async def download_zip(body: ZipRequest, principal: CurrentPrincipal, rt: IngestRuntime) -> StreamingResponse:
    """The resumes the caller may read among `resume_ids` (at most 200), zipped as they stream."""
    return await downloads.zip_response(rt, principal, body.resume_ids)


@router.post(
    "/api/v1/jobs/{job_id}/resumes",
    summary="Upload many resumes for a job, following each through parsing and scoring",
    openapi_extra=_BULK_BODY,
    response_class=StreamingResponse,
    responses={
        200: {"description": _BULK_STREAM, "content": {"text/event-stream": {}}},
        404: {"description": "No such job for the caller (a job posted a moment ago may not be known yet)."},
        413: {"description": "More files than one request may carry."},
        422: {"description": "Not a multipart body with `files` parts."},
        429: {"description": "The caller's daily bulk-upload file limit would be exceeded (see Retry-After)."},
    },
)
async def bulk_upload(job_id: uuid.UUID, request: Request, principal: Staff, rt: IngestRuntime) -> StreamingResponse:
    """Store every `files` part as a resume for the job and stream what becomes of each."""
    return await bulk.start_bulk_upload(rt, request, principal=principal, job_id=job_id)
