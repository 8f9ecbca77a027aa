"""The walking skeleton, driven only through the gateway against the real system.

register/login → post a job (JobPosted → JobAnalyzed) → upload resumes (ResumeUploaded →
ResumeParsed) → matcher embeds, indexes and scores (MatchComputed) → ranked candidates →
the admin sees every step in the audit log.
"""

from __future__ import annotations

import httpx
import pytest

from talentkit.testing.system import RunningSystem
from tests.e2e.conftest import SAMPLES, register, wait_for

pytestmark = pytest.mark.e2e

JOB_DESCRIPTION = """We are hiring a Full Stack Engineer.

Requirements:
- 3+ years building web applications with React and TypeScript
- Node.js and PostgreSQL in production
- REST APIs and Docker

Nice to have:
- Kubernetes, GraphQL
"""

UNRELATED_RESUME = b"""Maria Gonzalez
maria.gonzalez@example.com | +1 555 0100

Summary
Pastry chef with ten years in hotel kitchens.

Experience
Head Pastry Chef, Grand Hotel, 2016 - Present
Menu planning, team leadership, food safety.
"""


def _candidates(client: httpx.Client, job_id: str, headers: dict[str, str]) -> list[dict[str, object]]:
    response = client.get(f"/api/v1/jobs/{job_id}/candidates", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["candidates"])


def test_the_flow_through_every_service(system: RunningSystem, client: httpx.Client) -> None:
    _, recruiter = register(client, "recruiter", company_name="Acme")

    posted = client.post(
        "/api/v1/jobs", json={"title": "Full Stack Engineer", "description": JOB_DESCRIPTION}, headers=recruiter
    )
    assert posted.status_code == 201, posted.text
    job_id = posted.json()["id"]

    job = wait_for(
        lambda: (r := client.get(f"/api/v1/jobs/{job_id}", headers=recruiter).json()).get("status") == "open" and r
    )
    assert {"React", "TypeScript", "PostgreSQL"} <= set(job["requirements"]["required_skills"])

    fullstack_pdf = (SAMPLES / "bruce_wayne_fullstack.pdf").read_bytes()
    uploads = [
        ("bruce_wayne_fullstack.pdf", fullstack_pdf, "application/pdf"),
        ("maria.txt", UNRELATED_RESUME, "text/plain"),
    ]
    resume_ids = []
    for filename, content, content_type in uploads:
        response = client.post(
            "/api/v1/resumes",
            files={"file": (filename, content, content_type)},
            data={"job_id": job_id},
            headers=recruiter,
        )
        assert response.status_code == 202, response.text
        assert response.json()["status"] == "pending"
        resume_ids.append(response.json()["id"])

    ranked = wait_for(
        lambda: (
            (c := _candidates(client, job_id, recruiter))
            and len(c) == 2
            and all(x["score"] is not None for x in c)
            and c
        ),
        timeout=180,
    )
    assert [c["resume_id"] for c in ranked] == resume_ids, "the full-stack resume must rank above the pastry chef"
    best = ranked[0]
    assert best["score"] > ranked[1]["score"]
    assert "React" in best["matched_skills"]
    assert set(best["missing_skills"]).isdisjoint(best["matched_skills"])
    # Explained through the public API: evidence, rank and percentile, and the file it came from.
    assert best["file_name"] == "bruce_wayne_fullstack.pdf"
    assert (best["rank"], best["percentile"]) == (1, 100.0)
    assert best["explanation"]["summary"].startswith(("Strong", "Good", "Partial", "Weak"))
    react = next(item for item in best["matched"] if item["skill"] == "React")
    assert react["evidence"], react
    assert best["scoring_version"]
    assert ranked[1]["factors"]["relevance"] < best["factors"]["relevance"]

    parsed = client.get(f"/api/v1/resumes/{resume_ids[0]}", headers=recruiter).json()
    assert parsed["status"] == "parsed"

    # The admin sees every step, newest first.
    login = client.post("/api/v1/auth/login", json={"email": system.admin_email, "password": system.admin_password})
    admin = {"Authorization": f"Bearer {login.json()['access_token']}"}

    def audit_types() -> set[str]:
        events = client.get("/api/v1/admin/audit", params={"limit": 500}, headers=admin).json()["events"]
        return {e["event_type"] for e in events}

    expected = {"UserRegistered", "JobPosted", "JobAnalyzed", "ResumeUploaded", "ResumeParsed", "MatchComputed"}
    wait_for(lambda: expected <= audit_types(), timeout=60)
    events = client.get("/api/v1/admin/audit", params={"limit": 500}, headers=admin).json()["events"]
    times = [e["occurred_at"] for e in events]
    assert times == sorted(times, reverse=True)

    # Only the admin may read the audit log.
    assert client.get("/api/v1/admin/audit", headers=recruiter).status_code == 403


def test_another_recruiter_cannot_see_the_candidates(client: httpx.Client) -> None:
    _, owner = register(client, "recruiter")
    _, other = register(client, "recruiter")
    job_id = client.post(
        "/api/v1/jobs", json={"title": "Data Engineer", "description": "Python, Spark"}, headers=owner
    ).json()["id"]
    assert client.get(f"/api/v1/jobs/{job_id}/candidates", headers=other).status_code in (403, 404)
    _, candidate = register(client, "candidate")
    assert client.post("/api/v1/jobs", json={"title": "x", "description": "y"}, headers=candidate).status_code == 403


def test_bad_input_gets_a_clear_error_not_a_500(client: httpx.Client) -> None:
    _, candidate = register(client, "candidate")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    response = client.post("/api/v1/resumes", files={"file": ("me.png", png, "image/png")}, headers=candidate)
    assert response.status_code == 415
    assert response.json()["error"]["message"]
    assert client.get("/api/v1/jobs/not-a-uuid", headers=candidate).status_code == 422
    assert (
        client.post("/api/v1/auth/login", content=b"{", headers={"content-type": "application/json"}).status_code == 422
    )
    assert client.get("/api/v1/jobs").status_code == 401


def test_readiness_reports_every_service(client: httpx.Client) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert set(body["services"]) == {"identity", "ingest", "matcher", "jobs", "interviews", "audit"}
