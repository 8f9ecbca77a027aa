"""Giving original files back: one resume's file, or a ZIP of several built on the fly.

Files go out under names we make (`resume-<id>.<ext>`), never the client's, as attachments, to the
people who may read the resume (see `job_access`); everyone else gets 404.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
import zipfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import IO, cast

from fastapi.responses import FileResponse, StreamingResponse

from services.ingest import job_access
from services.ingest.models import Resume
from services.ingest.storage import FileStore
from services.ingest.uploads import IngestRuntime
from talentkit.auth import Principal
from talentkit.errors import ApiError

EXTENSIONS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "txt",
}
MAX_ZIP_RESUMES = 200
_COPY_CHUNK = 1024 * 1024
# PDF and DOCX are compressed already: storing them as they are saves CPU for nothing lost.
_DEFLATED_TYPES = frozenset({"text/plain"})
_PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def download_name(resume: Resume) -> str:
    """The name a resume's file is offered under: `resume-<id>.<ext>`."""
    return f"resume-{resume.id}.{EXTENSIONS.get(resume.content_type, 'bin')}"


def _attachment(filename: str) -> str:
    # Our own names are plain ASCII, so no RFC 5987 encoding is needed.
    return f'attachment; filename="{filename}"'


async def file_response(rt: IngestRuntime, principal: Principal, resume_id: uuid.UUID) -> FileResponse:
    """The original file of a resume the caller may read; 404 otherwise, or when the file is gone."""
    async with rt.transaction() as session:
        resume = await job_access.readable_resume(session, principal, resume_id)
    path = rt.resources.store.path_for(resume.sha256)
    try:
        stat = await asyncio.to_thread(os.stat, path)
    except FileNotFoundError as exc:
        raise ApiError(404, "the file of this resume is no longer stored", code="file_missing") from exc
    return FileResponse(
        path,
        media_type=resume.content_type,
        stat_result=stat,
        headers={**_PRIVATE_HEADERS, "Content-Disposition": _attachment(download_name(resume))},
    )


@dataclass(frozen=True)
class _Entry:
    resume_id: uuid.UUID
    name: str
    sha256: str
    content_type: str


async def zip_response(rt: IngestRuntime, principal: Principal, resume_ids: Sequence[uuid.UUID]) -> StreamingResponse:
    """A ZIP of the requested resumes the caller may read; the others are named in `missing.txt`.

    404 when none of them is available to the caller.
    """
    wanted = list(dict.fromkeys(resume_ids))
    async with rt.transaction() as session:
        readable = {resume.id: resume for resume in await job_access.readable_resumes(session, principal, wanted)}
    store = rt.resources.store
    entries: list[_Entry] = []
    missing: list[uuid.UUID] = []
    for resume_id in wanted:
        resume = readable.get(resume_id)
        if resume is None or not await asyncio.to_thread(store.exists, resume.sha256):
            missing.append(resume_id)
        else:
            entries.append(_Entry(resume.id, download_name(resume), resume.sha256, resume.content_type))
    if not entries:
        raise ApiError(404, "none of these resumes is available to you", code="resume_not_found")
    return StreamingResponse(
        _zip_stream(store, entries, missing),
        media_type="application/zip",
        headers={**_PRIVATE_HEADERS, "Content-Disposition": _attachment("resumes.zip")},
    )


class _Chunks:
    """A write-only sink for `zipfile`: what was written since the last `take` (zipfile adapts to no seek)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the stream takes what was written."""

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def _add_entry(archive: zipfile.ZipFile, store: FileStore, entry: _Entry) -> bool:
    """Copy one stored file into the archive (blocking); False when the file vanished meanwhile."""
    try:
        source = open(store.path_for(entry.sha256), "rb")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        return False
    with source:
        info = zipfile.ZipInfo(entry.name, date_time=time.gmtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED if entry.content_type in _DEFLATED_TYPES else zipfile.ZIP_STORED
        info.external_attr = 0o600 << 16
        with archive.open(info, "w") as target:
            while chunk := source.read(_COPY_CHUNK):
                target.write(chunk)
    return True


def missing_note(missing: Sequence[uuid.UUID]) -> str:
    """The text of `missing.txt`: the requested ids that are not in the archive."""
    lines = ["These resumes are not included: they do not exist, are not yours to see, or their file is gone.", ""]
    return "\n".join([*lines, *(str(resume_id) for resume_id in missing)]) + "\n"


async def _zip_stream(store: FileStore, entries: list[_Entry], missing: list[uuid.UUID]) -> AsyncIterator[bytes]:
    sink = _Chunks()
    # One entry at a time, in a worker thread: memory holds at most one file's worth of archive.
    archive = zipfile.ZipFile(cast(IO[bytes], sink), mode="w")
    for entry in entries:
        if not await asyncio.to_thread(_add_entry, archive, store, entry):
            missing.append(entry.resume_id)
        if chunk := sink.take():
            yield chunk
    if missing:
        archive.writestr("missing.txt", missing_note(missing), compress_type=zipfile.ZIP_DEFLATED)
    archive.close()
    yield sink.take()
