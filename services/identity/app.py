"""The identity service: accounts and tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from services.identity import accounts, api, handlers
from services.identity.models import TABLES, Base
from services.identity.settings import IdentitySettings
from services.identity.signing import KeyRing
from talentkit.service import Runtime, ServiceSpec, create_service_app


@asynccontextmanager
async def resources(rt: Runtime[IdentitySettings, Any]) -> AsyncIterator[KeyRing]:
    """Load the signing keys and make sure an admin exists."""
    keys = KeyRing.load_or_create(rt.settings.key_dir)
    await accounts.ensure_admin(rt)
    yield keys


def create_app(settings: IdentitySettings | None = None) -> FastAPI:
    """Build the identity app."""
    app = create_service_app(
        ServiceSpec(
            name="identity",
            title="Talent Connect identity",
            settings=settings or IdentitySettings(),
            metadata=Base.metadata,
            tables=TABLES,
            routers=[api.router],
            subscriptions=handlers.SUBSCRIPTIONS,
            resources=resources,
        )
    )
    generate_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        return api.add_login_schemas(generate_openapi())

    app.openapi = openapi  # type: ignore[method-assign]
    return app
