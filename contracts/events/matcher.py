"""Events published by the matcher service."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from contracts.envelope import Event, Payload


class MatchComputedPayload(Payload):
    job_id: uuid.UUID
    resume_id: uuid.UUID
    candidate_id: uuid.UUID | None = None
    score: float = Field(ge=0, le=100, description="Overall match score, 0-100.")
    breakdown: dict[str, float] = Field(default_factory=dict, description="Points per scoring component.")
    matched_skills: list[str] = Field(default_factory=list)
    missing_skills: list[str] = Field(default_factory=list)
    semantic_similarity: float = Field(ge=-1, le=1)
    scoring_version: str


class MatchComputed(Event):
    """A resume was scored against a job, with the breakdown that explains the score."""

    subject = "talent.match.computed.v1"
    event_type: Literal["MatchComputed"] = "MatchComputed"
    payload: MatchComputedPayload
