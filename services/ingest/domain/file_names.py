"""The name a file was uploaded with, made safe to store and show again."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

MAX_FILE_NAME_CHARS = 255


def safe_file_name(raw: str | bytes | None, *, limit: int = MAX_FILE_NAME_CHARS) -> str | None:
    """The client's file name without folders or control characters, at most `limit` characters; None if empty."""
    if raw is None:
        return None
    name = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    # Browsers send a bare name, some old clients the whole path, with either separator.
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = "".join(" " if unicodedata.category(char).startswith("C") else char for char in name).strip()
    name = name[:limit].rstrip()
    return name if name.strip(".") else None  # "." and ".." name folders, not files
