"""Content-addressed storage of original resume files on a local (or mounted) directory.

A file is named by the sha256 of its bytes, in sharded folders (`ab/cd/<sha>`), never by the
client's filename: nothing a client sends reaches a path, and equal files are stored once.
Every method blocks: call them through `asyncio.to_thread`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")
# Bulk uploads land here before they are checked; a folder left by a crash is removed after this long.
_STAGING = ".staging"
_STALE_STAGING_SECONDS = 24 * 3600


def sha256_of(data: bytes) -> str:
    """The hex sha256 that names `data` in the store."""
    return hashlib.sha256(data).hexdigest()


class FileStore:
    """Original files under `root`, named by content."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def prepare(self) -> None:
        """Create the root folder (private to the service's user: the files hold personal data)."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._remove_stale_staging()

    def new_staging_dir(self) -> Path:
        """A fresh private folder, on the store's file system, for files not yet checked (bulk uploads)."""
        staging = self.root / _STAGING
        staging.mkdir(parents=True, exist_ok=True, mode=0o700)
        return Path(tempfile.mkdtemp(dir=staging, prefix="bulk-"))

    def _remove_stale_staging(self) -> None:
        # Only old folders: another replica sharing the store may be receiving a bulk upload right now.
        staging = self.root / _STAGING
        if not staging.is_dir():
            return
        cutoff = time.time() - _STALE_STAGING_SECONDS
        for entry in staging.iterdir():
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < cutoff:
                    shutil.rmtree(entry, ignore_errors=True)

    def adopt(self, staged: Path, sha256: str) -> None:
        """Move a staged file whose digest is `sha256` into the store (dropping it when the store has it)."""
        path = self.path_for(sha256)
        if path.is_file() and path.stat().st_size == staged.stat().st_size:
            staged.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(staged, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(staged, 0o600)
        # Same file system (the staging folder is inside the root), so the rename is atomic.
        os.replace(staged, path)

    def path_for(self, sha256: str) -> Path:
        """Where the file with this digest lives."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def save(self, data: bytes) -> str:
        """Store `data` (a no-op when it is already there) and return its sha256."""
        sha256 = sha256_of(data)
        path = self.path_for(sha256)
        if path.is_file() and path.stat().st_size == len(data):
            return sha256
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Write beside the target, then rename: a reader never sees a half-written file, even if we crash.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.chmod(tmp_name, 0o600)
            os.replace(tmp_name, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        return sha256

    def read(self, sha256: str) -> bytes:
        """The stored bytes; FileNotFoundError when the file is gone."""
        return self.path_for(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        """Whether a file with this digest is stored."""
        return self.path_for(sha256).is_file()

    def delete(self, sha256: str) -> bool:
        """Remove the file; whether there was one."""
        try:
            self.path_for(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def writable(self) -> bool:
        """Whether the store's folder exists and accepts writes (readiness)."""
        return self.root.is_dir() and os.access(self.root, os.W_OK | os.X_OK)
