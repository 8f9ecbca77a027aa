"""The whole system as real processes on free ports: real NATS, PostgreSQL and all seven services.

Used by the end-to-end tests and the benchmarks; `make dev` runs the same processes under honcho.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from talentkit.settings import SERVICE_PORTS
from talentkit.testing.servers import free_port, running_nats, running_postgres

SERVICES = ("identity", "ingest", "matcher", "jobs", "interviews", "audit", "gateway")

# Tests and benchmarks register and sign in many users from 127.0.0.1: the gateway's limits must not
# get in their way. A test about the limits passes tight ones through `extra_env`.
GENEROUS_RATE_LIMITS = {
    **{f"RATE_LIMIT_{name}": "100000/minute" for name in ("LOGIN", "REGISTER", "UPLOAD", "BULK_UPLOAD", "API")},
    # Identity's own lock-out after failed sign-ins counts per IP too, and every test client is 127.0.0.1.
    "IDENTITY_LOGIN_MAX_FAILURES": "100000",
}


@dataclass
class RunningSystem:
    """Where the system listens, and how to sign in as its admin."""

    base_url: str
    admin_email: str
    admin_password: str
    var_dir: Path
    ports: dict[str, int]
    nats_url: str
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def log(self, service: str) -> str:
        """A service's output so far (for failure messages)."""
        path = self.var_dir / "logs" / f"{service}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _wait_ready(base_url: str, processes: dict[str, subprocess.Popen[bytes]], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode} during start-up")
        try:
            response = httpx.get(f"{base_url}/readyz", timeout=3.0)
            if response.status_code == 200:
                return
            last = response.text
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise TimeoutError(f"the system was not ready after {timeout}s: {last}")


@contextlib.contextmanager
def running_system(
    var_dir: Path,
    *,
    admin_password: str = "e2e-admin-pass-1",
    extra_env: dict[str, str] | None = None,
    ready_timeout: float = 240.0,
) -> Iterator[RunningSystem]:
    """Start NATS, PostgreSQL and every service with state under `var_dir`; stop them all on exit."""
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / "logs").mkdir(exist_ok=True)
    ports = {name: free_port() for name in SERVICE_PORTS}
    with contextlib.ExitStack() as stack:
        nats_url = stack.enter_context(running_nats(var_dir / "nats"))
        # Unix socket paths are short-limited: PostgreSQL's data dir lives under /tmp, linked from var_dir.
        pg_dir = Path("/tmp") / f"tcsys-{os.getpid()}-{abs(hash(str(var_dir))) % 10**8}"
        database_url = stack.enter_context(running_postgres(pg_dir))
        env = {
            **os.environ,
            "TC_ENV": "test",
            "VAR_DIR": str(var_dir),
            "NATS_URL": nats_url,
            "DATABASE_URL": database_url,
            "JWKS_URL": f"http://127.0.0.1:{ports['identity']}/.well-known/jwks.json",
            "ADMIN_EMAIL": "admin@example.com",
            "ADMIN_PASSWORD": admin_password,
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            **{f"{name.upper()}_PORT": str(port) for name, port in ports.items()},
            **{f"{name.upper()}_URL": f"http://127.0.0.1:{port}" for name, port in ports.items()},
            **GENEROUS_RATE_LIMITS,
            **(extra_env or {}),
        }
        processes: dict[str, subprocess.Popen[bytes]] = {}
        system = RunningSystem(
            base_url=f"http://127.0.0.1:{ports['gateway']}",
            admin_email="admin@example.com",
            admin_password=admin_password,
            var_dir=var_dir,
            ports=ports,
            nats_url=nats_url,
            processes=processes,
        )
        try:
            for name in SERVICES:
                log = (var_dir / "logs" / f"{name}.log").open("ab")
                stack.callback(log.close)
                processes[name] = subprocess.Popen(
                    [sys.executable, "-m", f"services.{name}"], env=env, stdout=log, stderr=subprocess.STDOUT
                )
            _wait_ready(system.base_url, processes, ready_timeout)
            yield system
        finally:
            for process in processes.values():
                process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
