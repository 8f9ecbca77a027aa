"""Login protection over real HTTP: lock-out per account and per address, Retry-After, audit events, no secrets."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from nats.js import JetStreamContext

from services.identity.tests.conftest import PASSWORD, SignUp, bearer, identity_client, random_ip
from talentkit.testing.bus import find_events, wait_for_event

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

WINDOW = 15 * 60


async def _login(identity: httpx.AsyncClient, email: str, password: str, ip: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": ip} if ip else None
    return await identity.post("/api/v1/auth/login", json={"email": email, "password": password}, headers=headers)


async def test_five_wrong_passwords_lock_the_account_from_any_address(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    account = await sign_up()
    for _ in range(5):
        # A new address each time: only the account's own count can be what locks it.
        assert (await _login(identity, account.email, "wrong-pass-1", random_ip())).status_code == 401
    locked = await _login(identity, account.email, PASSWORD, random_ip())
    assert locked.status_code == 429
    retry_after = int(locked.headers["Retry-After"])
    assert WINDOW - 30 <= retry_after <= WINDOW
    error = locked.json()["error"]
    assert error["code"] == "too_many_login_attempts"
    assert error["request_id"]
    assert error["details"] == {"retry_after": retry_after}
    # The lock is about this account: another account from the same addresses is unaffected.
    other = await sign_up()
    assert (await _login(identity, other.email, PASSWORD, random_ip())).status_code == 200


async def test_five_failures_from_one_address_lock_that_address_across_accounts(
    identity: httpx.AsyncClient, sign_up: SignUp
) -> None:
    ip = random_ip()
    victims = [await sign_up() for _ in range(3)]
    for victim in victims:
        assert (await _login(identity, victim.email, "wrong-pass-1", ip)).status_code == 401
    for _ in range(2):
        unknown = f"nobody-{uuid.uuid4().hex[:8]}@example.com"
        assert (await _login(identity, unknown, "wrong-pass-1", ip)).status_code == 401
    fresh = await sign_up()
    blocked = await _login(identity, fresh.email, PASSWORD, ip)
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= WINDOW
    # The accounts themselves are not locked: from elsewhere they sign in.
    assert (await _login(identity, victims[0].email, PASSWORD, random_ip())).status_code == 200


async def test_a_success_clears_the_accounts_count(identity: httpx.AsyncClient, sign_up: SignUp) -> None:
    account = await sign_up()
    for _ in range(4):
        assert (await _login(identity, account.email, "wrong-pass-1", random_ip())).status_code == 401
    assert (await _login(identity, account.email, PASSWORD, random_ip())).status_code == 200
    for _ in range(4):
        assert (await _login(identity, account.email, "wrong-pass-1", random_ip())).status_code == 401
    assert (await _login(identity, account.email, PASSWORD, random_ip())).status_code == 200


async def test_parallel_guesses_cannot_slip_past_the_limit(identity: httpx.AsyncClient, sign_up: SignUp) -> None:
    account = await sign_up()
    responses = await asyncio.gather(
        *(_login(identity, account.email, f"guess-{n}-pass", random_ip()) for n in range(12))
    )
    statuses = sorted(response.status_code for response in responses)
    assert statuses.count(401) == 5
    assert statuses.count(429) == 7


async def test_limits_and_window_are_configurable_and_the_lock_lifts(
    monkeypatch: pytest.MonkeyPatch, sign_up: SignUp
) -> None:
    monkeypatch.setenv("IDENTITY_LOGIN_MAX_FAILURES", "2")
    monkeypatch.setenv("IDENTITY_LOGIN_FAILURE_WINDOW_SECONDS", "2")
    account = await sign_up()
    async with identity_client(monkeypatch) as identity:
        for _ in range(2):
            assert (await _login(identity, account.email, "wrong-pass-1")).status_code == 401
        locked = await _login(identity, account.email, PASSWORD)
        assert locked.status_code == 429
        retry_after = int(locked.headers["Retry-After"])
        assert 1 <= retry_after <= 2
        await asyncio.sleep(retry_after + 0.2)
        assert (await _login(identity, account.email, PASSWORD)).status_code == 200


async def test_the_client_address_is_the_proxys_last_entry_only_from_a_trusted_proxy(
    monkeypatch: pytest.MonkeyPatch, sign_up: SignUp, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    account = await sign_up()
    forged, real = random_ip(), random_ip()
    async with identity_client(monkeypatch, ip=f"{forged}, {real}") as identity:
        assert (await _login(identity, account.email, PASSWORD)).status_code == 200
    event = await wait_for_event(
        js,
        "talent.user.logged_in.v1",
        lambda body: body["payload"]["user_id"] == account.id and body["payload"]["ip"] in (forged, real),
    )
    assert event["payload"]["ip"] == real
    # Not trusted (only 10.0.0.0/8 is): the peer itself (127.0.0.1) is the client, whatever it claims.
    monkeypatch.setenv("IDENTITY_TRUSTED_PROXIES", "10.0.0.0/8")
    probe = f"probe-{uuid.uuid4().hex[:8]}@example.com"
    async with identity_client(monkeypatch, ip=random_ip()) as identity:
        assert (await _login(identity, probe, "wrong-pass-1")).status_code == 401
    failed = await wait_for_event(js, "talent.user.login_failed.v1", lambda body: body["payload"]["email"] == probe)
    assert failed["payload"]["ip"] == "127.0.0.1"


def _payload_is(expected: dict[str, str]) -> Callable[[dict[str, Any]], bool]:
    return lambda body: bool(body["payload"] == expected)


async def test_every_success_and_failure_is_published(
    identity: httpx.AsyncClient, sign_up: SignUp, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    ip = random_ip()
    account = await sign_up()
    unknown = f"Ghost-{uuid.uuid4().hex[:8]}@Example.com"
    assert (await _login(identity, unknown, "wrong-pass-1", ip)).status_code == 401
    assert (await _login(identity, account.email, "wrong-pass-1", ip)).status_code == 401
    login = await _login(identity, account.email, PASSWORD, ip)
    refreshed = await identity.post(
        "/api/v1/auth/refresh", json={"refresh_token": login.json()["refresh_token"]}, headers={"X-Forwarded-For": ip}
    )
    assert refreshed.status_code == 200

    ghost = await wait_for_event(
        js, "talent.user.login_failed.v1", lambda body: body["payload"]["email"] == unknown.lower()
    )
    assert ghost["payload"] == {"email": unknown.lower(), "ip": ip, "reason": "unknown_email"}
    wrong = await wait_for_event(
        js, "talent.user.login_failed.v1", lambda body: body["payload"]["email"] == account.email
    )
    assert wrong["payload"]["reason"] == "wrong_password"
    for method in ("password", "refresh"):
        expected = {"user_id": account.id, "ip": ip, "method": method}
        logged_in = await wait_for_event(js, "talent.user.logged_in.v1", _payload_is(expected))
        assert logged_in["actor_id"] == account.id
    for _ in range(3):
        await _login(identity, account.email, "wrong-pass-1", ip)
    assert (await _login(identity, account.email, "wrong-pass-1", ip)).status_code == 429
    await wait_for_event(
        js,
        "talent.user.login_failed.v1",
        lambda body: body["payload"]["email"] == account.email and body["payload"]["reason"] == "locked",
    )


async def test_no_password_or_token_reaches_a_log_line_or_an_event(
    identity: httpx.AsyncClient,
    sign_up: SignUp,
    jetstream: tuple[object, JetStreamContext],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    _, js = jetstream
    caplog.set_level("DEBUG")
    password = f"Unique-{uuid.uuid4().hex[:12]}-9"
    wrong = f"Wrong-{uuid.uuid4().hex[:12]}-9"
    account = await sign_up(password=password)
    secrets = {password, wrong, account.access_token, account.refresh_token}
    assert (await _login(identity, account.email, wrong)).status_code == 401
    login = (await _login(identity, account.email, password)).json()
    refreshed = (await identity.post("/api/v1/auth/refresh", json={"refresh_token": login["refresh_token"]})).json()
    reused = await identity.post("/api/v1/auth/refresh", json={"refresh_token": login["refresh_token"]})
    assert reused.status_code == 401
    # The reuse voided every access token of the user: sign in again.
    relogin = (await _login(identity, account.email, password)).json()
    new_password = f"Next-{uuid.uuid4().hex[:12]}-9"
    change = await identity.post(
        "/api/v1/me/password",
        json={"current_password": password, "new_password": new_password},
        headers=bearer(relogin["access_token"]),
    )
    assert change.status_code == 204
    await identity.post("/api/v1/auth/logout", json={"refresh_token": relogin["refresh_token"]})
    secrets |= {login["access_token"], login["refresh_token"], refreshed["access_token"], refreshed["refresh_token"]}
    secrets |= {relogin["access_token"], relogin["refresh_token"]}
    secrets.add(new_password)
    # Wait until the last event of the flow is out, then read every identity event there is.
    await wait_for_event(js, "talent.user.access_revoked.v1", lambda body: body["payload"]["user_id"] == account.id)
    events = await find_events(js, "talent.user.>", lambda body: True)
    ours = [event for event in events if account.id in json.dumps(event) or account.email in json.dumps(event)]
    assert {event["event_type"] for event in ours} >= {
        "UserRegistered",
        "UserLoggedIn",
        "LoginFailed",
        "UserAccessRevoked",
    }
    captured = capsys.readouterr()
    logs = captured.out + captured.err + caplog.text
    assert account.id in logs or "identity.logged_in" in logs  # the logs were captured at all
    for secret in secrets:
        assert secret not in logs
        for event in events:
            assert secret not in json.dumps(event)
