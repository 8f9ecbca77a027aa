"""The caller's own account over real HTTP: profile reads and edits, password change."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from nats.js import JetStreamContext

from services.identity.tests.conftest import PASSWORD, Account, SignUp, bearer
from talentkit.testing.bus import wait_for_event

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


async def test_me_shows_the_profile_and_patch_changes_only_what_is_sent(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    me = (await identity.get("/api/v1/me", headers=account.headers)).json()
    assert me["email"] == account.email
    assert me["skills"] == []
    assert me["preferred_locations"] == []
    assert me["seniority"] is None
    assert me["created_at"]

    patch = {
        "full_name": "  Ada   Lovelace ",
        "headline": " Backend engineer ",
        "preferred_locations": [" Berlin ", "Remote", "berlin", "  "],
        "seniority": "senior",
        "skills": [" python ", "Postgres", "k8s", "Underwater   basket weaving", "PYTHON", ""],
    }
    response = await identity.patch("/api/v1/me", json=patch, headers=account.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["full_name"] == "Ada   Lovelace"
    assert body["headline"] == "Backend engineer"
    assert body["preferred_locations"] == ["Berlin", "Remote"]
    assert body["seniority"] == "senior"
    # Canonical names where the vocabulary knows the skill; unknown ones kept as typed, tidied.
    assert body["skills"] == ["Python", "PostgreSQL", "Kubernetes", "Underwater basket weaving"]

    only_headline = await identity.patch("/api/v1/me", json={"headline": None}, headers=account.headers)
    assert only_headline.json()["headline"] is None
    assert only_headline.json()["skills"] == body["skills"]
    again = (await identity.get("/api/v1/me", headers=account.headers)).json()
    assert again["seniority"] == "senior"
    assert again["headline"] is None


@pytest.mark.parametrize(
    "patch",
    [
        {"full_name": ""},
        {"full_name": None},
        {"full_name": "x" * 201},
        {"headline": "x" * 301},
        {"seniority": "wizard"},
        {"skills": "python"},
        {"skills": ["x" * 81]},
        {"skills": [f"skill {n}" for n in range(51)]},
        {"skills": [1, 2]},
        {"preferred_locations": [f"city {n}" for n in range(21)]},
        {"preferred_locations": ["x" * 101]},
        {"role": "admin"},
        {"email": "new@example.com"},
        {"is_active": False},
    ],
)
async def test_invalid_profile_edits_are_422_not_500(
    identity: httpx.AsyncClient, sign_up: SignUp, patch: dict[str, Any]
) -> None:
    account = await sign_up()
    response = await identity.patch("/api/v1/me", json=patch, headers=account.headers)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_error"
    assert (await identity.get("/api/v1/me", headers=account.headers)).json()["role"] == "candidate"


async def test_malformed_bodies_are_422(identity: httpx.AsyncClient, sign_up: SignUp) -> None:
    account = await sign_up()
    headers = {**account.headers, "content-type": "application/json"}
    assert (await identity.patch("/api/v1/me", content=b"{", headers=headers)).status_code == 422
    assert (await identity.patch("/api/v1/me", content=b"[]", headers=headers)).status_code == 422
    assert (await identity.post("/api/v1/auth/refresh", content=b"null", headers=headers)).status_code == 422


async def test_only_candidates_list_skills(identity: httpx.AsyncClient, sign_up: SignUp) -> None:
    recruiter = await sign_up("recruiter", company_name="Acme")
    response = await identity.patch("/api/v1/me", json={"skills": ["Python"]}, headers=recruiter.headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "skills_for_candidates_only"
    ok = await identity.patch("/api/v1/me", json={"headline": "Hiring"}, headers=recruiter.headers)
    assert ok.status_code == 200
    assert ok.json()["company_name"] == "Acme"


async def test_changing_the_password_ends_every_session(
    identity: httpx.AsyncClient, sign_up: SignUp, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    account = await sign_up()
    other = (await identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})).json()
    new_password = "brand-new-pass-42"
    change = await identity.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": new_password},
        headers=account.headers,
    )
    assert change.status_code == 204, change.text
    for refresh_token in (account.refresh_token, other["refresh_token"]):
        refused = await identity.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})
        assert refused.status_code == 401
    assert (await identity.get("/api/v1/me", headers=bearer(other["access_token"]))).status_code == 401
    old = await identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})
    assert old.status_code == 401
    new = await identity.post("/api/v1/auth/login", json={"email": account.email, "password": new_password})
    assert new.status_code == 200
    # Issued right after the revocation, the new token is not caught by it.
    assert (await identity.get("/api/v1/me", headers=bearer(new.json()["access_token"]))).status_code == 200
    event = await wait_for_event(
        js, "talent.user.access_revoked.v1", lambda body: body["payload"]["user_id"] == account.id
    )
    assert event["payload"]["reason"] == "password_changed"


@pytest.mark.parametrize(
    ("current", "new", "status", "code"),
    [
        ("wrong-current-1", "brand-new-pass-42", 403, "wrong_password"),
        (PASSWORD, "short1", 422, "weak_password"),
        (PASSWORD, "password123", 422, "weak_password"),
        (PASSWORD, "nodigitshere", 422, "weak_password"),
        (PASSWORD, PASSWORD, 422, "same_password"),
    ],
)
async def test_a_refused_password_change_changes_nothing(
    identity: httpx.AsyncClient, sign_up: SignUp, current: str, new: str, status: int, code: str
) -> None:
    account = await sign_up()
    response = await identity.post(
        "/api/v1/me/password", json={"current_password": current, "new_password": new}, headers=account.headers
    )
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert (await identity.get("/api/v1/me", headers=account.headers)).status_code == 200
    assert (
        await identity.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token})
    ).status_code == 200


async def test_guessing_the_current_password_is_limited_like_logins(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    statuses = []
    for n in range(6):
        response = await identity.post(
            "/api/v1/me/password",
            json={"current_password": f"guess-{n}-pass", "new_password": "brand-new-pass-42"},
            headers={**account.headers, "X-Forwarded-For": f"10.9.{n}.1"},
        )
        statuses.append(response.status_code)
    assert statuses == [403] * 5 + [429]


async def test_register_validates_and_never_grants_admin(identity: httpx.AsyncClient) -> None:
    base = {"email": "new-user@example.com", "password": "s3cure-enough"}
    for body in (
        {**base, "role": "admin"},
        {**base, "email": "not-an-email"},
        {**base, "password": "letmein123"},
        {**base, "password": "abcdefgh"},
        {**base, "extra": "field"},
        {**base, "full_name": "x" * 201},
    ):
        response = await identity.post("/api/v1/auth/register", json=body)
        assert response.status_code == 422, (body, response.text)


async def test_text_the_database_cannot_store_is_a_422_not_a_500(
    identity: httpx.AsyncClient, sign_up: SignUp, admin: Account
) -> None:
    # PostgreSQL refuses NUL in text and in JSONB; JSON and query strings carry it happily.
    account = await sign_up()
    for patch in ({"headline": "x\u0000y"}, {"skills": ["x\u0000y"]}, {"preferred_locations": ["x\u0000y"]}):
        response = await identity.patch("/api/v1/me", json=patch, headers=account.headers)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid_value"
    body = {"email": f"nul-{uuid.uuid4().hex[:8]}@example.com", "password": PASSWORD, "full_name": "a\u0000b"}
    registered = await identity.post("/api/v1/auth/register", json=body)
    assert registered.status_code == 422, registered.text
    searched = await identity.get("/api/v1/admin/users", params={"q": "a\u0000b"}, headers=admin.headers)
    assert searched.status_code == 422, searched.text
    # Nothing was half-stored: the account that could not be created does not exist.
    login = await identity.post("/api/v1/auth/login", json={"email": body["email"], "password": PASSWORD})
    assert login.status_code == 401
