"""Identity consumes no events: it is the source of user events."""

from __future__ import annotations

from talentkit.bus import Subscription

SUBSCRIPTIONS: tuple[Subscription, ...] = ()
