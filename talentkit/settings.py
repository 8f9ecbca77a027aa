"""Settings shared by every service: infrastructure locations and the service's own HTTP address.

Common infrastructure comes from unprefixed variables (`NATS_URL`, `DATABASE_URL`, ...); what is
specific to a service carries its prefix (`IDENTITY_PORT`, `MATCHER_BATCH_SIZE`, ...).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SERVICE_PORTS: dict[str, int] = {
    "gateway": 8000,
    "identity": 8001,
    "ingest": 8002,
    "matcher": 8003,
    "jobs": 8004,
    "interviews": 8005,
    "audit": 8006,
}


def default_database_url(var_dir: Path) -> str:
    """The embedded PostgreSQL (pgserver) of `make dev`: it listens on a unix socket in its data dir."""
    return f"postgresql+asyncpg://postgres@/postgres?host={(var_dir / 'pg').resolve()}"


class InfraSettings(BaseSettings):
    """Where the shared infrastructure is. Read from unprefixed environment variables."""

    model_config = SettingsConfigDict(extra="ignore")

    tc_env: Literal["dev", "test", "prod"] = Field(default="dev", description="`prod` refuses placeholder secrets.")
    var_dir: Path = Field(default=Path("var"), description="Local state of the embedded defaults.")
    nats_url: str = "nats://127.0.0.1:4222"
    database_url: str = ""
    jwks_url: str = f"http://127.0.0.1:{SERVICE_PORTS['identity']}/.well-known/jwks.json"
    jwt_issuer: str = "talent-connect"
    jwt_audience: str = "talent-connect"
    log_level: str = "INFO"
    log_json: bool = True

    @model_validator(mode="after")
    def _fill_database_url(self) -> InfraSettings:
        if not self.database_url:
            self.database_url = default_database_url(self.var_dir)
        return self


PLACEHOLDER_MARKERS = ("replace_me", "changeme", "change-me", "placeholder")


def placeholder_problems(settings: BaseSettings) -> list[str]:
    """Settings whose value is still a template placeholder (refused when `TC_ENV=prod`)."""
    problems = []
    for name, value in settings:
        if isinstance(value, BaseSettings):
            problems += placeholder_problems(value)
            continue
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if isinstance(text, str) and any(marker in text.lower() for marker in PLACEHOLDER_MARKERS):
            problems.append(name)
    return problems


class BusSettings(BaseSettings):
    """Consumer tuning shared by every service (`BUS_` prefix)."""

    model_config = SettingsConfigDict(env_prefix="BUS_", extra="ignore")

    max_attempts: int = Field(default=5, ge=1, description="Deliveries before a message is dead-lettered.")
    backoff_seconds: list[float] = Field(default=[0.5, 2.0, 10.0, 30.0], description="Delay before each redelivery.")
    ack_wait_seconds: float = 60.0
    outbox_poll_seconds: float = 1.0


class ServiceSettings(BaseSettings):
    """Base for a service's settings. Subclasses set `env_prefix` (e.g. `IDENTITY_`)."""

    model_config = SettingsConfigDict(extra="ignore")

    host: str = "127.0.0.1"
    port: int = 0
    database_url: str = Field(default="", description="Overrides DATABASE_URL for this service alone.")
    infra: InfraSettings = Field(default_factory=InfraSettings)
    bus: BusSettings = Field(default_factory=BusSettings)

    @model_validator(mode="after")
    def _refuse_placeholders_in_production(self) -> ServiceSettings:
        if self.infra.tc_env == "prod":
            problems = placeholder_problems(self)
            if problems:
                raise ValueError(f"TC_ENV=prod refuses placeholder values for: {', '.join(sorted(problems))}")
        return self

    @property
    def db_url(self) -> str:
        """The database this service connects to."""
        return self.database_url or self.infra.database_url
