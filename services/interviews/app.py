"""The interviews service: scheduling interviews for applications in the interview stage, and their feedback."""

from __future__ import annotations

from fastapi import FastAPI

from services.interviews import api, handlers
from services.interviews.models import TABLES, Base
from services.interviews.settings import InterviewsSettings
from talentkit.service import ServiceSpec, create_service_app


def create_app(settings: InterviewsSettings | None = None) -> FastAPI:
    """Build the interviews app."""
    return create_service_app(
        ServiceSpec(
            name="interviews",
            title="Talent Connect interviews",
            settings=settings or InterviewsSettings(),
            metadata=Base.metadata,
            tables=TABLES,
            routers=[api.router],
            subscriptions=handlers.SUBSCRIPTIONS,
        )
    )
