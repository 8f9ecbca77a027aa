"""The whole system, started once for the end-to-end tier."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from talentkit.testing.system import RunningSystem, running_system

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "resume-matcher-samples"


@pytest.fixture(scope="session")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    """Every service as a real process, with real NATS and PostgreSQL."""
    with running_system(tmp_path_factory.mktemp("system")) as running:
        yield running


@pytest.fixture
def client(system: RunningSystem) -> Iterator[httpx.Client]:
    """An HTTP client for the gateway (the only entry point clients have)."""
    with httpx.Client(base_url=system.base_url, timeout=30.0) as http:
        yield http


def register(client: httpx.Client, role: str, **extra: Any) -> tuple[str, dict[str, str]]:
    """Register a fresh user with `role`; return its id and an Authorization header."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    body = {"email": email, "password": "correct-horse-42", "role": role, "full_name": f"Test {role}", **extra}
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.text
    login = client.post("/api/v1/auth/login", json={"email": email, "password": "correct-horse-42"})
    assert login.status_code == 200, login.text
    return login.json()["user"]["id"], {"Authorization": f"Bearer {login.json()['access_token']}"}


def wait_for(fetch: Callable[[], Any], *, timeout: float = 90.0, interval: float = 0.5) -> Any:
    """Poll `fetch` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fetch()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"nothing after {timeout}s")
