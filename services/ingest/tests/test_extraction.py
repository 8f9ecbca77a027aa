import io
import zipfile
from pathlib import Path

import pytest

from services.ingest import parsing
from services.ingest.domain.filetypes import DOCX, PDF, TEXT
from services.ingest.extraction import ExtractionFailed, extract_document
from services.ingest.resources import IngestResources
from services.ingest.sandbox import ExtractionSandbox
from services.ingest.settings import IngestSettings
from services.ingest.storage import FileStore
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


def _docx_with_paragraphs(docx_bytes: bytes, paragraphs: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    document = source.read("word/document.xml")
    body = document.index(b"<w:body>") + len(b"<w:body>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            content = source.read(entry.filename)
            archive.writestr(entry, document[:body] + paragraphs + document[body:] if content == document else content)
    return buffer.getvalue()


def test_a_docx_is_read_only_as_far_as_the_text_cap_reaches(resume_docx: bytes) -> None:
    # Reading paragraphs costs tens of microseconds each: a document of tens of thousands of them is
    # read up to what is kept (the text cap, or a line count no resume reaches), then flagged.
    many = _docx_with_paragraphs(resume_docx, b"<w:p><w:r><w:t>Python and Go.</w:t></w:r></w:p>" * 30_000)
    capped = extract_document(many, DOCX, max_pages=20, max_text_chars=1_000_000)
    assert capped.truncated
    assert capped.text.count("Python and Go.") == 20_000 - 1  # the page header's line comes first
    short = extract_document(many, DOCX, max_pages=20, max_text_chars=1500)
    assert short.truncated
    assert len(short.text) == 1500
    whole = extract_document(resume_docx, DOCX, max_pages=20, max_text_chars=200_000)
    assert not whole.truncated


def test_a_parser_crash_is_the_files_outcome_not_a_retry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Parsing is pure work on text in hand: retrying an exception gives the same exception, and the
    # resume would stay `parsing` for good once its event is dead-lettered.
    def crash(*_args: object, **_kwargs: object) -> None:
        raise IndexError("a parser bug")

    monkeypatch.setattr(parsing, "parse_profile", crash)
    store = FileStore(tmp_path / "files")
    store.prepare()
    sha256 = store.save(b"Jane Doe\nPython developer with ten years of experience.\n")
    sandbox = ExtractionSandbox(memory_bytes=256 * 1024 * 1024, timeout_seconds=30)
    try:
        with pytest.raises(ExtractionFailed) as failed:
            parsing.analyse_file(
                IngestResources(store=store, sandbox=sandbox),
                sha256=sha256,
                content_type=TEXT,
                settings=IngestSettings(storage_dir=tmp_path),
            )
    finally:
        sandbox.close()
    assert failed.value.code == "unparseable"
    assert isinstance(failed.value.__cause__, IndexError)
