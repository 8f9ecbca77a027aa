"""Token claims, and when a token may be issued after a revocation."""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta
from typing import Any


def access_claims(
    *, user_id: uuid.UUID, role: str, issuer: str, audience: str, now: datetime, ttl: timedelta
) -> dict[str, Any]:
    """The claims of a short-lived access token."""
    return {
        "sub": str(user_id),
        "role": role,
        "type": "access",
        "iss": issuer,
        "aud": audience,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "jti": uuid.uuid4().hex,
    }


def refresh_claims(
    *,
    user_id: uuid.UUID,
    role: str,
    family_id: uuid.UUID,
    jti: str,
    issuer: str,
    audience: str,
    now: datetime,
    ttl: timedelta,
) -> dict[str, Any]:
    """The claims of a refresh token: single use, one of a family rotated from the same login."""
    return {
        "sub": str(user_id),
        # Informational (the role is read afresh on refresh); verifiers require the claim.
        "role": role,
        "type": "refresh",
        "fam": str(family_id),
        "iss": issuer,
        "aud": audience,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "jti": jti,
    }


def issued_before_revocation(issued_at: int, revoked_at: datetime | None) -> bool:
    """Whether a token with `iat` = `issued_at` is void under a revocation at `revoked_at`."""
    return revoked_at is not None and issued_at <= revoked_at.timestamp()


def wait_before_issuing(revoked_at: datetime | None, now: datetime) -> float:
    """Seconds to wait so a new token's whole-second `iat` lands strictly after `revoked_at`.

    `iat` counts whole seconds, so a token issued in the same second as a revocation (a new
    password, say) would read as issued before it and be refused for its whole life.
    """
    if revoked_at is None:
        return 0.0
    first_valid_second = math.floor(revoked_at.timestamp()) + 1
    return max(0.0, first_valid_second - now.timestamp())
