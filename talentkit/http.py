"""HTTP middleware every service installs: request id, access log, metrics."""

from __future__ import annotations

import re
import time
import uuid

import structlog
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from talentkit.logs import get_logger
from talentkit.metrics import HTTP_LATENCY, HTTP_REQUESTS

log = get_logger("http")

REQUEST_ID_HEADER = "X-Request-ID"
# Scope key a route may set to the template it served, for logs and metrics (see `_route_template`).
ROUTE_TEMPLATE_KEY = "talentkit.route_template"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# HTTP lets a client send any token as its method; each distinct label value is a metric series
# kept in memory for good, so anything else is counted as `other`.
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _route_template(request: Request) -> str:
    # Label metrics by route template, not raw path, so ids don't explode the label space. The
    # router records the route it matched in the scope; FastAPI's included routers have no `path`
    # of their own, so walking `app.router.routes` would fall back to the raw path. A catch-all
    # route (the gateway's proxy) names the template it actually served in `ROUTE_TEMPLATE_KEY`.
    named = request.scope.get(ROUTE_TEMPLATE_KEY)
    if isinstance(named, str):
        return named
    path = getattr(request.scope.get("route"), "path", None)
    return path if isinstance(path, str) else "unmatched"


class RequestContextMiddleware(BaseHTTPMiddleware):
    """Give every request an id (kept from the caller when well-formed), log it, count it."""

    def __init__(self, app: ASGIApp, *, service: str) -> None:
        super().__init__(app)
        self.service = service

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.state.request_id = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(request)
            method = request.method if request.method in _KNOWN_METHODS else "other"
            HTTP_REQUESTS.labels(self.service, method, route, str(status)).inc()
            HTTP_LATENCY.labels(self.service, method, route).observe(elapsed)
            if route not in ("/healthz", "/readyz", "/metrics"):
                log.info(
                    "http.request",
                    method=method,
                    route=route,
                    status=status,
                    duration_ms=round(elapsed * 1000, 1),
                )
            structlog.contextvars.unbind_contextvars("request_id")
        response.headers[REQUEST_ID_HEADER] = request_id
        return response
