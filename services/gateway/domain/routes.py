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


# Limits a route may carry on top of the API-wide one (`RATE_LIMIT_<NAME>`), and whom each counts.
RateLimitName = Literal["login", "register", "upload", "bulk_upload"]
PER_CLIENT_ADDRESS: Final[frozenset[str]] = frozenset({"login", "register"})


@dataclass(frozen=True)
class Route:
    """One public route: `method` `path` (a template like `/api/v1/jobs/{job_id}`) served by `service`.

    `upload`: a multipart file upload, allowed a body up to the upload limit (`bulk_upload`: many
    files, up to the bulk limit). `rate_limit`: the named limit it counts against besides the API
    one. `ownership`: which of the resources the route reaches a caller may see or change (enforced
    by the service, which answers 404 for the others); written down in docs/permissions.md.
    """

    method: str
    path: str
    service: str
    access: Access
    upload: bool = False
    bulk_upload: bool = False
    rate_limit: RateLimitName | None = None
    ownership: str = ""

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
    Route(
        "POST",
        "/api/v1/auth/register",
        "identity",
        PUBLIC,
        rate_limit="register",
        ownership="creates the caller's own account, as candidate or recruiter (never admin)",
    ),
    Route("POST", "/api/v1/auth/login", "identity", PUBLIC, rate_limit="login", ownership="the caller's own account"),
    Route("GET", "/.well-known/jwks.json", "identity", PUBLIC, ownership="public signing keys only"),
    Route("GET", "/api/v1/me", "identity", SIGNED_IN, ownership="the caller's own account"),
    Route("POST", "/api/v1/auth/refresh", "identity", PUBLIC, ownership="the session the refresh token belongs to"),
    Route("POST", "/api/v1/auth/logout", "identity", PUBLIC, ownership="the session the refresh token belongs to"),
    Route("POST", "/api/v1/auth/logout-all", "identity", SIGNED_IN, ownership="every session of the caller"),
    Route("PATCH", "/api/v1/me", "identity", SIGNED_IN, ownership="the caller's own profile (skills: candidates)"),
    Route("POST", "/api/v1/me/password", "identity", SIGNED_IN, ownership="the caller's own password"),
    Route("GET", "/api/v1/admin/users", "identity", ADMIN, ownership="every account"),
    Route("PATCH", "/api/v1/admin/users/{user_id}", "identity", ADMIN, ownership="any account but the caller's own"),
    Route("DELETE", "/api/v1/admin/users/{user_id}", "identity", ADMIN, ownership="any account but the caller's own"),
    # jobs: recruiters post and review; everyone signed in may browse jobs
    Route("POST", "/api/v1/jobs", "jobs", STAFF, ownership="the new job belongs to the caller"),
    Route(
        "GET",
        "/api/v1/jobs",
        "jobs",
        SIGNED_IN,
        ownership="recruiters: their own jobs; candidates: open jobs; admins: all",
    ),
    Route(
        "GET",
        "/api/v1/jobs/{job_id}",
        "jobs",
        SIGNED_IN,
        ownership="recruiters: their own jobs; candidates: open jobs; admins: any",
    ),
    Route("PATCH", "/api/v1/jobs/{job_id}", "jobs", STAFF, ownership="recruiters: their own jobs; admins: any"),
    Route("POST", "/api/v1/jobs/{job_id}/close", "jobs", STAFF, ownership="recruiters: their own jobs; admins: any"),
    Route(
        "GET",
        "/api/v1/jobs/{job_id}/candidates",
        "jobs",
        STAFF,
        ownership="recruiters: applicants of their own jobs; admins: any job's",
    ),
    Route(
        "POST",
        "/api/v1/jobs/{job_id}/applications",
        "jobs",
        CANDIDATE,
        ownership="an open job, with one of the caller's own parsed resumes",
    ),
    Route(
        "PATCH",
        "/api/v1/applications/{application_id}",
        "jobs",
        STAFF,
        ownership="recruiters: applications to their own jobs; admins: any",
    ),
    Route("GET", "/api/v1/applications/me", "jobs", CANDIDATE, ownership="the caller's own applications"),
    Route("POST", "/api/v1/swipes", "jobs", CANDIDATE, ownership="open jobs; the swipe is the caller's own"),
    # ingest: candidates upload their own resume, recruiters upload on a candidate's behalf
    Route(
        "POST",
        "/api/v1/resumes",
        "ingest",
        SIGNED_IN,
        upload=True,
        rate_limit="upload",
        ownership="the caller becomes the uploader; only recruiters and admins may attach it to a job",
    ),
    Route("GET", "/api/v1/resumes/me", "ingest", SIGNED_IN, ownership="resumes the caller uploaded"),
    Route(
        "GET",
        "/api/v1/resumes/{resume_id}",
        "ingest",
        SIGNED_IN,
        ownership="its uploader, the candidate it belongs to, recruiters of a job it is attached to; admins: any",
    ),
    Route(
        "GET",
        "/api/v1/resumes/{resume_id}/file",
        "ingest",
        SIGNED_IN,
        ownership="its uploader, the candidate it belongs to, recruiters of a job it is attached to; admins: any",
    ),
    Route(
        "DELETE",
        "/api/v1/resumes/{resume_id}",
        "ingest",
        SIGNED_IN,
        ownership="its uploader or the candidate it belongs to; admins: any",
    ),
    Route(
        "POST",
        "/api/v1/resumes/download-zip",
        "ingest",
        SIGNED_IN,
        ownership="of the listed resumes, those the caller may read (the others are listed as missing)",
    ),
    Route(
        "POST",
        "/api/v1/jobs/{job_id}/resumes",
        "ingest",
        STAFF,
        bulk_upload=True,
        rate_limit="bulk_upload",
        ownership="recruiters: their own jobs; admins: any job",
    ),
    Route("GET", "/api/v1/skills/autocomplete", "ingest", SIGNED_IN, ownership="the shared skill vocabulary only"),
    Route("GET", "/api/v1/skills/categories", "ingest", SIGNED_IN, ownership="the shared skill vocabulary only"),
    Route(
        "GET",
        "/api/v1/admin/skills/unknown",
        "ingest",
        ADMIN,
        ownership="counts of unknown terms across all parsed resumes, no resume contents",
    ),
    # matcher
    Route(
        "GET",
        "/api/v1/matches/resumes/{resume_id}",
        "matcher",
        SIGNED_IN,
        ownership="scores of a resume the caller uploaded or is the candidate of; admins: any",
    ),
    Route("POST", "/api/v1/admin/matcher/reindex", "matcher", ADMIN, ownership="the whole index"),
    # interviews: recruiters schedule and complete; candidates see their own
    Route(
        "POST",
        "/api/v1/interviews",
        "interviews",
        STAFF,
        ownership="recruiters: applications to their own jobs, in the interview stage; admins: any",
    ),
    Route(
        "GET",
        "/api/v1/interviews",
        "interviews",
        SIGNED_IN,
        ownership="recruiters: interviews they own or run; candidates: their own; admins: all",
    ),
    Route(
        "GET",
        "/api/v1/interviews/{interview_id}",
        "interviews",
        SIGNED_IN,
        ownership="its recruiter, its interviewer or its candidate; admins: any",
    ),
    Route(
        "POST",
        "/api/v1/interviews/{interview_id}/complete",
        "interviews",
        STAFF,
        ownership="its recruiter or interviewer; admins: any",
    ),
    # audit
    Route("GET", "/api/v1/admin/audit", "audit", ADMIN, ownership="the whole event log"),
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
