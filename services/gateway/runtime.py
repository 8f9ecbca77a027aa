"""What the running gateway holds: settings, upstreams, token verifier, rate limiter and revocations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from fastapi import Request
from nats.aio.client import Client as NATS

from services.gateway.rate_limiter import RateLimiter
from services.gateway.revocation_feed import RevocationFeed
from services.gateway.settings import GatewaySettings
from services.gateway.upstreams import Upstreams
from talentkit.auth import JwksVerifier


@dataclass
class GatewayRuntime:
    """Built by the lifespan; routes reach it through `gateway_of`."""

    settings: GatewaySettings
    upstreams: Upstreams
    verifier: JwksVerifier
    nc: NATS
    limiter: RateLimiter
    revocations: RevocationFeed


def gateway_of(request: Request) -> GatewayRuntime:
    """The runtime of the gateway handling `request`."""
    return cast(GatewayRuntime, request.state.gateway)
