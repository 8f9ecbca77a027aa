"""The request middleware's metrics: labels a client cannot multiply."""

from __future__ import annotations

import uuid

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import REGISTRY

from talentkit.errors import install_error_handlers
from talentkit.http import RequestContextMiddleware

pytestmark = pytest.mark.unit


def _methods_counted(service: str) -> set[str]:
    return {
        sample.labels["method"]
        for metric in REGISTRY.collect()
        if metric.name == "http_requests"
        for sample in metric.samples
        if sample.labels.get("service") == service
    }


async def test_made_up_methods_do_not_each_become_a_metric_series() -> None:
    # Every distinct label value is a new series kept in memory for good: a client sending random
    # methods must not be able to grow them without bound.
    service = f"svc-{uuid.uuid4().hex[:8]}"
    app = FastAPI()
    app.add_middleware(RequestContextMiddleware, service=service)
    install_error_handlers(app)

    @app.get("/things")
    async def things() -> dict[str, str]:
        return {"ok": "yes"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/things")).status_code == 200
        for n in range(20):
            await client.request(f"X{uuid.uuid4().hex[:6]}{n}", "/things")
    assert _methods_counted(service) == {"GET", "other"}
