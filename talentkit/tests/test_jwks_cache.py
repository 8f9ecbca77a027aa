"""The JWKS cache: unknown kids refetch, the cache expires, and a stale cache survives an outage."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from talentkit.auth import JwksVerifier, TokenError

pytestmark = pytest.mark.unit


def _key() -> tuple[rsa.RSAPrivateKey, dict[str, str]]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(private.public_key()))
    jwk["kid"] = uuid.uuid4().hex
    return private, jwk


def _token(
    private: rsa.RSAPrivateKey, kid: str, *, issued: timedelta = timedelta(0), ttl: timedelta | None = None
) -> str:
    """A token issued `issued` from now (by a clock running ahead when positive), valid for `ttl`."""
    iat = datetime.now(UTC) + issued
    claims = {
        "sub": str(uuid.uuid4()),
        "role": "candidate",
        "type": "access",
        "iss": "tc",
        "aud": "tc",
        "iat": int(iat.timestamp()),
        "exp": int((iat + (ttl or timedelta(minutes=5))).timestamp()),
        "jti": "j",
    }
    return jwt.encode(claims, private, algorithm="RS256", headers={"kid": kid})


class Jwks:
    """A JWKS endpoint whose keys (and availability) the test controls."""

    def __init__(self) -> None:
        self.keys: list[dict[str, str]] = []
        self.down = False
        self.fetches = 0

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        if self.down:
            return httpx.Response(503)
        return httpx.Response(200, json={"keys": self.keys})


async def test_a_retired_key_stops_verifying_once_the_cache_expires() -> None:
    jwks = Jwks()
    private, jwk = _key()
    jwks.keys = [jwk]
    client = httpx.AsyncClient(transport=httpx.MockTransport(jwks.handler))
    verifier = JwksVerifier(
        "http://jwks", issuer="tc", audience="tc", client=client, min_refresh_seconds=0, max_age_seconds=0
    )
    token = _token(private, jwk["kid"])
    assert (await verifier.verify(token)).role == "candidate"
    jwks.keys = []  # identity retired the key
    with pytest.raises(TokenError):
        await verifier.verify(token)


async def test_a_stale_cache_keeps_verifying_while_the_jwks_is_unreachable() -> None:
    jwks = Jwks()
    private, jwk = _key()
    jwks.keys = [jwk]
    client = httpx.AsyncClient(transport=httpx.MockTransport(jwks.handler))
    verifier = JwksVerifier(
        "http://jwks", issuer="tc", audience="tc", client=client, min_refresh_seconds=0, max_age_seconds=0
    )
    token = _token(private, jwk["kid"])
    await verifier.verify(token)
    jwks.down = True
    assert (await verifier.verify(token)).role == "candidate"
    assert jwks.fetches == 2


async def test_a_fresh_cache_is_not_refetched_for_known_kids() -> None:
    jwks = Jwks()
    private, jwk = _key()
    jwks.keys = [jwk]
    client = httpx.AsyncClient(transport=httpx.MockTransport(jwks.handler))
    verifier = JwksVerifier("http://jwks", issuer="tc", audience="tc", client=client)
    token = _token(private, jwk["kid"])
    for _ in range(5):
        await verifier.verify(token)
    assert jwks.fetches == 1


async def test_a_verifier_a_little_behind_the_issuers_clock_accepts_a_token_just_issued() -> None:
    jwks = Jwks()
    private, jwk = _key()
    jwks.keys = [jwk]
    verifier = JwksVerifier(
        "http://jwks", issuer="tc", audience="tc", client=httpx.AsyncClient(transport=httpx.MockTransport(jwks.handler))
    )
    # Identity's clock runs 2 s ahead of this verifier's: the token's `iat` is in "our" future.
    assert (await verifier.verify(_token(private, jwk["kid"], issued=timedelta(seconds=2)))).role == "candidate"
    # The leeway is a matter of seconds, not a loophole for tokens from the future or long expired.
    with pytest.raises(TokenError):
        await verifier.verify(_token(private, jwk["kid"], issued=timedelta(minutes=5)))
    with pytest.raises(TokenError, match="expired"):
        await verifier.verify(_token(private, jwk["kid"], issued=-timedelta(minutes=10), ttl=timedelta(minutes=5)))
