"""Audit's HTTP API: the event log, for administrators."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from services.audit.domain.pages import DEFAULT_LIMIT, MAX_LIMIT, cut_page
from services.audit.repository import AuditFilter, AuditLog
from services.audit.settings import AuditSettings
from talentkit.auth import Principal, require_roles
from talentkit.service import Runtime, runtime_of

router = APIRouter()

AuditRuntime = Annotated[Runtime[AuditSettings, None], Depends(runtime_of)]
Admin = Annotated[Principal, Depends(require_roles("admin"))]
# Bounds of what PostgreSQL can compare with: `seq` is a bigint, and text cannot hold U+0000.
MAX_SEQ = 2**63 - 1
NO_NUL = r"^[^\x00]*$"


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    event_id: uuid.UUID
    subject: str
    event_type: str
    version: int
    occurred_at: datetime
    producer: str
    actor_id: str | None
    correlation_id: uuid.UUID | None
    causation_id: uuid.UUID | None
    payload: dict[str, Any]
    recorded_at: datetime


class AuditPage(BaseModel):
    events: list[AuditEventOut]
    next_before: int | None


@router.get("/api/v1/admin/audit", tags=["admin"], summary="The event log, newest first")
async def audit_log(
    _admin: Admin,
    rt: AuditRuntime,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    before: Annotated[int | None, Query(ge=1, le=MAX_SEQ, description="`next_before` of the previous page.")] = None,
    event_type: Annotated[str | None, Query(max_length=100, pattern=NO_NUL)] = None,
    correlation_id: uuid.UUID | None = None,
    actor_id: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
) -> AuditPage:
    """Every event the system published, newest first (by `occurred_at`); page with `before=next_before`."""
    query = AuditFilter(
        limit=limit + 1, before=before, event_type=event_type, correlation_id=correlation_id, actor_id=actor_id
    )
    async with rt.transaction() as session:
        rows = await AuditLog(session).newest(query)
    page, next_before = cut_page(rows, limit)
    return AuditPage(events=[AuditEventOut.model_validate(row) for row in page], next_before=next_before)
