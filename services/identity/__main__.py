"""`python -m services.identity`: run the service."""

from services.identity.app import create_app
from services.identity.settings import IdentitySettings
from talentkit.serve import serve

serve(create_app, IdentitySettings())
