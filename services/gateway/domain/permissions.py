"""docs/permissions.md, rendered from the route table and the gateway's settings (so it cannot drift)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic.fields import FieldInfo

from services.gateway.domain.routes import PER_CLIENT_ADDRESS, ROUTES, Route

DOC_PATH = "docs/permissions.md"
COMMAND = "python -m services.gateway.permissions_doc --write"

# The gateway settings the security section documents, in the order it lists them.
RATE_LIMIT_FIELDS = (
    "rate_limit_api",
    "rate_limit_login",
    "rate_limit_register",
    "rate_limit_upload",
    "rate_limit_bulk_upload",
)
OTHER_FIELDS = (
    "rate_limit_bucket",
    "rate_limit_store_timeout_seconds",
    "trusted_proxies",
    "revocation_lookback_seconds",
    "max_json_bytes",
    "max_upload_bytes",
    "max_bulk_upload_bytes",
    "cors_origins",
    "hsts",
    "hsts_max_age_seconds",
)

INTRO = """\
# Permissions and abuse limits

Who may call each route of the public API, what of it they may reach, and the limits that protect
it. The gateway is the only entry for clients; for every request it

1. finds the route in its table (`services/gateway/domain/routes.py`): a path that is not there is a
   404, a known path with another method a 405;
2. verifies the bearer token against identity's JWKS (signature, `exp`, `iss`, `aud`, `type` =
   `access`, a known `kid`, RS256 only: `alg=none` and HMAC tokens are refused) and refuses a
   session that was revoked: **401** (see *Revoked sessions*);
3. checks the caller's role against the route's: **403**;
4. counts the request against the rate limits: **429** with `Retry-After`;
5. forwards it, with the request id (`X-Request-ID`, logged by the gateway and the service alike).

The service behind the route verifies the token again with the same code, and enforces the
*ownership* rule: a resource the caller may not see is answered **404**, exactly like one that does
not exist, so ids cannot be probed. Nothing a client sends is answered 5xx by design; a 500 still
comes in the common error shape with the request id and the security headers.
"""

RATE_LIMITS_TEXT = """\
## Rate limits

Every limit is read from the environment in the [`limits`](https://limits.readthedocs.io/) notation
(`5/15minutes`, `100/minute`, several windows as `10/minute;100/hour`, all of which must admit a
request); a value that does not parse stops the gateway at start-up.

- **Shared by every gateway replica.** Counters live in the NATS KV bucket `GATEWAY_RATE_LIMIT_BUCKET`
  (on file, one revision per key, keys expire after twice the longest window), updated by
  compare-and-set on the key's revision, so replicas together never admit more than the limit.
  Keys are a hash of the limit, its window and the client address or user id.
- **Sliding window counter.** The count of the current window plus the previous window's count,
  weighted by how much of it still overlaps the last *period* seconds: no double burst at a window
  boundary, one small value per key.
- **Per user or per address.** `login` and `register` count per client address; `upload` and
  `bulk_upload` per user; the API-wide limit per user when the request carries a valid token, per
  address otherwise. A request with a missing, invalid or revoked token spends its address's API
  allowance, so guessing tokens is limited too.
- **Bulk uploads** (`POST /api/v1/jobs/{job_id}/resumes`) count as one request against
  `RATE_LIMIT_BULK_UPLOAD`, not against `RATE_LIMIT_UPLOAD`; how many files a request and a day
  may carry is the ingest service's limit.
- **Responses.** A limited route answers with `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
  `X-RateLimit-Reset` (seconds until no request made so far counts any more) of the limit with the
  fewest requests left. A refusal is `429` in the common error shape
  (`{"error": {"code": "rate_limited", "details": {"limit", "retry_after"}, ...}}`) with
  `Retry-After` in seconds: when the next request will be admitted.
- **Client address.** The socket peer. Only when the peer is in `GATEWAY_TRUSTED_PROXIES` is
  `X-Forwarded-For` read, from the right: the first address that is not a trusted proxy is the
  client (entries further left were written by the client and prove nothing). An IPv6 client is
  counted by its /64 (one subscriber's block), so changing address within it does not reset its
  allowance. The gateway forwards the client address it resolved as the only `X-Forwarded-For`
  entry, so identity's per-address sign-in lock-out counts the same client.
- **Fails open.** When the NATS KV bucket cannot be reached (disconnected, or an operation takes
  longer than `GATEWAY_RATE_LIMIT_STORE_TIMEOUT_SECONDS`), requests pass unlimited: a warning
  `rate_limit.store_unavailable` is logged (at most every 10 seconds) and the Prometheus counter
  `gateway_rate_limit_errors_total{limit}` counts each one; alert on it. Refusals are counted by
  `gateway_rate_limited_total{limit}`.
"""

REVOCATION_TEXT = """\
## Revoked sessions

Identity publishes `UserAccessRevoked` (`talent.user.access_revoked.v1`: `user_id`,
`revoked_before`, `reason`) when a user is deactivated, deleted, changes password or role, or signs
out everywhere. Each gateway replica follows these events with its own ordered JetStream consumer,
replaying the last `GATEWAY_REVOCATION_LOOKBACK_SECONDS` at start-up (at least the longest
access-token lifetime) and then following live ones. An access token whose `iat` is at or before
its user's `revoked_before` is refused with `401` (`code: session_revoked`, "this session was
revoked; sign in again"). `/readyz` reports not ready until the replay has caught up.
"""

OTHER_TEXT = """\
## Request limits, origins and headers

- Bodies larger than `GATEWAY_MAX_JSON_BYTES` are refused with `413`, whether declared in
  `Content-Length` or counted while streaming. An upload route allows `GATEWAY_MAX_UPLOAD_BYTES`
  (a bulk upload `GATEWAY_MAX_BULK_UPLOAD_BYTES`) only to a `multipart/form-data` body; any other
  body to it gets the JSON limit.
- CORS answers only the origins in `GATEWAY_CORS_ORIGINS` (none by default).
- Every response, errors and 500s included, carries `X-Request-ID`, `X-Content-Type-Options:
  nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` and a Content-Security-Policy
  (`default-src 'none'` for the API); with `GATEWAY_HSTS=true`, `Strict-Transport-Security` too.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _who(route: Route) -> str:
    return "anyone (no token)" if route.is_public else ", ".join(route.roles)


def _limits(route: Route) -> str:
    names = ["api"] if route.path.startswith("/api/") else []
    if route.rate_limit is not None:
        scope = "address" if route.rate_limit in PER_CLIENT_ADDRESS else "user"
        names.append(f"{route.rate_limit} (per {scope})")
    return ", ".join(names) or "none"


def route_table(routes: Sequence[Route]) -> str:
    """The permission matrix: one row per route, in the table's order (grouped by service)."""
    rows = [
        "| Method | Path | Service | Who may call | Ownership rule | Rate limits |",
        "|---|---|---|---|---|---|",
    ]
    for route in routes:
        ownership = route.ownership or "(not stated)"
        rows.append(
            f"| {route.method} | `{route.path}` | {route.service} | {_who(route)} | {_cell(ownership)} "
            f"| {_limits(route)} |"
        )
    return "\n".join(rows)


def _env_name(name: str, field: FieldInfo, prefix: str) -> str:
    alias = field.validation_alias
    return alias if isinstance(alias, str) else f"{prefix}{name.upper()}"


def _default(field: FieldInfo) -> str:
    if field.default_factory is not None:
        value: Any = field.default_factory()  # type: ignore[call-arg]
    else:
        value = field.default
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, list | tuple):
        return "none" if not value else ", ".join(f"`{item}`" for item in value)
    return f"`{value}`"


def settings_table(fields: dict[str, FieldInfo], names: Sequence[str], *, prefix: str) -> str:
    """Rows of `variable | default | meaning` for the settings `names`."""
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for name in names:
        field = fields[name]
        rows.append(f"| `{_env_name(name, field, prefix)}` | {_default(field)} | {_cell(field.description or '')} |")
    return "\n".join(rows)


def permissions_markdown(
    settings_fields: dict[str, FieldInfo], *, routes: Sequence[Route] = ROUTES, prefix: str = "GATEWAY_"
) -> str:
    """The whole of docs/permissions.md."""
    parts = [
        f"<!-- Generated by `{COMMAND}` from services/gateway/. Do not edit. -->",
        INTRO,
        "## Routes\n\n"
        "*Who may call* is checked by the gateway (and again by the service); the *ownership rule* by "
        "the service that owns the data. Roles: `candidate`, `recruiter` (self-registered) and "
        "`admin` (never self-assignable).",
        route_table(routes),
        RATE_LIMITS_TEXT,
        settings_table(settings_fields, RATE_LIMIT_FIELDS, prefix=prefix),
        REVOCATION_TEXT,
        OTHER_TEXT,
        "### Settings\n",
        settings_table(settings_fields, OTHER_FIELDS, prefix=prefix),
    ]
    return "\n\n".join(part.strip("\n") for part in parts) + "\n"
