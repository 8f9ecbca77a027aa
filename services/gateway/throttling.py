"""Applying the rate limits to one request: which counters it spends, and the 429 when one is spent out."""

from __future__ import annotations

import uuid

from services.gateway.domain.client_address import counted_address
from services.gateway.domain.rate_limits import Verdict, describe_period, limit_headers
from services.gateway.domain.routes import PER_CLIENT_ADDRESS, Route
from services.gateway.rate_limiter import RateLimiter
from talentkit.errors import ApiError

API_LIMIT = "api"


def _subject(name: str, *, user_id: uuid.UUID | None, client_ip: str) -> str:
    # Sign-in and sign-up are counted per address (there is no user yet); everything else per user
    # when there is one, so people behind one NAT do not share a budget.
    if name in PER_CLIENT_ADDRESS or user_id is None:
        return f"ip:{counted_address(client_ip)}"
    return f"user:{user_id}"


def too_many_requests(verdict: Verdict) -> ApiError:
    """The 429 for a refused `verdict`, in the common error shape, with Retry-After."""
    headers = limit_headers(verdict)
    retry_after = int(headers["Retry-After"])
    rule = verdict.rule
    what = "requests" if rule.name == API_LIMIT else f"{rule.name.replace('_', ' ')} requests"
    return ApiError(
        429,
        f"too many {what}: at most {rule.amount} per {describe_period(rule.period)}; "
        f"try again in {retry_after} seconds",
        details={"limit": rule.name, "retry_after": retry_after},
        headers=headers,
    )


async def spend_api_allowance(limiter: RateLimiter, *, user_id: uuid.UUID | None, client_ip: str) -> Verdict | None:
    """Count a request against the API-wide limit; 429 when it is spent (None: store unreachable)."""
    verdict = await limiter.check(API_LIMIT, _subject(API_LIMIT, user_id=user_id, client_ip=client_ip))
    if verdict is not None and not verdict.allowed:
        raise too_many_requests(verdict)
    return verdict


async def enforce_rate_limits(
    limiter: RateLimiter, route: Route, *, user_id: uuid.UUID | None, client_ip: str
) -> dict[str, str]:
    """Count a request to `route` against every limit it falls under; the headers to send, or 429.

    The API-wide limit covers every `/api/` route; a route's own limit (login, upload, ...) is
    counted only once the API one admitted the request. The headers describe whichever limit has
    the fewest requests left.
    """
    if not route.path.startswith("/api/"):
        return {}
    verdicts = [await spend_api_allowance(limiter, user_id=user_id, client_ip=client_ip)]
    if route.rate_limit is not None:
        own = await limiter.check(route.rate_limit, _subject(route.rate_limit, user_id=user_id, client_ip=client_ip))
        if own is not None and not own.allowed:
            raise too_many_requests(own)
        verdicts.append(own)
    known = [verdict for verdict in verdicts if verdict is not None]
    if not known:
        return {}
    return limit_headers(min(known, key=lambda verdict: verdict.remaining))
