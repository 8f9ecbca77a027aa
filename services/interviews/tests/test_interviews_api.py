"""Interviews end to end inside the service: application events in, HTTP and interview events out."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext

from contracts.events import ApplicationStatusChanged, InterviewCompleted, InterviewScheduled, UserDeleted
from contracts.events.identity import UserDeletedPayload
from contracts.events.jobs import ApplicationStatus, ApplicationStatusChangedPayload
from services.interviews.tests.conftest import eventually, find_events, publish
from talentkit.testing.tokens import TestIssuer

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

Jetstream = tuple[NATS, JetStreamContext]


def _status_changed(
    application_id: uuid.UUID,
    *,
    new: ApplicationStatus,
    old: ApplicationStatus = "screening",
    recruiter_id: uuid.UUID | None,
    candidate_id: uuid.UUID | None = None,
    job_id: uuid.UUID | None = None,
    at: datetime | None = None,
) -> ApplicationStatusChanged:
    payload = ApplicationStatusChangedPayload(
        application_id=application_id,
        job_id=job_id or uuid.uuid4(),
        candidate_id=candidate_id,
        old_status=old,
        new_status=new,
        recruiter_id=recruiter_id,
    )
    event = ApplicationStatusChanged.build(payload, producer="jobs")
    return event.model_copy(update={"occurred_at": at}) if at else event


def _slot(days: int = 2) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


async def _schedule_when_known(
    client: httpx.AsyncClient, headers: dict[str, str], application_id: uuid.UUID, **extra: Any
) -> httpx.Response:
    """Schedule, retrying while the status change is still on its way to the read model."""
    body = {"application_id": str(application_id), "scheduled_at": _slot(), **extra}

    async def attempt() -> httpx.Response | None:
        response = await client.post("/api/v1/interviews", json=body, headers=headers)
        return None if response.status_code == 404 else response

    result: httpx.Response = await eventually(attempt)
    return result


async def test_an_application_in_interview_gets_scheduled_and_completed(
    interviews: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id, candidate_id, job_id, application_id = (uuid.uuid4() for _ in range(4))
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    candidate = test_issuer.headers(candidate_id, role="candidate")
    await publish(
        js,
        _status_changed(
            application_id, new="interview", recruiter_id=recruiter_id, candidate_id=candidate_id, job_id=job_id
        ),
    )

    created = await _schedule_when_known(interviews, recruiter, application_id, duration_minutes=60)
    assert created.status_code == 201, created.text
    interview = created.json()
    assert interview["status"] == "scheduled"
    assert interview["job_id"] == str(job_id)
    assert interview["candidate_id"] == str(candidate_id)
    assert interview["interviewer_id"] == str(recruiter_id)
    assert interview["duration_minutes"] == 60

    async def scheduled_event() -> list[dict[str, Any]]:
        return await find_events(
            js, InterviewScheduled.subject, lambda e: e["payload"]["interview_id"] == interview["id"]
        )

    published = (await eventually(scheduled_event))[0]
    assert published["payload"]["application_id"] == str(application_id)
    assert published["actor_id"] == str(recruiter_id)

    # The candidate sees their interview; another recruiter does not.
    assert [i["id"] for i in (await interviews.get("/api/v1/interviews", headers=candidate)).json()["interviews"]] == [
        interview["id"]
    ]
    assert [i["id"] for i in (await interviews.get("/api/v1/interviews", headers=recruiter)).json()["interviews"]] == [
        interview["id"]
    ]
    stranger = test_issuer.headers(uuid.uuid4(), role="recruiter")
    assert (await interviews.get(f"/api/v1/interviews/{interview['id']}", headers=stranger)).status_code == 404
    assert (await interviews.get("/api/v1/interviews", headers=stranger)).json()["interviews"] == []

    complete_url = f"/api/v1/interviews/{interview['id']}/complete"
    body = {"recommendation": "yes", "notes": "Strong on SQL."}
    assert (await interviews.post(complete_url, json=body, headers=stranger)).status_code == 404
    assert (await interviews.post(complete_url, json=body, headers=candidate)).status_code == 403
    # PostgreSQL text cannot store U+0000: refused as invalid, not a 500 from the update.
    nul = await interviews.post(complete_url, json={**body, "notes": "a\u0000b"}, headers=recruiter)
    assert nul.status_code == 422, nul.text
    done = await interviews.post(complete_url, json=body, headers=recruiter)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    assert done.json()["recommendation"] == "yes"
    twice = await interviews.post(complete_url, json=body, headers=recruiter)
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "interview_completed"

    async def completed_event() -> list[dict[str, Any]]:
        return await find_events(
            js, InterviewCompleted.subject, lambda e: e["payload"]["interview_id"] == interview["id"]
        )

    assert (await eventually(completed_event))[0]["payload"]["recommendation"] == "yes"
    # The verdict stays internal.
    seen_by_candidate = (await interviews.get(f"/api/v1/interviews/{interview['id']}", headers=candidate)).json()
    assert seen_by_candidate["status"] == "completed"
    assert seen_by_candidate["recommendation"] is None
    assert seen_by_candidate["notes"] is None


async def test_scheduling_needs_a_known_application_in_the_interview_stage(
    interviews: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")

    unknown = await interviews.post(
        "/api/v1/interviews", json={"application_id": str(uuid.uuid4()), "scheduled_at": _slot()}, headers=recruiter
    )
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "application_not_found"

    screening = uuid.uuid4()
    await publish(js, _status_changed(screening, old="submitted", new="screening", recruiter_id=recruiter_id))
    too_early = await _schedule_when_known(interviews, recruiter, screening)
    assert too_early.status_code == 409
    assert too_early.json()["error"]["code"] == "application_not_in_interview"
    assert "'screening'" in too_early.json()["error"]["message"]

    ready = uuid.uuid4()
    await publish(js, _status_changed(ready, new="interview", recruiter_id=recruiter_id))
    assert (await _schedule_when_known(interviews, recruiter, ready)).status_code == 201
    # Someone else's application is as good as unknown; a candidate may not schedule at all.
    other = test_issuer.headers(uuid.uuid4(), role="recruiter")
    body = {"application_id": str(ready), "scheduled_at": _slot()}
    assert (await interviews.post("/api/v1/interviews", json=body, headers=other)).status_code == 404
    assert (await interviews.post("/api/v1/interviews", json=body, headers=test_issuer.headers())).status_code == 403
    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    assert (await interviews.post("/api/v1/interviews", json=body, headers=admin)).status_code == 201

    for bad in (
        {"scheduled_at": _slot(days=-1)},
        {"scheduled_at": datetime.now().replace(microsecond=0).isoformat()},  # no timezone
        {"scheduled_at": "next tuesday"},
        {"duration_minutes": 10},
        {"duration_minutes": 481},
    ):
        response = await interviews.post("/api/v1/interviews", json={**body, **bad}, headers=recruiter)
        assert response.status_code == 422, bad


async def test_status_changes_apply_in_time_order_and_rejection_cancels(
    interviews: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")

    # A rejection that happened after the move to interview, delivered before it.
    late = uuid.uuid4()
    now = datetime.now(UTC)
    await publish(js, _status_changed(late, old="interview", new="rejected", recruiter_id=recruiter_id, at=now))
    await publish(js, _status_changed(late, new="interview", recruiter_id=recruiter_id, at=now - timedelta(seconds=5)))
    # A sentinel after both: the consumer handles in order, so once it is known both were handled.
    sentinel = uuid.uuid4()
    await publish(js, _status_changed(sentinel, new="interview", recruiter_id=recruiter_id))
    assert (await _schedule_when_known(interviews, recruiter, sentinel)).status_code == 201
    refused = await interviews.post(
        "/api/v1/interviews", json={"application_id": str(late), "scheduled_at": _slot()}, headers=recruiter
    )
    assert refused.status_code == 409
    assert "'rejected'" in refused.json()["error"]["message"]

    # Rejecting an application cancels the interviews it still had coming.
    application_id = uuid.uuid4()
    await publish(js, _status_changed(application_id, new="interview", recruiter_id=recruiter_id))
    interview = (await _schedule_when_known(interviews, recruiter, application_id)).json()
    await publish(js, _status_changed(application_id, old="interview", new="rejected", recruiter_id=recruiter_id))

    async def cancelled() -> bool:
        response = await interviews.get(f"/api/v1/interviews/{interview['id']}", headers=recruiter)
        return bool(response.json()["status"] == "cancelled")

    await eventually(cancelled)
    completing = await interviews.post(
        f"/api/v1/interviews/{interview['id']}/complete", json={"recommendation": "no"}, headers=recruiter
    )
    assert completing.status_code == 409


async def test_a_deleted_candidate_loses_their_interviews(
    interviews: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id, candidate_id, application_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    await publish(
        js, _status_changed(application_id, new="interview", recruiter_id=recruiter_id, candidate_id=candidate_id)
    )
    interview = (await _schedule_when_known(interviews, recruiter, application_id)).json()
    await publish(js, UserDeleted.build(UserDeletedPayload(user_id=candidate_id), producer="identity"))

    async def gone() -> bool:
        response = await interviews.get(f"/api/v1/interviews/{interview['id']}", headers=recruiter)
        return response.status_code == 404

    await eventually(gone)
    # The application itself is forgotten too.
    again = await interviews.post(
        "/api/v1/interviews", json={"application_id": str(application_id), "scheduled_at": _slot()}, headers=recruiter
    )
    assert again.status_code == 404
