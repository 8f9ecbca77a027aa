"""Events published by the identity service."""

from __future__ import annotations

import uuid
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
