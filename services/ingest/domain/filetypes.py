"""Recognising an upload by its bytes (never by its name or declared type), with zip-bomb limits."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Final

from contracts.events.ingest import ResumeContentType
from services.ingest.domain.text import control_char_ratio, decode_text

PDF: Final = "application/pdf"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT: Final = "text/plain"

ACCEPTED = "we accept PDF, DOCX or plain text"
# A text file may carry a few stray control characters (form feeds from old editors); a binary has many.
_MAX_CONTROL_RATIO = 0.01
# Formats people often try, recognised only to give a better hint than "unsupported".
_KNOWN_OTHERS: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Word (.doc) files are not supported: save it as DOCX or PDF"),
    (b"\x89PNG\r\n\x1a\n", "images are not accepted"),
    (b"\xff\xd8\xff", "images are not accepted"),
    (b"GIF8", "images are not accepted"),
    (b"{\\rtf", "RTF files are not supported: save it as DOCX or PDF"),
)


class FileRejected(ValueError):
    """An upload we will not store; `code` is machine-readable, the message is for a person."""

    code = "file_rejected"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EmptyFile(FileRejected):
    """The file has no content."""

    code = "empty_file"


class UnsupportedFileType(FileRejected):
    """The bytes are not a PDF, a DOCX or plain text."""

    code = "unsupported_file_type"


class SuspiciousArchive(FileRejected):
    """A DOCX whose archive would expand beyond the limits (a zip bomb, or simply absurd)."""

    code = "suspicious_archive"


@dataclass(frozen=True)
class ArchiveLimits:
    """How far a DOCX (a ZIP archive) may expand."""

    max_uncompressed_bytes: int = 50 * 1024 * 1024
    max_entries: int = 2000


def sniff_content_type(data: bytes, limits: ArchiveLimits | None = None) -> ResumeContentType:
    """The content type of an upload judged from its bytes; raises `FileRejected` for anything else."""
    if not data:
        raise EmptyFile("the file is empty")
    # Readers accept a PDF header anywhere in the first KiB (some generators write junk first).
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        _check_docx(data, limits or ArchiveLimits())
        return DOCX
    for magic, hint in _KNOWN_OTHERS:
        if data.startswith(magic):
            raise UnsupportedFileType(f"{hint}; {ACCEPTED}")
    if b"\x00" in data:
        raise UnsupportedFileType(f"this file is not a document we can read; {ACCEPTED}")
    text = decode_text(data)
    if control_char_ratio(text) > _MAX_CONTROL_RATIO:
        raise UnsupportedFileType(f"this file is not a document we can read; {ACCEPTED}")
    if not text.strip():
        raise EmptyFile("the file contains only blank space")
    return TEXT


def _check_docx(data: bytes, limits: ArchiveLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UnsupportedFileType(f"this ZIP archive is damaged; {ACCEPTED}") from exc
    if len(entries) > limits.max_entries:
        raise SuspiciousArchive(f"this archive has too many entries ({len(entries)}) for a resume")
    # Declared sizes are enough: Python's zipfile stops reading a member at its declared size, so
    # a member that lies about its size cannot expand further when python-docx reads it.
    if sum(entry.file_size for entry in entries) > limits.max_uncompressed_bytes:
        raise SuspiciousArchive("this archive expands to far more data than a resume could hold")
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise UnsupportedFileType(f"this ZIP archive is not a Word document; {ACCEPTED}")
