"""docs/permissions.md: generated from the route table and settings, and committed up to date."""

from __future__ import annotations

import pytest

from services.gateway.domain.permissions import COMMAND, route_table
from services.gateway.domain.routes import ADMIN, PUBLIC, ROUTES, Route
from services.gateway.permissions_doc import REPO_ROOT, main, render

pytestmark = pytest.mark.unit


def test_the_committed_document_is_up_to_date() -> None:
    committed = (REPO_ROOT / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert committed == render(), f"docs/permissions.md is out of date: run `{COMMAND}`"
    assert main(["--check"]) == 0


def test_every_route_states_its_ownership_rule() -> None:
    missing = [f"{route.method} {route.path}" for route in ROUTES if not route.ownership.strip()]
    assert not missing, f"add `ownership=` to these routes in services/gateway/domain/routes.py: {missing}"


def test_every_route_has_a_row_with_who_may_call_it() -> None:
    document = render()
    for route in ROUTES:
        assert f"| {route.method} | `{route.path}` | {route.service} |" in document, route


def test_rows_say_who_may_call_and_which_limits_count() -> None:
    table = route_table(
        [
            Route("POST", "/api/v1/auth/login", "identity", PUBLIC, rate_limit="login", ownership="own | account"),
            Route("GET", "/api/v1/admin/audit", "audit", ADMIN, ownership="everything"),
            Route("GET", "/.well-known/jwks.json", "identity", PUBLIC),
        ]
    ).splitlines()
    assert table[2] == (
        "| POST | `/api/v1/auth/login` | identity | anyone (no token) | own \\| account | api, login (per address) |"
    )
    assert table[3] == "| GET | `/api/v1/admin/audit` | audit | admin | everything | api |"
    assert table[4] == "| GET | `/.well-known/jwks.json` | identity | anyone (no token) | (not stated) | none |"


def test_every_limit_variable_is_documented_with_its_default() -> None:
    document = render()
    for variable, default in (
        ("RATE_LIMIT_LOGIN", "5/15minutes"),
        ("RATE_LIMIT_REGISTER", "3/hour"),
        ("RATE_LIMIT_UPLOAD", "10/hour"),
        ("RATE_LIMIT_BULK_UPLOAD", "20/day"),
        ("RATE_LIMIT_API", "100/minute"),
        ("GATEWAY_MAX_BULK_UPLOAD_BYTES", "209715200"),
        ("GATEWAY_TRUSTED_PROXIES", "none"),
        ("GATEWAY_HSTS", "false"),
    ):
        assert f"| `{variable}` | `{default}` |" in document or f"| `{variable}` | {default} |" in document, variable
    assert "gateway_rate_limit_errors_total" in document
