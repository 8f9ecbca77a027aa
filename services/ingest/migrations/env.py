from services.ingest.models import Base
from talentkit.migrations import run_env

run_env(Base.metadata)
