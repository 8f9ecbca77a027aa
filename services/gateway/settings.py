"""Gateway settings (`GATEWAY_` prefix; upstream addresses from `IDENTITY_URL`, `JOBS_URL`, ...)."""

from __future__ import annotations

import ipaddress
import json
from typing import Annotated, Any

from limits import RateLimitItem, parse_many
from pydantic import Field, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings

MIB = 1024 * 1024
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# The named limits (see `domain/rate_limits.py`) and the variable each is read from.
RATE_LIMIT_NAMES = ("login", "register", "upload", "bulk_upload", "api")
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
    max_bulk_upload_bytes: int = Field(
        default=200 * MIB,
        ge=1,
        description="Largest body of a bulk upload (a recruiter's many resumes in one multipart request).",
    )
    upstream_timeout_seconds: float = Field(
        default=30.0, gt=0, description="How long an upstream may take to start answering (event streams excepted)."
    )
    readiness_timeout_seconds: float = Field(default=2.0, gt=0)
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Browser origins allowed to call the API (comma-separated); none by default."
    )
    hsts: bool = Field(
        default=False,
        description="Send Strict-Transport-Security (only when clients reach the gateway over HTTPS, e.g. behind TLS).",
    )
    hsts_max_age_seconds: int = Field(default=365 * 24 * 3600, ge=0, description="The HSTS max-age.")
    trusted_proxies: Annotated[list[IpNetwork], NoDecode] = Field(
        default_factory=list,
        description=(
            "Comma-separated networks of proxies in front of the gateway whose X-Forwarded-For is believed; "
            "none by default (the socket peer is the client)."
        ),
    )
    rate_limit_login: str = Field(
        default="5/15minutes",
        validation_alias="RATE_LIMIT_LOGIN",
        description="`POST /api/v1/auth/login` per client IP (every attempt counts).",
    )
    rate_limit_register: str = Field(
        default="3/hour",
        validation_alias="RATE_LIMIT_REGISTER",
        description="`POST /api/v1/auth/register` per client IP.",
    )
    rate_limit_upload: str = Field(
        default="10/hour", validation_alias="RATE_LIMIT_UPLOAD", description="`POST /api/v1/resumes` per user."
    )
    rate_limit_bulk_upload: str = Field(
        default="20/day",
        validation_alias="RATE_LIMIT_BULK_UPLOAD",
        description=(
            "`POST /api/v1/jobs/{job_id}/resumes` per user: a bulk upload is one request here whatever its "
            "file count (files per request and per day are ingest's limits)."
        ),
    )
    rate_limit_api: str = Field(
        default="100/minute",
        validation_alias="RATE_LIMIT_API",
        description="Every `/api/` route: per user when signed in, per client IP otherwise.",
    )
    rate_limit_bucket: str = Field(
        default="gateway_rate_limits",
        pattern=r"^[A-Za-z0-9_-]+$",
        description="The NATS KV bucket the counters live in, shared by every gateway replica.",
    )
    rate_limit_store_timeout_seconds: float = Field(
        default=0.5, gt=0, description="How long one counter read or write may take before the limit fails open."
    )
    revocation_lookback_seconds: int = Field(
        default=3600,
        ge=60,
        description="How far back revocations are replayed at start-up: at least the longest access-token lifetime.",
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

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_networks(cls, value: Any) -> Any:
        # `GATEWAY_TRUSTED_PROXIES=10.0.0.0/8,192.168.1.4` (an address alone is a one-address network).
        if isinstance(value, str):
            return [ipaddress.ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip()]
        return value

    @field_validator(
        "rate_limit_login", "rate_limit_register", "rate_limit_upload", "rate_limit_bulk_upload", "rate_limit_api"
    )
    @classmethod
    def _valid_limit(cls, value: str) -> str:
        # Refused at start-up rather than at the first request: `5/15minutes`, `10/minute;100/hour`.
        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not in the limits notation (e.g. 5/15minutes): {exc}") from exc
        return value

    def rate_limits(self) -> dict[str, list[RateLimitItem]]:
        """Each named limit's windows, parsed from its `limits` notation."""
        return {name: parse_many(getattr(self, f"rate_limit_{name}")) for name in RATE_LIMIT_NAMES}

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
