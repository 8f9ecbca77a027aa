"""The route table and matching requests against it."""

from __future__ import annotations

import pytest

from services.gateway.domain.routes import (
    METHODS,
    PUBLIC,
    ROLES,
    ROUTES,
    UPSTREAMS,
    Route,
    allowed_methods,
    match_route,
    normalized_template,
    route_for_operation,
)

pytestmark = pytest.mark.unit


def test_every_rule_is_public_or_a_non_empty_set_of_known_roles() -> None:
    for route in ROUTES:
        if route.access == PUBLIC:
            continue
        assert isinstance(route.access, frozenset), route
        assert route.access, f"{route.method} {route.path} admits nobody"
        assert route.access <= ROLES, route


def test_no_route_is_listed_twice_even_under_other_parameter_names() -> None:
    keys = [(route.method, normalized_template(route.path)) for route in ROUTES]
    assert len(keys) == len(set(keys))


def test_every_route_is_well_formed() -> None:
    for route in ROUTES:
        assert route.method in METHODS, route
        assert route.service in UPSTREAMS, route
        assert route.path.startswith("/"), route
        assert not route.path.endswith("/"), route
        assert "//" not in route.path, route


def test_the_contracted_routes_are_all_there() -> None:
    expected = {
        ("POST", "/api/v1/auth/register"): PUBLIC,
        ("POST", "/api/v1/auth/login"): PUBLIC,
        ("GET", "/.well-known/jwks.json"): PUBLIC,
        ("GET", "/api/v1/jobs/{job_id}/candidates"): frozenset({"recruiter", "admin"}),
        ("POST", "/api/v1/jobs/{job_id}/applications"): frozenset({"candidate"}),
        ("PATCH", "/api/v1/applications/{application_id}"): frozenset({"recruiter", "admin"}),
        ("GET", "/api/v1/applications/me"): frozenset({"candidate"}),
        ("POST", "/api/v1/admin/matcher/reindex"): frozenset({"admin"}),
        ("GET", "/api/v1/admin/audit"): frozenset({"admin"}),
        ("POST", "/api/v1/resumes"): ROLES,
        ("GET", "/api/v1/me"): ROLES,
    }
    table = {(route.method, route.path): route.access for route in ROUTES}
    for key, access in expected.items():
        assert table.get(key) == access, key
    uploads = [route for route in ROUTES if route.upload]
    assert [(r.method, r.path) for r in uploads] == [("POST", "/api/v1/resumes")]


def test_a_template_matches_and_names_its_parameters() -> None:
    matched = match_route("GET", "/api/v1/jobs/8d1f/candidates")
    assert matched is not None
    route, params = matched
    assert (route.service, route.path) == ("jobs", "/api/v1/jobs/{job_id}/candidates")
    assert params == {"job_id": "8d1f"}


@pytest.mark.parametrize(
    ("method", "path", "template"),
    [
        ("GET", "/api/v1/resumes/me", "/api/v1/resumes/me"),
        ("GET", "/api/v1/resumes/3f2a-11", "/api/v1/resumes/{resume_id}"),
        ("GET", "/api/v1/applications/me", "/api/v1/applications/me"),
        # The literal `me` route is GET only: PATCH goes to the parameter route, as the service would route it.
        ("PATCH", "/api/v1/applications/me", "/api/v1/applications/{application_id}"),
        ("HEAD", "/api/v1/jobs", "/api/v1/jobs"),
        ("post", "/api/v1/jobs", "/api/v1/jobs"),
    ],
)
def test_a_literal_segment_beats_a_parameter(method: str, path: str, template: str) -> None:
    matched = match_route(method, path)
    assert matched is not None
    assert matched[0].path == template


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "",
        "api/v1/me",
        "/api/v1/me/",
        "/api/v1//me",
        "/api/v1/jobs/",
        "/api/v1/jobs/a/b/candidates",
        "/api/v1/resumes/..",
        "/api/v1/resumes/.",
        "/api/v1/resumes/a b",
        "/api/v1/resumes/a%2Fb",
        "/api/v1/resumes/a?b",
        "/api/v1/healthz",
        "/healthz",
    ],
)
def test_paths_outside_the_table_match_nothing(path: str) -> None:
    assert match_route("GET", path) is None
    assert allowed_methods(path) == []


def test_a_known_path_with_another_method_lists_the_allowed_ones() -> None:
    assert match_route("DELETE", "/api/v1/jobs") is None
    assert allowed_methods("/api/v1/jobs") == ["GET", "POST"]
    assert allowed_methods("/api/v1/interviews/42/complete") == ["POST"]


def test_access_rules() -> None:
    public = Route("GET", "/x", "identity", PUBLIC)
    staff = Route("GET", "/y", "jobs", frozenset({"recruiter", "admin"}))
    assert public.is_public
    assert public.allows("candidate")
    assert public.roles == ()
    assert not staff.is_public
    assert staff.allows("admin")
    assert not staff.allows("candidate")
    assert staff.roles == ("admin", "recruiter")


def test_operations_are_found_whatever_their_parameter_names() -> None:
    assert normalized_template("/api/v1/jobs/{id}/candidates") == "/api/v1/jobs/{}/candidates"
    route = route_for_operation("jobs", "get", "/api/v1/jobs/{id}/candidates")
    assert route is not None
    assert route.path == "/api/v1/jobs/{job_id}/candidates"
    assert route_for_operation("ingest", "get", "/api/v1/jobs/{id}/candidates") is None
    assert route_for_operation("jobs", "delete", "/api/v1/jobs/{id}/candidates") is None


def test_the_limited_routes_carry_their_limits() -> None:
    limited = {(route.method, route.path): route.rate_limit for route in ROUTES if route.rate_limit}
    assert limited == {
        ("POST", "/api/v1/auth/login"): "login",
        ("POST", "/api/v1/auth/register"): "register",
        ("POST", "/api/v1/resumes"): "upload",
        ("POST", "/api/v1/jobs/{job_id}/resumes"): "bulk_upload",
    }
    bulk = [(route.method, route.path) for route in ROUTES if route.bulk_upload]
    assert bulk == [("POST", "/api/v1/jobs/{job_id}/resumes")]
