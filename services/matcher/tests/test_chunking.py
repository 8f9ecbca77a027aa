"""Splitting texts into chunks the model reads whole."""

import pytest

from services.matcher.domain.chunking import split_into_chunks

pytestmark = pytest.mark.unit


def words(count: int) -> str:
    return " ".join(f"w{index}" for index in range(count))


def test_a_short_text_is_one_chunk_with_whitespace_folded() -> None:
    assert split_into_chunks("  Python\n\tdeveloper   ") == ["Python developer"]


def test_an_empty_text_still_gives_one_chunk() -> None:
    assert split_into_chunks("") == [""]
    assert split_into_chunks(" \n ") == [""]


@pytest.mark.parametrize(
    ("count", "sizes"),
    [(200, [200]), (201, [101, 100]), (600, [200, 200, 200]), (610, [153, 153, 152, 152])],
)
def test_long_texts_split_into_near_equal_chunks_of_at_most_200_words(count: int, sizes: list[int]) -> None:
    chunks = split_into_chunks(words(count))
    assert [len(chunk.split()) for chunk in chunks] == sizes
    # Nothing lost, nothing repeated, order kept.
    assert " ".join(chunks) == words(count)


def test_the_chunk_size_is_configurable_and_must_be_positive() -> None:
    assert split_into_chunks("a b c d e", max_words=2) == ["a b", "c d", "e"]
    with pytest.raises(ValueError, match="at least 1"):
        split_into_chunks("a", max_words=0)
