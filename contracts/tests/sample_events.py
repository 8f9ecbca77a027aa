"""Valid example events for every contract, synthesised from the models' JSON schemas."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from contracts.envelope import Event

FIXED_UUID = "7b0c6f0e-3a51-4c55-9d7e-2f1f7a3c9b11"
FIXED_TIME = "2026-03-04T05:06:07Z"


def sample_event(model: type[Event]) -> Event:
    """An event of type `model` with every payload field filled (optional ones too, non-null)."""
    schema = model.model_json_schema()
    payload_schema = _resolve(schema["properties"]["payload"], schema)
    payload = _sample(payload_schema, schema)
    return model.build(payload, producer="sample", actor_id=str(uuid.UUID(FIXED_UUID)))


def _sample(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Any:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return _sample(options[0], root)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][-1]
    kind = schema.get("type")
    if kind == "object":
        if "properties" in schema:
            return {name: _sample(field, root) for name, field in schema["properties"].items()}
        extra = schema.get("additionalProperties")
        return {"some_key": _sample(extra, root)} if isinstance(extra, dict) else {}
    if kind == "array":
        items = schema.get("items")
        return [_sample(items, root)] if isinstance(items, dict) else []
    if kind == "string":
        return {"uuid": FIXED_UUID, "date-time": FIXED_TIME, "email": "someone@example.com"}.get(
            schema.get("format", ""), "text"
        )
    if kind == "integer":
        return int(schema.get("minimum", 0)) + 1
    if kind == "number":
        low, high = schema.get("minimum", 0.0), schema.get("maximum", 100.0)
        return (low + high) / 2
    if kind == "boolean":
        return True
    return None


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: Mapping[str, Any] = root["$defs"][ref.removeprefix("#/$defs/")]
        return resolved
    return schema
