"""The generated AsyncAPI document and event catalogue page: up to date, complete and well formed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from contracts import asyncapi
from contracts.envelope import Event, Payload
from contracts.registry import CATALOGUE, EventSpec, dead_letter_subject
from contracts.tests.sample_events import sample_event

pytestmark = pytest.mark.unit

COMPONENT_KEY = re.compile(r"^[a-zA-Z0-9.\-_]+$")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return asyncapi.build_document()


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _pointer(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"{ref} is not a local reference"
    target: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(target, dict), f"{ref} does not resolve"
        assert part in target, f"{ref} does not resolve (no {part!r})"
        target = target[part]
    return target


def test_committed_asyncapi_yaml_is_up_to_date() -> None:
    committed = asyncapi.ASYNCAPI_PATH.read_text(encoding="utf-8") if asyncapi.ASYNCAPI_PATH.exists() else ""
    assert committed == asyncapi.render_yaml(asyncapi.build_document()), (
        f"contracts/asyncapi.yaml is stale: {asyncapi.REGENERATE_HINT}"
    )


def test_committed_events_doc_is_up_to_date() -> None:
    path = asyncapi.EVENTS_DOC_PATH
    committed = path.read_text(encoding="utf-8") if path.exists() else ""
    assert committed == asyncapi.render_markdown(asyncapi.build_document()), (
        f"docs/events.md is stale: {asyncapi.REGENERATE_HINT}"
    )


def test_generation_is_deterministic() -> None:
    first = asyncapi.render_yaml(asyncapi.build_document())
    second = asyncapi.render_yaml(asyncapi.build_document())
    assert first == second
    assert yaml.safe_load(first) == asyncapi.build_document()


def test_top_level_shape(document: dict[str, Any]) -> None:
    assert document["asyncapi"] == "3.0.0"
    assert document["info"]["title"] == "Talent Connect events"
    assert document["info"]["version"] == "1.0.0"
    description = document["info"]["description"]
    for fact in ("at least once", "Nats-Msg-Id", "deadletter.<service>.<subject>", "event_id"):
        assert fact.lower() in description.lower()
    assert {"channels", "operations", "components", "servers"} <= set(document)
    assert document["servers"]["nats"]["protocol"] == "nats"


def test_there_is_a_channel_per_event_at_its_subject(document: dict[str, Any]) -> None:
    channels = document["channels"]
    assert len(channels) == len(CATALOGUE)
    for spec in CATALOGUE:
        channel = channels[spec.model.__name__]
        assert channel["address"] == spec.model.subject
        assert list(channel["messages"]) == [spec.model.__name__]


def test_every_ref_resolves(document: dict[str, Any]) -> None:
    refs = list(_refs(document))
    assert len(refs) > 50
    for ref in refs:
        _pointer(document, ref)
    assert "$defs" not in json.dumps(document), "a $defs reference was not hoisted into components"


def test_component_keys_are_valid_identifiers(document: dict[str, Any]) -> None:
    for section in document["components"].values():
        for key in section:
            assert COMPONENT_KEY.match(key), key
    for key in [*document["channels"], *document["operations"]]:
        assert COMPONENT_KEY.match(key), key


def test_operations_send_for_the_producer_and_receive_for_each_consumer(document: dict[str, Any]) -> None:
    operations = document["operations"]
    expected = set()
    for spec in CATALOGUE:
        name = spec.model.__name__
        expected.add(f"{spec.producer}.send.{name}")
        expected |= {f"{consumer}.receive.{name}" for consumer in spec.consumers}
    assert set(operations) == expected
    for operation_id, operation in operations.items():
        service, action, name = operation_id.split(".")
        assert operation["action"] == action
        assert operation["channel"] == {"$ref": f"#/channels/{name}"}
        # AsyncAPI 3: an operation's messages must be messages of its channel.
        for message in operation["messages"]:
            assert message["$ref"].startswith(f"#/channels/{name}/messages/")
        if action == "receive":
            subject = document["channels"][name]["address"]
            assert dead_letter_subject(service, subject) in operation["description"]


def test_message_payload_is_the_model_schema(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for spec in CATALOGUE:
        name = spec.model.__name__
        message = document["components"]["messages"][name]
        assert message["payload"] == {"$ref": f"#/components/schemas/{name}"}
        assert message["contentType"] == "application/json"
        expected = spec.model.model_json_schema(mode="serialization")
        expected.pop("$defs", None)
        actual = schemas[name]
        assert set(actual["properties"]) == set(expected["properties"])
        assert actual.get("required") == expected.get("required")


@pytest.mark.parametrize("spec", CATALOGUE, ids=lambda spec: spec.model.__name__)
def test_real_messages_validate_against_the_document(document: dict[str, Any], spec: EventSpec) -> None:
    name = spec.model.__name__
    validator = Draft202012Validator(
        {"components": document["components"], "$ref": f"#/components/schemas/{name}"},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    wire = json.loads(sample_event(spec.model).to_json())
    assert list(validator.iter_errors(wire)) == []
    # The check is not vacuous: a message missing a required payload field is refused.
    payload_ref = document["components"]["schemas"][name]["properties"]["payload"]["$ref"]
    missing = _pointer(document, payload_ref)["required"][0]
    broken = {**wire, "payload": {key: value for key, value in wire["payload"].items() if key != missing}}
    assert list(validator.iter_errors(broken))


def test_headers_declare_the_dedup_id(document: dict[str, Any]) -> None:
    headers = document["components"]["schemas"][asyncapi.HEADERS_SCHEMA]
    assert headers["required"] == ["Nats-Msg-Id"]


def _first_event() -> type[Event]:
    class Skill(BaseModel):
        name: str

    class FirstThingPayload(Payload):
        skills: list[Skill]

    class FirstThing(Event):
        subject = "talent.test.first.v1"
        event_type: Literal["FirstThing"] = "FirstThing"
        payload: FirstThingPayload

    return FirstThing


def _second_event() -> type[Event]:
    # Another nested model that is also called `Skill`, with a different shape.
    class Skill(BaseModel):
        name: str
        level: int

    class SecondThingPayload(Payload):
        skills: list[Skill]

    class SecondThing(Event):
        subject = "talent.test.second.v1"
        event_type: Literal["SecondThing"] = "SecondThing"
        payload: SecondThingPayload

    return SecondThing


def test_clashing_nested_schema_names_are_kept_apart() -> None:
    first, second = _first_event(), _second_event()
    document = asyncapi.build_document([EventSpec(first, "svc", ()), EventSpec(second, "svc", ())])
    schemas = document["components"]["schemas"]
    assert set(schemas["Skill"]["properties"]) == {"name"}
    assert set(schemas["SecondThing.Skill"]["properties"]) == {"name", "level"}
    second_items = schemas["SecondThingPayload"]["properties"]["skills"]["items"]
    assert second_items == {"$ref": "#/components/schemas/SecondThing.Skill"}
    for ref in _refs(document):
        _pointer(document, ref)
    # Nested models are listed field by field in the catalogue page.
    assert "| `skills[].level` | integer | yes |" in asyncapi.render_markdown(document)


def test_events_doc_lists_every_event_with_its_fields(document: dict[str, Any]) -> None:
    text = asyncapi.render_markdown(document)
    for spec in CATALOGUE:
        assert f"### {spec.model.__name__}" in text
        assert f"`{spec.model.subject}`" in text
        payload = spec.model.model_fields["payload"].annotation
        assert isinstance(payload, type)
        assert issubclass(payload, BaseModel)
        for field in payload.model_fields:
            assert f"| `{field}` |" in text, f"{spec.model.__name__}.{field} missing from docs/events.md"
    for heading in ("## Envelope", "## Delivery guarantees", "## Versioning"):
        assert heading in text
    assert "| `score` | number, 0 to 100 | yes | Overall match score, 0-100. |" in text


def test_check_cli_fails_on_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(asyncapi, "ASYNCAPI_PATH", tmp_path / "asyncapi.yaml")
    monkeypatch.setattr(asyncapi, "EVENTS_DOC_PATH", tmp_path / "docs" / "events.md")
    assert asyncapi.main(["--check"]) == 1
    assert asyncapi.main(["--write"]) == 0
    assert asyncapi.main(["--check"]) == 0
    (tmp_path / "asyncapi.yaml").write_text("asyncapi: 3.0.0\n", encoding="utf-8")
    capsys.readouterr()
    assert asyncapi.main(["--check"]) == 1
    assert "make asyncapi" in capsys.readouterr().err
