"""Rebuilding the Qdrant recall index from pgvector, the system of record."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

from pydantic import BaseModel

from services.matcher.recall_index import JOBS, RESUMES, job_point, resume_point
from services.matcher.repository import JobVectorRepository, ResumeVectorRepository, serialize_matching
from services.matcher.resources import MatcherResources
from services.matcher.settings import MatcherSettings
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

_PAGE = 500


class ReindexCounts(BaseModel):
    """What a rebuild did."""

    resumes: int
    jobs: int
    stale_removed: int


async def rebuild_recall_index(rt: Runtime[MatcherSettings, MatcherResources]) -> ReindexCounts:
    """Upsert every stored vector into Qdrant and drop the points PostgreSQL no longer has.

    Recall keeps answering meanwhile (nothing is dropped first); the matching lock keeps consumers
    from adding a document between reading the tables and pruning.
    """
    index = rt.resources.index
    await index.ensure_collections()
    async with rt.transaction() as session:
        await serialize_matching(session)
        counts: dict[str, int] = {}
        stale = 0
        sources: dict[str, AsyncIterator[list[Any]]] = {
            RESUMES: ResumeVectorRepository(session).pages(size=_PAGE),
            JOBS: JobVectorRepository(session).pages(size=_PAGE),
        }
        for collection, pages in sources.items():
            point_of = resume_point if collection == RESUMES else job_point
            kept: set[uuid.UUID] = set()
            async for page in pages:
                points = [point_of(row) for row in page]
                await index.upsert(collection, points)
                kept.update(point.id for point in points)
            gone = await index.ids(collection) - kept
            await index.delete(collection, gone)
            counts[collection] = len(kept)
            stale += len(gone)
    log.info("matcher.reindexed", **counts, stale_removed=stale)
    return ReindexCounts(resumes=counts[RESUMES], jobs=counts[JOBS], stale_removed=stale)
