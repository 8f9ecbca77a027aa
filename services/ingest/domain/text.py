"""Turning bytes and extracted text into clean, comparable Unicode text.

Scraped and copy-pasted resumes often carry encoding damage: UTF-8 read as Windows-1252 and saved
again ("â€¢" or "â\\x80¢" for "•", "Ã©" for "é"), sometimes twice. `ftfy` repairs it where the
damage is unambiguous and leaves real text alone. Damage of that kind is text, not a binary file:
`looks_binary` judges bytes by what binaries contain (NUL bytes, C0 control codes, bytes no text
encoding explains), never by the C1 characters mojibake produces.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Final

import ftfy

# Icon fonts (the phone/LinkedIn glyphs of resume templates) land in the private use area or come out
# as U+FFFD: noise either way.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\ue000-\uf8ff\ufffd]")
# Control characters (C0, DEL and C1) other than the whitespace ones: tab, newlines, form feed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Curly quotes are kept as written (names like "O’Neil", years like "’19"). Control characters and
# NFKC are handled after the repair, below: ftfy would drop a vertical tab that Word uses as a line break.
_FTFY: Final = ftfy.TextFixerConfig(uncurl_quotes=False, remove_control_chars=False, normalization=None, explain=False)

# C0 control bytes that text files do not use: all but tab, line feed, vertical tab, form feed and
# carriage return. Old editors leave a few stray ones; binaries (images, archives, executables) are
# full of them.
_C0_CONTROLS: Final = bytes(code for code in range(0x20) if code not in b"\t\n\v\f\r") + b"\x7f"
_MAX_CONTROL_SHARE = 0.01
# Single-byte code pages a resume that is not UTF-8 is likely written in (Western, Central European,
# Cyrillic, Greek, Turkish, Baltic). Each leaves a few bytes undefined; Latin-1 defines them all, but
# only as C1 controls no text contains, so it explains nothing.
_CODE_PAGES: Final = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257")
# A stray byte in a long file is tolerated; random bytes leave about four per thousand undefined even in
# the best-fitting code page (and are full of C0 controls besides).
_MAX_UNEXPLAINED_SHARE = 0.001
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes) -> str:
    """Decode a plain-text file: UTF-16 with a BOM, UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Latin-1 maps every byte, so this never fails; whether the result is text is judged by `looks_binary`.
    return data.decode("latin-1")


def looks_binary(data: bytes) -> bool:
    """Whether bytes are a binary file rather than text: NUL bytes, many C0 controls, or bytes no encoding explains."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return True
        # A UTF-16 file is NUL bytes throughout (the high byte of ASCII): judge its characters instead.
        return "\x00" in text or _control_share(text.encode("utf-8")) > _MAX_CONTROL_SHARE
    if b"\x00" in data:
        return True
    return _control_share(data) > _MAX_CONTROL_SHARE or _unexplained_share(data) > _MAX_UNEXPLAINED_SHARE


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _C0_CONTROLS))) / len(data)


def _unexplained_share(data: bytes) -> float:
    """The share of bytes that neither UTF-8 nor the best-fitting single-byte code page can decode."""
    if not data:
        return 0.0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return 0.0
    # A single-byte decoding never yields U+FFFD itself: each one counted is an undefined byte.
    fewest = min(data.decode(code_page, errors="replace").count("\ufffd") for code_page in _CODE_PAGES)
    return fewest / len(data)


def repair_mojibake(text: str) -> str:
    """Undo encoding damage (UTF-8 decoded as Latin-1 or Windows-1252, once or twice), where it is that."""
    return ftfy.fix_text(text, _FTFY)


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
