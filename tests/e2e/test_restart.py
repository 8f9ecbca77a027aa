"""A second start on the same state keeps everything (the `make dev` promise)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from talentkit.testing.system import running_system
from tests.e2e.conftest import register, wait_for

pytestmark = pytest.mark.e2e


def test_a_restart_keeps_accounts_jobs_and_signing_keys(tmp_path: Path) -> None:
    state = tmp_path / "var"
    with running_system(state) as system, httpx.Client(base_url=system.base_url, timeout=30) as client:
        _, recruiter = register(client, "recruiter")
        job_id = client.post(
            "/api/v1/jobs",
            json={"title": "Go Developer", "description": "Requirements: Golang, gRPC"},
            headers=recruiter,
        ).json()["id"]
        wait_for(lambda: client.get(f"/api/v1/jobs/{job_id}", headers=recruiter).json().get("status") == "open")

    with running_system(state) as system, httpx.Client(base_url=system.base_url, timeout=30) as client:
        # The token issued before the restart still verifies: the signing keys were kept.
        job = client.get(f"/api/v1/jobs/{job_id}", headers=recruiter)
        assert job.status_code == 200
        assert job.json()["title"] == "Go Developer"
