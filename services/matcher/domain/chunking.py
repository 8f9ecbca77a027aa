"""Splitting a document into chunks the embedding model reads whole.

all-MiniLM-L6-v2 truncates at 256 word pieces; ~200 words stay under that for ordinary English, so
a long resume is read in full as several chunks instead of losing everything after its first page.
"""

from __future__ import annotations

import math

CHUNK_WORDS = 200


def split_into_chunks(text: str, *, max_words: int = CHUNK_WORDS) -> list[str]:
    """`text` as whitespace-normalised chunks of at most `max_words` words, of near-equal size.

    Equal sizes (rather than full chunks and a short remainder) keep a stray last line from weighing
    as much as a whole page when the chunk vectors are averaged. An empty text gives one empty chunk,
    so every document still gets a vector.
    """
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    words = text.split()
    if not words:
        return [""]
    count = math.ceil(len(words) / max_words)
    size, extra = divmod(len(words), count)
    chunks: list[str] = []
    start = 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        chunks.append(" ".join(words[start:end]))
        start = end
    return chunks
