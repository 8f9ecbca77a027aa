"""What the running gateway holds: its settings, the upstreams and the token verifier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from fastapi import Request

from services.gateway.settings import GatewaySettings
from services.gateway.upstreams import Upstreams
from talentkit.auth import JwksVerifier


@dataclass
class GatewayRuntime:
    """Built by the lifespan; routes reach it through `gateway_of`."""

    settings: GatewaySettings
    upstreams: Upstreams
    verifier: JwksVerifier


def gateway_of(request: Request) -> GatewayRuntime:
    """The runtime of the gateway handling `request`."""
    return cast(GatewayRuntime, request.state.gateway)
