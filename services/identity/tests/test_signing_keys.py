"""Signing-key rotation and retirement: on the key ring, through the command line, and on a running service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jwt
import pytest

from services.identity.__main__ import main
from services.identity.domain.tokens import access_claims
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing, create_key, list_keys, retire_key
from services.identity.tests.conftest import SignUp
from talentkit.auth import JwksVerifier, TokenError

ISSUER = AUDIENCE = "talent-connect"


def _claims() -> dict[str, object]:
    return access_claims(
        user_id=uuid.uuid4(),
        role="candidate",
        issuer=ISSUER,
        audience=AUDIENCE,
        now=datetime.now(UTC),
        ttl=timedelta(minutes=5),
    )


def _verify(ring: KeyRing, token: str) -> dict[str, object]:
    return ring.verify(token, issuer=ISSUER, audience=AUDIENCE, expected_type="access")


@pytest.mark.unit
def test_after_a_rotation_the_new_key_signs_and_the_old_one_still_verifies(tmp_path: Path) -> None:
    ring = KeyRing.load_or_create(tmp_path)
    old_kid = ring.current.kid
    old_token = ring.sign(_claims())

    create_key(tmp_path)  # what `rotate-key` does, while the ring is in use
    new_token = ring.sign(_claims())
    new_kid = jwt.get_unverified_header(new_token)["kid"]
    assert new_kid != old_kid
    assert [key["kid"] for key in ring.jwks()["keys"]] == [old_kid, new_kid]
    assert _verify(ring, old_token)["type"] == "access"
    assert _verify(ring, new_token)["type"] == "access"

    retire_key(tmp_path, old_kid)
    with pytest.raises(TokenError, match="unknown key"):
        _verify(ring, old_token)
    assert _verify(ring, new_token)
    assert [key["kid"] for key in ring.jwks()["keys"]] == [new_kid]


@pytest.mark.unit
def test_a_token_from_a_replica_whose_clock_runs_a_little_ahead_verifies(tmp_path: Path) -> None:
    ring = KeyRing.load_or_create(tmp_path)
    ahead = access_claims(
        user_id=uuid.uuid4(),
        role="candidate",
        issuer=ISSUER,
        audience=AUDIENCE,
        now=datetime.now(UTC) + timedelta(seconds=2),
        ttl=timedelta(minutes=5),
    )
    assert _verify(ring, ring.sign(ahead))["type"] == "access"


@pytest.mark.unit
def test_the_signing_key_and_unknown_kids_cannot_be_retired(tmp_path: Path) -> None:
    only = KeyRing.load_or_create(tmp_path).current.kid
    with pytest.raises(ValueError, match="rotate first"):
        retire_key(tmp_path, only)
    for kid in ("no-such-kid", "../etc/passwd", ""):
        with pytest.raises(ValueError, match="there is no key"):
            retire_key(tmp_path, kid)
    assert list_keys(tmp_path) == [only]


@pytest.mark.unit
def test_the_ring_refuses_wrong_types_and_tampering(tmp_path: Path) -> None:
    ring = KeyRing.load_or_create(tmp_path)
    token = ring.sign(_claims())
    with pytest.raises(TokenError, match="a refresh token is required"):
        ring.verify(token, issuer=ISSUER, audience=AUDIENCE, expected_type="refresh")
    with pytest.raises(TokenError):
        ring.verify(token, issuer=ISSUER, audience="someone-else", expected_type="access")
    header, payload, signature = token.split(".")
    with pytest.raises(TokenError):
        _verify(ring, f"{header}.{payload}.{signature[::-1]}")
    unsigned = jwt.encode(_claims(), key="", algorithm="none")
    with pytest.raises(TokenError, match="algorithm"):
        _verify(ring, unsigned)


@pytest.mark.unit
def test_the_command_line_rotates_lists_and_retires(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IDENTITY_SIGNING_KEY_DIR", str(tmp_path))
    assert main(["rotate-key"]) == 0
    assert main(["rotate-key"]) == 0
    first, second = list_keys(tmp_path)
    assert main(["list-keys"]) == 0
    assert f"{second}  (signs)" in capsys.readouterr().out
    assert main(["retire-key", second]) == 1
    assert "rotate first" in capsys.readouterr().err
    assert main(["retire-key", first]) == 0
    assert list_keys(tmp_path) == [second]
    assert main(["retire-key"]) == 2
    assert main(["polish-keys"]) == 2
    assert (tmp_path / f"{second}.pem").stat().st_mode & 0o077 == 0


@pytest.mark.integration
@pytest.mark.usefixtures("infra_env")
async def test_a_running_identity_rotates_without_a_restart(identity: httpx.AsyncClient, sign_up: SignUp) -> None:
    account = await sign_up()
    old_kid = jwt.get_unverified_header(account.access_token)["kid"]
    assert main(["rotate-key"]) == 0
    jwks = (await identity.get("/.well-known/jwks.json")).json()
    kids = [key["kid"] for key in jwks["keys"]]
    assert len(kids) == 2
    assert kids[0] == old_kid

    refreshed = await identity.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token})
    assert refreshed.status_code == 200
    new_access = refreshed.json()["access_token"]
    assert jwt.get_unverified_header(new_access)["kid"] == kids[1]
    jwks_url = f"{identity.base_url}/.well-known/jwks.json"

    verifier = JwksVerifier(jwks_url, issuer=ISSUER, audience=AUDIENCE)
    try:
        assert (await verifier.verify(account.access_token)).user_id == uuid.UUID(account.id)
        assert (await verifier.verify(new_access)).user_id == uuid.UUID(account.id)
    finally:
        await verifier.aclose()
    assert (await identity.get("/api/v1/me", headers=account.headers)).status_code == 200

    settings = IdentitySettings()
    assert main(["retire-key", old_kid]) == 0
    assert [key["kid"] for key in (await identity.get("/.well-known/jwks.json")).json()["keys"]] == [kids[1]]
    assert list_keys(settings.key_dir) == [kids[1]]
    fresh = JwksVerifier(jwks_url, issuer=ISSUER, audience=AUDIENCE)
    try:
        with pytest.raises(TokenError, match="unknown key"):
            await fresh.verify(account.access_token)
        assert await fresh.verify(new_access)
    finally:
        await fresh.aclose()
    # A refresh token of the retired key is refused by identity itself at once.
    other = await sign_up()
    assert main(["rotate-key"]) == 0
    signing_kid = jwt.get_unverified_header(other.refresh_token)["kid"]
    assert main(["retire-key", signing_kid]) == 0
    refused = await identity.post("/api/v1/auth/refresh", json={"refresh_token": other.refresh_token})
    assert refused.status_code == 401
