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
    # No proxy_headers: uvicorn would rewrite the client address from X-Forwarded-For for any peer
    # in FORWARDED_ALLOW_IPS (127.0.0.1 by default) before the app sees it. The services that need
    # the client's address (gateway, identity) read the header themselves, trusting only the
    # proxies their own settings name.
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, proxy_headers=False)
