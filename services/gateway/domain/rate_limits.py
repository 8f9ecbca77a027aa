"""Rate-limit arithmetic: a sliding window counter, as plain functions over plain data.

Why a sliding window counter, and not the alternatives:

- A fixed window (count per calendar window) lets a client spend its whole allowance at the end of
  one window and again at the start of the next: 10 login attempts within a second on a limit of
  5 per 15 minutes.
- A sliding log (one timestamp per request) is exact, but its value grows with the limit (100
  timestamps for 100/minute) and every request rewrites all of it.
- The sliding window counter keeps two numbers per key: the count of the current fixed window and
  of the one before. The previous window's count is weighted by how much of it still overlaps the
  sliding window that ends now (the requests in it are assumed evenly spread). One small value per
  key, one compare-and-set per request, and no burst at a window boundary: right after a rollover
  almost the whole previous count still counts. It can only err towards refusing (when the previous
  window's requests came early), never towards admitting more than the limit in any window.

Every function takes `now` (seconds since the epoch), so the store decides nothing about time.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from limits import RateLimitItem

_TOLERANCE = 1e-9


@dataclass(frozen=True)
class RateLimitRule:
    """One window of a named limit: at most `amount` requests per `period` seconds."""

    name: str
    amount: int
    period: int

    @classmethod
    def from_item(cls, name: str, item: RateLimitItem) -> RateLimitRule:
        """The rule `item` (parsed by `limits`) describes, under `name`."""
        return cls(name=name, amount=int(item.amount), period=int(item.get_expiry()))

    def __str__(self) -> str:
        return f"{self.amount}/{self.period}s"


@dataclass(frozen=True)
class WindowState:
    """What the store keeps for one key: the index of the current window and two counts."""

    window: int
    current: int
    previous: int

    def encode(self) -> bytes:
        """The stored form."""
        return json.dumps({"w": self.window, "c": self.current, "p": self.previous}, separators=(",", ":")).encode()

    @classmethod
    def decode(cls, data: bytes) -> WindowState | None:
        """The state in `data`, or None when it is not a state this code wrote (it is then started afresh)."""
        try:
            raw = json.loads(data)
            state = cls(window=int(raw["w"]), current=int(raw["c"]), previous=int(raw["p"]))
        except (ValueError, TypeError, KeyError):
            return None
        return state if state.current >= 0 and state.previous >= 0 else None


@dataclass(frozen=True)
class Verdict:
    """The outcome of one request against one rule, with what the response headers tell the client.

    `reset_after`: seconds until no request made so far counts against the rule any more.
    `retry_after`: seconds until one more request would be admitted (0 when this one was).
    """

    rule: RateLimitRule
    allowed: bool
    remaining: int
    reset_after: float
    retry_after: float


def _rolled(state: WindowState | None, window: int) -> tuple[int, int]:
    """(previous, current) counts as seen from `window`."""
    if state is None or state.window < window - 1:
        return 0, 0
    if state.window == window - 1:
        return state.current, 0
    # The stored window is this one, or (a replica whose clock runs behind) a later one: take it as current.
    return state.previous, state.current


def _weighted(previous: int, current: int, elapsed_fraction: float) -> float:
    return previous * (1.0 - elapsed_fraction) + current


def hit(state: WindowState | None, rule: RateLimitRule, *, now: float) -> tuple[Verdict, WindowState | None]:
    """Count one request at `now`: the verdict, and the state to store (None when refused: nothing changes)."""
    window, into = divmod(now, rule.period)
    window_index = int(window)
    fraction = into / rule.period
    previous, current = _rolled(state, window_index)
    if state is not None and state.window > window_index:
        fraction = 0.0
        window_index = state.window
    window_end = (window_index + 1) * rule.period - now
    estimate = _weighted(previous, current, fraction)
    # The tolerance keeps float rounding from refusing a request at the very instant Retry-After named.
    if estimate + 1 > rule.amount + _TOLERANCE:
        verdict = Verdict(
            rule=rule,
            allowed=False,
            remaining=0,
            reset_after=_reset_after(previous, current, window_end, rule.period),
            retry_after=_retry_after(previous, current, fraction, window_end, rule),
        )
        return verdict, None
    current += 1
    remaining = max(0, math.floor(rule.amount - _weighted(previous, current, fraction)))
    verdict = Verdict(
        rule=rule,
        allowed=True,
        remaining=remaining,
        reset_after=_reset_after(previous, current, window_end, rule.period),
        retry_after=0.0,
    )
    return verdict, WindowState(window=window_index, current=current, previous=previous)


def _reset_after(previous: int, current: int, window_end: float, period: int) -> float:
    # This window's requests weigh on the sliding window until the end of the next one; the
    # previous window's only until this one ends.
    if current:
        return window_end + period
    if previous:
        return window_end
    return 0.0


def _retry_after(previous: int, current: int, fraction: float, window_end: float, rule: RateLimitRule) -> float:
    """Seconds until `previous * (1 - f) + current + 1 <= amount` holds again (the next admission)."""
    room = rule.amount - 1
    if current <= room:
        # Within this window, as the previous window's weight fades (previous > 0, or we'd have admitted).
        needed_fraction = 1.0 - (room - current) / previous
        return max(0.0, (needed_fraction - fraction) * rule.period)
    # Not before the next window, where today's count becomes the fading previous one.
    needed_fraction = 1.0 - room / current
    return window_end + needed_fraction * rule.period


def counter_key(rule: RateLimitRule, subject: str) -> str:
    """The store key of `subject`'s counter (e.g. `ip:203.0.113.9`, `user:<id>`) under `rule`.

    Hashed: an IPv6 address or anything a client sent must never shape a key, and NATS keys allow
    only `[-/_=.a-zA-Z0-9]`. The period is part of the key, so changing a window starts afresh.
    """
    digest = hashlib.sha256(subject.encode()).hexdigest()[:40]
    return f"{rule.name}.{rule.period}.{digest}"


def longest_period(rules: Mapping[str, Sequence[RateLimitRule]]) -> int:
    """The longest window among `rules` (0 when there are none)."""
    return max((rule.period for windows in rules.values() for rule in windows), default=0)


def limit_headers(verdict: Verdict) -> dict[str, str]:
    """The X-RateLimit-* headers describing `verdict` (Reset in seconds from now), plus Retry-After on a refusal."""
    headers = {
        "X-RateLimit-Limit": str(verdict.rule.amount),
        "X-RateLimit-Remaining": str(verdict.remaining),
        "X-RateLimit-Reset": str(math.ceil(verdict.reset_after)),
    }
    if not verdict.allowed:
        # Never 0: a client told to retry at once would just be refused again.
        headers["Retry-After"] = str(max(1, math.ceil(verdict.retry_after)))
    return headers


def describe_period(seconds: int) -> str:
    """`900` → `15 minutes`, `3600` → `hour`: how a refusal names the window."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return unit if count == 1 else f"{count} {unit}s"
    return "second" if seconds == 1 else f"{seconds} seconds"
