"""Reading and writing users."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import User


class UserRepository:
    """Users in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: uuid.UUID) -> User | None:
        """The user with this id."""
        return await self.session.get(User, user_id)

    async def by_email(self, email: str) -> User | None:
        """The user with this e-mail (case-insensitive)."""
        return await self.session.scalar(select(User).where(User.email == email.lower()))

    async def add(self, user: User) -> User:
        """Insert a user; flushes so unique violations surface here."""
        self.session.add(user)
        await self.session.flush()
        return user

    async def count_by_role(self, role: str) -> int:
        """How many users have `role`."""
        return int(await self.session.scalar(select(func.count()).where(User.role == role)) or 0)
