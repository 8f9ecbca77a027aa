"""Guard event contracts against breaking changes with committed JSON-schema snapshots.

Each published event has a snapshot `contracts/schemas/v<N>/<EventType>.json` of its wire schema
(`model_json_schema(mode="serialization")`). The current schema must stay backward compatible with
it: old consumers keep reading new events, new consumers keep reading old ones. Allowed: new optional
properties, widening a type (adding `null`, integer to number), new enum values, dropping a
constraint. Everything else is reported.

    python -m contracts.compat            # check; exit 1 listing every breaking change
    python -m contracts.compat --update   # write snapshots for events that have none yet
    python -m contracts.compat --update --force   # overwrite existing ones (only when starting a vN)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contracts.envelope import Event
from contracts.registry import CATALOGUE

SNAPSHOT_ROOT = Path(__file__).with_name("schemas")

# Marks a schema reached through a `$ref`, so recursion through the same pair of refs stops.
_FROM_REF = "x-compat-from-ref"
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


@dataclass(frozen=True)
class Problem:
    """One breaking change: where in the schema, and what changed."""

    event: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.event}: {self.path or '(root)'}: {self.message}"


def wire_schema(model: type[Event]) -> dict[str, Any]:
    """The schema a snapshot records: what the model puts on the wire."""
    return model.model_json_schema(mode="serialization")


def snapshot_path(model: type[Event], root: Path | None = None) -> Path:
    """Where the snapshot of `model` lives: `v<version>/<EventType>.json`."""
    version = model.model_fields["version"].default
    event_type = model.model_fields["event_type"].default
    return (root or SNAPSHOT_ROOT) / f"v{version}" / f"{event_type}.json"


def render_snapshot(schema: Mapping[str, Any]) -> str:
    """Stable JSON text for a snapshot file."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def update_snapshots(
    models: Iterable[type[Event]] | None = None, *, root: Path | None = None, force: bool = False
) -> list[Path]:
    """Write snapshots for events that have none (or for all with `force`); return the files written."""
    written: list[Path] = []
    for model in _models(models):
        path = snapshot_path(model, root)
        if path.exists() and not force:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_snapshot(wire_schema(model)), encoding="utf-8")
        written.append(path)
    return written


def check_snapshots(models: Iterable[type[Event]] | None = None, *, root: Path | None = None) -> list[Problem]:
    """Every breaking change of the current models against the committed snapshots."""
    root = root or SNAPSHOT_ROOT
    current = {snapshot_path(model, root): model for model in _models(models)}
    problems: list[Problem] = []
    for path in current:
        if not path.exists():
            problems.append(Problem(path.stem, "", f"no snapshot at {path}: run `python -m contracts.compat --update`"))
    for path in sorted(root.glob("v*/*.json")):
        name = f"{path.parent.name}/{path.stem}"
        if path not in current:
            problems.append(Problem(name, "", "the event was removed; a published vN event must stay in the catalogue"))
            continue
        old = json.loads(path.read_text(encoding="utf-8"))
        problems += [Problem(name, p.path, p.message) for p in compare_schemas(old, wire_schema(current[path]))]
    return problems


def _models(models: Iterable[type[Event]] | None) -> Iterable[type[Event]]:
    return models if models is not None else [spec.model for spec in CATALOGUE]


def compare_schemas(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Problem]:
    """The breaking changes from `old` to `new` (two root schemas, each with its own `$defs`)."""
    checker = _Comparison(old, new)
    checker.compare(old, new, "")
    return checker.problems


class _Comparison:
    """Walks two schemas side by side, resolving each one's `$ref`s against its own root."""

    def __init__(self, old_root: Mapping[str, Any], new_root: Mapping[str, Any]) -> None:
        self.old_root = old_root
        self.new_root = new_root
        self.problems: list[Problem] = []
        # Ref pairs being compared further up the stack: a recursive model would otherwise loop forever.
        self._active: set[tuple[str | None, str | None]] = set()

    def report(self, path: str, message: str) -> None:
        self.problems.append(Problem("", path, message))

    def compare(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        """Compare any two schemas (refs, unions and all)."""
        self._compare_resolved(_variants(old, self.old_root), _variants(new, self.new_root), path)

    def _compare_resolved(
        self, old_variants: list[Mapping[str, Any]], new_variants: list[Mapping[str, Any]], path: str
    ) -> None:
        if not new_variants:
            return  # the new schema accepts anything: nothing can break
        if not old_variants:
            self.report(path, f"was untyped, now only {_kinds(new_variants)}")
            return
        for variant in old_variants:
            match = self._best_match(variant, new_variants, path)
            if match is None:
                self.report(path, f"{_kind_label(variant)} is no longer accepted (now {_kinds(new_variants)})")
            else:
                self.problems += match

    def _best_match(
        self, old: Mapping[str, Any], candidates: list[Mapping[str, Any]], path: str
    ) -> list[Problem] | None:
        """The problems against the closest new variant of a compatible kind (None: no such kind)."""
        best: list[Problem] | None = None
        for new in candidates:
            if not _kind_accepts(_kind(new), _kind(old)):
                continue
            trial = _Comparison(self.old_root, self.new_root)
            trial._active = set(self._active)
            trial.compare_variant(old, new, path)
            if not trial.problems:
                return []
            if best is None:
                best = trial.problems
        return best

    def compare_variant(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        """Compare two non-union schemas of compatible kinds."""
        key = (old.get(_FROM_REF), new.get(_FROM_REF))
        if key == (None, None):
            self._compare_variant(old, new, path)
            return
        if key in self._active:
            return  # already being compared further up: a recursive model
        self._active.add(key)
        try:
            self._compare_variant(old, new, path)
        finally:
            self._active.discard(key)

    def _compare_variant(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        self._compare_values(old, new, path)
        self._compare_format(old, new, path)
        self._compare_bounds(old, new, path)
        kind = _kind(old)
        if kind == "object":
            self._compare_object(old, new, path)
        elif kind == "array":
            old_items, new_items = old.get("items"), new.get("items")
            if isinstance(old_items, dict) and isinstance(new_items, dict):
                self.compare(old_items, new_items, f"{path}[]")
            elif isinstance(new_items, dict) and not old_items:
                self.report(f"{path}[]", "array items gained a type restriction")

    def _compare_values(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        old_values, new_values = _allowed_values(old), _allowed_values(new)
        if new_values is None:
            return
        if old_values is None:
            self.report(path, f"now restricted to the values {_show(new_values)}")
            return
        removed = [value for value in old_values if value not in new_values]
        if removed:
            self.report(path, f"enum values removed: {_show(removed)}")

    def _compare_format(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        old_format, new_format = old.get("format"), new.get("format")
        if new_format is not None and new_format != old_format:
            was = f"format {old_format!r}" if old_format else "no format"
            self.report(path, f"format changed from {was} to {new_format!r}")

    def _compare_bounds(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        for keyword in _LOWER_BOUNDS + _UPPER_BOUNDS:
            if keyword not in new:
                continue
            lower = keyword in _LOWER_BOUNDS
            tightened = keyword not in old or (new[keyword] > old[keyword] if lower else new[keyword] < old[keyword])
            if tightened:
                self.report(path, f"{keyword} tightened from {old.get(keyword, 'none')} to {new[keyword]}")

    def _compare_object(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        old_props: Mapping[str, Any] = old.get("properties", {})
        new_props: Mapping[str, Any] = new.get("properties", {})
        for name, old_field in old_props.items():
            field_path = f"{path}.{name}" if path else name
            if name not in new_props:
                self.report(field_path, "property removed")
                continue
            self.compare(old_field, new_props[name], field_path)
        old_required, new_required = set(old.get("required", ())), set(new.get("required", ()))
        for name in sorted(new_required - old_required):
            field_path = f"{path}.{name}" if path else name
            what = "an existing optional property" if name in old_props else "a new property"
            self.report(field_path, f"newly required ({what}); new fields must have a default")
        self._compare_additional(old.get("additionalProperties"), new.get("additionalProperties"), path)

    def _compare_additional(self, old: Any, new: Any, path: str) -> None:
        label = f"{path}.*" if path else "*"
        if new is None or new is True or old is False:
            return  # the new schema allows any extra properties, or the old one allowed none
        if new is False:
            self.report(label, "additionalProperties tightened: extra properties are now forbidden")
        elif old is None or old is True:
            self.report(label, "additionalProperties tightened: extra properties now need a given type")
        else:
            self.compare(old, new, label)


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow local `$ref`s (`#/$defs/X`, or any JSON pointer into the root), noting the first ref."""
    seen: set[str] = set()
    while isinstance(ref := schema.get("$ref"), str) and ref.startswith("#/") and ref not in seen:
        seen.add(ref)
        target: Any = root
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or part not in target:
                return schema
            target = target[part]
        # Keywords beside a $ref (a description, a default) refine the target; keep both.
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **siblings, _FROM_REF: siblings.get(_FROM_REF, ref)}
    return schema


def _variants(schema: Mapping[str, Any], root: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The alternatives a schema accepts, unions and type lists flattened; [] means it accepts anything."""
    schema = _resolve(schema, root)
    all_of = schema.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1:
        # `allOf: [{$ref}]` is how some generators attach a description to a ref.
        schema = {**_resolve(all_of[0], root), **{k: v for k, v in schema.items() if k != "allOf"}}
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            out: list[Mapping[str, Any]] = []
            for option in schema[keyword]:
                accepted = _variants(option, root)
                if not accepted:
                    return []
                out += accepted
            return out
    kind = schema.get("type")
    if isinstance(kind, list):
        rest = {k: v for k, v in schema.items() if k != "type"}
        return [{**rest, "type": one} for one in kind]
    values = _allowed_values(schema)
    if values is not None and len(values) > 1:
        # One variant per value, so `Literal["a", "b"]` compares equal to `Literal["a"] | Literal["b"]`.
        rest = {k: v for k, v in schema.items() if k not in ("enum", "const", "type")}
        return [{**rest, "type": _json_type(value), "const": value} for value in values]
    return [schema] if _kind(schema) else []


def _kind(schema: Mapping[str, Any]) -> str | None:
    """The JSON type a (non-union) schema accepts, inferred from `const`/`enum` when untyped."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema:
        return "object"
    if "items" in schema:
        return "array"
    values = _allowed_values(schema)
    if values:
        return _json_type(values[0])
    return None


def _kind_accepts(new_kind: str | None, old_kind: str | None) -> bool:
    # A number accepts every integer: widening int to float is allowed, the reverse is not.
    return new_kind is None or new_kind == old_kind or (new_kind == "number" and old_kind == "integer")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _allowed_values(schema: Mapping[str, Any]) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema:
        return list(schema["enum"])
    return None


def _kind_label(schema: Mapping[str, Any]) -> str:
    values = _allowed_values(schema)
    return _show(values) if values is not None else str(_kind(schema))


def _kinds(variants: list[Mapping[str, Any]]) -> str:
    return " | ".join(_kind_label(variant) for variant in variants)


def _show(values: list[Any]) -> str:
    return ", ".join(json.dumps(value) for value in values)


def main(argv: list[str] | None = None) -> int:
    """Check the contracts against their snapshots, or write missing snapshots."""
    parser = argparse.ArgumentParser(prog="python -m contracts.compat", description="Event contract compatibility.")
    parser.add_argument("--update", action="store_true", help="write snapshots for events that have none")
    parser.add_argument(
        "--force", action="store_true", help="with --update: overwrite existing snapshots (only for a new vN)"
    )
    args = parser.parse_args(argv)
    if args.force and not args.update:
        parser.error("--force only goes with --update")
    if args.update:
        for path in update_snapshots(force=args.force):
            sys.stdout.write(f"wrote {path}\n")
    problems = check_snapshots()
    for problem in problems:
        sys.stderr.write(f"breaking change: {problem}\n")
    if problems:
        sys.stderr.write(
            "Within a version, contracts may only grow: add optional fields. "
            "For a breaking change publish a new subject v<N+1> (see docs/events.md).\n"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
