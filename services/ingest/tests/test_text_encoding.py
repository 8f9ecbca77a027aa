"""Plain-text uploads: encoding damage is repaired and accepted, binaries are refused by what they contain."""

from __future__ import annotations

import csv
import random
from functools import cache

import pytest

from services.ingest.domain.filetypes import TEXT, UnsupportedFileType, sniff_content_type
from services.ingest.domain.text import looks_binary, normalise_text, repair_mojibake
from services.ingest.extraction import extract_document
from services.ingest.tests.conftest import SHARED_DATA

pytestmark = pytest.mark.unit

KAGGLE = SHARED_DATA / "resume-categories" / "UpdatedResumeDataSet.csv"


@cache
def kaggle_resumes() -> tuple[str, ...]:
    if not KAGGLE.is_file():
        pytest.skip(f"shared data not available: {KAGGLE}")
    with KAGGLE.open(encoding="utf-8", newline="") as handle:
        return tuple(row["Resume"] for row in csv.DictReader(handle))


def test_every_kaggle_resume_is_accepted_as_text_and_extracted_without_mojibake() -> None:
    resumes = kaggle_resumes()
    assert len(resumes) == 962
    damaged = [text for text in resumes if "â\x80" in text]
    # The rows that used to be refused: their damage put C1 characters ("\x80") in valid UTF-8.
    assert len(damaged) > 100
    for text in resumes:
        data = text.encode("utf-8")
        assert sniff_content_type(data) == TEXT
        extracted = extract_document(data, TEXT, max_pages=20, max_text_chars=200_000).text
        assert "â\x80" not in extracted
        assert not any("\x80" <= char <= "\x9f" for char in extracted)
    assert any(
        "•" in extract_document(text.encode(), TEXT, max_pages=1, max_text_chars=200_000).text for text in damaged
    )


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("SKILLS â\x80¢ Java â€¢ Python", "SKILLS • Java • Python"),
        ("NaÃ¯ve Bayes, cafÃ© â€“ bar", "Naïve Bayes, café – bar"),
        ("Ã¢â‚¬Â¢ Kubernetes", "• Kubernetes"),  # damaged twice
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        ("MÃ¼ller â€™19", "Müller ’19"),  # curly quotes are kept as written
        ("Crème brûlée in São Paulo", "Crème brûlée in São Paulo"),  # real accents are left alone
    ],
)
def test_mojibake_is_repaired_and_real_text_left_alone(damaged: str, repaired: str) -> None:
    assert repair_mojibake(damaged) == repaired


def test_normalisation_keeps_line_breaks_written_as_vertical_tabs() -> None:
    assert normalise_text("Jane Doe\vPython developer\x0cSkills") == "Jane Doe\nPython developer\nSkills"


@pytest.mark.parametrize(
    "data",
    [
        "Zoë Müller\r\nDéveloppeuse Python\r\n".encode("utf-16"),  # Notepad's "Unicode": NUL bytes throughout
        "Иван Петров\nИнженер-программист, Python\n".encode("cp1251"),
        "Łukasz Żółć\nInżynier oprogramowania\n".encode("cp1250"),
        "José Müller, Köln – “Senior” engineer\n".encode("cp1252"),
        b"Jane Doe\nPython developer\x81 with one stray byte in a long line of text " + b"and more text " * 100,
        b"Old editor\x1a file with a form\x0cfeed and an end-of-file mark " + b"and words " * 20,
    ],
)
def test_text_in_any_common_encoding_is_text(data: bytes) -> None:
    assert not looks_binary(data)
    assert sniff_content_type(data) == TEXT


def _random_bytes(size: int, low: int = 0, high: int = 256) -> bytes:
    generator = random.Random(size * 1000 + low)
    return bytes(generator.randrange(low, high) for _ in range(size))


@pytest.mark.parametrize(
    "data",
    [
        _random_bytes(4000),
        _random_bytes(4000, low=1),  # no NUL byte, but C0 controls everywhere
        _random_bytes(4000, low=0x80),  # no control byte at all, but bytes no code page defines
        b"resume text\x00with a NUL",
        b"\x1b[31m\x01\x02\x03\x04\x05\x06 escape codes and controls " * 3,
        b"\xff\xfe" + "Zoë Müller".encode("utf-16-le") + b"\x00\xd8",  # UTF-16 ending in a lone surrogate
    ],
)
def test_binaries_are_refused(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(UnsupportedFileType):
        sniff_content_type(data)
