"""Identity's pure rules: lock-out arithmetic, client address, profile tidying, token timing, password list."""

from __future__ import annotations

import ipaddress
import re
from datetime import UTC, datetime, timedelta

import pytest

from services.identity.domain.client_address import client_ip
from services.identity.domain.login_limits import retry_after_seconds
from services.identity.domain.passwords import common_passwords, password_problems
from services.identity.domain.profile import tidy_locations, tidy_skills
from services.identity.domain.tokens import issued_before_revocation, wait_before_issuing
from services.identity.settings import INTERNAL_NETWORKS, IdentitySettings

pytestmark = pytest.mark.unit

NOW = datetime(2026, 3, 4, 12, 0, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)
LOCAL = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("::1/128")]


def _ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


def test_fewer_failures_than_allowed_do_not_lock() -> None:
    failures = [_ago(10), _ago(20), _ago(30), _ago(40)]
    assert retry_after_seconds(failures, now=NOW, max_failures=5, window=WINDOW) is None


def test_the_wait_is_until_the_oldest_counted_failure_leaves_the_window() -> None:
    failures = [_ago(100), _ago(80), _ago(60), _ago(40), _ago(20)]
    assert retry_after_seconds(failures, now=NOW, max_failures=5, window=WINDOW) == 900 - 100


def test_failures_outside_the_window_do_not_count() -> None:
    failures = [_ago(2000), _ago(80), _ago(60), _ago(40), _ago(20)]
    assert retry_after_seconds(failures, now=NOW, max_failures=5, window=WINDOW) is None


def test_beyond_the_limit_the_wait_is_until_enough_have_left() -> None:
    # Seven failures, five allowed: three must leave before a try is let through.
    failures = [_ago(s) for s in (700, 600, 500, 400, 300, 200, 100)]
    assert retry_after_seconds(failures, now=NOW, max_failures=5, window=WINDOW) == 900 - 500


def test_the_wait_is_at_least_a_second() -> None:
    failures = [_ago(899.9)] * 5
    assert retry_after_seconds(failures, now=NOW, max_failures=5, window=WINDOW) == 1


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        ("::1", "2001:db8::7", "2001:db8::7"),
        ("::ffff:127.0.0.1", "203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("198.51.100.4", "203.0.113.9", "198.51.100.4"),
        (None, "203.0.113.9", "unknown"),
        ("garbage", "", "unknown"),
    ],
)
def test_the_client_address_comes_from_x_forwarded_for_only_behind_a_trusted_proxy(
    peer: str | None, forwarded_for: str, expected: str
) -> None:
    assert client_ip(peer, forwarded_for, LOCAL) == expected


def test_trusted_proxies_read_from_a_comma_separated_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IDENTITY_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.1")
    networks = IdentitySettings().trusted_proxies
    assert [str(network) for network in networks] == ["10.0.0.0/8", "192.168.1.1/32"]
    monkeypatch.delenv("IDENTITY_TRUSTED_PROXIES")
    assert [str(network) for network in IdentitySettings().trusted_proxies] == list(INTERNAL_NETWORKS)


@pytest.mark.parametrize("gateway", ["127.0.0.1", "10.42.0.17", "172.18.0.5", "192.168.1.20", "fd00::5"])
def test_by_default_the_gateway_is_believed_wherever_it_runs_on_the_internal_network(gateway: str) -> None:
    # Compose and Kubernetes give the gateway a private address: were it not believed, every client
    # would be the gateway, and one client's failed sign-ins would lock everybody out.
    assert client_ip(gateway, "203.0.113.9", IdentitySettings().trusted_proxies) == "203.0.113.9"
    assert client_ip("198.51.100.4", "203.0.113.9", IdentitySettings().trusted_proxies) == "198.51.100.4"


def test_skills_become_canonical_and_unknown_ones_are_kept_tidied() -> None:
    known = {"python": "Python", "postgres": "PostgreSQL", "postgresql": "PostgreSQL"}
    skills = tidy_skills(
        ["  python", "Postgres", "PostgreSQL", "Basket   weaving", "basket weaving", ""], lambda s: known.get(s.lower())
    )
    assert skills == ["Python", "PostgreSQL", "Basket weaving"]


def test_locations_are_trimmed_and_deduplicated() -> None:
    assert tidy_locations([" New  York ", "new york", "", "Remote"]) == ["New York", "Remote"]


def test_a_token_issued_in_the_second_of_a_revocation_is_void() -> None:
    revoked = datetime(2026, 3, 4, 12, 0, 0, 500000, tzinfo=UTC)
    second = int(revoked.timestamp())
    assert issued_before_revocation(second, revoked)
    assert not issued_before_revocation(second + 1, revoked)
    assert not issued_before_revocation(second, None)


def test_issuing_waits_for_the_next_whole_second_after_a_revocation() -> None:
    revoked = datetime(2026, 3, 4, 12, 0, 0, 500000, tzinfo=UTC)
    assert wait_before_issuing(revoked, revoked + timedelta(milliseconds=100)) == pytest.approx(0.4)
    assert wait_before_issuing(revoked, revoked + timedelta(seconds=2)) == 0
    assert wait_before_issuing(None, revoked) == 0


def test_the_common_password_list_is_large_and_only_holds_passwords_the_other_rules_let_through() -> None:
    common = common_passwords()
    assert len(common) >= 300
    for password in common:
        assert len(password) >= 8, password
        assert re.search(r"[a-z]", password), password
        assert re.search(r"\d", password), password
        assert password == password.lower()
        assert password_problems(password) == ["is too common"]


@pytest.mark.parametrize("password", ["Qwerty123", "P@ssw0rd", "iloveyou1", "Summer2024", "1qaz2wsx", "Welcome1"])
def test_well_known_passwords_are_refused_whatever_their_case(password: str) -> None:
    assert "is too common" in password_problems(password)
