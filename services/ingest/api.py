"""Ingest's HTTP API: upload a resume, see one, list your own."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict

from services.ingest import uploads
from services.ingest.models import Resume, ResumeStatus
from services.ingest.repository import ResumeRepository
from services.ingest.settings import IngestSettings
from services.ingest.storage import FileStore
from services.ingest.upload_form import read_upload_form
from talentkit.auth import CurrentPrincipal, Principal, require_roles
from talentkit.errors import ApiError
from talentkit.service import Runtime, runtime_of

router = APIRouter(tags=["resumes"])

IngestRuntime = Annotated[Runtime[IngestSettings, FileStore], Depends(runtime_of)]
Uploader = Annotated[Principal, Depends(require_roles("candidate", "recruiter", "admin"))]

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
                            "description": "The job this resume is for (recruiters and admins only).",
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
    created_at: datetime
    updated_at: datetime
    parsed: dict[str, Any] | None


class ResumeList(BaseModel):
    items: list[ResumeOut]


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
    outcome = await uploads.upload_resume(rt, principal=principal, data=form.data, job_id=form.job_id)
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
    return ResumeList(items=[ResumeOut.model_validate(resume) for resume in resumes])


@router.get("/api/v1/resumes/{resume_id}", summary="One resume and its parsed profile")
async def get_resume(resume_id: uuid.UUID, principal: CurrentPrincipal, rt: IngestRuntime) -> ResumeOut:
    """A resume its uploader (or an admin) may see; 404 for anyone else."""
    async with rt.transaction() as session:
        resume = await ResumeRepository(session).get(resume_id)
    if resume is None or not _may_see(principal, resume):
        raise ApiError(404, "no such resume", code="resume_not_found")
    return ResumeOut.model_validate(resume)


def _may_see(principal: Principal, resume: Resume) -> bool:
    return principal.is_admin or principal.user_id in (resume.uploaded_by, resume.candidate_id)
