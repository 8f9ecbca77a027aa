"""Prometheus metrics shared by every service, labelled by service name."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter("http_requests_total", "HTTP requests handled.", ["service", "method", "route", "status"])
HTTP_LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency.",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
BUS_CONSUMED = Counter(
    "bus_messages_consumed_total",
    "Messages taken from JetStream, by outcome (ok, retry, dead_letter, duplicate).",
    ["service", "subject", "outcome"],
)
BUS_HANDLE_LATENCY = Histogram(
    "bus_handle_duration_seconds", "Time to handle one batch of messages.", ["service", "consumer"]
)
OUTBOX_PENDING = Gauge("outbox_pending_events", "Outbox rows not yet published.", ["service"])
OUTBOX_PUBLISHED = Counter("outbox_published_total", "Outbox rows published to JetStream.", ["service"])
