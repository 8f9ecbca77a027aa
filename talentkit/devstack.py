"""The embedded infrastructure for `make dev`, run as processes under honcho (see `Procfile`).

`python -m talentkit.devstack postgres` runs PostgreSQL+pgvector from pgserver in `$VAR_DIR/pg`
until it is stopped; `python -m talentkit.devstack ready` waits until the gateway reports every
service ready, prints where to go, and then idles (honcho stops everything when one process exits).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Any

import httpx

from talentkit.settings import SERVICE_PORTS, InfraSettings


def run_postgres() -> int:
    """Run the embedded PostgreSQL until SIGINT/SIGTERM."""
    import pgserver

    infra = InfraSettings()
    data_dir = (infra.var_dir / "pg").resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server: Any = pgserver.get_server(str(data_dir), cleanup_mode="stop")  # type: ignore[attr-defined]
    print(f"postgres: ready, data in {data_dir} (DATABASE_URL default points here)", flush=True)  # noqa: T201
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.cleanup()
    return 0


def wait_until_ready(timeout: float = 600.0) -> int:
    """Poll the gateway's /readyz; print a banner once the whole system is ready, then idle."""
    port = int(os.environ.get("GATEWAY_PORT", SERVICE_PORTS["gateway"]))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    last: dict[str, Any] = {}
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{url}/readyz", timeout=3.0)
            last = response.json()
            if response.status_code == 200:
                print(  # noqa: T201
                    f"\n  Talent Connect is ready: {url}  (API docs: {url}/docs)\n  Press Ctrl-C to stop.\n",
                    flush=True,
                )
                break
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1.0)
    else:
        print(f"not ready after {timeout:.0f}s: {last}", file=sys.stderr, flush=True)  # noqa: T201
        return 1
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    return 0


def main(argv: list[str]) -> int:
    """Dispatch to one of the dev-stack commands."""
    commands = {"postgres": run_postgres, "ready": wait_until_ready}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)  # noqa: T201
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
