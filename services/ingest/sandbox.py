"""Reading untrusted files in a child process that may use only so much memory and time.

PDF and DOCX parsers are C libraries fed with bytes anyone can upload. A few hundred kilobytes of
compressed drawing operators can make PyMuPDF take gigabytes and minutes: in the service process
that kills the service (and, redelivered, kills it again). In the child, the same file hits the
child's memory limit or the time limit, and becomes a failed parse (`too_complex`) like any other
unreadable file. The child is started on first use and reused; one that failed is replaced.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import re
import resource
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import pymupdf

from services.ingest.domain.filetypes import PDF
from services.ingest.extraction import ExtractedDocument, ExtractionFailed, extract_document

_TOO_COMPLEX = "this file is too complex to read (it would take too much memory or time): upload a simpler PDF or DOCX"
_START_SECONDS = 60.0
# The child's answer when a file took more memory than it may have (it then exits).
_GAVE_UP = ("failed", ("too_complex", _TOO_COMPLEX))


class ExtractionSandbox:
    """`extract_document` in a child process limited to `memory_bytes` of data and `timeout_seconds` per file."""

    def __init__(self, *, memory_bytes: int, timeout_seconds: float) -> None:
        self.memory_bytes = memory_bytes
        self.timeout_seconds = timeout_seconds
        # Spawned, not forked: the service process has threads (a fork could copy a held lock).
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()

    def extract(self, data: bytes, content_type: str, *, max_pages: int, max_text_chars: int) -> ExtractedDocument:
        """The file's text, as `extract_document` gives it (blocking: call it in a thread); one child at a time."""
        with self._lock:
            connection = self._running()
            try:
                connection.send((data, content_type, max_pages, max_text_chars))
                answered = connection.poll(self.timeout_seconds)
                reply = connection.recv() if answered else None
            except (EOFError, OSError):
                reply = None  # the child died: its memory limit, or the system's out-of-memory killer
            if reply is None or reply == _GAVE_UP:
                self._stop()  # dead, stuck, or ending itself after running out of memory: replaced
                raise ExtractionFailed("too_complex", _TOO_COMPLEX)
        outcome, value = reply
        if outcome == "ok":
            assert isinstance(value, ExtractedDocument)
            return value
        code, message = value
        raise ExtractionFailed(code, message)

    def close(self) -> None:
        """Stop the child (idempotent)."""
        with self._lock:
            self._stop()

    def _running(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection is not None:
            return self._connection
        self._stop()
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, self.memory_bytes), name="ingest-extraction", daemon=True
        )
        process.start()
        child.close()
        # The child says when it is ready: imports take a moment, and must not count against a file.
        try:
            ready = parent.poll(_START_SECONDS) and parent.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            process.kill()
            parent.close()
            raise RuntimeError("the extraction process did not start")
        self._process, self._connection = process, parent
        return parent

    def _stop(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(timeout=5)
            with contextlib.suppress(ValueError):
                process.close()


def _serve(connection: Connection, memory_bytes: int) -> None:
    """The child: extract the files it is sent, one at a time, within its memory limit."""
    # The data segment limit covers the heap and anonymous mappings: what a parser allocates.
    resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    _warm_up()
    connection.send("ready")
    while True:
        try:
            data, content_type, max_pages, max_text_chars = connection.recv()
        except EOFError:
            return
        try:
            document = extract_document(data, content_type, max_pages=max_pages, max_text_chars=max_text_chars)
        except (ExtractionFailed, MemoryError) as exc:
            if not isinstance(exc, ExtractionFailed) or _out_of_memory(exc):
                connection.send(_GAVE_UP)
                return  # whatever the failed allocation left half-built goes with this process
            connection.send(("failed", (exc.code, exc.message)))
        else:
            connection.send(("ok", document))


def _warm_up() -> None:
    """Read a tiny PDF once: PyMuPDF's first page sets up fonts, which is no file's time to pay."""
    pdf: Any = pymupdf.open()  # type: ignore[no-untyped-call]
    pdf.new_page().insert_text((72, 72), "warm up")
    data = pdf.tobytes()
    pdf.close()
    with contextlib.suppress(ExtractionFailed):
        extract_document(data, PDF, max_pages=1, max_text_chars=1000)


# MuPDF reports a failed allocation as a RuntimeError: "code=2: malloc (43368480 bytes) failed".
_ALLOCATION_FAILED = re.compile(r"\b(?:m|re|c)?alloc \(\d+ bytes\) failed")


def _out_of_memory(exc: BaseException) -> bool:
    """Whether a failure came from the memory limit (the extractor reports the file as damaged)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError) or _ALLOCATION_FAILED.search(str(seen)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
