"""Reading a bulk upload's body to disk: part by part, hashed on the way, never all in memory."""

from __future__ import annotations

import hashlib
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Request
from starlette.types import Message

from services.ingest.bulk_form import read_bulk_form
from talentkit.errors import ApiError

pytestmark = pytest.mark.unit

BOUNDARY = "tc-bulk-boundary"
CHUNK = 64 * 1024


def _part(name: str, filename: str | None, content: bytes) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
    return f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\nContent-Type: text/plain\r\n\r\n".encode() + (
        content + b"\r\n"
    )


def _request(pieces: Iterator[bytes], *, content_type: str = f"multipart/form-data; boundary={BOUNDARY}") -> Request:
    """A request whose body arrives in network-sized chunks, produced only as they are read."""

    def chunks() -> Iterator[bytes]:
        buffer = b""
        for piece in pieces:
            buffer += piece
            while len(buffer) >= CHUNK:
                yield buffer[:CHUNK]
                buffer = buffer[CHUNK:]
        yield buffer

    source = chunks()

    async def receive() -> Message:
        chunk = next(source, None)
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    scope = {"type": "http", "method": "POST", "headers": [(b"content-type", content_type.encode())]}
    return Request(scope, receive)


def _file(number: int, size: int) -> bytes:
    line = f"resume {number} ".encode()
    return (line * (size // len(line) + 1))[:size]


async def test_files_go_to_disk_one_by_one_with_their_digest(tmp_path: Path) -> None:
    files = [_file(n, 1000 * (n + 1)) for n in range(3)]
    body = iter(
        [
            _part("note", None, b"ignored"),
            *(_part("files", f"dir/cv-{n}.txt", data) for n, data in enumerate(files)),
            _part("files", "huge.txt", b"x" * 5000),
            f"--{BOUNDARY}--\r\n".encode(),
        ]
    )
    staged = await read_bulk_form(_request(body), tmp_path, max_files=10, max_file_bytes=4000)
    assert [(s.index, s.filename, s.too_large) for s in staged] == [
        (0, "cv-0.txt", False),
        (1, "cv-1.txt", False),
        (2, "cv-2.txt", False),
        (3, "huge.txt", True),
    ]
    for staged_file, data in zip(staged, files, strict=False):
        assert staged_file.path.read_bytes() == data
        assert staged_file.sha256 == hashlib.sha256(data).hexdigest()
        assert staged_file.size_bytes == len(data)
    assert not staged[3].path.exists(), "a file over the limit is drained, not kept"


async def test_memory_stays_flat_however_many_megabytes_arrive(tmp_path: Path) -> None:
    count, size = 40, 1024 * 1024

    def body() -> Iterator[bytes]:
        for n in range(count):
            yield _part("files", f"cv-{n}.txt", _file(n, size))
        yield f"--{BOUNDARY}--\r\n".encode()

    tracemalloc.start()
    try:
        staged = await read_bulk_form(_request(body()), tmp_path, max_files=count, max_file_bytes=size)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(staged) == count
    assert sum(s.size_bytes for s in staged) == count * size
    # 40 MB went through; what was held at once is a few network chunks and one file being built by the test.
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


END = f"--{BOUNDARY}--\r\n".encode()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ([_part("files", "a.txt", b"a"), _part("files", "b.txt", b"b"), _part("files", "c.txt", b"c"), END], 413, None),
        ([_part("resume", "a.txt", b"a"), END], 422, "invalid_multipart"),
        ([_part("files", "a.txt", b"a" * 50)[:-20]], 422, "invalid_multipart"),
    ],
    ids=["too-many-files", "wrong-field-name", "cut-short"],
)
async def test_bad_bodies_are_refused(tmp_path: Path, body: list[bytes], status: int, code: str | None) -> None:
    with pytest.raises(ApiError) as caught:
        await read_bulk_form(_request(iter(body)), tmp_path, max_files=2, max_file_bytes=100)
    assert caught.value.status == status
    if code:
        assert caught.value.code == code


async def test_only_multipart_is_read(tmp_path: Path) -> None:
    with pytest.raises(ApiError) as caught:
        await read_bulk_form(
            _request(iter([b"{}"]), content_type="application/json"), tmp_path, max_files=2, max_file_bytes=10
        )
    assert caught.value.status == 415
