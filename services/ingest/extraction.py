"""Getting text (and hyperlink targets) out of a stored resume file: PDF, DOCX or plain text.

Every function here blocks and may spend real CPU: call `extract_document` through
`asyncio.to_thread`. A file we cannot read raises `ExtractionFailed` with a code and a sentence a
person understands; the parsers are third-party code fed with untrusted bytes, so any exception
they raise is treated as a property of the file, never as a reason to retry.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import docx
import pymupdf
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph

from services.ingest.domain.filetypes import DOCX, PDF, TEXT
from services.ingest.domain.layout import TextLine, join_hyphenated, reading_order
from services.ingest.domain.text import decode_text, letter_count, normalise_text

# Expand ligatures, join words hyphenated across lines ("Devel-\noping"), ignore text outside the page.
_PDF_TEXT_FLAGS = pymupdf.TEXT_DEHYPHENATE | pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_PRESERVE_WHITESPACE
# Fewer letters than this is no resume: a scanned image with a page number, or an empty template.
MIN_LETTERS = 20
_MAX_TABLE_DEPTH = 5
# A long resume has a few thousand lines; a document with far more is read only that far (and flagged
# as truncated), so crafted markup cannot keep a parser busy for minutes.
_MAX_DOCX_LINES = 20_000
# Headers repeat from section to section; a document with thousands of sections is not a resume.
_MAX_HEADER_SECTIONS = 10
# PyMuPDF does not support concurrent use from several threads; parses are sequential per consumer
# today, and this keeps it safe if more run at once.
_PDF_LOCK = threading.Lock()


class ExtractionFailed(Exception):
    """The file cannot give us text; `code` is machine-readable, `message` is for a person."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ExtractedDocument:
    """The normalised text of a file and the hyperlinks it carries."""

    text: str
    links: tuple[str, ...] = ()
    page_count: int | None = None
    pages_read: int | None = None
    truncated: bool = False

    def facts(self) -> dict[str, Any]:
        """What is worth keeping about the extraction itself."""
        return {"page_count": self.page_count, "pages_read": self.pages_read, "truncated": self.truncated}


def extract_document(data: bytes, content_type: str, *, max_pages: int, max_text_chars: int) -> ExtractedDocument:
    """Extract the text of a PDF, DOCX or plain-text file; raises `ExtractionFailed` for a bad file."""
    if content_type == PDF:
        with _PDF_LOCK:
            document = _extract_pdf(data, max_pages=max_pages)
    elif content_type == DOCX:
        document = _extract_docx(data, max_chars=max_text_chars)
    elif content_type == TEXT:
        document = ExtractedDocument(text=decode_text(data))
    else:
        raise ExtractionFailed("unsupported_file_type", f"we cannot read files of type {content_type}")
    text = normalise_text(document.text)
    truncated = document.truncated
    if len(text) > max_text_chars:
        text, truncated = text[:max_text_chars], True
    if letter_count(text) < MIN_LETTERS:
        raise ExtractionFailed("empty_text", _no_text_message(content_type))
    return ExtractedDocument(
        text=text,
        links=document.links,
        page_count=document.page_count,
        pages_read=document.pages_read,
        truncated=truncated,
    )


def _no_text_message(content_type: str) -> str:
    if content_type == PDF:
        return (
            "we found no text in this PDF: it may be a scanned image. "
            "Upload a PDF with selectable text, a DOCX or a plain-text file"
        )
    return "we found no text in this file"


def _extract_pdf(data: bytes, *, max_pages: int) -> ExtractedDocument:
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")  # type: ignore[no-untyped-call]
    except Exception as exc:
        raise ExtractionFailed("corrupt", "this PDF is damaged and cannot be read") from exc
    with pdf:
        # PyMuPDF already tried the empty password: this one really needs a password.
        if pdf.needs_pass:
            raise ExtractionFailed("encrypted", "this PDF is password-protected: upload a copy without a password")
        try:
            page_count = pdf.page_count
            pages_read = min(page_count, max_pages)
            texts: list[str] = []
            links: list[str] = []
            for number in range(pages_read):
                page = pdf[number]
                texts.append(_page_text(page))
                links.extend(str(link["uri"]) for link in page.get_links() if link.get("uri"))
        except Exception as exc:
            raise ExtractionFailed("corrupt", "this PDF is damaged and cannot be read") from exc
    if page_count == 0:
        raise ExtractionFailed("corrupt", "this PDF has no pages")
    return ExtractedDocument(
        text="\n".join(texts),
        links=tuple(links),
        page_count=page_count,
        pages_read=pages_read,
        truncated=page_count > pages_read,
    )


def _page_text(page: Any) -> str:
    """A page's text in reading order, by position rather than drawing order (see `domain.layout`)."""
    lines: list[TextLine] = []
    for block in page.get_text("dict", flags=_PDF_TEXT_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            spans = line["spans"]
            text = "".join(span["text"] for span in spans)
            if text.strip():
                x0, y0, x1, y1 = line["bbox"]
                size = max(span["size"] for span in spans)
                lines.append(TextLine(x0, y0, x1, y1, text, size, baseline=spans[0]["origin"][1]))
    return "\n".join(join_hyphenated(reading_order(lines, page.rect.width)))


def _extract_docx(data: bytes, *, max_chars: int) -> ExtractedDocument:
    try:
        document = docx.Document(io.BytesIO(data))
        lines, truncated = _take_lines(_docx_lines(document), max_chars=max_chars)
        links = tuple(
            str(rel.target_ref)
            for rel in document.part.rels.values()
            if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK and rel.is_external
        )
    except Exception as exc:
        raise ExtractionFailed("corrupt", "this Word document is damaged and cannot be read") from exc
    return ExtractedDocument(text="\n".join(lines), links=links, truncated=truncated)


def _docx_lines(document: Any) -> Iterator[str]:
    # Templates often put the name and contact details in the page header.
    for section in islice(document.sections, _MAX_HEADER_SECTIONS):
        for header in (section.first_page_header, section.header):
            if not header.is_linked_to_previous:
                yield from _block_lines(header.iter_inner_content())
    yield from _block_lines(document.iter_inner_content())


def _take_lines(lines: Iterator[str], *, max_chars: int) -> tuple[list[str], bool]:
    """The lines up to `max_chars` of text (or `_MAX_DOCX_LINES` lines), and whether any were left out.

    Stopping early, rather than cutting the joined text, keeps a document of a million paragraphs cheap.
    """
    taken: list[str] = []
    chars = 0
    for line in lines:
        if chars > max_chars or len(taken) >= _MAX_DOCX_LINES:
            return taken, True
        taken.append(line)
        # Blank lines and padding are squeezed out by normalisation: they do not use up the budget.
        chars += len(line.strip()) + 1
    return taken, False


def _block_lines(blocks: Iterator[Paragraph | Table], depth: int = 0) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif depth < _MAX_TABLE_DEPTH:
            yield from _table_lines(block, depth)


def _table_lines(table: Table, depth: int) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous: Any = None
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans: read it once.
            if cell._tc is previous:
                continue
            previous = cell._tc
            text = "\n".join(_block_lines(cell.iter_inner_content(), depth + 1)).strip()
            if text:
                cells.append(text)
        if cells:
            yield "\t".join(cells)
