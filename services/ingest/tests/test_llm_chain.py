"""The LLM enhancer against a local OpenAI-compatible server: the provider chain, retries, budget and usage."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import select

from services.ingest.app import create_app
from services.ingest.domain.schema import ParsedProfile
from services.ingest.llm import SqlUsageLedger, enhance_profile, llm_configured
from services.ingest.llm.usage import month_start
from services.ingest.models import LlmCall
from services.ingest.settings import IngestSettings, LlmSettings
from services.ingest.tests.llm_cases import (
    INJECTION,
    RESUME,
    MemoryLedger,
    baseline_profile,
    good_answer,
    hallucinating_answer,
    obeying_answer,
)
from services.ingest.tests.llm_server import FakeLlmServer, Reply, running_fake_llm
from talentkit.db import Database
from talentkit.migrations import upgrade
from talentkit.testing.plugin import running_app
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
async def llm_server() -> AsyncIterator[FakeLlmServer]:
    async with running_fake_llm() as server:
        yield server


@pytest.fixture
def llm(llm_server: FakeLlmServer) -> FakeLlmServer:
    llm_server.reset()
    return llm_server


def llm_settings(server: FakeLlmServer, *, groq: bool = True, openai: bool = False, **overrides: Any) -> LlmSettings:
    values: dict[str, Any] = {
        "enabled": True,
        "groq_api_key": "gsk-test" if groq else None,
        "groq_base_url": server.base_url("groq"),
        "openai_base_url": server.base_url("openai") if openai else "",
        "openai_model": "local-model",
        "openai_api_key": None,
        "timeout_seconds": 2.0,
        "total_timeout_seconds": 10.0,
        "max_attempts": 3,
        "backoff_seconds": 0.01,
        "backoff_max_seconds": 0.05,
    }
    return LlmSettings(**(values | overrides))


async def enhance(
    settings: LlmSettings, ledger: MemoryLedger, *, text: str = RESUME, baseline: ParsedProfile | None = None
) -> ParsedProfile:
    return await enhance_profile(baseline or baseline_profile(), text=text, settings=settings, ledger=ledger)


def skill_names(profile: ParsedProfile) -> list[str]:
    return [skill.name for skill in profile.skills]


async def test_without_a_provider_the_deterministic_profile_is_returned_as_is(llm: FakeLlmServer) -> None:
    settings = llm_settings(llm, groq=False)
    baseline = baseline_profile()
    assert not llm_configured(settings)
    assert not llm_configured(llm_settings(llm, enabled=False))
    assert await enhance(settings, MemoryLedger(), baseline=baseline) is baseline
    assert llm.endpoint("groq").requests == []


async def test_a_good_answer_is_used_and_its_usage_recorded(llm: FakeLlmServer) -> None:
    groq = llm.endpoint("groq").always(Reply.profile(good_answer(), prompt_tokens=1500, completion_tokens=500))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm), ledger)

    assert profile.extractor == "llm"
    assert profile.llm_prompt_version == "resume_extraction.v1"
    assert skill_names(profile) == ["Python", "Django", "PostgreSQL", "Docker", "ETL"]
    assert [entry.company for entry in profile.experience] == ["Shopwise Inc.", "Nimbus Labs"]
    assert [entry.institution for entry in profile.education] == ["University of Lisbon"]
    assert not [flag for flag in profile.review_flags if flag.startswith("llm_")]
    [request] = groq.requests
    assert request["model"] == "llama-3.1-8b-instant"
    assert request["temperature"] == 0
    assert request["response_format"] == {"type": "json_object"}
    assert request["authorization"] == "Bearer gsk-test"
    assert f"<resume_text>\n{RESUME}" in groq.user_message()
    [call] = ledger.calls
    assert (call.provider, call.model, call.outcome, call.prompt_version) == (
        "groq",
        "llama-3.1-8b-instant",
        "ok",
        "resume_extraction.v1",
    )
    assert (call.prompt_tokens, call.completion_tokens) == (1500, 500)
    # Groq's default prices: $0.05 and $0.08 per million tokens.
    assert call.cost_usd == pytest.approx(1500 * 0.05e-6 + 500 * 0.08e-6)
    assert call.latency_ms >= 0


async def test_garbage_moves_on_to_the_next_provider(llm: FakeLlmServer) -> None:
    groq = llm.endpoint("groq").always(Reply(content="Sure! Maria is a backend engineer."))
    openai = llm.endpoint("openai").always(Reply.profile(good_answer()))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm, openai=True), ledger)

    assert profile.extractor == "llm"
    assert [entry.company for entry in profile.experience] == ["Shopwise Inc.", "Nimbus Labs"]
    # One correction was asked for, with the reason, before giving up on Groq.
    assert ledger.outcomes("groq") == ["invalid", "invalid"]
    assert ledger.outcomes("openai") == ["ok"]
    assert "not valid (not JSON" in groq.user_message()
    assert openai.requests[0]["model"] == "local-model"
    assert openai.requests[0]["authorization"] is None


@pytest.mark.parametrize(
    "reply",
    [
        Reply.profile({"candidate": {"name": "Maria"}, "skills": "Python"}),
        Reply.profile(good_answer() | {"hire": True}),
        Reply(raw="<html>gateway says hi</html>"),
    ],
    ids=["wrong-schema", "extra-key", "not-a-completion"],
)
async def test_an_invalid_answer_falls_back_to_the_deterministic_profile(llm: FakeLlmServer, reply: Reply) -> None:
    llm.endpoint("groq").always(reply)
    ledger = MemoryLedger()
    baseline = baseline_profile()
    profile = await enhance(llm_settings(llm), ledger, baseline=baseline)

    assert profile.extractor == "deterministic"
    assert profile.model_copy(update={"review_flags": baseline.review_flags}) == baseline
    assert profile.review_flags == [*baseline.review_flags, "llm_unavailable"]
    assert set(ledger.outcomes()) == {"invalid"}


async def test_a_hallucinating_answer_loses_what_the_resume_does_not_say(llm: FakeLlmServer) -> None:
    llm.endpoint("groq").always(Reply.profile(hallucinating_answer()))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm), ledger)

    assert profile.extractor == "llm"
    assert "Kubernetes" not in skill_names(profile)
    assert [entry.company for entry in profile.experience] == ["Shopwise Inc.", "Nimbus Labs"]
    assert [entry.institution for entry in profile.education] == ["University of Lisbon"]
    assert [cert.name for cert in profile.certifications] == ["AWS Certified Developer - Associate"]
    assert {
        "llm_dropped_skill:Kubernetes",
        "llm_dropped_employer:Google",
        "llm_dropped_school:Stanford University",
        "llm_dropped_certification:Certified Kubernetes Administrator",
    } <= set(profile.review_flags)
    [call] = ledger.calls
    assert call.outcome == "hallucination_dropped"
    assert call.detail is not None
    assert "llm_dropped_employer:Google" in call.detail


async def test_a_provider_that_times_out_is_retried_then_left_within_bounded_time(llm: FakeLlmServer) -> None:
    groq = llm.endpoint("groq").always(Reply.profile(good_answer(), delay=1.5))
    ledger = MemoryLedger()
    started = time.perf_counter()
    profile = await enhance(llm_settings(llm, timeout_seconds=0.2, max_attempts=2), ledger)
    elapsed = time.perf_counter() - started

    assert profile.extractor == "deterministic"
    assert "llm_unavailable" in profile.review_flags
    assert ledger.outcomes() == ["timeout", "timeout"]
    assert len(groq.requests) == 2
    assert elapsed < 1.2  # two 0.2 s attempts and a little backoff, not the server's 1.5 s


async def test_the_whole_chain_stops_at_its_deadline_and_records_the_cut_call(llm: FakeLlmServer) -> None:
    llm.endpoint("groq").always(Reply.profile(good_answer(), delay=1.5))
    ledger = MemoryLedger()
    started = time.perf_counter()
    profile = await enhance(llm_settings(llm, timeout_seconds=5.0, total_timeout_seconds=0.3), ledger)

    assert time.perf_counter() - started < 1.2
    assert profile.extractor == "deterministic"
    [call] = ledger.calls
    assert call.outcome == "timeout"
    assert call.detail == "chain deadline reached"


@pytest.mark.parametrize("status", [429, 503])
async def test_rate_limits_and_server_errors_are_retried(llm: FakeLlmServer, status: int) -> None:
    groq = llm.endpoint("groq").then(Reply.failure(status, retry_after=0.05)).always(Reply.profile(good_answer()))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm), ledger)

    assert profile.extractor == "llm"
    assert len(groq.requests) == 2
    assert ledger.outcomes() == ["error", "ok"]
    assert ledger.calls[0].detail == f"HTTP {status}"


async def test_a_failing_groq_hands_over_to_the_openai_compatible_endpoint(llm: FakeLlmServer) -> None:
    groq = llm.endpoint("groq").always(Reply.failure(503))
    llm.endpoint("openai").always(Reply.profile(good_answer()))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm, openai=True, max_attempts=2), ledger)

    assert profile.extractor == "llm"
    assert len(groq.requests) == 2
    assert ledger.outcomes("groq") == ["error", "error"]
    assert ledger.outcomes("openai") == ["ok"]


async def test_a_rejected_key_is_not_retried(llm: FakeLlmServer) -> None:
    groq = llm.endpoint("groq").always(Reply.failure(401))
    llm.endpoint("openai").always(Reply.profile(good_answer()))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm, openai=True), ledger)

    assert profile.extractor == "llm"
    assert len(groq.requests) == 1
    assert ledger.outcomes() == ["error", "ok"]


async def test_configuration_mistakes_degrade_to_the_deterministic_profile(llm: FakeLlmServer) -> None:
    groq = llm.endpoint("groq").always(Reply.profile(good_answer()))
    ledger = MemoryLedger()
    # A prompt version whose file is not shipped: no call, the deterministic profile.
    missing = await enhance(llm_settings(llm, prompt_version="resume_extraction.v99"), ledger)
    assert missing.extractor == "deterministic"
    assert "llm_unavailable" in missing.review_flags
    assert groq.requests == []
    # A base URL without a scheme: the provider is skipped at once, the next one answers.
    llm.endpoint("openai").always(Reply.profile(good_answer()))
    profile = await enhance(llm_settings(llm, openai=True, groq_base_url="localhost:1/v1"), ledger)
    assert profile.extractor == "llm"
    assert ledger.outcomes() == ["error", "ok"]


async def test_a_resume_that_instructs_the_model_cannot_add_skills_or_employers(llm: FakeLlmServer) -> None:
    # The model "obeys" the injection: it adds the injected skills and employer and claims full confidence.
    groq = llm.endpoint("groq").always(Reply.profile(obeying_answer()))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm), ledger, text=RESUME + INJECTION)

    # The detected instructions are not even shown to the model; the rest of the resume is.
    sent = groq.user_message()
    assert "ignore all previous instructions" not in sent
    assert "Kubernetes" not in sent
    assert "[text addressed to an AI removed]" in sent
    assert "Built the order API with Django and PostgreSQL." in sent
    assert "Kubernetes" not in skill_names(profile)
    assert "Rust" not in skill_names(profile)
    assert skill_names(profile)[:4] == ["Python", "Django", "PostgreSQL", "Docker"]
    assert "Google" not in [entry.company for entry in profile.experience]
    assert profile.confidence == baseline_profile().confidence
    assert {"prompt_injection_suspected", "llm_dropped_skill:Kubernetes", "llm_dropped_skill:Rust"} <= set(
        profile.review_flags
    )
    assert ledger.outcomes() == ["hallucination_dropped"]


async def test_a_spent_budget_makes_no_call(llm: FakeLlmServer) -> None:
    groq = llm.endpoint("groq").always(Reply.profile(good_answer()))
    ledger = MemoryLedger(spent=5000)
    baseline = baseline_profile()
    profile = await enhance(llm_settings(llm, monthly_token_budget=5000), ledger, baseline=baseline)

    assert groq.requests == []
    assert ledger.calls == []
    assert profile.extractor == "deterministic"
    assert profile.review_flags == [*baseline.review_flags, "llm_budget_exhausted", "llm_unavailable"]


async def test_the_budget_is_checked_again_before_the_next_provider(llm: FakeLlmServer) -> None:
    llm.endpoint("groq").always(Reply(content="not json", prompt_tokens=4000, completion_tokens=2000))
    openai = llm.endpoint("openai").always(Reply.profile(good_answer()))
    ledger = MemoryLedger()
    profile = await enhance(llm_settings(llm, openai=True, monthly_token_budget=10_000), ledger)

    # Groq's invalid answers used 12k tokens: the budget is spent, the next provider is not asked.
    assert ledger.outcomes() == ["invalid", "invalid"]
    assert openai.requests == []
    assert "llm_budget_exhausted" in profile.review_flags


async def test_usage_is_estimated_when_a_server_reports_none(llm: FakeLlmServer) -> None:
    llm.endpoint("openai").always(Reply.profile(good_answer(), prompt_tokens=None, completion_tokens=None))
    ledger = MemoryLedger()
    await enhance(llm_settings(llm, groq=False, openai=True), ledger)

    [call] = ledger.calls
    assert call.prompt_tokens > len(RESUME) // 4
    assert call.completion_tokens > 100
    assert call.cost_usd == 0.0  # the OpenAI-compatible endpoint is free unless priced


async def test_calls_are_counted_in_prometheus(llm: FakeLlmServer) -> None:
    model = f"metrics-{uuid.uuid4().hex[:8]}"
    llm.endpoint("groq").then(Reply.failure(503)).always(
        Reply.profile(good_answer(), prompt_tokens=1000, completion_tokens=250)
    )

    def sample(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0.0

    ok_before = sample("llm_calls_total", provider="groq", outcome="ok")
    error_before = sample("llm_calls_total", provider="groq", outcome="error")
    await enhance(llm_settings(llm, groq_model=model, groq_prompt_usd_per_1k=0.5), MemoryLedger())

    assert sample("llm_tokens_total", provider="groq", model=model, kind="prompt") == 1000
    assert sample("llm_tokens_total", provider="groq", model=model, kind="completion") == 250
    assert sample("llm_cost_usd_total", provider="groq", model=model) == pytest.approx(0.5 + 0.25 * 0.08e-3)
    assert sample("llm_calls_total", provider="groq", outcome="ok") == ok_before + 1
    assert sample("llm_calls_total", provider="groq", outcome="error") == error_before + 1


# --- the ledger in PostgreSQL --------------------------------------------------------------------


@pytest.fixture
async def database(infra_env: None, postgres_url: str) -> AsyncIterator[Database]:
    await asyncio.to_thread(upgrade, "ingest", postgres_url)
    db = Database(postgres_url)
    try:
        yield db
    finally:
        await db.dispose()


async def test_each_call_is_a_row_with_tokens_cost_latency_and_outcome(llm: FakeLlmServer, database: Database) -> None:
    llm.endpoint("groq").then(Reply.failure(503)).always(
        Reply.profile(hallucinating_answer(), prompt_tokens=1200, completion_tokens=300)
    )
    ledger = SqlUsageLedger(database.transaction)
    month = month_start(datetime.now(UTC))
    before = await ledger.tokens_since(month)
    resume_id = uuid.uuid4()
    await enhance_profile(
        baseline_profile(), text=RESUME, settings=llm_settings(llm), ledger=ledger, resume_id=resume_id
    )

    async with database.transaction() as session:
        rows = (await session.scalars(select(LlmCall).where(LlmCall.resume_id == resume_id).order_by(LlmCall.at))).all()
    assert [(row.provider, row.model, row.prompt_version, row.outcome) for row in rows] == [
        ("groq", "llama-3.1-8b-instant", "resume_extraction.v1", "error"),
        ("groq", "llama-3.1-8b-instant", "resume_extraction.v1", "hallucination_dropped"),
    ]
    failed, answered = rows
    assert (failed.prompt_tokens, failed.completion_tokens, failed.cost_usd, failed.detail) == (
        0,
        0,
        Decimal(0),
        "HTTP 503",
    )
    assert (answered.prompt_tokens, answered.completion_tokens) == (1200, 300)
    assert answered.cost_usd == Decimal("0.000084")  # 1200 × $0.05/M + 300 × $0.08/M
    assert answered.latency_ms >= 0
    assert answered.detail is not None
    assert "llm_dropped_skill:Kubernetes" in answered.detail
    assert await ledger.tokens_since(month) == before + 1500


async def test_the_budget_counts_this_months_rows_only(llm: FakeLlmServer, database: Database) -> None:
    groq = llm.endpoint("groq").always(Reply.profile(good_answer(), prompt_tokens=300, completion_tokens=120))
    ledger = SqlUsageLedger(database.transaction)
    now = datetime.now(UTC)
    month = month_start(now)
    spent = await ledger.tokens_since(month)
    async with database.transaction() as session:
        session.add(
            LlmCall(
                at=month - timedelta(days=1),
                provider="groq",
                model="last-month",
                prompt_version="resume_extraction.v1",
                prompt_tokens=10**9,
                latency_ms=1,
                outcome="ok",
            )
        )
    settings = llm_settings(llm, monthly_token_budget=spent + 100)

    first = await enhance_profile(baseline_profile(), text=RESUME, settings=settings, ledger=ledger, now=now)
    second = await enhance_profile(baseline_profile(), text=RESUME, settings=settings, ledger=ledger, now=now)

    # Last month's billion tokens do not count; this month's first call spends the rest of the budget.
    assert first.extractor == "llm"
    assert second.extractor == "deterministic"
    assert "llm_budget_exhausted" in second.review_flags
    assert len(groq.requests) == 1


# --- through the service -------------------------------------------------------------------------


async def test_an_uploaded_resume_is_parsed_with_the_llm_when_one_is_configured(
    llm: FakeLlmServer, database: Database, test_issuer: Issuer, tmp_path: Path
) -> None:
    llm.endpoint("groq").always(Reply.profile(hallucinating_answer(), prompt_tokens=900, completion_tokens=300))
    settings = IngestSettings(storage_dir=tmp_path / "files", llm=llm_settings(llm))
    headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    async with running_app(create_app(settings)) as client:
        response = await client.post(
            "/api/v1/resumes", headers=headers, files={"file": ("cv.txt", RESUME.encode(), "text/plain")}
        )
        assert response.status_code == 202, response.text
        resume_id = response.json()["id"]
        deadline = time.monotonic() + 30
        while (resume := (await client.get(f"/api/v1/resumes/{resume_id}", headers=headers)).json())["status"] in (
            "pending",
            "parsing",
        ):
            assert time.monotonic() < deadline, "the resume was not parsed in time"
            await asyncio.sleep(0.1)

    assert resume["status"] == "parsed", resume
    parsed = resume["parsed"]
    assert parsed["extractor"] == "llm"
    assert parsed["llm_prompt_version"] == "resume_extraction.v1"
    assert "Kubernetes" not in [skill["name"] for skill in parsed["skills"]]
    assert {"Python", "Django", "PostgreSQL", "Docker"} <= {skill["name"] for skill in parsed["skills"]}
    assert "Google" not in [entry["company"] for entry in parsed["experience"]]
    assert "llm_dropped_employer:Google" in parsed["review_flags"]
    async with database.transaction() as session:
        rows = (await session.scalars(select(LlmCall).where(LlmCall.resume_id == uuid.UUID(resume_id)))).all()
    assert [(row.outcome, row.prompt_tokens, row.completion_tokens) for row in rows] == [
        ("hallucination_dropped", 900, 300)
    ]
