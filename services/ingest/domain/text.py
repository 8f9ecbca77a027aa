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
# UTF-8 read as Latin-1 or Windows-1252 ("â€¢" or "â\x80¢" for "•", "Ã©" for "é"): a lead byte
# followed by continuation bytes, each shown as the character that byte is in those encodings.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]+")


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


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1 or Windows-1252 ("â€¢" back to "•"), where it is that."""
    return _MOJIBAKE.sub(_redecode, text)


def _redecode(match: re.Match[str]) -> str:
    raw = bytearray()
    for char in match.group(0):
        raw.extend(char.encode("cp1252") if char in _CP1252_HIGH else bytes([ord(char)]))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)  # not a UTF-8 sequence after all: real text such as "Â»"


def normalise_text(text: str) -> str:
    """Repaired mojibake, NFKC (ligatures, full-width forms), Unix newlines, no invisible or control characters."""
    text = unicodedata.normalize("NFKC", repair_mojibake(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def letter_count(text: str) -> int:
    """How many letters `text` has (judges whether an extraction found any real text)."""
    return sum(1 for char in text if char.isalpha())
