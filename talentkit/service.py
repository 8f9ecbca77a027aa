"""Building a service: one function turns a `ServiceSpec` into a FastAPI app with the whole runtime.

The lifespan owns every client (database, NATS, JWKS verifier, the service's own resources) and
closes them; consumers and the outbox relay run as tasks inside it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from asyncpg.exceptions import CannotConnectNowError
from fastapi import APIRouter, FastAPI, Request
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from sqlalchemy import MetaData
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_delay, wait_exponential

from contracts.envelope import Event
from talentkit.auth import JwksVerifier, Principal
from talentkit.bus.connection import close_nats, connect, ensure_streams
from talentkit.bus.consumer import Consumer, Subscription
from talentkit.bus.outbox import OutboxRelay, enqueue
from talentkit.bus.tables import BusTables
from talentkit.db import Database
from talentkit.errors import install_error_handlers
from talentkit.health import ReadinessCheck, health_router
from talentkit.http import RequestContextMiddleware
from talentkit.logs import configure_logging, get_logger
from talentkit.migrations import upgrade
from talentkit.settings import ServiceSettings

log = get_logger(__name__)

SettingsT = TypeVar("SettingsT", bound=ServiceSettings)
ResourcesT = TypeVar("ResourcesT")


@dataclass
class Runtime(Generic[SettingsT, ResourcesT]):
    """Everything a running service holds; routes reach it through `request.state.runtime`."""

    name: str
    settings: SettingsT
    db: Database
    nc: NATS
    js: JetStreamContext
    tables: BusTables | None
    verifier: JwksVerifier
    resources: ResourcesT = cast(Any, None)
    relay: OutboxRelay | None = None

    def transaction(self) -> AbstractAsyncContextManager[AsyncSession]:
        """One unit of work; the outbox relay is woken when it commits."""
        return self.db.transaction()

    async def emit(self, session: AsyncSession, event: Event) -> None:
        """Publish `event` through the outbox in `session`'s transaction."""
        assert self.tables is not None, f"{self.name} has no outbox"
        await enqueue(session, self.tables, event)

    def new_event(self, model: type[Event], payload: Any, *, actor: Principal | None) -> Event:
        """A new event that starts a flow, produced by this service on behalf of `actor`."""
        return model.build(payload, producer=self.name, actor_id=str(actor.user_id) if actor else None)


ResourceFactory = Callable[[Runtime[Any, Any]], AbstractAsyncContextManager[Any]]


@dataclass
class ServiceSpec(Generic[SettingsT]):
    """What makes one service: its settings, tables, routes, subscriptions and own resources."""

    name: str
    settings: SettingsT
    metadata: MetaData
    routers: Sequence[APIRouter] = ()
    subscriptions: Sequence[Subscription] = ()
    tables: BusTables | None = None
    resources: ResourceFactory | None = None
    readiness: dict[str, Callable[[Runtime[Any, Any]], ReadinessCheck]] = field(default_factory=dict)
    title: str = ""
    description: str = ""


def runtime_of(request: Request) -> Runtime[Any, Any]:
    """The runtime of the service handling `request`."""
    return cast(Runtime[Any, Any], request.state.runtime)


@asynccontextmanager
async def _null_resources(_runtime: Runtime[Any, Any]) -> AsyncIterator[None]:
    yield None


def create_service_app(spec: ServiceSpec[SettingsT]) -> FastAPI:
    """A FastAPI app for `spec`, whose lifespan starts and stops everything the service needs."""
    settings = spec.settings
    infra = settings.infra

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        configure_logging(spec.name, level=infra.log_level, json=infra.log_json)
        await _migrate_when_database_answers(spec.name, settings.db_url)
        db = Database(settings.db_url)
        nc = await connect(infra.nats_url, name=spec.name)
        js = nc.jetstream()
        await ensure_streams(js)
        verifier = JwksVerifier(infra.jwks_url, issuer=infra.jwt_issuer, audience=infra.jwt_audience)
        app.state.verifier = verifier
        runtime: Runtime[SettingsT, Any] = Runtime(
            name=spec.name, settings=settings, db=db, nc=nc, js=js, tables=spec.tables, verifier=verifier
        )
        tasks: list[asyncio.Task[None]] = []
        try:
            async with (spec.resources or _null_resources)(runtime) as resources:
                runtime.resources = resources
                app.state.readiness_checks = {
                    "database": db.ping,
                    "nats": _nats_ready(nc),
                    **{name: make(runtime) for name, make in spec.readiness.items()},
                }
                if spec.tables is not None:
                    runtime.relay = OutboxRelay(
                        service=spec.name,
                        sessionmaker=db.sessionmaker,
                        tables=spec.tables,
                        js=js,
                        poll_seconds=settings.bus.outbox_poll_seconds,
                    )
                    db.on_commit(runtime.relay.wake)
                    tasks.append(asyncio.create_task(runtime.relay.run(), name=f"{spec.name}-outbox"))
                for subscription in spec.subscriptions:
                    assert spec.tables is not None, "a consuming service needs bus tables for its inbox"
                    consumer = Consumer(
                        service=spec.name,
                        subscription=subscription,
                        js=js,
                        db=db,
                        tables=spec.tables,
                        settings=settings.bus,
                        state=runtime,
                    )
                    await consumer.ensure()
                    tasks.append(asyncio.create_task(consumer.run(), name=consumer.durable))
                log.info("service.started", port=settings.port)
                yield {"runtime": runtime}
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await verifier.aclose()
            await close_nats(nc)
            await db.dispose()
            log.info("service.stopped")

    app = FastAPI(
        title=spec.title or f"Talent Connect {spec.name}",
        description=spec.description,
        version="1.0.0",
        lifespan=lifespan,
    )
    app.add_middleware(RequestContextMiddleware, service=spec.name)
    install_error_handlers(app)
    app.include_router(health_router())
    for router in spec.routers:
        app.include_router(router)
    return app


async def _migrate_when_database_answers(service: str, url: str, *, wait_seconds: float = 90.0) -> None:
    # Everything starts at once under `make dev`: the database may still be initialising.
    async for attempt in AsyncRetrying(
        stop=stop_after_delay(wait_seconds),
        wait=wait_exponential(multiplier=0.2, max=3.0),
        retry=retry_if_exception_type((OSError, OperationalError, InterfaceError, CannotConnectNowError)),
        reraise=True,
    ):
        with attempt:
            await asyncio.to_thread(upgrade, service, url)


def _nats_ready(nc: NATS) -> ReadinessCheck:
    async def check() -> bool:
        return bool(nc.is_connected)

    return check
