"""Generate the AsyncAPI 3.0 document and the event catalogue page from `contracts.registry`.

`python -m contracts.asyncapi --write` rewrites `contracts/asyncapi.yaml` and `docs/events.md`;
`python -m contracts.asyncapi --check` exits 1 when either committed file differs from what the code
generates. Both outputs are deterministic (catalogue order, no timestamps), so a diff means a contract
changed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from contracts.envelope import Event
from contracts.registry import (
    CATALOGUE,
    DEAD_LETTER_PREFIX,
    DEAD_LETTER_STREAM,
    STREAM_NAME,
    STREAM_SUBJECTS,
    EventSpec,
    dead_letter_subject,
)

ASYNCAPI_PATH = Path(__file__).with_name("asyncapi.yaml")
EVENTS_DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "events.md"
REGENERATE_HINT = "run `make asyncapi` (python -m contracts.asyncapi --write) and commit the result"

HEADERS_SCHEMA = "MessageHeaders"
CORRELATION_ID = "eventCorrelation"

# The envelope has no field descriptions in code (it is shared by every event), so they live here.
ENVELOPE_FIELDS: dict[str, str] = {
    "event_id": "Unique id of this event; also sent as the `Nats-Msg-Id` header, so consumers de-duplicate on it.",
    "event_type": "The event's name, e.g. `ResumeParsed`; fixed per subject.",
    "version": "Contract version; equals the `vN` suffix of the subject.",
    "occurred_at": "When the fact happened (UTC, ISO 8601).",
    "producer": "The service that published the event.",
    "correlation_id": "Id shared by every event of one flow; an event that starts a flow uses its own `event_id`.",
    "causation_id": "`event_id` of the event that caused this one, if any.",
    "actor_id": "The user whose request caused the event, if any.",
    "payload": "The event-specific data described per event.",
}

ENVELOPE_TEXT = """\
Every message body is one JSON object: the envelope fields `event_id`, `event_type`, `version`,
`occurred_at`, `producer`, `correlation_id`, `causation_id`, `actor_id`, then `payload`, whose shape
depends on the event. Unknown fields are ignored by readers, so a producer may add optional fields
without breaking older consumers."""

FIELDS_NOTE = """\
In the tables below every field is present in each message (`null` when empty); *Required* means
the producer must set it, because it has no default."""

DELIVERY_TEXT = f"""\
- **At least once.** Producers write the event to a transactional outbox in the same database
  transaction as the state change; a relay publishes it to JetStream (stream `{STREAM_NAME}`,
  subjects `{", ".join(STREAM_SUBJECTS)}`). A crash may publish an event twice, never lose it.
- **De-duplication.** Each publish carries the header `Nats-Msg-Id` = `event_id`; JetStream drops a
  repeat inside its duplicate window, and every consumer also records processed `event_id`s (an
  inbox) or upserts by natural key, so handling is idempotent.
- **Consumers** are durable JetStream pull consumers with explicit ack and bounded redelivery with
  backoff. A message that still fails goes to the dead-letter subject
  `{DEAD_LETTER_PREFIX}.<service>.<subject>` (stream `{DEAD_LETTER_STREAM}`), with the error in headers.
- **Ordering** is per subject as stored in the stream; consumers must not assume order across subjects."""

VERSIONING_TEXT = """\
- Subjects are `talent.<aggregate>.<event>.v<N>`; `N` equals the envelope's `version`.
- Within a version, changes are additive only: a new field must be optional (have a default). Never
  remove, rename or retype a field, make an optional field required, remove an enum value or forbid
  extra properties.
- A breaking change is a new event on a new subject `...v<N+1>`, published alongside `vN` until every
  consumer moved.
- `contracts/schemas/v<N>/<EventType>.json` snapshots each published contract; the compatibility test
  (`python -m contracts.compat`) fails on any breaking change against them."""


def build_document(catalogue: Sequence[EventSpec] = CATALOGUE) -> dict[str, Any]:
    """The AsyncAPI 3.0.0 document for every event in the catalogue."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas: dict[str, Any] = {HEADERS_SCHEMA: _headers_schema()}
    for spec in catalogue:
        name = event_type_of(spec.model)
        _add_event_schemas(name, spec.model, schemas)
        messages[name] = _message(name, spec.model)
        channels[name] = {
            "address": spec.model.subject,
            "title": _title(name),
            "description": _doc_summary(spec.model),
            "messages": {name: {"$ref": f"#/components/messages/{name}"}},
        }
        channel_ref = {"$ref": f"#/channels/{name}"}
        message_refs = [{"$ref": f"#/channels/{name}/messages/{name}"}]
        operations[f"{spec.producer}.send.{name}"] = {
            "action": "send",
            "channel": channel_ref,
            "summary": f"{spec.producer} publishes {name} (through its transactional outbox).",
            "messages": message_refs,
        }
        for consumer in spec.consumers:
            operations[f"{consumer}.receive.{name}"] = {
                "action": "receive",
                "channel": channel_ref,
                "summary": f"{consumer} consumes {name}.",
                "description": (
                    f"Durable JetStream consumer with explicit ack; after bounded retries the message goes "
                    f"to `{dead_letter_subject(consumer, spec.model.subject)}`."
                ),
                "messages": message_refs,
            }
    return {
        "asyncapi": "3.0.0",
        "id": "urn:talent-connect:events",
        "info": {
            "title": "Talent Connect events",
            "version": "1.0.0",
            "description": "\n\n".join(
                [
                    "The events Talent Connect services publish on NATS JetStream, generated from `contracts/`.",
                    "## Envelope\n\n" + ENVELOPE_TEXT,
                    "## Delivery guarantees\n\n" + DELIVERY_TEXT,
                    "## Versioning\n\n" + VERSIONING_TEXT,
                ]
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "nats": {
                "host": "nats:4222",
                "protocol": "nats",
                "description": (
                    f"NATS with JetStream. Stream `{STREAM_NAME}` holds `{', '.join(STREAM_SUBJECTS)}`; "
                    f"stream `{DEAD_LETTER_STREAM}` holds `{DEAD_LETTER_PREFIX}.>`. "
                    "Locally (`make dev`) the server listens on 127.0.0.1:4222."
                ),
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": schemas,
            "messages": messages,
            "correlationIds": {
                CORRELATION_ID: {
                    "description": "Shared by every event of one flow (an upload and everything it causes).",
                    "location": "$message.payload#/correlation_id",
                }
            },
        },
    }


def event_type_of(model: type[Event]) -> str:
    """The `event_type` literal of an event model."""
    return str(model.model_fields["event_type"].default)


def _message(name: str, model: type[Event]) -> dict[str, Any]:
    return {
        "name": name,
        "title": _title(name),
        "summary": _doc_summary(model),
        "contentType": "application/json",
        "headers": {"$ref": f"#/components/schemas/{HEADERS_SCHEMA}"},
        "payload": {"$ref": f"#/components/schemas/{name}"},
        "correlationId": {"$ref": f"#/components/correlationIds/{CORRELATION_ID}"},
    }


def _headers_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["Nats-Msg-Id"],
        "properties": {
            "Nats-Msg-Id": {
                "type": "string",
                "format": "uuid",
                "description": "The event's `event_id`: JetStream de-duplicates publishes on it.",
            }
        },
    }


def _add_event_schemas(name: str, model: type[Event], schemas: dict[str, Any]) -> None:
    """Hoist the model's `$defs` into `schemas` (renamed on a clash) and add the event's own schema."""
    schema = model.model_json_schema(mode="serialization")
    defs: dict[str, Any] = schema.pop("$defs", {})
    renames = _resolve_def_names(name, defs, schemas)
    if name in schemas:
        raise ValueError(f"component schema name {name!r} is used twice; rename the model or the $def")
    schemas[name] = _rewrite_refs(schema, renames)
    for def_name, definition in defs.items():
        schemas.setdefault(renames.get(def_name, def_name), _rewrite_refs(definition, renames))


def _resolve_def_names(owner: str, defs: Mapping[str, Any], existing: Mapping[str, Any]) -> dict[str, str]:
    """Rename a `$def` only when another event already hoisted a different schema under its name."""
    renames: dict[str, str] = {}
    changed = True
    # A rename changes the refs of the defs that point at it, which can create a new clash: iterate.
    while changed:
        changed = False
        for def_name, definition in defs.items():
            if def_name in renames:
                continue
            if def_name in existing and existing[def_name] != _rewrite_refs(definition, renames):
                renames[def_name] = f"{owner}.{def_name}"
                changed = True
    return renames


def _rewrite_refs(node: Any, renames: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                target = value.removeprefix("#/$defs/")
                out[key] = f"#/components/schemas/{renames.get(target, target)}"
            else:
                out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def _title(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


def _doc_summary(model: type[Event]) -> str:
    doc = (model.__doc__ or "").strip()
    return doc.split("\n\n", 1)[0].replace("\n", " ") if doc else _title(event_type_of(model))


# --- YAML ---------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style for multi-line strings, so descriptions read as written; no anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        """Never emit `&id`/`*id`: repeated refs read better spelled out."""
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def render_yaml(document: Mapping[str, Any]) -> str:
    """The document as YAML, keys in construction order."""
    header = "# Generated by `python -m contracts.asyncapi --write` from contracts/. Do not edit.\n"
    body = yaml.dump(dict(document), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return header + body


# --- Markdown catalogue -------------------------------------------------------------------------


def render_markdown(document: Mapping[str, Any]) -> str:
    """A human-readable catalogue of the events in `document`."""
    schemas: Mapping[str, Any] = document["components"]["schemas"]
    by_channel = _services_by_channel(document)
    lines = [
        "<!-- Generated by `python -m contracts.asyncapi --write` from contracts/. Do not edit. -->",
        "",
        "# Talent Connect events",
        "",
        "Every event Talent Connect publishes on NATS JetStream. The machine-readable form is",
        "[`contracts/asyncapi.yaml`](../contracts/asyncapi.yaml) (AsyncAPI 3.0); both are generated from",
        "the Pydantic models in [`contracts/events/`](../contracts/events/).",
        "",
        "| Event | Subject | Producer | Consumers |",
        "|---|---|---|---|",
    ]
    for channel_id, channel in document["channels"].items():
        producer, consumers = by_channel[channel_id]
        lines.append(
            f"| [{channel_id}](#{channel_id.lower()}) | `{channel['address']}` | {producer} | {', '.join(consumers)} |"
        )
    lines += ["", "## Envelope", "", ENVELOPE_TEXT, "", FIELDS_NOTE, ""]
    # The base class, not an event, so `event_type` reads as a string rather than one event's name.
    envelope = Event.model_json_schema(mode="serialization")
    envelope_schema = {
        "properties": {name: field for name, field in envelope["properties"].items() if name != "payload"},
        # Required as in a concrete event, where `event_type` has its default.
        "required": [name for name in schemas[next(iter(document["channels"]))]["required"] if name != "payload"],
    }
    lines += _field_table(envelope_schema, schemas, notes=ENVELOPE_FIELDS)
    lines += ["", "## Delivery guarantees", "", DELIVERY_TEXT, "", "## Versioning", "", VERSIONING_TEXT, ""]
    lines += ["## Events", ""]
    for channel_id, channel in document["channels"].items():
        producer, consumers = by_channel[channel_id]
        event_schema = schemas[channel_id]
        lines += [
            f"### {channel_id}",
            "",
            channel["description"],
            "",
            f"- Subject: `{channel['address']}`",
            f"- Producer: {producer}",
            f"- Consumers: {', '.join(consumers) if consumers else '(none yet)'}",
            "",
        ]
        payload = _resolve(event_schema["properties"]["payload"], schemas)
        lines += ["Payload fields:", ""]
        lines += _field_table(payload, schemas)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _services_by_channel(document: Mapping[str, Any]) -> dict[str, tuple[str, list[str]]]:
    found: dict[str, tuple[str, list[str]]] = {}
    for operation_id, operation in document["operations"].items():
        channel_id = operation["channel"]["$ref"].rsplit("/", 1)[-1]
        service = operation_id.split(".", 1)[0]
        producer, consumers = found.get(channel_id, ("", []))
        if operation["action"] == "send":
            producer = service
        else:
            consumers = [*consumers, service]
        found[channel_id] = (producer, consumers)
    return found


def _field_table(
    schema: Mapping[str, Any], schemas: Mapping[str, Any], *, notes: Mapping[str, str] | None = None
) -> list[str]:
    rows = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    for path, field, required in _fields(schema, schemas, prefix="", seen=frozenset()):
        description = (notes or {}).get(path) or field.get("description", "")
        if "default" in field and not required:
            description = f"{description} Default: `{_json_literal(field['default'])}`.".strip()
        rows.append(
            f"| `{path}` | {_cell(_type_name(field, schemas))} | {'yes' if required else 'no'} | {_cell(description)} |"
        )
    return rows


def _fields(
    schema: Mapping[str, Any], schemas: Mapping[str, Any], *, prefix: str, seen: frozenset[str]
) -> Iterator[tuple[str, Mapping[str, Any], bool]]:
    """Each property (and the properties of nested objects, as dotted paths) with its schema."""
    required = set(schema.get("required", ()))
    for name, field in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path, field, name in required
        nested, suffix, ref = _nested_object(field, schemas)
        if nested is not None and ref not in seen:
            yield from _fields(nested, schemas, prefix=f"{path}{suffix}.", seen=seen | {ref})


def _nested_object(field: Mapping[str, Any], schemas: Mapping[str, Any]) -> tuple[Mapping[str, Any] | None, str, str]:
    """The object model a field holds (directly, optionally, or as list items), to expand its fields."""
    variants = [v for v in field.get("anyOf", [field]) if v.get("type") != "null"]
    if len(variants) != 1:
        return None, "", ""
    variant, suffix = variants[0], ""
    if variant.get("type") == "array" and isinstance(variant.get("items"), dict):
        variant, suffix = variant["items"], "[]"
    ref = variant.get("$ref", "")
    target = _resolve(variant, schemas)
    return (target, suffix, ref) if "properties" in target else (None, "", "")


def _resolve(schema: Mapping[str, Any], schemas: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        resolved: Mapping[str, Any] = schemas[ref.removeprefix("#/components/schemas/")]
        return resolved
    return schema


def _type_name(schema: Mapping[str, Any], schemas: Mapping[str, Any]) -> str:
    """A short, readable type: `string (uuid)`, `list of string`, `"like" or "pass"`, `number, 0 to 100`."""
    if "$ref" in schema:
        target = _resolve(schema, schemas)
        if target is schema:
            return str(schema["$ref"]).rsplit("/", 1)[-1]
        return "object" if "properties" in target else _type_name(target, schemas)
    if "anyOf" in schema:
        return " or ".join(_type_name(variant, schemas) for variant in schema["anyOf"])
    if "const" in schema:
        return f"`{_json_literal(schema['const'])}`"
    if "enum" in schema:
        return " or ".join(f"`{_json_literal(value)}`" for value in schema["enum"])
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array":
        items = schema.get("items")
        base = f"list of {_type_name(items, schemas)}" if isinstance(items, dict) else "list"
    elif kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        base = f"map of string to {_type_name(schema['additionalProperties'], schemas)}"
    elif "format" in schema:
        base = f"{kind} ({schema['format']})"
    else:
        base = str(kind)
    return ", ".join([base, *_constraints(schema)])


def _constraints(schema: Mapping[str, Any]) -> list[str]:
    out = []
    if "minimum" in schema and "maximum" in schema:
        out.append(f"{schema['minimum']} to {schema['maximum']}")
    elif "minimum" in schema:
        out.append(f"at least {schema['minimum']}")
    elif "maximum" in schema:
        out.append(f"at most {schema['maximum']}")
    if "maxLength" in schema:
        out.append(f"at most {schema['maxLength']} characters")
    if "minLength" in schema:
        out.append(f"at least {schema['minLength']} characters")
    return out


def _json_literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | dict) and not value:
        return "[]" if isinstance(value, list) else "{}"
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# --- CLI ----------------------------------------------------------------------------------------


def generated_files() -> dict[Path, str]:
    """Every generated file with the content the code produces now."""
    document = build_document()
    return {ASYNCAPI_PATH: render_yaml(document), EVENTS_DOC_PATH: render_markdown(document)}


def stale_files() -> list[Path]:
    """The generated files whose committed content differs from the code."""
    return [
        path
        for path, content in generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]


def main(argv: list[str] | None = None) -> int:
    """Write or check `contracts/asyncapi.yaml` and `docs/events.md`."""
    parser = argparse.ArgumentParser(
        prog="python -m contracts.asyncapi", description="Generate the AsyncAPI document and docs/events.md."
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="regenerate the files")
    mode.add_argument("--check", action="store_true", help="exit 1 when a committed file is stale")
    args = parser.parse_args(argv)
    if args.write:
        for path, content in generated_files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            sys.stdout.write(f"wrote {path}\n")
        return 0
    stale = stale_files()
    for path in stale:
        sys.stderr.write(f"{path} is stale: {REGENERATE_HINT}\n")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
