"""Reading an upload's multipart form within a size limit: the file's bytes, its name and the optional job id."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from fastapi import Request
from starlette.datastructures import UploadFile
from starlette.types import Message

from services.ingest.domain.file_names import safe_file_name
from talentkit.errors import ApiError

# Room for the multipart boundaries, part headers and the job_id field around the file itself.
_MULTIPART_OVERHEAD = 64 * 1024
_READ_CHUNK = 256 * 1024


@dataclass(frozen=True)
class UploadForm:
    """What an upload request carried."""

    data: bytes
    job_id: uuid.UUID | None
    file_name: str | None = None


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"the file is larger than the {_human_size(limit)} limit", code="file_too_large")


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} bytes"


async def read_upload_form(request: Request, *, limit: int) -> UploadForm:
    """The file, its name and the job id of a multipart upload; 413 for a file over `limit` bytes, before it is all read."""
    body_limit = limit + _MULTIPART_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > body_limit:
        raise _too_large(limit)
    received = 0

    # Counts the body as it streams in, so a chunked upload without Content-Length is bounded too.
    async def bounded_receive() -> Message:
        nonlocal received
        message = await request.receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > body_limit:
                raise _too_large(limit)
        return message

    form = await Request(request.scope, bounded_receive).form(max_files=1, max_fields=8)
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(422, "send the resume as a multipart form field named `file`", code="no_file")
        data = await _read_capped(upload, limit)
        return UploadForm(data=data, job_id=_job_id(form.get("job_id")), file_name=safe_file_name(upload.filename))
    finally:
        await form.close()


async def _read_capped(upload: UploadFile, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(_READ_CHUNK):
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _job_id(value: object) -> uuid.UUID | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ApiError(422, "job_id must be a form field, not a file", code="invalid_job_id")
    try:
        return uuid.UUID(value.strip())
    except ValueError as exc:
        raise ApiError(422, "job_id must be a UUID", code="invalid_job_id") from exc
