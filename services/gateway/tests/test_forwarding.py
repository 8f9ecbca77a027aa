"""Which headers cross the gateway."""

from __future__ import annotations

import pytest

from services.gateway.domain.forwarding import (
    downstream_response_headers,
    upstream_request_headers,
    wants_event_stream,
)

pytestmark = pytest.mark.unit


def test_a_forwarded_request_carries_only_what_services_need() -> None:
    incoming = {
        "authorization": "Bearer t",
        "content-type": "application/json",
        "accept": "application/json",
        "cookie": "session=1",
        "x-request-id": "from-the-client",
        "host": "api.example.com",
        "content-length": "12",
        "x-forwarded-for": "203.0.113.9",
    }
    headers = upstream_request_headers(incoming, request_id="gw-1", client_ip="10.0.0.5", scheme="https")
    assert headers == {
        "authorization": "Bearer t",
        "content-type": "application/json",
        "accept": "application/json",
        "accept-encoding": "identity",
        "x-request-id": "gw-1",
        # Only the address the gateway resolved: what the client wrote there is not passed on.
        "x-forwarded-for": "10.0.0.5",
        "x-forwarded-proto": "https",
    }


def test_headers_the_client_marks_as_per_connection_are_not_forwarded() -> None:
    incoming = {"connection": "keep-alive, Authorization", "authorization": "Bearer t", "accept-encoding": "gzip"}
    headers = upstream_request_headers(incoming, request_id="r", client_ip=None, scheme="http")
    assert "authorization" not in headers
    assert headers["accept-encoding"] == "gzip"
    assert "x-forwarded-for" not in headers


def test_a_response_loses_hop_by_hop_and_server_stamped_headers_and_keeps_repeats() -> None:
    raw = [
        (b"Content-Type", b"application/json"),
        (b"Content-Length", b"2"),
        (b"Connection", b"close, X-Internal"),
        (b"X-Internal", b"secret"),
        (b"Transfer-Encoding", b"chunked"),
        (b"Date", b"Sat, 21 Nov 2026 10:00:00 GMT"),
        (b"Server", b"uvicorn"),
        (b"Set-Cookie", b"a=1"),
        (b"Set-Cookie", b"b=2"),
        (b"Location", b"/api/v1/jobs/1"),
    ]
    assert downstream_response_headers(raw) == [
        (b"content-type", b"application/json"),
        (b"content-length", b"2"),
        (b"set-cookie", b"a=1"),
        (b"set-cookie", b"b=2"),
        (b"location", b"/api/v1/jobs/1"),
    ]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("text/event-stream", True), ("application/json, Text/Event-Stream;q=0.9", True), ("application/json", False)],
)
def test_event_stream_requests_are_recognised(accept: str, expected: bool) -> None:
    assert wants_event_stream(accept) is expected
