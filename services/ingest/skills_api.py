"""Skill search for clients: autocomplete over the canonical vocabulary, and its categories.

Ingest owns skill normalisation, so it answers questions about the vocabulary too. The two search
routes are read-only and need no database: any signed-in caller may use them. Admins also see the
unknown skill-like terms parsed resumes contain, counted, to review for the vocabulary.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from contracts.skills import Taxonomy, default_taxonomy
from services.ingest.repository import ResumeRepository
from talentkit.auth import CurrentPrincipal, Principal, require_roles
from talentkit.service import Runtime, runtime_of

router = APIRouter(tags=["skills"])

MAX_QUERY_CHARS = 50
MAX_LIMIT = 50


class SkillSuggestionOut(BaseModel):
    name: str
    category: str
    matched: str


class AutocompleteOut(BaseModel):
    query: str
    skills: list[SkillSuggestionOut]


class CategoryOut(BaseModel):
    name: str
    skill_count: int


class CategoriesOut(BaseModel):
    categories: list[CategoryOut]


async def _taxonomy() -> Taxonomy:
    # The first load compiles the vocabulary (about a second): off the event loop, then cached.
    return await asyncio.to_thread(default_taxonomy)


@router.get(
    "/api/v1/skills/autocomplete",
    summary="Canonical skills whose name or a synonym starts with q",
    responses={422: {"description": "q is missing, blank or longer than 50 characters, or limit is out of range."}},
)
async def autocomplete_skills(
    _principal: CurrentPrincipal,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_CHARS,
            pattern=r"\S",
            description='The start of a skill name or synonym, any case ("reac", "k8", "postg").',
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> AutocompleteOut:
    """Exact matches first, then names, then synonyms, then inner words; one entry per skill."""
    taxonomy = await _taxonomy()
    suggestions = taxonomy.suggest(q, limit)
    return AutocompleteOut(
        query=q,
        skills=[
            SkillSuggestionOut(name=found.skill.name, category=found.skill.category, matched=found.matched)
            for found in suggestions
        ],
    )


@router.get("/api/v1/skills/categories", summary="Skill categories with the number of skills in each")
async def skill_categories(_principal: CurrentPrincipal) -> CategoriesOut:
    """Every category of the vocabulary, in vocabulary order."""
    taxonomy = await _taxonomy()
    return CategoriesOut(
        categories=[CategoryOut(name=name, skill_count=count) for name, count in taxonomy.categories().items()]
    )


class UnknownSkillOut(BaseModel):
    term: str
    resumes: int


class UnknownSkillsOut(BaseModel):
    unknown_skills: list[UnknownSkillOut]


@router.get(
    "/api/v1/admin/skills/unknown",
    summary="Skill-like terms the vocabulary does not know, by how many parsed resumes use them",
)
async def unknown_skills(
    _admin: Annotated[Principal, Depends(require_roles("admin"))],
    rt: Annotated[Runtime[Any, Any], Depends(runtime_of)],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> UnknownSkillsOut:
    """The review queue for growing the vocabulary: most frequent unknown terms first."""
    async with rt.transaction() as session:
        rows = await ResumeRepository(session).unknown_skill_counts(limit=limit)
    return UnknownSkillsOut(unknown_skills=[UnknownSkillOut(term=term, resumes=count) for term, count in rows])
