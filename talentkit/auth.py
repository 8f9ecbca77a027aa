"""Verifying access tokens against identity's JWKS, and the role checks routes declare.

The gateway and every service verify with this same code (defence in depth).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request

from talentkit.errors import ApiError

ROLES = ("candidate", "recruiter", "admin")
ALGORITHMS = ["RS256"]
# Identity stamps `iat` and `exp` with its clock, verifiers check them with theirs. Without leeway a
# verifier running a few milliseconds behind refuses a token used right after it was issued (its
# `iat` is "in the future"); the price is that a token stays usable this much past its expiry.
CLOCK_SKEW_SECONDS = 30


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    user_id: uuid.UUID
    role: str
    token_id: str
    # When the token was issued (its `iat`): the gateway refuses tokens issued before a revocation.
    issued_at: datetime | None = None

    @property
    def is_admin(self) -> bool:
        """Whether the caller is an administrator."""
        return self.role == "admin"


class TokenError(Exception):
    """A token that must not be accepted."""


class JwksVerifier:
    """Verifies RS256 access tokens; keys come from a JWKS URL, cached and refetched on an unknown kid.

    The cache also expires after `max_age_seconds`, so a key identity retires stops verifying
    everywhere within that time, not only after a restart.
    """

    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str,
        audience: str,
        client: httpx.AsyncClient | None = None,
        min_refresh_seconds: float = 5.0,
        max_age_seconds: float = 300.0,
    ) -> None:
        self._url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._client = client or httpx.AsyncClient(timeout=5.0)
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._min_refresh = min_refresh_seconds
        self._max_age = max_age_seconds
        self._lock = asyncio.Lock()

    async def _refresh(self) -> None:
        async with self._lock:
            # A flood of tokens with made-up kids must not turn into a flood of JWKS fetches.
            if time.monotonic() - self._fetched_at < self._min_refresh and self._keys:
                return
            response = await self._client.get(self._url)
            response.raise_for_status()
            keys = {}
            for jwk in response.json().get("keys", []):
                if jwk.get("kid"):
                    keys[jwk["kid"]] = jwt.PyJWK(jwk).key
            self._keys = keys
            self._fetched_at = time.monotonic()

    async def _key_for(self, kid: str) -> Any:
        stale = time.monotonic() - self._fetched_at > self._max_age
        if kid not in self._keys or stale:
            try:
                await self._refresh()
            except (httpx.HTTPError, ValueError) as exc:
                # A stale cache still verifies while identity is briefly unreachable; no cache cannot.
                if kid not in self._keys:
                    raise ApiError(503, "the token signing keys are unavailable, try again shortly") from exc
        if kid not in self._keys:
            raise TokenError("token signed with an unknown key")
        return self._keys[kid]

    async def verify(self, token: str, *, expected_type: str = "access") -> Principal:
        """Check signature, expiry, issuer, audience and type; return who the token speaks for."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("malformed token") from exc
        if header.get("alg") not in ALGORITHMS:
            raise TokenError("token algorithm not accepted")
        key = await self._key_for(str(header.get("kid", "")))
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "sub", "jti", "role", "type"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.PyJWTError as exc:
            raise TokenError("token is not valid") from exc
        if claims.get("type") != expected_type:
            raise TokenError(f"a {expected_type} token is required")
        if claims.get("role") not in ROLES:
            raise TokenError("token carries an unknown role")
        try:
            user_id = uuid.UUID(str(claims["sub"]))
        except ValueError as exc:
            raise TokenError("token subject is not valid") from exc
        try:
            issued_at = datetime.fromtimestamp(float(claims["iat"]), UTC)
        except (TypeError, ValueError, OverflowError, OSError) as exc:
            raise TokenError("token issue time is not valid") from exc
        return Principal(user_id=user_id, role=str(claims["role"]), token_id=str(claims["jti"]), issued_at=issued_at)

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._client.aclose()


def bearer_token(request: Request) -> str | None:
    """The bearer token of a request, if it has one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def current_principal(request: Request) -> Principal:
    """The verified caller; 401 without a valid access token."""
    token = bearer_token(request)
    if token is None:
        raise ApiError(401, "sign in first: this needs a bearer token", headers={"WWW-Authenticate": "Bearer"})
    verifier: JwksVerifier = request.app.state.verifier
    try:
        return await verifier.verify(token)
    except TokenError as exc:
        raise ApiError(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that admits only callers with one of `roles`."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.role not in roles:
            raise ApiError(403, f"this needs the role {' or '.join(roles)}")
        return principal

    return dependency
