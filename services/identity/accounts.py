"""Account use cases: register, authenticate, bootstrap the first admin."""

from __future__ import annotations

import asyncio
import secrets
import sys
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError

from contracts.events import UserRegistered
from contracts.events.identity import UserRegisteredPayload
from services.identity.domain.passwords import password_problems
from services.identity.domain.tokens import access_claims
from services.identity.models import User
from services.identity.repository import UserRepository
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing
from talentkit.errors import ApiError
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

_hasher = PasswordHasher()  # Argon2id with the library's recommended parameters.
# Verifying against this when the e-mail is unknown keeps login timing the same for both cases.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


async def hash_password(password: str) -> str:
    """Argon2id hash, computed off the event loop."""
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches `password_hash`."""

    def check() -> bool:
        try:
            return _hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


def issue_access_token(keys: KeyRing, settings: IdentitySettings, user: User) -> tuple[str, int]:
    """A signed access token for `user` and its lifetime in seconds."""
    ttl = settings.access_token_ttl_seconds
    claims = access_claims(
        user_id=user.id,
        role=user.role,
        issuer=settings.infra.jwt_issuer,
        audience=settings.infra.jwt_audience,
        now=datetime.now(UTC),
        ttl=timedelta(seconds=ttl),
    )
    return keys.sign(claims), ttl


async def register(
    rt: Runtime[IdentitySettings, Any],
    *,
    email: str,
    password: str,
    role: str,
    full_name: str,
    company_name: str | None,
) -> User:
    """Create an account and announce it; 409 if the e-mail is taken, 422 for a weak password."""
    problems = password_problems(password, email=email)
    if problems:
        raise ApiError(422, "the password " + "; ".join(problems), code="weak_password", details=problems)
    user = User(
        id=uuid.uuid4(),
        email=email.lower(),
        password_hash=await hash_password(password),
        role=role,
        full_name=full_name,
        company_name=company_name,
    )
    try:
        async with rt.transaction() as session:
            repo = UserRepository(session)
            if await repo.by_email(email) is not None:
                raise ApiError(409, "an account with this e-mail already exists", code="email_taken")
            await repo.add(user)
            await rt.emit(session, _registered_event(rt, user))
    except IntegrityError as exc:  # a concurrent registration won the race
        raise ApiError(409, "an account with this e-mail already exists", code="email_taken") from exc
    return user


def _registered_event(rt: Runtime[IdentitySettings, Any], user: User) -> UserRegistered:
    payload = UserRegisteredPayload(user_id=user.id, email=user.email, role=user.role, full_name=user.full_name)  # type: ignore[arg-type]
    event = UserRegistered.build(payload, producer=rt.name, actor_id=str(user.id))
    return event


async def authenticate(rt: Runtime[IdentitySettings, Any], *, email: str, password: str) -> User:
    """The active user with these credentials; 401 otherwise (without saying which part was wrong)."""
    async with rt.transaction() as session:
        user = await UserRepository(session).by_email(email)
    if user is None:
        await verify_password(_DUMMY_HASH, password)
        raise ApiError(401, "wrong e-mail or password", code="invalid_credentials")
    if not await verify_password(user.password_hash, password) or not user.is_active:
        raise ApiError(401, "wrong e-mail or password", code="invalid_credentials")
    return user


async def ensure_admin(rt: Runtime[IdentitySettings, Any]) -> None:
    """On first start, create the admin account from ADMIN_EMAIL/ADMIN_PASSWORD (or a random password)."""
    settings = rt.settings
    async with rt.transaction() as session:
        if await UserRepository(session).count_by_role("admin") > 0:
            return
    generated = settings.admin_password is None
    password = secrets.token_urlsafe(18) if generated else settings.admin_password.get_secret_value()  # type: ignore[union-attr]
    if not generated and password_problems(password):
        raise SystemExit("ADMIN_PASSWORD does not meet the password policy: " + "; ".join(password_problems(password)))
    admin = User(
        id=uuid.uuid4(),
        email=settings.admin_email.lower(),
        password_hash=await hash_password(password),
        role="admin",
        full_name="Administrator",
    )
    try:
        async with rt.transaction() as session:
            await UserRepository(session).add(admin)
            await rt.emit(session, _registered_event(rt, admin))
    except IntegrityError:
        return  # another replica created it first
    log.info("identity.admin_created", email=admin.email, generated_password=generated)
    if generated:
        # Printed once, on the console only: it is never stored in clear or logged as JSON.
        print(  # noqa: T201
            f"\n*** Talent Connect admin account created: {admin.email} / password: {password}\n"
            "*** Store it now; it will not be shown again. Set ADMIN_PASSWORD to choose your own.\n",
            file=sys.stderr,
            flush=True,
        )
