"""Turning bytes and extracted text into clean, comparable Unicode text."""

from __future__ import annotations

import re
import unicodedata

# Icon fonts (the phone/LinkedIn glyphs of resume templates) land in the private use area or come out
# as U+FFFD: noise either way.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\ue000-\uf8ff\ufffd]")
# Control characters (C0, DEL and C1) other than the whitespace ones: tab, newlines, form feed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


def decode_text(data: bytes) -> str:
    """Decode a plain-text file: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Latin-1 maps every byte, so this never fails; whether the result is text is judged by the caller.
    return data.decode("latin-1")


def control_char_ratio(text: str) -> float:
    """The share of characters that are control characters (a binary file decoded as text has many)."""
    if not text:
        return 0.0
    _, count = _CONTROL.subn("", text)
    return count / len(text)


def normalise_text(text: str) -> str:
    """NFKC (ligatures, full-width forms), Unix newlines, no invisible or control characters, tidy blank lines."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def letter_count(text: str) -> int:
    """How many letters `text` has (judges whether an extraction found any real text)."""
    return sum(1 for char in text if char.isalpha())
