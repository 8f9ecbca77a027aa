"""The uploaded file's name is kept, shown and announced; a reused parse announces the new upload's own name."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from nats.js import JetStreamContext

from contracts.events import ResumeParsed, ResumeUploaded
from services.ingest.app import create_app
from services.ingest.settings import IngestSettings
from talentkit.testing.bus import eventually, find_events
from talentkit.testing.plugin import running_app
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]

RESUME = """Noor Haddad
noor.{tag}@example.org

EXPERIENCE
Registered Nurse — St Mary's Hospital, Jan 2019 – Present
• Patient assessment and wound care; charted in Epic

SKILLS
Kubernetes
"""


@pytest.fixture
async def ingest(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(create_app(IngestSettings(storage_dir=tmp_path / "files"))) as client:
        yield client


async def _event_about(js: JetStreamContext, subject: str, resume_id: str) -> dict[str, Any]:
    found = await eventually(
        lambda: find_events(js, subject, lambda body: body["payload"].get("resume_id") == resume_id), timeout=30
    )
    event: dict[str, Any] = found[0]
    return event


async def _upload(client: httpx.AsyncClient, headers: dict[str, str], data: bytes, name: str) -> str:
    response = await client.post("/api/v1/resumes", headers=headers, files={"file": (name, data, "text/plain")})
    assert response.status_code == 202, response.text
    resume_id: str = response.json()["id"]
    return resume_id


async def test_the_file_name_travels_with_the_resume_and_its_events(
    ingest: httpx.AsyncClient, test_issuer: Issuer, jetstream: tuple[object, JetStreamContext]
) -> None:
    _, js = jetstream
    data = RESUME.format(tag=uuid.uuid4().hex[:8]).encode()
    first_headers = test_issuer.headers(uuid.uuid4(), role="candidate")
    first = await _upload(ingest, first_headers, data, "C:\\Users\\noor\\Noor CV.txt")

    uploaded = await _event_about(js, ResumeUploaded.subject, first)
    assert uploaded["payload"]["file_name"] == "Noor CV.txt", "the base name only"
    parsed = (await _event_about(js, ResumeParsed.subject, first))["payload"]
    assert parsed["file_name"] == "Noor CV.txt"
    assert parsed["roles"][0]["title"] == "Registered Nurse"
    assert parsed["roles"][0]["field"] == "nursing"
    assert parsed["field"] == "nursing"
    evidence = {entry["name"]: entry for entry in parsed["skill_evidence"]}
    assert evidence["Wound Care"]["used"] is True
    assert evidence["Kubernetes"]["used"] is False, "only listed"
    shown = (await ingest.get(f"/api/v1/resumes/{first}", headers=first_headers)).json()
    assert shown["file_name"] == "Noor CV.txt"

    # The same bytes from someone else: the parse is reused, the name is theirs.
    second = await _upload(ingest, test_issuer.headers(uuid.uuid4(), role="candidate"), data, "resume-final.txt")
    reused = (await _event_about(js, ResumeParsed.subject, second))["payload"]
    assert reused["file_name"] == "resume-final.txt"
    assert reused["roles"] == parsed["roles"]
