"""The public API as data: every route a client may call, who owns it, and who may call it.

This table is the contract between the gateway and the services behind it: a path that is not
here is a 404 at the gateway whatever the services expose, and the roles here are checked before
a request is forwarded (the service checks again, and checks ownership).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

ROLES: Final = frozenset({"candidate", "recruiter", "admin"})
UPSTREAMS: Final = ("identity", "ingest", "matcher", "jobs", "interviews", "audit")
METHODS: Final = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})

PUBLIC: Final = "public"
Access = Literal["public"] | frozenset[str]

SIGNED_IN: Final = ROLES
STAFF: Final = frozenset({"recruiter", "admin"})
ADMIN: Final = frozenset({"admin"})
CANDIDATE: Final = frozenset({"candidate"})

# One path segment's worth of id: letters, digits and the few marks ids use. Never `/`, `%`, `?`
# or a dot segment, so a parameter cannot walk the upstream to another path.
_PARAM_VALUE = re.compile(r"^[A-Za-z0-9_~:@.+-]+$")


@dataclass(frozen=True)
class Route:
    """One public route: `method` `path` (a template like `/api/v1/jobs/{job_id}`) served by `service`."""

    method: str
    path: str
    service: str
    access: Access
    upload: bool = False

    @property
    def is_public(self) -> bool:
        """Whether the route needs no token."""
        return self.access == PUBLIC

    def allows(self, role: str) -> bool:
        """Whether a caller with `role` may call the route."""
        return self.access == PUBLIC or role in self.access

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles allowed, sorted (empty for a public route)."""
        return () if isinstance(self.access, str) else tuple(sorted(self.access))


ROUTES: Final[tuple[Route, ...]] = (
    # identity
    Route("POST", "/api/v1/auth/register", "identity", PUBLIC),
    Route("POST", "/api/v1/auth/login", "identity", PUBLIC),
    Route("GET", "/.well-known/jwks.json", "identity", PUBLIC),
    Route("GET", "/api/v1/me", "identity", SIGNED_IN),
    # jobs: recruiters post and review; everyone signed in may browse jobs
    Route("POST", "/api/v1/jobs", "jobs", STAFF),
    Route("GET", "/api/v1/jobs", "jobs", SIGNED_IN),
    Route("GET", "/api/v1/jobs/{job_id}", "jobs", SIGNED_IN),
    Route("POST", "/api/v1/jobs/{job_id}/close", "jobs", STAFF),
    Route("GET", "/api/v1/jobs/{job_id}/candidates", "jobs", STAFF),
    Route("POST", "/api/v1/jobs/{job_id}/applications", "jobs", CANDIDATE),
    Route("PATCH", "/api/v1/applications/{application_id}", "jobs", STAFF),
    Route("GET", "/api/v1/applications/me", "jobs", CANDIDATE),
    Route("POST", "/api/v1/swipes", "jobs", CANDIDATE),
    # ingest: candidates upload their own resume, recruiters upload on a candidate's behalf
    Route("POST", "/api/v1/resumes", "ingest", SIGNED_IN, upload=True),
    Route("GET", "/api/v1/resumes/me", "ingest", SIGNED_IN),
    Route("GET", "/api/v1/resumes/{resume_id}", "ingest", SIGNED_IN),
    # matcher
    Route("GET", "/api/v1/matches/resumes/{resume_id}", "matcher", SIGNED_IN),
    Route("POST", "/api/v1/admin/matcher/reindex", "matcher", ADMIN),
    # interviews: recruiters schedule and complete; candidates see their own
    Route("POST", "/api/v1/interviews", "interviews", STAFF),
    Route("GET", "/api/v1/interviews", "interviews", SIGNED_IN),
    Route("GET", "/api/v1/interviews/{interview_id}", "interviews", SIGNED_IN),
    Route("POST", "/api/v1/interviews/{interview_id}/complete", "interviews", STAFF),
    # audit
    Route("GET", "/api/v1/admin/audit", "audit", ADMIN),
)


def _segments(path: str) -> list[str]:
    return path.split("/")[1:] if path.startswith("/") else []


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _match_path(template: str, path: str) -> dict[str, str] | None:
    """The parameters of `path` under `template`, or None when it does not fit."""
    want, got = _segments(template), _segments(path)
    if len(want) != len(got):
        return None
    params: dict[str, str] = {}
    for pattern, value in zip(want, got, strict=True):
        if _is_param(pattern):
            if value in (".", "..") or not _PARAM_VALUE.match(value):
                return None
            params[pattern[1:-1]] = value
        elif pattern != value:
            return None
    return params


def _specificity(route: Route) -> tuple[int, ...]:
    # A literal segment beats a parameter at the same place: `/resumes/me` before `/resumes/{id}`.
    return tuple(1 if _is_param(segment) else 0 for segment in _segments(route.path))


def _path_matches(path: str, routes: Iterable[Route]) -> list[tuple[Route, dict[str, str]]]:
    found = [(route, params) for route in routes if (params := _match_path(route.path, path)) is not None]
    return sorted(found, key=lambda pair: _specificity(pair[0]))


def match_route(method: str, path: str, routes: Sequence[Route] = ROUTES) -> tuple[Route, dict[str, str]] | None:
    """The route `method path` calls and its path parameters; None when no route takes it.

    HEAD is answered by the GET route. When the path exists with other methods only, this is None
    too: `allowed_methods` tells that case (405) from an unknown path (404).
    """
    wanted = "GET" if method.upper() == "HEAD" else method.upper()
    for route, params in _path_matches(path, routes):
        if route.method == wanted:
            return route, params
    return None


def allowed_methods(path: str, routes: Sequence[Route] = ROUTES) -> list[str]:
    """The methods some route accepts on `path` (empty for an unknown path)."""
    return sorted({route.method for route, _ in _path_matches(path, routes)})


def normalized_template(path: str) -> str:
    """A path template with its parameter names erased, so `/jobs/{id}` and `/jobs/{job_id}` compare equal."""
    return "/".join("{}" if _is_param(segment) else segment for segment in path.split("/"))


def route_for_operation(service: str, method: str, path: str, routes: Sequence[Route] = ROUTES) -> Route | None:
    """The rule for an operation a service documents (`method` on the template `path`), if any."""
    key = normalized_template(path)
    for route in routes:
        if route.service == service and route.method == method.upper() and normalized_template(route.path) == key:
            return route
    return None
