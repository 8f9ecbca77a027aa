"""Identity over real HTTP, against real PostgreSQL and NATS."""

import json
import re

import httpx
import jwt
import pytest
from nats.js import JetStreamContext

from services.identity.tests.conftest import identity_client
from talentkit.testing.bus import wait_for_event

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


async def test_register_then_login_gives_a_verifiable_token(identity: httpx.AsyncClient) -> None:
    body = {"email": "Rita@Example.com", "password": "s3cure-enough", "role": "recruiter", "full_name": "Rita"}
    registered = await identity.post("/api/v1/auth/register", json=body)
    assert registered.status_code == 201, registered.text
    assert registered.json()["user"]["email"] == "rita@example.com"

    login = await identity.post("/api/v1/auth/login", json={"email": "rita@example.com", "password": "s3cure-enough"})
    assert login.status_code == 200
    token = login.json()["access_token"]
    jwks = (await identity.get("/.well-known/jwks.json")).json()
    key = jwt.PyJWK(jwks["keys"][0]).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience="talent-connect")
    assert claims["role"] == "recruiter"
    assert claims["type"] == "access"

    me = await identity.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["full_name"] == "Rita"


async def test_duplicate_email_is_409_and_admin_is_not_self_assignable(identity: httpx.AsyncClient) -> None:
    body = {"email": "dup@example.com", "password": "s3cure-enough"}
    assert (await identity.post("/api/v1/auth/register", json=body)).status_code == 201
    again = await identity.post("/api/v1/auth/register", json={**body, "email": "DUP@example.com"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "email_taken"
    admin = await identity.post(
        "/api/v1/auth/register", json={"email": "sneaky@example.com", "password": "s3cure-enough", "role": "admin"}
    )
    assert admin.status_code == 422


async def test_wrong_password_is_401_without_saying_which_part(identity: httpx.AsyncClient) -> None:
    await identity.post("/api/v1/auth/register", json={"email": "w@example.com", "password": "s3cure-enough"})
    wrong = await identity.post("/api/v1/auth/login", json={"email": "w@example.com", "password": "nope-nope-1"})
    unknown = await identity.post("/api/v1/auth/login", json={"email": "nobody@example.com", "password": "x1xxxxxx"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]


async def test_first_start_creates_the_admin_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, fresh_database_url: str
) -> None:
    # Other tests in the session already created an admin in the shared database: start from empty.
    monkeypatch.setenv("DATABASE_URL", fresh_database_url)
    async with identity_client(monkeypatch) as identity:
        login = await identity.post(
            "/api/v1/auth/login", json={"email": "admin@example.com", "password": "admin-pass-2026"}
        )
        assert login.status_code == 200
        assert login.json()["user"]["role"] == "admin"


async def test_registration_is_published_as_an_event(
    identity: httpx.AsyncClient, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    response = await identity.post(
        "/api/v1/auth/register", json={"email": "ev@example.com", "password": "s3cure-enough"}
    )
    user_id = response.json()["user"]["id"]
    event = await wait_for_event(js, "talent.user.registered.v1", lambda body: body["payload"]["user_id"] == user_id)
    assert event["event_type"] == "UserRegistered"
    assert event["actor_id"] == user_id
    assert "password" not in json.dumps(event)


async def test_without_admin_password_a_random_one_is_printed_once(
    monkeypatch: pytest.MonkeyPatch, fresh_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", fresh_database_url)
    async with identity_client(monkeypatch, admin_password=None) as identity:
        printed = capsys.readouterr().err
        match = re.search(r"admin account created: admin@example.com / password: (\S+)", printed)
        assert match, printed
        login = await identity.post("/api/v1/auth/login", json={"email": "admin@example.com", "password": match[1]})
        assert login.status_code == 200
    async with identity_client(monkeypatch, admin_password=None):
        assert "admin account created" not in capsys.readouterr().err
