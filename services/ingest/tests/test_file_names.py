"""The uploaded file's name as stored: basename only, no control characters, at most 255 characters."""

import pytest

from services.ingest.domain.file_names import MAX_FILE_NAME_CHARS, safe_file_name

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("cv.pdf", "cv.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\My CV.docx", "My CV.docx"),
        ("/home/me/résumé final.pdf", "résumé final.pdf"),
        (b"Zo\xc3\xab M\xc3\xbcller.pdf", "Zoë Müller.pdf"),
        ("evil\r\nname\x00.txt", "evil  name .txt"),
        ("right\u202eto-left.txt", "right to-left.txt"),
        ("  spaced.pdf  ", "spaced.pdf"),
        ("", None),
        ("../", None),
        ("\x00\x01", None),
        (None, None),
    ],
)
def test_file_names_keep_only_the_safe_base_name(raw: str | bytes | None, stored: str | None) -> None:
    assert safe_file_name(raw) == stored


def test_file_names_are_cut_to_the_column_length() -> None:
    name = safe_file_name("a" * 1000 + ".pdf")
    assert name is not None
    assert len(name) == MAX_FILE_NAME_CHARS == 255
