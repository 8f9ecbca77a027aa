"""Readiness probes and the API-document cache, against an in-memory transport."""

from __future__ import annotations

import httpx
import pytest

from services.gateway.upstreams import Upstreams

pytestmark = pytest.mark.unit

URLS = {"identity": "http://identity", "jobs": "http://jobs"}


async def test_a_document_is_kept_once_fetched_and_a_missing_one_is_asked_for_again() -> None:
    up = {"identity": True, "jobs": False}
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        service = request.url.host
        calls.append(service)
        if not up[service]:
            raise httpx.ConnectError("down", request=request)
        return httpx.Response(200, json={"openapi": "3.1.0", "info": {"title": service}, "paths": {}})

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        upstreams = Upstreams(URLS, client, probe_timeout=1.0)
        assert set(await upstreams.openapi_documents()) == {"identity"}
        up.update(identity=False, jobs=True)
        documents = await upstreams.openapi_documents()
    assert set(documents) == {"identity", "jobs"}
    assert calls == ["identity", "jobs", "jobs"]


async def test_readiness_reports_each_upstream_as_it_answered() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "jobs":
            raise httpx.ConnectError("down", request=request)
        return httpx.Response(200, json={"status": "ready"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        readiness = await Upstreams(URLS, client, probe_timeout=1.0).readiness()
    assert readiness == {
        "identity": {"ready": True, "status_code": 200},
        "jobs": {"ready": False, "status_code": None},
    }


async def test_a_service_that_answers_not_ready_is_not_ready() -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(lambda _r: httpx.Response(503))) as client:
        readiness = await Upstreams({"audit": "http://audit"}, client, probe_timeout=1.0).readiness()
    assert readiness == {"audit": {"ready": False, "status_code": 503}}
