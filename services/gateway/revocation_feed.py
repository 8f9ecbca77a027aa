"""Following identity's `UserAccessRevoked` events into the gateway's in-memory revocation list.

An ordered, ephemeral JetStream consumer per replica (every replica needs every revocation, so none
is shared): it replays the events of the last `lookback` (the longest access-token lifetime, so no
token that a revocation voids can still be alive unseen) and then follows live ones. The gateway is
not ready until the replay has caught up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy
from pydantic import ValidationError

from contracts.events.identity import UserAccessRevoked
from contracts.registry import STREAM_NAME
from services.gateway.domain.revocations import RevocationList
from talentkit.logs import get_logger

log = get_logger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


class RevocationFeed:
    """Feeds `revocations` from the event stream; `caught_up` is set once the replay is done."""

    def __init__(
        self,
        js: JetStreamContext,
        revocations: RevocationList,
        *,
        lookback: timedelta,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._js = js
        self.revocations = revocations
        self._lookback = lookback
        self._clock = clock
        self.caught_up = asyncio.Event()
        self._subscription: JetStreamContext.PushSubscription | None = None

    async def start(self) -> None:
        """Subscribe from `now - lookback`; returns once subscribed (the replay goes on in the background)."""
        config = ConsumerConfig(
            deliver_policy=DeliverPolicy.BY_START_TIME, opt_start_time=self._clock() - self._lookback
        )
        subscription = await self._js.subscribe(
            UserAccessRevoked.subject, stream=STREAM_NAME, cb=self._on_message, ordered_consumer=True, config=config
        )
        self._subscription = subscription
        info = await subscription.consumer_info()
        if info.num_pending == 0 and not (info.delivered and info.delivered.consumer_seq):
            # Nothing to replay and nothing delivered yet: the list is as complete as it gets.
            self._mark_caught_up(replayed=0)

    async def stop(self) -> None:
        """Stop following (the ephemeral consumer goes away with the subscription)."""
        subscription = self._subscription
        self._subscription = None
        if subscription is not None:
            await subscription.unsubscribe()

    async def _on_message(self, msg: Msg) -> None:
        try:
            event = UserAccessRevoked.model_validate_json(msg.data)
        except ValidationError:
            # An ordered consumer cannot redeliver: a message that never parses is logged and passed.
            log.warning("revocation.undecodable", subject=msg.subject, size=len(msg.data))
        else:
            self.revocations.revoke(event.payload.user_id, event.payload.revoked_before, now=self._clock())
            log.info(
                "revocation.applied",
                user_id=str(event.payload.user_id),
                reason=event.payload.reason,
                revoked_before=event.payload.revoked_before.isoformat(),
            )
        if not self.caught_up.is_set() and msg.metadata.num_pending == 0:
            self._mark_caught_up(replayed=msg.metadata.sequence.consumer)

    def _mark_caught_up(self, *, replayed: int) -> None:
        self.caught_up.set()
        log.info("revocation.replayed", events=replayed, users=len(self.revocations))
