"""Original files: download one, a ZIP of several, delete; only for those who may see each resume."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from nats.js import JetStreamContext

from contracts.events import ResumeDeleted, UserDeleted
from contracts.events.identity import UserDeletedPayload
from services.ingest.app import create_app
from services.ingest.settings import IngestSettings
from services.ingest.storage import sha256_of
from services.ingest.tests.conftest import PdfMaker
from services.ingest.tests.job_events import apply_to_job, post_job
from talentkit.testing.bus import eventually, publish, wait_for_event
from talentkit.testing.plugin import running_app
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    return tmp_path / "files"


@pytest.fixture
async def ingest(files_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(IngestSettings(storage_dir=files_dir))) as client:
        yield client


def _text(name: str) -> bytes:
    return f"{name}\nPython and SQL developer, resume {uuid.uuid4().hex}\n".encode()


async def _upload(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    data: bytes,
    *,
    filename: str = "my cv.txt",
    content_type: str = "text/plain",
    job_id: str | None = None,
) -> str:
    response = await client.post(
        "/api/v1/resumes",
        headers=headers,
        files={"file": (filename, data, content_type)},
        data={"job_id": job_id} if job_id else None,
    )
    assert response.status_code in (200, 202), response.text
    resume_id: str = response.json()["id"]
    return resume_id


def _stored(files_dir: Path, data: bytes) -> Path:
    sha = sha256_of(data)
    return files_dir / sha[:2] / sha[2:4] / sha


async def test_the_owner_and_admins_download_the_original_under_a_safe_name(
    ingest: httpx.AsyncClient, test_issuer: Issuer
) -> None:
    owner = test_issuer.headers(uuid.uuid4(), role="candidate")
    data = _text("Owner Person")
    resume_id = await _upload(ingest, owner, data, filename='../../"evil".txt')
    path = f"/api/v1/resumes/{resume_id}/file"

    response = await ingest.get(path, headers=owner)
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["content-disposition"] == f'attachment; filename="resume-{resume_id}.txt"'
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]

    assert (await ingest.get(path, headers=test_issuer.headers(uuid.uuid4(), role="admin"))).content == data
    for role in ("candidate", "recruiter"):
        stranger = await ingest.get(path, headers=test_issuer.headers(uuid.uuid4(), role=role))
        assert stranger.status_code == 404
        assert stranger.json()["error"]["code"] == "resume_not_found"
    assert (await ingest.get(f"/api/v1/resumes/{uuid.uuid4()}/file", headers=owner)).status_code == 404
    assert (await ingest.get(path)).status_code == 401

    shown = (await ingest.get(f"/api/v1/resumes/{resume_id}", headers=owner)).json()
    assert "confidence" in shown
    assert shown["review_flags"] == [] or all(isinstance(flag, str) for flag in shown["review_flags"])


async def test_recruiters_of_an_attached_job_may_read_the_resume(
    ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext], make_pdf: PdfMaker
) -> None:
    _, js = jetstream
    recruiter, other_recruiter = uuid.uuid4(), uuid.uuid4()
    recruiter_headers = test_issuer.headers(recruiter, role="recruiter")
    other_headers = test_issuer.headers(other_recruiter, role="recruiter")
    job_id = await post_job(js, ingest, test_issuer, recruiter)

    # An admin uploads for the recruiter's job: the job's recruiter may read it, another recruiter may not.
    pdf = make_pdf(f"Uploaded For The Job {uuid.uuid4().hex}")
    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    for_job = await _upload(ingest, admin, pdf, content_type="application/pdf", job_id=job_id)
    file = await ingest.get(f"/api/v1/resumes/{for_job}/file", headers=recruiter_headers)
    assert file.status_code == 200
    assert file.content == pdf
    assert file.headers["content-type"] == "application/pdf"
    assert file.headers["content-disposition"] == f'attachment; filename="resume-{for_job}.pdf"'
    assert (await ingest.get(f"/api/v1/resumes/{for_job}", headers=recruiter_headers)).status_code == 200
    assert (await ingest.get(f"/api/v1/resumes/{for_job}/file", headers=other_headers)).status_code == 404

    # A candidate's own resume becomes readable to the recruiter once it applies to the job.
    candidate = uuid.uuid4()
    own = await _upload(ingest, test_issuer.headers(candidate, role="candidate"), _text("Applying Candidate"))
    path = f"/api/v1/resumes/{own}/file"
    assert (await ingest.get(path, headers=recruiter_headers)).status_code == 404
    await apply_to_job(js, job_id=job_id, resume_id=own, candidate_id=candidate)

    async def readable() -> bool:
        return (await ingest.get(path, headers=recruiter_headers)).status_code == 200

    await eventually(readable, timeout=30)
    assert (await ingest.get(path, headers=other_headers)).status_code == 404
    # Reading is not owning: the recruiter may not delete the candidate's resume.
    refused = await ingest.delete(f"/api/v1/resumes/{own}", headers=recruiter_headers)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_resume_owner"

    # A deleted recruiter's jobs leave the read model: nobody reads through them any more.
    await publish(js, UserDeleted.build(UserDeletedPayload(user_id=recruiter), producer="identity"))

    async def forgotten() -> bool:
        return (await ingest.get(path, headers=recruiter_headers)).status_code == 404

    await eventually(forgotten, timeout=30)
    assert (await ingest.get(path, headers=test_issuer.headers(candidate, role="candidate"))).status_code == 200


async def test_upload_for_a_job_needs_the_jobs_recruiter(
    ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    owner = uuid.uuid4()
    job_id = await post_job(js, ingest, test_issuer, owner)
    data = _text("Someone For A Job")
    other = await ingest.post(
        "/api/v1/resumes",
        headers=test_issuer.headers(uuid.uuid4(), role="recruiter"),
        files={"file": ("cv.txt", data, "text/plain")},
        data={"job_id": job_id},
    )
    assert other.status_code == 404
    assert other.json()["error"] == {
        "code": "job_not_found",
        "message": "no such job",
        "request_id": other.headers["x-request-id"],
    }
    unknown = await ingest.post(
        "/api/v1/resumes",
        headers=test_issuer.headers(owner, role="recruiter"),
        files={"file": ("cv.txt", data, "text/plain")},
        data={"job_id": str(uuid.uuid4())},
    )
    assert unknown.status_code == 404
    assert await _upload(ingest, test_issuer.headers(owner, role="recruiter"), data, job_id=job_id)


async def test_a_zip_holds_the_readable_files_and_names_the_others(
    ingest: httpx.AsyncClient, test_issuer: Issuer, make_pdf: PdfMaker
) -> None:
    owner = test_issuer.headers(uuid.uuid4(), role="candidate")
    text, pdf = _text("Zip Person"), make_pdf(f"Zip Person PDF {uuid.uuid4().hex}")
    text_id = await _upload(ingest, owner, text)
    pdf_id = await _upload(ingest, owner, pdf, filename="cv.pdf", content_type="application/pdf")
    someone_elses = await _upload(ingest, test_issuer.headers(uuid.uuid4(), role="candidate"), _text("Other"))
    unknown = str(uuid.uuid4())

    response = await ingest.post(
        "/api/v1/resumes/download-zip",
        headers=owner,
        json={"resume_ids": [text_id, someone_elses, pdf_id, unknown, text_id]},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == 'attachment; filename="resumes.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [f"resume-{text_id}.txt", f"resume-{pdf_id}.pdf", "missing.txt"]
        assert archive.read(f"resume-{text_id}.txt") == text
        assert archive.read(f"resume-{pdf_id}.pdf") == pdf
        missing = archive.read("missing.txt").decode().split()
    assert someone_elses in missing
    assert unknown in missing
    assert text_id not in missing

    # Nothing readable at all: 404 rather than an empty archive.
    nothing = await ingest.post(
        "/api/v1/resumes/download-zip", headers=owner, json={"resume_ids": [someone_elses, unknown]}
    )
    assert nothing.status_code == 404
    everything = await ingest.post(
        "/api/v1/resumes/download-zip",
        headers=test_issuer.headers(uuid.uuid4(), role="admin"),
        json={"resume_ids": [text_id, someone_elses]},
    )
    with zipfile.ZipFile(io.BytesIO(everything.content)) as archive:
        assert archive.namelist() == [f"resume-{text_id}.txt", f"resume-{someone_elses}.txt"]
    too_many = [str(uuid.uuid4()) for _ in range(201)]
    for ids in ([], too_many, ["not-a-uuid"]):
        invalid = await ingest.post("/api/v1/resumes/download-zip", headers=owner, json={"resume_ids": ids})
        assert invalid.status_code == 422


async def test_deleting_a_resume_removes_it_and_its_unshared_file(
    ingest: httpx.AsyncClient,
    test_issuer: Issuer,
    jetstream: tuple[object, JetStreamContext],
    files_dir: Path,
) -> None:
    _, js = jetstream
    owner_id = uuid.uuid4()
    owner = test_issuer.headers(owner_id, role="candidate")
    own_data, shared_data = _text("Deleting Person"), _text("Shared File")
    own = await _upload(ingest, owner, own_data)
    shared = await _upload(ingest, owner, shared_data)
    other = test_issuer.headers(uuid.uuid4(), role="candidate")
    others_copy = await _upload(ingest, other, shared_data)

    assert (await ingest.delete(f"/api/v1/resumes/{own}", headers=other)).status_code == 404
    deleted = await ingest.delete(f"/api/v1/resumes/{own}", headers=owner)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert (await ingest.get(f"/api/v1/resumes/{own}", headers=owner)).status_code == 404
    assert (await ingest.get(f"/api/v1/resumes/{own}/file", headers=owner)).status_code == 404
    assert (await ingest.delete(f"/api/v1/resumes/{own}", headers=owner)).status_code == 404
    assert not _stored(files_dir, own_data).exists()
    event = await wait_for_event(js, ResumeDeleted.subject, lambda body: body["payload"]["resume_id"] == own)
    assert event["payload"]["uploaded_by"] == event["payload"]["candidate_id"] == str(owner_id)
    assert event["actor_id"] == str(owner_id)

    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    assert (await ingest.delete(f"/api/v1/resumes/{shared}", headers=admin)).status_code == 204
    assert _stored(files_dir, shared_data).is_file(), "another resume still refers to the file"
    assert (await ingest.get(f"/api/v1/resumes/{others_copy}/file", headers=other)).content == shared_data
