import io
import zipfile

import pytest

from services.ingest.domain.filetypes import (
    DOCX,
    PDF,
    TEXT,
    ArchiveLimits,
    EmptyFile,
    SuspiciousArchive,
    UnsupportedFileType,
    sniff_content_type,
)
from services.ingest.tests.conftest import SampleReader, ZipMaker

pytestmark = pytest.mark.unit

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def test_a_real_pdf_is_recognised_by_its_header(sample_pdf: SampleReader) -> None:
    assert sniff_content_type(sample_pdf("john_doe.pdf")) == PDF


def test_a_docx_is_a_zip_with_a_word_document(resume_docx: bytes) -> None:
    assert sniff_content_type(resume_docx) == DOCX


@pytest.mark.parametrize(
    "data",
    [
        b"Jane Doe\nPython developer\n",
        "Zoë Ångström — développeuse\n".encode("utf-8-sig"),
        "José Müller, Köln\n".encode("latin-1"),
        "Smart “quotes” from Word\r\n".encode("cp1252"),
    ],
)
def test_plain_text_in_common_encodings_is_text(data: bytes) -> None:
    assert sniff_content_type(data) == TEXT


def test_an_image_is_refused_with_what_we_accept() -> None:
    with pytest.raises(UnsupportedFileType, match="we accept PDF, DOCX or plain text"):
        sniff_content_type(PNG)


@pytest.mark.parametrize(
    "data",
    [
        b"hello\x00world, this has a NUL byte",
        bytes(range(1, 32)) * 20,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy word",
    ],
)
def test_binary_and_legacy_formats_are_refused(data: bytes) -> None:
    with pytest.raises(UnsupportedFileType):
        sniff_content_type(data)


def test_a_zip_without_a_word_document_is_refused(make_zip: ZipMaker) -> None:
    with pytest.raises(UnsupportedFileType, match="not a Word document"):
        sniff_content_type(make_zip({"resume.txt": b"Jane Doe"}))


def test_a_damaged_zip_is_refused() -> None:
    with pytest.raises(UnsupportedFileType, match="damaged"):
        sniff_content_type(b"PK\x03\x04" + b"\x00garbage" * 10)


def test_a_zip_needing_an_unknown_zip_version_is_refused_not_an_error(resume_docx: bytes) -> None:
    # zipfile raises NotImplementedError (not BadZipFile) for a "version needed to extract" it does not know.
    data = bytearray(resume_docx)
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (135).to_bytes(2, "little")
    with pytest.raises(UnsupportedFileType, match="damaged"):
        sniff_content_type(bytes(data))


def test_empty_and_blank_files_are_empty() -> None:
    with pytest.raises(EmptyFile):
        sniff_content_type(b"")
    with pytest.raises(EmptyFile):
        sniff_content_type(b"  \n\t \n")


def test_a_zip_bomb_is_refused_by_its_expanded_size(make_zip: ZipMaker) -> None:
    # 2 MiB of zeros deflate to a couple of KiB: the archive is tiny, the expansion is not.
    bomb = make_zip({"word/document.xml": b"<w/>", "word/media/zeros.bin": b"\x00" * (2 * 1024 * 1024)})
    assert len(bomb) < 20_000
    with pytest.raises(SuspiciousArchive):
        sniff_content_type(bomb, ArchiveLimits(max_uncompressed_bytes=1024 * 1024))
    assert sniff_content_type(bomb, ArchiveLimits(max_uncompressed_bytes=4 * 1024 * 1024)) == DOCX


def test_a_docx_with_far_more_markup_than_a_resume_is_refused(resume_docx: bytes) -> None:
    # 160 KB of upload could carry 45 MB of XML: minutes of CPU and a gigabyte of parser memory.
    source = zipfile.ZipFile(io.BytesIO(resume_docx))
    document = source.read("word/document.xml")
    body = document.index(b"<w:body>") + len(b"<w:body>")
    paragraphs = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 100_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            content = source.read(entry.filename)
            archive.writestr(entry, document[:body] + paragraphs + document[body:] if content == document else content)
    bloated = buffer.getvalue()
    assert len(bloated) < 100_000

    with pytest.raises(SuspiciousArchive, match="markup"):
        sniff_content_type(bloated)  # 600,000 tags in 3.5 MB of XML
    with pytest.raises(SuspiciousArchive, match="markup"):
        sniff_content_type(bloated, ArchiveLimits(max_markup_tags=10**9, max_markup_bytes=2 * 1024 * 1024))
    assert sniff_content_type(bloated, ArchiveLimits(max_markup_tags=10**9)) == DOCX
    # A real resume, styles and all, is far below the limits.
    assert sniff_content_type(resume_docx, ArchiveLimits(max_markup_tags=40_000, max_markup_bytes=1024**2)) == DOCX


def test_an_archive_with_too_many_entries_is_refused(make_zip: ZipMaker) -> None:
    entries = {f"word/part{index}.xml": b"<x/>" for index in range(50)}
    entries["word/document.xml"] = b"<w/>"
    with pytest.raises(SuspiciousArchive, match="too many entries"):
        sniff_content_type(make_zip(entries), ArchiveLimits(max_entries=20))
