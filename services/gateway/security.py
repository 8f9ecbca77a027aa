"""Security headers on every response, with a Content-Security-Policy per kind of page."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The API only ever answers JSON (or an event stream): nothing in it may load or frame anything.
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def docs_policy(html: str) -> str:
    """A CSP for the Swagger UI page `html`: its own assets, its inline start-up script and nothing else.

    The inline script is allowed by its hash rather than 'unsafe-inline'. Styles need 'unsafe-inline'
    (Swagger UI sets inline styles), images need data: (its icons are data: SVGs).
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def hsts_value(max_age_seconds: int) -> str:
    """The Strict-Transport-Security header value."""
    return f"max-age={max_age_seconds}; includeSubDomains"


class SecurityHeadersMiddleware:
    """Adds nosniff, DENY framing, no-referrer and a CSP (`page_policies` by path, else the API policy).

    With `hsts` it also tells browsers to use HTTPS only: turn it on only where clients reach the
    gateway over TLS, or browsers that saw it once cannot reach a plain-HTTP deployment any more.
    """

    def __init__(
        self, app: ASGIApp, *, page_policies: Mapping[str, str] | None = None, hsts: str | None = None
    ) -> None:
        self.app = app
        self.page_policies = dict(page_policies or {})
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.page_policies.get(scope["path"], API_POLICY)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "no-referrer"
                headers["Content-Security-Policy"] = policy
                if self.hsts:
                    headers["Strict-Transport-Security"] = self.hsts
            await send(message)

        await self.app(scope, receive, send_with_headers)
