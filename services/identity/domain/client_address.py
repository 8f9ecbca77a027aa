"""Who is calling: the client address behind a trusted proxy."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

UNKNOWN = "unknown"


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; compare them as the IPv4 they are.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_ip(peer: str | None, forwarded_for: str, trusted_proxies: Sequence[IpNetwork]) -> str:
    """The caller's address: the last X-Forwarded-For entry when the peer is a trusted proxy, else the peer.

    Only the last entry is believed: it is the one our own proxy appended; anything before it was
    written by the client and can be forged.
    """
    peer_address = _parse(peer or "")
    if peer_address is None:
        return UNKNOWN
    if any(peer_address in network for network in trusted_proxies):
        entries = [entry for entry in forwarded_for.split(",") if entry.strip()]
        forwarded = _parse(entries[-1]) if entries else None
        if forwarded is not None:
            return str(forwarded)
    return str(peer_address)
