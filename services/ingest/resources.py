"""Ingest's own resources (opened and closed by `app.resources`): the file store and the extraction sandbox."""

from __future__ import annotations

from dataclasses import dataclass

from services.ingest.sandbox import ExtractionSandbox
from services.ingest.storage import FileStore


@dataclass
class IngestResources:
    """What ingest holds besides the kit's database and bus."""

    store: FileStore
    sandbox: ExtractionSandbox
