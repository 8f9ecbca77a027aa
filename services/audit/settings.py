"""Audit settings (`AUDIT_` prefix)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings


class AuditSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="AUDIT_", extra="ignore")

    port: int = SERVICE_PORTS["audit"]
