"""Gateway settings (`GATEWAY_` prefix; upstream addresses from `IDENTITY_URL`, `JOBS_URL`, ...)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings

MIB = 1024 * 1024
# A multipart body carries boundaries and part headers around the file: room for those on top of
# the 5 MiB a resume may have, so a file of exactly the limit is not refused here.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def _local(service: str) -> str:
    return f"http://127.0.0.1:{SERVICE_PORTS[service]}"


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", validate_by_name=True)

    port: int = SERVICE_PORTS["gateway"]
    identity_url: str = Field(default=_local("identity"), validation_alias="IDENTITY_URL")
    ingest_url: str = Field(default=_local("ingest"), validation_alias="INGEST_URL")
    matcher_url: str = Field(default=_local("matcher"), validation_alias="MATCHER_URL")
    jobs_url: str = Field(default=_local("jobs"), validation_alias="JOBS_URL")
    interviews_url: str = Field(default=_local("interviews"), validation_alias="INTERVIEWS_URL")
    audit_url: str = Field(default=_local("audit"), validation_alias="AUDIT_URL")
    max_json_bytes: int = Field(default=1 * MIB, ge=1, description="Largest body of a non-upload request.")
    max_upload_bytes: int = Field(
        default=5 * MIB + MULTIPART_OVERHEAD_BYTES, ge=1, description="Largest body of an upload (multipart) request."
    )
    upstream_timeout_seconds: float = Field(
        default=30.0, gt=0, description="How long an upstream may take to start answering (event streams excepted)."
    )
    readiness_timeout_seconds: float = Field(default=2.0, gt=0)
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Browser origins allowed to call the API (comma-separated); none by default."
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        # `GATEWAY_CORS_ORIGINS=https://a.example,https://b.example`, or a JSON list.
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value

    @property
    def upstreams(self) -> dict[str, str]:
        """Each upstream service's base URL, by service name."""
        urls = {
            "identity": self.identity_url,
            "ingest": self.ingest_url,
            "matcher": self.matcher_url,
            "jobs": self.jobs_url,
            "interviews": self.interviews_url,
            "audit": self.audit_url,
        }
        return {name: url.rstrip("/") for name, url in urls.items()}
