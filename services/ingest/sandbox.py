"""Reading untrusted files in a child process that may use only so much memory and time.

PDF and DOCX parsers are C libraries fed with bytes anyone can upload. A few hundred kilobytes of
compressed drawing operators can make PyMuPDF take gigabytes and minutes: in the service process
that kills the service (and, redelivered, kills it again). In the child, the same file hits the
child's memory limit or the time limit, and becomes a failed parse (`too_complex`) like any other
unreadable file.

The child is started on first use and reused. It is replaced after it failed, after
`max_files_per_worker` files, and once its data segment passes `recycle_memory_share` of the limit:
memory a parser leaves fragmented or cached must not become the next file's failure. When a child
that had already read other files runs out of memory, the file is not known to be at fault: a fresh
child reads it once more before it is called too complex.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Final

from services.ingest.extraction import ExtractedDocument, ExtractionFailed
from services.ingest.extraction_worker import WorkerReply, serve
from talentkit.logs import get_logger

log = get_logger(__name__)

_TOO_COMPLEX = "this file is too complex to read (it would take too much memory or time): upload a simpler PDF or DOCX"
_START_SECONDS = 60.0
_TIMED_OUT: Final = "timed_out"
_WORKER_FAULT: Final = "worker_fault"


class ExtractionSandbox:
    """`extract_document` in a child process limited to `memory_bytes` of data and `timeout_seconds` per file."""

    def __init__(
        self,
        *,
        memory_bytes: int,
        timeout_seconds: float,
        max_files_per_worker: int = 100,
        recycle_memory_share: float = 0.6,
        worker: Callable[[Connection, int], None] = serve,
    ) -> None:
        self.memory_bytes = memory_bytes
        self.timeout_seconds = timeout_seconds
        self.max_files_per_worker = max_files_per_worker
        self.recycle_memory_share = recycle_memory_share
        # The child's main function (module-level, as spawning requires); tests give a scripted one.
        self._worker = worker
        # Observed state, for logs and tests: children started so far, and the current one's memory.
        self.workers_started = 0
        self.worker_data_bytes: int | None = None
        # Spawned, not forked: the service process has threads (a fork could copy a held lock).
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._files_served = 0
        self._lock = threading.Lock()

    def extract(self, data: bytes, content_type: str, *, max_pages: int, max_text_chars: int) -> ExtractedDocument:
        """The file's text, as `extract_document` gives it (blocking: call it in a thread); one child at a time."""
        request = (data, content_type, max_pages, max_text_chars)
        with self._lock:
            self._running()
            fresh = self._files_served == 0
            reply = self._ask(request)
            if reply == _WORKER_FAULT and not fresh:
                # Out of memory after other files: the child's state may be to blame, not this file.
                log.warning("ingest.extraction_retried", content_type=content_type, size_bytes=len(data))
                reply = self._ask(request)
            if not isinstance(reply, WorkerReply):
                raise ExtractionFailed("too_complex", _TOO_COMPLEX)
            self._retire_if_worn(reply)
        if reply.document is not None:
            return reply.document
        code, message = reply.failure or ("corrupt", "this file cannot be read")
        raise ExtractionFailed(code, message)

    def close(self) -> None:
        """Stop the child (idempotent)."""
        with self._lock:
            self._stop()

    def _ask(self, request: tuple[bytes, str, int, int]) -> WorkerReply | str:
        """The child's reply, or why there is none (the child is then stopped: a new one takes the next file)."""
        connection = self._running()
        try:
            connection.send(request)
            answered = connection.poll(self.timeout_seconds)
            reply = connection.recv() if answered else None
        except (EOFError, OSError):
            # The child died: its memory limit hit where no exception could be raised, or the system's
            # out-of-memory killer.
            self._stop()
            return _WORKER_FAULT
        if reply is None:
            self._stop()  # stuck on this file: it had its time
            return _TIMED_OUT
        assert isinstance(reply, WorkerReply)
        if reply.worker_fault:
            self._stop()  # it is ending itself
            return _WORKER_FAULT
        return reply

    def _retire_if_worn(self, reply: WorkerReply) -> None:
        self._files_served += 1
        self.worker_data_bytes = reply.data_bytes
        full = reply.data_bytes is not None and reply.data_bytes > self.recycle_memory_share * self.memory_bytes
        if full or self._files_served >= self.max_files_per_worker:
            log.info(
                "ingest.extraction_worker_recycled",
                files=self._files_served,
                data_bytes=reply.data_bytes,
                reason="memory" if full else "files",
            )
            self._stop()

    def _running(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection is not None:
            return self._connection
        self._stop()
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=self._worker, args=(child, self.memory_bytes), name="ingest-extraction", daemon=True
        )
        process.start()
        child.close()
        # The child says when it is ready: imports take a moment, and must not count against a file.
        try:
            ready = parent.poll(_START_SECONDS) and parent.recv()
        except (EOFError, OSError):
            ready = None
        if not (isinstance(ready, tuple) and ready[0] == "ready"):
            process.kill()
            parent.close()
            raise RuntimeError("the extraction process did not start")
        self._process, self._connection = process, parent
        self._files_served = 0
        self.workers_started += 1
        self.worker_data_bytes = ready[1]
        return parent

    def _stop(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        self._files_served = 0
        if connection is not None:
            connection.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(timeout=5)
            with contextlib.suppress(ValueError):
                process.close()
