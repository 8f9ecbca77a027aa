"""The audit service: the append-only log of every event."""

from __future__ import annotations

from fastapi import FastAPI

from services.audit import api, handlers
from services.audit.models import TABLES, Base
from services.audit.settings import AuditSettings
from talentkit.service import ServiceSpec, create_service_app


def create_app(settings: AuditSettings | None = None) -> FastAPI:
    """Build the audit app."""
    return create_service_app(
        ServiceSpec(
            name="audit",
            title="Talent Connect audit",
            description="The append-only log of every event, for administrators.",
            settings=settings or AuditSettings(),
            metadata=Base.metadata,
            tables=TABLES,
            routers=[api.router],
            subscriptions=handlers.SUBSCRIPTIONS,
        )
    )
