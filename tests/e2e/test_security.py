"""Attacks on the front door, with real tokens, through the real gateway of the running system.

Every case must be refused: never a 2xx, never a 500. Forged tokens are built the way an attacker
would (re-encoding, flipped bytes, `alg=none`, HMAC keyed with the public key); an expired token is
signed with identity's own key, read from its key directory, since waiting out a real one takes
fifteen minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from talentkit.testing.system import RunningSystem
from tests.e2e.conftest import wait_for

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-42"
NEW_PASSWORD = "battery-staple-43"


@dataclass
class Account:
    """A signed-in user of the running system."""

    id: str
    email: str
    role: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        """Its Authorization header."""
        return bearer(self.access_token)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign_up(client: httpx.Client, role: str, **extra: Any) -> Account:
    """Register and sign in a fresh user with `role`."""
    email = f"sec-{role}-{uuid.uuid4().hex[:8]}@example.com"
    body = {"email": email, "password": PASSWORD, "role": role, "full_name": f"Sec {role}", **extra}
    registered = client.post("/api/v1/auth/register", json=body)
    assert registered.status_code == 201, registered.text
    return sign_in(client, email, role)


def sign_in(client: httpx.Client, email: str, role: str, password: str = PASSWORD) -> Account:
    login = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert login.status_code == 200, login.text
    tokens = login.json()
    return Account(tokens["user"]["id"], email, role, tokens["access_token"], tokens["refresh_token"])


def refused(response: httpx.Response, *statuses: int) -> httpx.Response:
    """Assert the request was refused (one of `statuses` when given) in the common error shape."""
    assert not 200 <= response.status_code < 300, f"{response.request.method} {response.request.url} was let through"
    assert response.status_code < 500, f"{response.request.url} answered {response.status_code}: {response.text}"
    if statuses:
        assert response.status_code in statuses, response.text
    assert response.json()["error"]["request_id"] == response.headers["x-request-id"]
    return response


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parts(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    header, payload, signature = token.split(".")
    return json.loads(unb64url(header)), json.loads(unb64url(payload)), signature


def identity_signing_key(system: RunningSystem) -> tuple[str, rsa.RSAPrivateKey]:
    """The kid and private key identity signs with now (the newest PEM in its key directory)."""
    newest = sorted((system.var_dir / "identity" / "keys").glob("*.pem"))[-1]
    key = serialization.load_pem_private_key(newest.read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return newest.stem, key


def claims_like(account: Account, **changes: Any) -> dict[str, Any]:
    """The claims of `account`'s access token, with `changes`."""
    _, claims, _ = parts(account.access_token)
    return {**claims, **changes}


@pytest.fixture
def http(system: RunningSystem) -> Iterator[httpx.Client]:
    """A client of the gateway."""
    with httpx.Client(base_url=system.base_url, timeout=30.0) as client:
        yield client


# --- tokens --------------------------------------------------------------------------------------


def test_an_expired_token_is_refused(system: RunningSystem, http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    kid, key = identity_signing_key(system)
    past = datetime.now(UTC) - timedelta(hours=2)
    claims = claims_like(
        account, iat=int(past.timestamp()), exp=int((past + timedelta(minutes=15)).timestamp()), jti=uuid.uuid4().hex
    )
    expired = jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})
    # The same claims with a live expiry pass: it is the expiry that is refused, not the signing.
    live = jwt.encode(
        {**claims, "exp": int(time.time()) + 600, "iat": int(time.time())}, key, algorithm="RS256", headers={"kid": kid}
    )
    assert http.get("/api/v1/jobs", headers=bearer(live)).status_code == 200
    error = refused(http.get("/api/v1/jobs", headers=bearer(expired)), 401).json()["error"]
    assert error["message"] == "token expired"


def test_a_tampered_token_is_refused(http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    header, payload, signature = account.access_token.split(".")
    raw = bytearray(unb64url(signature))
    raw[len(raw) // 2] ^= 0x01
    flipped_signature = f"{header}.{payload}.{b64url(bytes(raw))}"
    claims = bytearray(unb64url(payload))
    at = claims.index(b'"role"')
    claims[at + 8] ^= 0x01  # a byte of the role's value
    flipped_payload = f"{header}.{b64url(bytes(claims))}.{signature}"
    promoted = f"{header}.{b64url(json.dumps(claims_like(account, role='admin')).encode())}.{signature}"
    for forged in (flipped_signature, flipped_payload, promoted):
        refused(http.get("/api/v1/jobs", headers=bearer(forged)), 401)
        refused(http.get("/api/v1/admin/audit", headers=bearer(forged)), 401)


def test_a_token_with_a_kid_identity_never_published_is_refused(system: RunningSystem, http: httpx.Client) -> None:
    account = sign_up(http, "recruiter")
    rogue = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid, _ = identity_signing_key(system)
    unknown_kid = jwt.encode(claims_like(account), rogue, algorithm="RS256", headers={"kid": "rogue-2026"})
    # The real kid on a key that is not identity's: the signature does not verify.
    borrowed_kid = jwt.encode(claims_like(account), rogue, algorithm="RS256", headers={"kid": kid})
    no_kid = jwt.encode(claims_like(account), rogue, algorithm="RS256")
    for forged in (unknown_kid, borrowed_kid, no_kid):
        refused(http.get("/api/v1/jobs", headers=bearer(forged)), 401)


def test_a_refresh_token_is_not_an_access_token(system: RunningSystem, http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    assert parts(account.refresh_token)[1]["type"] == "refresh"
    refused(http.get("/api/v1/me", headers=bearer(account.refresh_token)), 401)
    refused(http.get("/api/v1/jobs", headers=bearer(account.refresh_token)), 401)
    # Nor is an access token a refresh token.
    refused(http.post("/api/v1/auth/refresh", json={"refresh_token": account.access_token}), 401)
    # A type=refresh token signed by a key outside the JWKS is refused before its type matters.
    rogue = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid, _ = identity_signing_key(system)
    forged = jwt.encode(claims_like(account, type="refresh"), rogue, algorithm="RS256", headers={"kid": kid})
    refused(http.get("/api/v1/jobs", headers=bearer(forged)), 401)


def test_alg_none_and_hmac_with_the_public_key_are_refused(system: RunningSystem, http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    kid, key = identity_signing_key(system)
    claims = b64url(json.dumps(claims_like(account, role="admin")).encode())
    for alg in ("none", "None", "NONE"):
        header = b64url(json.dumps({"alg": alg, "typ": "JWT", "kid": kid}).encode())
        refused(http.get("/api/v1/admin/audit", headers=bearer(f"{header}.{claims}.")), 401)
    # HS256 keyed with the public key (as published in the JWKS): the classic key-confusion attack.
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    jwks_key = http.get("/.well-known/jwks.json").json()["keys"][-1]
    for secret in (public_pem, json.dumps(jwks_key).encode(), jwks_key["n"].encode()):
        header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
        signing_input = f"{header}.{claims}"
        signature = b64url(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())
        refused(http.get("/api/v1/admin/audit", headers=bearer(f"{signing_input}.{signature}")), 401)


def test_garbage_in_the_authorization_header_is_refused(http: httpx.Client) -> None:
    for value in ("Bearer", "Basic dXNlcjpwYXNz", "Bearer a.b", "Bearer ....", "Bearer " + "A" * 5000):
        refused(http.get("/api/v1/jobs", headers={"Authorization": value}), 401)


# --- roles ---------------------------------------------------------------------------------------


def test_a_candidate_cannot_act_as_recruiter_or_admin(http: httpx.Client) -> None:
    candidate = sign_up(http, "candidate")
    attempts = [
        ("POST", "/api/v1/jobs", {"title": "Mine now", "description": "x" * 200}),
        ("GET", f"/api/v1/jobs/{uuid.uuid4()}/candidates", None),
        ("PATCH", f"/api/v1/applications/{uuid.uuid4()}", {"status": "hired"}),
        ("POST", "/api/v1/interviews", {"application_id": str(uuid.uuid4())}),
        ("GET", "/api/v1/admin/audit", None),
        ("GET", "/api/v1/admin/users", None),
        ("PATCH", f"/api/v1/admin/users/{candidate.id}", {"role": "admin"}),
        ("DELETE", f"/api/v1/admin/users/{uuid.uuid4()}", None),
        ("POST", "/api/v1/admin/matcher/reindex", None),
        ("POST", f"/api/v1/jobs/{uuid.uuid4()}/resumes", None),
    ]
    for method, path, body in attempts:
        refused(http.request(method, path, json=body, headers=candidate.headers), 403)
    assert http.get("/api/v1/me", headers=candidate.headers).json()["role"] == "candidate"


def test_a_recruiter_cannot_reach_admin_routes(http: httpx.Client) -> None:
    recruiter = sign_up(http, "recruiter")
    for method, path in (("GET", "/api/v1/admin/audit"), ("GET", "/api/v1/admin/users")):
        refused(http.request(method, path, headers=recruiter.headers), 403)
    refused(http.patch(f"/api/v1/admin/users/{recruiter.id}", json={"role": "admin"}, headers=recruiter.headers), 403)


def test_nobody_makes_themselves_admin(http: httpx.Client) -> None:
    email = f"sec-escalate-{uuid.uuid4().hex[:8]}@example.com"
    refused(http.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD, "role": "admin"}), 422)
    refused(http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}), 401)
    candidate = sign_up(http, "candidate")
    refused(http.patch("/api/v1/me", json={"role": "admin"}, headers=candidate.headers), 422)
    refused(http.patch("/api/v1/me", json={"full_name": "X", "is_active": True}, headers=candidate.headers), 422)
    assert http.get("/api/v1/me", headers=candidate.headers).json()["role"] == "candidate"


# --- other people's things -----------------------------------------------------------------------


JOB = {
    "title": "Backend Engineer",
    "description": "We need a Python backend engineer.\n\nRequirements:\n- Python, PostgreSQL, Docker\n- REST APIs",
}
RESUME = b"""Jordan Lee
jordan.lee@example.com

Experience
Backend Engineer, Acme, 2019 - Present
Python, PostgreSQL, Docker, REST APIs.
"""


def test_a_recruiter_cannot_see_or_touch_another_recruiters_job(http: httpx.Client) -> None:
    alice, bob = sign_up(http, "recruiter", company_name="A"), sign_up(http, "recruiter", company_name="B")
    posted = http.post("/api/v1/jobs", json=JOB, headers=alice.headers)
    assert posted.status_code == 201, posted.text
    job_id = posted.json()["id"]
    wait_for(lambda: http.get(f"/api/v1/jobs/{job_id}", headers=alice.headers).json()["status"] == "open")
    uploaded = http.post(
        "/api/v1/resumes",
        files={"file": ("jordan.txt", RESUME, "text/plain")},
        data={"job_id": job_id},
        headers=alice.headers,
    )
    assert uploaded.status_code == 202, uploaded.text

    def alices_applicants() -> list[dict[str, Any]]:
        response = http.get(f"/api/v1/jobs/{job_id}/candidates", headers=alice.headers)
        assert response.status_code == 200, response.text
        return list(response.json()["candidates"])

    application_id = wait_for(alices_applicants)[0]["application_id"]

    refused(http.get(f"/api/v1/jobs/{job_id}", headers=bob.headers), 404)
    refused(http.get(f"/api/v1/jobs/{job_id}/candidates", headers=bob.headers), 404)
    refused(http.post(f"/api/v1/jobs/{job_id}/close", headers=bob.headers), 404)
    refused(http.patch(f"/api/v1/applications/{application_id}", json={"status": "hired"}, headers=bob.headers), 404)
    refused(
        http.post(
            f"/api/v1/jobs/{job_id}/resumes",
            files=[("files", ("x.txt", RESUME, "text/plain"))],
            headers=bob.headers,
        ),
        404,
    )
    refused(http.get(f"/api/v1/resumes/{uploaded.json()['id']}", headers=bob.headers), 404)
    assert job_id not in [job["id"] for job in http.get("/api/v1/jobs", headers=bob.headers).json()["jobs"]]
    # Alice's job is untouched.
    assert http.get(f"/api/v1/jobs/{job_id}", headers=alice.headers).json()["status"] == "open"


def test_a_candidate_cannot_see_another_candidates_resume(http: httpx.Client) -> None:
    ann, ben = sign_up(http, "candidate"), sign_up(http, "candidate")
    uploaded = http.post("/api/v1/resumes", files={"file": ("ann.txt", RESUME, "text/plain")}, headers=ann.headers)
    assert uploaded.status_code == 202, uploaded.text
    resume_id = uploaded.json()["id"]
    assert http.get(f"/api/v1/resumes/{resume_id}", headers=ann.headers).status_code == 200
    refused(http.get(f"/api/v1/resumes/{resume_id}", headers=ben.headers), 404)
    refused(http.get(f"/api/v1/resumes/{resume_id}/file", headers=ben.headers), 404)
    refused(http.delete(f"/api/v1/resumes/{resume_id}", headers=ben.headers), 404)
    refused(http.get(f"/api/v1/matches/resumes/{resume_id}", headers=ben.headers), 404)
    assert resume_id not in [item["id"] for item in http.get("/api/v1/resumes/me", headers=ben.headers).json()["items"]]
    assert http.get(f"/api/v1/resumes/{resume_id}", headers=ann.headers).status_code == 200


# --- sessions ------------------------------------------------------------------------------------


def revoked(http: httpx.Client, account: Account) -> httpx.Response:
    """Wait until the gateway refuses `account`'s access token as revoked (the event travels through NATS)."""

    def refusal() -> httpx.Response | None:
        # Jobs does not check revocations itself: a refusal here is the gateway's.
        response = http.get("/api/v1/jobs", headers=account.headers)
        return response if response.status_code == 401 else None

    response: httpx.Response = wait_for(refusal, timeout=30)
    error = refused(response, 401).json()["error"]
    assert error["code"] == "session_revoked"
    assert error["message"] == "this session was revoked; sign in again"
    return response


def test_changing_the_password_ends_every_session(http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    other_device = sign_in(http, account.email, "candidate")
    changed = http.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=account.headers,
    )
    assert changed.status_code == 204, changed.text
    revoked(http, account)
    revoked(http, other_device)
    refused(http.post("/api/v1/auth/refresh", json={"refresh_token": other_device.refresh_token}), 401)
    refused(http.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD}), 401)
    again = sign_in(http, account.email, "candidate", password=NEW_PASSWORD)
    assert http.get("/api/v1/jobs", headers=again.headers).status_code == 200


def test_logging_out_everywhere_ends_every_session(http: httpx.Client) -> None:
    account = sign_up(http, "recruiter")
    assert http.post("/api/v1/auth/logout-all", headers=account.headers).status_code == 204
    revoked(http, account)
    refused(http.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token}), 401)
    again = sign_in(http, account.email, "recruiter")
    assert http.get("/api/v1/jobs", headers=again.headers).status_code == 200


def test_a_deactivated_user_is_locked_out(system: RunningSystem, http: httpx.Client) -> None:
    admin = sign_in(http, system.admin_email, "admin", password=system.admin_password)
    account = sign_up(http, "candidate")
    deactivated = http.patch(f"/api/v1/admin/users/{account.id}", json={"is_active": False}, headers=admin.headers)
    assert deactivated.status_code == 200, deactivated.text
    revoked(http, account)
    refused(http.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD}))
    refused(http.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token}), 401)


def test_a_role_change_voids_tokens_that_carry_the_old_role(system: RunningSystem, http: httpx.Client) -> None:
    admin = sign_in(http, system.admin_email, "admin", password=system.admin_password)
    account = sign_up(http, "recruiter")
    changed = http.patch(f"/api/v1/admin/users/{account.id}", json={"role": "candidate"}, headers=admin.headers)
    assert changed.status_code == 200, changed.text
    revoked(http, account)
    again = sign_in(http, account.email, "candidate")
    refused(http.post("/api/v1/jobs", json=JOB, headers=again.headers), 403)


def test_a_reused_refresh_token_ends_the_whole_family(http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    rotated = http.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token})
    assert rotated.status_code == 200, rotated.text
    successor = rotated.json()["refresh_token"]
    refused(http.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token}), 401)
    # The thief's reuse also ends the legitimate successor.
    refused(http.post("/api/v1/auth/refresh", json={"refresh_token": successor}), 401)


# --- the gateway's own guarantees ----------------------------------------------------------------


def test_limited_routes_say_how_much_is_left(http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    response = http.get("/api/v1/jobs", headers=account.headers)
    assert response.status_code == 200
    limit = int(response.headers["x-ratelimit-limit"])
    assert 0 <= int(response.headers["x-ratelimit-remaining"]) < limit
    assert int(response.headers["x-ratelimit-reset"]) > 0
    assert "x-ratelimit-limit" not in http.get("/.well-known/jwks.json").headers


def test_the_request_id_reaches_the_service_and_both_logs(system: RunningSystem, http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    request_id = f"sec-trace-{uuid.uuid4().hex}"
    response = http.get("/api/v1/me", headers={**account.headers, "X-Request-ID": request_id})
    assert response.status_code == 200
    assert response.headers["x-request-id"] == request_id

    def logged(service: str) -> list[dict[str, Any]]:
        lines = [line for line in system.log(service).splitlines() if request_id in line]
        return [json.loads(line) for line in lines if line.startswith("{")]

    gateway_lines = wait_for(lambda: logged("gateway"), timeout=10)
    identity_lines = wait_for(lambda: logged("identity"), timeout=10)
    gateway_access = next(line for line in gateway_lines if line.get("event") == "http.request")
    assert gateway_access["route"] == "/api/v1/me"
    assert gateway_access["request_id"] == request_id
    assert any(line.get("event") == "http.request" for line in identity_lines)


def test_nothing_unknown_or_malformed_gets_through_or_breaks(http: httpx.Client) -> None:
    account = sign_up(http, "candidate")
    refused(http.get("/api/v1/admin/../../internal", headers=account.headers))
    refused(http.get("/api/v1/resumes/%2E%2E%2Fadmin", headers=account.headers), 404)
    refused(http.get("/metrics/../api/v1/admin/audit", headers=account.headers))
    refused(
        http.post("/api/v1/jobs", content=b"{not json", headers={**account.headers, "content-type": "application/json"})
    )
    refused(http.post("/api/v1/auth/login", content=b"\xff\xfe", headers={"content-type": "application/json"}))
