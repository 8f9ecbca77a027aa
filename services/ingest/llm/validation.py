"""Reading a model's reply: JSON, then the `ParsedProfile` schema (unknown keys are rejected).

Small, unambiguous slips of shape are repaired first (a `null` where a default exists, a full date
where `YYYY-MM` is asked, "Present" as an end date, skills given as plain strings); anything else
that does not fit the schema makes the reply invalid. Fields the service computes itself
(confidence, flags, counts, versions) are reset whatever the model said. Pure functions.
"""

from __future__ import annotations

import json
import re
from typing import Any, get_args

from pydantic import ValidationError

from services.ingest.domain.schema import SCHEMA_VERSION, EducationLevel, Link, ParsedProfile

MAX_REPLY_CHARS = 200_000
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL | re.IGNORECASE)
_FULL_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$")
_ONGOING = frozenset({"present", "current", "now", "ongoing", "today", "till date", "to date"})
_DATE_KEYS = ("start_date", "end_date")
_LEVELS = frozenset(get_args(EducationLevel))
_LINK_KINDS = frozenset(get_args(Link.model_fields["kind"].annotation))
# What the service decides, never the model: a reply cannot set them (a prompt injection may try).
_SERVICE_FIELDS: dict[str, Any] = {
    "schema_version": SCHEMA_VERSION,
    "extractor": "llm",
    "llm_prompt_version": None,
    "confidence": 0.0,
    "review_flags": [],
    "unknown_skills": [],
    "total_experience_months": None,
    "text_chars": 0,
}


class InvalidReplyError(ValueError):
    """The reply is not a JSON object that fits the profile schema."""


def parse_reply(content: str) -> ParsedProfile:
    """The profile in a model's reply; raises `InvalidReplyError` with a short reason."""
    if len(content) > MAX_REPLY_CHARS:
        raise InvalidReplyError(f"reply of {len(content)} characters is too long")
    fenced = _FENCE.match(content)
    try:
        data = json.loads(fenced.group(1) if fenced else content)
    except json.JSONDecodeError as exc:
        raise InvalidReplyError(f"not JSON: {exc.msg} at character {exc.pos}") from exc
    if not isinstance(data, dict):
        raise InvalidReplyError(f"not a JSON object but {type(data).__name__}")
    try:
        profile = ParsedProfile.model_validate(_skill_objects(_tidy(data)))
    except ValidationError as exc:
        raise InvalidReplyError(f"does not fit the schema: {_summary(exc)}") from exc
    return profile.model_copy(update=_SERVICE_FIELDS)


def _summary(exc: ValidationError) -> str:
    problems = [f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()[:3]]
    more = exc.error_count() - len(problems)
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def _tidy(value: Any) -> Any:
    """Drop `null`s (the schema's defaults apply) and repair dates and plain-string skills, recursively."""
    if isinstance(value, list):
        return [_tidy(item) for item in value]
    if not isinstance(value, dict):
        return value
    tidy = {key: _tidy(item) for key, item in value.items() if item is not None}
    for key in _DATE_KEYS:
        date = tidy.get(key)
        if not isinstance(date, str):
            continue
        if date.strip().lower() in _ONGOING:
            del tidy[key]
            if key == "end_date":
                tidy["is_current"] = True
        elif match := _FULL_DATE.match(date.strip()):
            tidy[key] = f"{match.group(1)}-{int(match.group(2)):02d}"
    # An enumerated value outside the list ("phd", "twitter") is still that kind of thing: use the catch-all.
    if isinstance(tidy.get("level"), str) and tidy["level"] not in _LEVELS:
        tidy["level"] = "other"
    if isinstance(tidy.get("kind"), str) and "url" in tidy and tidy["kind"] not in _LINK_KINDS:
        tidy["kind"] = "website"
    return tidy


def _skill_objects(data: dict[str, Any]) -> dict[str, Any]:
    """The profile's skills as objects: models often answer `["Python", ...]` for `[{"name": "Python"}, ...]`."""
    skills = data.get("skills")
    if isinstance(skills, list):
        data["skills"] = [{"name": item} if isinstance(item, str) else item for item in skills]
    return data
