"""`python -m services.ingest`: run the service."""

from services.ingest.app import create_app
from services.ingest.settings import IngestSettings
from talentkit.serve import serve

serve(create_app, IngestSettings())
