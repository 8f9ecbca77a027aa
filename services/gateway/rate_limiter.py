"""Rate limits shared by every gateway replica: sliding window counters in a NATS KV bucket.

Each counter is one key; a request reads it, decides (`domain.rate_limits.hit`) and writes the new
state only if nobody wrote in between (compare-and-set on the key's revision), else reads again.
So replicas never admit more than the limit between them, with no lock and no process memory.

When the store cannot be reached the limiter fails open (the request goes through, a warning is
logged and `gateway_rate_limit_errors_total` counts it): an outage of the counters must not become
an outage of the API.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeVar

import nats.errors
from limits import RateLimitItem
from nats.aio.client import Client as NATS
from nats.errors import NoRespondersError
from nats.js import JetStreamContext
from nats.js.api import KeyValueConfig, StorageType
from nats.js.errors import BadRequestError, BucketNotFoundError, KeyNotFoundError, KeyWrongLastSequenceError
from nats.js.kv import KeyValue
from prometheus_client import Counter

from services.gateway.domain.rate_limits import RateLimitRule, Verdict, WindowState, counter_key, hit, longest_period
from talentkit.logs import get_logger

log = get_logger(__name__)

RATE_LIMIT_ERRORS = Counter(
    "gateway_rate_limit_errors_total",
    "Rate-limit checks that could not reach the counter store and let the request through (fail open).",
    ["limit"],
)
RATE_LIMITED = Counter("gateway_rate_limited_total", "Requests refused with 429, by limit.", ["limit"])

T = TypeVar("T")

# Only what a network or server problem raises: anything else is a bug and must not be swallowed.
_STORE_ERRORS = (nats.errors.Error, TimeoutError, OSError)
_WARN_EVERY_SECONDS = 10.0


def bucket_max_age(rules: Mapping[str, Sequence[RateLimitRule]]) -> int:
    """How long an untouched counter must live: two of the longest windows (a sliding window counter
    still weighs the previous window's count until the current one ends)."""
    return 2 * max(longest_period(rules), 1)


def rules_from(limits: Mapping[str, Sequence[RateLimitItem]]) -> dict[str, list[RateLimitRule]]:
    """The named limits as rules (each notation may hold several windows: `10/minute;100/hour`)."""
    return {name: [RateLimitRule.from_item(name, item) for item in items] for name, items in limits.items()}


async def open_bucket(js: JetStreamContext, name: str, *, max_age: int) -> KeyValue:
    """The counters' bucket, created on first use and its `max_age` raised when longer windows need it.

    One revision per key (only the latest count matters), direct gets (any replica answers reads),
    on file, so counters and the bucket itself survive a NATS restart.
    """
    try:
        kv = await js.key_value(name)
    except BucketNotFoundError:
        config = KeyValueConfig(bucket=name, history=1, ttl=max_age, storage=StorageType.FILE, direct=True)
        try:
            return await js.create_key_value(config)
        except BadRequestError:
            # Another replica created it a moment ago (with other settings): use theirs, adjusted below.
            kv = await js.key_value(name)
    stream = f"KV_{name}"
    info = await js.stream_info(stream)
    if info.config.max_age is not None and 0 < info.config.max_age < max_age:
        info.config.max_age = max_age
        await js.update_stream(info.config)
    return kv


class RateLimiter:
    """Counts requests against named rules in a shared KV bucket.

    `reopen` recreates the bucket should it vanish (deleted by hand, or a NATS that lost its
    state); until it is back, requests pass as when NATS is unreachable.
    """

    def __init__(
        self,
        kv: KeyValue,
        nc: NATS,
        rules: Mapping[str, Sequence[RateLimitRule]],
        *,
        timeout: float = 0.5,
        max_attempts: int = 100,
        clock: Callable[[], float] = time.time,
        reopen: Callable[[], Awaitable[KeyValue]] | None = None,
    ) -> None:
        self._kv = kv
        self._nc = nc
        self.rules = {name: tuple(windows) for name, windows in rules.items()}
        self._timeout = timeout
        self._max_attempts = max_attempts
        self._clock = clock
        self._reopen = reopen
        self._reopened_at = -_WARN_EVERY_SECONDS
        self._last_warning = -_WARN_EVERY_SECONDS

    async def check(self, name: str, subject: str) -> Verdict | None:
        """Count one request by `subject` against every window of limit `name`.

        The first refusing window's verdict, else the admitted verdict with the fewest requests left;
        None when the limit has no windows or the store could not be reached (the request may pass).
        A later window refusing leaves the earlier ones counted: a refused request still costs.
        """
        tightest: Verdict | None = None
        for rule in self.rules.get(name, ()):
            verdict = await self.hit(rule, subject)
            if verdict is None:
                return None
            if not verdict.allowed:
                return verdict
            if tightest is None or verdict.remaining < tightest.remaining:
                tightest = verdict
        return tightest

    async def hit(self, rule: RateLimitRule, subject: str) -> Verdict | None:
        """Count one request by `subject` against `rule`; None when the store could not be reached."""
        if not self._nc.is_connected:
            self._failed_open(rule, "not connected")
            return None
        key = counter_key(rule, subject)
        try:
            for attempt in range(self._max_attempts):
                try:
                    entry = await self._bounded(self._kv.get(key))
                except KeyNotFoundError:
                    entry = None
                state = WindowState.decode(entry.value or b"") if entry is not None else None
                verdict, new_state = hit(state, rule, now=self._clock())
                if new_state is None:
                    RATE_LIMITED.labels(rule.name).inc()
                    return verdict
                try:
                    if entry is None:
                        await self._bounded(self._kv.create(key, new_state.encode()))
                    else:
                        await self._bounded(self._kv.update(key, new_state.encode(), last=entry.revision))
                except KeyWrongLastSequenceError:
                    # Another request (on this replica or another) counted first: read again and redo.
                    await asyncio.sleep(random.uniform(0, min(0.02, 0.001 * (attempt + 1))))
                    continue
                return verdict
        except _STORE_ERRORS as exc:
            self._failed_open(rule, f"{type(exc).__name__}: {exc}")
            if isinstance(exc, NoRespondersError):
                # Nobody stores `$KV.<bucket>.*` any more: the bucket itself is gone.
                await self._recreate_bucket()
            return None
        # So many writers on one key that this one never got through: that key is under a flood.
        log.warning("rate_limit.contention", limit=rule.name, attempts=self._max_attempts)
        RATE_LIMITED.labels(rule.name).inc()
        return Verdict(rule=rule, allowed=False, remaining=0, reset_after=1.0, retry_after=1.0)

    async def _recreate_bucket(self) -> None:
        now = time.monotonic()
        if self._reopen is None or now - self._reopened_at < _WARN_EVERY_SECONDS:
            return
        self._reopened_at = now
        try:
            self._kv = await self._bounded(self._reopen())
        except _STORE_ERRORS as exc:
            log.warning("rate_limit.bucket_unavailable", error=f"{type(exc).__name__}: {exc}")
        else:
            log.warning("rate_limit.bucket_recreated")

    async def _bounded(self, operation: Awaitable[T]) -> T:
        return await asyncio.wait_for(operation, timeout=self._timeout)

    def _failed_open(self, rule: RateLimitRule, reason: str) -> None:
        RATE_LIMIT_ERRORS.labels(rule.name).inc()
        # One line per interval, not one per request, while the store is away.
        now = time.monotonic()
        if now - self._last_warning >= _WARN_EVERY_SECONDS:
            self._last_warning = now
            log.warning("rate_limit.store_unavailable", limit=rule.name, error=reason, action="request allowed")
