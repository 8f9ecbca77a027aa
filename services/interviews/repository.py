"""Reading and writing interviews and the applications read model."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.models import ApplicationView, Interview


class ApplicationViewRepository:
    """Applications as jobs announced them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, application_id: uuid.UUID) -> ApplicationView | None:
        """The application with this id, if jobs has told us about it."""
        return await self.session.get(ApplicationView, application_id)

    async def upsert(self, values: dict[str, Any]) -> None:
        """Record a status change; an older change never overwrites a newer one, a known recruiter is kept."""
        statement = pg_insert(ApplicationView).values(**values)
        fields: dict[str, Any] = {key: statement.excluded[key] for key in values if key != "application_id"}
        fields["recruiter_id"] = func.coalesce(statement.excluded.recruiter_id, ApplicationView.recruiter_id)
        fields["candidate_id"] = func.coalesce(statement.excluded.candidate_id, ApplicationView.candidate_id)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[ApplicationView.application_id],
                set_=fields,
                where=ApplicationView.status_changed_at <= statement.excluded.status_changed_at,
            )
        )

    async def delete_of_candidate(self, candidate_id: uuid.UUID) -> None:
        """Forget a candidate's applications."""
        await self.session.execute(delete(ApplicationView).where(ApplicationView.candidate_id == candidate_id))

    async def forget_recruiter(self, recruiter_id: uuid.UUID) -> None:
        """Drop a deleted recruiter from the applications they owned."""
        await self.session.execute(
            update(ApplicationView).where(ApplicationView.recruiter_id == recruiter_id).values(recruiter_id=None)
        )


class InterviewRepository:
    """Interviews in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, interview: Interview) -> Interview:
        """Insert an interview; flushes so defaults are set."""
        self.session.add(interview)
        await self.session.flush()
        await self.session.refresh(interview)
        return interview

    async def get(self, interview_id: uuid.UUID, *, for_update: bool = False) -> Interview | None:
        """The interview with this id, optionally locked until the transaction ends."""
        query = select(Interview).where(Interview.id == interview_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def listing(
        self,
        *,
        candidate_id: uuid.UUID | None = None,
        runner_id: uuid.UUID | None = None,
        application_id: uuid.UUID | None = None,
        status: str | None = None,
        limit: int,
        offset: int,
    ) -> list[Interview]:
        """Interviews soonest first, narrowed to a candidate, to those a recruiter runs, an application, a status."""
        query = select(Interview)
        if candidate_id is not None:
            query = query.where(Interview.candidate_id == candidate_id)
        if runner_id is not None:
            query = query.where(or_(Interview.recruiter_id == runner_id, Interview.interviewer_id == runner_id))
        if application_id is not None:
            query = query.where(Interview.application_id == application_id)
        if status is not None:
            query = query.where(Interview.status == status)
        query = query.order_by(Interview.scheduled_at, Interview.id).limit(limit).offset(offset)
        return list(await self.session.scalars(query))

    async def cancel_scheduled(self, application_id: uuid.UUID) -> int:
        """Cancel the application's interviews that have not happened; how many there were."""
        result = await self.session.execute(
            update(Interview)
            .where(Interview.application_id == application_id, Interview.status == "scheduled")
            .values(status="cancelled")
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def delete_of_candidate(self, candidate_id: uuid.UUID) -> None:
        """Delete a candidate's interviews and the feedback about them."""
        await self.session.execute(delete(Interview).where(Interview.candidate_id == candidate_id))

    async def forget_staff(self, user_id: uuid.UUID) -> None:
        """Drop a deleted recruiter or interviewer from the interviews they owned or ran."""
        await self.session.execute(update(Interview).where(Interview.recruiter_id == user_id).values(recruiter_id=None))
        await self.session.execute(
            update(Interview).where(Interview.interviewer_id == user_id).values(interviewer_id=None)
        )
