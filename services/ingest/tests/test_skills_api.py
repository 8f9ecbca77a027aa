"""The skill search routes over HTTP: autocomplete and categories, for any signed-in caller.

The routes need no database or bus, so most tests serve them from a small app holding only their
router, the kit's error handlers and a verifier pointed at the test issuer's real JWKS endpoint;
one test goes through the whole ingest app to show they are mounted there.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from contracts.skills import default_taxonomy
from services.ingest import skills_api
from services.ingest.app import create_app
from services.ingest.settings import IngestSettings
from talentkit.auth import JwksVerifier
from talentkit.errors import install_error_handlers
from talentkit.testing.bus import eventually
from talentkit.testing.plugin import running_app
from talentkit.testing.tokens import TestIssuer as Issuer  # aliased: pytest would collect Test*

pytestmark = pytest.mark.integration

AUTOCOMPLETE = "/api/v1/skills/autocomplete"
CATEGORIES = "/api/v1/skills/categories"


@pytest.fixture
async def client(test_issuer: Issuer) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(skills_api.router)
    verifier = JwksVerifier(test_issuer.jwks_url, issuer=test_issuer.issuer, audience=test_issuer.audience)
    app.state.verifier = verifier
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await verifier.aclose()


async def suggest(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = await client.get(AUTOCOMPLETE, params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_autocomplete_ranks_the_name_first_and_says_what_matched(
    client: httpx.AsyncClient, test_issuer: Issuer
) -> None:
    body = await suggest(client, test_issuer.headers(role="candidate"), q="reac")
    assert body["query"] == "reac"
    assert body["skills"][0] == {"name": "React", "category": "frontend", "matched": "React"}
    assert "React Native" in [skill["name"] for skill in body["skills"]]


@pytest.mark.parametrize(
    ("query", "name", "matched"),
    [("k8", "Kubernetes", "k8s"), ("POSTGRES", "PostgreSQL", "Postgres"), ("js", "JavaScript", "JS")],
)
async def test_autocomplete_finds_skills_by_synonym_in_any_case(
    client: httpx.AsyncClient, test_issuer: Issuer, query: str, name: str, matched: str
) -> None:
    body = await suggest(client, test_issuer.headers(role="recruiter"), q=query)
    assert body["skills"][0]["name"] == name
    assert body["skills"][0]["matched"] == matched


async def test_autocomplete_gives_each_skill_once_and_honours_the_limit(
    client: httpx.AsyncClient, test_issuer: Issuer
) -> None:
    headers = test_issuer.headers(role="admin")
    names = [skill["name"] for skill in (await suggest(client, headers, q="s", limit=50))["skills"]]
    assert len(names) == 50
    assert len(set(names)) == 50
    assert len((await suggest(client, headers, q="s", limit=3))["skills"]) == 3
    assert len((await suggest(client, headers, q="s"))["skills"]) == 10


async def test_autocomplete_with_no_match_is_an_empty_list(client: httpx.AsyncClient, test_issuer: Issuer) -> None:
    body = await suggest(client, test_issuer.headers(), q="zzqx underwater basket")
    assert body == {"query": "zzqx underwater basket", "skills": []}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 51},
        {"q": "py", "limit": 0},
        {"q": "py", "limit": 51},
        {"q": "py", "limit": "ten"},
    ],
)
async def test_autocomplete_refuses_a_missing_blank_or_oversized_query(
    client: httpx.AsyncClient, test_issuer: Issuer, params: dict[str, Any]
) -> None:
    response = await client.get(AUTOCOMPLETE, params=params, headers=test_issuer.headers())
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


async def test_a_fifty_character_query_is_accepted(client: httpx.AsyncClient, test_issuer: Issuer) -> None:
    body = await suggest(client, test_issuer.headers(), q="machine learning" + "x" * 34)
    assert body["skills"] == []


@pytest.mark.parametrize("path", [AUTOCOMPLETE + "?q=py", CATEGORIES])
async def test_the_skill_routes_need_a_valid_token(client: httpx.AsyncClient, path: str) -> None:
    assert (await client.get(path)).status_code == 401
    response = await client.get(path, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("role", ["candidate", "recruiter", "admin"])
async def test_categories_list_every_category_with_its_skill_count(
    client: httpx.AsyncClient, test_issuer: Issuer, role: str
) -> None:
    response = await client.get(CATEGORIES, headers=test_issuer.headers(role=role))
    assert response.status_code == 200
    categories = response.json()["categories"]
    counts = {category["name"]: category["skill_count"] for category in categories}
    assert counts == default_taxonomy().categories()
    assert sum(counts.values()) == len(default_taxonomy().skills)
    assert counts["cloud_devops"] > 50
    assert {"healthcare", "finance", "sales_marketing", "design", "product_management"} <= set(counts)


@pytest.mark.usefixtures("infra_env")
async def test_the_ingest_app_serves_the_skill_routes(test_issuer: Issuer, tmp_path: Path) -> None:
    async with running_app(create_app(IngestSettings(storage_dir=tmp_path / "files"))) as ingest:
        headers = test_issuer.headers(role="candidate")
        found = await ingest.get(AUTOCOMPLETE, params={"q": "kuber"}, headers=headers)
        assert found.status_code == 200
        assert found.json()["skills"][0]["name"] == "Kubernetes"
        assert found.headers.get("x-request-id")
        categories = await ingest.get(CATEGORIES, headers=headers)
        assert categories.status_code == 200
        assert len(categories.json()["categories"]) == len(default_taxonomy().categories())
        blank = await ingest.get(AUTOCOMPLETE, params={"q": " "}, headers=headers)
        assert blank.status_code == 422
        assert blank.json()["error"]["request_id"]


@pytest.mark.integration
@pytest.mark.usefixtures("infra_env")
async def test_admins_see_unknown_skill_terms_counted_across_resumes(test_issuer: Issuer, tmp_path: Path) -> None:
    term = f"Zorblat{uuid.uuid4().hex[:6]}"
    resume = f"Pat Doe\npat@example.com\n\nSKILLS\nPython, {term}, Kubernetes\n".encode()
    async with running_app(create_app(IngestSettings(storage_dir=tmp_path / "files"))) as ingest:
        for _ in range(2):
            uploaded = await ingest.post(
                "/api/v1/resumes",
                files={"file": ("r.txt", resume + uuid.uuid4().hex.encode(), "text/plain")},
                headers=test_issuer.headers(uuid.uuid4(), role="candidate"),
            )
            assert uploaded.status_code == 202, uploaded.text
        admin = test_issuer.headers(role="admin")

        async def counted() -> int:
            body = (await ingest.get("/api/v1/admin/skills/unknown", params={"limit": 500}, headers=admin)).json()
            return next((row["resumes"] for row in body["unknown_skills"] if row["term"] == term), 0)

        await eventually(lambda: _equals(counted(), 2), timeout=30)
        refused = await ingest.get("/api/v1/admin/skills/unknown", headers=test_issuer.headers(role="recruiter"))
        assert refused.status_code == 403


async def _equals(value: Awaitable[int], expected: int) -> bool:
    return await value == expected
