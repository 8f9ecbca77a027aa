"""The password policy."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

MIN_LENGTH = 8
MAX_LENGTH = 256


@cache
def common_passwords() -> frozenset[str]:
    """Leaked passwords common enough to be guessed first (only ones that pass the other rules matter)."""
    text = resources.files("services.identity.domain").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def password_problems(password: str, *, email: str = "") -> list[str]:
    """Why `password` is not acceptable; empty when it is."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"must be at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        problems.append(f"must be at most {MAX_LENGTH} characters")
    if not re.search(r"[^\W\d_]", password):
        problems.append("must contain a letter")
    if not re.search(r"\d", password):
        problems.append("must contain a digit")
    if password.lower() in common_passwords():
        problems.append("is too common")
    local_part = email.split("@", 1)[0].lower()
    if local_part and len(local_part) >= 4 and local_part in password.lower():
        problems.append("must not contain your e-mail name")
    return problems
