"""The jobs service: jobs, applications and swipes, and the ranked applicants of each job."""

from __future__ import annotations

from fastapi import FastAPI

from services.jobs import api, handlers
from services.jobs.models import TABLES, Base
from services.jobs.settings import JobsSettings
from talentkit.service import ServiceSpec, create_service_app


def create_app(settings: JobsSettings | None = None) -> FastAPI:
    """Build the jobs app."""
    return create_service_app(
        ServiceSpec(
            name="jobs",
            title="Talent Connect jobs",
            settings=settings or JobsSettings(),
            metadata=Base.metadata,
            tables=TABLES,
            routers=[api.router],
            subscriptions=handlers.SUBSCRIPTIONS,
        )
    )
