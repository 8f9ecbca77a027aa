import pytest

from services.ingest.domain.filetypes import DOCX, PDF, TEXT
from services.ingest.extraction import ExtractionFailed, extract_document
from services.ingest.tests.conftest import PdfMaker, SampleReader

pytestmark = pytest.mark.unit


def extract(data: bytes, content_type: str, *, max_pages: int = 20, max_text_chars: int = 200_000) -> str:
    return extract_document(data, content_type, max_pages=max_pages, max_text_chars=max_text_chars).text


def test_pdf_text_and_hyperlinks_come_out(sample_pdf: SampleReader) -> None:
    document = extract_document(sample_pdf("barry_allen_fe.pdf"), PDF, max_pages=20, max_text_chars=200_000)
    assert document.text.startswith("Barry Allen")
    assert "Vue.js, Node.js, Express.js" in document.text
    assert "https://github.com/bwayne" in document.links
    assert document.page_count == document.pages_read == 1


def test_words_hyphenated_across_lines_are_joined(sample_pdf: SampleReader) -> None:
    text = extract(sample_pdf("alfred_pennyworth_pm.pdf"), PDF)
    assert "Developing product strategies" in text
    assert "Devel-" not in text


def test_pages_beyond_the_cap_are_not_read(sample_pdf: SampleReader) -> None:
    document = extract_document(sample_pdf("john_doe.pdf"), PDF, max_pages=1, max_text_chars=200_000)
    assert (document.page_count, document.pages_read, document.truncated) == (2, 1, True)
    assert len(document.text) < len(extract(sample_pdf("john_doe.pdf"), PDF))


def test_docx_paragraphs_tables_header_and_links(resume_docx: bytes) -> None:
    document = extract_document(resume_docx, DOCX, max_pages=20, max_text_chars=200_000)
    lines = document.text.splitlines()
    assert lines[0] == "Jane Q. Smith", "the page header comes first"
    assert "Infrastructure\tKubernetes, Terraform and PostgreSQL" in lines
    assert "https://www.linkedin.com/in/janesmith" in document.links


def test_plain_text_is_decoded_and_normalised() -> None:
    text = extract("Zoë Müller\r\nﬁnance \ufeffanalyst with Python and SQL skills\r\n".encode("cp1252", "ignore"), TEXT)
    assert text.startswith("Zoë Müller\n")


def test_ligatures_become_letters() -> None:
    assert "finance" in extract("Jane Doe\nﬁnance analyst, Python and SQL developer".encode(), TEXT)


def test_a_corrupt_pdf_fails_with_a_reason() -> None:
    with pytest.raises(ExtractionFailed) as failure:
        extract(b"%PDF-1.7\n" + b"\x8f\x00 this is not a pdf body" * 40, PDF)
    assert failure.value.code == "corrupt"
    assert "damaged" in failure.value.message


def test_an_encrypted_pdf_fails_with_a_reason(make_pdf: PdfMaker) -> None:
    with pytest.raises(ExtractionFailed) as failure:
        extract(make_pdf("Jane Doe, Python developer with many skills", password="secret"), PDF)
    assert failure.value.code == "encrypted"
    assert "password" in failure.value.message


def test_a_pdf_with_only_an_image_has_no_text(make_pdf: PdfMaker) -> None:
    with pytest.raises(ExtractionFailed) as failure:
        extract(make_pdf(None), PDF)
    assert failure.value.code == "empty_text"
    assert "scanned image" in failure.value.message


def test_a_generated_pdf_with_text_is_read(make_pdf: PdfMaker) -> None:
    assert "Python developer" in extract(make_pdf("Jane Doe, Python developer with many skills"), PDF)


def test_a_corrupt_docx_fails_with_a_reason() -> None:
    with pytest.raises(ExtractionFailed) as failure:
        extract(b"PK\x03\x04 not really a zip", DOCX)
    assert failure.value.code == "corrupt"


def test_text_beyond_the_cap_is_dropped() -> None:
    document = extract_document(("word " * 10_000).encode(), TEXT, max_pages=20, max_text_chars=1000)
    assert len(document.text) == 1000
    assert document.truncated
