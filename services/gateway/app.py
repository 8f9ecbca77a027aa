"""The gateway: the only HTTP entry for clients. It verifies tokens, applies the route table and forwards.

It owns no data, so unlike the other services it is not built with `create_service_app` (which
needs a database and NATS) but from the kit's parts: logging, request context, error shape.
There are no `models.py`, `repository.py` or `migrations/` here for the same reason.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from services.gateway import api, proxy
from services.gateway.runtime import GatewayRuntime
from services.gateway.security import SecurityHeadersMiddleware, docs_policy
from services.gateway.settings import GatewaySettings
from services.gateway.upstreams import Upstreams
from talentkit.auth import JwksVerifier
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
        log.info("service.started", port=settings.port, upstreams=settings.upstreams)
        try:
            yield {"gateway": GatewayRuntime(settings=settings, upstreams=upstreams, verifier=verifier)}
        finally:
            await verifier.aclose()
            await client.aclose()
            log.info("service.stopped")

    # The gateway serves its own merged document and docs page (api.py), not FastAPI's.
    app = FastAPI(title=api.API_TITLE, lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)
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
    app.add_middleware(SecurityHeadersMiddleware, page_policies={"/docs": docs_policy(api.DOCS_HTML)})
    install_error_handlers(app)
    app.include_router(api.router)
    app.mount(api.DOCS_ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-assets")
    # Last: the catch-all takes whatever the gateway's own endpoints do not.
    app.include_router(proxy.router)
    return app
