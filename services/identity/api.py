"""Identity's HTTP API: accounts, sessions (tokens), the caller's profile, administration, signing keys."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, ValidationError

from services.identity import accounts, administration, sessions
from services.identity.domain.client_address import client_ip
from services.identity.domain.tokens import issued_before_revocation
from services.identity.models import User
from services.identity.repository import UserRepository
from services.identity.schemas import (
    LoginRequest,
    PasswordChange,
    PasswordForm,
    ProfileUpdate,
    RefreshRequest,
    RegisterRequest,
    Role,
    TokenOut,
    UserOut,
    UserPage,
    UserUpdate,
)
from services.identity.sessions import TokenPair
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing
from talentkit.auth import CurrentPrincipal, Principal, bearer_token
from talentkit.errors import ApiError
from talentkit.service import Runtime, runtime_of

router = APIRouter()

IdentityRuntime = Annotated[Runtime[IdentitySettings, KeyRing], Depends(runtime_of)]

LOGIN_PATH = "/api/v1/auth/login"
# Declares the bearer token in the OpenAPI document, with the login route as the OAuth2 password
# flow's token URL, so Swagger's Authorize button signs in. It does not verify anything itself.
oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl=LOGIN_PATH,
    auto_error=False,
    description="Sign in with your e-mail as the username; the access token is sent as a bearer token.",
)

_FORM = "application/x-www-form-urlencoded"
_TOO_MANY: dict[int | str, dict[str, Any]] = {
    429: {"description": "Too many failed sign-ins for this account or address; see Retry-After."}
}


def _ip(request: Request, settings: IdentitySettings) -> str:
    forwarded_for = ",".join(request.headers.getlist("x-forwarded-for"))
    return client_ip(request.client.host if request.client else None, forwarded_for, settings.trusted_proxies)


def _token_out(pair: TokenPair) -> TokenOut:
    return TokenOut(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=pair.access_expires_in,
        refresh_expires_in=pair.refresh_expires_in,
        user=UserOut.model_validate(pair.user),
    )


@dataclass(frozen=True)
class Caller:
    """The verified caller and their account as it is now."""

    principal: Principal
    user: User


async def signed_in(
    principal: CurrentPrincipal,
    request: Request,
    rt: IdentityRuntime,
    _declared: Annotated[str | None, Depends(oauth2_scheme)],
) -> Caller:
    """The caller's account; 401 when it is gone or deactivated, or the token predates a revocation."""
    async with rt.transaction() as session:
        user = await UserRepository(session).get(principal.user_id)
    if user is None:
        raise ApiError(401, "this account no longer exists", headers={"WWW-Authenticate": "Bearer"})
    if not user.is_active:
        raise ApiError(401, "this account is deactivated", code="account_deactivated")
    # The token was verified just now (CurrentPrincipal); only its issue time is read here.
    claims = jwt.decode(bearer_token(request) or "", options={"verify_signature": False})
    if issued_before_revocation(int(claims["iat"]), user.tokens_revoked_at):
        raise ApiError(
            401,
            "this session was signed out; sign in again",
            code="token_revoked",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Caller(principal=principal, user=user)


SignedIn = Annotated[Caller, Depends(signed_in)]


async def administrator(caller: SignedIn) -> Caller:
    """The caller, who must be an administrator (403 otherwise)."""
    if caller.user.role != "admin":
        raise ApiError(403, "this needs the role admin")
    return caller


Admin = Annotated[Caller, Depends(administrator)]


# --- sessions ---------------------------------------------------------------------------------


@router.post("/api/v1/auth/register", status_code=201, tags=["auth"], summary="Create an account", responses=_TOO_MANY)
async def register(body: RegisterRequest, request: Request, rt: IdentityRuntime) -> TokenOut:
    """Register as a candidate or recruiter; signed in at once (access and refresh token)."""
    pair = await accounts.register(
        rt,
        email=str(body.email),
        password=body.password,
        role=body.role,
        full_name=body.full_name.strip(),
        company_name=body.company_name.strip() if body.company_name else None,
        ip=_ip(request, rt.settings),
    )
    return _token_out(pair)


def _parsed(model: type[BaseModel], data: Any, *, raw_json: bytes | None = None) -> Any:
    try:
        return model.model_validate_json(raw_json) if raw_json is not None else model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise RequestValidationError([{**error, "loc": ("body", *error["loc"])} for error in errors]) from exc


async def _credentials(request: Request) -> tuple[str, str]:
    """E-mail and password from a JSON body or an OAuth2 password form."""
    content_type = request.headers.get("content-type", "application/json").split(";", 1)[0].strip().lower()
    if content_type == _FORM:
        form = await request.form()
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
        grant: PasswordForm = _parsed(PasswordForm, fields)
        return str(grant.username), grant.password
    if content_type == "application/json" or content_type.endswith("+json"):
        body: LoginRequest = _parsed(LoginRequest, None, raw_json=await request.body())
        return str(body.email), body.password
    raise ApiError(415, "send the credentials as JSON or as an OAuth2 password form")


# The login route reads its body itself (two content types), so FastAPI cannot describe it:
# the request body is declared here, and `add_login_schemas` puts the schemas it refers to in place.
_LOGIN_BODIES: dict[str, type[BaseModel]] = {"LoginRequest": LoginRequest, "PasswordForm": PasswordForm}
_LOGIN_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/LoginRequest"}},
            _FORM: {"schema": {"$ref": "#/components/schemas/PasswordForm"}},
        },
    }
}


def add_login_schemas(document: dict[str, Any]) -> dict[str, Any]:
    """`document` (the app's OpenAPI) with the login bodies' schemas among its components."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name, model in _LOGIN_BODIES.items():
        schemas.setdefault(name, model.model_json_schema(ref_template="#/components/schemas/{model}"))
    return document


@router.post(
    LOGIN_PATH,
    tags=["auth"],
    summary="Sign in with e-mail and password",
    openapi_extra=_LOGIN_BODY,
    responses=_TOO_MANY,
)
async def login(request: Request, rt: IdentityRuntime) -> TokenOut:
    """Exchange credentials for an access and a refresh token (JSON, or the OAuth2 password form)."""
    email, password = await _credentials(request)
    pair = await accounts.login(rt, email=email, password=password, ip=_ip(request, rt.settings))
    return _token_out(pair)


@router.post("/api/v1/auth/refresh", tags=["auth"], summary="Rotate a refresh token")
async def refresh(body: RefreshRequest, request: Request, rt: IdentityRuntime) -> TokenOut:
    """A new token pair for a refresh token, which is then used up; reusing one ends its whole family."""
    pair = await sessions.refresh(rt, token=body.refresh_token, ip=_ip(request, rt.settings))
    return _token_out(pair)


@router.post("/api/v1/auth/logout", status_code=204, tags=["auth"], summary="Sign out this session")
async def logout(body: RefreshRequest, rt: IdentityRuntime) -> None:
    """Revoke the refresh token and every token rotated from the same sign-in."""
    await sessions.logout(rt, token=body.refresh_token)


@router.post("/api/v1/auth/logout-all", status_code=204, tags=["auth"], summary="Sign out everywhere")
async def logout_all(caller: SignedIn, rt: IdentityRuntime) -> None:
    """Revoke every refresh token of the caller and void their access tokens."""
    await sessions.logout_all(rt, principal=caller.principal)


# --- the caller's own account -----------------------------------------------------------------


@router.get("/api/v1/me", tags=["account"], summary="The signed-in account")
async def me(caller: SignedIn) -> UserOut:
    """The caller's own account and profile."""
    return UserOut.model_validate(caller.user)


@router.patch("/api/v1/me", tags=["account"], summary="Edit the profile")
async def update_me(body: ProfileUpdate, caller: SignedIn, rt: IdentityRuntime) -> UserOut:
    """Change name, headline, preferred locations, seniority, and (candidates) skills."""
    changes = body.model_dump(include=body.model_fields_set)
    user = await accounts.update_profile(rt, user_id=caller.user.id, changes=changes)
    return UserOut.model_validate(user)


@router.post(
    "/api/v1/me/password", status_code=204, tags=["account"], summary="Change the password", responses=_TOO_MANY
)
async def change_password(body: PasswordChange, caller: SignedIn, request: Request, rt: IdentityRuntime) -> None:
    """Set a new password; every session, this one included, is signed out."""
    await accounts.change_password(
        rt,
        principal=caller.principal,
        current_password=body.current_password,
        new_password=body.new_password,
        ip=_ip(request, rt.settings),
    )


# --- administration ---------------------------------------------------------------------------


@router.get("/api/v1/admin/users", tags=["admin"], summary="Find users")
async def list_users(
    _admin: Admin,
    rt: IdentityRuntime,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    role: Role | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the e-mail or name.")] = None,
    is_active: bool | None = None,
) -> UserPage:
    """Users, newest first, filtered by role, activity and a search in e-mail and name."""
    users, total = await administration.list_users(
        rt, role=role, query=q.strip() if q else None, is_active=is_active, limit=limit, offset=offset
    )
    return UserPage(items=[UserOut.model_validate(user) for user in users], total=total, limit=limit, offset=offset)


@router.patch("/api/v1/admin/users/{user_id}", tags=["admin"], summary="Change a user's role or activity")
async def update_user(user_id: uuid.UUID, body: UserUpdate, admin: Admin, rt: IdentityRuntime) -> UserOut:
    """Change the role and/or deactivate (or reactivate) a user; never your own account (409)."""
    user = await administration.update_user(
        rt, admin=admin.principal, user_id=user_id, role=body.role, is_active=body.is_active
    )
    return UserOut.model_validate(user)


@router.delete("/api/v1/admin/users/{user_id}", status_code=204, tags=["admin"], summary="Delete an account")
async def delete_user(user_id: uuid.UUID, admin: Admin, rt: IdentityRuntime) -> None:
    """Delete the account; every service erases that user's data."""
    await administration.delete_user(rt, admin=admin.principal, user_id=user_id)


# --- keys -------------------------------------------------------------------------------------


@router.get("/.well-known/jwks.json", tags=["auth"], summary="Public keys that verify access tokens")
async def jwks(request: Request) -> dict[str, Any]:
    """The JWK Set; cache it, and refetch when a token names an unknown kid."""
    keys: KeyRing = runtime_of(request).resources
    return keys.jwks()
