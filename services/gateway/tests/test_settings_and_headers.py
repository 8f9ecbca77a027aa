"""Gateway settings from the environment, and the docs page's Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from services.gateway.api import DOCS_HTML
from services.gateway.domain.routes import UPSTREAMS
from services.gateway.security import API_POLICY, docs_policy
from services.gateway.settings import GatewaySettings

pytestmark = pytest.mark.unit


def test_upstreams_come_from_unprefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBS_URL", "http://jobs:8004/")
    monkeypatch.setenv("GATEWAY_MAX_JSON_BYTES", "2048")
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", "https://a.example, https://b.example")
    settings = GatewaySettings()
    assert settings.upstreams["jobs"] == "http://jobs:8004"
    assert settings.upstreams["identity"] == "http://127.0.0.1:8001"
    assert settings.upstreams["audit"] == "http://127.0.0.1:8006"
    assert settings.max_json_bytes == 2048
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.port == 8000
    # Every service the route table forwards to has an address.
    assert set(settings.upstreams) == set(UPSTREAMS)


def test_defaults_are_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GATEWAY_CORS_ORIGINS", raising=False)
    settings = GatewaySettings()
    assert settings.cors_origins == []
    assert settings.max_json_bytes == 1024 * 1024
    assert 5 * 1024 * 1024 < settings.max_upload_bytes <= 6 * 1024 * 1024


def test_cors_origins_may_be_a_json_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", '["https://a.example"]')
    assert GatewaySettings().cors_origins == ["https://a.example"]


def test_the_docs_policy_allows_exactly_the_pages_inline_script() -> None:
    inline = re.findall(r"<script>(.*?)</script>", DOCS_HTML, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    policy = docs_policy(DOCS_HTML)
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert f"'sha256-{digest}'" in script_src
    assert "'unsafe-inline'" not in script_src
    assert "connect-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_the_api_policy_allows_nothing() -> None:
    assert API_POLICY.startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in API_POLICY
