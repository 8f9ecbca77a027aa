"""Which address a request is counted against."""

from __future__ import annotations

import ipaddress

import pytest

from services.gateway.domain.client_address import client_address, counted_address

pytestmark = pytest.mark.unit

PROXIES = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("2001:db8::/32")]


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() -> None:
    assert client_address("203.0.113.9", "198.51.100.1", []) == "203.0.113.9"
    assert client_address("203.0.113.9", "", PROXIES) == "203.0.113.9"


def test_an_untrusted_peer_cannot_speak_for_someone_else() -> None:
    assert client_address("203.0.113.9", "10.0.0.1, 198.51.100.1", PROXIES) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client() -> None:
    assert client_address("10.0.0.2", "198.51.100.7", PROXIES) == "198.51.100.7"
    # The client wrote the left-most entry itself: believing it would let it choose its counter.
    assert client_address("10.0.0.2", "1.2.3.4, 198.51.100.7", PROXIES) == "198.51.100.7"
    # Two proxies of ours in a row.
    assert client_address("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.3", PROXIES) == "198.51.100.7"


def test_when_every_hop_is_trusted_the_furthest_is_the_client() -> None:
    assert client_address("10.0.0.2", "10.1.1.1, 10.0.0.3", PROXIES) == "10.1.1.1"
    assert client_address("10.0.0.2", "", PROXIES) == "10.0.0.2"


def test_garbage_in_the_chain_stops_at_the_hop_that_passed_it_on() -> None:
    assert client_address("10.0.0.2", "1.2.3.4, not-an-ip, 10.0.0.3", PROXIES) == "10.0.0.3"


def test_addresses_are_normalised() -> None:
    # One IPv4 client whether the socket is dual-stack or not; one spelling per IPv6 address.
    assert client_address("::ffff:203.0.113.9", "", []) == "203.0.113.9"
    assert client_address("2001:DB8:0:0::1", "", []) == "2001:db8::1"
    assert client_address("2001:db8::5", "2001:0db8:ffff::0001", [ipaddress.ip_network("2001:db8::/48")]) == (
        "2001:db8:ffff::1"
    )


def test_no_peer_at_all() -> None:
    assert client_address(None, "1.2.3.4", PROXIES) == "unknown"


def test_an_ipv6_client_is_counted_by_its_64_block_so_it_cannot_hop_addresses() -> None:
    assert counted_address("2001:db8:1:2::1") == counted_address("2001:db8:1:2:ffff:1:2:3") == "2001:db8:1:2::/64"
    assert counted_address("2001:db8:1:3::1") != counted_address("2001:db8:1:2::1")
    # IPv4 clients (also as a dual-stack socket reports them) are counted one address each.
    assert counted_address("203.0.113.9") == counted_address("::ffff:203.0.113.9") == "203.0.113.9"
    assert counted_address("unknown") == "unknown"
