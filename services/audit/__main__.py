"""`python -m services.audit`: run the service."""

from services.audit.app import create_app
from services.audit.settings import AuditSettings
from talentkit.serve import serve

serve(create_app, AuditSettings())
