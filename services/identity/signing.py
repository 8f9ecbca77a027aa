"""The RSA key ring that signs access tokens and is published as JWKS.

Keys are PEM files in the key directory; the newest signs, all of them verify, so a rotation
(`python -m services.identity rotate-key`) never invalidates tokens already issued.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey


class KeyRing:
    """Signing keys loaded from (and created in) a directory."""

    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys:
            raise ValueError("a key ring needs at least one key")
        self.keys = keys

    @classmethod
    def load_or_create(cls, directory: Path) -> KeyRing:
        """Load every key in `directory`, creating the first one if there is none."""
        directory.mkdir(parents=True, exist_ok=True)
        if not list(directory.glob("*.pem")):
            create_key(directory)
        keys = []
        for path in sorted(directory.glob("*.pem")):
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(private, rsa.RSAPrivateKey):
                raise ValueError(f"{path} is not an RSA private key")
            keys.append(SigningKey(kid=path.stem, private_key=private))
        return cls(keys)

    @property
    def current(self) -> SigningKey:
        """The key that signs new tokens (the newest; kids sort by creation time)."""
        return self.keys[-1]

    def sign(self, claims: dict[str, Any]) -> str:
        """A signed JWT with the current key's kid in its header."""
        key = self.current
        return jwt.encode(claims, key.private_key, algorithm="RS256", headers={"kid": key.kid})

    def jwks(self) -> dict[str, Any]:
        """The public keys as a JWK Set."""
        out = []
        for key in self.keys:
            jwk = json.loads(RSAAlgorithm.to_jwk(key.private_key.public_key()))
            jwk.update({"kid": key.kid, "use": "sig", "alg": "RS256"})
            out.append(jwk)
        return {"keys": out}


def create_key(directory: Path) -> Path:
    """Write a new 2048-bit RSA key, readable by the owner only; return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    kid = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = directory / f"{kid}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path
