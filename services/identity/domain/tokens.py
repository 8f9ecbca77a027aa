"""Access-token claims."""

from __future__ import annotations

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
