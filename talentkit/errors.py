"""One error shape everywhere: {"error": {"code", "message", "details"?, "request_id"}}."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from talentkit.logs import get_logger

log = get_logger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    502: "bad_gateway",
    503: "unavailable",
    504: "gateway_timeout",
}


class ApiError(Exception):
    """An error a client caused or should know about; rendered in the common shape."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.details = details
        self.headers = headers


def error_body(code: str, message: str, request_id: str | None, details: Any = None) -> dict[str, Any]:
    """The JSON body of an error response."""
    error: dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


# SQLSTATE class 22, "data exception": PostgreSQL refused a value itself (a NUL character in text,
# a number out of range, a string longer than its column), not the statement. Values come from
# requests, so it is the request that is wrong: a 422, not a 500.
_DATA_EXCEPTION_CLASS = "22"


def _sqlstate(exc: DBAPIError) -> str:
    state = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return state if isinstance(state, str) else ""


def _internal_error(request: Request) -> JSONResponse:
    body = error_body("internal_error", "something went wrong on our side", _request_id(request))
    return JSONResponse(body, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Render every error, including unexpected ones, in the common shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        body = error_body(exc.code, exc.message, _request_id(request), exc.details)
        return JSONResponse(body, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        body = error_body(_CODES.get(exc.status_code, "error"), message, _request_id(request))
        return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"field": ".".join(str(part) for part in err.get("loc", ())), "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        body = error_body("validation_error", "the request is not valid", _request_id(request), details)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(DBAPIError)
    async def _database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        sqlstate = _sqlstate(exc)
        if not sqlstate.startswith(_DATA_EXCEPTION_CLASS):
            log.exception("http.unhandled_error", path=request.url.path, sqlstate=sqlstate)
            return _internal_error(request)
        log.warning("http.unstorable_value", path=request.url.path, sqlstate=sqlstate)
        body = error_body(
            "invalid_value",
            "a value in the request cannot be stored (a NUL character, say, or a number out of range)",
            _request_id(request),
        )
        return JSONResponse(body, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("http.unhandled_error", path=request.url.path)
        return _internal_error(request)
