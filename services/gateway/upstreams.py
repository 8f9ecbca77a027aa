"""The services behind the gateway: their addresses, their readiness, their API documents."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, TypedDict

import httpx

from talentkit.logs import get_logger

log = get_logger(__name__)


class UpstreamReadiness(TypedDict):
    """What one service's `/readyz` said (status_code is None when it could not be reached)."""

    ready: bool
    status_code: int | None


class Upstreams:
    """The upstream services, reached through one shared HTTP client."""

    def __init__(self, urls: Mapping[str, str], client: httpx.AsyncClient, *, probe_timeout: float) -> None:
        self.urls = dict(urls)
        self.client = client
        self._probe_timeout = probe_timeout
        self._openapi: dict[str, dict[str, Any]] = {}
        self._openapi_lock = asyncio.Lock()

    def url(self, service: str, path: str, query: str = "") -> str:
        """The absolute URL of `path` (already validated by the route table) on `service`."""
        return f"{self.urls[service]}{path}" + (f"?{query}" if query else "")

    async def readiness(self) -> dict[str, UpstreamReadiness]:
        """Ask every service's `/readyz` at once."""

        async def probe(service: str) -> UpstreamReadiness:
            try:
                response = await self.client.get(self.url(service, "/readyz"), timeout=self._probe_timeout)
            except httpx.HTTPError:
                return {"ready": False, "status_code": None}
            return {"ready": response.status_code == 200, "status_code": response.status_code}

        names = list(self.urls)
        results = await asyncio.gather(*(probe(name) for name in names))
        return dict(zip(names, results, strict=True))

    async def openapi_documents(self) -> dict[str, dict[str, Any]]:
        """Each reachable service's OpenAPI document; kept once fetched, a missing one is asked for again."""
        async with self._openapi_lock:
            missing = [name for name in self.urls if name not in self._openapi]
            fetched = await asyncio.gather(*(self._fetch_openapi(name) for name in missing))
            for name, document in zip(missing, fetched, strict=True):
                if document is not None:
                    self._openapi[name] = document
            return dict(self._openapi)

    async def _fetch_openapi(self, service: str) -> dict[str, Any] | None:
        try:
            response = await self.client.get(self.url(service, "/openapi.json"), timeout=self._probe_timeout)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.info("gateway.openapi_unavailable", service=service, error=f"{type(exc).__name__}: {exc}")
            return None
        return document if isinstance(document, dict) else None
