"""Run a service with uvicorn on the host and port its settings give."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import uvicorn
from fastapi import FastAPI

from talentkit.settings import ServiceSettings

SettingsT = TypeVar("SettingsT", bound=ServiceSettings)


def serve(create_app: Callable[[SettingsT], FastAPI], settings: SettingsT) -> None:
    """Serve until SIGINT/SIGTERM; uvicorn runs the lifespan's shutdown for a clean stop."""
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, proxy_headers=True)
