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

from services.gateway.domain.forwarding import (
    downstream_response_headers,
    upstream_request_headers,
    wants_event_stream,
)
from services.gateway.domain.routes import Route, allowed_methods, match_route
from services.gateway.runtime import GatewayRuntime, gateway_of
from talentkit.auth import TokenError, bearer_token
from talentkit.errors import ApiError
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


async def _authorise(request: Request, route: Route, gateway: GatewayRuntime) -> None:
    """401 without a valid access token, 403 when the caller's role may not call `route`."""
    if route.is_public:
        return
    token = bearer_token(request)
    if token is None:
        raise ApiError(401, "sign in first: this needs a bearer token", headers={"WWW-Authenticate": "Bearer"})
    try:
        principal = await gateway.verifier.verify(token)
    except TokenError as exc:
        raise ApiError(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc
    if not route.allows(principal.role):
        raise ApiError(403, f"this needs the role {' or '.join(route.roles)}")


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 once it exceeds `limit` (declared or actually sent)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, "the Content-Length header is not a number")
        if int(declared) > limit:
            raise _too_large(limit)
    body = bytearray()
    # Counted as it streams in: a chunked body has no Content-Length to trust.
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


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
    await _authorise(request, route, gateway)
    settings = gateway.settings
    body = await _read_body(request, settings.max_upload_bytes if route.upload else settings.max_json_bytes)
    headers = upstream_request_headers(
        request.headers,
        request_id=getattr(request.state, "request_id", ""),
        client_ip=request.client.host if request.client else None,
        scheme=request.url.scheme,
    )
    timeout = httpx.Timeout(settings.upstream_timeout_seconds)
    if wants_event_stream(headers.get("accept", "")):
        # An event stream stays open for as long as the client listens: only connecting is bounded.
        timeout = httpx.Timeout(settings.upstream_timeout_seconds, read=None)
    upstreams = gateway.upstreams
    outgoing = upstreams.client.build_request(
        request.method,
        upstreams.url(route.service, request.scope["path"], request.url.query),
        headers=headers,
        content=body or None,
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
    response.raw_headers = downstream_response_headers(upstream.headers.raw)
    return response
