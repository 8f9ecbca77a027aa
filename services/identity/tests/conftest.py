"""Identity served over real HTTP against the session's PostgreSQL and NATS, and ways to get accounts."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from services.identity.app import create_app
from services.identity.settings import IdentitySettings
from talentkit.testing.plugin import serving_http
from talentkit.testing.servers import free_port

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-pass-2026"
PASSWORD = "s3cure-enough"


def random_ip() -> str:
    """A client address of its own: the database is shared, and failed logins are counted per address."""
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


@asynccontextmanager
async def identity_client(
    monkeypatch: pytest.MonkeyPatch,
    *,
    admin_password: str | None = ADMIN_PASSWORD,
    ip: str | None = None,
    **settings: Any,
) -> AsyncIterator[httpx.AsyncClient]:
    """Serve identity on a free port; the client calls it as if through the gateway from `ip`."""
    port = free_port()
    # Identity verifies its own tokens: point the verifier at its own JWKS.
    monkeypatch.setenv("JWKS_URL", f"http://127.0.0.1:{port}/.well-known/jwks.json")
    if admin_password is None:
        monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("ADMIN_PASSWORD", admin_password)
    app = create_app(IdentitySettings(port=port, **settings))
    async with serving_http(app, port) as base_url:
        # The test talks from 127.0.0.1, a trusted proxy: X-Forwarded-For names the client, as the gateway's does.
        headers = {"X-Forwarded-For": ip or random_ip()}
        async with httpx.AsyncClient(base_url=base_url, headers=headers) as client:
            yield client


@pytest.fixture
async def identity(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[httpx.AsyncClient]:
    """Identity on the session's shared database."""
    async with identity_client(monkeypatch) as client:
        yield client


@dataclass
class Account:
    """A registered user and the tokens they were given."""

    id: str
    email: str
    password: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        """Authorization header with the access token."""
        return bearer(self.access_token)


def bearer(token: str) -> dict[str, str]:
    """An Authorization header for `token`."""
    return {"Authorization": f"Bearer {token}"}


SignUp = Callable[..., Awaitable[Account]]


@pytest.fixture
def sign_up(identity: httpx.AsyncClient) -> SignUp:
    """Register a fresh account (`role`, extra fields) and return it with its tokens."""

    async def register(role: str = "candidate", password: str = PASSWORD, **extra: Any) -> Account:
        email = f"{role}-{uuid.uuid4().hex[:10]}@example.com"
        body = {"email": email, "password": password, "role": role, "full_name": f"Test {role}", **extra}
        response = await identity.post("/api/v1/auth/register", json=body)
        assert response.status_code == 201, response.text
        tokens = response.json()
        return Account(tokens["user"]["id"], email, password, tokens["access_token"], tokens["refresh_token"])

    return register


@pytest.fixture
async def admin(identity: httpx.AsyncClient) -> Account:
    """The administrator created on the shared database's first start (from ADMIN_PASSWORD)."""
    response = await identity.post("/api/v1/auth/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.text
    tokens = response.json()
    return Account(tokens["user"]["id"], ADMIN_EMAIL, ADMIN_PASSWORD, tokens["access_token"], tokens["refresh_token"])
