"""A posted job's full requirements reach JobAnalyzed through the real stream and survive closing it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext

from contracts.events import JobAnalyzed
from services.jobs.tests.conftest import wait_for_event
from talentkit.testing.tokens import TestIssuer

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

DESCRIPTION = """Requirements:
- Less than 12 months of experience as a registered nurse
- BSN required
- Active RN licence; BLS required; ACLS within 30 days of hire
- Patient assessment and medication administration
"""


async def test_the_analysis_publishes_every_requirement(
    jobs: httpx.AsyncClient, test_issuer: TestIssuer, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    recruiter = test_issuer.headers(uuid.uuid4(), role="recruiter")
    response = await jobs.post(
        "/api/v1/jobs", json={"title": "New Grad RN", "description": DESCRIPTION}, headers=recruiter
    )
    assert response.status_code == 201, response.text
    job_id = response.json()["id"]

    def analysed(status: str) -> Callable[[dict[str, Any]], bool]:
        return lambda event: bool(event["payload"]["job_id"] == job_id and event["payload"]["status"] == status)

    payload = (await wait_for_event(js, JobAnalyzed.subject, analysed("open")))["payload"]
    assert payload["max_years_experience"] == 1
    assert payload["seniority"] == "entry"
    assert payload["education"] == {
        "level": "bachelor",
        "fields": ["Nursing"],
        "required": True,
        "equivalent_years": None,
    }
    assert len(payload["required_licences"]) == 1
    assert len(payload["required_certifications"]) == len(payload["preferred_certifications"]) == 1
    assert payload["field"] == "nursing"

    # Closing describes the job again from its stored columns: nothing the analysis read is lost.
    assert (await jobs.post(f"/api/v1/jobs/{job_id}/close", headers=recruiter)).status_code == 200
    closed = (await wait_for_event(js, JobAnalyzed.subject, analysed("closed")))["payload"]
    assert {key: value for key, value in closed.items() if key != "status"} == {
        key: value for key, value in payload.items() if key != "status"
    }
