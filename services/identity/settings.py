"""Identity settings (`IDENTITY_` prefix; admin bootstrap from `ADMIN_EMAIL` / `ADMIN_PASSWORD`)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Where the gateway calls identity from: loopback under `make dev`, a private address in Compose and
# Kubernetes. Identity is never exposed to clients (only other services reach it), so a peer on
# these networks is one of ours; trusting loopback alone made every client look like the gateway,
# and one client's failed sign-ins locked everybody out.
INTERNAL_NETWORKS = ("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")


class IdentitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore")

    port: int = SERVICE_PORTS["identity"]
    signing_key_dir: Path | None = Field(default=None, description="Defaults to $VAR_DIR/identity/keys.")
    access_token_ttl_seconds: int = Field(default=15 * 60, ge=60, le=24 * 3600)
    refresh_token_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=300, le=365 * 24 * 3600)
    login_max_failures: int = Field(default=5, ge=1, description="Failed logins per window before 429.")
    login_failure_window_seconds: int = Field(default=15 * 60, ge=1)
    trusted_proxies: Annotated[list[IpNetwork], NoDecode] = Field(
        default_factory=lambda: [ipaddress.ip_network(network) for network in INTERNAL_NETWORKS],
        description="Comma-separated networks whose X-Forwarded-For is believed (the gateway's); loopback and private.",
    )
    admin_email: str = Field(default="admin@example.com", validation_alias="ADMIN_EMAIL")
    admin_password: SecretStr | None = Field(default=None, validation_alias="ADMIN_PASSWORD")

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_networks(cls, value: Any) -> Any:
        # `IDENTITY_TRUSTED_PROXIES=10.0.0.0/8,127.0.0.1` reads better than a JSON list.
        if isinstance(value, str):
            return [ipaddress.ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip()]
        return value

    @property
    def key_dir(self) -> Path:
        """Where the RSA signing keys live."""
        return self.signing_key_dir or self.infra.var_dir / "identity" / "keys"
