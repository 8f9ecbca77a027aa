"""A stand-in token issuer for tests of services other than identity: a real RSA key served as JWKS over HTTP."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@dataclass
class TestIssuer:
    """Signs access tokens the way identity does, with a key published at `jwks_url`."""

    jwks_url: str
    private_key: rsa.RSAPrivateKey
    kid: str
    issuer: str = "talent-connect"
    audience: str = "talent-connect"

    def token(
        self,
        user_id: uuid.UUID | None = None,
        *,
        role: str = "candidate",
        token_type: str = "access",
        ttl: timedelta = timedelta(minutes=15),
        kid: str | None = None,
        **extra: Any,
    ) -> str:
        """A signed token; every part can be bent to test rejection."""
        now = datetime.now(UTC)
        claims = {
            "sub": str(user_id or uuid.uuid4()),
            "role": role,
            "type": token_type,
            "iss": self.issuer,
            "aud": self.audience,
            "iat": int(now.timestamp()),
            "exp": int((now + ttl).timestamp()),
            "jti": uuid.uuid4().hex,
            **extra,
        }
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": kid or self.kid})

    def headers(self, user_id: uuid.UUID | None = None, *, role: str = "candidate") -> dict[str, str]:
        """An Authorization header for a user with `role`."""
        return {"Authorization": f"Bearer {self.token(user_id, role=role)}"}


@contextmanager
def running_test_issuer() -> Iterator[TestIssuer]:
    """Serve a fresh key's JWKS on 127.0.0.1 for the duration of the block."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = f"test-{uuid.uuid4().hex[:8]}"
    jwk = json.loads(RSAAlgorithm.to_jwk(private_key.public_key()))
    jwk.update({"kid": kid, "use": "sig", "alg": "RS256"})
    body = json.dumps({"keys": [jwk]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield TestIssuer(jwks_url=f"http://127.0.0.1:{port}/jwks.json", private_key=private_key, kid=kid)
    finally:
        server.shutdown()
        server.server_close()
