"""Reading a bulk upload's multipart body straight to disk, part by part, hashing as it streams.

Nothing but the current network chunk is held in memory, however many files the request carries:
each `files` part is written to its own file in a private staging folder, with its sha256 computed
on the way. A part over the per-file limit is drained, not kept, and reported as too large; the
request as a whole is bounded by the number of files it may carry.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from dataclasses import dataclass, field
from io import BufferedWriter
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from services.ingest.domain.file_names import safe_file_name
from talentkit.errors import ApiError

if TYPE_CHECKING:  # declared for type checkers only
    from python_multipart.multipart import MultipartCallbacks

FILES_FIELD = "files"
# Part headers, boundaries and small form fields around each file.
_PART_OVERHEAD = 16 * 1024
_MAX_FIELDS = 16
_MAX_FIELD_BYTES = 1024
_MAX_FILENAME_CHARS = 200


@dataclass(frozen=True)
class StagedFile:
    """One `files` part as received: where it was written, its size and digest, and the client's name."""

    index: int
    filename: str  # as shown in the progress stream
    file_name: str | None  # as stored with the resume
    path: Path
    size_bytes: int
    sha256: str
    too_large: bool


@dataclass
class _Part:
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    header_name: bytes = b""
    header_value: bytes = b""
    field_name: str = ""
    is_file: bool = False
    filename: str = ""
    file_name: str | None = None
    size: int = 0
    too_large: bool = False
    field_bytes: int = 0
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    handle: BufferedWriter | None = None
    path: Path | None = None


class TooManyFilesError(Exception):
    """The request carries more files than one bulk upload may."""


class _BadFormError(Exception):
    """The body is not a bulk upload form we can read."""


class _StagingParser:
    """python-multipart callbacks that write file parts to the staging folder (runs in a worker thread)."""

    def __init__(self, staging: Path, *, max_files: int, max_file_bytes: int) -> None:
        self.staging = staging
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes
        self.files: list[StagedFile] = []
        self.fields = 0
        self.part = _Part()

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }

    def on_part_begin(self) -> None:
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.part.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.part.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.part.headers.append((self.part.header_name.lower(), self.part.header_value))
        self.part.header_name = self.part.header_value = b""

    def on_headers_finished(self) -> None:
        part = self.part
        disposition = next((value for name, value in part.headers if name == b"content-disposition"), b"")
        _, options = parse_options_header(disposition)
        if b"name" not in options:
            raise _BadFormError("every part needs a name in its Content-Disposition")
        part.field_name = options[b"name"].decode("utf-8", "replace")
        if b"filename" not in options:
            self.fields += 1
            if self.fields > _MAX_FIELDS:
                raise _BadFormError("too many form fields")
            return
        if part.field_name != FILES_FIELD:
            raise _BadFormError(f"send each resume as a file part named `{FILES_FIELD}`")
        if len(self.files) >= self.max_files:
            raise TooManyFilesError
        part.is_file = True
        part.filename = client_filename(options[b"filename"])
        part.file_name = safe_file_name(options[b"filename"])
        part.path = self.staging / f"{len(self.files):06d}"
        part.handle = open(part.path, "xb")  # noqa: SIM115 (closed in on_part_end or by `close`)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        size = end - start
        if not part.is_file:
            part.field_bytes += size
            if part.field_bytes > _MAX_FIELD_BYTES:
                raise _BadFormError("a form field is too long")
            return
        part.size += size
        if part.too_large:
            return
        if part.size > self.max_file_bytes:
            # Drain the rest of this part without keeping it; the other files go on.
            part.too_large = True
            self._discard(part)
            return
        assert part.handle is not None
        chunk = data[start:end]
        part.handle.write(chunk)
        part.digest.update(chunk)

    def on_part_end(self) -> None:
        part = self.part
        if not part.is_file:
            return
        assert part.path is not None
        if part.handle is not None:
            part.handle.close()
            part.handle = None
        self.files.append(
            StagedFile(
                index=len(self.files),
                filename=part.filename,
                file_name=part.file_name,
                path=part.path,
                size_bytes=part.size,
                sha256=part.digest.hexdigest(),
                too_large=part.too_large,
            )
        )

    def _discard(self, part: _Part) -> None:
        if part.handle is not None:
            part.handle.close()
            part.handle = None
        if part.path is not None:
            part.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Close a part left open by an interrupted body."""
        if self.part.handle is not None:
            with contextlib.suppress(OSError):
                self.part.handle.close()
            self.part.handle = None


def client_filename(raw: bytes) -> str:
    """The client's file name, safe to echo back: no folders, no control characters, bounded length."""
    return safe_file_name(raw, limit=_MAX_FILENAME_CHARS) or "unnamed"


def _boundary(request: Request) -> bytes:
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data":
        raise ApiError(415, "send the resumes as multipart/form-data", code="not_multipart")
    boundary = params.get(b"boundary")
    if not boundary:
        raise ApiError(422, "the multipart body has no boundary", code="invalid_multipart")
    return boundary


def _too_many(max_files: int) -> ApiError:
    return ApiError(
        413,
        f"too many files: one bulk upload takes at most {max_files}",
        code="too_many_files",
        details={"max_files": max_files},
    )


async def read_bulk_form(request: Request, staging: Path, *, max_files: int, max_file_bytes: int) -> list[StagedFile]:
    """Write every `files` part of the request to `staging`; 413 past `max_files` files or their total size.

    A single file over `max_file_bytes` is not an error here: it comes back with `too_large` set.
    """
    boundary = _boundary(request)
    body_limit = max_files * (max_file_bytes + _PART_OVERHEAD) + _PART_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > body_limit:
        raise _too_many(max_files)
    staging_parser = _StagingParser(staging, max_files=max_files, max_file_bytes=max_file_bytes)
    parser = MultipartParser(boundary, staging_parser.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > body_limit:
                raise _too_many(max_files)
            if chunk:
                # Parsing, hashing and writing run in a worker thread: the event loop keeps serving.
                await asyncio.to_thread(parser.write, chunk)
        await asyncio.to_thread(parser.finalize)
    except TooManyFilesError as exc:
        raise _too_many(max_files) from exc
    except _BadFormError as exc:
        raise ApiError(422, str(exc), code="invalid_multipart") from exc
    except FormParserError as exc:
        raise ApiError(422, "the multipart body is malformed", code="invalid_multipart") from exc
    except ClientDisconnect as exc:
        # Nobody is left to answer; this keeps a hang-up out of the unexpected-error log.
        raise ApiError(400, "the upload was interrupted before it ended", code="upload_interrupted") from exc
    finally:
        staging_parser.close()
    if staging_parser.part.is_file and not _ended(staging_parser):
        raise ApiError(422, "the multipart body ended in the middle of a file", code="invalid_multipart")
    return staging_parser.files


def _ended(staging_parser: _StagingParser) -> bool:
    part = staging_parser.part
    return any(staged.path == part.path for staged in staging_parser.files)
