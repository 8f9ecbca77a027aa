"""A stored parse is reused only when the current parser made it: older parses lack newer fields."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from services.ingest.domain.profile import PARSER_VERSION
from services.ingest.extraction import ExtractedDocument
from services.ingest.parsing import parse_document, resume_parsed_payload
from services.ingest.settings import IngestSettings
from services.ingest.uploads import PARSER_VERSION_KEY, parse_summary_of, reusable_summary

pytestmark = pytest.mark.unit

TEXT = "Ada Lovelace\nada@example.org\nExperience\nEngineer, Analytical Engines\nJan 2019 – Present\n- Python.\n"


def _summary() -> dict[str, object]:
    parsed = parse_document(ExtractedDocument(text=TEXT), settings=IngestSettings(), today=date(2026, 12, 1))
    payload = resume_parsed_payload(resume_id=uuid.uuid4(), uploaded_by=uuid.uuid4(), file_name=None, parsed=parsed)
    return parse_summary_of(payload)


def test_the_parser_version_is_past_the_one_before_evidence_and_credentials() -> None:
    assert PARSER_VERSION >= 3


def test_a_summary_carries_the_version_of_the_parser_that_made_it() -> None:
    summary = _summary()
    assert summary[PARSER_VERSION_KEY] == PARSER_VERSION
    assert reusable_summary(summary) == summary


@pytest.mark.parametrize("version", [None, 1, 2, PARSER_VERSION - 1, PARSER_VERSION + 1, str(PARSER_VERSION)])
def test_a_summary_from_another_parser_is_not_reused(version: object) -> None:
    summary = _summary()
    if version is None:
        del summary[PARSER_VERSION_KEY]  # stored before versions were kept
    else:
        summary[PARSER_VERSION_KEY] = version
    assert reusable_summary(summary) is None


def test_no_summary_is_not_reused() -> None:
    assert reusable_summary(None) is None
