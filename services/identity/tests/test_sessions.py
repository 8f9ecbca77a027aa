"""Sessions over real HTTP: token pairs, refresh rotation and theft detection, signing out, bad tokens."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from nats.js import JetStreamContext

from services.identity import accounts, sessions
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing
from services.identity.tests.conftest import PASSWORD, SignUp, bearer
from talentkit.testing.bus import wait_for_event
from talentkit.testing.tokens import TestIssuer

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


async def _refresh(identity: httpx.AsyncClient, token: str) -> httpx.Response:
    return await identity.post("/api/v1/auth/refresh", json={"refresh_token": token})


async def test_login_gives_a_pair_whose_refresh_token_is_a_typed_jwt_of_a_family(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    response = await identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_expires_in"] == 30 * 24 * 3600
    assert body["user"]["id"] == account.id
    access = jwt.decode(body["access_token"], options={"verify_signature": False})
    refresh = jwt.decode(body["refresh_token"], options={"verify_signature": False})
    assert access["type"] == "access"
    assert {"sub", "role", "iat", "exp", "jti", "iss", "aud"} <= set(access)
    assert refresh["type"] == "refresh"
    assert refresh["sub"] == account.id
    assert refresh["exp"] - refresh["iat"] == 30 * 24 * 3600
    uuid.UUID(refresh["fam"])
    assert jwt.get_unverified_header(body["refresh_token"])["alg"] == "RS256"


async def test_refresh_rotates_and_each_refresh_token_is_single_use(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    first = await _refresh(identity, account.refresh_token)
    assert first.status_code == 200, first.text
    rotated = first.json()
    assert rotated["refresh_token"] != account.refresh_token
    family = jwt.decode(account.refresh_token, options={"verify_signature": False})["fam"]
    assert jwt.decode(rotated["refresh_token"], options={"verify_signature": False})["fam"] == family
    assert (await identity.get("/api/v1/me", headers=bearer(rotated["access_token"]))).status_code == 200
    second = await _refresh(identity, rotated["refresh_token"])
    assert second.status_code == 200


async def test_reusing_a_used_refresh_token_revokes_the_whole_family(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    rotated_pair = (await _refresh(identity, account.refresh_token)).json()
    rotated = rotated_pair["refresh_token"]

    reuse = await _refresh(identity, account.refresh_token)
    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "invalid_refresh_token"
    # The thief (or the owner) holding the newer token is cut off too: both must sign in again.
    assert (await _refresh(identity, rotated)).status_code == 401
    # ...and so are the access tokens the family already handed out.
    assert (await identity.get("/api/v1/me", headers=bearer(rotated_pair["access_token"]))).status_code == 401
    # Other sessions of the same user are a different family and live on.
    login = await identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})
    assert (await _refresh(identity, login.json()["refresh_token"])).status_code == 200


async def test_logout_revokes_the_family_and_is_idempotent(identity: httpx.AsyncClient, sign_up: SignUp) -> None:
    account = await sign_up()
    rotated = (await _refresh(identity, account.refresh_token)).json()["refresh_token"]
    other_session = (
        await identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})
    ).json()

    out = await identity.post("/api/v1/auth/logout", json={"refresh_token": rotated})
    assert out.status_code == 204
    assert (await identity.post("/api/v1/auth/logout", json={"refresh_token": rotated})).status_code == 204
    assert (await _refresh(identity, rotated)).status_code == 401
    assert (await _refresh(identity, other_session["refresh_token"])).status_code == 200
    garbage = await identity.post("/api/v1/auth/logout", json={"refresh_token": "not-a-token"})
    assert garbage.status_code == 401


async def test_logout_all_ends_every_session_and_voids_access_tokens(
    identity: httpx.AsyncClient, sign_up: SignUp, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    account = await sign_up()
    second = (await identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})).json()

    assert (await identity.post("/api/v1/auth/logout-all")).status_code == 401
    out = await identity.post("/api/v1/auth/logout-all", headers=account.headers)
    assert out.status_code == 204
    assert (await _refresh(identity, account.refresh_token)).status_code == 401
    assert (await _refresh(identity, second["refresh_token"])).status_code == 401
    stale = await identity.get("/api/v1/me", headers=bearer(second["access_token"]))
    assert stale.status_code == 401
    assert stale.json()["error"]["code"] == "token_revoked"
    event = await wait_for_event(
        js, "talent.user.access_revoked.v1", lambda body: body["payload"]["user_id"] == account.id
    )
    assert event["payload"]["reason"] == "logout_all"
    assert event["actor_id"] == account.id
    # Signing in again right away works: the new token is not caught by the revocation.
    again = await identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})
    assert again.status_code == 200
    fresh_iat = jwt.decode(again.json()["access_token"], options={"verify_signature": False})["iat"]
    assert fresh_iat > datetime.fromisoformat(event["payload"]["revoked_before"]).timestamp()
    assert (await identity.get("/api/v1/me", headers=bearer(again.json()["access_token"]))).status_code == 200


async def test_a_refresh_token_is_not_an_access_token_and_vice_versa(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    as_access = await identity.get("/api/v1/me", headers=bearer(account.refresh_token))
    assert as_access.status_code == 401
    assert "access token is required" in as_access.json()["error"]["message"]
    as_refresh = await _refresh(identity, account.access_token)
    assert as_refresh.status_code == 401
    assert "refresh token is required" in as_refresh.json()["error"]["message"]
    assert (await identity.post("/api/v1/auth/logout", json={"refresh_token": account.access_token})).status_code == 401
    # The access token was not spent by being offered as a refresh token, nor the other way round.
    assert (await identity.get("/api/v1/me", headers=account.headers)).status_code == 200
    assert (await _refresh(identity, account.refresh_token)).status_code == 200


def _tampered(token: str, **changes: object) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


async def test_expired_tampered_and_foreign_tokens_are_refused(
    identity: httpx.AsyncClient, sign_up: SignUp, test_issuer: TestIssuer
) -> None:
    account = await sign_up()
    escalated = _tampered(account.access_token, role="admin")
    assert (await identity.get("/api/v1/me", headers=bearer(escalated))).status_code == 401
    assert (await identity.get("/api/v1/admin/users", headers=bearer(escalated))).status_code == 401
    longer = _tampered(account.refresh_token, exp=4102444800)
    assert (await _refresh(identity, longer)).status_code == 401

    # Signed by a key identity never published (the test issuer's), with a kid it does not know.
    user_id = uuid.UUID(account.id)
    foreign = test_issuer.token(user_id, role="candidate")
    assert (await identity.get("/api/v1/me", headers=bearer(foreign))).status_code == 401
    assert (
        await _refresh(identity, test_issuer.token(user_id, token_type="refresh", fam=str(uuid.uuid4())))
    ).status_code == 401
    # An identity kid on a token signed with another key.
    kid = jwt.get_unverified_header(account.access_token)["kid"]
    wrong_key = test_issuer.token(user_id, kid=kid)
    assert (await identity.get("/api/v1/me", headers=bearer(wrong_key))).status_code == 401
    expired = test_issuer.token(user_id, ttl=timedelta(seconds=-5), token_type="refresh", fam=str(uuid.uuid4()))
    assert (await _refresh(identity, expired)).status_code == 401
    for nonsense in ("x", "a.b.c", "e30.e30.", "Bearer"):
        response = await identity.get("/api/v1/me", headers={"Authorization": f"Bearer {nonsense}"})
        assert response.status_code == 401
        assert (await _refresh(identity, nonsense)).status_code == 401


async def test_an_expired_refresh_token_signed_by_identity_is_refused(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    # Re-sign the real token's claims with an exp in the past, using identity's own key.
    keys = KeyRing.load_or_create(IdentitySettings().key_dir)
    claims = jwt.decode(account.refresh_token, options={"verify_signature": False})
    claims["exp"] = claims["iat"] - 3600  # well past the verifiers' clock-skew leeway
    expired = keys.sign(claims)
    response = await _refresh(identity, expired)
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


async def test_login_accepts_the_oauth2_password_form(identity: httpx.AsyncClient, sign_up: SignUp) -> None:
    account = await sign_up()
    form = {"grant_type": "password", "username": account.email, "password": PASSWORD, "scope": ""}
    response = await identity.post("/api/v1/auth/login", data=form)
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"
    assert (await identity.get("/api/v1/me", headers=bearer(response.json()["access_token"]))).status_code == 200

    wrong_grant = await identity.post("/api/v1/auth/login", data={**form, "grant_type": "client_credentials"})
    assert wrong_grant.status_code == 422
    missing = await identity.post("/api/v1/auth/login", data={"username": account.email})
    assert missing.status_code == 422
    assert missing.json()["error"]["details"][0]["field"] == "body.password"
    text = await identity.post("/api/v1/auth/login", content=b"hi", headers={"content-type": "text/plain"})
    assert text.status_code == 415
    for broken in (b"{", b"\xff\xfe", b"[]", b'{"email": "a@example.com", "password": "x", "extra": 1}'):
        response = await identity.post(
            "/api/v1/auth/login", content=broken, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422, (broken, response.text)
    undeclared = await identity.post("/api/v1/auth/login", content=b'{"email": "a@example.com", "password": "x"}')
    assert undeclared.status_code == 401
    wrong = await identity.post("/api/v1/auth/login", data={**form, "password": "not-it-123"})
    assert wrong.status_code == 401


async def test_the_openapi_document_declares_the_password_flow(identity: httpx.AsyncClient) -> None:
    document = (await identity.get("/openapi.json")).json()
    schemes = document["components"]["securitySchemes"]
    flows = [scheme["flows"]["password"] for scheme in schemes.values() if scheme["type"] == "oauth2"]
    assert flows == [{"scopes": {}, "tokenUrl": "/api/v1/auth/login"}]
    body = document["paths"]["/api/v1/auth/login"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "application/x-www-form-urlencoded"}
    for media in body.values():
        assert media["schema"]["$ref"].rsplit("/", 1)[1] in document["components"]["schemas"]
    assert document["paths"]["/api/v1/me"]["get"]["security"]


async def test_a_refresh_racing_sign_out_everywhere_neither_fails_nor_outlives_it(
    identity: httpx.AsyncClient, sign_up: SignUp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A thief refreshing in a loop is always mid-refresh when the owner signs out everywhere: both
    # must go through (no deadlock between their locks), and the refresh token that refresh hands
    # out must be revoked with all the others.
    account = await sign_up()
    paused, release = asyncio.Event(), asyncio.Event()
    wait_for_revocations = sessions.ready_to_issue

    async def wait_longer(user: Any) -> None:
        paused.set()
        await release.wait()
        await wait_for_revocations(user)

    monkeypatch.setattr(sessions, "ready_to_issue", wait_longer)
    refreshing = asyncio.create_task(_refresh(identity, account.refresh_token))
    await asyncio.wait_for(paused.wait(), timeout=10)
    signing_out = asyncio.create_task(identity.post("/api/v1/auth/logout-all", headers=account.headers))
    await asyncio.sleep(0.5)  # sign-out is under way, waiting for the refresh's transaction
    release.set()
    refreshed, signed_out = await refreshing, await signing_out
    assert signed_out.status_code == 204, signed_out.text
    assert refreshed.status_code == 200, refreshed.text
    assert (await _refresh(identity, refreshed.json()["refresh_token"])).status_code == 401


async def test_a_sign_in_racing_a_password_change_cannot_use_the_old_password(
    identity: httpx.AsyncClient, sign_up: SignUp, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await sign_up()
    checked, release = asyncio.Event(), asyncio.Event()
    verify = accounts.verify_password

    async def verify_then_wait(password_hash: str, password: str) -> bool:
        matches = await verify(password_hash, password)
        if not checked.is_set():
            checked.set()  # the sign-in's check, with the old password: hold it here
            await release.wait()
        return matches

    monkeypatch.setattr(accounts, "verify_password", verify_then_wait)
    signing_in = asyncio.create_task(
        identity.post("/api/v1/auth/login", json={"email": account.email, "password": PASSWORD})
    )
    await asyncio.wait_for(checked.wait(), timeout=10)
    changed = await identity.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "an0ther-secret"},
        headers=account.headers,
    )
    assert changed.status_code == 204, changed.text
    release.set()
    signed_in = await signing_in
    assert signed_in.status_code == 401, signed_in.text
    assert signed_in.json()["error"]["code"] == "invalid_credentials"
