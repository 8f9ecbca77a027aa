"""What the jobs service would tell ingest, for tests: a posted job, an application; and reading ingest's rows."""

from __future__ import annotations

import os
import uuid
from typing import Any

import httpx
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from contracts.events import ApplicationSubmitted, JobPosted
from contracts.events.jobs import ApplicationSubmittedPayload, JobPostedPayload
from talentkit.testing.bus import eventually, publish
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*


async def post_job(js: JetStreamContext, client: httpx.AsyncClient, issuer: Issuer, recruiter_id: uuid.UUID) -> str:
    """Announce a job of `recruiter_id` as the jobs service would, and wait until ingest knows it."""
    job_id = uuid.uuid4()
    payload = JobPostedPayload(job_id=job_id, recruiter_id=recruiter_id, title="Engineer", description="Build things.")
    await publish(js, JobPosted.build(payload, producer="jobs", actor_id=str(recruiter_id)))
    admin = issuer.headers(uuid.uuid4(), role="admin")

    async def known() -> bool:
        # The job is checked before the file: an empty file answers 422 for a known job, 404 for an unknown one.
        response = await client.post(
            "/api/v1/resumes",
            headers=admin,
            files={"file": ("probe.txt", b"", "text/plain")},
            data={"job_id": str(job_id)},
        )
        return response.status_code == 422

    await eventually(known, timeout=30)
    return str(job_id)


async def apply_to_job(js: JetStreamContext, *, job_id: str, resume_id: str, candidate_id: uuid.UUID) -> None:
    """Announce that a resume applied to a job, as the jobs service would."""
    payload = ApplicationSubmittedPayload(
        application_id=uuid.uuid4(),
        job_id=uuid.UUID(job_id),
        resume_id=uuid.UUID(resume_id),
        candidate_id=candidate_id,
        source="candidate",
    )
    await publish(js, ApplicationSubmitted.build(payload, producer="jobs", actor_id=str(candidate_id)))


async def ingest_row(query: str, **params: Any) -> dict[str, Any] | None:
    """One row of a query on ingest's tables, read straight from the session's database."""
    engine = create_async_engine(os.environ["DATABASE_URL"])
    try:
        async with engine.connect() as conn:
            row = (await conn.execute(text(query), params)).mappings().first()
    finally:
        await engine.dispose()
    return dict(row) if row is not None else None
