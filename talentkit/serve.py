"""Run a service with uvicorn on the host and port its settings give."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

import uvicorn
from fastapi import FastAPI

from talentkit.settings import ServiceSettings

SettingsT = TypeVar("SettingsT", bound=ServiceSettings)

# How every service is served; the test fixtures serve apps with the same options.
SERVER_OPTIONS: Final[dict[str, Any]] = {
    "log_config": None,
    # No proxy_headers: uvicorn would rewrite the client address from X-Forwarded-For for any peer
    # in FORWARDED_ALLOW_IPS (127.0.0.1 by default) before the app sees it. The services that need
    # the client's address (gateway, identity) read the header themselves, trusting only the
    # proxies their own settings name.
    "proxy_headers": False,
    # No `server: uvicorn` on every response: it tells a scanner which software to try.
    "server_header": False,
}


def serve(create_app: Callable[[SettingsT], FastAPI], settings: SettingsT) -> None:
    """Serve until SIGINT/SIGTERM; uvicorn runs the lifespan's shutdown for a clean stop."""
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, **SERVER_OPTIONS)
