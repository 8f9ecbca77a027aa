"""The matcher end to end: real events on JetStream in, `MatchComputed` out, scores over HTTP.

One app per module (loading the model takes seconds), on the session's real NATS and PostgreSQL,
with Qdrant in embedded local mode under a temporary VAR_DIR.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import Request
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from sqlalchemy import func, select

from contracts.envelope import Event
from contracts.events import JobAnalyzed, MatchComputed, ResumeDeleted, ResumeParsed, UserDeleted
from contracts.events.identity import UserDeletedPayload
from contracts.events.ingest import ResumeDeletedPayload, ResumeParsedPayload, Role, SkillEvidence, SkillSource
from contracts.events.jobs import JobAnalyzedPayload
from services.matcher.app import create_app
from services.matcher.domain.weights import default_weights
from services.matcher.models import JobVector, MatchScore
from services.matcher.recall_index import JOBS, RESUMES, IndexedPoint
from services.matcher.resources import MatcherResources
from services.matcher.settings import MatcherSettings
from talentkit.service import Runtime, runtime_of
from talentkit.testing.plugin import running_app

# Aliased: pytest would try to collect a class named Test* as a test.
from talentkit.testing.tokens import TestIssuer as Issuer

pytestmark = pytest.mark.integration

PYTHON_JOB = (
    "Senior Python backend engineer. You will design Django REST APIs backed by PostgreSQL, "
    "run them in Docker on AWS, and mentor other backend developers."
)
PYTHON_RESUME = (
    "Backend developer with six years of Python. Built Django REST services with PostgreSQL and Celery, "
    "containerised with Docker and deployed on AWS; led code reviews for a team of four."
)
PASTRY_RESUME = (
    "Pastry chef trained in Lyon. Laminated doughs, croissants, entremets and wedding cakes; "
    "ran a bakery kitchen of six and managed flour and butter suppliers."
)
NURSE_JOB = "Registered nurse for a night-shift intensive care unit; patient monitoring and medication rounds."


@dataclass
class Matcher:
    """The running app, an HTTP client for it, and its runtime (to look behind the API)."""

    client: httpx.AsyncClient
    runtime: Runtime[MatcherSettings, MatcherResources]


@dataclass
class MatchLog:
    """Every `MatchComputed` seen on the bus since the subscription started, newest last."""

    seen: dict[tuple[uuid.UUID, uuid.UUID], list[MatchComputed]] = field(default_factory=dict)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def on_message(self, msg: Msg) -> None:
        event = MatchComputed.model_validate_json(msg.data)
        self.seen.setdefault((event.payload.job_id, event.payload.resume_id), []).append(event)
        self.arrived.set()

    async def wait_for(self, job_id: uuid.UUID, resume_id: uuid.UUID, *, timeout: float = 60.0) -> MatchComputed:
        """The latest score of this pair, waiting for the first one to arrive."""
        async with asyncio.timeout(timeout):
            while (job_id, resume_id) not in self.seen:
                self.arrived.clear()
                await self.arrived.wait()
        return self.seen[(job_id, resume_id)][-1]


@pytest.fixture(scope="module")
async def matcher(
    tmp_path_factory: pytest.TempPathFactory, nats_url: str, postgres_url: str, test_issuer: Issuer
) -> AsyncIterator[Matcher]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NATS_URL", nats_url)
        env.setenv("DATABASE_URL", postgres_url)
        env.setenv("JWKS_URL", test_issuer.jwks_url)
        env.setenv("VAR_DIR", str(tmp_path_factory.mktemp("matcher") / "var"))
        env.setenv("TC_ENV", "test")
        env.setenv("LOG_JSON", "false")
        env.delenv("QDRANT_URL", raising=False)
        app = create_app()
        captured: dict[str, Any] = {}

        # Test-only: reach the runtime the lifespan built, to look at Qdrant and the tables directly.
        @app.get("/__test__/runtime", include_in_schema=False)
        async def grab_runtime(request: Request) -> dict[str, str]:
            captured["runtime"] = runtime_of(request)
            return {}

        async with running_app(app) as client:
            assert (await client.get("/__test__/runtime")).status_code == 200
            yield Matcher(client=client, runtime=captured["runtime"])


@pytest.fixture
async def matches(jetstream: tuple[NATS, JetStreamContext]) -> AsyncIterator[MatchLog]:
    nc, _js = jetstream
    log = MatchLog()
    sub = await nc.subscribe(MatchComputed.subject, cb=log.on_message)
    try:
        yield log
    finally:
        await sub.unsubscribe()


async def publish(js: JetStreamContext, event: Event) -> None:
    await js.publish(event.subject, event.to_json(), headers={"Nats-Msg-Id": str(event.event_id)})


def job_analyzed(text: str, *, required: list[str], status: str = "open", **fields: Any) -> JobAnalyzed:
    payload = JobAnalyzedPayload(
        job_id=uuid.uuid4(),
        recruiter_id=fields.pop("recruiter_id", uuid.uuid4()),
        title=fields.pop("title", text.split(".")[0][:80]),
        status=status,  # type: ignore[arg-type]
        required_skills=required,
        embedding_text=text,
        **fields,
    )
    return JobAnalyzed.build(payload, producer="jobs")


def resume_parsed(text: str, *, skills: list[str], months: int | None, **fields: Any) -> ResumeParsed:
    uploader = fields.pop("uploaded_by", uuid.uuid4())
    payload = ResumeParsedPayload(
        resume_id=uuid.uuid4(),
        uploaded_by=uploader,
        candidate_id=fields.pop("candidate_id", uploader),
        skills=skills,
        total_experience_months=months,
        embedding_text=text,
        **fields,
    )
    return ResumeParsed.build(payload, producer="ingest", actor_id=str(uploader))


NURSE_JOB = (
    "Registered Nurse, medical-surgical unit. Patient assessment, medication administration and IV therapy. "
    "Active RN licence and BLS required. Two years of acute care nursing."
)
NURSE_RESUME = (
    "Staff Nurse, St Mary's Hospital, 2019 to 2024. Assessed patients on a 30-bed surgical ward, administered "
    "medications and managed IV therapy; charted in Epic."
)
STUFFER_RESUME = (
    "Account Executive, MedSupply, 2016 to 2024. Sold infusion pumps to hospitals. Skills: patient assessment, "
    "medication administration, IV therapy, nursing."
)


async def test_evidence_roles_and_credentials_reach_the_score_and_its_explanation(
    matcher: Matcher, matches: MatchLog, jetstream: tuple[NATS, JetStreamContext], test_issuer: Issuer
) -> None:
    _, js = jetstream
    job = job_analyzed(
        NURSE_JOB,
        required=["Patient Assessment", "Medication Administration", "IV Therapy"],
        min_years_experience=2,
        seniority="mid",
        required_licences=["Registered Nurse Licence"],
        required_certifications=["BLS"],
        field="nursing",
    )
    await publish(js, job)
    ward = SkillSource(kind="job", label="St Mary's Hospital", start_date="2019-01", end_date="2024-01")
    nurse = resume_parsed(
        NURSE_RESUME,
        skills=["Patient Assessment", "Medication Administration", "IV Therapy"],
        months=60,
        skill_evidence=[
            SkillEvidence(name=name, months=60, used=True, sources=[ward])
            for name in ("Patient Assessment", "Medication Administration", "IV Therapy")
        ],
        roles=[
            Role(
                title="Staff Nurse",
                employer="St Mary's Hospital",
                start_date="2019-01",
                end_date="2024-01",
                months=60,
                field="nursing",
            )
        ],
        licences=["Registered Nurse Licence"],
        certifications=["BLS"],
        field="nursing",
    )
    listing = SkillSource(kind="skills_section")
    stuffer = resume_parsed(
        STUFFER_RESUME,
        skills=["Patient Assessment", "Medication Administration", "IV Therapy"],
        months=96,
        skill_evidence=[
            SkillEvidence(name=name, used=False, sources=[listing])
            for name in ("Patient Assessment", "Medication Administration", "IV Therapy")
        ],
        roles=[Role(title="Account Executive", employer="MedSupply", start_date="2016-01", months=96, field="sales")],
        field="sales",
    )
    for event in (nurse, stuffer):
        await publish(js, event)
    nurse_match = await matches.wait_for(job.payload.job_id, nurse.payload.resume_id)
    stuffer_match = await matches.wait_for(job.payload.job_id, stuffer.payload.resume_id)

    assert nurse_match.payload.score > stuffer_match.payload.score + 30
    assert nurse_match.payload.gates == []
    assert stuffer_match.payload.gates == ["Registered Nurse Licence", "BLS"]
    assert nurse_match.payload.explanation is not None
    assert "Patient Assessment: 5 years at St Mary's Hospital, 2019–2024" in nurse_match.payload.explanation.strengths
    assert all(not skill.used for skill in stuffer_match.payload.matched)
    assert stuffer_match.payload.factors["gates"] < 1

    # The stored score carries the same explanation for the candidate's own view.
    candidate = test_issuer.headers(nurse.payload.candidate_id, role="candidate")
    response = await matcher.client.get(f"/api/v1/matches/resumes/{nurse.payload.resume_id}", headers=candidate)
    assert response.status_code == 200, response.text
    stored = response.json()["matches"][0]
    assert stored["details"]["strengths"] == nurse_match.payload.explanation.strengths
    assert stored["matched"][0]["evidence"].startswith("5 years at St Mary's Hospital")


async def test_the_service_is_ready_with_model_and_qdrant(matcher: Matcher) -> None:
    response = await matcher.client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["checks"] == {"database": True, "nats": True, "embedding_model": True, "qdrant": True}
    # QDRANT_URL unset: the embedded local mode keeps its collections under VAR_DIR.
    settings = matcher.runtime.settings
    assert settings.qdrant_url == ""
    assert matcher.runtime.resources.index.local
    assert (settings.qdrant_path / "collection" / "jobs").is_dir()


async def test_a_matching_resume_outscores_an_unrelated_one_and_closed_jobs_are_left_out(
    matcher: Matcher,
    matches: MatchLog,
    jetstream: tuple[NATS, JetStreamContext],
    test_issuer: Issuer,
) -> None:
    _, js = jetstream
    job = job_analyzed(
        PYTHON_JOB,
        required=["Python", "Django", "PostgreSQL"],
        preferred_skills=["Docker", "Kubernetes"],
        min_years_experience=4,
    )
    closed = job_analyzed(PYTHON_JOB + " (filled)", required=["Python"], status="closed")
    await publish(js, closed)
    await publish(js, job)
    good = resume_parsed(PYTHON_RESUME, skills=["python", "Django", "PostgreSQL", "Docker", "AWS"], months=72)
    poor = resume_parsed(PASTRY_RESUME, skills=["Baking"], months=96)
    # Uploaded by the recruiter for the closed job: that pair is scored all the same.
    for_closed = resume_parsed(
        PYTHON_RESUME,
        skills=["Python"],
        months=30,
        uploaded_by=closed.payload.recruiter_id,
        job_id=closed.payload.job_id,
    )
    for event in (good, poor, for_closed):
        await publish(js, event)

    good_match = await matches.wait_for(job.payload.job_id, good.payload.resume_id)
    poor_match = await matches.wait_for(job.payload.job_id, poor.payload.resume_id)
    await matches.wait_for(closed.payload.job_id, for_closed.payload.resume_id)

    assert good_match.payload.score > poor_match.payload.score + 40
    assert good_match.payload.matched_skills == ["Python", "Django", "PostgreSQL"]
    assert good_match.payload.missing_skills == []
    assert good_match.payload.candidate_id == good.payload.candidate_id
    assert good_match.payload.semantic_similarity > poor_match.payload.semantic_similarity
    assert set(good_match.payload.breakdown) == {
        "required_skills",
        "evidence_bonus",
        "preferred_skills",
        "experience",
        "education",
    }
    assert poor_match.payload.missing_skills == ["Python", "Django", "PostgreSQL"]
    assert good_match.payload.scoring_version == default_weights().version
    # The event belongs to the flow of whichever side completed the pair.
    assert good_match.causation_id in {job.event_id, good.event_id}
    assert good_match.correlation_id in {job.correlation_id, good.correlation_id}

    # The candidate's feed: best first, and the closed job (recalled by nobody) is not in it.
    candidate = test_issuer.headers(good.payload.candidate_id, role="candidate")
    feed = await matcher.client.get(f"/api/v1/matches/resumes/{good.payload.resume_id}", headers=candidate)
    assert feed.status_code == 200, feed.text
    listed = feed.json()["matches"]
    job_ids = [item["job_id"] for item in listed]
    assert str(job.payload.job_id) in job_ids
    assert str(closed.payload.job_id) not in job_ids
    assert [item["score"] for item in listed] == sorted((item["score"] for item in listed), reverse=True)
    top = next(item for item in listed if item["job_id"] == str(job.payload.job_id))
    assert top["score"] == good_match.payload.score
    assert top["title"] == job.payload.title
    assert len(top["explanation"]) == len(top["breakdown"]) + 1


async def test_only_the_resume_owner_uploader_or_an_admin_sees_its_scores(
    matcher: Matcher, matches: MatchLog, jetstream: tuple[NATS, JetStreamContext], test_issuer: Issuer
) -> None:
    _, js = jetstream
    recruiter = uuid.uuid4()
    candidate = uuid.uuid4()
    job = job_analyzed(NURSE_JOB, required=["Nursing"], recruiter_id=recruiter)
    resume = resume_parsed(
        "ICU nurse, eight years of night shifts.",
        skills=["Nursing"],
        months=96,
        uploaded_by=recruiter,
        candidate_id=candidate,
        job_id=job.payload.job_id,
    )
    await publish(js, resume)
    await publish(js, job)
    await matches.wait_for(job.payload.job_id, resume.payload.resume_id)
    path = f"/api/v1/matches/resumes/{resume.payload.resume_id}"

    for allowed in (
        test_issuer.headers(candidate, role="candidate"),
        test_issuer.headers(recruiter, role="recruiter"),
        test_issuer.headers(uuid.uuid4(), role="admin"),
    ):
        response = await matcher.client.get(path, headers=allowed)
        assert response.status_code == 200, response.text
        assert response.json()["matches"][0]["job_id"] == str(job.payload.job_id)

    stranger = await matcher.client.get(path, headers=test_issuer.headers(uuid.uuid4(), role="recruiter"))
    unknown = await matcher.client.get(
        f"/api/v1/matches/resumes/{uuid.uuid4()}", headers=test_issuer.headers(uuid.uuid4(), role="admin")
    )
    assert stranger.status_code == unknown.status_code == 404
    assert stranger.json()["error"]["code"] == "resume_not_found"
    assert (await matcher.client.get(path)).status_code == 401
    assert (
        await matcher.client.get("/api/v1/matches/resumes/not-a-uuid", headers=test_issuer.headers())
    ).status_code == 422


async def test_reindex_rebuilds_qdrant_from_pgvector(
    matcher: Matcher, matches: MatchLog, jetstream: tuple[NATS, JetStreamContext], test_issuer: Issuer
) -> None:
    _, js = jetstream
    job = job_analyzed(PYTHON_JOB, required=["Python", "Django"])
    await publish(js, job)
    first = resume_parsed(PYTHON_RESUME, skills=["Python", "Django"], months=60)
    await publish(js, first)
    await matches.wait_for(job.payload.job_id, first.payload.resume_id)

    index = matcher.runtime.resources.index
    # Lose the jobs collection and leave a point PostgreSQL never had.
    await index.client.delete_collection(JOBS)
    stale = uuid.uuid4()
    await index.upsert(RESUMES, [IndexedPoint(id=stale, vector=[1.0] + [0.0] * 383, payload={})])

    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    forbidden = await matcher.client.post(
        "/api/v1/admin/matcher/reindex", headers=test_issuer.headers(role="recruiter")
    )
    assert forbidden.status_code == 403
    response = await matcher.client.post("/api/v1/admin/matcher/reindex", headers=admin)
    assert response.status_code == 200, response.text
    counts = response.json()
    assert counts["stale_removed"] >= 1
    assert await index.count(JOBS) == counts["jobs"] >= 1
    assert await index.count(RESUMES) == counts["resumes"] >= 1
    assert stale not in await index.ids(RESUMES)
    assert job.payload.job_id in await index.ids(JOBS)

    # Recall works again: a new resume finds the job only through the rebuilt collection.
    second = resume_parsed(PYTHON_RESUME, skills=["Python"], months=12)
    await publish(js, second)
    rescored = await matches.wait_for(job.payload.job_id, second.payload.resume_id)
    assert rescored.causation_id == second.event_id


async def test_a_deleted_user_loses_vectors_points_and_scores(
    matcher: Matcher, matches: MatchLog, jetstream: tuple[NATS, JetStreamContext], test_issuer: Issuer
) -> None:
    _, js = jetstream
    job, resume = await _scored_python_pair(js, matches)
    user_id = resume.payload.candidate_id
    assert user_id is not None

    await publish(js, UserDeleted.build(UserDeletedPayload(user_id=user_id), producer="identity"))

    await _scores_gone(matcher, test_issuer, resume.payload.resume_id)
    assert resume.payload.resume_id not in await matcher.runtime.resources.index.ids(RESUMES)
    async with matcher.runtime.transaction() as session:
        left = await session.scalar(
            select(func.count()).select_from(MatchScore).where(MatchScore.resume_id == resume.payload.resume_id)
        )
    assert left == 0
    # The job's recruiter is someone else: the job stays.
    assert job.payload.job_id in await matcher.runtime.resources.index.ids(JOBS)


async def test_a_deleted_resume_loses_its_vector_point_and_scores(
    matcher: Matcher, matches: MatchLog, jetstream: tuple[NATS, JetStreamContext], test_issuer: Issuer
) -> None:
    _, js = jetstream
    job, resume = await _scored_python_pair(js, matches)

    payload = ResumeDeletedPayload(resume_id=resume.payload.resume_id, uploaded_by=resume.payload.uploaded_by)
    await publish(js, ResumeDeleted.build(payload, producer="ingest"))

    await _scores_gone(matcher, test_issuer, resume.payload.resume_id)
    assert resume.payload.resume_id not in await matcher.runtime.resources.index.ids(RESUMES)
    assert job.payload.job_id in await matcher.runtime.resources.index.ids(JOBS)


async def _scored_python_pair(js: JetStreamContext, matches: MatchLog) -> tuple[JobAnalyzed, ResumeParsed]:
    """A Python job and a Python resume, published and scored against each other."""
    job = job_analyzed(PYTHON_JOB, required=["Python"])
    resume = resume_parsed(PYTHON_RESUME, skills=["Python"], months=40)
    await publish(js, job)
    await publish(js, resume)
    await matches.wait_for(job.payload.job_id, resume.payload.resume_id)
    return job, resume


async def _scores_gone(matcher: Matcher, test_issuer: Issuer, resume_id: uuid.UUID) -> None:
    """Wait until the matcher answers 404 for the resume's scores (its erasure was handled)."""
    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    async with asyncio.timeout(30):
        while (await matcher.client.get(f"/api/v1/matches/resumes/{resume_id}", headers=admin)).status_code != 404:
            await asyncio.sleep(0.2)


async def _assert_never_indexed(matcher: Matcher, matches: MatchLog, test_issuer: Issuer, resume_id: uuid.UUID) -> None:
    admin = test_issuer.headers(uuid.uuid4(), role="admin")
    response = await matcher.client.get(f"/api/v1/matches/resumes/{resume_id}", headers=admin)
    assert response.status_code == 404, response.text
    assert resume_id not in await matcher.runtime.resources.index.ids(RESUMES)
    assert [pair for pair in matches.seen if pair[1] == resume_id] == []


async def test_a_resume_deleted_before_its_parse_arrives_is_never_indexed(
    matcher: Matcher, matches: MatchLog, jetstream: tuple[NATS, JetStreamContext], test_issuer: Issuer
) -> None:
    _, js = jetstream
    job = job_analyzed(PYTHON_JOB, required=["Python"])
    marker = resume_parsed(PYTHON_RESUME, skills=["Python"], months=40)
    await publish(js, job)
    await publish(js, marker)
    await matches.wait_for(job.payload.job_id, marker.payload.resume_id)
    late = resume_parsed(PYTHON_RESUME, skills=["Python"], months=30)
    # Deletions and parses are separate consumers: a parse held up by a backlog or a retry may come
    # after the deletion. Deletions are handled in order: once the marker is gone, so is `late`.
    for deleted in (late, marker):
        payload = ResumeDeletedPayload(resume_id=deleted.payload.resume_id, uploaded_by=deleted.payload.uploaded_by)
        await publish(js, ResumeDeleted.build(payload, producer="ingest"))
    await _scores_gone(matcher, test_issuer, marker.payload.resume_id)

    sentinel = resume_parsed(PYTHON_RESUME, skills=["Python"], months=20)
    await publish(js, late)
    await publish(js, sentinel)
    await matches.wait_for(job.payload.job_id, sentinel.payload.resume_id)

    await _assert_never_indexed(matcher, matches, test_issuer, late.payload.resume_id)


async def test_a_deleted_users_late_resume_and_job_are_never_indexed(
    matcher: Matcher, matches: MatchLog, jetstream: tuple[NATS, JetStreamContext], test_issuer: Issuer
) -> None:
    _, js = jetstream
    job = job_analyzed(PYTHON_JOB, required=["Python"])
    marker = resume_parsed(PYTHON_RESUME, skills=["Python"], months=40)
    await publish(js, job)
    await publish(js, marker)
    await matches.wait_for(job.payload.job_id, marker.payload.resume_id)
    user_id, recruiter_id = marker.payload.uploaded_by, uuid.uuid4()
    for deleted in (recruiter_id, user_id):
        await publish(js, UserDeleted.build(UserDeletedPayload(user_id=deleted), producer="identity"))
    await _scores_gone(matcher, test_issuer, marker.payload.resume_id)

    late_resume = resume_parsed(PYTHON_RESUME, skills=["Python"], months=30, uploaded_by=user_id)
    late_job = job_analyzed(PYTHON_JOB, required=["Python"], recruiter_id=recruiter_id)
    sentinel_job = job_analyzed(PYTHON_JOB, required=["Python"])
    sentinel = resume_parsed(PYTHON_RESUME, skills=["Python"], months=20)
    for event in (late_resume, late_job, sentinel_job):
        await publish(js, event)
    await publish(js, sentinel)
    # The sentinel job was handled after the late job, the sentinel resume after the late resume.
    await matches.wait_for(sentinel_job.payload.job_id, sentinel.payload.resume_id)

    await _assert_never_indexed(matcher, matches, test_issuer, late_resume.payload.resume_id)
    assert late_job.payload.job_id not in await matcher.runtime.resources.index.ids(JOBS)
    async with matcher.runtime.transaction() as session:
        assert await session.get(JobVector, late_job.payload.job_id) is None


async def test_a_job_event_overtaken_by_a_later_one_does_not_undo_it(
    matcher: Matcher, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    opened = job_analyzed(PYTHON_JOB, required=["Python"])
    closed = JobAnalyzed.build(opened.payload.model_copy(update={"status": "closed"}), producer="jobs")
    # The job was closed after it opened, but the open event is handled last (it was retried).
    await publish(js, closed)
    await publish(js, opened)
    sentinel = job_analyzed(NURSE_JOB, required=["Nursing"])
    await publish(js, sentinel)

    async def stored(job_id: uuid.UUID) -> JobVector | None:
        async with matcher.runtime.transaction() as session:
            return await session.get(JobVector, job_id)

    async with asyncio.timeout(60):
        while await stored(sentinel.payload.job_id) is None:
            await asyncio.sleep(0.2)
    job = await stored(opened.payload.job_id)
    assert job is not None
    assert job.status == "closed"
    points = await matcher.runtime.resources.index.client.retrieve(JOBS, [str(opened.payload.job_id)])
    assert [point.payload for point in points if point.payload] == [
        {"job_id": str(opened.payload.job_id), "recruiter_id": str(opened.payload.recruiter_id), "status": "closed"}
    ]
