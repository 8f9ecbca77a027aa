"""Reading and writing users, refresh tokens and login attempts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import LoginAttempt, RefreshToken, User


def _contains(value: str) -> str:
    """A LIKE pattern matching `value` anywhere, its own wildcards taken literally."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class UserRepository:
    """Users in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
        """The user with this id (row-locked until the transaction ends when `for_update`)."""
        return await self.session.get(User, user_id, with_for_update=for_update)

    async def by_email(self, email: str) -> User | None:
        """The user with this e-mail (case-insensitive)."""
        return await self.session.scalar(select(User).where(User.email == email.lower()))

    async def add(self, user: User) -> User:
        """Insert a user; flushes so unique violations surface here."""
        self.session.add(user)
        await self.session.flush()
        return user

    async def delete(self, user: User) -> None:
        """Delete a user (their refresh tokens go with them)."""
        await self.session.delete(user)
        await self.session.flush()

    async def count_by_role(self, role: str) -> int:
        """How many users have `role`."""
        return int(await self.session.scalar(select(func.count()).where(User.role == role)) or 0)

    async def search(
        self, *, role: str | None, query: str | None, is_active: bool | None, limit: int, offset: int
    ) -> tuple[list[User], int]:
        """A page of users matching the filters (newest first) and how many match in all."""
        conditions: list[ColumnElement[bool]] = []
        if role is not None:
            conditions.append(User.role == role)
        if is_active is not None:
            conditions.append(User.is_active.is_(is_active))
        if query:
            pattern = _contains(query)
            conditions.append(or_(User.email.ilike(pattern, escape="\\"), User.full_name.ilike(pattern, escape="\\")))
        where = and_(True, *conditions)
        total = int(await self.session.scalar(select(func.count()).select_from(User).where(where)) or 0)
        rows = await self.session.scalars(
            select(User).where(where).order_by(User.created_at.desc(), User.id).limit(limit).offset(offset)
        )
        return list(rows), total


class RefreshTokenRepository:
    """Issued refresh tokens in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, token: RefreshToken) -> None:
        """Record a newly issued refresh token."""
        self.session.add(token)
        await self.session.flush()

    async def get_for_update(self, jti: str) -> RefreshToken | None:
        """The token `jti`, row-locked: two refreshes of one token are decided one after the other."""
        return await self.session.get(RefreshToken, jti, with_for_update=True)

    async def revoke_family(self, family_id: uuid.UUID, *, now: datetime) -> int:
        """Revoke every token of a family still live; how many were."""
        result = await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def revoke_user(self, user_id: uuid.UUID, *, now: datetime) -> int:
        """Revoke every live token of a user; how many were."""
        result = await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def prune_expired(self, user_id: uuid.UUID, *, now: datetime) -> None:
        """Forget a user's expired tokens: an expired token fails its signature check anyway."""
        await self.session.execute(
            delete(RefreshToken).where(RefreshToken.user_id == user_id, RefreshToken.expires_at < now)
        )


class LoginAttemptRepository:
    """Password login attempts in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, email: str, ip: str) -> None:
        """Serialise attempts on this account and from this address until the transaction ends.

        Without it, parallel guesses could all read "4 failures" and all be let through. The
        account lock is always taken first, so two transactions never wait on each other in a cycle.
        """
        for key in (f"login-email:{email}", f"login-ip:{ip}"):
            await self.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})

    async def failures_since(
        self, *, email: str | None = None, ip: str | None = None, since: datetime, reasons: Sequence[str]
    ) -> list[datetime]:
        """When the counted failures for this account (after its last success) or this address happened."""
        query = select(LoginAttempt.at).where(
            LoginAttempt.at > since, LoginAttempt.succeeded.is_(False), LoginAttempt.reason.in_(reasons)
        )
        if email is not None:
            # A successful login clears the account's count (the password holder is back);
            # it does not clear an address's count, which one known password would otherwise reset.
            last_success = (
                select(func.max(LoginAttempt.at))
                .where(LoginAttempt.email == email, LoginAttempt.succeeded.is_(True))
                .scalar_subquery()
            )
            query = query.where(
                LoginAttempt.email == email, or_(last_success.is_(None), LoginAttempt.at > last_success)
            )
        if ip is not None:
            query = query.where(LoginAttempt.ip == ip)
        return list(await self.session.scalars(query))

    async def add(self, attempt: LoginAttempt) -> LoginAttempt:
        """Record an attempt (its id is assigned)."""
        self.session.add(attempt)
        await self.session.flush()
        return attempt

    async def settle(self, attempt_id: int, *, succeeded: bool, reason: str | None) -> None:
        """Record how a pending attempt ended."""
        await self.session.execute(
            update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(succeeded=succeeded, reason=reason)
        )

    async def prune(self, *, email: str, ip: str, before: datetime) -> None:
        """Forget this account's and this address's attempts older than the window."""
        await self.session.execute(
            delete(LoginAttempt).where(
                or_(LoginAttempt.email == email, LoginAttempt.ip == ip), LoginAttempt.at < before
            )
        )
