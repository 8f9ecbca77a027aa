"""The extraction child over many files: its memory stays flat, it is recycled, and its faults are not the file's."""

from __future__ import annotations

import io
import os
import random
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from lxml import etree  # type: ignore[import-untyped]  # no stubs; used to build its real exceptions

from services.ingest.domain.filetypes import DOCX
from services.ingest.extraction import ExtractedDocument, ExtractionFailed
from services.ingest.extraction_worker import WorkerReply, out_of_memory
from services.ingest.sandbox import ExtractionSandbox
from services.ingest.tests.conftest import fitz

pytestmark = pytest.mark.unit

MiB = 1024 * 1024
CORPUS = Path(__file__).resolve().parent / "fixtures" / "resumes"
# The service's default limit: the one under which DOCX files used to fail after about thirty.
SERVICE_LIMIT = 256 * MiB


def scripted_worker(connection: Connection, memory_bytes: int) -> None:
    """A stand-in child: "fault" runs out of memory unless its child is fresh, "fault always" always does,
    "die" kills the child; other files are read as "<text> #<files this child has read>"."""
    connection.send(("ready", 0))
    served = 0
    while True:
        try:
            data, _content_type, _max_pages, _max_chars = connection.recv()
        except EOFError:
            return
        if data == b"fault always" or (data == b"fault" and served > 0):
            connection.send(WorkerReply(worker_fault=True))
            return
        if data == b"die" and served > 0:
            os._exit(1)
        served += 1
        reply = WorkerReply(document=ExtractedDocument(text=f"{data.decode()} #{served}"), data_bytes=served * MiB)
        connection.send(reply)


@pytest.fixture
def scripted() -> Iterator[ExtractionSandbox]:
    box = ExtractionSandbox(memory_bytes=100 * MiB, timeout_seconds=30, worker=scripted_worker)
    try:
        yield box
    finally:
        box.close()


def read(box: ExtractionSandbox, data: bytes, content_type: str = DOCX) -> str:
    return box.extract(data, content_type, max_pages=20, max_text_chars=200_000).text


def test_running_out_of_memory_after_other_files_is_retried_once_in_a_fresh_child(
    scripted: ExtractionSandbox,
) -> None:
    assert read(scripted, b"first") == "first #1"
    assert read(scripted, b"fault") == "fault #1", "read again, by a new child"
    assert scripted.workers_started == 2
    assert read(scripted, b"die") == "die #1", "a child that dies mid-file is the child's fault too"
    assert scripted.workers_started == 3


def test_a_file_that_runs_a_fresh_child_out_of_memory_is_too_complex(scripted: ExtractionSandbox) -> None:
    with pytest.raises(ExtractionFailed) as failed:
        read(scripted, b"fault always")
    assert failed.value.code == "too_complex"
    assert scripted.workers_started == 1, "a fresh child failing is the file's doing: no second try"
    assert read(scripted, b"next") == "next #1"
    with pytest.raises(ExtractionFailed) as failed_again:
        read(scripted, b"fault always")
    assert failed_again.value.code == "too_complex"
    assert scripted.workers_started == 3, "tried by the used child, then once by a fresh one"


def test_a_child_is_recycled_after_so_many_files() -> None:
    box = ExtractionSandbox(memory_bytes=100 * MiB, timeout_seconds=30, max_files_per_worker=2, worker=scripted_worker)
    try:
        assert [read(box, f"cv{n}".encode()) for n in range(5)] == ["cv0 #1", "cv1 #2", "cv2 #1", "cv3 #2", "cv4 #1"]
        assert box.workers_started == 3
    finally:
        box.close()


def test_a_child_is_recycled_once_its_memory_passes_a_share_of_the_limit() -> None:
    # The scripted child reports 1 MiB more after each file: past 2.5 MiB of 10 it is replaced.
    box = ExtractionSandbox(
        memory_bytes=10 * MiB, timeout_seconds=30, recycle_memory_share=0.25, worker=scripted_worker
    )
    try:
        assert [read(box, f"cv{n}".encode()) for n in range(4)] == ["cv0 #1", "cv1 #2", "cv2 #3", "cv3 #1"]
        assert box.workers_started == 2
    finally:
        box.close()


@pytest.mark.parametrize(
    "error",
    [
        etree.XMLSyntaxError("unknown error", 1, 0, 0),
        etree.XMLSyntaxError("None", 1, 0, 0),
        MemoryError("Unable to allocate output buffer."),
        RuntimeError("code=2: malloc (43368480 bytes) failed"),
    ],
)
def test_allocation_failures_are_recognised_whichever_library_saw_them(error: Exception) -> None:
    # How python-docx and PyMuPDF failures reach the child: wrapped as a damaged file.
    failure = ExtractionFailed("corrupt", "this Word document is damaged and cannot be read")
    failure.__cause__ = error
    assert out_of_memory(failure)


def test_a_real_parse_error_is_the_files() -> None:
    with pytest.raises(etree.XMLSyntaxError) as parse_error:
        etree.fromstring(b"<w:document><unclosed></w:document>")
    failure = ExtractionFailed("corrupt", "this Word document is damaged and cannot be read")
    failure.__cause__ = parse_error.value
    assert not out_of_memory(failure)


def _docx_with_picture() -> bytes:
    """A resume with a photo (about 1 MB of pixels): python-docx keeps the image part in memory."""
    document = docx.Document()
    document.add_heading("Grace Hopper", level=0)
    noise = random.Random(7).randbytes(600 * 600 * 3)  # incompressible, as a photo is
    pixmap = fitz.Pixmap(fitz.csRGB, 600, 600, noise, False)
    document.add_picture(io.BytesIO(pixmap.tobytes("png")), width=Inches(1.5))
    for year in range(2010, 2024):
        document.add_paragraph(f"Software Engineer, Acme {year}: built compilers in COBOL and Python.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_eighty_valid_docx_files_all_parse_in_one_child_whose_memory_stays_flat(resume_docx: bytes) -> None:
    files = [path.read_bytes() for path in sorted(CORPUS.glob("*.docx"))] + [resume_docx, _docx_with_picture()]
    box = ExtractionSandbox(memory_bytes=SERVICE_LIMIT, timeout_seconds=30, max_files_per_worker=1000)
    try:
        texts = [read(box, files[n % len(files)]) for n in range(80)]
        after_first_round = box.worker_data_bytes
        texts += [read(box, files[n % len(files)]) for n in range(80)]
        assert box.workers_started == 1, "one child read them all"
        assert box.worker_data_bytes is not None
        assert after_first_round is not None
        # PyMuPDF without its unused layout model and numpy: most of the limit is left for files.
        assert box.worker_data_bytes < 0.4 * SERVICE_LIMIT
        # Before, each DOCX left about a megabyte behind until the limit was hit after some thirty.
        assert box.worker_data_bytes - after_first_round < 8 * MiB
    finally:
        box.close()
    assert all(text.strip() for text in texts)
    assert texts[len(files) - 1].startswith("Grace Hopper")
