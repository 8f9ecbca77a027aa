"""The unit of work's engine, against the session's real PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from talentkit.db import Database

pytestmark = pytest.mark.integration


async def test_a_failed_statement_does_not_carry_its_values_into_logs(postgres_url: str) -> None:
    db = Database(postgres_url)
    try:
        with pytest.raises(DBAPIError) as failure:
            async with db.transaction() as session:
                # NUL is refused by PostgreSQL: the error message would list the parameters.
                await session.execute(text("SELECT CAST(:value AS text)"), {"value": "argon2-hash\x00of-a-password"})
    finally:
        await db.dispose()
    assert "argon2-hash" not in str(failure.value)
    assert getattr(failure.value.orig, "sqlstate", "").startswith("22")
