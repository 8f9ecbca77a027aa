"""Administration over real HTTP: who may, listing, roles, deactivation, deletion, and what is published."""

from __future__ import annotations

import uuid
from datetime import datetime

import httpx
import jwt
import pytest
from nats.js import JetStreamContext

from services.identity.tests.conftest import PASSWORD, Account, SignUp, bearer, identity_client
from talentkit.testing.bus import wait_for_event

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


@pytest.mark.parametrize("role", ["candidate", "recruiter"])
async def test_admin_routes_are_403_for_everyone_else(identity: httpx.AsyncClient, sign_up: SignUp, role: str) -> None:
    caller = await sign_up(role)
    victim = await sign_up()
    target = f"/api/v1/admin/users/{victim.id}"
    assert (await identity.get("/api/v1/admin/users", headers=caller.headers)).status_code == 403
    assert (await identity.patch(target, json={"role": "admin"}, headers=caller.headers)).status_code == 403
    assert (
        await identity.patch(f"/api/v1/admin/users/{caller.id}", json={"role": "admin"}, headers=caller.headers)
    ).status_code == 403
    assert (await identity.delete(target, headers=caller.headers)).status_code == 403
    assert (await identity.get("/api/v1/admin/users")).status_code == 401
    assert (await identity.get("/api/v1/me", headers=victim.headers)).status_code == 200
    assert (await identity.get("/api/v1/me", headers=caller.headers)).json()["role"] == role


async def test_admins_list_and_filter_users(identity: httpx.AsyncClient, sign_up: SignUp, admin: Account) -> None:
    marker = uuid.uuid4().hex[:8]
    recruiter = await sign_up("recruiter", full_name=f"Rae {marker}")
    candidate = await sign_up("candidate", full_name=f"Cal {marker}")
    page = await identity.get("/api/v1/admin/users", params={"q": marker}, headers=admin.headers)
    assert page.status_code == 200
    body = page.json()
    assert body["total"] == 2
    assert {user["id"] for user in body["items"]} == {recruiter.id, candidate.id}
    only = await identity.get("/api/v1/admin/users", params={"q": marker, "role": "recruiter"}, headers=admin.headers)
    assert [user["id"] for user in only.json()["items"]] == [recruiter.id]
    by_email = await identity.get("/api/v1/admin/users", params={"q": candidate.email.upper()}, headers=admin.headers)
    assert [user["id"] for user in by_email.json()["items"]] == [candidate.id]
    paged = await identity.get(
        "/api/v1/admin/users", params={"q": marker, "limit": 1, "offset": 1}, headers=admin.headers
    )
    assert paged.json()["total"] == 2
    assert len(paged.json()["items"]) == 1
    # A LIKE wildcard in the search is a literal character, not "anything".
    assert (await identity.get("/api/v1/admin/users", params={"q": "%"}, headers=admin.headers)).json()["total"] == 0
    inactive = await identity.get(
        "/api/v1/admin/users", params={"q": marker, "is_active": "false"}, headers=admin.headers
    )
    assert inactive.json()["total"] == 0
    for params in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"role": "king"}, {"is_active": "maybe"}):
        assert (await identity.get("/api/v1/admin/users", params=params, headers=admin.headers)).status_code == 422


async def test_an_admin_cannot_demote_deactivate_or_delete_themselves(
    identity: httpx.AsyncClient, admin: Account
) -> None:
    me = f"/api/v1/admin/users/{admin.id}"
    for patch in ({"role": "recruiter"}, {"is_active": False}, {"role": "candidate", "is_active": True}):
        response = await identity.patch(me, json=patch, headers=admin.headers)
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "cannot_change_own_access"
    assert (await identity.delete(me, headers=admin.headers)).status_code == 409
    assert (await identity.patch(me, json={"role": "admin"}, headers=admin.headers)).status_code == 200
    assert (await identity.get("/api/v1/me", headers=admin.headers)).json()["role"] == "admin"


async def test_unknown_and_malformed_user_ids(identity: httpx.AsyncClient, admin: Account) -> None:
    missing = f"/api/v1/admin/users/{uuid.uuid4()}"
    assert (await identity.patch(missing, json={"is_active": False}, headers=admin.headers)).status_code == 404
    assert (await identity.delete(missing, headers=admin.headers)).status_code == 404
    assert (await identity.delete("/api/v1/admin/users/not-a-uuid", headers=admin.headers)).status_code == 422
    bad_role = await identity.patch(missing, json={"role": "owner"}, headers=admin.headers)
    assert bad_role.status_code == 422


async def test_a_deactivated_user_can_neither_sign_in_nor_refresh(
    identity: httpx.AsyncClient, sign_up: SignUp, admin: Account, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    user = await sign_up()
    response = await identity.patch(f"/api/v1/admin/users/{user.id}", json={"is_active": False}, headers=admin.headers)
    assert response.status_code == 200
    assert response.json()["is_active"] is False

    refresh = await identity.post("/api/v1/auth/refresh", json={"refresh_token": user.refresh_token})
    assert refresh.status_code == 401
    assert (await identity.get("/api/v1/me", headers=user.headers)).status_code == 401
    wrong = await identity.post("/api/v1/auth/login", json={"email": user.email, "password": "wrong-pass-1"})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    # Only someone who knows the password learns the account is deactivated.
    right = await identity.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert right.status_code == 401
    assert right.json()["error"]["code"] == "account_deactivated"
    assert right.json()["error"]["message"] == "this account is deactivated"

    revoked = await wait_for_event(
        js, "talent.user.access_revoked.v1", lambda body: body["payload"]["user_id"] == user.id
    )
    assert revoked["payload"]["reason"] == "deactivated"
    assert revoked["actor_id"] == admin.id
    issued = jwt.decode(user.access_token, options={"verify_signature": False})["iat"]
    assert datetime.fromisoformat(revoked["payload"]["revoked_before"]).timestamp() >= issued
    await wait_for_event(
        js,
        "talent.user.login_failed.v1",
        lambda body: body["payload"] == {"email": user.email, "ip": body["payload"]["ip"], "reason": "deactivated"},
    )

    back = await identity.patch(f"/api/v1/admin/users/{user.id}", json={"is_active": True}, headers=admin.headers)
    assert back.json()["is_active"] is True
    assert (
        await identity.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).status_code == 200


async def test_a_role_change_voids_old_access_tokens_but_a_refresh_gets_the_new_role(
    identity: httpx.AsyncClient, sign_up: SignUp, admin: Account, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    user = await sign_up("candidate")
    response = await identity.patch(f"/api/v1/admin/users/{user.id}", json={"role": "recruiter"}, headers=admin.headers)
    assert response.json()["role"] == "recruiter"
    assert (await identity.get("/api/v1/me", headers=user.headers)).status_code == 401
    refreshed = await identity.post("/api/v1/auth/refresh", json={"refresh_token": user.refresh_token})
    assert refreshed.status_code == 200
    token = refreshed.json()["access_token"]
    assert jwt.decode(token, options={"verify_signature": False})["role"] == "recruiter"
    assert (await identity.get("/api/v1/me", headers=bearer(token))).json()["role"] == "recruiter"
    event = await wait_for_event(
        js, "talent.user.access_revoked.v1", lambda body: body["payload"]["user_id"] == user.id
    )
    assert event["payload"]["reason"] == "role_changed"


async def test_promoting_to_admin_opens_the_admin_routes(
    identity: httpx.AsyncClient, sign_up: SignUp, admin: Account
) -> None:
    user = await sign_up("recruiter")
    await identity.patch(f"/api/v1/admin/users/{user.id}", json={"role": "admin"}, headers=admin.headers)
    login = await identity.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    headers = bearer(login.json()["access_token"])
    assert (await identity.get("/api/v1/admin/users", headers=headers)).status_code == 200
    # Demote back, from the other admin: allowed (only oneself is protected).
    demote = await identity.patch(f"/api/v1/admin/users/{user.id}", json={"role": "recruiter"}, headers=admin.headers)
    assert demote.status_code == 200
    assert (await identity.get("/api/v1/admin/users", headers=headers)).status_code == 401


async def test_deleting_a_user_publishes_user_deleted_and_ends_their_access(
    identity: httpx.AsyncClient, sign_up: SignUp, admin: Account, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    user = await sign_up()
    assert (await identity.delete(f"/api/v1/admin/users/{user.id}", headers=admin.headers)).status_code == 204
    deleted = await wait_for_event(js, "talent.user.deleted.v1", lambda body: body["payload"]["user_id"] == user.id)
    assert deleted["actor_id"] == admin.id
    revoked = await wait_for_event(
        js, "talent.user.access_revoked.v1", lambda body: body["payload"]["user_id"] == user.id
    )
    assert revoked["payload"]["reason"] == "deleted"
    assert (await identity.get("/api/v1/me", headers=user.headers)).status_code == 401
    assert (await identity.post("/api/v1/auth/refresh", json={"refresh_token": user.refresh_token})).status_code == 401
    assert (
        await identity.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).status_code == 401
    assert (await identity.delete(f"/api/v1/admin/users/{user.id}", headers=admin.headers)).status_code == 404
    # The e-mail is free again.
    again = await identity.post("/api/v1/auth/register", json={"email": user.email, "password": PASSWORD})
    assert again.status_code == 201


async def test_first_start_admin_can_administer_a_fresh_database(
    monkeypatch: pytest.MonkeyPatch, fresh_database_url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", fresh_database_url)
    async with identity_client(monkeypatch, admin_password="fresh-admin-2026") as identity:
        login = await identity.post(
            "/api/v1/auth/login", json={"email": "admin@example.com", "password": "fresh-admin-2026"}
        )
        headers = bearer(login.json()["access_token"])
        page = (await identity.get("/api/v1/admin/users", headers=headers)).json()
        assert page["total"] == 1
        assert page["items"][0]["role"] == "admin"
        assert (await identity.get("/api/v1/admin/users", params={"role": "candidate"}, headers=headers)).json()[
            "total"
        ] == 0
