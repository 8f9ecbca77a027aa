"""`python -m services.gateway`: run the gateway."""

from services.gateway.app import create_app
from services.gateway.settings import GatewaySettings
from talentkit.serve import serve

serve(create_app, GatewaySettings())
