"""The RSA key ring that signs tokens and is published as JWKS.

Keys are PEM files in the key directory, named by kid; kids sort by creation time. The newest
signs, all of them verify and are published, so a rotation (`python -m services.identity
rotate-key`) never invalidates tokens already issued; retiring a key (`retire-key KID`) deletes it,
and tokens it signed stop verifying. A running service notices both on its next use of the ring
(it lists the directory each time: a handful of files), so neither needs a restart.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from talentkit.auth import CLOCK_SKEW_SECONDS, TokenError

ALGORITHM = "RS256"
_KID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey


def _kids(directory: Path) -> list[str]:
    return sorted(path.stem for path in directory.glob("*.pem"))


def _load(directory: Path, kid: str) -> SigningKey:
    path = directory / f"{kid}.pem"
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, rsa.RSAPrivateKey):
        raise ValueError(f"{path} is not an RSA private key")
    return SigningKey(kid=kid, private_key=private)


class KeyRing:
    """Signing keys loaded from (and created in) a directory, reloaded when its files change."""

    def __init__(self, keys: list[SigningKey], directory: Path | None = None) -> None:
        if not keys:
            raise ValueError("a key ring needs at least one key")
        self.keys = keys
        self.directory = directory

    @classmethod
    def load_or_create(cls, directory: Path) -> KeyRing:
        """Load every key in `directory`, creating the first one if there is none."""
        directory.mkdir(parents=True, exist_ok=True)
        if not _kids(directory):
            create_key(directory)
        return cls([_load(directory, kid) for kid in _kids(directory)], directory)

    def _sync(self) -> None:
        """Pick up keys added or retired since the ring was loaded (by the CLI, or another replica)."""
        if self.directory is None:
            return
        kids = _kids(self.directory)
        if not kids or kids == [key.kid for key in self.keys]:
            return  # an emptied directory is an operator's mistake: keep signing with what we have
        known = {key.kid: key for key in self.keys}
        self.keys = [known.get(kid) or _load(self.directory, kid) for kid in kids]

    @property
    def current(self) -> SigningKey:
        """The key that signs new tokens (the newest)."""
        self._sync()
        return self.keys[-1]

    def sign(self, claims: dict[str, Any]) -> str:
        """A signed JWT with the current key's kid in its header."""
        key = self.current
        return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})

    def jwks(self) -> dict[str, Any]:
        """The public keys as a JWK Set."""
        self._sync()
        out = []
        for key in self.keys:
            jwk = json.loads(RSAAlgorithm.to_jwk(key.private_key.public_key()))
            jwk.update({"kid": key.kid, "use": "sig", "alg": ALGORITHM})
            out.append(jwk)
        return {"keys": out}

    def verify(self, token: str, *, issuer: str, audience: str, expected_type: str) -> dict[str, Any]:
        """The claims of a token this ring signed, checked like the shared verifier does; TokenError otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("malformed token") from exc
        if header.get("alg") != ALGORITHM:
            raise TokenError("token algorithm not accepted")
        self._sync()
        key = next((key for key in self.keys if key.kid == header.get("kid")), None)
        if key is None:
            raise TokenError("token signed with an unknown key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key.private_key.public_key(),
                algorithms=[ALGORITHM],
                audience=audience,
                issuer=issuer,
                # Another replica, whose clock may run a little ahead, may have issued it.
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "sub", "jti", "role", "type"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.PyJWTError as exc:
            raise TokenError("token is not valid") from exc
        if claims.get("type") != expected_type:
            raise TokenError(f"a {expected_type} token is required")
        return claims


def create_key(directory: Path) -> Path:
    """Write a new 2048-bit RSA key, readable by the owner only; return its path.

    The file appears under its final name only once complete (a rename), so a ring reloading
    meanwhile never reads half a key.
    """
    directory.mkdir(parents=True, exist_ok=True)
    kid = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}"
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    partial = directory / f".{kid}.partial"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    path = directory / f"{kid}.pem"
    os.replace(partial, path)
    return path


def retire_key(directory: Path, kid: str) -> Path:
    """Delete the key `kid`; refuses the key that currently signs (rotate first) and unknown kids."""
    kids = _kids(directory) if directory.is_dir() else []
    if not _KID.match(kid) or kid not in kids:
        raise ValueError(f"there is no key {kid!r} in {directory} (keys: {', '.join(kids) or 'none'})")
    if kid == kids[-1]:
        raise ValueError(f"{kid} is the key that signs new tokens: rotate first, then retire it")
    path = directory / f"{kid}.pem"
    path.unlink()
    return path


def list_keys(directory: Path) -> list[str]:
    """The kids in `directory`, oldest first (the last one signs)."""
    return _kids(directory) if directory.is_dir() else []
