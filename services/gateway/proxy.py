"""Forwarding: every API request is checked against the route table, authorised, and relayed.

The response is streamed back as it arrives, so Server-Sent Events pass through unbuffered.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from prometheus_client import Counter, Histogram
from starlette.background import BackgroundTask

from services.gateway.domain.client_address import client_address
from services.gateway.domain.forwarding import (
    downstream_response_headers,
    upstream_request_headers,
    wants_event_stream,
)
from services.gateway.domain.routes import Route, allowed_methods, match_route
from services.gateway.runtime import GatewayRuntime, gateway_of
from services.gateway.settings import GatewaySettings
from services.gateway.throttling import enforce_rate_limits, spend_api_allowance
from talentkit.auth import Principal, TokenError, bearer_token
from talentkit.errors import ApiError
from talentkit.http import ROUTE_TEMPLATE_KEY
from talentkit.logs import get_logger

log = get_logger(__name__)

router = APIRouter()

# Labelled by route template (the kit's HTTP metrics see only the catch-all route here).
UPSTREAM_REQUESTS = Counter(
    "gateway_upstream_requests_total",
    "Requests the gateway forwarded, by upstream, route template and status.",
    ["upstream", "method", "route", "status"],
)
UPSTREAM_LATENCY = Histogram(
    "gateway_upstream_response_seconds",
    "Time until the upstream's response headers arrived.",
    ["upstream", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)

PROXIED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

Gateway = Annotated[GatewayRuntime, Depends(gateway_of)]


def _resolve(request: Request) -> Route:
    """The route this request calls; 404 for an unknown path, 405 for a known path with another method."""
    path: str = request.scope["path"]
    matched = match_route(request.method, path)
    if matched is not None:
        return matched[0]
    allowed = allowed_methods(path)
    if allowed:
        raise ApiError(
            405,
            f"{request.method} is not allowed here; use {' or '.join(allowed)}",
            headers={"Allow": ", ".join(allowed)},
        )
    raise ApiError(404, "there is no such endpoint", code="not_found")


def _client_ip(request: Request, settings: GatewaySettings) -> str:
    """The caller's address for per-IP limits (see `client_address` for when X-Forwarded-For counts)."""
    forwarded_for = ", ".join(request.headers.getlist("x-forwarded-for"))
    peer = request.client.host if request.client else None
    return client_address(peer, forwarded_for, settings.trusted_proxies)


def _unauthorised(message: str, *, code: str | None = None) -> ApiError:
    return ApiError(401, message, code=code, headers={"WWW-Authenticate": "Bearer"})


async def _verified_principal(request: Request, gateway: GatewayRuntime) -> Principal:
    """The caller of a route that needs a token: 401 without one, with an invalid one or a revoked one."""
    token = bearer_token(request)
    if token is None:
        raise _unauthorised("sign in first: this needs a bearer token")
    try:
        principal = await gateway.verifier.verify(token)
    except TokenError as exc:
        raise _unauthorised(str(exc)) from exc
    if gateway.revocations.revocations.is_revoked(principal.user_id, principal.issued_at):
        raise _unauthorised("this session was revoked; sign in again", code="session_revoked")
    return principal


async def _authenticate(request: Request, route: Route, gateway: GatewayRuntime, client_ip: str) -> Principal | None:
    """The verified caller (None on a public route); a refused token still spends the address's API allowance."""
    if route.is_public:
        return None
    try:
        return await _verified_principal(request, gateway)
    except ApiError as exc:
        if exc.status == 401 and route.path.startswith("/api/"):
            # Guessing tokens costs like any anonymous request: 429 once the address has spent its allowance.
            await spend_api_allowance(gateway.limiter, user_id=None, client_ip=client_ip)
        raise


def _authorise(route: Route, principal: Principal | None) -> None:
    """403 when the caller's role may not call `route`."""
    if principal is not None and not route.allows(principal.role):
        raise ApiError(403, f"this needs the role {' or '.join(route.roles)}")


def _is_upload(route: Route, content_type: str) -> bool:
    """Whether this is a file upload: a multipart body to an upload route (any other body is held to the JSON limit)."""
    return (route.upload or route.bulk_upload) and content_type.lower().lstrip().startswith("multipart/form-data")


def _body_limit(route: Route, content_type: str, settings: GatewaySettings) -> int:
    """How large the body may be: an upload's only when it really is a multipart upload, else a JSON body's."""
    if not _is_upload(route, content_type):
        return settings.max_json_bytes
    return settings.max_bulk_upload_bytes if route.bulk_upload else settings.max_upload_bytes


def _declared_length(request: Request, limit: int) -> int | None:
    """The Content-Length the client declared, refused with 413 over `limit` before anything is read."""
    declared = request.headers.get("content-length")
    if declared is None:
        return None
    if not declared.isdigit():
        raise ApiError(400, "the Content-Length header is not a number")
    if int(declared) > limit:
        raise _too_large(limit)
    return int(declared)


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 once it exceeds `limit` (declared or actually sent)."""
    _declared_length(request, limit)
    return b"".join([chunk async for chunk in _bounded_stream(request, limit)])


async def _bounded_stream(request: Request, limit: int) -> AsyncIterator[bytes]:
    """The request body as it arrives, ended with 413 once more than `limit` bytes came."""
    received = 0
    # Counted as it streams in: a chunked body has no Content-Length to trust.
    async for chunk in request.stream():
        received += len(chunk)
        if received > limit:
            raise _too_large(limit)
        yield chunk


def _too_large(limit: int) -> ApiError:
    return ApiError(413, f"the request body is larger than the {limit} bytes allowed here", details={"limit": limit})


def _upstream_error(service: str, exc: httpx.HTTPError) -> ApiError:
    details = {"service": service}
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return ApiError(
            503, f"the {service} service is not reachable right now", code="service_unavailable", details=details
        )
    if isinstance(exc, httpx.TimeoutException):
        return ApiError(504, f"the {service} service did not answer in time", code="gateway_timeout", details=details)
    return ApiError(502, f"the {service} service gave no valid answer", code="bad_gateway", details=details)


@router.api_route("/{path:path}", methods=PROXIED_METHODS, include_in_schema=False)
async def forward(request: Request, gateway: Gateway) -> Response:
    """Relay a request to the service that owns its route, after the gateway's own checks."""
    route = _resolve(request)
    # The access log and HTTP metrics name the route template, not the catch-all this function is.
    request.scope[ROUTE_TEMPLATE_KEY] = route.path
    settings = gateway.settings
    client_ip = _client_ip(request, settings)
    principal = await _authenticate(request, route, gateway, client_ip)
    _authorise(route, principal)
    # Before the body is read: a refused upload must not cost reading 200 MB first.
    limit_headers = await enforce_rate_limits(
        gateway.limiter, route, user_id=principal.user_id if principal else None, client_ip=client_ip
    )
    content_type = request.headers.get("content-type", "")
    limit = _body_limit(route, content_type, settings)
    headers = upstream_request_headers(
        request.headers,
        request_id=getattr(request.state, "request_id", ""),
        client_ip=client_ip,
        scheme=request.url.scheme,
    )
    content: bytes | AsyncIterator[bytes] | None
    if _is_upload(route, content_type):
        # Relayed as it arrives: a 200 MB bulk upload is never held whole in the gateway's memory.
        declared = _declared_length(request, limit)
        if declared is not None:
            headers["content-length"] = str(declared)
        content = _bounded_stream(request, limit)
    else:
        content = await _read_body(request, limit) or None
    timeout = httpx.Timeout(settings.upstream_timeout_seconds)
    if wants_event_stream(headers.get("accept", "")):
        # An event stream stays open for as long as the client listens: only connecting is bounded.
        timeout = httpx.Timeout(settings.upstream_timeout_seconds, read=None)
    upstreams = gateway.upstreams
    outgoing = upstreams.client.build_request(
        request.method,
        upstreams.url(route.service, request.scope["path"], request.url.query),
        # Starlette read the client's header bytes as latin-1: encoding them back the same way relays
        # them byte for byte (httpx would encode as ASCII and fail on any other byte, a 500).
        headers=[(name.encode("ascii"), value.encode("latin-1")) for name, value in headers.items()],
        content=content,
        timeout=timeout,
    )
    started = time.perf_counter()
    try:
        upstream = await upstreams.client.send(outgoing, stream=True)
    except httpx.HTTPError as exc:
        error = _upstream_error(route.service, exc)
        UPSTREAM_REQUESTS.labels(route.service, route.method, route.path, str(error.status)).inc()
        log.warning("gateway.upstream_failed", upstream=route.service, route=route.path, error=type(exc).__name__)
        raise error from exc
    UPSTREAM_LATENCY.labels(route.service, route.method, route.path).observe(time.perf_counter() - started)
    UPSTREAM_REQUESTS.labels(route.service, route.method, route.path, str(upstream.status_code)).inc()

    async def relay() -> AsyncIterator[bytes]:
        try:
            async for chunk in upstream.aiter_raw():
                yield chunk
        except httpx.HTTPError as exc:
            # Headers are already sent: all that is left is to end the stream (an SSE client reconnects).
            log.warning("gateway.stream_interrupted", upstream=route.service, error=type(exc).__name__)
        finally:
            await upstream.aclose()

    response = StreamingResponse(relay(), status_code=upstream.status_code, background=BackgroundTask(upstream.aclose))
    relayed = downstream_response_headers(upstream.headers.raw)
    # The service's own word on a limit (identity's per-account lock, say) wins over the gateway's.
    present = {name for name, _ in relayed}
    ours = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in limit_headers.items()]
    response.raw_headers = relayed + [(name, value) for name, value in ours if name not in present]
    return response
