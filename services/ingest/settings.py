"""Ingest settings (`INGEST_` prefix)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from talentkit.settings import SERVICE_PORTS, ServiceSettings


class LlmSettings(BaseSettings):
    """The optional LLM extraction enhancer (`INGEST_LLM_` prefix; Groq's key from `GROQ_API_KEY`).

    No provider is configured by default: then only the deterministic extractor runs.
    """

    model_config = SettingsConfigDict(env_prefix="INGEST_LLM_", extra="ignore", validate_by_name=True)

    enabled: bool = Field(default=True, description="False keeps the deterministic extractor even with keys set.")
    groq_api_key: SecretStr | None = Field(default=None, validation_alias="GROQ_API_KEY")
    groq_base_url: str = "https://api.groq.com/openai/v1"
    groq_model: str = "llama-3.1-8b-instant"
    groq_prompt_usd_per_1k: float = Field(default=0.00005, ge=0, description="Price of 1000 prompt tokens.")
    groq_completion_usd_per_1k: float = Field(default=0.00008, ge=0, description="Price of 1000 completion tokens.")
    openai_base_url: str = Field(
        default="", description="Any OpenAI-compatible API, e.g. Ollama's http://localhost:11434/v1."
    )
    openai_api_key: SecretStr | None = None
    openai_model: str = "llama3.1:8b"
    openai_prompt_usd_per_1k: float = Field(default=0.0, ge=0)
    openai_completion_usd_per_1k: float = Field(default=0.0, ge=0)
    prompt_version: str = Field(default="resume_extraction.v1", pattern=r"^[a-z_]+\.v\d+$")
    timeout_seconds: float = Field(default=20.0, gt=0, description="One HTTP call.")
    total_timeout_seconds: float = Field(
        default=45.0, gt=0, description="The whole chain; keep it under BUS_ACK_WAIT_SECONDS."
    )
    max_attempts: int = Field(default=3, ge=1, le=10, description="HTTP attempts per provider (429, 5xx, timeouts).")
    backoff_seconds: float = Field(default=0.5, ge=0, description="First retry delay; doubles, with jitter.")
    backoff_max_seconds: float = Field(default=8.0, ge=0)
    invalid_output_retries: int = Field(default=1, ge=0, le=3, description="Corrections asked for after bad JSON.")
    max_input_chars: int = Field(default=12_000, ge=500, description="Resume text beyond this is not sent.")
    max_output_tokens: int = Field(default=2048, ge=64)
    monthly_token_budget: int = Field(
        default=2_000_000, ge=0, description="Tokens per calendar month (UTC); then only the deterministic path runs."
    )


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
    extraction_memory_bytes: int = Field(
        default=256 * 1024 * 1024,
        ge=64 * 1024 * 1024,
        description="Memory the process reading an uploaded file may allocate; past it the file fails as too complex.",
    )
    extraction_timeout_seconds: float = Field(
        default=20.0,
        gt=0,
        description="Time reading one uploaded file may take; past it the file fails as too complex.",
    )
    embedding_text_chars: int = Field(default=8000, ge=100, le=20_000, description="Cap of the matcher's text.")
    bulk_max_files: int = Field(default=500, ge=1, description="Files one bulk upload request may carry.")
    bulk_max_files_per_day: int = Field(default=2000, ge=1, description="Bulk-uploaded files per user per UTC day.")
    bulk_stream_timeout_seconds: float = Field(
        default=600.0, gt=0, description="How long a bulk upload's event stream waits for parses and scores."
    )
    bulk_heartbeat_seconds: float = Field(default=15.0, gt=0, description="Comment lines keeping the stream alive.")
    bulk_poll_seconds: float = Field(
        default=5.0, gt=0, description="How often the stream re-reads parse states it has not heard of (safety net)."
    )
    llm: LlmSettings = Field(default_factory=LlmSettings)

    @property
    def files_dir(self) -> Path:
        """Where the original resume files are stored."""
        return self.storage_dir or self.infra.var_dir / "ingest" / "files"
