"""The database plumbing every service uses: metadata per schema, engine, unit of work."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

# Stable constraint names, so Alembic migrations can name what they drop.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata(schema: str) -> MetaData:
    """Metadata for a service's tables: all in the service's own schema."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


class Database:
    """An engine and its session factory; `transaction()` is the unit of work."""

    def __init__(self, url: str, *, pool_size: int = 5) -> None:
        # hide_parameters: a failed statement's message (logged, dead-lettered) must not carry its
        # values: password hashes, e-mails, resume text.
        self.engine: AsyncEngine = create_async_engine(
            url, pool_pre_ping=True, pool_size=pool_size, hide_parameters=True
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self._after_commit: list[Callable[[], None]] = []

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` after every successful `transaction()` (the outbox relay's wake-up)."""
        self._after_commit.append(callback)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        async with self.sessionmaker() as session, session.begin():
            yield session
        for callback in self._after_commit:
            callback()

    async def ping(self) -> bool:
        """Whether the database answers."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
