"""Fixtures for the gateway's integration tests: the real identity service, a stand-in upstream, the gateway."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from services.gateway.app import create_app
from services.gateway.settings import RATE_LIMIT_NAMES, GatewaySettings
from services.identity.app import create_app as create_identity_app
from services.identity.settings import IdentitySettings
from talentkit.testing.plugin import serving_http
from talentkit.testing.servers import free_port

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "gateway-admin-2026"


@dataclass
class StandIn:
    """An upstream double over real HTTP: echoes what reached it, streams events, or dawdles."""

    url: str
    release_stream: asyncio.Event = field(default_factory=asyncio.Event)


def stand_in_app(stand_in: StandIn) -> FastAPI:
    """Routes at paths the route table gives to jobs and interviews."""
    app = FastAPI()

    @app.get("/readyz")
    async def readyz() -> dict[str, str]:
        return {"status": "ready"}

    @app.get("/api/v1/jobs")
    async def echo_get(request: Request) -> JSONResponse:
        return await echo(request)

    @app.post("/api/v1/jobs")
    async def echo_post(request: Request) -> JSONResponse:
        return await echo(request)

    async def echo(request: Request) -> JSONResponse:
        body = await request.body()
        seen = {"method": request.method, "query": request.url.query, "headers": dict(request.headers)}
        response = JSONResponse({**seen, "body_length": len(body)}, status_code=201 if body else 200)
        response.headers.append("set-cookie", "a=1")
        response.headers.append("set-cookie", "b=2")
        return response

    @app.post("/api/v1/jobs/{job_id}/resumes")
    async def bulk(request: Request) -> JSONResponse:
        # Standing in for ingest's bulk upload: how the body arrived.
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
        seen = {name: request.headers.get(name) for name in ("content-length", "transfer-encoding", "content-type")}
        return JSONResponse({"body_length": received, "headers": seen}, status_code=202)

    @app.get("/api/v1/jobs/{job_id}")
    async def slow(job_id: str) -> dict[str, str]:
        await asyncio.sleep(3)
        return {"id": job_id}

    @app.get("/api/v1/interviews")
    async def events() -> StreamingResponse:
        async def stream() -> AsyncIterator[bytes]:
            yield b"data: " + json.dumps({"n": 1}).encode() + b"\n\n"
            # The second event waits for the test: if the gateway buffered, the first would never arrive.
            await asyncio.wait_for(stand_in.release_stream.wait(), timeout=10)
            yield b"data: " + json.dumps({"n": 2}).encode() + b"\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream")

    return app


@pytest.fixture
async def identity_url(monkeypatch: pytest.MonkeyPatch, infra_env: None, fresh_database_url: str) -> AsyncIterator[str]:
    """The real identity service over HTTP; tokens everywhere are verified against its JWKS."""
    # Its own database, so the admin below is the one created on this first start.
    monkeypatch.setenv("DATABASE_URL", fresh_database_url)
    port = free_port()
    monkeypatch.setenv("JWKS_URL", f"http://127.0.0.1:{port}/.well-known/jwks.json")
    monkeypatch.setenv("ADMIN_EMAIL", ADMIN_EMAIL)
    monkeypatch.setenv("ADMIN_PASSWORD", ADMIN_PASSWORD)
    async with serving_http(create_identity_app(IdentitySettings(port=port)), port) as url:
        yield url


@pytest.fixture
async def stand_in() -> AsyncIterator[StandIn]:
    """The stand-in upstream for jobs and interviews (those services are not part of these tests)."""
    port = free_port()
    double = StandIn(url=f"http://127.0.0.1:{port}")
    async with serving_http(stand_in_app(double), port):
        yield double


GatewayFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def open_gateway(identity_url: str, stand_in: StandIn) -> GatewayFactory:
    """Start a gateway over real HTTP in front of identity and the stand-in; other upstreams are down."""

    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        port = free_port()
        nobody = f"http://127.0.0.1:{free_port()}"
        urls = {
            "identity_url": identity_url,
            "jobs_url": stand_in.url,
            "interviews_url": stand_in.url,
            "ingest_url": nobody,
            "matcher_url": nobody,
            "audit_url": nobody,
        }
        # Every test counts in a bucket of its own, with room for the many sign-ins tests make from
        # one address; tests about limits tighten them through `overrides`.
        limits = {f"rate_limit_{name}": "10000/minute" for name in RATE_LIMIT_NAMES}
        limits["rate_limit_bucket"] = f"rl_{uuid.uuid4().hex[:12]}"
        settings = GatewaySettings(port=port, **{**urls, **limits, **overrides})
        async with serving_http(create_app(settings), port) as base_url:
            async with httpx.AsyncClient(base_url=base_url, timeout=20.0) as client:
                yield client

    return start


@pytest.fixture
async def gateway(open_gateway: GatewayFactory) -> AsyncIterator[httpx.AsyncClient]:
    """A gateway with default settings (see `open_gateway`)."""
    async with open_gateway() as client:
        yield client
