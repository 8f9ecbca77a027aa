"""The gateway consumes no events (yet): it forwards HTTP and owns no state."""

from __future__ import annotations

from talentkit.bus import Subscription

SUBSCRIPTIONS: tuple[Subscription, ...] = ()
