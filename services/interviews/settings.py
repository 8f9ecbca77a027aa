"""Interviews settings (`INTERVIEWS_` prefix)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings


class InterviewsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INTERVIEWS_", extra="ignore")

    port: int = SERVICE_PORTS["interviews"]
    max_days_ahead: int = Field(default=365, ge=1, le=3650, description="How far ahead an interview may be booked.")
