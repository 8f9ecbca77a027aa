"""Events published by the matcher service."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from contracts.envelope import Event, Payload


class MatchedSkill(Payload):
    """A required or preferred skill the resume shows, and the evidence for it in words."""

    skill: str
    required: bool = True
    used: bool = Field(default=False, description="Shown in dated work, not only listed.")
    months: int | None = None
    evidence: str = Field(default="", max_length=300, description='e.g. "4 years at Acme, 2019–2023".')


class MatchExplanation(Payload):
    """Why a score is what it is, for the recruiter and the candidate."""

    summary: str = ""
    strengths: list[str] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)


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
    matched: list[MatchedSkill] = Field(default_factory=list, description="Matched skills with their evidence.")
    explanation: MatchExplanation | None = None
    gates: list[str] = Field(default_factory=list, description="Hard requirements the resume does not show.")
    factors: dict[str, float] = Field(
        default_factory=dict, description="Multipliers applied to the summed points (relevance, seniority, gates)."
    )


class MatchComputed(Event):
    """A resume was scored against a job, with the breakdown that explains the score."""

    subject = "talent.match.computed.v1"
    event_type: Literal["MatchComputed"] = "MatchComputed"
    payload: MatchComputedPayload
