"""The rate limiter against a real NATS server: shared counters, windows, Retry-After, failing open."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.kv import KeyValue
from prometheus_client import REGISTRY

from services.gateway.domain.rate_limits import RateLimitRule, Verdict
from services.gateway.rate_limiter import RateLimiter, open_bucket
from talentkit.bus.connection import close_nats, connect
from talentkit.testing.servers import running_nats

pytestmark = pytest.mark.integration

T0 = 1_800_000_000.0  # the start of a minute, an hour and a day


class Clock:
    """A clock the test moves by hand, so windows pass without waiting."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def bucket_name(jetstream: tuple[NATS, JetStreamContext]) -> AsyncIterator[str]:
    """A fresh counters bucket on the session's NATS."""
    _, js = jetstream
    name = f"rl_test_{uuid.uuid4().hex[:10]}"
    await open_bucket(js, name, max_age=600)
    yield name
    await js.delete_key_value(name)


@pytest.fixture
async def bucket(jetstream: tuple[NATS, JetStreamContext], bucket_name: str) -> KeyValue:
    """The fresh bucket, through the test's connection."""
    return await jetstream[1].key_value(bucket_name)


async def counted(limiter: RateLimiter, rule: RateLimitRule, subject: str) -> Verdict:
    """One hit, which the (reachable) store must have decided."""
    verdict = await limiter.hit(rule, subject)
    assert verdict is not None
    return verdict


def limiter_on(
    kv: KeyValue, nc: NATS, rule: RateLimitRule, clock: Callable[[], float], *, timeout: float = 0.5
) -> RateLimiter:
    return RateLimiter(kv, nc, {rule.name: [rule]}, clock=clock, timeout=timeout)


async def test_two_replicas_hammering_one_counter_admit_exactly_the_limit(
    nats_url: str, jetstream: tuple[NATS, JetStreamContext], bucket: KeyValue, bucket_name: str
) -> None:
    rule = RateLimitRule(name="api", amount=10, period=60)
    clock = Clock(T0 + 20)
    # Two gateway replicas: separate connections, the same bucket.
    other_nc = await connect(nats_url, name="replica-b")
    try:
        other_kv = await other_nc.jetstream().key_value(bucket_name)
        replicas = [
            limiter_on(bucket, jetstream[0], rule, clock, timeout=5.0),
            limiter_on(other_kv, other_nc, rule, clock, timeout=5.0),
        ]
        subject = f"user:{uuid.uuid4()}"
        verdicts = await asyncio.gather(*(replicas[i % 2].hit(rule, subject) for i in range(50)))
    finally:
        await close_nats(other_nc)
    assert all(verdict is not None for verdict in verdicts)
    admitted = [verdict for verdict in verdicts if verdict is not None and verdict.allowed]
    assert len(admitted) == 10
    # Each admitted request saw a different count: the remaining values are exactly 9..0.
    assert sorted(verdict.remaining for verdict in admitted) == list(range(10))
    refused = [verdict for verdict in verdicts if verdict is not None and not verdict.allowed]
    assert all(verdict.retry_after > 0 for verdict in refused)


async def test_counters_are_per_subject(jetstream: tuple[NATS, JetStreamContext], bucket: KeyValue) -> None:
    rule = RateLimitRule(name="login", amount=1, period=900)
    limiter = limiter_on(bucket, jetstream[0], rule, Clock(T0 + 5))
    assert (await counted(limiter, rule, "ip:203.0.113.1")).allowed
    assert (await counted(limiter, rule, "ip:203.0.113.2")).allowed
    assert not (await counted(limiter, rule, "ip:203.0.113.1")).allowed


async def test_the_window_passes_and_requests_are_admitted_again(
    jetstream: tuple[NATS, JetStreamContext], bucket: KeyValue
) -> None:
    rule = RateLimitRule(name="register", amount=3, period=3600)
    clock = Clock(T0 + 100)
    limiter = limiter_on(bucket, jetstream[0], rule, clock)
    results = [await limiter.hit(rule, "ip:198.51.100.4") for _ in range(4)]
    assert [verdict.allowed for verdict in results if verdict is not None] == [True, True, True, False]
    clock.now += 2 * 3600  # past the next window too: nothing of the old count weighs any more
    after = [await limiter.hit(rule, "ip:198.51.100.4") for _ in range(4)]
    assert [verdict.allowed for verdict in after if verdict is not None] == [True, True, True, False]


async def test_retry_after_is_when_the_store_admits_again(
    jetstream: tuple[NATS, JetStreamContext], bucket: KeyValue
) -> None:
    rule = RateLimitRule(name="upload", amount=4, period=60)
    clock = Clock(T0 + 45)
    limiter = limiter_on(bucket, jetstream[0], rule, clock)
    subject = f"user:{uuid.uuid4()}"
    for _ in range(4):
        assert (await counted(limiter, rule, subject)).allowed
    refused = await counted(limiter, rule, subject)
    assert not refused.allowed
    # 15 s to the end of this window, then the four fade: 4 * (1 - f) + 1 <= 4 at f = 0.25, 15 s more.
    assert refused.retry_after == pytest.approx(30.0)
    clock.now += refused.retry_after - 0.5
    assert not (await counted(limiter, rule, subject)).allowed
    clock.now += 0.5
    assert (await counted(limiter, rule, subject)).allowed


async def test_every_window_of_a_limit_counts(jetstream: tuple[NATS, JetStreamContext], bucket: KeyValue) -> None:
    minute = RateLimitRule(name="api", amount=5, period=60)
    hour = RateLimitRule(name="api", amount=7, period=3600)
    clock = Clock(T0 + 1)
    limiter = RateLimiter(bucket, jetstream[0], {"api": [minute, hour]}, clock=clock)
    subject = f"user:{uuid.uuid4()}"
    first = [await limiter.check("api", subject) for _ in range(6)]
    assert [v.allowed for v in first if v is not None] == [True] * 5 + [False]
    assert first[4] is not None
    assert first[4].remaining == 0
    clock.now += 120  # the minute window has passed, the hour has two requests left
    second = [await limiter.check("api", subject) for _ in range(3)]
    assert [v.allowed for v in second if v is not None] == [True, True, False]
    assert second[2] is not None
    assert second[2].rule == hour


async def test_the_bucket_keeps_one_revision_and_outlives_the_longest_window(
    jetstream: tuple[NATS, JetStreamContext],
) -> None:
    _, js = jetstream
    name = f"rl_test_{uuid.uuid4().hex[:10]}"
    try:
        await open_bucket(js, name, max_age=600)
        config = (await js.stream_info(f"KV_{name}")).config
        assert config.max_msgs_per_subject == 1
        assert config.max_age == pytest.approx(600)
        # A longer window configured later (another replica, a new setting) raises the bucket's age.
        await open_bucket(js, name, max_age=7200)
        assert (await js.stream_info(f"KV_{name}")).config.max_age == pytest.approx(7200)
        await open_bucket(js, name, max_age=60)
        assert (await js.stream_info(f"KV_{name}")).config.max_age == pytest.approx(7200)
    finally:
        await js.delete_key_value(name)


def _errors(limit: str) -> float:
    return REGISTRY.get_sample_value("gateway_rate_limit_errors_total", {"limit": limit}) or 0.0


async def test_an_unreachable_store_lets_requests_through_and_counts_it(tmp_path: Path) -> None:
    rule = RateLimitRule(name="login", amount=1, period=60)
    with running_nats(tmp_path / "nats") as url:
        nc = await connect(url, name="doomed")
        kv = await open_bucket(nc.jetstream(), "rl_doomed", max_age=120)
        limiter = limiter_on(kv, nc, rule, Clock(T0 + 1), timeout=0.3)
        assert (await limiter.hit(rule, "ip:192.0.2.1")) is not None
    # The server is gone now.
    before = _errors("login")
    try:
        results = [await limiter.hit(rule, "ip:192.0.2.1") for _ in range(3)]
    finally:
        await nc.close()
    assert results == [None, None, None]
    assert _errors("login") == before + 3


async def test_a_vanished_bucket_fails_open_once_and_is_recreated(jetstream: tuple[NATS, JetStreamContext]) -> None:
    nc, js = jetstream
    name = f"rl_test_{uuid.uuid4().hex[:10]}"
    rule = RateLimitRule(name="api", amount=1, period=60)

    async def reopen() -> KeyValue:
        return await open_bucket(js, name, max_age=120)

    limiter = RateLimiter(await reopen(), nc, {"api": [rule]}, clock=Clock(T0 + 1), reopen=reopen)
    try:
        assert (await counted(limiter, rule, "ip:192.0.2.9")).allowed
        await js.delete_key_value(name)
        assert await limiter.hit(rule, "ip:192.0.2.9") is None
        # Back, empty: counting starts afresh and holds again.
        assert (await counted(limiter, rule, "ip:192.0.2.9")).allowed
        assert not (await counted(limiter, rule, "ip:192.0.2.9")).allowed
    finally:
        await js.delete_key_value(name)
