"""The sliding window counter, its headers, and parsing limits from the settings."""

from __future__ import annotations

import pytest
from limits import parse_many

from services.gateway.domain.rate_limits import (
    RateLimitRule,
    WindowState,
    counter_key,
    describe_period,
    hit,
    limit_headers,
)
from services.gateway.rate_limiter import bucket_max_age, rules_from
from services.gateway.settings import GatewaySettings

pytestmark = pytest.mark.unit

FIVE_PER_MINUTE = RateLimitRule(name="login", amount=5, period=60)
T0 = 1_800_000_000.0  # a multiple of 60: the start of a window


def spend(rule: RateLimitRule, count: int, *, at: float, state: WindowState | None = None) -> WindowState | None:
    for _ in range(count):
        verdict, new_state = hit(state, rule, now=at)
        assert verdict.allowed
        state = new_state
    return state


def test_the_limit_is_admitted_and_the_next_request_refused() -> None:
    state: WindowState | None = None
    remaining = []
    for _ in range(5):
        verdict, state = hit(state, FIVE_PER_MINUTE, now=T0 + 10)
        assert verdict.allowed
        remaining.append(verdict.remaining)
    assert remaining == [4, 3, 2, 1, 0]
    refused, unchanged = hit(state, FIVE_PER_MINUTE, now=T0 + 11)
    assert not refused.allowed
    assert unchanged is None
    assert refused.remaining == 0


def test_the_boundary_does_not_double_the_burst() -> None:
    # Five at the very end of one window: a fixed window would admit five more a second later.
    state = spend(FIVE_PER_MINUTE, 5, at=T0 + 59)
    verdict, _ = hit(state, FIVE_PER_MINUTE, now=T0 + 61)
    assert not verdict.allowed


def test_the_previous_window_fades_out() -> None:
    state = spend(FIVE_PER_MINUTE, 5, at=T0 + 30)
    # 30 s into the next window half of the previous five still weigh: 2.5 + 1 <= 5, so two more.
    admitted = 0
    for _ in range(5):
        verdict, new_state = hit(state, FIVE_PER_MINUTE, now=T0 + 90)
        if verdict.allowed:
            admitted += 1
            state = new_state
    assert admitted == 2
    # A whole window later the old count is gone.
    fresh = spend(FIVE_PER_MINUTE, 5, at=T0 + 180, state=state)
    assert fresh == WindowState(window=int((T0 + 180) // 60), current=5, previous=0)


def test_retry_after_names_the_moment_the_next_request_gets_in() -> None:
    state = spend(FIVE_PER_MINUTE, 5, at=T0 + 30)
    refused, _ = hit(state, FIVE_PER_MINUTE, now=T0 + 40)
    # The five fade as the next window goes on: 5 * (1 - f) + 1 <= 5 when f >= 0.2, i.e. at T0 + 72.
    assert refused.retry_after == pytest.approx(32.0)
    assert limit_headers(refused)["Retry-After"] == "32"
    just_before, _ = hit(state, FIVE_PER_MINUTE, now=T0 + 71.9)
    assert not just_before.allowed
    at_the_time, _ = hit(state, FIVE_PER_MINUTE, now=T0 + 40 + refused.retry_after)
    assert at_the_time.allowed


def test_retry_after_within_the_window_when_the_previous_count_holds_it_shut() -> None:
    state = spend(FIVE_PER_MINUTE, 4, at=T0 + 30)
    state = spend(FIVE_PER_MINUTE, 1, at=T0 + 60, state=state)  # 4 * 1.0 + 1 = 5: full
    refused, _ = hit(state, FIVE_PER_MINUTE, now=T0 + 60)
    assert not refused.allowed
    # 4 * (1 - f) + 1 + 1 <= 5 when f >= 0.25: 15 s into this window.
    assert refused.retry_after == pytest.approx(15.0)
    later, _ = hit(state, FIVE_PER_MINUTE, now=T0 + 75)
    assert later.allowed


def test_one_per_window_waits_for_the_whole_next_window() -> None:
    one = RateLimitRule(name="register", amount=1, period=60)
    state = spend(one, 1, at=T0 + 59)
    refused, _ = hit(state, one, now=T0 + 59)
    assert refused.retry_after == pytest.approx(61.0)


def test_headers_describe_the_verdict() -> None:
    verdict, _ = hit(None, FIVE_PER_MINUTE, now=T0 + 15)
    assert limit_headers(verdict) == {
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "4",
        # This request weighs on the sliding window until the end of the next window.
        "X-RateLimit-Reset": "105",
    }


def test_a_replica_whose_clock_runs_behind_keeps_the_later_window() -> None:
    state = WindowState(window=int(T0 // 60) + 1, current=5, previous=0)
    verdict, _ = hit(state, FIVE_PER_MINUTE, now=T0 + 59.5)
    assert not verdict.allowed


@pytest.mark.parametrize("data", [b"", b"nonsense", b'{"w": 1}', b'{"w": 1, "c": -3, "p": 0}', b"[]"])
def test_a_state_this_code_did_not_write_starts_afresh(data: bytes) -> None:
    assert WindowState.decode(data) is None


def test_state_round_trips() -> None:
    state = WindowState(window=30_000_000, current=3, previous=7)
    assert WindowState.decode(state.encode()) == state


def test_keys_are_safe_for_nats_and_distinct_per_subject_and_window() -> None:
    key = counter_key(FIVE_PER_MINUTE, "ip:2001:db8::1")
    assert key.startswith("login.60.")
    assert all(ch.isalnum() or ch == "." for ch in key)
    assert counter_key(FIVE_PER_MINUTE, "ip:2001:db8::2") != key
    assert counter_key(RateLimitRule(name="login", amount=5, period=900), "ip:2001:db8::1") != key


@pytest.mark.parametrize(
    ("seconds", "text"), [(60, "minute"), (900, "15 minutes"), (3600, "hour"), (86400, "day"), (7, "7 seconds")]
)
def test_periods_read_as_people_say_them(seconds: int, text: str) -> None:
    assert describe_period(seconds) == text


def test_the_limits_come_from_unprefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_LOGIN", "10/minute;100/hour")
    monkeypatch.setenv("RATE_LIMIT_BULK_UPLOAD", "2/day")
    rules = rules_from(GatewaySettings().rate_limits())
    assert [(r.amount, r.period) for r in rules["login"]] == [(10, 60), (100, 3600)]
    assert [(r.amount, r.period) for r in rules["bulk_upload"]] == [(2, 86400)]
    assert [(r.amount, r.period) for r in rules["api"]] == [(100, 60)]
    # Counters must outlive the previous window of the longest limit.
    assert bucket_max_age(rules) == 2 * 86400


def test_the_defaults_are_the_documented_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOGIN", "REGISTER", "UPLOAD", "BULK_UPLOAD", "API"):
        monkeypatch.delenv(f"RATE_LIMIT_{name}", raising=False)
    settings = GatewaySettings()
    expected = {
        "login": "5/15minutes",
        "register": "3/hour",
        "upload": "10/hour",
        "bulk_upload": "20/day",
        "api": "100/minute",
    }
    for name, text in expected.items():
        assert settings.rate_limits()[name] == parse_many(text)


def test_a_limit_not_in_the_notation_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_API", "lots")
    with pytest.raises(ValueError, match="limits notation"):
        GatewaySettings()
