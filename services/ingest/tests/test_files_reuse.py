"""The same file uploaded again (another job, another uploader) reuses its parse instead of parsing twice."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from contracts.events import ResumeParsed, ResumeUploaded
from services.ingest.app import create_app
from services.ingest.domain.profile import PARSER_VERSION
from services.ingest.settings import IngestSettings
from services.ingest.tests.job_events import ingest_row, post_job
from services.ingest.uploads import PARSER_VERSION_KEY
from talentkit.testing.bus import eventually, find_events
from talentkit.testing.plugin import running_app
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


@pytest.fixture
async def ingest(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(IngestSettings(storage_dir=tmp_path / "files"))) as client:
        yield client


async def _upload(client: httpx.AsyncClient, headers: dict[str, str], data: bytes, job_id: str) -> httpx.Response:
    return await client.post(
        "/api/v1/resumes", headers=headers, files={"file": ("cv.txt", data, "text/plain")}, data={"job_id": job_id}
    )


async def _event_about(js: JetStreamContext, subject: str, resume_id: str) -> dict[str, Any]:
    found = await eventually(
        lambda: find_events(js, subject, lambda body: body["payload"].get("resume_id") == resume_id), timeout=30
    )
    event: dict[str, Any] = found[0]
    return event


async def test_the_same_file_for_another_job_is_parsed_at_once_without_parsing_again(
    ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    first_recruiter, second_recruiter = uuid.uuid4(), uuid.uuid4()
    first_headers = test_issuer.headers(first_recruiter, role="recruiter")
    second_headers = test_issuer.headers(second_recruiter, role="recruiter")
    first_job = await post_job(js, ingest, test_issuer, first_recruiter)
    second_job = await post_job(js, ingest, test_issuer, second_recruiter)
    data = (
        f"Ada Lovelace\nada.{uuid.uuid4().hex[:8]}@example.org\nPython, PostgreSQL and Kubernetes engineer.\n".encode()
    )

    first = await _upload(ingest, first_headers, data, first_job)
    assert first.status_code == 202, first.text
    assert first.json()["status"] == "pending"
    first_id = first.json()["id"]
    first_parsed = await _event_about(js, ResumeParsed.subject, first_id)
    # Ingest keeps what it announced (from its own event) before the parse can be reused.
    await eventually(
        lambda: ingest_row(
            "SELECT 1 FROM ingest.resumes WHERE id = :id AND parse_summary IS NOT NULL", id=uuid.UUID(first_id)
        ),
        timeout=30,
    )

    second = await _upload(ingest, second_headers, data, second_job)
    assert second.status_code == 202, second.text
    body = second.json()
    # Parsing is asynchronous: `parsed` in the upload's own answer means no parse ran for it.
    assert body["status"] == "parsed"
    assert body["duplicate"] is False
    second_id = body["id"]
    assert second_id != first_id
    assert first_id not in second.text, "the other uploader's resume is never revealed"

    uploaded = await _event_about(js, ResumeUploaded.subject, second_id)
    parsed = await _event_about(js, ResumeParsed.subject, second_id)
    assert parsed["causation_id"] == uploaded["event_id"]
    assert parsed["correlation_id"] == uploaded["correlation_id"]
    assert parsed["payload"]["uploaded_by"] == str(second_recruiter)
    assert parsed["payload"]["job_id"] == second_job
    for field in ("name", "email", "skills", "embedding_text", "total_experience_months"):
        assert parsed["payload"][field] == first_parsed["payload"][field], field
    assert "Python" in parsed["payload"]["skills"]

    shown = (await ingest.get(f"/api/v1/resumes/{second_id}", headers=second_headers)).json()
    original = (await ingest.get(f"/api/v1/resumes/{first_id}", headers=first_headers)).json()
    assert shown["status"] == "parsed"
    assert shown["job_id"] == second_job
    assert shown["parsed"] == original["parsed"]
    # The parse consumer received the upload, and left the row alone: it was never claimed for parsing.
    await eventually(
        lambda: ingest_row(
            "SELECT 1 FROM ingest.inbox WHERE consumer = 'ingest-parse-resumes' AND event_id = :id",
            id=uuid.UUID(uploaded["event_id"]),
        ),
        timeout=30,
    )
    row = await ingest_row(
        "SELECT status, created_at = updated_at AS untouched FROM ingest.resumes WHERE id = :id",
        id=uuid.UUID(second_id),
    )
    assert row == {"status": "parsed", "untouched": True}


async def test_a_candidate_reupload_of_a_parsed_file_reuses_it_too(
    ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    data = f"Grace Hopper\nCOBOL and Fortran pioneer {uuid.uuid4().hex}\n".encode()
    recruiter = uuid.uuid4()
    job_id = await post_job(js, ingest, test_issuer, recruiter)
    first = await _upload(ingest, test_issuer.headers(recruiter, role="recruiter"), data, job_id)
    first_id = first.json()["id"]
    await _event_about(js, ResumeParsed.subject, first_id)
    await eventually(
        lambda: ingest_row(
            "SELECT 1 FROM ingest.resumes WHERE id = :id AND parse_summary IS NOT NULL", id=uuid.UUID(first_id)
        ),
        timeout=30,
    )
    candidate = uuid.uuid4()
    own = await ingest.post(
        "/api/v1/resumes",
        headers=test_issuer.headers(candidate, role="candidate"),
        files={"file": ("mine.txt", data, "text/plain")},
    )
    assert own.status_code == 202
    assert own.json()["status"] == "parsed"
    parsed = await _event_about(js, ResumeParsed.subject, own.json()["id"])
    assert parsed["payload"]["candidate_id"] == str(candidate)
    assert parsed["payload"]["job_id"] is None
    assert json.dumps(parsed).count(str(recruiter)) == 0, "nothing of the first upload leaks into the copy"


# A row's summary once kept (before that the column holds JSON null, which SQL's IS NOT NULL lets through).
_KEPT = "SELECT {what} FROM ingest.resumes WHERE id = :id AND jsonb_typeof(parse_summary) = 'object'"


async def _execute(query: str, **params: Any) -> None:
    engine = create_async_engine(os.environ["DATABASE_URL"])
    try:
        async with engine.begin() as conn:
            await conn.execute(text(query), params)
    finally:
        await engine.dispose()


async def test_a_parse_an_older_parser_made_is_not_reused(
    ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    data = f"Katherine Johnson\nFortran and orbital mechanics {uuid.uuid4().hex}\n".encode()
    recruiter = uuid.uuid4()
    headers = test_issuer.headers(recruiter, role="recruiter")
    first = await _upload(ingest, headers, data, await post_job(js, ingest, test_issuer, recruiter))
    first_id = uuid.UUID(first.json()["id"])
    await eventually(
        lambda: ingest_row(_KEPT.format(what="1"), id=first_id),
        timeout=30,
    )
    # As a summary kept before the parser's version was: without it.
    await _execute(
        "UPDATE ingest.resumes SET parse_summary = parse_summary - CAST(:key AS text) WHERE id = :id",
        key=PARSER_VERSION_KEY,
        id=first_id,
    )

    second = await _upload(ingest, headers, data, await post_job(js, ingest, test_issuer, recruiter))
    assert second.status_code == 202, second.text
    assert second.json()["status"] == "pending", "an unversioned parse is parsed again, not reused"
    second_id = second.json()["id"]
    parsed = await _event_about(js, ResumeParsed.subject, second_id)
    assert "Fortran" in parsed["payload"]["skills"]
    kept = await eventually(
        lambda: ingest_row(
            _KEPT.format(what="parse_summary ->> CAST(:key AS text) AS version"),
            key=PARSER_VERSION_KEY,
            id=uuid.UUID(second_id),
        ),
        timeout=30,
    )
    assert kept == {"version": str(PARSER_VERSION)}
