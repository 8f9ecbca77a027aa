"""Erasing a deleted user's resumes: the rows, and the stored files no other resume refers to."""

from __future__ import annotations

import asyncio
import uuid

from services.ingest.repository import ResumeRepository
from services.ingest.resources import IngestResources
from services.ingest.settings import IngestSettings
from talentkit.bus import HandlerContext
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)


async def erase_user_resumes(ctx: HandlerContext, user_id: uuid.UUID) -> None:
    """Delete the user's resumes and every file left without a resume (idempotent)."""
    rt: Runtime[IngestSettings, IngestResources] = ctx.state
    repo = ResumeRepository(ctx.session)
    # Lock the files first, in a fixed order, so that concurrent uploads of the same file wait for us.
    await repo.lock_digests(await repo.digests_of_user(user_id))
    deleted = await repo.delete_for_user(user_id)
    # A resume uploaded between the two statements is deleted too: lock its file as well (re-entrant).
    await repo.lock_digests(deleted)
    removed = 0
    for sha256 in sorted(deleted):
        if await repo.count_with_digest(sha256) == 0 and await asyncio.to_thread(rt.resources.store.delete, sha256):
            removed += 1
    # If the commit fails after a file is gone, the retry deletes the same rows again: nothing dangles.
    log.info("ingest.user_erased", user_id=str(user_id), files_removed=removed, digests=len(deleted))
