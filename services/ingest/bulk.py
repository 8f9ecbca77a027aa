"""Bulk upload for a recruiter's job: many files in one request, answered with a stream of what became of each.

The request body is written to disk part by part (`bulk_form`), then the response streams
Server-Sent Events: `uploaded` or `rejected` per file as each is stored, `parsed` or `failed` as
parsing happens, `scored` when the matcher scores a resume against the job, and a final `done`.

Progress is learned from the bus, never written anywhere: before the first file is committed the
stream subscribes (core NATS, no durable consumer) to the parse and match subjects and keeps the
messages about its own resumes. A lost message costs nothing but latency: the parse states are
re-read from the database every few seconds. The files are stored whether or not the client stays
to listen: the intake runs as its own task.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription as NatsSubscription

from contracts.events import MatchComputed, ResumeParsed, ResumeParseFailed
from contracts.events.ingest import ResumeContentType
from services.ingest import job_access, uploads
from services.ingest.bulk_form import StagedFile, read_bulk_form
from services.ingest.bulk_progress import (
    HEARTBEAT,
    BulkProgress,
    FileRejected,
    FileUploaded,
    IntakeFinished,
    ResumeFailedSeen,
    ResumeParsedSeen,
    ScoreSeen,
    Update,
)
from services.ingest.domain.filetypes import ArchiveLimits, sniff_content_type
from services.ingest.domain.filetypes import FileRejected as RejectedFile
from services.ingest.models import Resume
from services.ingest.repository import BulkQuotaRepository, ResumeRepository
from services.ingest.uploads import CheckedFile, IngestRuntime
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.logs import get_logger

log = get_logger(__name__)

_WATCHED_SUBJECTS = (ResumeParsed.subject, ResumeParseFailed.subject, MatchComputed.subject)
# Intakes outlive the request that started them (a client may hang up); the loop only keeps weak references.
_RUNNING_INTAKES: set[asyncio.Task[None]] = set()
_NOT_STORED = "we could not store this file: try again"


class BusWatch:
    """Core NATS subscriptions to parse and match events, keeping those about one upload's resumes."""

    def __init__(self, nc: NATS, job_id: uuid.UUID, updates: asyncio.Queue[Update]) -> None:
        self._nc = nc
        self._job_id = str(job_id)
        self._updates = updates
        self._resume_ids: set[str] = set()
        self._subscriptions: list[NatsSubscription] = []

    async def start(self) -> None:
        """Subscribe (before any resume of the upload is committed, so no event can slip past)."""
        for subject in _WATCHED_SUBJECTS:
            self._subscriptions.append(await self._nc.subscribe(subject, cb=self._on_message))

    def expect(self, resume_id: uuid.UUID) -> None:
        """Keep events about this resume from now on."""
        self._resume_ids.add(str(resume_id))

    async def stop(self) -> None:
        """Unsubscribe (idempotent)."""
        subscriptions, self._subscriptions = self._subscriptions, []
        for subscription in subscriptions:
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()

    async def _on_message(self, msg: Msg) -> None:
        try:
            body = json.loads(msg.data)
            payload: dict[str, Any] = body["payload"]
            resume_id = str(payload["resume_id"])
            if resume_id not in self._resume_ids:
                return
            update = self._update(msg.subject, payload)
        except (ValueError, KeyError, TypeError):
            return  # not an event we can read: the database poll still sees the parse outcome
        if update is not None:
            self._updates.put_nowait(update)

    def _update(self, subject: str, payload: dict[str, Any]) -> Update | None:
        resume_id = uuid.UUID(str(payload["resume_id"]))
        if subject == ResumeParsed.subject:
            return ResumeParsedSeen(resume_id, len(payload.get("skills") or []))
        if subject == ResumeParseFailed.subject:
            return ResumeFailedSeen(resume_id, str(payload.get("code", "failed")), str(payload.get("reason", "")))
        if str(payload.get("job_id")) != self._job_id:
            return None  # the matcher scores each resume against many jobs
        return ScoreSeen(resume_id, uuid.UUID(self._job_id), float(payload["score"]))


def _retry_after_midnight() -> str:
    now = datetime.now(UTC)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    return str(max(1, int((midnight - now).total_seconds())))


def _over_quota(*, limit: int, used: int, requested: int) -> ApiError:
    return ApiError(
        429,
        f"that would exceed the {limit} files a day bulk upload allows: {max(0, limit - used)} left today",
        code="daily_file_limit",
        details={"limit": limit, "used": used, "requested": requested},
        headers={"Retry-After": _retry_after_midnight()},
    )


async def start_bulk_upload(
    rt: IngestRuntime, request: Request, *, principal: Principal, job_id: uuid.UUID
) -> StreamingResponse:
    """Check access and quota, take the files in, and answer with the upload's event stream."""
    settings = rt.settings
    limit = settings.bulk_max_files_per_day
    today = datetime.now(UTC).date()
    async with rt.transaction() as session:
        await job_access.require_job_of(session, principal, job_id)
        used = await BulkQuotaRepository(session).used(principal.user_id, today)
    if used >= limit:
        raise _over_quota(limit=limit, used=used, requested=0)
    staging = await asyncio.to_thread(rt.resources.store.new_staging_dir)
    updates: asyncio.Queue[Update] = asyncio.Queue()
    watch = BusWatch(rt.nc, job_id, updates)
    try:
        files = await read_bulk_form(
            request, staging, max_files=settings.bulk_max_files, max_file_bytes=settings.max_upload_bytes
        )
        if not files:
            raise ApiError(422, "send the resumes as file parts named `files`", code="no_files")
        async with rt.transaction() as session:
            quota = BulkQuotaRepository(session)
            if await quota.take(principal.user_id, today, files=len(files), limit=limit) is None:
                used = await quota.used(principal.user_id, today)
                raise _over_quota(limit=limit, used=used, requested=len(files))
        await watch.start()
    except BaseException:
        await watch.stop()
        await asyncio.to_thread(shutil.rmtree, staging, True)
        raise
    log.info("ingest.bulk_upload_started", job_id=str(job_id), files=len(files))
    intake = asyncio.create_task(_intake(rt, principal, job_id, files, staging, watch, updates))
    _RUNNING_INTAKES.add(intake)
    intake.add_done_callback(_RUNNING_INTAKES.discard)
    # Should the response never start streaming (the client left at once), stop listening anyway.
    loop = asyncio.get_running_loop()
    expiry = loop.call_later(settings.bulk_stream_timeout_seconds + 60, lambda: loop.create_task(watch.stop()))
    return StreamingResponse(
        _event_stream(rt, BulkProgress(job_id), updates, watch, expiry),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _intake(
    rt: IngestRuntime,
    principal: Principal,
    job_id: uuid.UUID,
    files: list[StagedFile],
    staging: Path,
    watch: BusWatch,
    updates: asyncio.Queue[Update],
) -> None:
    try:
        for staged in files:
            try:
                update = await _take_in(rt, principal, job_id, staged, watch)
            except Exception:
                # One file's surprise (a disk error reading it back, a checker bug) must not drop the
                # files after it: they were counted against the quota and the client waits for each.
                log.exception("ingest.bulk_file_failed", job_id=str(job_id), index=staged.index)
                update = FileRejected(staged.index, staged.filename, "upload_failed", _NOT_STORED)
            updates.put_nowait(update)
    finally:
        updates.put_nowait(IntakeFinished())
        await asyncio.to_thread(shutil.rmtree, staging, True)


def _checked_type(path: Path, limits: ArchiveLimits) -> ResumeContentType:
    return sniff_content_type(path.read_bytes(), limits)


async def _take_in(
    rt: IngestRuntime, principal: Principal, job_id: uuid.UUID, staged: StagedFile, watch: BusWatch
) -> FileUploaded | FileRejected:
    settings = rt.settings
    if staged.too_large:
        limit_mb = settings.max_upload_bytes / (1024 * 1024)
        message = f"the file is larger than the {limit_mb:.3g} MB limit"
        return FileRejected(staged.index, staged.filename, "file_too_large", message)
    try:
        content_type = await asyncio.to_thread(_checked_type, staged.path, uploads.archive_limits(settings))
    except RejectedFile as exc:
        return FileRejected(staged.index, staged.filename, exc.code, exc.message)
    store = rt.resources.store
    resume_id = uuid.uuid4()
    watch.expect(resume_id)
    checked = CheckedFile(
        sha256=staged.sha256,
        content_type=content_type,
        size_bytes=staged.size_bytes,
        put=lambda: store.adopt(staged.path, staged.sha256),
        file_name=staged.file_name,
    )
    try:
        outcome = await uploads.record_upload(rt, principal=principal, job_id=job_id, file=checked, resume_id=resume_id)
    except Exception:
        log.exception("ingest.bulk_file_failed", job_id=str(job_id), index=staged.index)
        return FileRejected(staged.index, staged.filename, "upload_failed", _NOT_STORED)
    resume = outcome.resume
    watch.expect(resume.id)
    return FileUploaded(
        index=staged.index,
        filename=staged.filename,
        resume_id=resume.id,
        duplicate=outcome.duplicate,
        status=resume.status,
        skills_count=_skills_count(resume),
        error_code=resume.error_code,
        error=resume.error,
    )


def _skills_count(resume: Resume) -> int:
    skills = (resume.parsed or {}).get("skills")
    return len(skills) if isinstance(skills, list) else 0


async def _event_stream(
    rt: IngestRuntime,
    progress: BulkProgress,
    updates: asyncio.Queue[Update],
    watch: BusWatch,
    expiry: asyncio.TimerHandle,
) -> AsyncIterator[bytes]:
    settings = rt.settings
    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.bulk_stream_timeout_seconds
    next_heartbeat = loop.time() + settings.bulk_heartbeat_seconds
    next_poll = loop.time() + settings.bulk_poll_seconds
    try:
        while not progress.finished:
            now = loop.time()
            if now >= deadline:
                break
            if now >= next_heartbeat:
                next_heartbeat = now + settings.bulk_heartbeat_seconds
                yield HEARTBEAT
            if now >= next_poll:
                next_poll = now + settings.bulk_poll_seconds
                for update in await _parse_outcomes(rt, progress.awaiting_parse()):
                    for frame in progress.apply(update):
                        yield frame.encode()
                continue
            try:
                async with asyncio.timeout(min(deadline, next_heartbeat, next_poll) - now):
                    update = await updates.get()
            except TimeoutError:
                continue
            for frame in progress.apply(update):
                yield frame.encode()
        yield progress.done().encode()
    finally:
        expiry.cancel()
        await watch.stop()


async def _parse_outcomes(rt: IngestRuntime, resume_ids: list[uuid.UUID]) -> list[Update]:
    """The parse outcomes the bus has not told us yet, read from the rows (a safety net for lost messages)."""
    if not resume_ids:
        return []
    async with rt.transaction() as session:
        rows = {resume.id: resume for resume in await ResumeRepository(session).by_ids(resume_ids)}
    found: list[Update] = []
    for resume_id in resume_ids:
        resume = rows.get(resume_id)
        if resume is None:
            found.append(ResumeFailedSeen(resume_id, "resume_deleted", "the resume was deleted"))
        elif resume.status == "parsed":
            found.append(ResumeParsedSeen(resume_id, _skills_count(resume)))
        elif resume.status == "failed":
            found.append(ResumeFailedSeen(resume_id, resume.error_code or "failed", resume.error or "parsing failed"))
    return found
