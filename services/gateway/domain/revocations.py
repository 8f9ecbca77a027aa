"""Revoked sessions: per user, the instant before which their access tokens no longer count."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta


def _aware(moment: datetime) -> datetime:
    # A timestamp without a zone is UTC here, as everything the services write is.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class RevocationList:
    """user id → revoked_before; a token of that user issued at or before it is refused.

    An entry is only needed while tokens issued before it can still be unexpired, so entries older
    than `retention` (the longest access-token lifetime) are dropped as new ones arrive.
    """

    def __init__(self, *, retention: timedelta) -> None:
        self._retention = retention
        self._revoked: dict[uuid.UUID, datetime] = {}
        self._pruned_at: datetime | None = None

    def __len__(self) -> int:
        return len(self._revoked)

    def revoke(self, user_id: uuid.UUID, revoked_before: datetime, *, now: datetime) -> None:
        """Refuse `user_id`'s tokens issued at or before `revoked_before` (a later revocation wins)."""
        revoked_before = _aware(revoked_before)
        known = self._revoked.get(user_id)
        if known is None or revoked_before > known:
            self._revoked[user_id] = revoked_before
        if self._pruned_at is None or now - self._pruned_at >= self._retention / 4:
            self.prune(now=now)

    def prune(self, *, now: datetime) -> None:
        """Forget revocations every token they could apply to has outlived."""
        horizon = now - self._retention
        self._revoked = {user: before for user, before in self._revoked.items() if before >= horizon}
        self._pruned_at = now

    def is_revoked(self, user_id: uuid.UUID, issued_at: datetime | None) -> bool:
        """Whether a token of `user_id` issued at `issued_at` was revoked (one without a time is, if any was)."""
        revoked_before = self._revoked.get(user_id)
        if revoked_before is None:
            return False
        return issued_at is None or _aware(issued_at) <= revoked_before
