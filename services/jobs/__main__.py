"""`python -m services.jobs`: run the service."""

from services.jobs.app import create_app
from services.jobs.settings import JobsSettings
from talentkit.serve import serve

serve(create_app, JobsSettings())
