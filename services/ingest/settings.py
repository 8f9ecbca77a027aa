"""Ingest settings (`INGEST_` prefix)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings


class IngestSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INGEST_", extra="ignore")

    port: int = SERVICE_PORTS["ingest"]
    storage_dir: Path | None = Field(default=None, description="Defaults to $VAR_DIR/ingest/files.")
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1, description="Larger uploads get 413.")
    max_pages: int = Field(default=20, ge=1, description="PDF pages read; the rest of a longer file is ignored.")
    max_archive_bytes: int = Field(
        default=50 * 1024 * 1024, ge=1, description="Total uncompressed size a DOCX may declare (zip-bomb guard)."
    )
    max_archive_entries: int = Field(default=2000, ge=1, description="Entries a DOCX may contain (zip-bomb guard).")
    max_text_chars: int = Field(default=200_000, ge=1000, description="Extracted text beyond this is dropped.")
    embedding_text_chars: int = Field(default=8000, ge=100, le=20_000, description="Cap of the matcher's text.")

    @property
    def files_dir(self) -> Path:
        """Where the original resume files are stored."""
        return self.storage_dir or self.infra.var_dir / "ingest" / "files"
