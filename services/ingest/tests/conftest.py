"""Fixtures shared by ingest's tests: the sample resumes and documents built on the fly."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE

# The shared data folder sits beside the repository: <root>/../shared/data.
# PyMuPDF annotates only part of its API; the test builders use it untyped.
fitz: Any = pymupdf

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
SAMPLES = SHARED_DATA / "resume-matcher-samples"


SampleReader = Callable[[str], bytes]
PdfMaker = Callable[..., bytes]
ZipMaker = Callable[[dict[str, bytes]], bytes]


@pytest.fixture
def sample_pdf() -> SampleReader:
    """Reads one of the sample resume PDFs by file name (skips when the shared data is absent)."""

    def read(name: str) -> bytes:
        path = SAMPLES / name
        if not path.is_file():
            pytest.skip(f"sample data not available: {path}")
        return path.read_bytes()

    return read


@pytest.fixture
def resume_docx() -> bytes:
    """A small resume as DOCX."""
    return _make_docx()


@pytest.fixture
def make_pdf() -> PdfMaker:
    """Builds PDFs: `make_pdf(text)`, `make_pdf(None)` for an image-only page, `password=` to encrypt."""
    return _make_pdf


@pytest.fixture
def make_zip() -> ZipMaker:
    """Builds a ZIP archive from a mapping of entry names to contents."""
    return _make_zip


def _make_docx() -> bytes:
    """A small resume as DOCX: name in the page header, contact paragraph, skills in a table, a hyperlink."""
    document = docx.Document()
    document.sections[0].header.is_linked_to_previous = False
    document.sections[0].header.paragraphs[0].text = "Jane Q. Smith"
    document.add_paragraph("Platform Engineer")
    document.add_paragraph("jane.smith@example.org | +44 20 7946 0958 | github.com/janesmith")
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Languages"
    table.cell(0, 1).text = "Python, Go"
    table.cell(1, 0).text = "Infrastructure"
    table.cell(1, 1).text = "Kubernetes, Terraform and PostgreSQL"
    document.add_paragraph("Built internal developer platforms serving two hundred engineers.")
    document.part.relate_to("https://www.linkedin.com/in/janesmith", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _make_pdf(text: str | None, *, password: str | None = None) -> bytes:
    """A one-page PDF with `text` (or only a drawing when None), optionally password-protected."""
    pdf = fitz.open()
    page = pdf.new_page()
    if text is None:
        page.draw_rect(fitz.Rect(50, 50, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    else:
        page.insert_text((72, 72), text)
    options = {}
    if password is not None:
        options = {"encryption": fitz.PDF_ENCRYPT_AES_256, "user_pw": password, "owner_pw": password + "-owner"}
    data: bytes = pdf.tobytes(**options)
    pdf.close()
    return data


def dense_pdf(lines: int) -> bytes:
    """A small PDF (tens of kilobytes) whose single page draws `lines` lines of text."""
    pdf = fitz.open()
    page = pdf.new_page()
    page.insert_text((72, 72), "Jane Doe, Python developer")
    operators = b"q\nBT\n/helv 5 Tf\n1 0 0 1 10 800 Tm\n" + b"(word word word word) Tj 0 -1 Td\n" * lines + b"ET\nQ\n"
    pdf.update_stream(page.get_contents()[0], operators)
    data: bytes = pdf.tobytes(deflate=True, garbage=3)
    pdf.close()
    return data


def _make_zip(entries: dict[str, bytes]) -> bytes:
    """A deflated ZIP archive with these entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()
