"""Ingest end to end in-process: HTTP upload → JetStream → parsing consumer → events, on real PostgreSQL and NATS."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from nats.js import JetStreamContext

from contracts.events import ResumeParsed, ResumeParseFailed, ResumeUploaded, UserDeleted
from contracts.events.identity import UserDeletedPayload
from services.ingest import uploads
from services.ingest.app import create_app
from services.ingest.settings import IngestSettings
from services.ingest.storage import sha256_of
from services.ingest.tests.conftest import SampleReader, dense_pdf
from services.ingest.tests.job_events import post_job
from talentkit.testing.plugin import running_app
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

PDF_TYPE = "application/pdf"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture(scope="session")
def storage_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file store for the session: a consumer of a later test may parse an upload an earlier test left queued."""
    return tmp_path_factory.mktemp("ingest-files")


@asynccontextmanager
async def ingest_app(storage_dir: Path, **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
    settings = IngestSettings(storage_dir=storage_dir, **overrides)
    async with running_app(create_app(settings)) as client:
        yield client


@pytest.fixture
async def ingest(storage_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with ingest_app(storage_dir) as client:
        yield client


async def upload(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    data: bytes,
    *,
    filename: str = "resume.pdf",
    content_type: str = PDF_TYPE,
    job_id: str | None = None,
) -> httpx.Response:
    form = {"job_id": job_id} if job_id is not None else None
    return await client.post(
        "/api/v1/resumes", headers=headers, files={"file": (filename, data, content_type)}, data=form
    )


async def event_for(js: JetStreamContext, subject: str, resume_id: str, *, timeout: float = 30.0) -> dict[str, Any]:
    """The event on `subject` about `resume_id` (the stream is replayed from the start)."""
    sub = await js.subscribe(subject, ordered_consumer=True)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while (remaining := deadline - loop.time()) > 0:
            try:
                msg = await sub.next_msg(timeout=remaining)
            except TimeoutError:  # nats-py may raise a bare asyncio.TimeoutError
                break
            body: dict[str, Any] = json.loads(msg.data)
            if body["payload"].get("resume_id") == resume_id:
                return body
    finally:
        await sub.unsubscribe()
    pytest.fail(f"no event on {subject} for resume {resume_id}")


async def test_an_uploaded_pdf_is_parsed_and_announced(
    ingest: httpx.AsyncClient,
    test_issuer: Issuer,
    jetstream: tuple[object, JetStreamContext],
    sample_pdf: SampleReader,
) -> None:
    _, js = jetstream
    candidate = uuid.uuid4()
    headers = test_issuer.headers(candidate, role="candidate")
    # The declared type and name are lies: the bytes decide.
    response = await upload(ingest, headers, sample_pdf("john_doe.pdf"), filename="cv.txt", content_type="text/plain")
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status"] == "pending"
    assert body["duplicate"] is False
    resume_id = body["id"]

    uploaded = await event_for(js, ResumeUploaded.subject, resume_id)
    assert uploaded["payload"]["content_type"] == PDF_TYPE
    assert uploaded["actor_id"] == str(candidate)

    parsed = await event_for(js, ResumeParsed.subject, resume_id)
    payload = parsed["payload"]
    assert payload["uploaded_by"] == payload["candidate_id"] == str(candidate)
    assert payload["job_id"] is None
    assert payload["name"] == "John Doe"
    assert payload["email"] == "john.doe@email.com"
    assert {"Java", "Spring Boot", "Angular", "Docker"} <= set(payload["skills"])
    assert "Spring Boot" in payload["embedding_text"]
    assert "john.doe@email.com" not in payload["embedding_text"]
    assert parsed["correlation_id"] == uploaded["correlation_id"], "the parse belongs to the upload's flow"

    resume = (await ingest.get(f"/api/v1/resumes/{resume_id}", headers=headers)).json()
    assert resume["status"] == "parsed"
    assert resume["content_type"] == PDF_TYPE
    assert resume["error_code"] is None
    java = next(skill for skill in resume["parsed"]["skills"] if skill["name"] == "Java")
    assert java["category"] == "languages"
    assert {"skills-section", "job:ABC Company, Inc."} <= set(java["evidence"])
    assert java["months_experience"] > 24, "both jobs used Java"
    assert [job["company"] for job in resume["parsed"]["experience"]] == ["ABC Company, Inc.", "XYZ Solutions"]
    assert resume["parsed"]["phone"] == "(123) 456-7890"
    assert {"kind": "github", "url": "https://github.com/johndoe"} in resume["parsed"]["links"]


async def test_a_docx_is_parsed_too(
    ingest: httpx.AsyncClient,
    test_issuer: Issuer,
    jetstream: tuple[object, JetStreamContext],
    resume_docx: bytes,
) -> None:
    _, js = jetstream
    headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    response = await upload(ingest, headers, resume_docx, filename="cv.docx", content_type="application/octet-stream")
    assert response.status_code == 202, response.text
    parsed = await event_for(js, ResumeParsed.subject, response.json()["id"])
    assert parsed["payload"]["name"] == "Jane Q. Smith"
    assert parsed["payload"]["skills"] == ["Python", "Go", "Kubernetes", "Terraform", "PostgreSQL"]


async def test_a_corrupt_pdf_fails_with_a_reason(
    ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    response = await upload(ingest, headers, b"%PDF-1.7\n" + b"\x8f\x00 not a pdf body " * 50)
    assert response.status_code == 202, response.text
    resume_id = response.json()["id"]

    failed = await event_for(js, ResumeParseFailed.subject, resume_id)
    assert failed["payload"]["code"] == "corrupt"
    assert "damaged" in failed["payload"]["reason"]

    resume = (await ingest.get(f"/api/v1/resumes/{resume_id}", headers=headers)).json()
    assert resume["status"] == "failed"
    assert resume["error_code"] == "corrupt"
    assert resume["error"] == failed["payload"]["reason"]
    assert resume["parsed"] is None


async def test_a_pdf_needing_more_memory_than_allowed_fails_as_too_complex(
    tmp_path: Path, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    # About 100 KB that took over 400 MB to read in the service's own process.
    bomb = dense_pdf(1_000_000)
    async with ingest_app(tmp_path, extraction_memory_bytes=128 * 1024 * 1024) as client:
        response = await upload(client, headers, bomb)
        assert response.status_code == 202, response.text
        resume_id = response.json()["id"]

        failed = await event_for(js, ResumeParseFailed.subject, resume_id)
        assert failed["payload"]["code"] == "too_complex"
        resume = (await client.get(f"/api/v1/resumes/{resume_id}", headers=headers)).json()
        assert (resume["status"], resume["error_code"]) == ("failed", "too_complex")
        # The next file is read as usual.
        good = await upload(client, headers, f"Jane Doe\nPython developer {uuid.uuid4()}\n".encode())
        await event_for(js, ResumeParsed.subject, good.json()["id"])


async def test_files_that_are_not_resumes_are_refused(ingest: httpx.AsyncClient, test_issuer: Issuer) -> None:
    headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    png = await upload(ingest, headers, PNG, filename="resume.pdf", content_type=PDF_TYPE)
    assert png.status_code == 415
    assert png.json()["error"]["code"] == "unsupported_file_type"
    assert "we accept PDF, DOCX or plain text" in png.json()["error"]["message"]

    empty = await upload(ingest, headers, b"", filename="resume.txt", content_type="text/plain")
    assert empty.status_code == 422
    assert empty.json()["error"]["code"] == "empty_file"

    no_file = await ingest.post("/api/v1/resumes", headers=headers, data={"job_id": ""})
    assert no_file.status_code == 422

    assert (
        await ingest.post("/api/v1/resumes", files={"file": ("a.txt", b"Jane Doe", "text/plain")})
    ).status_code == 401


async def test_oversized_files_are_refused_with_the_limit(storage_dir: Path, test_issuer: Issuer) -> None:
    headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    async with ingest_app(storage_dir, max_upload_bytes=10 * 1024) as client:
        # Just over the limit: the declared body size passes, the file itself does not.
        slightly = await upload(client, headers, b"Jane Doe, Python developer. " * 400, content_type="text/plain")
        assert slightly.status_code == 413
        assert slightly.json()["error"] == {
            "code": "file_too_large",
            "message": "the file is larger than the 10 KB limit",
            "request_id": slightly.headers["x-request-id"],
        }
        # Far over: refused from the Content-Length alone.
        far = await upload(client, headers, b"x" * 500_000, content_type="text/plain")
        assert far.status_code == 413
        # Far over without a Content-Length: refused while the body streams in.
        chunked = await client.post(
            "/api/v1/resumes",
            headers={**headers, "Content-Type": "multipart/form-data; boundary=tcboundary"},
            content=_chunked_multipart(b"x" * 500_000),
        )
        assert "content-length" not in chunked.request.headers
        assert chunked.status_code == 413
        within = await upload(client, headers, b"Jane Doe, Python developer. " * 300, content_type="text/plain")
        assert within.status_code == 202, within.text


async def _chunked_multipart(data: bytes) -> AsyncIterator[bytes]:
    head = b'--tcboundary\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
    yield head + b"Content-Type: text/plain\r\n\r\n"
    for start in range(0, len(data), 16 * 1024):
        yield data[start : start + 16 * 1024]
    yield b"\r\n--tcboundary--\r\n"


async def test_a_repeated_upload_returns_the_same_resume(
    ingest: httpx.AsyncClient,
    test_issuer: Issuer,
    sample_pdf: SampleReader,
    jetstream: tuple[object, JetStreamContext],
) -> None:
    data = sample_pdf("barry_allen_fe.pdf")
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    first = await upload(ingest, recruiter, data)
    again = await upload(ingest, recruiter, data, filename="other-name.pdf")
    assert first.status_code == 202
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["duplicate"] is True

    # The same file for a job, or from someone else, is a different resume.
    job_id = await post_job(jetstream[1], ingest, test_issuer, recruiter_id)
    for_job = await upload(ingest, recruiter, data, job_id=job_id)
    assert for_job.status_code == 202
    assert for_job.json()["id"] != first.json()["id"]
    assert (await upload(ingest, recruiter, data, job_id=job_id)).json()["id"] == for_job.json()["id"]
    someone_else = await upload(ingest, test_issuer.headers(uuid.uuid4(), role="candidate"), data)
    assert someone_else.status_code == 202
    assert someone_else.json()["id"] != first.json()["id"]


async def test_a_file_whose_resume_cannot_be_recorded_is_not_kept(
    tmp_path: Path, test_issuer: Issuer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("the database went away")

    # Fails after the file is in the store, before the row is committed.
    monkeypatch.setattr(uploads, "_uploaded_payload", broken)
    data = f"Jane Doe\nPython developer, run {uuid.uuid4()}\n".encode()
    async with ingest_app(tmp_path) as client:
        with pytest.raises(RuntimeError, match="went away"):  # the in-process client re-raises the 500's cause
            await upload(client, test_issuer.headers(uuid.uuid4(), role="candidate"), data, content_type="text/plain")
        # Nothing refers to it: no one could read it, and erasing its owner would not find it.
        sha256 = sha256_of(data)
        assert not (tmp_path / sha256[:2] / sha256[2:4] / sha256).exists()
        # A file another resume refers to stays.
        monkeypatch.undo()
        headers = test_issuer.headers(uuid.uuid4(), role="candidate")
        assert (await upload(client, headers, data, content_type="text/plain")).status_code == 202
        monkeypatch.setattr(uploads, "_uploaded_payload", broken)
        with pytest.raises(RuntimeError, match="went away"):
            await upload(client, test_issuer.headers(uuid.uuid4(), role="candidate"), data, content_type="text/plain")
        assert (tmp_path / sha256[:2] / sha256[2:4] / sha256).read_bytes() == data


async def test_only_the_uploader_and_admins_see_a_resume(
    ingest: httpx.AsyncClient, test_issuer: Issuer, sample_pdf: SampleReader
) -> None:
    owner = test_issuer.headers(uuid.uuid4(), role="candidate")
    resume_id = (await upload(ingest, owner, sample_pdf("harvey_dent_mle.pdf"))).json()["id"]
    path = f"/api/v1/resumes/{resume_id}"
    assert (await ingest.get(path, headers=owner)).status_code == 200
    assert (await ingest.get(path, headers=test_issuer.headers(uuid.uuid4(), role="admin"))).status_code == 200
    for role in ("candidate", "recruiter"):
        other = await ingest.get(path, headers=test_issuer.headers(uuid.uuid4(), role=role))
        assert other.status_code == 404
        assert other.json()["error"]["code"] == "resume_not_found"
    assert (await ingest.get("/api/v1/resumes/not-a-uuid", headers=owner)).status_code == 422
    assert (await ingest.get(path)).status_code == 401


async def test_job_id_is_for_recruiters_only(
    ingest: httpx.AsyncClient,
    test_issuer: Issuer,
    sample_pdf: SampleReader,
    jetstream: tuple[object, JetStreamContext],
) -> None:
    data = sample_pdf("alfred_pennyworth_pm.pdf")
    recruiter_id = uuid.uuid4()
    # The job must be known to ingest (from jobs' JobPosted) and be the recruiter's own.
    job_id = await post_job(jetstream[1], ingest, test_issuer, recruiter_id)
    candidate = await upload(ingest, test_issuer.headers(uuid.uuid4(), role="candidate"), data, job_id=job_id)
    assert candidate.status_code == 403
    assert candidate.json()["error"]["code"] == "job_id_not_allowed"

    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    assert (await upload(ingest, recruiter, data, job_id="not-a-uuid")).status_code == 422
    created = await upload(ingest, recruiter, data, job_id=job_id)
    assert created.status_code == 202
    resume = (await ingest.get(f"/api/v1/resumes/{created.json()['id']}", headers=recruiter)).json()
    assert resume["job_id"] == job_id


async def test_my_resumes_are_listed_newest_first(ingest: httpx.AsyncClient, test_issuer: Issuer) -> None:
    headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    ids = []
    for number in range(3):
        text = f"Jane Doe\nPython and SQL developer, version {number} of my resume.\n".encode()
        ids.append((await upload(ingest, headers, text, content_type="text/plain")).json()["id"])
    await upload(ingest, test_issuer.headers(uuid.uuid4(), role="candidate"), b"Someone Else\nJava developer here")
    listed = await ingest.get("/api/v1/resumes/me", headers=headers)
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["items"]] == ids[::-1]


async def test_deleting_a_user_erases_their_resumes_and_unshared_files(
    ingest: httpx.AsyncClient,
    test_issuer: Issuer,
    jetstream: tuple[object, JetStreamContext],
    storage_dir: Path,
    sample_pdf: SampleReader,
) -> None:
    _, js = jetstream
    user = uuid.uuid4()
    headers = test_issuer.headers(user, role="candidate")
    own_file = b"Private Person\nRust and Go engineer " + uuid.uuid4().bytes.hex().encode()
    shared_file = sample_pdf("bruce_wayne_fullstack.pdf")
    own = (await upload(ingest, headers, own_file, content_type="text/plain")).json()["id"]
    await upload(ingest, headers, shared_file)
    await upload(ingest, test_issuer.headers(uuid.uuid4(), role="candidate"), shared_file)

    def stored(data: bytes) -> Path:
        sha = sha256_of(data)
        return storage_dir / sha[:2] / sha[2:4] / sha

    assert stored(own_file).is_file()
    event = UserDeleted.build(UserDeletedPayload(user_id=user), producer="identity")
    await js.publish(UserDeleted.subject, event.to_json(), headers={"Nats-Msg-Id": str(event.event_id)})

    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    for _ in range(150):
        if (await ingest.get(f"/api/v1/resumes/{own}", headers=admin)).status_code == 404:
            break
        await asyncio.sleep(0.1)
    else:
        pytest.fail("the deleted user's resume is still there")
    assert (await ingest.get("/api/v1/resumes/me", headers=headers)).json()["items"] == []
    assert not stored(own_file).exists()
    assert stored(shared_file).is_file(), "another user's resume still needs this file"
