"""Merging the services' API documents into the gateway's."""

from __future__ import annotations

from typing import Any

import pytest

from services.gateway.domain.openapi import merge_openapi, undocumented_routes, unrouted_operations
from services.gateway.domain.routes import PUBLIC, Route

pytestmark = pytest.mark.unit

ROUTES = (
    Route("POST", "/api/v1/auth/login", "identity", PUBLIC),
    Route("GET", "/api/v1/me", "identity", frozenset({"candidate", "recruiter", "admin"})),
    Route("GET", "/api/v1/jobs/{job_id}", "jobs", frozenset({"recruiter"})),
)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(name: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": ref(name)}}}


IDENTITY: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {
        "/api/v1/auth/login": {"post": {"tags": ["auth"], "requestBody": json_body("Login"), "responses": {}}},
        "/api/v1/me": {
            "get": {"tags": ["account"], "description": "Who am I.", "responses": {"200": json_body("UserOut")}}
        },
        "/healthz": {"get": {"responses": {}}},
        "/api/v1/internal": {"get": {"responses": {}}},
    },
    "components": {
        "schemas": {
            "Login": {"type": "object", "properties": {"email": {"type": "string"}}},
            "UserOut": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Error": {"type": "object"},
        }
    },
}

JOBS: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {
        # Another parameter name than the table's: still the same route.
        "/api/v1/jobs/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True}],
            "get": {"tags": ["jobs"], "responses": {"200": json_body("JobOut")}},
        },
    },
    "components": {
        "schemas": {
            "JobOut": {"type": "object", "properties": {"owner": ref("UserOut"), "error": ref("Error")}},
            # Same name as identity's, different shape: must not overwrite it.
            "UserOut": {"type": "object", "properties": {"name": {"type": "string"}}},
            # Same name and shape: shared.
            "Error": {"type": "object"},
        }
    },
}


def test_only_routes_in_the_table_are_published_with_their_access_rules() -> None:
    merged = merge_openapi({"identity": IDENTITY, "jobs": JOBS}, routes=ROUTES)
    assert set(merged["paths"]) == {"/api/v1/auth/login", "/api/v1/me", "/api/v1/jobs/{id}"}
    login = merged["paths"]["/api/v1/auth/login"]["post"]
    assert login["security"] == []
    assert login["x-roles"] == ["public"]
    me = merged["paths"]["/api/v1/me"]["get"]
    assert me["security"] == [{"bearerAuth": []}]
    assert me["x-roles"] == ["admin", "candidate", "recruiter"]
    assert me["description"].startswith("Who am I.")
    assert "admin, candidate, recruiter" in me["description"]
    assert set(me["responses"]) == {"200", "401", "403"}
    assert merged["paths"]["/api/v1/jobs/{id}"]["parameters"][0]["name"] == "id"
    assert merged["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert [tag["name"] for tag in merged["tags"]] == ["account", "auth", "jobs"]


def test_clashing_schemas_are_renamed_and_their_references_follow() -> None:
    merged = merge_openapi({"identity": IDENTITY, "jobs": JOBS}, routes=ROUTES)
    schemas = merged["components"]["schemas"]
    assert schemas["UserOut"] == IDENTITY["components"]["schemas"]["UserOut"]
    assert schemas["jobs.UserOut"] == JOBS["components"]["schemas"]["UserOut"]
    # JobOut now differs from nothing, but its reference to the renamed UserOut is rewritten.
    assert schemas["JobOut"]["properties"]["owner"] == ref("jobs.UserOut")
    assert schemas["JobOut"]["properties"]["error"] == ref("Error")
    assert "jobs.Error" not in schemas
    me = merged["paths"]["/api/v1/me"]["get"]
    assert me["responses"]["200"]["content"]["application/json"]["schema"] == ref("UserOut")


def test_a_schema_that_differs_only_through_a_renamed_reference_is_renamed_too() -> None:
    first = {"paths": {}, "components": {"schemas": {"A": {"type": "string"}, "B": {"items": ref("A")}}}}
    second = {"paths": {}, "components": {"schemas": {"A": {"type": "integer"}, "B": {"items": ref("A")}}}}
    merged = merge_openapi({"identity": first, "jobs": second}, routes=ROUTES)
    schemas = merged["components"]["schemas"]
    assert schemas["jobs.B"] == {"items": ref("jobs.A")}
    assert schemas["B"] == {"items": ref("A")}


def test_merging_does_not_change_the_inputs() -> None:
    before = repr(IDENTITY)
    merge_openapi({"identity": IDENTITY, "jobs": JOBS}, routes=ROUTES)
    assert repr(IDENTITY) == before


def test_operations_without_a_rule_and_rules_without_an_operation_are_reported() -> None:
    assert unrouted_operations("identity", IDENTITY, ROUTES) == [("GET", "/api/v1/internal")]
    assert unrouted_operations("jobs", JOBS, ROUTES) == []
    assert undocumented_routes("identity", IDENTITY, ROUTES) == []
    assert undocumented_routes("jobs", {"paths": {}}, ROUTES) == [ROUTES[2]]
