"""The gateway's protections over real HTTP: rate limits in NATS KV, revoked sessions, error headers, body limits."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from prometheus_client import REGISTRY

from contracts.events.identity import UserAccessRevoked, UserAccessRevokedPayload
from services.gateway import proxy
from services.gateway.tests.conftest import GatewayFactory, StandIn
from services.gateway.tests.test_gateway_http import PASSWORD, register
from talentkit.testing.bus import publish

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


async def login(gateway: httpx.AsyncClient, email: str, **headers: str) -> httpx.Response:
    return await gateway.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=headers)


def issued_at(authorization: dict[str, str]) -> datetime:
    """The `iat` of a bearer token (read, not verified)."""
    payload = authorization["Authorization"].removeprefix("Bearer ").split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return datetime.fromtimestamp(claims["iat"], UTC)


def user_of(authorization: dict[str, str]) -> uuid.UUID:
    payload = authorization["Authorization"].removeprefix("Bearer ").split(".")[1]
    return uuid.UUID(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"])


async def revoke(js: JetStreamContext, user_id: uuid.UUID, before: datetime) -> None:
    payload = UserAccessRevokedPayload(user_id=user_id, revoked_before=before, reason="logout_all")
    await publish(js, UserAccessRevoked.build(payload, producer="identity"))


async def eventually_status(fetch: Any, status: int, *, timeout: float = 10.0) -> httpx.Response:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        response: httpx.Response = await fetch()
        if response.status_code == status or asyncio.get_running_loop().time() > deadline:
            return response
        await asyncio.sleep(0.1)


async def test_login_is_limited_per_address_across_replicas(open_gateway: GatewayFactory) -> None:
    bucket = f"rl_{uuid.uuid4().hex[:12]}"
    async with open_gateway(rate_limit_login="2/minute", rate_limit_bucket=bucket) as first:
        email = f"limited-{uuid.uuid4().hex[:8]}@example.com"
        await first.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD, "role": "candidate"})
        allowed = await login(first, email)
        assert allowed.status_code == 200, allowed.text
        assert allowed.headers["x-ratelimit-limit"] == "2"
        assert allowed.headers["x-ratelimit-remaining"] == "1"
        assert int(allowed.headers["x-ratelimit-reset"]) > 0
        # A second replica shares the counters: the limit is the system's, not the process's.
        async with open_gateway(rate_limit_login="2/minute", rate_limit_bucket=bucket) as second:
            assert (await login(second, email)).status_code == 200
            refused = await login(second, email)
        also_refused = await login(first, email)
    for response in (refused, also_refused):
        assert response.status_code == 429
        error = response.json()["error"]
        assert error["code"] == "rate_limited"
        assert error["details"]["limit"] == "login"
        assert error["request_id"] == response.headers["x-request-id"]
        assert 1 <= int(response.headers["retry-after"]) <= 120
        assert response.headers["x-ratelimit-remaining"] == "0"
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_api_limit_is_per_user_when_signed_in_and_per_address_otherwise(
    gateway: httpx.AsyncClient, open_gateway: GatewayFactory
) -> None:
    rita, sam = await register(gateway, "recruiter"), await register(gateway, "recruiter")
    async with open_gateway(rate_limit_api="3/minute") as tight:
        statuses = [(await tight.get("/api/v1/jobs", headers=rita)).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        limited = await tight.get("/api/v1/jobs", headers=rita)
        assert limited.json()["error"]["details"]["limit"] == "api"
        assert limited.headers["x-ratelimit-limit"] == "3"
        # Another user has an allowance of their own.
        assert (await tight.get("/api/v1/jobs", headers=sam)).status_code == 200
        # Anonymous callers and callers with a bad token share their address's allowance.
        anonymous = [(await tight.get("/api/v1/me")).status_code for _ in range(3)]
        forged = await tight.get("/api/v1/me", headers={"Authorization": "Bearer not.a.token"})
    assert anonymous == [401, 401, 401]
    assert forged.status_code == 429


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_count(open_gateway: GatewayFactory) -> None:
    forwarded = {"X-Forwarded-For": "198.51.100.1"}
    async with open_gateway(rate_limit_api="2/minute") as untrusting:
        # The peer (127.0.0.1) is not a trusted proxy: the header changes nothing.
        untrusted = [(await untrusting.get("/api/v1/me", headers=forwarded)).status_code for _ in range(3)]
    assert untrusted == [401, 401, 429]
    async with open_gateway(rate_limit_api="2/minute", trusted_proxies=["127.0.0.1/32"]) as trusting:
        first = [(await trusting.get("/api/v1/me", headers=forwarded)).status_code for _ in range(3)]
        other = await trusting.get("/api/v1/me", headers={"X-Forwarded-For": "198.51.100.2"})
        # A client prepending an address of its choice is still counted as itself.
        spoofed = await trusting.get("/api/v1/me", headers={"X-Forwarded-For": "203.0.113.50, 198.51.100.1"})
    assert first == [401, 401, 429]
    assert other.status_code == 401
    assert spoofed.status_code == 429


async def test_a_revoked_session_is_refused_and_a_later_one_accepted(
    gateway: httpx.AsyncClient, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    token = await register(gateway)
    assert (await gateway.get("/api/v1/me", headers=token)).status_code == 200
    await revoke(js, user_of(token), issued_at(token))
    refused = await eventually_status(lambda: gateway.get("/api/v1/me", headers=token), 401)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "session_revoked"
    assert refused.json()["error"]["message"] == "this session was revoked; sign in again"
    assert refused.headers["www-authenticate"] == "Bearer"
    # A token issued after the revocation is fine.
    other = await register(gateway)
    await revoke(js, user_of(other), issued_at(other) - timedelta(seconds=1))
    await asyncio.sleep(0.5)
    assert (await gateway.get("/api/v1/me", headers=other)).status_code == 200


async def test_revocations_made_before_the_gateway_started_are_replayed(
    gateway: httpx.AsyncClient, open_gateway: GatewayFactory, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    token = await register(gateway)
    await revoke(js, user_of(token), issued_at(token))
    async with open_gateway() as fresh:
        ready = (await fresh.get("/readyz")).json()
        assert ready["gateway"]["revocations_replayed"] is True
        assert ready["gateway"]["nats_connected"] is True
        refused = await fresh.get("/api/v1/me", headers=token)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "session_revoked"


async def test_an_unexpected_error_is_a_500_in_the_error_shape_with_every_header(
    open_gateway: GatewayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> dict[str, str]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(proxy, "upstream_request_headers", broken)
    async with open_gateway(hsts=True) as gateway:
        response = await gateway.get("/.well-known/jwks.json", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "something went wrong on our side", "request_id": "boom-1"}
    }
    assert response.headers["x-request-id"] == "boom-1"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


async def test_hsts_only_when_asked_for(gateway: httpx.AsyncClient, open_gateway: GatewayFactory) -> None:
    assert "strict-transport-security" not in (await gateway.get("/healthz")).headers
    async with open_gateway(hsts=True, hsts_max_age_seconds=600) as strict:
        assert (await strict.get("/healthz")).headers["strict-transport-security"] == "max-age=600; includeSubDomains"


async def test_an_upload_route_allows_an_upload_sized_body_only_for_a_multipart_upload(
    gateway: httpx.AsyncClient,
) -> None:
    token = await register(gateway)
    two_mib = b"x" * (2 * 1024 * 1024)
    as_json = await gateway.post(
        "/api/v1/resumes", content=two_mib, headers={**token, "content-type": "application/json"}
    )
    assert as_json.status_code == 413
    assert as_json.json()["error"]["details"] == {"limit": 1024 * 1024}
    as_upload = await gateway.post(
        "/api/v1/resumes", files={"file": ("cv.pdf", two_mib, "application/pdf")}, headers=token
    )
    assert as_upload.status_code == 503  # forwarded: ingest is down in these tests


async def test_the_access_log_and_metrics_name_the_route_template(
    gateway: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    token = await register(gateway)
    job_id = uuid.uuid4().hex
    labels = {"service": "gateway", "method": "GET", "route": "/api/v1/jobs/{job_id}", "status": "200"}
    before = REGISTRY.get_sample_value("http_requests_total", labels) or 0.0
    capsys.readouterr()
    response = await gateway.get(f"/api/v1/jobs/{job_id}", headers={**token, "X-Request-ID": f"tpl-{job_id}"})
    assert response.status_code == 200
    assert REGISTRY.get_sample_value("http_requests_total", labels) == before + 1
    logged = capsys.readouterr().out
    line = next(line for line in logged.splitlines() if f"tpl-{job_id}" in line and "http.request" in line)
    assert "/api/v1/jobs/{job_id}" in line


async def test_a_bulk_upload_has_its_own_body_and_rate_limits(
    gateway: httpx.AsyncClient, open_gateway: GatewayFactory
) -> None:
    recruiter = await register(gateway, "recruiter")
    job = f"/api/v1/jobs/{uuid.uuid4()}/resumes"
    files = [("files", (f"cv{i}.txt", b"x" * (1024 * 1024), "text/plain")) for i in range(7)]
    async with open_gateway(
        rate_limit_bulk_upload="1/day", rate_limit_upload="1/day", max_bulk_upload_bytes=8 * 1024 * 1024
    ) as tight:
        # 7 MiB: past the single-upload limit, within the bulk one; ingest is down, so forwarding is a 503.
        first = await tight.post(job, files=files, headers=recruiter)
        assert first.status_code == 503
        second = await tight.post(job, files=files[:1], headers=recruiter)
        assert second.status_code == 429
        assert second.json()["error"]["details"]["limit"] == "bulk_upload"
        # The single-upload allowance was not touched by the bulk one.
        single = await tight.post("/api/v1/resumes", files=[files[0]], headers=recruiter)
        assert single.status_code == 503
        too_big = files + [("files", ("cv9.txt", b"x" * (2 * 1024 * 1024), "text/plain"))]
    async with open_gateway(max_bulk_upload_bytes=8 * 1024 * 1024) as roomy:
        assert (await roomy.post(job, files=too_big, headers=recruiter)).status_code == 413
        assert (await roomy.post("/api/v1/resumes", files=files, headers=recruiter)).status_code == 413


async def test_an_upload_is_relayed_as_it_arrives_and_cut_off_past_its_limit(
    gateway: httpx.AsyncClient, open_gateway: GatewayFactory, stand_in: StandIn
) -> None:
    recruiter = await register(gateway, "recruiter")
    path = f"/api/v1/jobs/{uuid.uuid4()}/resumes"
    boundary = "tc-boundary"
    content_type = {"content-type": f"multipart/form-data; boundary={boundary}"}

    def body(size: int) -> bytes:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        return head.encode() + b"x" * size + f"\r\n--{boundary}--\r\n".encode()

    async def chunked(data: bytes) -> AsyncIterator[bytes]:
        for start in range(0, len(data), 256 * 1024):
            yield data[start : start + 256 * 1024]

    async with open_gateway(ingest_url=stand_in.url, max_bulk_upload_bytes=3 * 1024 * 1024) as tight:
        fits = body(2 * 1024 * 1024)
        declared = await tight.post(path, content=fits, headers={**recruiter, **content_type})
        assert declared.status_code == 202, declared.text
        assert declared.json() == {
            "body_length": len(fits),
            "headers": {
                "content-length": str(len(fits)),
                "transfer-encoding": None,
                "content-type": content_type["content-type"],
            },
        }
        streamed = await tight.post(path, content=chunked(fits), headers={**recruiter, **content_type})
        assert streamed.status_code == 202, streamed.text
        assert streamed.json()["body_length"] == len(fits)
        assert streamed.json()["headers"]["transfer-encoding"] == "chunked"

        too_big = body(4 * 1024 * 1024)
        refused_early = await tight.post(path, content=too_big, headers={**recruiter, **content_type})
        assert refused_early.status_code == 413
        cut_off = await tight.post(path, content=chunked(too_big), headers={**recruiter, **content_type})
        assert cut_off.status_code == 413
        assert cut_off.json()["error"]["details"] == {"limit": 3 * 1024 * 1024}


async def test_identity_counts_failed_sign_ins_per_client_behind_a_trusted_proxy(
    open_gateway: GatewayFactory,
) -> None:
    # Behind a load balancer: identity must lock out the client that failed, not everybody the
    # balancer relays (identity's lock-out is 5 failures per address here).
    async with open_gateway(trusted_proxies=["127.0.0.1/32"]) as behind_a_balancer:
        email = f"victim-{uuid.uuid4().hex[:8]}@example.com"
        registered = await behind_a_balancer.post(
            "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "role": "candidate"}
        )
        assert registered.status_code == 201, registered.text
        guesser = {"X-Forwarded-For": "198.51.100.66"}
        for _ in range(5):
            wrong = await behind_a_balancer.post(
                "/api/v1/auth/login",
                json={"email": f"nobody-{uuid.uuid4().hex[:8]}@example.com", "password": "wrong-guess-1"},
                headers=guesser,
            )
            assert wrong.status_code == 401, wrong.text
        locked = await behind_a_balancer.post(
            "/api/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=guesser
        )
        bystander = await login(behind_a_balancer, email, **{"X-Forwarded-For": "203.0.113.77"})
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "too_many_login_attempts"
    assert bystander.status_code == 200, bystander.text


async def test_an_ipv6_client_cannot_reset_its_allowance_by_changing_address(open_gateway: GatewayFactory) -> None:
    async with open_gateway(rate_limit_login="2/minute", trusted_proxies=["127.0.0.1/32"]) as gateway:
        email = f"v6-{uuid.uuid4().hex[:8]}@example.com"

        async def from_address(address: str) -> httpx.Response:
            return await login(gateway, email, **{"X-Forwarded-For": address})

        spent = [(await from_address(f"2001:db8:77:1::{n}")).status_code for n in (1, 2)]
        hopped = await from_address("2001:db8:77:1:ffff::3")
        neighbour = await from_address("2001:db8:77:2::1")
    assert 429 not in spent
    assert hopped.status_code == 429
    assert hopped.json()["error"]["details"]["limit"] == "login"
    assert neighbour.status_code != 429
