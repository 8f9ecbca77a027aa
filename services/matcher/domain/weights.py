"""The scoring configuration: points per component by role level, credits and multipliers, versioned.

It lives in `scoring_weights.yaml` beside this module (or a file `MATCHER_SCORING_WEIGHTS` names), is
validated on load, and its `version` is stored with every score.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

Level = Literal["entry", "mid", "senior"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LevelWeights(_Frozen):
    """Points per component for one role level; they add up to 100."""

    required_skills: float = Field(ge=0)
    preferred_skills: float = Field(ge=0)
    experience: float = Field(ge=0)
    education: float = Field(ge=0)
    projects: float = Field(ge=0)

    @model_validator(mode="after")
    def _adds_up(self) -> LevelWeights:
        total = self.required_skills + self.preferred_skills + self.experience + self.education + self.projects
        if abs(total - 100) > 1e-6:
            raise ValueError(f"a level's points must add up to 100, not {total:g}")
        return self


class SkillCredit(_Frozen):
    used_base: float = Field(ge=0, le=1)
    used_full_months: float = Field(gt=0)
    used_undated: float = Field(ge=0, le=1)
    listed_only: float = Field(ge=0, le=1)
    implied_share: float = Field(ge=0, le=1)
    unknown_evidence: float = Field(ge=0, le=1)


class Relevance(_Frozen):
    floor: float = Field(ge=0, le=1)
    field_weight: float = Field(ge=0, le=1)


class SeniorityFactors(_Frozen):
    one_level_below: float = Field(gt=0, le=1)
    one_level_above: float = Field(gt=0, le=1)
    two_levels_below: float = Field(gt=0, le=1)
    two_levels_above: float = Field(gt=0, le=1)


class Gates(_Frozen):
    missing_licence: float = Field(gt=0, le=1)
    missing_certification: float = Field(gt=0, le=1)
    floor: float = Field(gt=0, le=1)


class YearsRange(_Frozen):
    min: float = Field(ge=0)
    max: float | None = Field(default=None, ge=0)


class OverExperience(_Frozen):
    stated_max_slope: float = Field(ge=0)
    # Share of the whole score that rides on fitting a stated maximum of years.
    stated_max_share: float = Field(ge=0, le=1)
    soft_penalty_per_year: float = Field(ge=0)
    soft_floor: float = Field(ge=0, le=1)


class ScoringWeights(_Frozen):
    """Everything the score's numbers come from."""

    version: str = Field(min_length=1, max_length=20)
    levels: dict[Level, LevelWeights]
    evidence_bonus: float = Field(ge=0, le=1)
    # Required skills a posting must name for them to carry their whole part on their own.
    skills_for_full_weight: int = Field(ge=1, le=20)
    skill_credit: SkillCredit
    relevance: Relevance
    seniority: SeniorityFactors
    gates: Gates
    default_years: dict[Level, YearsRange]
    over_experience: OverExperience
    leadership_share: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _every_level(self) -> ScoringWeights:
        for table in (self.levels, self.default_years):
            if set(table) != {"entry", "mid", "senior"}:
                raise ValueError("levels and default_years need entry, mid and senior")
        return self


def load_weights(path: Path | None = None) -> ScoringWeights:
    """Read and validate a scoring configuration (the bundled one without `path`)."""
    if path is None:
        text = resources.files(__package__).joinpath("scoring_weights.yaml").read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return ScoringWeights.model_validate(yaml.safe_load(text))


@cache
def default_weights() -> ScoringWeights:
    """The bundled configuration, read once."""
    return load_weights()
