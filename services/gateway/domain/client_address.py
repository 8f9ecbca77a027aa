"""Which address a request comes from, for per-IP limits: the socket peer, unless a trusted proxy relayed it."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> IpAddress | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # `::ffff:203.0.113.9` is the IPv4 client as a dual-stack socket reports it: one client, one counter.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IpAddress, proxies: Sequence[IpNetwork]) -> bool:
    return any(address.version == network.version and address in network for network in proxies)


def client_address(peer: str | None, forwarded_for: str, trusted_proxies: Sequence[IpNetwork]) -> str:
    """The client's address: `peer`, or, when `peer` is a trusted proxy, the nearest untrusted hop it reports.

    X-Forwarded-For is read from the right: each trusted proxy appends the address it got the request
    from, so the entries right of the first untrusted one were written by our proxies, and everything
    left of it was written by the client itself and proves nothing (reading the left-most entry would
    let any client pick its own counter). When every hop is trusted, the furthest one is the client.
    """
    peer_address = _address(peer) if peer else None
    if peer_address is None:
        return peer or "unknown"
    if not _trusted(peer_address, trusted_proxies):
        return str(peer_address)
    nearest = peer_address
    for hop in reversed([hop.strip() for hop in forwarded_for.split(",") if hop.strip()]):
        address = _address(hop)
        if address is None:
            # Not an address: the hop that passed it on is as far back as the chain can be believed.
            return str(nearest)
        if not _trusted(address, trusted_proxies):
            return str(address)
        nearest = address
    return str(nearest)


# One IPv6 customer (a home, a cloud VM) is handed a whole /64: counting each of its 2^64 addresses
# on its own would let one client start a fresh allowance with every request.
IPV6_CLIENT_PREFIX = 64


def counted_address(address: str) -> str:
    """What per-address limits count `address` as: an IPv4 address itself, an IPv6 address its /64."""
    parsed = _address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_CLIENT_PREFIX), strict=False))
    return str(parsed) if parsed is not None else address
