"""Swipe use case: a candidate likes or passes on an open job in their feed (SwipeRecorded)."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from contracts.events import SwipeRecorded
from contracts.events.jobs import SwipeRecordedPayload
from services.jobs.postings import visible_job
from services.jobs.repository import SwipeRepository
from services.jobs.settings import JobsSettings
from talentkit.auth import Principal
from talentkit.service import Runtime


async def record_swipe(
    rt: Runtime[JobsSettings, Any], principal: Principal, *, job_id: uuid.UUID, direction: Literal["like", "pass"]
) -> bool:
    """Store the candidate's swipe; announce it only when it is new or changed. Whether it changed."""
    async with rt.transaction() as session:
        # Candidates only see open jobs: swiping on a closed one is a 404.
        await visible_job(session, principal, job_id)
        previous = await SwipeRepository(session).record(
            candidate_id=principal.user_id, job_id=job_id, direction=direction
        )
        if previous == direction:
            return False
        payload = SwipeRecordedPayload(candidate_id=principal.user_id, job_id=job_id, direction=direction)
        await rt.emit(session, rt.new_event(SwipeRecorded, payload, actor=principal))
    return True
