"""Administrators' use cases: find users, change a role, (de)activate, delete an account."""

from __future__ import annotations

import uuid

from contracts.events import UserDeleted
from contracts.events.identity import UserDeletedPayload
from services.identity import sessions
from services.identity.models import User
from services.identity.repository import UserRepository
from services.identity.sessions import IdentityRuntime
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.logs import get_logger

log = get_logger(__name__)


def _not_found() -> ApiError:
    return ApiError(404, "there is no such user", code="user_not_found")


async def list_users(
    rt: IdentityRuntime, *, role: str | None, query: str | None, is_active: bool | None, limit: int, offset: int
) -> tuple[list[User], int]:
    """A page of users matching the filters, and the total that match."""
    async with rt.transaction() as session:
        return await UserRepository(session).search(
            role=role, query=query, is_active=is_active, limit=limit, offset=offset
        )


async def update_user(
    rt: IdentityRuntime, *, admin: Principal, user_id: uuid.UUID, role: str | None, is_active: bool | None
) -> User:
    """Change a user's role and/or active flag; their sessions end (deactivation) or their tokens renew (role)."""
    if user_id == admin.user_id and ((role is not None and role != "admin") or is_active is False):
        # Otherwise the last administrator could lock everyone out of administration.
        raise ApiError(409, "you cannot demote or deactivate your own account", code="cannot_change_own_access")
    async with rt.transaction() as session:
        user = await UserRepository(session).get(user_id, for_update=True)
        if user is None:
            raise _not_found()
        deactivated = is_active is False and user.is_active
        role_changed = role is not None and role != user.role
        if role is not None:
            user.role = role
        if is_active is not None:
            user.is_active = is_active
        if deactivated:
            await sessions.revoke_access(rt, session, user=user, reason="deactivated", actor=admin)
        elif role_changed:
            # Tokens carry the role: the old ones must go, but a refresh (which reads the role) may go on.
            await sessions.revoke_access(
                rt, session, user=user, reason="role_changed", actor=admin, revoke_refresh_tokens=False
            )
    log.info("identity.user_updated", user_id=str(user_id), by=str(admin.user_id), role=role, is_active=is_active)
    return user


async def delete_user(rt: IdentityRuntime, *, admin: Principal, user_id: uuid.UUID) -> None:
    """Delete an account; every service erases that user's data when it sees `UserDeleted`."""
    if user_id == admin.user_id:
        raise ApiError(409, "you cannot delete your own account here", code="cannot_change_own_access")
    async with rt.transaction() as session:
        users = UserRepository(session)
        user = await users.get(user_id, for_update=True)
        if user is None:
            raise _not_found()
        await sessions.revoke_access(rt, session, user=user, reason="deleted", actor=admin)
        await rt.emit(session, rt.new_event(UserDeleted, UserDeletedPayload(user_id=user.id), actor=admin))
        await users.delete(user)
    log.info("identity.user_deleted", user_id=str(user_id), by=str(admin.user_id))
