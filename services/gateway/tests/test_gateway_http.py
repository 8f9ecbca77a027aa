"""The gateway over real HTTP, in front of the real identity service and a stand-in upstream."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from services.gateway.domain.openapi import HTTP_METHODS, OPERATIONAL_PATHS, unrouted_operations
from services.gateway.tests.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, GatewayFactory, StandIn

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

PASSWORD = "s3cure-enough"


async def register(gateway: httpx.AsyncClient, role: str = "candidate") -> dict[str, str]:
    """Register and log in through the gateway; an Authorization header for the new account."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    registered = await gateway.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD, "role": role})
    assert registered.status_code == 201, registered.text
    login = await gateway.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def admin(gateway: httpx.AsyncClient) -> dict[str, str]:
    login = await gateway.post("/api/v1/auth/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def test_register_login_and_me_through_the_gateway(gateway: httpx.AsyncClient) -> None:
    email = f"rita-{uuid.uuid4().hex[:8]}@example.com"
    body = {"email": email, "password": PASSWORD, "role": "recruiter", "full_name": "Rita"}
    registered = await gateway.post("/api/v1/auth/register", json=body)
    assert registered.status_code == 201, registered.text
    login = await gateway.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200
    token = login.json()["access_token"]

    me = await gateway.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200, me.text
    assert me.json()["email"] == email
    assert me.json()["role"] == "recruiter"
    jwks = await gateway.get("/.well-known/jwks.json")
    assert jwks.status_code == 200
    assert jwks.json()["keys"]


async def test_an_upstream_error_passes_through_unchanged(gateway: httpx.AsyncClient) -> None:
    wrong = await gateway.post("/api/v1/auth/login", json={"email": "nobody@example.com", "password": "x1xxxxxx"})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_credentials"


async def test_no_token_or_a_tampered_one_is_401(gateway: httpx.AsyncClient) -> None:
    missing = await gateway.get("/api/v1/me")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"]["code"] == "unauthorized"

    token = (await register(gateway))["Authorization"].removeprefix("Bearer ")
    header, payload, signature = token.split(".")
    # Flip one character of the signature: same header and claims, a signature that no longer fits.
    forged = f"{header}.{payload}.{signature[:-2]}{'A' if signature[-2] != 'A' else 'B'}{signature[-1]}"
    tampered = await gateway.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
    assert tampered.status_code == 401
    garbage = await gateway.get("/api/v1/me", headers={"Authorization": "Bearer not.a.token"})
    assert garbage.status_code == 401


async def test_roles_are_checked_before_forwarding(gateway: httpx.AsyncClient) -> None:
    candidate = await register(gateway, "candidate")
    # The audit service is down: a 403 here can only be the gateway's own decision.
    refused = await gateway.get("/api/v1/admin/audit", headers=candidate)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    recruiter = await register(gateway, "recruiter")
    assert (await gateway.post("/api/v1/jobs/123/applications", headers=recruiter)).status_code == 403
    # The admin gets through the gateway's checks and meets the unreachable service instead.
    allowed = await gateway.get("/api/v1/admin/audit", headers=await admin(gateway))
    assert allowed.status_code == 503


async def test_an_unreachable_upstream_is_503_in_the_error_shape(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/api/v1/resumes/me", headers=await register(gateway))
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "service_unavailable"
    assert error["message"] == "the ingest service is not reachable right now"
    assert error["request_id"] == response.headers["x-request-id"]


async def test_a_slow_upstream_is_504(gateway: httpx.AsyncClient, open_gateway: GatewayFactory) -> None:
    token = await register(gateway)  # registering hashes a password: not under the short timeout below
    async with open_gateway(upstream_timeout_seconds=1.0) as impatient:
        response = await impatient.get("/api/v1/jobs/slow", headers=token)
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "gateway_timeout"


async def test_an_oversized_json_body_is_413_declared_or_streamed(gateway: httpx.AsyncClient) -> None:
    token = await register(gateway, "recruiter")
    too_big = b'{"title": "' + b"x" * (1024 * 1024) + b'"}'
    declared = await gateway.post(
        "/api/v1/jobs", content=too_big, headers={**token, "content-type": "application/json"}
    )
    assert declared.status_code == 413
    assert declared.json()["error"]["code"] == "payload_too_large"

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(20):
            yield b"x" * 64 * 1024

    # No Content-Length (chunked): the gateway counts while it reads.
    streamed = await gateway.post(
        "/api/v1/jobs", content=chunks(), headers={**token, "content-type": "application/json"}
    )
    assert streamed.status_code == 413

    fits = await gateway.post(
        "/api/v1/jobs", content=b"x" * 1000, headers={**token, "content-type": "application/json"}
    )
    assert fits.status_code == 201
    assert fits.json()["body_length"] == 1000


async def test_an_upload_may_be_larger_than_json_but_not_unbounded(gateway: httpx.AsyncClient) -> None:
    token = await register(gateway)
    resume = {"file": ("cv.pdf", b"%PDF-" + b"x" * (2 * 1024 * 1024), "application/pdf")}
    # Past the JSON limit, within the upload limit: forwarded, and ingest being down is what answers.
    passed = await gateway.post("/api/v1/resumes", files=resume, headers=token)
    assert passed.status_code == 503
    huge = {"file": ("cv.pdf", b"%PDF-" + b"x" * (6 * 1024 * 1024), "application/pdf")}
    assert (await gateway.post("/api/v1/resumes", files=huge, headers=token)).status_code == 413


async def test_the_forwarded_request_carries_what_the_service_needs_and_no_more(
    gateway: httpx.AsyncClient,
) -> None:
    token = await register(gateway)
    response = await gateway.get(
        "/api/v1/jobs",
        params={"q": "python dev", "page": "2"},
        headers={**token, "Cookie": "session=secret", "X-Request-ID": "client-chosen-id", "Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    seen = response.json()
    assert seen["query"] == "q=python+dev&page=2"
    headers = seen["headers"]
    assert headers["authorization"] == token["Authorization"]
    assert headers["accept"] == "application/json"
    assert headers["x-request-id"] == response.headers["x-request-id"] == "client-chosen-id"
    assert headers["x-forwarded-for"].endswith("127.0.0.1")
    assert "cookie" not in headers
    # Repeated response headers survive, and the gateway's own headers are not duplicated.
    assert response.headers.get_list("set-cookie") == ["a=1", "b=2"]
    # Neither the service's nor the gateway's own server names itself.
    assert "server" not in response.headers
    assert len(response.headers.get_list("date")) == 1


async def test_header_bytes_outside_ascii_are_relayed_as_sent_not_a_500(gateway: httpx.AsyncClient) -> None:
    token = await register(gateway)
    # Legal in HTTP (obs-text), and the client's to send: the gateway passes the bytes on untouched.
    odd = {b"accept": b"application/json, text/x-\xe9", b"last-event-id": b"\xff\xfe1"}
    response = await gateway.get("/api/v1/jobs", headers={b"authorization": token["Authorization"].encode(), **odd})
    assert response.status_code == 200, response.text
    seen = response.json()["headers"]
    assert seen["accept"].encode("latin-1") == odd[b"accept"]
    assert seen["last-event-id"].encode("latin-1") == odd[b"last-event-id"]
    # A public route forwards the Authorization header as it is, whatever its bytes.
    login = await gateway.post(
        "/api/v1/auth/login",
        json={"email": "nobody@example.com", "password": "x1xxxxxx"},
        headers={b"authorization": b"Bearer \xe9"},
    )
    assert login.status_code == 401
    assert login.json()["error"]["code"] == "invalid_credentials"


async def test_server_sent_events_stream_through(gateway: httpx.AsyncClient, stand_in: StandIn) -> None:
    token = await register(gateway)
    async with gateway.stream("GET", "/api/v1/interviews", headers={**token, "Accept": "text/event-stream"}) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        chunks = stream.aiter_raw()
        first = await anext(chunks)
        assert b'"n": 1' in first
        stand_in.release_stream.set()
        rest = b"".join([chunk async for chunk in chunks])
    assert b'"n": 2' in rest


async def test_unknown_paths_are_404_and_wrong_methods_405(gateway: httpx.AsyncClient) -> None:
    unknown = await gateway.get("/api/v1/nothing-here")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_found"
    # Encoded dot segments and slashes decode into paths the table does not hold: refused here, not
    # forwarded (ingest is down, so a forwarded request would be a 503).
    token = await register(gateway)
    for sneaky in ("/api/v1/resumes/%2E%2E", "/api/v1/resumes/%2E%2E%2Fme", "/api/v1/resumes/a%2Fb"):
        assert (await gateway.get(sneaky, headers=token)).status_code == 404, sneaky
    wrong = await gateway.delete("/api/v1/admin/audit")
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "GET"


async def test_readiness_reports_each_service(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not_ready"
    assert set(body["services"]) == {"identity", "ingest", "matcher", "jobs", "interviews", "audit"}
    assert body["services"]["identity"] == {"ready": True, "status_code": 200}
    assert body["services"]["ingest"] == {"ready": False, "status_code": None}
    assert (await gateway.get("/healthz")).json() == {"status": "ok"}
    assert "gateway_upstream_requests_total" in (await gateway.get("/metrics")).text


async def test_the_merged_openapi_has_identitys_routes_with_their_access_rules(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    paths = document["paths"]
    assert {"/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/me", "/.well-known/jwks.json"} <= set(paths)
    assert "/healthz" not in paths
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    me = paths["/api/v1/me"]["get"]
    assert me["security"] == [{"bearerAuth": []}]
    assert me["x-roles"] == ["admin", "candidate", "recruiter"]
    login = paths["/api/v1/auth/login"]["post"]
    assert login["security"] == []
    # Schemas the operations refer to came along.
    ref = login["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.rsplit("/", 1)[1] in document["components"]["schemas"]


async def test_every_operation_of_the_services_that_are_up_has_a_rule(
    gateway: httpx.AsyncClient, identity_url: str
) -> None:
    # Identity is the one real service up here (test_route_coverage checks every service's own document).
    async with httpx.AsyncClient() as client:
        document = (await client.get(f"{identity_url}/openapi.json")).json()
    assert unrouted_operations("identity", document) == []
    merged = (await gateway.get("/openapi.json")).json()["paths"]
    for path, item in document["paths"].items():
        if path in OPERATIONAL_PATHS:
            continue
        for method in HTTP_METHODS:
            if method in item:
                assert method in merged.get(path, {}), f"{method.upper()} {path} is missing from the merged document"


async def test_security_headers_and_docs(gateway: httpx.AsyncClient) -> None:
    api = await gateway.get("/api/v1/me")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["x-frame-options"] == "DENY"
    assert api.headers["referrer-policy"] == "no-referrer"
    assert api.headers["content-security-policy"].startswith("default-src 'none'")
    docs = await gateway.get("/docs")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    # Served by the gateway itself: the docs work with no internet.
    asset = await gateway.get("/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200
    assert "SwaggerUIBundle" in asset.text
    # FastAPI emits OpenAPI 3.1; only a Swagger UI that knows 3.1 renders it (4.x shows an error page).
    assert (await gateway.get("/openapi.json")).json()["openapi"].startswith("3.1")
    assert "isOAS31" in asset.text
    assert "'unsafe-inline'" not in docs.headers["content-security-policy"].split("script-src")[1].split(";")[0]


async def test_cors_answers_configured_origins_only(open_gateway: GatewayFactory) -> None:
    async with open_gateway(cors_origins=["https://app.example.com"]) as gateway:
        preflight = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"}
        allowed = await gateway.options("/api/v1/me", headers={"Origin": "https://app.example.com", **preflight})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://app.example.com"
        other = await gateway.options("/api/v1/me", headers={"Origin": "https://evil.example.com", **preflight})
        assert "access-control-allow-origin" not in other.headers
        simple = await gateway.get("/api/v1/me", headers={"Origin": "https://evil.example.com"})
        assert "access-control-allow-origin" not in simple.headers
