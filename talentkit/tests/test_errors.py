"""The common error shape: what a client causes is 4xx, everything else a 500 that reveals nothing."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import DBAPIError

from talentkit.errors import install_error_handlers

pytestmark = pytest.mark.unit


class _DriverError(Exception):
    """What a DBAPI driver raises: the SQLSTATE rides along as an attribute."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__("invalid byte sequence for encoding UTF8: 0x00")
        self.sqlstate = sqlstate


def _app(sqlstate: str) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/store")
    async def store() -> None:
        raise DBAPIError("UPDATE users SET headline=$1", ("secret\x00value",), _DriverError(sqlstate))

    return app


async def _get(app: FastAPI) -> httpx.Response:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://test"
    ) as client:
        return await client.get("/store")


@pytest.mark.parametrize("sqlstate", ["22021", "22P05", "22003", "22001"])
async def test_a_value_the_database_refuses_is_the_requests_fault(sqlstate: str) -> None:
    response = await _get(_app(sqlstate))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_value"
    assert "secret" not in response.text


@pytest.mark.parametrize("sqlstate", ["40P01", "53300", ""])
async def test_any_other_database_failure_is_a_500_that_reveals_nothing(sqlstate: str) -> None:
    response = await _get(_app(sqlstate))
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "UPDATE" not in response.text
