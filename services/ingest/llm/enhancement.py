"""The LLM extraction enhancer: ask the provider chain for a profile, check it, merge it into the deterministic one.

The chain is Groq, then an OpenAI-compatible endpoint, then nothing: the deterministic profile is
always the fallback, so any failure (no provider, budget spent, timeouts, errors, invalid answers,
the whole chain running past its deadline) returns it unchanged apart from a review flag.
Each HTTP call is recorded in the usage ledger with its tokens and estimated cost.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_random_exponential

from contracts.skills import Taxonomy, default_taxonomy
from services.ingest.domain.schema import ParsedProfile
from services.ingest.llm.grounding import GroundedProfile, SourceText, ground_profile
from services.ingest.llm.merging import merge_profiles, with_flags
from services.ingest.llm.metrics import LLM_BUDGET_SKIPS
from services.ingest.llm.prompts import Message, PromptNotFoundError, PromptTemplate, load_prompt
from services.ingest.llm.providers import ChatReply, Provider, ProviderCallError, chat_completion, configured_providers
from services.ingest.llm.usage import CallRecord, UsageLedger, month_start, observe
from services.ingest.llm.validation import InvalidReplyError, parse_reply
from services.ingest.models import LlmOutcome
from services.ingest.settings import LlmSettings
from talentkit.logs import get_logger

log = get_logger(__name__)

BUDGET_EXHAUSTED_FLAG = "llm_budget_exhausted"
UNAVAILABLE_FLAG = "llm_unavailable"
_REPAIR_ECHO_CHARS = 4000


def llm_configured(settings: LlmSettings) -> bool:
    """Whether any LLM provider is configured (otherwise only the deterministic extractor runs)."""
    return bool(configured_providers(settings))


@dataclass
class _Run:
    """One resume's pass through the chain: what it needs, and the call in flight (for the deadline)."""

    settings: LlmSettings
    ledger: UsageLedger
    client: httpx.AsyncClient
    prompt: PromptTemplate
    source: SourceText
    taxonomy: Taxonomy
    resume_id: uuid.UUID | None
    in_flight: tuple[Provider, float] | None = None
    flags: list[str] = field(default_factory=list)

    async def record(
        self,
        provider: Provider,
        outcome: LlmOutcome,
        *,
        latency_ms: int,
        reply: ChatReply | None = None,
        detail: str | None = None,
    ) -> None:
        """Store one call in the ledger and count it in the metrics."""
        prompt_tokens = reply.prompt_tokens if reply else 0
        completion_tokens = reply.completion_tokens if reply else 0
        call = CallRecord(
            provider=provider.name,
            model=provider.model,
            prompt_version=self.prompt.version,
            outcome=outcome,
            latency_ms=latency_ms,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=provider.cost_usd(prompt_tokens, completion_tokens),
            resume_id=self.resume_id,
            detail=detail,
        )
        observe(call)
        await self.ledger.record(call)

    async def budget_spent(self, now: datetime) -> bool:
        """Whether this month's recorded tokens have reached the budget."""
        used = await self.ledger.tokens_since(month_start(now))
        return used >= self.settings.monthly_token_budget


async def enhance_profile(
    baseline: ParsedProfile,
    *,
    text: str,
    settings: LlmSettings,
    ledger: UsageLedger,
    resume_id: uuid.UUID | None = None,
    taxonomy: Taxonomy | None = None,
    client: httpx.AsyncClient | None = None,
    now: datetime | None = None,
) -> ParsedProfile:
    """`baseline` (the deterministic profile of `text`) enriched by the first LLM provider that answers well."""
    providers = configured_providers(settings)
    if not providers:
        return baseline
    now = now or datetime.now(UTC)
    try:
        prompt = load_prompt(settings.prompt_version)
    except PromptNotFoundError:
        # A deployment without its prompt files must still parse resumes: deterministically.
        log.error("ingest.llm_prompt_missing", prompt_version=settings.prompt_version)
        return with_flags(baseline, UNAVAILABLE_FLAG)
    taxonomy = taxonomy or default_taxonomy()
    source = await asyncio.to_thread(SourceText.of, text, taxonomy)
    async with _http_client(client) as http:
        run = _Run(settings, ledger, http, prompt, source, taxonomy, resume_id)
        grounded, provider = await _first_answer(run, providers, source.for_model()[: settings.max_input_chars], now)
    if grounded is None or provider is None:
        return with_flags(baseline, *run.flags, UNAVAILABLE_FLAG)
    log.info(
        "ingest.llm_profile",
        resume_id=str(resume_id) if resume_id else None,
        provider=provider.name,
        model=provider.model,
        prompt_version=prompt.version,
        dropped=len(grounded.dropped),
        injection_suspected=source.has_injection,
    )
    return await asyncio.to_thread(
        merge_profiles, baseline, grounded, source=source, prompt_version=prompt.version, today=now.date()
    )


@asynccontextmanager
async def _http_client(client: httpx.AsyncClient | None) -> AsyncIterator[httpx.AsyncClient]:
    if client is not None:
        yield client
        return
    async with httpx.AsyncClient() as own:
        yield own


async def _first_answer(
    run: _Run, providers: list[Provider], text: str, now: datetime
) -> tuple[GroundedProfile | None, Provider | None]:
    """The grounded answer of the first provider that gives a valid one, within the chain's deadline."""
    if len(text) == run.settings.max_input_chars:
        log.info("ingest.llm_input_truncated", chars=len(run.source.original), sent=len(text))
    try:
        async with asyncio.timeout(run.settings.total_timeout_seconds):
            for provider in providers:
                # Checked before each provider: the previous one may have spent the rest of the budget.
                if await run.budget_spent(now):
                    LLM_BUDGET_SKIPS.inc()
                    log.warning("ingest.llm_budget_exhausted", budget=run.settings.monthly_token_budget)
                    run.flags.append(BUDGET_EXHAUSTED_FLAG)
                    return None, None
                grounded = await _ask(run, provider, run.prompt.messages(text))
                if grounded is not None:
                    return grounded, provider
    except TimeoutError:
        log.warning("ingest.llm_deadline_exceeded", seconds=run.settings.total_timeout_seconds)
        if run.in_flight is not None:
            provider, started = run.in_flight
            elapsed = round((time.perf_counter() - started) * 1000)
            await run.record(provider, "timeout", latency_ms=elapsed, detail="chain deadline reached")
    return None, None


async def _ask(run: _Run, provider: Provider, messages: list[Message]) -> GroundedProfile | None:
    """One provider's checked answer, asking again (with the reason) when a reply is not valid."""
    for _ in range(1 + run.settings.invalid_output_retries):
        reply = await _call(run, provider, messages)
        if reply is None:
            return None
        try:
            candidate = parse_reply(reply.content)
        except InvalidReplyError as exc:
            await run.record(provider, "invalid", latency_ms=reply.latency_ms, reply=reply, detail=str(exc))
            log.warning("ingest.llm_invalid_reply", provider=provider.name, reason=str(exc))
            messages = [
                *messages,
                {"role": "assistant", "content": reply.content[:_REPAIR_ECHO_CHARS]},
                {
                    "role": "user",
                    "content": f"That reply was not valid ({exc}). Answer again with one JSON object of the shape "
                    "given, using only the keys shown, and nothing else.",
                },
            ]
            continue
        grounded = await asyncio.to_thread(ground_profile, candidate, run.source, run.taxonomy)
        outcome: LlmOutcome = "hallucination_dropped" if grounded.hallucinated else "ok"
        detail = ", ".join(grounded.dropped) if grounded.hallucinated else None
        await run.record(provider, outcome, latency_ms=reply.latency_ms, reply=reply, detail=detail)
        return grounded
    return None


def _backoff(settings: LlmSettings) -> Callable[[RetryCallState], float]:
    """Exponential backoff with full jitter; a server's Retry-After is honoured up to the cap."""
    jittered = wait_random_exponential(multiplier=settings.backoff_seconds, max=settings.backoff_max_seconds)

    def wait(state: RetryCallState) -> float:
        delay = float(jittered(state))
        failure = state.outcome.exception() if state.outcome is not None else None
        if isinstance(failure, ProviderCallError) and failure.retry_after is not None:
            delay = max(delay, failure.retry_after)
        return min(delay, settings.backoff_max_seconds)

    return wait


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, ProviderCallError) and exc.retryable


async def _call(run: _Run, provider: Provider, messages: list[Message]) -> ChatReply | None:
    """One reply from `provider`, retrying 429, 5xx, timeouts and connection errors; None when it gives none."""
    settings = run.settings
    retrying = AsyncRetrying(
        stop=stop_after_attempt(settings.max_attempts),
        wait=_backoff(settings),
        retry=retry_if_exception(_retryable),
        reraise=True,
    )
    try:
        async for attempt in retrying:
            with attempt:
                # Left set if the chain's deadline cancels the call, so that call is recorded too.
                run.in_flight = (provider, time.perf_counter())
                try:
                    reply = await chat_completion(
                        run.client,
                        provider,
                        messages,
                        timeout_seconds=settings.timeout_seconds,
                        max_output_tokens=settings.max_output_tokens,
                    )
                except ProviderCallError as exc:
                    run.in_flight = None
                    await run.record(provider, exc.outcome, latency_ms=exc.latency_ms, detail=exc.detail)
                    log.warning(
                        "ingest.llm_call_failed",
                        provider=provider.name,
                        attempt=attempt.retry_state.attempt_number,
                        outcome=exc.outcome,
                        detail=exc.detail,
                    )
                    raise
                run.in_flight = None
                return reply
    except ProviderCallError:
        return None
    return None
