"""The revocation list: which tokens a revocation voids, and how long it is remembered."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from services.gateway.domain.revocations import RevocationList

pytestmark = pytest.mark.unit

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_tokens_issued_at_or_before_the_revocation_are_void_later_ones_not() -> None:
    revocations = RevocationList(retention=timedelta(hours=1))
    user, other = uuid.uuid4(), uuid.uuid4()
    revocations.revoke(user, NOW, now=NOW)
    assert revocations.is_revoked(user, NOW - timedelta(minutes=5))
    assert revocations.is_revoked(user, NOW)
    assert not revocations.is_revoked(user, NOW + timedelta(seconds=1))
    assert not revocations.is_revoked(other, NOW - timedelta(minutes=5))


def test_a_later_revocation_wins_and_an_older_one_arriving_late_changes_nothing() -> None:
    revocations = RevocationList(retention=timedelta(hours=1))
    user = uuid.uuid4()
    revocations.revoke(user, NOW, now=NOW)
    revocations.revoke(user, NOW - timedelta(minutes=10), now=NOW)
    assert revocations.is_revoked(user, NOW - timedelta(seconds=1))
    revocations.revoke(user, NOW + timedelta(minutes=1), now=NOW)
    assert revocations.is_revoked(user, NOW + timedelta(seconds=30))


def test_a_revocation_without_a_zone_is_utc() -> None:
    revocations = RevocationList(retention=timedelta(hours=1))
    user = uuid.uuid4()
    revocations.revoke(user, NOW.replace(tzinfo=None), now=NOW)
    assert revocations.is_revoked(user, NOW - timedelta(seconds=1))
    assert not revocations.is_revoked(user, NOW + timedelta(seconds=1))


def test_revocations_are_forgotten_once_no_token_they_void_can_be_alive() -> None:
    revocations = RevocationList(retention=timedelta(hours=1))
    old, recent = uuid.uuid4(), uuid.uuid4()
    revocations.revoke(old, NOW - timedelta(hours=2), now=NOW)
    revocations.revoke(recent, NOW - timedelta(minutes=5), now=NOW)
    revocations.prune(now=NOW)
    assert len(revocations) == 1
    assert revocations.is_revoked(recent, NOW - timedelta(minutes=6))
