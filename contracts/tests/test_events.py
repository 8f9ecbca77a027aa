"""The event catalogue: subjects, names, the envelope, and decoding from the wire."""

from __future__ import annotations

import json
import re
import typing
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from contracts import events
from contracts.envelope import Event
from contracts.registry import BY_SUBJECT, CATALOGUE, EventSpec, UnknownEventError, decode, decode_any, model_for
from contracts.tests.sample_events import sample_event

pytestmark = pytest.mark.unit

SUBJECT = re.compile(r"^talent\.[a-z_]+\.[a-z_]+\.v(\d+)$")
REQUIRED_EVENTS = {
    "UserRegistered",
    "UserDeleted",
    "ResumeUploaded",
    "ResumeParsed",
    "ResumeParseFailed",
    "JobPosted",
    "JobAnalyzed",
    "ApplicationSubmitted",
    "ApplicationStatusChanged",
    "SwipeRecorded",
    "MatchComputed",
    "InterviewScheduled",
    "InterviewCompleted",
}
MODELS = [spec.model for spec in CATALOGUE]


def _ids(model: type[Event]) -> str:
    return model.__name__


def test_every_required_event_is_in_the_catalogue() -> None:
    assert {model.__name__ for model in MODELS} >= REQUIRED_EVENTS


def test_subjects_and_event_types_are_unique() -> None:
    assert len({model.subject for model in MODELS}) == len(MODELS)
    assert len({model.__name__ for model in MODELS}) == len(MODELS)
    assert set(BY_SUBJECT) == {model.subject for model in MODELS}


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_subject_follows_the_naming_rule_and_carries_the_version(model: type[Event]) -> None:
    match = SUBJECT.match(model.subject)
    assert match, f"{model.subject!r} is not talent.<aggregate>.<event>.v<N>"
    assert int(match.group(1)) == model.model_fields["version"].default


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_event_type_literal_is_the_class_name(model: type[Event]) -> None:
    field = model.model_fields["event_type"]
    assert typing.get_origin(field.annotation) is typing.Literal
    assert typing.get_args(field.annotation) == (model.__name__,)
    assert field.default == model.__name__


@pytest.mark.parametrize("spec", CATALOGUE, ids=lambda spec: spec.model.__name__)
def test_each_event_lives_in_the_module_of_its_producer(spec: EventSpec) -> None:
    # One module per producing service: the catalogue and the code layout must agree.
    assert spec.model.__module__ == f"contracts.events.{spec.producer}"
    assert spec.model.__name__ in events.__all__


@pytest.mark.parametrize("spec", CATALOGUE, ids=lambda spec: spec.model.__name__)
def test_audit_consumes_every_event(spec: EventSpec) -> None:
    assert "audit" in spec.consumers
    assert len(set(spec.consumers)) == len(spec.consumers)


def test_build_fills_the_envelope() -> None:
    before = datetime.now(UTC)
    event = events.UserDeleted.build({"user_id": str(uuid.uuid4())}, producer="identity", actor_id="admin-1")
    assert isinstance(event.event_id, uuid.UUID)
    assert event.event_type == "UserDeleted"
    assert event.version == 1
    assert event.producer == "identity"
    assert event.actor_id == "admin-1"
    assert event.occurred_at.tzinfo is not None
    assert before - timedelta(seconds=1) <= event.occurred_at <= datetime.now(UTC) + timedelta(seconds=1)
    # An event that starts a flow correlates with itself.
    assert event.correlation_id == event.event_id
    assert event.causation_id is None


def test_build_keeps_a_given_correlation_and_causation() -> None:
    cause = events.UserRegistered.build(
        {"user_id": str(uuid.uuid4()), "email": "a@example.com", "role": "candidate"}, producer="identity"
    )
    effect = events.UserDeleted.build(
        {"user_id": str(cause.payload.user_id)},
        producer="identity",
        correlation_id=cause.correlation_id,
        causation_id=cause.event_id,
    )
    assert effect.correlation_id == cause.event_id
    assert effect.causation_id == cause.event_id
    assert effect.event_id != cause.event_id


def test_each_build_gets_a_fresh_id() -> None:
    payload = {"user_id": str(uuid.uuid4())}
    first = events.UserDeleted.build(payload, producer="identity")
    second = events.UserDeleted.build(payload, producer="identity")
    assert first.event_id != second.event_id


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_json_round_trip_through_decode(model: type[Event]) -> None:
    event = sample_event(model)
    decoded = decode(model.subject, event.to_json())
    assert type(decoded) is model
    assert decoded == event


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_decode_any_keeps_the_envelope_and_the_payload_as_data(model: type[Event]) -> None:
    event = sample_event(model)
    envelope = decode_any(event.to_json())
    assert envelope.event_id == event.event_id
    assert envelope.event_type == model.__name__
    assert envelope.payload == json.loads(event.to_json())["payload"]


def test_decode_of_an_unknown_subject_raises() -> None:
    data = sample_event(events.UserDeleted).to_json()
    with pytest.raises(UnknownEventError, match="talent.user.renamed.v1"):
        decode("talent.user.renamed.v1", data)
    with pytest.raises(UnknownEventError):
        model_for("talent.user.deleted.v2")


def test_decode_rejects_invalid_data() -> None:
    body = json.loads(sample_event(events.MatchComputed).to_json())
    body["payload"]["score"] = 150
    with pytest.raises(ValidationError):
        decode(events.MatchComputed.subject, json.dumps(body).encode())


def test_decode_rejects_an_event_of_another_type_on_a_subject() -> None:
    data = sample_event(events.UserRegistered).to_json()
    with pytest.raises(ValidationError):
        decode(events.UserDeleted.subject, data)


@pytest.mark.parametrize("model", MODELS, ids=_ids)
def test_unknown_fields_from_a_newer_producer_are_ignored(model: type[Event]) -> None:
    event = sample_event(model)
    body = json.loads(event.to_json())
    body["trace_flags"] = "01"
    body["payload"]["added_in_a_later_release"] = {"nested": [1, 2, 3]}
    decoded = decode(model.subject, json.dumps(body).encode())
    assert decoded == event
    assert "added_in_a_later_release" not in decoded.payload.model_dump()
