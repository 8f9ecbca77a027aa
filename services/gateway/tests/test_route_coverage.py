"""The route table against the services' own API documents: every public operation has a rule.

Each service in this repository is built (not started: its document needs no database) and its
OpenAPI operations are checked against the table, both ways. A service not written yet is skipped.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from services.gateway.domain.openapi import undocumented_routes, unrouted_operations
from services.gateway.domain.routes import UPSTREAMS

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("infra_env")]


def service_document(service: str) -> dict[str, Any]:
    """The OpenAPI document of `service` as its own app generates it."""
    try:
        module = importlib.import_module(f"services.{service}.app")
    except ModuleNotFoundError as exc:
        if exc.name in (f"services.{service}", f"services.{service}.app"):
            pytest.skip(f"the {service} service has no app yet")
        raise
    document: dict[str, Any] = module.create_app().openapi()
    return document


@pytest.mark.parametrize("service", UPSTREAMS)
def test_every_operation_a_service_documents_has_a_rule(service: str) -> None:
    missing = unrouted_operations(service, service_document(service))
    assert not missing, f"{service} serves operations the gateway's route table has no rule for: {missing}"


@pytest.mark.parametrize("service", UPSTREAMS)
def test_every_rule_points_at_an_operation_the_service_documents(service: str) -> None:
    stale = undocumented_routes(service, service_document(service))
    assert not stale, f"the route table names {service} routes it does not serve: {stale}"
