"""The shapes identity's HTTP API reads and writes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from services.identity.domain.passwords import MAX_LENGTH as MAX_PASSWORD_LENGTH
from services.identity.domain.profile import (
    MAX_HEADLINE_LENGTH,
    MAX_LOCATION_LENGTH,
    MAX_LOCATIONS,
    MAX_SKILL_LENGTH,
    MAX_SKILLS,
)

Password = Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)]
Seniority = Literal["entry", "mid", "senior", "lead"]
Role = Literal["candidate", "recruiter", "admin"]


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    password: Password
    full_name: str = Field(default="", max_length=200)
    # `admin` is not offered: administrators are made by an administrator.
    role: Literal["candidate", "recruiter"] = "candidate"
    company_name: str | None = Field(default=None, max_length=200)


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    password: Password


class PasswordForm(BaseModel):
    """The OAuth2 password grant as a form (what Swagger's Authorize button sends)."""

    model_config = ConfigDict(extra="ignore")

    grant_type: Literal["password"] | None = None
    username: EmailStr = Field(description="The account's e-mail.")
    password: Password


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: str = Field(min_length=1, max_length=4096)


class ProfileUpdate(BaseModel):
    """The fields of `PATCH /api/v1/me`; absent ones are left as they are, `null` clears an optional one."""

    model_config = ConfigDict(extra="forbid")

    full_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None
    headline: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_HEADLINE_LENGTH)] | None = None
    preferred_locations: list[Annotated[str, StringConstraints(max_length=MAX_LOCATION_LENGTH)]] | None = Field(
        default=None, max_length=MAX_LOCATIONS
    )
    seniority: Seniority | None = None
    skills: list[Annotated[str, StringConstraints(max_length=MAX_SKILL_LENGTH)]] | None = Field(
        default=None, max_length=MAX_SKILLS
    )

    @field_validator("full_name")
    @classmethod
    def _name_is_not_cleared(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("a name cannot be removed, only changed")
        return value


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Password
    new_password: Password


class UserUpdate(BaseModel):
    """What an administrator may change about a user."""

    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    is_active: bool | None = None


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    role: str
    full_name: str
    company_name: str | None
    is_active: bool
    headline: str | None = None
    preferred_locations: list[str] = Field(default_factory=list)
    seniority: str | None = None
    skills: list[str] = Field(default_factory=list)
    created_at: datetime | None = None


class TokenOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_expires_in: int = Field(description="Seconds until the refresh token expires.")
    user: UserOut


class UserPage(BaseModel):
    items: list[UserOut]
    total: int
    limit: int
    offset: int
