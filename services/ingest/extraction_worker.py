"""The extraction sandbox's child process: reads the files it is sent, within a memory limit, one at a time.

This module is what a freshly spawned child imports first, so it imports nothing heavy at module
level: `serve` first keeps PyMuPDF from loading what text extraction never uses, then imports the
extractor. PyMuPDF 2 imports `pymupdf.layout` (an ONNX layout model, through onnxruntime) and
`pymupdf4llm` (numpy and its OpenBLAS threads) whenever they are installed; together they took
about 150 MB of the child's 256 MB data limit before it had read a single file.

After each file the child collects garbage: a python-docx `Document` is a cycle of objects
(package, parts, relationships) holding whole lxml trees, and the C memory of those trees is
invisible to the collector's thresholds, so without a collection a few dozen DOCX files pile up
until an allocation fails inside libxml2.
"""

from __future__ import annotations

import contextlib
import gc
import re
import resource
import sys
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from services.ingest.extraction import ExtractedDocument

# PyMuPDF imports these only inside `try: ... except ImportError`: a `None` entry makes the import fail.
_UNUSED_PYMUPDF_EXTRAS: Final = ("pymupdf.layout", "pymupdf4llm")
# MuPDF reports a failed allocation as a RuntimeError: "code=2: malloc (43368480 bytes) failed".
_ALLOCATION_FAILED = re.compile(r"\b(?:m|re|c)?alloc \(\d+ bytes\) failed")
# libxml2 has no message to give when it cannot allocate: lxml then says "unknown error" or "None".
_XML_WITHOUT_MEMORY = re.compile(r"^(?:unknown error|None)\b")


@dataclass(frozen=True)
class WorkerReply:
    """The child's answer for one file: its text or its own reason to fail, and the child's memory after it.

    `worker_fault` means the child ran out of memory (a failed allocation, whichever library saw it):
    the file is not known to be bad, and the child has ended itself.
    """

    document: ExtractedDocument | None = None
    failure: tuple[str, str] | None = None
    worker_fault: bool = False
    data_bytes: int | None = None


def serve(connection: Connection, memory_bytes: int) -> None:
    """The child's main loop: extract the files it is sent, one at a time, within its memory limit."""
    for name in _UNUSED_PYMUPDF_EXTRAS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    # Imported here, after the line above, so that PyMuPDF is loaded without its extras.
    from services.ingest.extraction import ExtractionFailed, extract_document

    # The data segment limit covers the heap and anonymous mappings: what a parser allocates.
    resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    _warm_up()
    connection.send(("ready", data_segment_bytes()))
    while True:
        try:
            data, content_type, max_pages, max_text_chars = connection.recv()
        except EOFError:
            return
        try:
            document = extract_document(data, content_type, max_pages=max_pages, max_text_chars=max_text_chars)
        except (ExtractionFailed, MemoryError) as exc:
            if not isinstance(exc, ExtractionFailed) or out_of_memory(exc):
                connection.send(WorkerReply(worker_fault=True))
                return  # whatever the failed allocation left half-built goes with this process
            reply = WorkerReply(failure=(exc.code, exc.message))
        else:
            reply = WorkerReply(document=document)
        del data
        gc.collect()
        connection.send(replace(reply, data_bytes=data_segment_bytes()))


def _warm_up() -> None:
    """Read a tiny PDF once: PyMuPDF's first page sets up fonts, which is no file's time to pay."""
    import pymupdf

    from services.ingest.domain.filetypes import PDF
    from services.ingest.extraction import ExtractionFailed, extract_document

    pdf: Any = pymupdf.open()  # type: ignore[no-untyped-call]
    pdf.new_page().insert_text((72, 72), "warm up")
    data = pdf.tobytes()
    pdf.close()
    with contextlib.suppress(ExtractionFailed):
        extract_document(data, PDF, max_pages=1, max_text_chars=1000)


def data_segment_bytes() -> int | None:
    """This process's data segment (`VmData`: what `RLIMIT_DATA` limits), or None where /proc is absent."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def out_of_memory(exc: BaseException) -> bool:
    """Whether a failure came from an allocation that failed (the extractor reports it as a damaged file)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError) or _ALLOCATION_FAILED.search(str(seen)):
            return True
        if type(seen).__module__.startswith("lxml") and _XML_WITHOUT_MEMORY.match(str(seen)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
