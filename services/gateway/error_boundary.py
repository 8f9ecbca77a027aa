"""The last resort for an unexpected error, placed inside the gateway's middleware.

FastAPI renders unhandled exceptions in its outermost layer, outside every middleware, so a 500
would leave without the request id and the security headers. Catching it here, innermost, turns it
into the common error shape before those layers see the response.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from talentkit.errors import error_body
from talentkit.logs import get_logger

log = get_logger(__name__)


class ErrorBoundaryMiddleware:
    """Answers 500 in the error shape for an exception raised before the response started."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:
                # Part of the response is out: nothing to replace it with; the server closes the connection.
                raise
            log.exception("http.unhandled_error", path=scope.get("path", ""))
            request_id = scope.get("state", {}).get("request_id")
            body = error_body("internal_error", "something went wrong on our side", request_id)
            await JSONResponse(body, status_code=500)(scope, receive, send)
