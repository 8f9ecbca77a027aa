"""The password policy."""

from __future__ import annotations

import re

MIN_LENGTH = 8
MAX_LENGTH = 256

# The most common leaked passwords that also pass the length/letter/digit rules.
COMMON_PASSWORDS = frozenset(
    {
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "qwerty123",
        "qwerty12",
        "abc12345",
        "abcd1234",
        "letmein1",
        "welcome1",
        "welcome123",
        "iloveyou1",
        "admin123",
        "admin1234",
        "trustno1",
        "sunshine1",
        "princess1",
        "football1",
        "monkey123",
        "dragon123",
        "baseball1",
        "master123",
        "superman1",
        "batman123",
        "1q2w3e4r",
        "1qaz2wsx",
        "zaq12wsx",
        "qwe12345",
        "asdf1234",
        "changeme1",
        "secret123",
        "test1234",
        "user1234",
        "login123",
        "hello123",
        "charlie1",
        "shadow123",
        "michael1",
        "jennifer1",
        "computer1",
        "internet1",
        "starwars1",
        "whatever1",
        "freedom1",
        "summer2024",
        "winter2024",
        "spring2024",
        "autumn2024",
        "summer2025",
        "winter2025",
        "summer2026",
        "winter2026",
        "password2024",
        "password2025",
        "password2026",
        "talent123",
        "talentconnect1",
    }
)


def password_problems(password: str, *, email: str = "") -> list[str]:
    """Why `password` is not acceptable; empty when it is."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"must be at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        problems.append(f"must be at most {MAX_LENGTH} characters")
    if not re.search(r"[A-Za-z]", password):
        problems.append("must contain a letter")
    if not re.search(r"\d", password):
        problems.append("must contain a digit")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("is too common")
    local_part = email.split("@", 1)[0].lower()
    if local_part and len(local_part) >= 4 and local_part in password.lower():
        problems.append("must not contain your e-mail name")
    return problems
