"""Session fixtures with real servers, shared by every test tier."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext

from talentkit.bus.connection import connect, ensure_streams
from talentkit.serve import SERVER_OPTIONS
from talentkit.testing.servers import running_nats, running_postgres
from talentkit.testing.tokens import TestIssuer, running_test_issuer


@pytest.fixture(scope="session")
def nats_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real NATS server with JetStream for the whole test session."""
    with running_nats(tmp_path_factory.mktemp("nats")) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL with pgvector for the whole test session."""
    # Unix socket paths are limited to ~107 bytes: keep the data dir short.
    base = Path("/tmp") / f"tcpg-{uuid.uuid4().hex[:8]}"
    with running_postgres(base) as url:
        yield url


@pytest.fixture
async def jetstream(nats_url: str) -> AsyncIterator[tuple[NATS, JetStreamContext]]:
    """A connection to the session's NATS with the streams in place."""
    nc = await connect(nats_url, name="tests")
    js = nc.jetstream()
    await ensure_streams(js)
    try:
        yield nc, js
    finally:
        await nc.drain()


@pytest.fixture(scope="session")
def test_issuer() -> Iterator[TestIssuer]:
    """Mints access tokens that services accept (its JWKS is served over real HTTP)."""
    with running_test_issuer() as issuer:
        yield issuer


@pytest.fixture
def infra_env(
    monkeypatch: pytest.MonkeyPatch, nats_url: str, postgres_url: str, test_issuer: TestIssuer, tmp_path: Path
) -> None:
    """Point every service's settings at the session's real servers."""
    monkeypatch.setenv("NATS_URL", nats_url)
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    monkeypatch.setenv("JWKS_URL", test_issuer.jwks_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TC_ENV", "test")
    monkeypatch.setenv("LOG_JSON", "false")


@asynccontextmanager
async def running_app(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Run `app`'s lifespan and give an HTTP client that talks to it in-process."""
    async with LifespanManager(app, startup_timeout=120) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client


@asynccontextmanager
async def serving_http(app: FastAPI, port: int) -> AsyncIterator[str]:
    """Serve `app` over real HTTP on 127.0.0.1:`port` (lifespan included); yields the base URL."""
    # As `talentkit.serve` runs services (whose X-Forwarded-For to believe, which headers to send).
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="on", **SERVER_OPTIONS))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("the server stopped during start-up")
            await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def fresh_database_url(postgres_url: str) -> AsyncIterator[str]:
    """A new, empty database on the session's server, for tests about a service's very first start."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    name = f"fresh_{uuid.uuid4().hex[:12]}"
    engine = create_async_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield postgres_url.replace("/postgres?", f"/{name}?", 1)
    finally:
        await engine.dispose()
