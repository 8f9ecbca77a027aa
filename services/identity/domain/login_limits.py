"""Login lock-out: too many failures for an account or from an address within a sliding window."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta

# Failures that count: a password that was checked and wrong (or is being checked right now).
# A correct password on a deactivated account, or a refused (already locked) attempt, does not:
# counting refusals would keep an account locked for as long as an attacker keeps knocking.
COUNTED_REASONS = ("pending", "unknown_email", "wrong_password")


def retry_after_seconds(
    failures: Iterable[datetime], *, now: datetime, max_failures: int, window: timedelta
) -> int | None:
    """Seconds until fewer than `max_failures` failures remain in the window; None when not locked."""
    recent = sorted(at for at in failures if at > now - window)
    if len(recent) < max_failures:
        return None
    # Once the oldest failures beyond the allowance have left the window, a try is allowed again.
    unlocking = recent[len(recent) - max_failures]
    return max(1, math.ceil((unlocking + window - now).total_seconds()))
