"""Alembic, written once: every service's `migrations/env.py` calls `run_env(metadata)`.

Each service keeps its tables and its version table in its own schema. Upgrades take a
transaction-scoped advisory lock so replicas starting together do not race.

Usage: `python -m talentkit.migrations <service> upgrade` or
`python -m talentkit.migrations <service> revision "add resumes"` (autogenerates from models).
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import Connection, MetaData, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

SERVICES_DIR = Path(__file__).resolve().parent.parent / "services"


def alembic_config(service: str, database_url: str) -> Config:
    """An Alembic config for `service`, pointing at its migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(SERVICES_DIR / service / "migrations"))
    # ConfigParser treats % as interpolation.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.set_main_option("file_template", "%%(rev)s")
    return config


def upgrade(service: str, database_url: str) -> None:
    """Bring `service`'s schema to the newest revision (blocking: call it in a thread)."""
    command.upgrade(alembic_config(service, database_url), "head")


def _configure_and_run(connection: Connection, metadata: MetaData) -> None:
    schema = metadata.schema
    assert schema, "service metadata must name its schema"
    connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:schema))"), {"schema": schema})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=True,
        include_name=lambda name, type_, _parent: type_ != "schema" or name == schema,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: str, metadata: MetaData) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_configure_and_run, metadata)
            await connection.commit()
    finally:
        await engine.dispose()


def run_env(metadata: MetaData) -> None:
    """The body of every service's `migrations/env.py`."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not set"
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, version_table_schema=metadata.schema, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_online(url, metadata))


def main(argv: list[str]) -> int:
    """Command line: upgrade, or autogenerate a date-slug revision."""
    from talentkit.settings import InfraSettings

    if len(argv) < 2 or argv[1] not in {"upgrade", "revision"}:
        print(__doc__)  # noqa: T201
        return 2
    service, action = argv[0], argv[1]
    config = alembic_config(service, InfraSettings().database_url)
    if action == "upgrade":
        command.upgrade(config, "head")
    else:
        message = argv[2] if len(argv) > 2 else "change"
        # Alembic's version table holds 32 characters: 14 for the date prefix, 18 for the slug.
        slug = "_".join(message.lower().split())[:18].rstrip("_")
        rev_id = f"{datetime.now(UTC):%Y%m%d_%H%M}_{slug}"
        command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
