"""Account use cases: register, sign in with a password, edit the profile, change the password, first admin."""

from __future__ import annotations

import asyncio
import secrets
import sys
import uuid
from collections.abc import Sequence
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError

from contracts.events import UserRegistered
from contracts.events.identity import UserRegisteredPayload
from contracts.skills import default_taxonomy
from services.identity import login_protection, sessions
from services.identity.domain.passwords import password_problems
from services.identity.domain.profile import tidy_locations, tidy_skills
from services.identity.login_protection import FailureReason
from services.identity.models import User
from services.identity.repository import UserRepository
from services.identity.sessions import IdentityRuntime, TokenPair
from services.identity.settings import IdentitySettings
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

_hasher = PasswordHasher()  # Argon2id with the library's recommended parameters.
# Verifying against this when the e-mail is unknown keeps login timing the same for both cases.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))

_WRONG_CREDENTIALS = "wrong e-mail or password"


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


def _check_policy(password: str, *, email: str) -> None:
    problems = password_problems(password, email=email)
    if problems:
        raise ApiError(422, "the password " + "; ".join(problems), code="weak_password", details=problems)


async def register(
    rt: IdentityRuntime,
    *,
    email: str,
    password: str,
    role: str,
    full_name: str,
    company_name: str | None,
    ip: str,
) -> TokenPair:
    """Create an account, announce it and sign it in; 409 if the e-mail is taken, 422 for a weak password."""
    _check_policy(password, email=email)
    user = User(
        id=uuid.uuid4(),
        email=email.lower(),
        password_hash=await hash_password(password),
        role=role,
        full_name=full_name,
        company_name=company_name,
        is_active=True,
        preferred_locations=[],
        skills=[],
    )
    try:
        async with rt.transaction() as session:
            repo = UserRepository(session)
            if await repo.by_email(email) is not None:
                raise ApiError(409, "an account with this e-mail already exists", code="email_taken")
            await repo.add(user)
            await rt.emit(session, _registered_event(rt, user))
            pair, _ = await sessions.issue_pair(rt, session, user)
            await sessions.emit_logged_in(rt, session, user, ip=ip, method="password")
    except IntegrityError as exc:  # a concurrent registration won the race
        raise ApiError(409, "an account with this e-mail already exists", code="email_taken") from exc
    return pair


def _registered_event(rt: Runtime[IdentitySettings, Any], user: User) -> UserRegistered:
    payload = UserRegisteredPayload(user_id=user.id, email=user.email, role=user.role, full_name=user.full_name)  # type: ignore[arg-type]
    return UserRegistered.build(payload, producer=rt.name, actor_id=str(user.id))


async def login(rt: IdentityRuntime, *, email: str, password: str, ip: str) -> TokenPair:
    """Sign in with a password: 429 while locked out, 401 for wrong credentials or a deactivated account."""
    email = email.lower()
    attempt_id = await login_protection.begin_attempt(rt, email=email, ip=ip)
    async with rt.transaction() as session:
        user = await UserRepository(session).by_email(email)
    failure = await _credentials_failure(user, password)
    if user is None or failure is not None:
        reason: FailureReason = failure or "unknown_email"
        async with rt.transaction() as session:
            await login_protection.settle_attempt(session, attempt_id, failure=reason)
            await login_protection.emit_failure(rt, session, email=email, ip=ip, reason=reason)
        log.info("identity.login_failed", reason=reason, ip=ip)
        if reason == "deactivated":
            raise ApiError(401, "this account is deactivated", code="account_deactivated")
        raise ApiError(401, _WRONG_CREDENTIALS, code="invalid_credentials")
    pair: TokenPair | None = None
    async with rt.transaction() as session:
        # Locked and read again: a new password or a deactivation committed while this password was
        # being checked wins (else a sign-in with the old password would outlive the change).
        current = await UserRepository(session).get(user.id, for_update=True)
        if current is not None and current.is_active and current.password_hash == user.password_hash:
            await login_protection.settle_attempt(session, attempt_id, failure=None)
            await sessions.ready_to_issue(current)
            if _hasher.check_needs_rehash(current.password_hash):
                # Hashing parameters were raised since this password was set: upgrade it while we have it.
                current.password_hash = await hash_password(password)
            pair, _ = await sessions.issue_pair(rt, session, current)
            await sessions.emit_logged_in(rt, session, current, ip=ip, method="password")
        else:
            await login_protection.settle_attempt(session, attempt_id, failure="wrong_password")
            await login_protection.emit_failure(rt, session, email=email, ip=ip, reason="wrong_password")
    if pair is None:
        log.info("identity.login_failed", reason="changed_meanwhile", ip=ip)
        raise ApiError(401, _WRONG_CREDENTIALS, code="invalid_credentials")
    log.info("identity.logged_in", user_id=str(user.id), ip=ip)
    return pair


async def _credentials_failure(user: User | None, password: str) -> FailureReason | None:
    """Why these credentials do not sign in, or None when they do."""
    if user is None:
        await verify_password(_DUMMY_HASH, password)
        return "unknown_email"
    if not await verify_password(user.password_hash, password):
        return "wrong_password"
    if not user.is_active:
        return "deactivated"  # said only to someone who proved they know the password
    return None


async def update_profile(rt: IdentityRuntime, *, user_id: uuid.UUID, changes: dict[str, Any]) -> User:
    """Apply the profile fields present in `changes`; skills are for candidates only (422 otherwise)."""
    async with rt.transaction() as session:
        user = await UserRepository(session).get(user_id, for_update=True)
        if user is None:
            raise ApiError(401, "this account no longer exists")
        if "skills" in changes and user.role != "candidate":
            raise ApiError(422, "only candidates list skills on their profile", code="skills_for_candidates_only")
        if "full_name" in changes:
            user.full_name = changes["full_name"]
        if "headline" in changes:
            user.headline = changes["headline"]
        if "seniority" in changes:
            user.seniority = changes["seniority"]
        if "preferred_locations" in changes:
            user.preferred_locations = tidy_locations(_strings(changes["preferred_locations"]))
        if "skills" in changes:
            user.skills = tidy_skills(_strings(changes["skills"]), default_taxonomy().canonical)
    return user


def _strings(value: Sequence[str] | None) -> list[str]:
    return list(value or [])


async def change_password(
    rt: IdentityRuntime, *, principal: Principal, current_password: str, new_password: str, ip: str
) -> None:
    """Set a new password after checking the current one; every session ends (refresh tokens revoked)."""
    async with rt.transaction() as session:
        user = await UserRepository(session).get(principal.user_id)
    if user is None:
        raise ApiError(401, "this account no longer exists")
    # Checks on the two inputs alone come first: they reveal nothing about the stored password.
    if new_password == current_password:
        raise ApiError(422, "the new password must differ from the current one", code="same_password")
    _check_policy(new_password, email=user.email)
    # A stolen access token must not turn this endpoint into an unlimited password oracle.
    attempt_id = await login_protection.begin_attempt(rt, email=user.email, ip=ip)
    if not await verify_password(user.password_hash, current_password):
        async with rt.transaction() as session:
            await login_protection.settle_attempt(session, attempt_id, failure="wrong_password")
            await login_protection.emit_failure(rt, session, email=user.email, ip=ip, reason="wrong_password")
        raise ApiError(403, "the current password is not correct", code="wrong_password")
    new_hash = await hash_password(new_password)
    async with rt.transaction() as session:
        await login_protection.settle_attempt(session, attempt_id, failure=None)
        locked = await UserRepository(session).get(user.id, for_update=True)
        if locked is None:
            raise ApiError(401, "this account no longer exists")
        locked.password_hash = new_hash
        await sessions.revoke_access(rt, session, user=locked, reason="password_changed", actor=principal)
    log.info("identity.password_changed", user_id=str(user.id))


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
        is_active=True,
        preferred_locations=[],
        skills=[],
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
