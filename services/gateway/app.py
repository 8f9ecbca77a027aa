"""The gateway: the only HTTP entry for clients. It verifies tokens, applies the route table and forwards.

It owns no data, so unlike the other services it is not built with `create_service_app` (which
needs a database) but from the kit's parts: logging, request context, error shape, the NATS
connection (rate-limit counters in a KV bucket, revocations from the event stream). There are no
`models.py`, `repository.py` or `migrations/` here for the same reason.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import swagger_ui
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from nats.js.kv import KeyValue

from services.gateway import api, proxy
from services.gateway.domain.revocations import RevocationList
from services.gateway.error_boundary import ErrorBoundaryMiddleware
from services.gateway.rate_limiter import RateLimiter, bucket_max_age, open_bucket, rules_from
from services.gateway.revocation_feed import RevocationFeed
from services.gateway.runtime import GatewayRuntime
from services.gateway.security import SecurityHeadersMiddleware, docs_policy, hsts_value
from services.gateway.settings import GatewaySettings
from services.gateway.upstreams import Upstreams
from talentkit.auth import JwksVerifier
from talentkit.bus.connection import close_nats, connect, ensure_streams
from talentkit.errors import install_error_handlers
from talentkit.http import REQUEST_ID_HEADER, RequestContextMiddleware
from talentkit.logs import configure_logging, get_logger

log = get_logger(__name__)


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    """Build the gateway app."""
    settings = settings or GatewaySettings()
    infra = settings.infra

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        configure_logging("gateway", level=infra.log_level, json=infra.log_json)
        # httpx logs every upstream call at INFO: the request log line already covers it.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.upstream_timeout_seconds),
            limits=httpx.Limits(max_connections=500, max_keepalive_connections=100),
            follow_redirects=False,
            # Upstreams are internal addresses: a proxy from the environment must not capture them.
            trust_env=False,
        )
        verifier = JwksVerifier(infra.jwks_url, issuer=infra.jwt_issuer, audience=infra.jwt_audience)
        upstreams = Upstreams(settings.upstreams, client, probe_timeout=settings.readiness_timeout_seconds)
        nc = await connect(infra.nats_url, name="gateway")
        feed: RevocationFeed | None = None
        try:
            js = nc.jetstream()
            await ensure_streams(js)
            rules = rules_from(settings.rate_limits())

            def reopen_bucket() -> Awaitable[KeyValue]:
                return open_bucket(js, settings.rate_limit_bucket, max_age=bucket_max_age(rules))

            limiter = RateLimiter(
                await reopen_bucket(),
                nc,
                rules,
                timeout=settings.rate_limit_store_timeout_seconds,
                reopen=reopen_bucket,
            )
            lookback = timedelta(seconds=settings.revocation_lookback_seconds)
            feed = RevocationFeed(js, RevocationList(retention=lookback), lookback=lookback)
            await feed.start()
            runtime = GatewayRuntime(
                settings=settings, upstreams=upstreams, verifier=verifier, nc=nc, limiter=limiter, revocations=feed
            )
            log.info(
                "service.started",
                port=settings.port,
                upstreams=settings.upstreams,
                rate_limits={name: [str(rule) for rule in windows] for name, windows in rules.items()},
            )
            yield {"gateway": runtime}
        finally:
            if feed is not None:
                await feed.stop()
            await close_nats(nc)
            await verifier.aclose()
            await client.aclose()
            log.info("service.stopped")

    # The gateway serves its own merged document and docs page (api.py), not FastAPI's.
    app = FastAPI(title=api.API_TITLE, lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)
    # Innermost first: the error boundary sits inside the request context and the security headers,
    # so even a 500 carries the request id and the headers.
    app.add_middleware(ErrorBoundaryMiddleware)
    app.add_middleware(RequestContextMiddleware, service="gateway")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["authorization", "content-type", "accept", "last-event-id", REQUEST_ID_HEADER],
            expose_headers=[REQUEST_ID_HEADER],
            max_age=600,
        )
    app.add_middleware(
        SecurityHeadersMiddleware,
        page_policies={"/docs": docs_policy(api.DOCS_HTML)},
        hsts=hsts_value(settings.hsts_max_age_seconds) if settings.hsts else None,
    )
    install_error_handlers(app)
    app.include_router(api.router)
    # Swagger UI 5 (OpenAPI 3.1, which FastAPI emits) from the swagger-ui-py package, served locally.
    swagger_assets = Path(swagger_ui.__file__).parent / "static"
    app.mount(api.DOCS_ASSETS, StaticFiles(directory=swagger_assets), name="docs-assets")
    # Last: the catch-all takes whatever the gateway's own endpoints do not.
    app.include_router(proxy.router)
    return app
