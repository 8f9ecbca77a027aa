"""The revocation feed against a real NATS: replay at start-up, then live events."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext

from contracts.events.identity import UserAccessRevoked, UserAccessRevokedPayload
from services.gateway.domain.revocations import RevocationList
from services.gateway.revocation_feed import RevocationFeed
from talentkit.testing.bus import eventually, publish

pytestmark = pytest.mark.integration

HOUR = timedelta(hours=1)


async def revoke(js: JetStreamContext, user_id: uuid.UUID, before: datetime) -> None:
    payload = UserAccessRevokedPayload(user_id=user_id, revoked_before=before, reason="password_changed")
    await publish(js, UserAccessRevoked.build(payload, producer="identity"))


async def test_revocations_are_replayed_then_followed(jetstream: tuple[NATS, JetStreamContext]) -> None:
    _, js = jetstream
    now = datetime.now(UTC)
    earlier = [uuid.uuid4() for _ in range(3)]
    for user in earlier:
        await revoke(js, user, now)
    feed = RevocationFeed(js, RevocationList(retention=HOUR), lookback=HOUR)
    await feed.start()
    try:
        await asyncio.wait_for(feed.caught_up.wait(), timeout=10)
        # Caught up means every revocation published before the start is in the list.
        for user in earlier:
            assert feed.revocations.is_revoked(user, now - timedelta(seconds=1))
            assert not feed.revocations.is_revoked(user, now + timedelta(seconds=1))
        later = uuid.uuid4()
        assert not feed.revocations.is_revoked(later, now)
        await revoke(js, later, now)
        await eventually(lambda: feed.revocations.is_revoked(later, now), timeout=10)
    finally:
        await feed.stop()
    # Stopped: nothing more arrives.
    gone = uuid.uuid4()
    await revoke(js, gone, now)
    await asyncio.sleep(0.5)
    assert not feed.revocations.is_revoked(gone, now)
