"""The recall index: Qdrant collections of resume and job vectors, rebuilt from pgvector on demand.

Qdrant only answers "which documents are nearest"; what a document says and how a pair scores
comes from PostgreSQL. A Qdrant server is used when `QDRANT_URL` is set, qdrant-client's embedded
local mode otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from qdrant_client import AsyncQdrantClient, models

from services.matcher.models import EMBEDDING_DIMENSIONS, JobVector, ResumeVector

RESUMES = "resumes"
JOBS = "jobs"
COLLECTIONS = (RESUMES, JOBS)

# Payload fields filtered on (in server mode they get an index).
KEYWORD_FIELDS: dict[str, tuple[str, ...]] = {
    RESUMES: ("candidate_id", "uploaded_by", "job_id"),
    JOBS: ("status", "recruiter_id"),
}

# Payload fields that name a person: what erasing a user removes.
OWNER_FIELDS: dict[str, tuple[str, ...]] = {
    RESUMES: ("candidate_id", "uploaded_by"),
    JOBS: ("recruiter_id",),
}

_SCROLL_PAGE = 1000


@dataclass(frozen=True)
class IndexedPoint:
    """One document in a collection: its id, vector and the payload recall filters on."""

    id: uuid.UUID
    vector: Sequence[float] | npt.NDArray[np.float32]
    payload: dict[str, Any] = field(default_factory=dict)


def resume_point(row: ResumeVector) -> IndexedPoint:
    """The Qdrant point of a stored resume."""
    return IndexedPoint(
        id=row.resume_id,
        vector=row.embedding,
        payload={
            "resume_id": str(row.resume_id),
            "candidate_id": str(row.candidate_id) if row.candidate_id else None,
            "uploaded_by": str(row.uploaded_by),
            "job_id": str(row.job_id) if row.job_id else None,
            # Only a candidate's own resume is in the open pool that every job recalls from; a
            # resume a recruiter uploaded is private to the job it was uploaded for.
            "pool": row.candidate_id is not None,
        },
    )


def job_point(row: JobVector) -> IndexedPoint:
    """The Qdrant point of a stored job."""
    return IndexedPoint(
        id=row.job_id,
        vector=row.embedding,
        payload={"job_id": str(row.job_id), "recruiter_id": str(row.recruiter_id), "status": row.status},
    )


def _matches_any(key: str, values: Iterable[str]) -> models.FieldCondition:
    return models.FieldCondition(key=key, match=models.MatchAny(any=list(values)))


class RecallIndex:
    """Nearest-neighbour recall over the `resumes` and `jobs` collections (384-d, cosine)."""

    def __init__(self, client: AsyncQdrantClient, *, local: bool) -> None:
        self.client = client
        self.local = local

    @classmethod
    async def open(cls, *, url: str, api_key: str | None, path: Path) -> RecallIndex:
        """Connect to the server at `url`, or open the embedded store at `path`; create missing collections."""
        if url:
            index = cls(AsyncQdrantClient(url=url, api_key=api_key or None), local=False)
        else:
            path.mkdir(parents=True, exist_ok=True)
            index = cls(AsyncQdrantClient(path=str(path)), local=True)
        try:
            await index.ensure_collections()
        except BaseException:
            await index.close()
            raise
        return index

    async def ensure_collections(self) -> None:
        """Create each collection (and its payload indexes) if it is missing."""
        for name in COLLECTIONS:
            if await self.client.collection_exists(name):
                await self._check_dimensions(name)
                continue
            await self.client.create_collection(
                name,
                vectors_config=models.VectorParams(size=EMBEDDING_DIMENSIONS, distance=models.Distance.COSINE),
            )
            # Local mode filters by brute force and warns that payload indexes do nothing there.
            if not self.local:
                for key in KEYWORD_FIELDS[name]:
                    await self.client.create_payload_index(name, key, models.PayloadSchemaType.KEYWORD)

    async def _check_dimensions(self, name: str) -> None:
        vectors = (await self.client.get_collection(name)).config.params.vectors
        size = getattr(vectors, "size", None)
        if size != EMBEDDING_DIMENSIONS:
            # Another model's collection: recall against it would be meaningless, so refuse to start.
            raise RuntimeError(
                f"Qdrant collection {name!r} holds {size}-d vectors, the matcher needs {EMBEDDING_DIMENSIONS}: "
                "delete that collection and restart (then POST /api/v1/admin/matcher/reindex refills it from "
                "pgvector), or point QDRANT_URL elsewhere"
            )

    async def upsert(self, collection: str, points: Sequence[IndexedPoint]) -> None:
        """Insert or replace points by id (idempotent)."""
        if not points:
            return
        await self.client.upsert(
            collection,
            points=[
                models.PointStruct(id=str(point.id), vector=[float(x) for x in point.vector], payload=point.payload)
                for point in points
            ],
            wait=True,
        )

    async def nearest(
        self,
        collection: str,
        vectors: npt.NDArray[np.float32],
        *,
        limit: int,
        where: dict[str, str | bool] | None = None,
    ) -> list[list[uuid.UUID]]:
        """For each query vector, the ids of the `limit` nearest points whose payload matches `where`."""
        if len(vectors) == 0:
            return []
        query_filter = (
            models.Filter(
                must=[
                    models.FieldCondition(key=key, match=models.MatchValue(value=value)) for key, value in where.items()
                ]
            )
            if where
            else None
        )
        responses = await self.client.query_batch_points(
            collection,
            requests=[
                models.QueryRequest(
                    query=[float(x) for x in vector], limit=limit, filter=query_filter, with_payload=False
                )
                for vector in vectors
            ],
        )
        return [[uuid.UUID(str(point.id)) for point in response.points] for response in responses]

    async def delete_owned_by(self, user_id: uuid.UUID) -> None:
        """Remove every point whose payload names `user_id` as candidate, uploader or recruiter."""
        owner = [str(user_id)]
        for collection, keys in OWNER_FIELDS.items():
            await self.client.delete(
                collection,
                points_selector=models.FilterSelector(
                    filter=models.Filter(should=[_matches_any(key, owner) for key in keys])
                ),
                wait=True,
            )

    async def delete(self, collection: str, ids: Iterable[uuid.UUID]) -> None:
        """Remove points by id."""
        selected: list[models.ExtendedPointId] = [str(point_id) for point_id in ids]
        if selected:
            await self.client.delete(collection, points_selector=models.PointIdsList(points=selected), wait=True)

    async def ids(self, collection: str) -> set[uuid.UUID]:
        """Every point id in a collection."""
        found: set[uuid.UUID] = set()
        offset: models.ExtendedPointId | None = None
        while True:
            records, offset = await self.client.scroll(
                collection, limit=_SCROLL_PAGE, offset=offset, with_payload=False, with_vectors=False
            )
            found.update(uuid.UUID(str(record.id)) for record in records)
            if offset is None:
                return found

    async def count(self, collection: str) -> int:
        """How many points a collection holds."""
        return int((await self.client.count(collection, exact=True)).count)

    async def ping(self) -> bool:
        """Whether Qdrant answers and both collections exist."""
        names = {collection.name for collection in (await self.client.get_collections()).collections}
        return all(name in names for name in COLLECTIONS)

    async def close(self) -> None:
        """Close the client (local mode releases its lock on the storage folder)."""
        await self.client.close()
