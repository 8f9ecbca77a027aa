import pytest
from pydantic import ValidationError

from services.identity.settings import IdentitySettings
from talentkit.settings import ServiceSettings

pytestmark = pytest.mark.unit


def test_production_refuses_placeholder_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TC_ENV", "prod")
    monkeypatch.setenv("ADMIN_EMAIL", "REPLACE_ME@example.com")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-real-secret-1")
    with pytest.raises(ValidationError, match="admin_email"):
        IdentitySettings()
    monkeypatch.setenv("ADMIN_EMAIL", "ops@acme.io")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://talent:REPLACE_ME@db/talent")
    with pytest.raises(ValidationError, match="database_url"):
        IdentitySettings()


def test_development_accepts_the_embedded_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TC_ENV", "dev")
    monkeypatch.setenv("VAR_DIR", "/tmp/somewhere")
    settings = ServiceSettings()
    assert settings.db_url == "postgresql+asyncpg://postgres@/postgres?host=/tmp/somewhere/pg"
    assert settings.infra.nats_url == "nats://127.0.0.1:4222"
