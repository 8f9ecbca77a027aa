"""`python -m services.interviews`: run the service."""

from services.interviews.app import create_app
from services.interviews.settings import InterviewsSettings
from talentkit.serve import serve

serve(create_app, InterviewsSettings())
