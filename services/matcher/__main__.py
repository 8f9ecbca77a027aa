"""`python -m services.matcher`: run the service."""

from services.matcher.app import create_app
from services.matcher.settings import MatcherSettings
from talentkit.serve import serve

serve(create_app, MatcherSettings())
