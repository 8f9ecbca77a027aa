"""Every real resume of the Kaggle set, uploaded as plain text over HTTP, is accepted and parsed.

Scraped text with encoding damage ("â\\x80¢" for "•") used to be refused as "not a document we can
read". The 962 rows are sent in one bulk upload to a job; the rows hold 166 distinct texts, and an
identical file from the same recruiter for the same job is the same resume, so each distinct text
is parsed once and every upload of it ends with that parse.
"""

from __future__ import annotations

import csv
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from nats.js import JetStreamContext

from contracts.events import MatchComputed
from contracts.events.matcher import MatchComputedPayload
from services.ingest.app import create_app
from services.ingest.settings import IngestSettings
from services.ingest.tests.conftest import SHARED_DATA
from services.ingest.tests.job_events import post_job
from services.ingest.tests.test_bulk_upload import sse_events
from talentkit.testing.bus import publish
from talentkit.testing.plugin import serving_http
from talentkit.testing.servers import free_port
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

KAGGLE = SHARED_DATA / "resume-categories" / "UpdatedResumeDataSet.csv"
# Measured at about 11 s on two shared cores; the bound leaves room for a busy machine.
TIME_LIMIT_SECONDS = 120


def kaggle_files() -> list[tuple[str, tuple[str, bytes, str]]]:
    if not KAGGLE.is_file():
        pytest.skip(f"shared data not available: {KAGGLE}")
    with KAGGLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        ("files", (f"kaggle-{index}.txt", row["Resume"].encode("utf-8"), "text/plain"))
        for index, row in enumerate(rows)
    ]


async def test_all_kaggle_resumes_are_accepted_and_parsed_through_bulk_upload(
    tmp_path: Path, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    files = kaggle_files()
    assert len(files) == 962
    distinct = {data for _, (_, data, _) in files}
    port = free_port()
    settings = IngestSettings(
        port=port,
        storage_dir=tmp_path / "files",
        bulk_max_files=len(files),
        bulk_stream_timeout_seconds=TIME_LIMIT_SECONDS,
        bulk_poll_seconds=2,
    )
    recruiter = uuid.uuid4()
    headers = {**test_issuer.headers(recruiter, role="recruiter"), "Accept": "text/event-stream"}
    seen: dict[str, list[dict[str, Any]]] = {}
    async with (
        serving_http(create_app(settings), port) as base_url,
        httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(60, read=TIME_LIMIT_SECONDS + 60)) as client,
    ):
        job_id = await post_job(js, client, test_issuer, recruiter)
        started = time.monotonic()
        async with client.stream("POST", f"/api/v1/jobs/{job_id}/resumes", headers=headers, files=files) as response:
            assert response.status_code == 200, await response.aread()
            async for event, data in sse_events(response):
                seen.setdefault(event, []).append(data)
                if event == "parsed":
                    # No matcher runs here: score each parsed resume so that the stream can finish.
                    payload = MatchComputedPayload(
                        job_id=uuid.UUID(job_id),
                        resume_id=uuid.UUID(data["resume_id"]),
                        score=50.0,
                        semantic_similarity=0.5,
                        scoring_version="t",
                    )
                    await publish(js, MatchComputed.build(payload, producer="matcher"))
        elapsed = time.monotonic() - started
        print(f"\n{len(files)} Kaggle resumes uploaded, {len(distinct)} distinct parsed, in {elapsed:.1f} s")  # noqa: T201 - the timing the issue asks for

        assert seen.get("rejected", []) == [], "no real resume is refused"
        uploaded = {data["index"]: data for data in seen["uploaded"]}
        assert sorted(uploaded) == list(range(len(files)))
        resume_ids = {data["resume_id"] for data in uploaded.values()}
        assert len(resume_ids) == len(distinct), "an identical file is the same resume"
        assert seen.get("failed", []) == []
        assert {data["resume_id"] for data in seen["parsed"]} == resume_ids
        assert seen["done"] == [
            {
                "uploaded": len(files),
                "rejected": 0,
                "parsed": len(distinct),
                "failed": 0,
                "scored": len(distinct),
                "timed_out": False,
                "pending_parse": [],
                "pending_score": [],
            }
        ]
        # The stored rows agree: every upload's resume ends `parsed`, with skills found in its text.
        recruiter_headers = test_issuer.headers(recruiter, role="recruiter")
        for resume_id in resume_ids:
            resume = (await client.get(f"/api/v1/resumes/{resume_id}", headers=recruiter_headers)).json()
            assert resume["status"] == "parsed", resume
        assert sum(data["skills_count"] > 0 for data in seen["parsed"]) >= 0.95 * len(distinct)
        assert elapsed < TIME_LIMIT_SECONDS
