"""Backward compatibility of event contracts against their committed snapshots."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field

from contracts import compat
from contracts.envelope import Event, Payload
from contracts.registry import CATALOGUE

pytestmark = pytest.mark.unit


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(mode="serialization")


def _problems(old: type[BaseModel], new: type[BaseModel]) -> list[str]:
    return [f"{problem.path}: {problem.message}" for problem in compat.compare_schemas(_schema(old), _schema(new))]


# --- the real contracts ---------------------------------------------------------------------------


def test_the_real_contracts_are_compatible_with_their_snapshots() -> None:
    problems = compat.check_snapshots()
    assert problems == [], "\n".join(str(problem) for problem in problems)


def test_every_catalogue_event_has_a_committed_snapshot() -> None:
    for spec in CATALOGUE:
        path = compat.snapshot_path(spec.model)
        assert path.exists(), f"missing {path}: run `python -m contracts.compat --update`"
        assert path.parent.name == f"v{spec.model.model_fields['version'].default}"


def test_a_schema_is_compatible_with_itself() -> None:
    for spec in CATALOGUE:
        schema = compat.wire_schema(spec.model)
        assert compat.compare_schemas(schema, schema) == []


# --- synthetic changes ----------------------------------------------------------------------------


class Skill(BaseModel):
    name: str
    years: int


class V1(BaseModel):
    user_id: str
    age: int
    nickname: str | None = None
    status: Literal["open", "closed"] = "open"
    skills: list[Skill] = Field(default_factory=list)
    scores: dict[str, int] = Field(default_factory=dict)
    bio: str = Field(default="", max_length=500)


def test_adding_an_optional_field_is_accepted() -> None:
    class V2(V1):
        team: str | None = None
        tags: list[str] = Field(default_factory=list)

    assert _problems(V1, V2) == []


def test_widening_is_accepted() -> None:
    class SkillV2(BaseModel):
        name: str
        years: float  # integer -> number
        level: str = "any"

    class V2(BaseModel):
        user_id: str | None  # null added (still required)
        age: float
        nickname: str | int | None = None
        status: Literal["open", "closed", "paused"] = "open"  # a new enum value
        skills: list[SkillV2] = Field(default_factory=list)
        scores: dict[str, float] = Field(default_factory=dict)
        bio: str = Field(default="", max_length=2000)  # a looser limit

    assert _problems(V1, V2) == []


def test_a_removed_field_is_flagged() -> None:
    class V2(BaseModel):
        user_id: str
        nickname: str | None = None
        status: Literal["open", "closed"] = "open"
        skills: list[Skill] = Field(default_factory=list)
        scores: dict[str, int] = Field(default_factory=dict)
        bio: str = Field(default="", max_length=500)

    assert _problems(V1, V2) == ["age: property removed"]


def test_a_retyped_field_is_flagged() -> None:
    class V2(V1):
        age: str  # type: ignore[assignment]

    problems = _problems(V1, V2)
    assert len(problems) == 1
    assert problems[0].startswith("age: integer is no longer accepted")


def test_narrowing_number_to_integer_is_flagged() -> None:
    class Old(BaseModel):
        ratio: float

    class New(BaseModel):
        ratio: int

    assert _problems(Old, New) == ["ratio: number is no longer accepted (now integer)"]


def test_dropping_null_is_flagged() -> None:
    class V2(V1):
        nickname: str = ""

    assert _problems(V1, V2) == ["nickname: null is no longer accepted (now string)"]


def test_a_newly_required_field_is_flagged() -> None:
    class MadeRequired(V1):
        nickname: str | None

    class AddedRequired(V1):
        team: str

    assert _problems(V1, MadeRequired) == [
        "nickname: newly required (an existing optional property); new fields must have a default"
    ]
    assert _problems(V1, AddedRequired) == ["team: newly required (a new property); new fields must have a default"]


def test_a_removed_enum_value_is_flagged() -> None:
    class V2(V1):
        status: Literal["open"] = "open"

    assert _problems(V1, V2) == ['status: enum values removed: "closed"']


def test_restricting_a_free_string_to_an_enum_is_flagged() -> None:
    class Old(BaseModel):
        kind: str

    class New(BaseModel):
        kind: Literal["a", "b"]

    problems = _problems(Old, New)
    assert problems
    assert all(problem.startswith("kind: now restricted to the values") for problem in problems)


def test_changes_inside_nested_models_are_flagged() -> None:
    class SkillV2(BaseModel):
        name: str

    class V2(V1):
        skills: list[SkillV2] = Field(default_factory=list)  # type: ignore[assignment]

    assert _problems(V1, V2) == ["skills[].years: property removed"]


def test_a_retyped_map_value_is_flagged() -> None:
    class V2(V1):
        scores: dict[str, str] = Field(default_factory=dict)  # type: ignore[assignment]

    problems = _problems(V1, V2)
    assert len(problems) == 1
    assert problems[0].startswith("scores.*: integer is no longer accepted")


def test_forbidding_extra_properties_is_flagged() -> None:
    class V2(V1):
        model_config = ConfigDict(extra="forbid")

    assert _problems(V1, V2) == ["*: additionalProperties tightened: extra properties are now forbidden"]


def test_a_tighter_limit_is_flagged() -> None:
    class V2(V1):
        bio: str = Field(default="", max_length=100)

    assert _problems(V1, V2) == ["bio: maxLength tightened from 500 to 100"]


def test_a_changed_format_is_flagged() -> None:
    class Old(BaseModel):
        ref: str

    class New(BaseModel):
        ref: uuid.UUID

    assert _problems(Old, New) == ["ref: format changed from no format to 'uuid'"]


def test_recursive_models_terminate() -> None:
    class Node(BaseModel):
        label: str
        parent: Node | None = None
        children: list[Node] = Field(default_factory=list)

    class NodeV2(BaseModel):
        parent: NodeV2 | None = None
        children: list[NodeV2] = Field(default_factory=list)

    assert _problems(Node, Node) == []
    assert _problems(Node, NodeV2) == ["label: property removed"]


# --- snapshots on disk ----------------------------------------------------------------------------


class ThingHappenedPayload(Payload):
    thing_id: str
    colour: Literal["red", "blue"] = "red"


class ThingHappened(Event):
    """A synthetic event for snapshot tests."""

    subject = "talent.thing.happened.v1"
    event_type: Literal["ThingHappened"] = "ThingHappened"
    payload: ThingHappenedPayload


class ThingHappenedBrokenPayload(Payload):
    thing_id: str
    colour: Literal["red"] = "red"


class ThingHappenedBroken(Event):
    """The same event with an enum value removed."""

    subject = "talent.thing.happened.v1"
    event_type: Literal["ThingHappened"] = "ThingHappened"
    payload: ThingHappenedBrokenPayload


def test_update_writes_only_missing_snapshots(tmp_path: Path) -> None:
    assert compat.update_snapshots([ThingHappened], root=tmp_path) == [tmp_path / "v1" / "ThingHappened.json"]
    path = tmp_path / "v1" / "ThingHappened.json"
    assert json.loads(path.read_text()) == compat.wire_schema(ThingHappened)
    # An existing snapshot is never replaced silently, even by an incompatible model.
    assert compat.update_snapshots([ThingHappenedBroken], root=tmp_path) == []
    assert json.loads(path.read_text()) == compat.wire_schema(ThingHappened)
    assert compat.update_snapshots([ThingHappenedBroken], root=tmp_path, force=True) == [path]
    assert json.loads(path.read_text()) == compat.wire_schema(ThingHappenedBroken)


def test_check_reports_breaking_changes_against_snapshots(tmp_path: Path) -> None:
    compat.update_snapshots([ThingHappened], root=tmp_path)
    assert compat.check_snapshots([ThingHappened], root=tmp_path) == []
    problems = [str(problem) for problem in compat.check_snapshots([ThingHappenedBroken], root=tmp_path)]
    assert problems == ['v1/ThingHappened: payload.colour: enum values removed: "blue"']


def test_check_reports_missing_snapshots_and_removed_events(tmp_path: Path) -> None:
    missing = compat.check_snapshots([ThingHappened], root=tmp_path)
    assert len(missing) == 1
    assert "--update" in missing[0].message
    compat.update_snapshots([ThingHappened], root=tmp_path)
    removed = compat.check_snapshots([], root=tmp_path)
    assert [problem.message for problem in removed] == [
        "the event was removed; a published vN event must stay in the catalogue"
    ]


def test_cli_update_then_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(compat, "SNAPSHOT_ROOT", tmp_path)
    assert compat.main([]) == 1
    assert "--update" in capsys.readouterr().err
    assert compat.main(["--update"]) == 0
    assert sorted(path.stem for path in tmp_path.glob("v1/*.json")) == sorted(s.model.__name__ for s in CATALOGUE)
    assert compat.main([]) == 0
    with pytest.raises(SystemExit):
        compat.main(["--force"])
