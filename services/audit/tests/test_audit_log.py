"""The audit log over real JetStream and PostgreSQL: events in, admins read them newest first."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from contracts.events import JobPosted, UserRegistered
from contracts.events.identity import UserRegisteredPayload
from contracts.events.jobs import JobPostedPayload
from services.audit.app import create_app
from services.audit.domain.records import audit_record
from services.audit.repository import AuditLog
from services.audit.settings import AuditSettings
from talentkit.db import Database
from talentkit.testing.plugin import running_app
from talentkit.testing.tokens import TestIssuer

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

AUDIT = "/api/v1/admin/audit"


@pytest.fixture
async def audit() -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(AuditSettings())) as client:
        yield client


@pytest.fixture
def admin(test_issuer: TestIssuer) -> dict[str, str]:
    return test_issuer.headers(uuid.uuid4(), role="admin")


async def publish(js: JetStreamContext, subject: str, body: bytes, *, msg_id: str | None = None) -> None:
    """Publish like the outbox relay does (the event id as Nats-Msg-Id unless told otherwise)."""
    await js.publish(subject, body, headers={"Nats-Msg-Id": msg_id or uuid.uuid4().hex})


def user_registered(correlation_id: uuid.UUID, email: str) -> UserRegistered:
    event = UserRegistered.build(
        UserRegisteredPayload(user_id=uuid.uuid4(), email=email, role="candidate"),
        producer="identity",
        correlation_id=correlation_id,
    )
    return event


async def eventually(fetch: Callable[[], Awaitable[dict[str, Any]]], done: Callable[[dict[str, Any]], bool]) -> Any:
    """Poll `fetch` until `done` holds (the consumer is asynchronous); fail after a while."""
    body: dict[str, Any] = {}
    for _ in range(200):
        body = await fetch()
        if done(body):
            return body
        await asyncio.sleep(0.1)
    pytest.fail(f"the audit log never reached the expected state; last page: {body}")


async def test_published_events_appear_newest_first_and_page_by_cursor(
    audit: httpx.AsyncClient, jetstream: tuple[NATS, JetStreamContext], admin: dict[str, str]
) -> None:
    _, js = jetstream
    correlation = uuid.uuid4()
    events = [user_registered(correlation, f"u{i}@example.com") for i in range(3)]
    for event in events:
        await publish(js, event.subject, event.to_json(), msg_id=str(event.event_id))

    async def fetch() -> dict[str, Any]:
        response = await audit.get(AUDIT, params={"correlation_id": str(correlation)}, headers=admin)
        assert response.status_code == 200, response.text
        return dict(response.json())

    body = await eventually(fetch, lambda b: len(b["events"]) == 3)
    assert [e["event_id"] for e in body["events"]] == [str(e.event_id) for e in reversed(events)]
    newest = body["events"][0]
    assert newest["subject"] == "talent.user.registered.v1"
    assert newest["event_type"] == "UserRegistered"
    assert newest["producer"] == "identity"
    assert newest["payload"]["email"] == "u2@example.com"
    assert body["next_before"] is None

    first = (await audit.get(AUDIT, params={"correlation_id": str(correlation), "limit": 2}, headers=admin)).json()
    assert [e["event_id"] for e in first["events"]] == [str(events[2].event_id), str(events[1].event_id)]
    assert first["next_before"] == first["events"][-1]["seq"]
    second = (
        await audit.get(
            AUDIT,
            params={"correlation_id": str(correlation), "limit": 2, "before": first["next_before"]},
            headers=admin,
        )
    ).json()
    assert [e["event_id"] for e in second["events"]] == [str(events[0].event_id)]
    assert second["next_before"] is None


async def test_a_late_arrival_sorts_by_when_it_occurred_and_ties_page_stably(
    audit: httpx.AsyncClient, jetstream: tuple[NATS, JetStreamContext], admin: dict[str, str]
) -> None:
    _, js = jetstream
    correlation = uuid.uuid4()
    now = datetime.now(UTC)
    tied = [
        user_registered(correlation, f"tie{i}@example.com").model_copy(update={"occurred_at": now}) for i in range(2)
    ]
    # Published last but happened an hour ago (a relay that was down, say): it belongs at the end.
    late = user_registered(correlation, "late@example.com").model_copy(update={"occurred_at": now - timedelta(hours=1)})
    for event in (*tied, late):
        await publish(js, event.subject, event.to_json(), msg_id=str(event.event_id))

    async def fetch() -> dict[str, Any]:
        return dict((await audit.get(AUDIT, params={"correlation_id": str(correlation)}, headers=admin)).json())

    body = await eventually(fetch, lambda b: len(b["events"]) == 3)
    expected = [str(tied[1].event_id), str(tied[0].event_id), str(late.event_id)]
    assert [e["event_id"] for e in body["events"]] == expected

    seen: list[str] = []
    before: int | None = None
    while True:
        params: dict[str, Any] = {"correlation_id": str(correlation), "limit": 1}
        if before is not None:
            params["before"] = before
        page = (await audit.get(AUDIT, params=params, headers=admin)).json()
        seen += [e["event_id"] for e in page["events"]]
        before = page["next_before"]
        if before is None:
            break
    assert seen == expected


async def test_filters_by_event_type_and_actor(
    audit: httpx.AsyncClient, jetstream: tuple[NATS, JetStreamContext], admin: dict[str, str]
) -> None:
    _, js = jetstream
    actor = str(uuid.uuid4())
    job = JobPosted.build(
        JobPostedPayload(job_id=uuid.uuid4(), recruiter_id=uuid.uuid4(), title="Engineer", description="Build"),
        producer="jobs",
        actor_id=actor,
    )
    registered = UserRegistered.build(
        UserRegisteredPayload(user_id=uuid.UUID(actor), email="a@example.com", role="recruiter"),
        producer="identity",
        actor_id=actor,
    )
    for event in (registered, job):
        await publish(js, event.subject, event.to_json(), msg_id=str(event.event_id))

    async def by_actor() -> dict[str, Any]:
        return dict((await audit.get(AUDIT, params={"actor_id": actor}, headers=admin)).json())

    body = await eventually(by_actor, lambda b: len(b["events"]) == 2)
    assert {e["event_type"] for e in body["events"]} == {"JobPosted", "UserRegistered"}
    only_jobs = (await audit.get(AUDIT, params={"actor_id": actor, "event_type": "JobPosted"}, headers=admin)).json()
    assert [e["event_id"] for e in only_jobs["events"]] == [str(job.event_id)]


async def test_an_event_type_without_a_contract_is_recorded_as_it_came(
    audit: httpx.AsyncClient, jetstream: tuple[NATS, JetStreamContext], admin: dict[str, str]
) -> None:
    _, js = jetstream
    event_id = uuid.uuid4()
    envelope = {
        "event_id": str(event_id),
        "event_type": "OfferExtended",
        "version": 2,
        "occurred_at": "2026-11-21T10:00:00Z",
        "producer": "offers",
        "payload": {"offer_id": "o-1", "salary": {"amount": 100, "currency": "EUR"}},
    }
    await publish(js, "talent.offer.extended.v2", json.dumps(envelope).encode(), msg_id=str(event_id))

    async def fetch() -> dict[str, Any]:
        return dict((await audit.get(AUDIT, params={"event_type": "OfferExtended"}, headers=admin)).json())

    body = await eventually(fetch, lambda b: any(e["event_id"] == str(event_id) for e in b["events"]))
    recorded = next(e for e in body["events"] if e["event_id"] == str(event_id))
    assert recorded["subject"] == "talent.offer.extended.v2"
    assert recorded["version"] == 2
    assert recorded["payload"] == envelope["payload"]


async def test_the_same_event_delivered_twice_is_stored_once(
    audit: httpx.AsyncClient, jetstream: tuple[NATS, JetStreamContext], admin: dict[str, str]
) -> None:
    _, js = jetstream
    correlation = uuid.uuid4()
    twice = user_registered(correlation, "twice@example.com")
    marker = user_registered(correlation, "marker@example.com")
    # Different message ids get past JetStream's de-duplication: the log itself must hold the line.
    await publish(js, twice.subject, twice.to_json())
    await publish(js, twice.subject, twice.to_json())
    await publish(js, marker.subject, marker.to_json())

    async def fetch() -> dict[str, Any]:
        return dict((await audit.get(AUDIT, params={"correlation_id": str(correlation)}, headers=admin)).json())

    # One consumer handles the stream in order, so once the marker is in, both copies were handled.
    body = await eventually(fetch, lambda b: any(e["event_id"] == str(marker.event_id) for e in b["events"]))
    assert [e["event_id"] for e in body["events"]] == [str(marker.event_id), str(twice.event_id)]


async def test_appending_a_logged_event_again_adds_nothing(postgres_url: str, audit: httpx.AsyncClient) -> None:
    # `audit` ran the migrations; this exercises the log's own ON CONFLICT, behind the inbox.
    event = user_registered(uuid.uuid4(), "direct@example.com")
    db = Database(postgres_url)
    try:
        async with db.transaction() as session:
            assert await AuditLog(session).append([audit_record(event)]) == 1
        async with db.transaction() as session:
            assert await AuditLog(session).append([audit_record(event), audit_record(event)]) == 0
    finally:
        await db.dispose()


@pytest.mark.parametrize("role", ["candidate", "recruiter"])
async def test_only_admins_read_the_log(audit: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
    response = await audit.get(AUDIT, headers=test_issuer.headers(uuid.uuid4(), role=role))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert (await audit.get(AUDIT)).status_code == 401


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"before": "x"},
        {"correlation_id": "nope"},
        # Past a bigint, or a NUL PostgreSQL text cannot hold: invalid input, not a 500 from the query.
        {"before": 2**63},
        {"event_type": "a\u0000"},
        {"actor_id": "\u0000"},
    ],
)
async def test_bad_query_parameters_are_422(
    audit: httpx.AsyncClient, admin: dict[str, str], params: dict[str, Any]
) -> None:
    response = await audit.get(AUDIT, params=params, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit.audit_events SET producer = 'forger'",
        "DELETE FROM audit.audit_events",
        "TRUNCATE audit.audit_events",
    ],
)
async def test_the_database_refuses_to_rewrite_the_log(
    postgres_url: str, audit: httpx.AsyncClient, statement: str
) -> None:
    db = Database(postgres_url)
    try:
        async with db.transaction() as session:
            await AuditLog(session).append([audit_record(user_registered(uuid.uuid4(), "kept@example.com"))])
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.transaction() as session:
                await session.execute(text(statement))
    finally:
        await db.dispose()
