"""Login protection: lock an account or an address out after too many failed passwords.

The check runs before the password is verified, and the attempt is recorded as pending in the
same locked transaction, so parallel guesses cannot slip past the limit together. Every outcome
is published for the audit log (`UserLoggedIn` / `LoginFailed`, never with the password).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events import LoginFailed
from contracts.events.identity import LoginFailedPayload
from services.identity.domain.login_limits import COUNTED_REASONS, retry_after_seconds
from services.identity.models import LoginAttempt
from services.identity.repository import LoginAttemptRepository
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing
from talentkit.errors import ApiError
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

FailureReason = Literal["unknown_email", "wrong_password", "deactivated", "locked"]


async def begin_attempt(rt: Runtime[IdentitySettings, KeyRing], *, email: str, ip: str) -> int:
    """Record a pending attempt and return its id; 429 with Retry-After when the account or address is locked."""
    settings = rt.settings
    window = timedelta(seconds=settings.login_failure_window_seconds)
    retry_after: int | None = None
    async with rt.transaction() as session:
        attempts = LoginAttemptRepository(session)
        await attempts.lock(email, ip)
        now = datetime.now(UTC)
        since = now - window
        await attempts.prune(email=email, ip=ip, before=since)
        waits = [
            retry_after_seconds(failures, now=now, max_failures=settings.login_max_failures, window=window)
            for failures in (
                await attempts.failures_since(email=email, since=since, reasons=COUNTED_REASONS),
                await attempts.failures_since(ip=ip, since=since, reasons=COUNTED_REASONS),
            )
        ]
        retry_after = max((wait for wait in waits if wait is not None), default=None)
        if retry_after is None:
            attempt = await attempts.add(LoginAttempt(email=email, ip=ip, succeeded=False, reason="pending", at=now))
            return attempt.id
        await emit_failure(rt, session, email=email, ip=ip, reason="locked")
    log.warning("identity.login_locked", ip=ip, retry_after=retry_after)
    raise ApiError(
        429,
        f"too many failed sign-in attempts; try again in {retry_after} seconds",
        code="too_many_login_attempts",
        details={"retry_after": retry_after},
        headers={"Retry-After": str(retry_after)},
    )


async def settle_attempt(session: AsyncSession, attempt_id: int, *, failure: FailureReason | None) -> None:
    """Record how a pending attempt ended (None: it succeeded)."""
    await LoginAttemptRepository(session).settle(attempt_id, succeeded=failure is None, reason=failure)


async def emit_failure(
    rt: Runtime[IdentitySettings, KeyRing], session: AsyncSession, *, email: str, ip: str, reason: FailureReason
) -> None:
    """Publish a refused sign-in for the audit log."""
    payload = LoginFailedPayload(email=email.lower(), ip=ip, reason=reason)
    await rt.emit(session, LoginFailed.build(payload, producer=rt.name))
