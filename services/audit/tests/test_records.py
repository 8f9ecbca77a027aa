"""What the audit log keeps of an event, and how pages are cut."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import pytest
from pydantic import ValidationError

from contracts.events import ResumeParseFailed
from contracts.events.ingest import ResumeParseFailedPayload
from services.audit.domain.pages import cut_page
from services.audit.domain.records import ObservedEvent, audit_record, observe

pytestmark = pytest.mark.unit


def test_an_unknown_event_keeps_its_subject_and_raw_payload() -> None:
    event_id = uuid.uuid4()
    data = json.dumps(
        {
            "event_id": str(event_id),
            "event_type": "SomethingNew",
            "version": 3,
            "occurred_at": "2026-11-21T10:00:00Z",
            "producer": "future",
            "actor_id": "u-1",
            "payload": {"nested": {"list": [1, 2]}},
            "a_new_envelope_field": True,
        }
    ).encode()
    event = observe("talent.something.new.v3", data)
    assert isinstance(event, ObservedEvent)
    record = audit_record(event)
    assert record["subject"] == "talent.something.new.v3"
    assert record["event_id"] == event_id
    assert record["event_type"] == "SomethingNew"
    assert record["version"] == 3
    assert record["actor_id"] == "u-1"
    assert record["payload"] == {"nested": {"list": [1, 2]}}


def test_a_message_without_an_envelope_is_refused() -> None:
    with pytest.raises(ValidationError):
        observe("talent.x.y.v1", b'{"payload": {}}')


def test_a_typed_event_is_recorded_with_its_contract_subject_and_json_payload() -> None:
    resume_id = uuid.uuid4()
    event = ResumeParseFailed.build(
        ResumeParseFailedPayload(resume_id=resume_id, uploaded_by=uuid.uuid4(), code="corrupt", reason="unreadable"),
        producer="ingest",
    )
    record = audit_record(event)
    assert record["subject"] == ResumeParseFailed.subject
    assert record["payload"]["resume_id"] == str(resume_id)
    assert record["correlation_id"] == event.event_id


@dataclass
class Row:
    seq: int


def test_a_full_page_points_at_the_next_one() -> None:
    rows = [Row(9), Row(7), Row(4)]
    page, next_before = cut_page(rows, 2)
    assert [r.seq for r in page] == [9, 7]
    assert next_before == 7


@pytest.mark.parametrize("fetched", [[], [Row(5)], [Row(5), Row(3)]])
def test_the_last_page_has_no_cursor(fetched: list[Row]) -> None:
    page, next_before = cut_page(fetched, 2)
    assert page == fetched
    assert next_before is None
