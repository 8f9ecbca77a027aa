"""Which headers cross the gateway, in each direction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

# Meaningful for one connection only (RFC 9110 §7.6.1): never forwarded either way.
HOP_BY_HOP: Final = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    }
)

# What a service needs from the client's request; everything else (cookies, the client's own
# X-Request-ID, ...) stays at the gateway. `last-event-id` lets an event stream resume after a
# reconnect. X-Forwarded-For is never taken as is: it carries the one address the gateway resolved.
PASSED_REQUEST_HEADERS: Final = ("authorization", "content-type", "accept", "last-event-id")

# The gateway's own server stamps these on every response: the upstream's copies would be duplicates.
SERVER_STAMPED: Final = frozenset({"date", "server"})


def _connection_tokens(value: str) -> set[str]:
    return {token.strip().lower() for token in value.split(",") if token.strip()}


def upstream_request_headers(
    incoming: Mapping[str, str], *, request_id: str, client_ip: str | None, scheme: str
) -> dict[str, str]:
    """The headers a forwarded request carries; `incoming` must be looked up case-insensitively.

    `client_ip` is the client as the gateway resolved it (`client_address`), sent as the only
    X-Forwarded-For entry. Appending the socket peer instead would name the load balancer in front
    of the gateway as every client, and a service counting failures per address (identity's
    sign-in lock-out) would then lock everybody out together.
    """
    dropped = HOP_BY_HOP | _connection_tokens(incoming.get("connection", ""))
    headers = {name: value for name in PASSED_REQUEST_HEADERS if name not in dropped and (value := incoming.get(name))}
    # The body is relayed byte for byte, so the service may compress only as the client accepts.
    headers["accept-encoding"] = incoming.get("accept-encoding") or "identity"
    headers["x-request-id"] = request_id
    if client_ip:
        headers["x-forwarded-for"] = client_ip
    headers["x-forwarded-proto"] = scheme
    return headers


def downstream_response_headers(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The upstream response's headers the client gets (repeated ones such as Set-Cookie kept apart)."""
    pairs = [(name.lower(), value) for name, value in raw]
    dropped = HOP_BY_HOP | SERVER_STAMPED
    for name, value in pairs:
        if name == b"connection":
            dropped |= _connection_tokens(value.decode("latin-1"))
    return [(name, value) for name, value in pairs if name.decode("latin-1") not in dropped]


def wants_event_stream(accept: str) -> bool:
    """Whether the client asks for Server-Sent Events (a response that may stay open for long)."""
    return "text/event-stream" in accept.lower()
