"""Jobs settings (`JOBS_` prefix)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings


class JobsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="JOBS_", extra="ignore")

    port: int = SERVICE_PORTS["jobs"]
