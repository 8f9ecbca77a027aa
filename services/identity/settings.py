"""Identity settings (`IDENTITY_` prefix; admin bootstrap from `ADMIN_EMAIL` / `ADMIN_PASSWORD`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings


class IdentitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore")

    port: int = SERVICE_PORTS["identity"]
    signing_key_dir: Path | None = Field(default=None, description="Defaults to $VAR_DIR/identity/keys.")
    access_token_ttl_seconds: int = Field(default=15 * 60, ge=60, le=24 * 3600)
    admin_email: str = Field(default="admin@example.com", validation_alias="ADMIN_EMAIL")
    admin_password: SecretStr | None = Field(default=None, validation_alias="ADMIN_PASSWORD")

    @property
    def key_dir(self) -> Path:
        """Where the RSA signing keys live."""
        return self.signing_key_dir or self.infra.var_dir / "identity" / "keys"
