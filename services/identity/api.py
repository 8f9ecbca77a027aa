"""Identity's HTTP API: register, log in, who am I, and the public signing keys."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, EmailStr, Field

from services.identity import accounts
from services.identity.repository import UserRepository
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing
from talentkit.auth import CurrentPrincipal
from talentkit.errors import ApiError
from talentkit.service import Runtime, runtime_of

router = APIRouter()

IdentityRuntime = Annotated[Runtime[IdentitySettings, KeyRing], Depends(runtime_of)]


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    password: str = Field(min_length=1, max_length=256)
    full_name: str = Field(default="", max_length=200)
    role: Literal["candidate", "recruiter"] = "candidate"
    company_name: str | None = Field(default=None, max_length=200)


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    password: str = Field(min_length=1, max_length=256)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    role: str
    full_name: str
    company_name: str | None
    is_active: bool


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserOut


def _token_response(rt: Runtime[IdentitySettings, KeyRing], user: Any) -> TokenOut:
    token, ttl = accounts.issue_access_token(rt.resources, rt.settings, user)
    return TokenOut(access_token=token, expires_in=ttl, user=UserOut.model_validate(user))


@router.post("/api/v1/auth/register", status_code=201, tags=["auth"], summary="Create an account")
async def register(body: RegisterRequest, rt: IdentityRuntime) -> TokenOut:
    """Register as a candidate or recruiter and get an access token."""
    user = await accounts.register(
        rt,
        email=str(body.email),
        password=body.password,
        role=body.role,
        full_name=body.full_name.strip(),
        company_name=body.company_name,
    )
    return _token_response(rt, user)


@router.post("/api/v1/auth/login", tags=["auth"], summary="Log in with e-mail and password")
async def login(body: LoginRequest, rt: IdentityRuntime) -> TokenOut:
    """Exchange credentials for an access token."""
    user = await accounts.authenticate(rt, email=str(body.email), password=body.password)
    return _token_response(rt, user)


@router.get("/api/v1/me", tags=["account"], summary="The signed-in account")
async def me(principal: CurrentPrincipal, rt: IdentityRuntime) -> UserOut:
    """The caller's own account."""
    async with rt.transaction() as session:
        user = await UserRepository(session).get(principal.user_id)
    if user is None or not user.is_active:
        raise ApiError(404, "this account no longer exists")
    return UserOut.model_validate(user)


@router.get("/.well-known/jwks.json", tags=["auth"], summary="Public keys that verify access tokens")
async def jwks(request: Request) -> dict[str, Any]:
    """The JWK Set; cache it, and refetch when a token names an unknown kid."""
    keys: KeyRing = runtime_of(request).resources
    return keys.jwks()
