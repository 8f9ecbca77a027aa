"""Reading untrusted files in a child process: the same text as in-process, and limits that hold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from services.ingest.domain.filetypes import DOCX, PDF, TEXT
from services.ingest.extraction import ExtractionFailed, extract_document
from services.ingest.sandbox import ExtractionSandbox
from services.ingest.tests.conftest import PdfMaker, dense_pdf

pytestmark = pytest.mark.unit

MiB = 1024 * 1024


@pytest.fixture
def sandbox() -> Iterator[ExtractionSandbox]:
    box = ExtractionSandbox(memory_bytes=128 * MiB, timeout_seconds=30)
    try:
        yield box
    finally:
        box.close()


def extract(box: ExtractionSandbox, data: bytes, content_type: str) -> str:
    return box.extract(data, content_type, max_pages=20, max_text_chars=200_000).text


def test_files_read_in_the_child_read_as_in_process(
    sandbox: ExtractionSandbox, make_pdf: PdfMaker, resume_docx: bytes
) -> None:
    for data, content_type in (
        (make_pdf("Jane Doe, Python developer with many skills"), PDF),
        (resume_docx, DOCX),
        (b"Jane Doe\nPython developer with many skills\n", TEXT),
    ):
        expected = extract_document(data, content_type, max_pages=20, max_text_chars=200_000)
        assert sandbox.extract(data, content_type, max_pages=20, max_text_chars=200_000) == expected
    with pytest.raises(ExtractionFailed) as failed:
        extract(sandbox, b"%PDF-1.7\n" + b"\x8f\x00 not a pdf body " * 50, PDF)
    assert failed.value.code == "corrupt", "a damaged file keeps its own reason"


def test_a_file_needing_more_memory_than_allowed_is_too_complex_and_the_next_one_is_read(
    sandbox: ExtractionSandbox, make_pdf: PdfMaker
) -> None:
    # About 100 KB: in the service's own process this took over 400 MB (a few such files, the process).
    bomb = dense_pdf(1_000_000)
    assert len(bomb) < 200_000
    with pytest.raises(ExtractionFailed) as failed:
        extract(sandbox, bomb, PDF)
    assert failed.value.code == "too_complex"
    assert "Python developer" in extract(sandbox, make_pdf("Jane Doe, Python developer"), PDF)


def test_a_file_taking_longer_than_allowed_is_too_complex_and_the_next_one_is_read(make_pdf: PdfMaker) -> None:
    box = ExtractionSandbox(memory_bytes=1024 * MiB, timeout_seconds=1.0)
    try:
        assert "Python developer" in extract(box, make_pdf("Jane Doe, Python developer"), PDF)
        with pytest.raises(ExtractionFailed) as failed:
            extract(box, dense_pdf(1_000_000), PDF)  # several seconds of work
        assert failed.value.code == "too_complex"
        assert "Python developer" in extract(box, make_pdf("Jane Doe, Python developer"), PDF)
    finally:
        box.close()
