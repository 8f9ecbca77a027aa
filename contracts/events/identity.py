"""Events published by the identity service."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from contracts.envelope import Event, Payload

Role = Literal["candidate", "recruiter", "admin"]


class UserRegisteredPayload(Payload):
    user_id: uuid.UUID
    email: str
    role: Role
    full_name: str = ""


class UserRegistered(Event):
    """A new account exists."""

    subject = "talent.user.registered.v1"
    event_type: Literal["UserRegistered"] = "UserRegistered"
    payload: UserRegisteredPayload


class UserDeletedPayload(Payload):
    user_id: uuid.UUID


class UserDeleted(Event):
    """An account was deleted: every service erases or anonymises that user's data."""

    subject = "talent.user.deleted.v1"
    event_type: Literal["UserDeleted"] = "UserDeleted"
    payload: UserDeletedPayload


RevocationReason = Literal["deactivated", "password_changed", "logout_all", "role_changed", "deleted", "refresh_reuse"]


class UserAccessRevokedPayload(Payload):
    user_id: uuid.UUID
    # Access tokens of this user whose `iat` is at or before this instant must be refused.
    revoked_before: datetime
    reason: RevocationReason


class UserAccessRevoked(Event):
    """A user's access tokens issued until `revoked_before` are void (verifiers keep a deny-list until they expire)."""

    subject = "talent.user.access_revoked.v1"
    event_type: Literal["UserAccessRevoked"] = "UserAccessRevoked"
    payload: UserAccessRevokedPayload


class UserLoggedInPayload(Payload):
    user_id: uuid.UUID
    ip: str
    method: Literal["password", "refresh"]


class UserLoggedIn(Event):
    """A user obtained tokens, with a password or by rotating a refresh token."""

    subject = "talent.user.logged_in.v1"
    event_type: Literal["UserLoggedIn"] = "UserLoggedIn"
    payload: UserLoggedInPayload


class LoginFailedPayload(Payload):
    email: str
    ip: str
    reason: Literal["unknown_email", "wrong_password", "deactivated", "locked"]


class LoginFailed(Event):
    """A login was refused (never carries the password that was tried)."""

    subject = "talent.user.login_failed.v1"
    event_type: Literal["LoginFailed"] = "LoginFailed"
    payload: LoginFailedPayload
