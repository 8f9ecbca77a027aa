"""Jobs end to end inside the service: HTTP in, events through real JetStream, PostgreSQL underneath."""

from __future__ import annotations

import os
import uuid
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from contracts.events import (
    ApplicationStatusChanged,
    ApplicationSubmitted,
    JobAnalyzed,
    MatchComputed,
    ResumeDeleted,
    ResumeParsed,
    SwipeRecorded,
    UserDeleted,
)
from contracts.events.identity import UserDeletedPayload
from contracts.events.ingest import ResumeDeletedPayload, ResumeParsedPayload
from contracts.events.matcher import MatchComputedPayload, MatchedSkill, MatchExplanation
from services.jobs.tests.conftest import eventually, find_events, publish, wait_for_event
from talentkit.testing.tokens import TestIssuer

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

Jetstream = tuple[NATS, JetStreamContext]

DESCRIPTION = """We build hiring software.
Requirements:
- 4+ years of experience with Python and PostgreSQL
- Docker
Nice to have:
- Kubernetes
"""


async def _post_job(client: httpx.AsyncClient, headers: dict[str, str], **extra: Any) -> dict[str, Any]:
    body = {"title": "Backend Engineer", "description": DESCRIPTION, **extra}
    response = await client.post("/api/v1/jobs", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def _open_job(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    job_id = str((await _post_job(client, headers))["id"])

    async def is_open() -> bool:
        response = await client.get(f"/api/v1/jobs/{job_id}", headers=headers)
        return bool(response.json()["status"] == "open")

    await eventually(is_open)
    return job_id


def _parsed(
    *,
    uploaded_by: uuid.UUID,
    job_id: str | None = None,
    candidate_id: uuid.UUID | None = None,
    resume_id: uuid.UUID | None = None,
    name: str = "Ada Lovelace",
) -> ResumeParsed:
    payload = ResumeParsedPayload(
        resume_id=resume_id or uuid.uuid4(),
        uploaded_by=uploaded_by,
        candidate_id=candidate_id,
        job_id=uuid.UUID(job_id) if job_id else None,
        name=name,
        email="ada@example.com",
        skills=["Python"],
        total_experience_months=60,
    )
    return ResumeParsed.build(payload, producer="ingest")


def _match(job_id: str, resume_id: uuid.UUID, score: float) -> MatchComputed:
    payload = MatchComputedPayload(
        job_id=uuid.UUID(job_id),
        resume_id=resume_id,
        score=score,
        breakdown={"required_skills": score / 2, "semantic": score / 2},
        matched_skills=["Python"],
        missing_skills=["Kubernetes"] if score < 80 else [],
        semantic_similarity=0.5,
        scoring_version="test-1",
    )
    return MatchComputed.build(payload, producer="matcher")


async def _candidates(client: httpx.AsyncClient, job_id: str, headers: dict[str, str], **params: Any) -> httpx.Response:
    return await client.get(f"/api/v1/jobs/{job_id}/candidates", headers=headers, params=params)


async def test_a_posted_job_is_analysed_and_opened(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter = test_issuer.headers(uuid.uuid4(), role="recruiter")
    posted = await _post_job(jobs, recruiter, location="Remote")
    assert posted["status"] == "analyzing"
    assert posted["requirements"] is None
    job_id = posted["id"]

    analyzed = await wait_for_event(js, JobAnalyzed.subject, lambda e: e["payload"]["job_id"] == job_id)
    assert analyzed["payload"]["required_skills"] == ["Python", "PostgreSQL", "Docker"]
    assert analyzed["payload"]["preferred_skills"] == ["Kubernetes"]
    assert analyzed["payload"]["min_years_experience"] == 4
    assert analyzed["payload"]["seniority"] == "mid"
    assert analyzed["payload"]["embedding_text"].startswith("Backend Engineer\n\nWe build hiring software.")

    async def opened() -> dict[str, Any] | None:
        body = (await jobs.get(f"/api/v1/jobs/{job_id}", headers=recruiter)).json()
        return dict(body) if body["status"] == "open" else None

    job = await eventually(opened)
    assert job["requirements"]["preferred_skills"] == ["Kubernetes"]
    assert job["location"] == "Remote"

    # Candidates see open jobs; another recruiter does not see this one.
    candidate = test_issuer.headers(uuid.uuid4(), role="candidate")
    assert (await jobs.get(f"/api/v1/jobs/{job_id}", headers=candidate)).status_code == 200
    listed = (await jobs.get("/api/v1/jobs", headers=candidate, params={"limit": 200})).json()["jobs"]
    assert job_id in [j["id"] for j in listed]
    other_recruiter = test_issuer.headers(uuid.uuid4(), role="recruiter")
    assert (await jobs.get(f"/api/v1/jobs/{job_id}", headers=other_recruiter)).status_code == 404
    assert (await jobs.get("/api/v1/jobs", headers=other_recruiter)).json()["jobs"] == []


async def test_who_may_post_and_what_is_valid(jobs: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
    candidate = test_issuer.headers(uuid.uuid4(), role="candidate")
    refused = await jobs.post("/api/v1/jobs", json={"title": "T", "description": "D"}, headers=candidate)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert (await jobs.post("/api/v1/jobs", json={"title": "T", "description": "D"})).status_code == 401

    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    for body in (
        {"title": "   ", "description": "D"},
        {"title": "x" * 201, "description": "D"},
        {"title": "T", "description": "x" * 50_001},
        {"title": "T", "description": "D", "seniority": "wizard"},
        {"title": "T", "description": "D", "salary": 1},
        # PostgreSQL text cannot store U+0000: refused as invalid, not a 500 from the insert.
        {"title": "T\u0000", "description": "D"},
        {"title": "T", "description": "D\u0000"},
        {"title": "T", "description": "D", "location": "\u0000"},
    ):
        response = await jobs.post("/api/v1/jobs", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "validation_error"
    assert (await jobs.get(f"/api/v1/jobs/{uuid.uuid4()}", headers=admin)).status_code == 404
    assert (await jobs.get("/api/v1/jobs/not-a-uuid", headers=admin)).status_code == 422
    assert (await jobs.get("/api/v1/jobs", headers=admin, params={"limit": 201})).status_code == 422


async def test_recruiter_uploads_are_ranked_by_score(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    job_id = await _open_job(jobs, recruiter)
    weaker, stronger = uuid.uuid4(), uuid.uuid4()

    # Applied first of all but never scored: it still ranks last.
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, name="Unscored"))
    # The stronger resume's score arrives before its application exists: order must not matter.
    await publish(js, _match(job_id, stronger, 91.5))
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=weaker, name="Weaker"))
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=stronger, name="Stronger"))
    await publish(js, _match(job_id, weaker, 55.0))

    async def both_scored() -> list[dict[str, Any]] | None:
        body = (await _candidates(jobs, job_id, recruiter)).json()
        rows = body["candidates"]
        return rows if len(rows) == 3 and sum(row["score"] is not None for row in rows) == 2 else None

    rows = await eventually(both_scored)
    assert [row["name"] for row in rows] == ["Stronger", "Weaker", "Unscored"]
    assert [row["score"] for row in rows] == [91.5, 55.0, None]
    assert rows[1]["missing_skills"] == ["Kubernetes"]
    assert rows[0]["breakdown"] == {"required_skills": 45.75, "semantic": 45.75}
    assert rows[0]["status"] == "submitted"
    assert rows[0]["source"] == "recruiter_upload"

    page = (await _candidates(jobs, job_id, recruiter, limit=1, offset=1)).json()
    assert [row["name"] for row in page["candidates"]] == ["Weaker"]
    assert page["total"] == 3

    submitted = await find_events(js, ApplicationSubmitted.subject, lambda e: e["payload"]["job_id"] == job_id)
    assert {str(weaker), str(stronger)} <= {e["payload"]["resume_id"] for e in submitted}
    assert len(submitted) == 3
    assert {e["payload"]["source"] for e in submitted} == {"recruiter_upload"}

    # Only the job's recruiter (or an admin) sees its applicants.
    other = test_issuer.headers(uuid.uuid4(), role="recruiter")
    hidden = await _candidates(jobs, job_id, other)
    assert hidden.status_code == 404
    assert hidden.json()["error"]["code"] == "job_not_found"
    assert (await _candidates(jobs, job_id, test_issuer.headers(uuid.uuid4(), role="candidate"))).status_code == 403
    admin_view = await _candidates(jobs, job_id, test_issuer.headers(uuid.uuid4(), role="admin"))
    assert admin_view.status_code == 200
    assert len(admin_view.json()["candidates"]) == 3


async def test_a_redelivered_or_reparsed_resume_applies_once(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    job_id = await _open_job(jobs, recruiter)
    resume_id = uuid.uuid4()
    event = _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=resume_id)
    # The very same event twice (no de-duplication id, as after a relay crash past JetStream's window),
    # then a re-parse of the same resume as a new event.
    await publish(js, event, dedupe=False)
    await publish(js, event, dedupe=False)
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=resume_id, name="Ada L."))
    # Someone else's upload for this job keeps a profile but makes no application.
    await publish(js, _parsed(uploaded_by=uuid.uuid4(), job_id=job_id))
    # A sentinel after them: the consumer handles in order, so once it applied, the others were handled.
    sentinel = uuid.uuid4()
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=sentinel))

    async def sentinel_applied() -> list[dict[str, Any]] | None:
        rows = (await _candidates(jobs, job_id, recruiter)).json()["candidates"]
        return rows if str(sentinel) in [row["resume_id"] for row in rows] else None

    rows = await eventually(sentinel_applied)
    assert sorted(row["resume_id"] for row in rows) == sorted([str(resume_id), str(sentinel)])
    # The newer parse replaced the profile.
    assert next(row["name"] for row in rows if row["resume_id"] == str(resume_id)) == "Ada L."
    submitted = await find_events(
        js, ApplicationSubmitted.subject, lambda e: e["payload"]["resume_id"] == str(resume_id)
    )
    assert len(submitted) == 1


async def test_a_candidate_applies_and_the_recruiter_moves_the_application(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id, candidate_id = uuid.uuid4(), uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    candidate = test_issuer.headers(candidate_id, role="candidate")
    job_id = await _open_job(jobs, recruiter)
    resume_id = uuid.uuid4()
    apply_url = f"/api/v1/jobs/{job_id}/applications"

    unknown = await jobs.post(apply_url, json={"resume_id": str(resume_id)}, headers=candidate)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "resume_not_found"

    await publish(js, _parsed(uploaded_by=candidate_id, candidate_id=candidate_id, resume_id=resume_id))

    async def applied() -> httpx.Response | None:
        response = await jobs.post(apply_url, json={"resume_id": str(resume_id)}, headers=candidate)
        return response if response.status_code != 404 else None

    created = await eventually(applied)
    assert created.status_code == 201, created.text
    application = created.json()
    assert application["source"] == "candidate"
    assert application["candidate_id"] == str(candidate_id)

    again = await jobs.post(apply_url, json={"resume_id": str(resume_id)}, headers=candidate)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_applied"
    # Another candidate cannot apply with this resume, and a recruiter cannot apply at all.
    thief = test_issuer.headers(uuid.uuid4(), role="candidate")
    assert (await jobs.post(apply_url, json={"resume_id": str(resume_id)}, headers=thief)).status_code == 404
    assert (await jobs.post(apply_url, json={"resume_id": str(resume_id)}, headers=recruiter)).status_code == 403

    patch_url = f"/api/v1/applications/{application['id']}"
    moved = await jobs.patch(patch_url, json={"status": "screening"}, headers=recruiter)
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "screening"
    skipped = await jobs.patch(patch_url, json={"status": "offer"}, headers=recruiter)
    assert skipped.status_code == 409
    assert skipped.json()["error"]["code"] == "invalid_transition"
    assert "'interview'" in skipped.json()["error"]["message"]
    other = test_issuer.headers(uuid.uuid4(), role="recruiter")
    assert (await jobs.patch(patch_url, json={"status": "interview"}, headers=other)).status_code == 404
    assert (await jobs.patch(patch_url, json={"status": "interview"}, headers=candidate)).status_code == 403
    assert (await jobs.patch(patch_url, json={"status": "bogus"}, headers=recruiter)).status_code == 422

    changed = await wait_for_event(
        js, ApplicationStatusChanged.subject, lambda e: e["payload"]["application_id"] == application["id"]
    )
    assert changed["payload"]["old_status"] == "submitted"
    assert changed["payload"]["new_status"] == "screening"
    assert changed["payload"]["recruiter_id"] == str(recruiter_id)
    assert changed["payload"]["candidate_id"] == str(candidate_id)

    mine = (await jobs.get("/api/v1/applications/me", headers=candidate)).json()["applications"]
    assert [(a["id"], a["status"], a["job_title"]) for a in mine] == [
        (application["id"], "screening", "Backend Engineer")
    ]


async def test_a_deleted_user_is_forgotten_and_their_jobs_close(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id, candidate_id = uuid.uuid4(), uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    candidate = test_issuer.headers(candidate_id, role="candidate")
    job_id = await _open_job(jobs, recruiter)
    resume_id = uuid.uuid4()
    await publish(js, _parsed(uploaded_by=candidate_id, candidate_id=candidate_id, resume_id=resume_id))

    async def applied() -> bool:
        response = await jobs.post(
            f"/api/v1/jobs/{job_id}/applications", json={"resume_id": str(resume_id)}, headers=candidate
        )
        return response.status_code == 201

    await eventually(applied)
    await publish(js, UserDeleted.build(UserDeletedPayload(user_id=candidate_id), producer="identity"))

    async def forgotten() -> bool:
        return bool((await _candidates(jobs, job_id, recruiter)).json()["total"] == 0)

    await eventually(forgotten)
    assert (await jobs.get("/api/v1/applications/me", headers=candidate)).json()["applications"] == []

    await publish(js, UserDeleted.build(UserDeletedPayload(user_id=recruiter_id), producer="identity"))
    closed = await wait_for_event(
        js, JobAnalyzed.subject, lambda e: e["payload"]["job_id"] == job_id and e["payload"]["status"] == "closed"
    )
    assert closed["payload"]["required_skills"] == ["Python", "PostgreSQL", "Docker"]
    job = (await jobs.get(f"/api/v1/jobs/{job_id}", headers=test_issuer.headers(role="admin"))).json()
    assert job["status"] == "closed"
    # A closed job is gone from candidates' view.
    assert (await jobs.get(f"/api/v1/jobs/{job_id}", headers=candidate)).status_code == 404


async def test_candidates_swipe_on_open_jobs_and_a_closed_job_leaves_the_feed(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter = test_issuer.headers(uuid.uuid4(), role="recruiter")
    candidate_id = uuid.uuid4()
    candidate = test_issuer.headers(candidate_id, role="candidate")
    job_id = await _open_job(jobs, recruiter)

    liked = await jobs.post("/api/v1/swipes", json={"job_id": job_id, "direction": "like"}, headers=candidate)
    assert liked.status_code == 200, liked.text
    assert liked.json()["changed"] is True
    again = await jobs.post("/api/v1/swipes", json={"job_id": job_id, "direction": "like"}, headers=candidate)
    assert again.json()["changed"] is False
    passed = await jobs.post("/api/v1/swipes", json={"job_id": job_id, "direction": "pass"}, headers=candidate)
    assert passed.json()["changed"] is True
    assert (
        await jobs.post("/api/v1/swipes", json={"job_id": job_id, "direction": "like"}, headers=recruiter)
    ).status_code == 403

    swiped = await wait_for_event(
        js, SwipeRecorded.subject, lambda e: e["payload"]["job_id"] == job_id and e["payload"]["direction"] == "pass"
    )
    assert swiped["payload"]["candidate_id"] == str(candidate_id)
    recorded = await find_events(js, SwipeRecorded.subject, lambda e: e["payload"]["job_id"] == job_id)
    assert len(recorded) == 2  # the repeated like changed nothing and announced nothing

    other = test_issuer.headers(uuid.uuid4(), role="recruiter")
    assert (await jobs.post(f"/api/v1/jobs/{job_id}/close", headers=other)).status_code == 404
    closed = await jobs.post(f"/api/v1/jobs/{job_id}/close", headers=recruiter)
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    await wait_for_event(
        js, JobAnalyzed.subject, lambda e: e["payload"]["job_id"] == job_id and e["payload"]["status"] == "closed"
    )
    gone = await jobs.post("/api/v1/swipes", json={"job_id": job_id, "direction": "like"}, headers=candidate)
    assert gone.status_code == 404
    open_ids = [
        j["id"] for j in (await jobs.get("/api/v1/jobs", headers=candidate, params={"limit": 200})).json()["jobs"]
    ]
    assert job_id not in open_ids


async def test_a_deleted_resume_leaves_the_candidate_list(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    job_id = await _open_job(jobs, recruiter)
    kept, deleted = uuid.uuid4(), uuid.uuid4()
    for resume_id, name in ((kept, "Kept"), (deleted, "Deleted")):
        await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=resume_id, name=name))
        await publish(js, _match(job_id, resume_id, 70.0))

    async def scored_names() -> list[str]:
        rows = (await _candidates(jobs, job_id, recruiter)).json()["candidates"]
        return sorted(row["name"] for row in rows if row["score"] is not None)

    async def listed(expected: list[str]) -> bool:
        return await scored_names() == expected

    await eventually(lambda: listed(["Deleted", "Kept"]))
    payload = ResumeDeletedPayload(resume_id=deleted, uploaded_by=recruiter_id, job_id=uuid.UUID(job_id))
    await publish(js, ResumeDeleted.build(payload, producer="ingest"))
    await eventually(lambda: listed(["Kept"]))


async def _rows(query: str, **params: Any) -> int:
    """How many rows a query on the jobs tables finds, read straight from the session's database."""
    engine = create_async_engine(os.environ["DATABASE_URL"])
    try:
        async with engine.connect() as conn:
            return len((await conn.execute(text(query), params)).all())
    finally:
        await engine.dispose()


async def test_a_resume_deleted_before_its_parse_arrives_stays_deleted(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    job_id = await _open_job(jobs, recruiter)
    marker, late = uuid.uuid4(), uuid.uuid4()
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=marker, name="Marker"))

    async def names() -> list[str]:
        return [row["name"] for row in (await _candidates(jobs, job_id, recruiter)).json()["candidates"]]

    async def listed(expected: list[str]) -> bool:
        return await names() == expected

    await eventually(lambda: listed(["Marker"]))
    # Deletions and parses are separate consumers: a parse held up by a backlog or a retry may be
    # handled after the resume's deletion. One consumer handles deletions in order, so once the
    # marker is gone, the late resume's deletion was handled too.
    for resume_id in (late, marker):
        payload = ResumeDeletedPayload(resume_id=resume_id, uploaded_by=recruiter_id, job_id=uuid.UUID(job_id))
        await publish(js, ResumeDeleted.build(payload, producer="ingest"))
    await eventually(lambda: listed([]))

    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=late, name="Late"))
    await publish(js, _match(job_id, late, 88.0))
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, name="Sentinel"))
    await eventually(lambda: listed(["Sentinel"]))

    submitted = await find_events(js, ApplicationSubmitted.subject, lambda e: e["payload"]["resume_id"] == str(late))
    assert submitted == []
    assert await _rows("SELECT 1 FROM jobs.candidate_profiles WHERE resume_id = :id", id=late) == 0

    # A score computed before the deletion and arriving after it is not kept either: the sentinel's
    # score, published after it, is handled after it by the same consumer.
    sentinel = uuid.uuid4()
    await publish(js, _match(job_id, sentinel, 10.0))

    async def sentinel_scored() -> bool:
        return await _rows("SELECT 1 FROM jobs.match_scores WHERE resume_id = :id", id=sentinel) == 1

    await eventually(sentinel_scored)
    assert await _rows("SELECT 1 FROM jobs.match_scores WHERE resume_id = :id", id=late) == 0


async def test_a_deleted_users_late_parse_leaves_no_profile(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id, candidate_id = uuid.uuid4(), uuid.uuid4()
    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    job_id = await _open_job(jobs, test_issuer.headers(recruiter_id, role="recruiter"))
    for user_id in (candidate_id, recruiter_id):
        await publish(js, UserDeleted.build(UserDeletedPayload(user_id=user_id), producer="identity"))

    async def closed() -> bool:
        return bool((await jobs.get(f"/api/v1/jobs/{job_id}", headers=admin)).json()["status"] == "closed")

    await eventually(closed)  # the recruiter's deletion (the last one) was handled
    uploaded, own = uuid.uuid4(), uuid.uuid4()
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=uploaded))
    await publish(js, _parsed(uploaded_by=candidate_id, candidate_id=candidate_id, resume_id=own))
    other_id = uuid.uuid4()
    other = test_issuer.headers(other_id, role="recruiter")
    other_job = await _open_job(jobs, other)
    await publish(js, _parsed(uploaded_by=other_id, job_id=other_job, name="Sentinel"))

    async def sentinel_applied() -> bool:
        return len((await _candidates(jobs, other_job, other)).json()["candidates"]) == 1

    await eventually(sentinel_applied)
    found = await _rows("SELECT 1 FROM jobs.candidate_profiles WHERE resume_id IN (:a, :b)", a=uploaded, b=own)
    assert found == 0


def _explained_match(job_id: str, resume_id: uuid.UUID, score: float, *, evidence: str) -> MatchComputed:
    payload = MatchComputedPayload(
        job_id=uuid.UUID(job_id),
        resume_id=resume_id,
        score=score,
        breakdown={"required_skills": score * 0.6, "experience": score * 0.4},
        matched_skills=["Python"],
        missing_skills=[],
        semantic_similarity=0.6,
        scoring_version="v2.0",
        matched=[MatchedSkill(skill="Python", used=True, months=48, evidence=evidence)],
        explanation=MatchExplanation(
            summary=f"Strong match ({score}/100)", strengths=[f"Python: {evidence}"], gaps=[], recommendations=[]
        ),
        factors={"relevance": 0.95, "seniority": 1.0, "gates": 1.0},
        gates=[],
    )
    return MatchComputed.build(payload, producer="matcher")


async def test_candidates_come_with_explanation_percentile_evidence_file_name_and_filters(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    job_id = await _open_job(jobs, recruiter)
    scores = {"Ann": 90.0, "Ben": 70.0, "Cy": 50.0, "Di": 30.0}
    resumes = {name: uuid.uuid4() for name in scores}
    for name, resume_id in resumes.items():
        parsed = _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=resume_id, name=name)
        parsed = parsed.model_copy(
            update={"payload": parsed.payload.model_copy(update={"file_name": f"{name.lower()}-cv.pdf"})}
        )
        await publish(js, parsed)
        await publish(
            js, _explained_match(job_id, resume_id, scores[name], evidence=f"4 years at {name} Ltd, 2019–2023")
        )

    async def all_scored() -> list[dict[str, Any]] | None:
        rows = (await _candidates(jobs, job_id, recruiter)).json()["candidates"]
        return rows if len(rows) == 4 and all(row["score"] is not None for row in rows) else None

    rows = await eventually(all_scored)
    assert [row["name"] for row in rows] == ["Ann", "Ben", "Cy", "Di"]
    assert [row["rank"] for row in rows] == [1, 2, 3, 4]
    assert [row["percentile"] for row in rows] == [100.0, 75.0, 50.0, 25.0]
    assert rows[0]["file_name"] == "ann-cv.pdf"
    assert rows[0]["explanation"]["strengths"] == ["Python: 4 years at Ann Ltd, 2019–2023"]
    assert rows[0]["matched"][0] == {
        "skill": "Python",
        "required": True,
        "used": True,
        "months": 48,
        "evidence": "4 years at Ann Ltd, 2019–2023",
    }
    assert rows[0]["factors"]["relevance"] == 0.95
    assert rows[0]["identity_hidden"] is False

    # Filters narrow the list; rank and percentile stay those among all the job's applicants.
    strong = (await _candidates(jobs, job_id, recruiter, min_score=60)).json()
    assert [row["name"] for row in strong["candidates"]] == ["Ann", "Ben"]
    assert strong["total"] == 2
    lower = (await _candidates(jobs, job_id, recruiter, min_score=40, offset=1)).json()
    assert [(row["name"], row["percentile"]) for row in lower["candidates"]] == [("Ben", 75.0), ("Cy", 50.0)]
    # Any spelling of a skill finds its canonical name; a skill nobody shows finds nobody.
    assert (await _candidates(jobs, job_id, recruiter, skill="python3")).json()["total"] == 4
    assert (await _candidates(jobs, job_id, recruiter, skill="Kubernetes")).json()["total"] == 0
    assert (await _candidates(jobs, job_id, recruiter, status="screening")).json()["total"] == 0
    # A lower-case search finds a skill whose name is only matched capitalised in prose.
    assert (await _candidates(jobs, job_id, recruiter, skill="PYTHON")).json()["total"] == 4
    for bad in ({"min_score": 101}, {"min_score": "high"}, {"skill": ""}, {"skill": "   "}, {"skill": "x" * 101}):
        response = await _candidates(jobs, job_id, recruiter, **bad)
        assert response.status_code == 422, (bad, response.text)


async def test_blind_review_hides_identity_until_shortlisting(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: Jetstream
) -> None:
    _, js = jetstream
    recruiter_id = uuid.uuid4()
    recruiter = test_issuer.headers(recruiter_id, role="recruiter")
    job_id = await _open_job(jobs, recruiter)
    turned_on = await jobs.patch(f"/api/v1/jobs/{job_id}", json={"blind_review": True}, headers=recruiter)
    assert turned_on.status_code == 200, turned_on.text
    assert turned_on.json()["blind_review"] is True
    other = test_issuer.headers(uuid.uuid4(), role="recruiter")
    assert (await jobs.patch(f"/api/v1/jobs/{job_id}", json={"blind_review": False}, headers=other)).status_code == 404
    assert (await jobs.patch(f"/api/v1/jobs/{job_id}", json={"blind": 1}, headers=recruiter)).status_code == 422

    resume_id = uuid.uuid4()
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=resume_id, name="Grace Hopper"))
    await publish(js, _explained_match(job_id, resume_id, 80.0, evidence="3 years at Navy, 2019–2022"))
    # A second applicant whose employer carries her name, and who is rejected unseen.
    other_resume = uuid.uuid4()
    await publish(js, _parsed(uploaded_by=recruiter_id, job_id=job_id, resume_id=other_resume, name="Ada Byron"))
    await publish(js, _explained_match(job_id, other_resume, 60.0, evidence="2 years at Byron Analytics, 2022–2024"))

    async def scored() -> dict[str, Any] | None:
        rows = (await _candidates(jobs, job_id, recruiter)).json()["candidates"]
        return rows[0] if len(rows) == 2 and all(r["score"] is not None for r in rows) else None

    row = await eventually(scored)
    second = (await _candidates(jobs, job_id, recruiter)).json()["candidates"][1]
    assert second["explanation"]["strengths"] == ["Python: 2 years at [name withheld] Analytics, 2022–2024"]
    assert "Byron" not in second["matched"][0]["evidence"]
    rejected = await jobs.patch(
        f"/api/v1/applications/{second['application_id']}", json={"status": "rejected"}, headers=recruiter
    )
    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["resume_id"], rejected.json()["candidate_id"]) == (None, None)
    after = (await _candidates(jobs, job_id, recruiter, status="rejected")).json()["candidates"][0]
    assert after["identity_hidden"] is True
    assert row["identity_hidden"] is True
    assert (row["name"], row["email"], row["file_name"], row["candidate_id"]) == (None, None, None, None)
    # Nor the resume's id, which would lead to the file and its parsed contact details.
    assert row["resume_id"] is None
    # The work is still there to judge.
    assert row["explanation"]["strengths"] == ["Python: 3 years at Navy, 2019–2022"]

    moved = await jobs.patch(
        f"/api/v1/applications/{row['application_id']}", json={"status": "screening"}, headers=recruiter
    )
    assert moved.status_code == 200, moved.text
    shortlisted = (await _candidates(jobs, job_id, recruiter)).json()["candidates"][0]
    assert shortlisted["identity_hidden"] is False
    assert shortlisted["name"] == "Grace Hopper"
