"""Sessions: issuing access + refresh token pairs, rotating refresh tokens, signing out, revoking access.

A refresh token is single use. Refreshing marks it used and issues the next one of the same
family; presenting a used (or revoked) one again means two parties hold it, so the whole family
is revoked and neither can go on (theft detection).

Lock order: a transaction that issues or revokes a user's tokens locks the user's row first, then
token rows. Taken the other way round (a refresh token, then the user its new token refers to) a
refresh and a sign-out everywhere deadlock, and one of them fails.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events import UserAccessRevoked, UserLoggedIn
from contracts.events.identity import RevocationReason, UserAccessRevokedPayload, UserLoggedInPayload
from services.identity.domain.tokens import access_claims, refresh_claims, wait_before_issuing
from services.identity.models import RefreshToken, User
from services.identity.repository import RefreshTokenRepository, UserRepository
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing
from talentkit.auth import Principal, TokenError
from talentkit.errors import ApiError
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

IdentityRuntime = Runtime[IdentitySettings, KeyRing]


@dataclass(frozen=True)
class TokenPair:
    """What a successful login or refresh hands out."""

    access_token: str
    access_expires_in: int
    refresh_token: str
    refresh_expires_in: int
    user: User


def _invalid_refresh(message: str = "this refresh token is not valid; sign in again") -> ApiError:
    return ApiError(401, message, code="invalid_refresh_token")


async def ready_to_issue(user: User) -> None:
    """Wait (under a second, and only right after a revocation) until new tokens outdate it."""
    delay = wait_before_issuing(user.tokens_revoked_at, datetime.now(UTC))
    if delay > 0:
        await asyncio.sleep(delay)


async def issue_pair(
    rt: IdentityRuntime, session: AsyncSession, user: User, *, family_id: uuid.UUID | None = None
) -> tuple[TokenPair, str]:
    """Sign an access token and a refresh token (recorded in `session`); returns the pair and the refresh jti."""
    settings, keys = rt.settings, rt.resources
    now = datetime.now(UTC)
    issuer, audience = settings.infra.jwt_issuer, settings.infra.jwt_audience
    access_ttl, refresh_ttl = settings.access_token_ttl_seconds, settings.refresh_token_ttl_seconds
    access = keys.sign(
        access_claims(
            user_id=user.id,
            role=user.role,
            issuer=issuer,
            audience=audience,
            now=now,
            ttl=timedelta(seconds=access_ttl),
        )
    )
    jti = uuid.uuid4().hex
    family = family_id or uuid.uuid4()
    claims = refresh_claims(
        user_id=user.id,
        role=user.role,
        family_id=family,
        jti=jti,
        issuer=issuer,
        audience=audience,
        now=now,
        ttl=timedelta(seconds=refresh_ttl),
    )
    refresh = keys.sign(claims)
    tokens = RefreshTokenRepository(session)
    await tokens.prune_expired(user.id, now=now)
    await tokens.add(
        RefreshToken(
            jti=jti,
            family_id=family,
            user_id=user.id,
            issued_at=now,
            expires_at=datetime.fromtimestamp(claims["exp"], UTC),
        )
    )
    pair = TokenPair(
        access_token=access,
        access_expires_in=access_ttl,
        refresh_token=refresh,
        refresh_expires_in=refresh_ttl,
        user=user,
    )
    return pair, jti


async def emit_logged_in(
    rt: IdentityRuntime, session: AsyncSession, user: User, *, ip: str, method: Literal["password", "refresh"]
) -> None:
    """Record a successful sign-in for the audit log."""
    payload = UserLoggedInPayload(user_id=user.id, ip=ip, method=method)
    await rt.emit(session, UserLoggedIn.build(payload, producer=rt.name, actor_id=str(user.id)))


def _refresh_claims_of(rt: IdentityRuntime, token: str) -> dict[str, Any]:
    infra = rt.settings.infra
    try:
        claims = rt.resources.verify(
            token, issuer=infra.jwt_issuer, audience=infra.jwt_audience, expected_type="refresh"
        )
    except TokenError as exc:
        raise _invalid_refresh(f"{exc}; sign in again") from exc
    if not isinstance(claims.get("fam"), str):
        raise _invalid_refresh()
    return claims


async def _token_and_owner(session: AsyncSession, claims: dict[str, Any]) -> tuple[RefreshToken, User] | None:
    """The refresh token `claims` name and its user, both row-locked (user first, see the module doc)."""
    try:
        user_id = uuid.UUID(str(claims["sub"]))
    except ValueError:
        return None
    user = await UserRepository(session).get(user_id, for_update=True)
    if user is None:
        return None  # its tokens went with it
    row = await RefreshTokenRepository(session).get_for_update(str(claims["jti"]))
    if row is None or row.user_id != user.id:
        return None
    return row, user


async def refresh(rt: IdentityRuntime, *, token: str, ip: str) -> TokenPair:
    """Exchange a refresh token for a new pair; a token presented twice revokes its whole family."""
    claims = _refresh_claims_of(rt, token)
    outcome: TokenPair | str = "this refresh token is not valid; sign in again"
    async with rt.transaction() as session:
        found = await _token_and_owner(session, claims)
        if found is not None:
            outcome = await _rotate(rt, session, *found, ip=ip)
    # Raised after the block so a family's revocation is committed, not rolled back with the error.
    if isinstance(outcome, str):
        raise _invalid_refresh(outcome)
    return outcome


async def _rotate(
    rt: IdentityRuntime, session: AsyncSession, row: RefreshToken, user: User, *, ip: str
) -> TokenPair | str:
    """The next pair of `row`'s family, or why there is none (revoking the family when it must end)."""
    tokens = RefreshTokenRepository(session)
    now = datetime.now(UTC)
    if row.used_at is not None or row.revoked_at is not None:
        revoked = await tokens.revoke_family(row.family_id, now=now)
        if row.used_at is not None:
            log.warning(
                "identity.refresh_token_reused", user_id=str(row.user_id), family_id=str(row.family_id), revoked=revoked
            )
            # Whoever replayed it may already hold access tokens from that family: void them all now
            # (other devices keep their own refresh tokens and sign back in silently).
            await revoke_access(rt, session, user=user, reason="refresh_reuse", actor=None, revoke_refresh_tokens=False)
        return "this refresh token was already used or revoked; sign in again"
    if not user.is_active:
        await tokens.revoke_family(row.family_id, now=now)
        return "this account is deactivated"
    await ready_to_issue(user)
    pair, next_jti = await issue_pair(rt, session, user, family_id=row.family_id)
    row.used_at = now
    row.replaced_by = next_jti
    await emit_logged_in(rt, session, user, ip=ip, method="refresh")
    return pair


async def logout(rt: IdentityRuntime, *, token: str) -> None:
    """Revoke the family of a refresh token (idempotent)."""
    claims = _refresh_claims_of(rt, token)
    async with rt.transaction() as session:
        # The user's lock also waits out a refresh of this family under way, whose new token the
        # revocation below then sees.
        found = await _token_and_owner(session, claims)
        if found is not None:
            await RefreshTokenRepository(session).revoke_family(found[0].family_id, now=datetime.now(UTC))


async def revoke_access(
    rt: IdentityRuntime,
    session: AsyncSession,
    *,
    user: User,
    reason: RevocationReason,
    actor: Principal | None,
    revoke_refresh_tokens: bool = True,
) -> datetime:
    """Void the user's access tokens issued until now (and their refresh tokens); tell the verifiers.

    A role change keeps refresh tokens: the next refresh reads the new role. Everything else
    (deactivation, a new password, signing out everywhere, deletion) ends every session.
    """
    now = datetime.now(UTC)
    user.tokens_revoked_at = now
    if revoke_refresh_tokens:
        await RefreshTokenRepository(session).revoke_user(user.id, now=now)
    payload = UserAccessRevokedPayload(user_id=user.id, revoked_before=now, reason=reason)
    await rt.emit(session, rt.new_event(UserAccessRevoked, payload, actor=actor))
    log.info("identity.access_revoked", user_id=str(user.id), reason=reason)
    return now


async def logout_all(rt: IdentityRuntime, *, principal: Principal) -> None:
    """End every session of the caller: refresh tokens revoked, access tokens void."""
    async with rt.transaction() as session:
        user = await UserRepository(session).get(principal.user_id, for_update=True)
        if user is None:
            raise ApiError(401, "this account no longer exists")
        await revoke_access(rt, session, user=user, reason="logout_all", actor=principal)
