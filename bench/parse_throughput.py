"""Resume parse throughput per core: extraction plus the deterministic parser, no database, no bus.

Run: `.venv/bin/python -m bench.parse_throughput [--seconds S]`. Reads the fixture corpus
(`services/ingest/tests/fixtures/resumes/`, plus the shared sample PDFs when present) and parses
each file over and over in this one process and thread, so the rates are per core. Prints
resumes/s per format, with the time split between extracting the text and parsing it.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from contracts.skills import default_taxonomy
from services.ingest.domain.filetypes import DOCX, PDF, TEXT
from services.ingest.domain.profile import parse_profile
from services.ingest.extraction import ExtractedDocument, extract_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "services" / "ingest" / "tests" / "fixtures" / "resumes"
SAMPLES = ROOT.parent / "shared" / "data" / "resume-matcher-samples"
FORMATS = {"PDF": (".pdf", PDF), "DOCX": (".docx", DOCX), "text": (".txt", TEXT)}
TODAY = date(2025, 7, 1)


def files_of(suffix: str) -> list[Path]:
    """The corpus files of one format (and the sample resumes for PDF)."""
    found = sorted(CORPUS.glob(f"*{suffix}"))
    if suffix == ".pdf" and SAMPLES.is_dir():
        found += sorted(path for path in SAMPLES.glob("*.pdf") if not path.name.startswith("job_desc"))
    return found


def timed(action: Callable[[], object], seconds: float) -> tuple[int, float]:
    """Run `action` until `seconds` have passed; how many runs and how long they took."""
    runs, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds or runs == 0:
        action()
        runs += 1
    return runs, elapsed


def measure(content_type: str, files: list[Path], seconds: float) -> tuple[float, float, float]:
    """Resumes/s for extract + parse, and the mean milliseconds of each step."""
    taxonomy = default_taxonomy()
    blobs = [path.read_bytes() for path in files]
    documents: list[ExtractedDocument] = []

    def extract_all() -> None:
        documents[:] = [extract_document(blob, content_type, max_pages=20, max_text_chars=200_000) for blob in blobs]

    def parse_all() -> None:
        for document in documents:
            parse_profile(document.text, taxonomy=taxonomy, today=TODAY, document_links=document.links)

    extract_all()
    parse_all()  # warm-up: compiled patterns, loaded fonts
    extract_runs, extract_time = timed(extract_all, seconds / 2)
    parse_runs, parse_time = timed(parse_all, seconds / 2)
    extract_ms = 1000 * extract_time / (extract_runs * len(blobs))
    parse_ms = 1000 * parse_time / (parse_runs * len(blobs))
    return 1000 / (extract_ms + parse_ms), extract_ms, parse_ms


def main() -> None:
    """Print resumes/s per core for PDF, DOCX and plain text."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0, help="measuring time per format (default 4)")
    args = parser.parse_args()
    default_taxonomy()
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus; one process, one thread")
    print(f"{'format':<8}{'files':>6}{'resumes/s/core':>16}{'extract ms':>12}{'parse ms':>10}")
    for label, (suffix, content_type) in FORMATS.items():
        files = files_of(suffix)
        if not files:
            continue
        rate, extract_ms, parse_ms = measure(content_type, files, args.seconds)
        print(f"{label:<8}{len(files):>6}{rate:>16.1f}{extract_ms:>12.2f}{parse_ms:>10.2f}")


if __name__ == "__main__":
    main()
