"""Recognising an upload by its bytes (never by its name or declared type), with zip-bomb limits."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Final

from contracts.events.ingest import ResumeContentType
from services.ingest.domain.text import decode_text, looks_binary

PDF: Final = "application/pdf"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT: Final = "text/plain"

ACCEPTED = "we accept PDF, DOCX or plain text"
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
    """How far a DOCX (a ZIP archive) may expand, and how much XML it may hold.

    Images may be large, markup may not: python-docx parses the XML whole, at a few hundred bytes of
    memory per element, so a small upload of highly compressible XML could otherwise take a worker's
    memory and minutes of CPU. A long resume's markup, styles included, is a few tens of thousands
    of tags.
    """

    max_uncompressed_bytes: int = 50 * 1024 * 1024
    max_entries: int = 2000
    max_markup_bytes: int = 8 * 1024 * 1024
    max_markup_tags: int = 400_000


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
    # Judged on the bytes: text with encoding damage ("â\x80¢" for "•") is still text, a binary is not.
    if looks_binary(data):
        raise UnsupportedFileType(f"this file is not a document we can read; {ACCEPTED}")
    if not decode_text(data).strip():
        raise EmptyFile("the file contains only blank space")
    return TEXT


def _check_docx(data: bytes, limits: ArchiveLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_entries(entries, limits)
            tags = _tag_count(archive, [entry for entry in entries if _is_markup(entry)])
    except FileRejected:
        raise
    except Exception as exc:
        # Untrusted bytes: besides BadZipFile, zipfile raises NotImplementedError (a "version needed"
        # or a compression it does not know), ValueError, EOFError, zlib.error... Whatever it raises
        # says the file is unusable.
        raise UnsupportedFileType(f"this ZIP archive is damaged; {ACCEPTED}") from exc
    if tags > limits.max_markup_tags:
        raise SuspiciousArchive("this document holds far more markup than a resume could")


def _check_entries(entries: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    if len(entries) > limits.max_entries:
        raise SuspiciousArchive(f"this archive has too many entries ({len(entries)}) for a resume")
    # Declared sizes are enough: Python's zipfile stops reading a member at its declared size, so
    # a member that lies about its size cannot expand further when python-docx reads it.
    if sum(entry.file_size for entry in entries) > limits.max_uncompressed_bytes:
        raise SuspiciousArchive("this archive expands to far more data than a resume could hold")
    if sum(entry.file_size for entry in entries if _is_markup(entry)) > limits.max_markup_bytes:
        raise SuspiciousArchive("this document holds far more markup than a resume could")
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise UnsupportedFileType(f"this ZIP archive is not a Word document; {ACCEPTED}")


def _is_markup(entry: zipfile.ZipInfo) -> bool:
    return entry.filename.lower().endswith((".xml", ".rels"))


def _tag_count(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> int:
    """How many tags (`<`) the XML entries hold: what parsing them costs, whatever their byte size."""
    count = 0
    for entry in entries:
        with archive.open(entry) as member:
            while chunk := member.read(1024 * 1024):
                count += chunk.count(b"<")
    return count
