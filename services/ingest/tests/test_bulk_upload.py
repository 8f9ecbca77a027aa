"""Bulk upload for a job over real HTTP: files stream in, events stream out as each is stored, parsed and scored."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from nats.js import JetStreamContext

from contracts.events import MatchComputed
from contracts.events.matcher import MatchComputedPayload
from services.ingest import bulk
from services.ingest.app import create_app
from services.ingest.domain.filetypes import ArchiveLimits
from services.ingest.settings import IngestSettings
from services.ingest.tests.job_events import post_job
from talentkit.testing.bus import eventually, publish
from talentkit.testing.plugin import running_app, serving_http
from talentkit.testing.servers import free_port
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
FileParts = list[tuple[str, tuple[str, bytes, str]]]


async def sse_events(response: httpx.Response) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """The (event, data) pairs of a Server-Sent Events response, as they arrive (comments skipped)."""
    event, data = "message", ""
    async for line in response.aiter_lines():
        if line == "":
            if data:
                yield event, json.loads(data)
            event, data = "message", ""
        elif line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data += line.removeprefix("data: ")


def _text_files(count: int) -> FileParts:
    run = uuid.uuid4().hex
    return [
        (
            "files",
            (f"cv-{n}.txt", f"Person Number{n}\nPython and SQL engineer, run {run} file {n}\n".encode(), "text/plain"),
        )
        for n in range(count)
    ]


def _score(index: int) -> float:
    return float(40 + index % 50)


async def test_two_hundred_files_stream_uploaded_parsed_and_scored_events(
    tmp_path: Path, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    port = free_port()
    settings = IngestSettings(
        port=port, storage_dir=tmp_path / "files", bulk_stream_timeout_seconds=240, bulk_poll_seconds=2
    )
    recruiter = uuid.uuid4()
    headers = {**test_issuer.headers(recruiter, role="recruiter"), "Accept": "text/event-stream"}
    files = _text_files(200)
    # Bad files in the middle do not stop the rest; a file sent twice is one resume.
    files.insert(50, ("files", ("picture.pdf", PNG, "application/pdf")))
    files.insert(120, ("files", ("../../secret/empty.txt", b"", "text/plain")))
    files.insert(150, ("files", ("broken.pdf", b"%PDF-1.7\n" + b"\x8f\x00 not a pdf body " * 50, "application/pdf")))
    files.append(("files", ("again.txt", files[0][1][1], "text/plain")))
    png, empty, broken, again = 50, 120, 150, len(files) - 1

    async with (
        serving_http(create_app(settings), port) as base_url,
        httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(30, read=300)) as client,
    ):
        job_id = await post_job(js, client, test_issuer, recruiter)
        other_job = uuid.uuid4()
        seen: list[tuple[str, dict[str, Any]]] = []
        async with client.stream("POST", f"/api/v1/jobs/{job_id}/resumes", headers=headers, files=files) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            async for event, data in sse_events(response):
                seen.append((event, data))
                if event == "parsed":
                    # The matcher is not running here: score as it would, plus a score for another job to ignore.
                    resume_id = uuid.UUID(data["resume_id"])
                    index = len([e for e, _ in seen if e == "parsed"])
                    for job, score in ((other_job, 1.0), (uuid.UUID(job_id), _score(index))):
                        payload = MatchComputedPayload(
                            job_id=job, resume_id=resume_id, score=score, semantic_similarity=0.5, scoring_version="t"
                        )
                        await publish(js, MatchComputed.build(payload, producer="matcher"))

    by_event: dict[str, list[dict[str, Any]]] = {}
    for event, data in seen:
        by_event.setdefault(event, []).append(data)
    assert seen[-1][0] == "done"
    uploaded = {data["index"]: data for data in by_event["uploaded"]}
    assert sorted(uploaded) == sorted(set(range(len(files))) - {png, empty})
    assert uploaded[again]["duplicate"] is True
    assert uploaded[again]["resume_id"] == uploaded[0]["resume_id"]
    assert sum(data["duplicate"] for data in uploaded.values()) == 1
    resume_ids = {data["resume_id"] for data in uploaded.values()}
    assert len(resume_ids) == 201
    assert {data["filename"] for data in uploaded.values()} == {f"cv-{n}.txt" for n in range(200)} | {
        "broken.pdf",
        "again.txt",
    }
    assert sorted((data["index"], data["code"], data["filename"]) for data in by_event["rejected"]) == [
        (png, "unsupported_file_type", "picture.pdf"),
        (empty, "empty_file", "empty.txt"),
    ]
    broken_id = uploaded[broken]["resume_id"]
    assert by_event["failed"] == [
        {"resume_id": broken_id, "code": "corrupt", "message": by_event["failed"][0]["message"]}
    ]
    parsed_ids = resume_ids - {broken_id}
    assert {data["resume_id"] for data in by_event["parsed"]} == parsed_ids
    assert all(data["skills_count"] >= 2 for data in by_event["parsed"]), "Python and SQL"
    scored = {data["resume_id"]: data for data in by_event["scored"]}
    assert set(scored) == parsed_ids
    assert {data["job_id"] for data in scored.values()} == {job_id}
    assert {data["score"] for data in scored.values()} <= {_score(n) for n in range(1, 201)}
    # Per resume: uploaded, then parsed, then scored.
    order = {rid: [e for e, d in seen if d.get("resume_id") == rid and e != "uploaded"] for rid in parsed_ids}
    assert all(events == ["parsed", "scored"] for events in order.values())
    first_seen = {rid: next(e for e, d in seen if d.get("resume_id") == rid) for rid in resume_ids}
    assert set(first_seen.values()) == {"uploaded"}
    assert by_event["done"] == [
        {
            "uploaded": 202,  # files: the one sent twice counts twice, as one resume
            "rejected": 2,
            "parsed": 200,
            "failed": 1,
            "scored": 200,
            "timed_out": False,
            "pending_parse": [],
            "pending_score": [],
        }
    ]
    # The staged parts are gone once the intake is over.
    staging = tmp_path / "files" / ".staging"
    await eventually(lambda: not any(path.is_file() for path in staging.rglob("*")))


@pytest.fixture
async def quick_ingest(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """Ingest with small bulk limits and a stream that gives up after two seconds (no matcher runs here)."""
    settings = IngestSettings(
        storage_dir=tmp_path / "files",
        max_upload_bytes=2000,
        bulk_max_files=3,
        bulk_max_files_per_day=4,
        bulk_stream_timeout_seconds=2,
        bulk_heartbeat_seconds=0.5,
        bulk_poll_seconds=0.5,
    )
    async with running_app(create_app(settings)) as client:
        yield client


def _done(body: str) -> dict[str, Any]:
    frames = [frame for frame in body.split("\n\n") if frame.startswith("event: done")]
    assert len(frames) == 1, body
    done: dict[str, Any] = json.loads(frames[0].split("data: ", 1)[1])
    return done


async def test_only_the_jobs_recruiter_or_an_admin_may_bulk_upload(
    quick_ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    recruiter = uuid.uuid4()
    job_id = await post_job(js, quick_ingest, test_issuer, recruiter)
    path = f"/api/v1/jobs/{job_id}/resumes"
    files = _text_files(1)
    candidate = await quick_ingest.post(path, headers=test_issuer.headers(uuid.uuid4(), role="candidate"), files=files)
    assert candidate.status_code == 403
    stranger = await quick_ingest.post(path, headers=test_issuer.headers(uuid.uuid4(), role="recruiter"), files=files)
    assert stranger.status_code == 404
    assert stranger.json()["error"]["code"] == "job_not_found"
    unknown = await quick_ingest.post(
        f"/api/v1/jobs/{uuid.uuid4()}/resumes", headers=test_issuer.headers(recruiter, role="recruiter"), files=files
    )
    assert unknown.status_code == 404
    assert (await quick_ingest.post(path, files=files)).status_code == 401

    too_large = ("files", ("big.txt", b"Jane Doe, Python developer. " * 100, "text/plain"))
    admin = await quick_ingest.post(
        path, headers=test_issuer.headers(uuid.uuid4(), role="admin"), files=[*files, too_large]
    )
    assert admin.status_code == 200
    assert 'event: rejected\ndata: {"index":1,"filename":"big.txt","code":"file_too_large"' in admin.text
    done = _done(admin.text)
    # The stream gave up waiting for a score (no matcher here) and says what is still pending.
    assert (done["uploaded"], done["rejected"]) == (1, 1)
    assert ": keep-alive\n\n" in admin.text, "comment lines keep a quiet stream open"
    assert done["timed_out"] is True
    assert len(done["pending_parse"]) + len(done["pending_score"]) == 1


async def test_files_per_request_and_per_day_are_limited(
    quick_ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    recruiter = uuid.uuid4()
    headers = test_issuer.headers(recruiter, role="recruiter")
    job_id = await post_job(js, quick_ingest, test_issuer, recruiter)
    path = f"/api/v1/jobs/{job_id}/resumes"

    too_many = await quick_ingest.post(path, headers=headers, files=_text_files(4))
    assert too_many.status_code == 413
    assert too_many.json()["error"]["code"] == "too_many_files"
    not_multipart = await quick_ingest.post(path, headers=headers, json={"files": []})
    assert not_multipart.status_code == 415
    no_files = await quick_ingest.post(path, headers=headers, data={"note": "hello"}, files={"x": ("", b"", "")})
    assert no_files.status_code == 422

    first = await quick_ingest.post(path, headers=headers, files=_text_files(3))
    assert first.status_code == 200
    assert _done(first.text)["uploaded"] == 3
    over = await quick_ingest.post(path, headers=headers, files=_text_files(2))
    assert over.status_code == 429
    error = over.json()["error"]
    assert error["code"] == "daily_file_limit"
    assert error["details"] == {"limit": 4, "used": 3, "requested": 2}
    assert 0 < int(over.headers["retry-after"]) <= 24 * 3600
    last = await quick_ingest.post(path, headers=headers, files=_text_files(1))
    assert last.status_code == 200
    # At the limit: refused before the body is even read.
    spent = await quick_ingest.post(path, headers=headers, files=_text_files(1))
    assert spent.status_code == 429
    assert spent.json()["error"]["details"]["used"] == 4
    # The limit is per user: another recruiter still may.
    other = uuid.uuid4()
    other_job = await post_job(js, quick_ingest, test_issuer, other)
    fresh = await quick_ingest.post(
        f"/api/v1/jobs/{other_job}/resumes", headers=test_issuer.headers(other, role="recruiter"), files=_text_files(1)
    )
    assert fresh.status_code == 200


async def test_a_file_failing_unexpectedly_is_rejected_and_the_files_after_it_still_go_in(
    quick_ingest: httpx.AsyncClient,
    test_issuer: Issuer,
    jetstream: tuple[object, JetStreamContext],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, js = jetstream
    checked_type = bulk._checked_type

    def disk_trouble(path: Path, limits: ArchiveLimits) -> str:
        if b"unreadable" in path.read_bytes():
            raise OSError("I/O error")
        return checked_type(path, limits)

    monkeypatch.setattr(bulk, "_checked_type", disk_trouble)
    recruiter = uuid.uuid4()
    job_id = await post_job(js, quick_ingest, test_issuer, recruiter)
    files: FileParts = [("files", ("first.txt", b"Jane Doe, unreadable resume", "text/plain")), *_text_files(1)]

    response = await quick_ingest.post(
        f"/api/v1/jobs/{job_id}/resumes", headers=test_issuer.headers(recruiter, role="recruiter"), files=files
    )

    assert response.status_code == 200
    assert 'event: rejected\ndata: {"index":0,"filename":"first.txt","code":"upload_failed"' in response.text
    assert 'event: uploaded\ndata: {"index":1,"filename":"cv-0.txt"' in response.text
    assert (_done(response.text)["uploaded"], _done(response.text)["rejected"]) == (1, 1)
