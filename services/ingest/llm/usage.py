"""The ledger of LLM calls: one row per HTTP call (`llm_calls`), the Prometheus counters, the monthly budget.

Each row is committed in its own transaction, so the tokens spent stay counted even when the
parse that caused them is retried or fails later.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.ingest.llm.metrics import LLM_CALLS, LLM_COST_USD, LLM_TOKENS
from services.ingest.models import LlmCall, LlmOutcome

_DETAIL_CHARS = 500


@dataclass(frozen=True)
class CallRecord:
    """What one LLM call cost and what came of it."""

    provider: str
    model: str
    prompt_version: str
    outcome: LlmOutcome
    latency_ms: int
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    resume_id: uuid.UUID | None = None
    detail: str | None = None


class UsageLedger(Protocol):
    """Where calls are recorded and the month's usage is read."""

    async def tokens_since(self, start: datetime) -> int:
        """Tokens (prompt + completion) recorded since `start`."""
        ...

    async def record(self, call: CallRecord) -> None:
        """Store one call."""
        ...


def month_start(now: datetime) -> datetime:
    """Midnight UTC on the first day of `now`'s month: the budget's period."""
    utc = now.astimezone(UTC)
    return datetime(utc.year, utc.month, 1, tzinfo=UTC)


def observe(call: CallRecord) -> None:
    """Count `call` in the Prometheus metrics."""
    LLM_CALLS.labels(call.provider, call.outcome).inc()
    if call.prompt_tokens:
        LLM_TOKENS.labels(call.provider, call.model, "prompt").inc(call.prompt_tokens)
    if call.completion_tokens:
        LLM_TOKENS.labels(call.provider, call.model, "completion").inc(call.completion_tokens)
    if call.cost_usd:
        LLM_COST_USD.labels(call.provider, call.model).inc(call.cost_usd)


class SqlUsageLedger:
    """The ledger in ingest's `llm_calls` table."""

    def __init__(self, transaction: Callable[[], AbstractAsyncContextManager[AsyncSession]]) -> None:
        self._transaction = transaction

    async def tokens_since(self, start: datetime) -> int:
        """Tokens (prompt + completion) recorded since `start`."""
        async with self._transaction() as session:
            total = await session.scalar(
                select(func.coalesce(func.sum(LlmCall.prompt_tokens + LlmCall.completion_tokens), 0)).where(
                    LlmCall.at >= start
                )
            )
        return int(total or 0)

    async def record(self, call: CallRecord) -> None:
        """Store one call in its own transaction."""
        async with self._transaction() as session:
            session.add(
                LlmCall(
                    resume_id=call.resume_id,
                    provider=call.provider,
                    model=call.model[:100],
                    prompt_version=call.prompt_version,
                    prompt_tokens=call.prompt_tokens,
                    completion_tokens=call.completion_tokens,
                    cost_usd=Decimal(f"{call.cost_usd:.6f}"),
                    latency_ms=call.latency_ms,
                    outcome=call.outcome,
                    detail=call.detail[:_DETAIL_CHARS] if call.detail else None,
                )
            )
