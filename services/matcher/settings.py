"""Matcher settings (`MATCHER_` prefix; the Qdrant location from `QDRANT_URL` / `QDRANT_API_KEY`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings


class MatcherSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MATCHER_", extra="ignore")

    port: int = SERVICE_PORTS["matcher"]
    batch_size: int = Field(default=32, ge=1, le=512, description="Events embedded together in one forward pass.")
    recall_k: int = Field(default=100, ge=1, le=1000, description="Candidates recalled from Qdrant per document.")
    qdrant_url: str = Field(
        default="",
        validation_alias="QDRANT_URL",
        description="A Qdrant server; empty runs qdrant-client's embedded local mode under $VAR_DIR/qdrant.",
    )
    qdrant_api_key: SecretStr | None = Field(default=None, validation_alias="QDRANT_API_KEY")
    scoring_weights: Path | None = Field(
        default=None,
        description="A scoring configuration file (the shape of domain/scoring_weights.yaml); empty uses the bundled one.",
    )

    @property
    def qdrant_path(self) -> Path:
        """Where the embedded (local mode) Qdrant keeps its collections."""
        return self.infra.var_dir / "qdrant"
