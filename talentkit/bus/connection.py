"""Connecting to NATS and making sure the JetStream streams exist."""

from __future__ import annotations

import asyncio

import nats
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.api import RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_delay, wait_exponential

from contracts.registry import DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, STREAM_NAME, STREAM_SUBJECTS

# JetStream drops a second publish with the same Nats-Msg-Id inside this window: it bounds how
# late a relay may retry a publish and still be de-duplicated.
DUPLICATE_WINDOW_SECONDS = 15 * 60


async def connect(url: str, *, name: str, wait_seconds: float = 60.0) -> NATS:
    """Connect, retrying while the server comes up (all processes start together in `make dev`)."""
    async for attempt in AsyncRetrying(
        stop=stop_after_delay(wait_seconds),
        wait=wait_exponential(multiplier=0.2, max=2.0),
        retry=retry_if_exception_type((OSError, nats.errors.NoServersError, TimeoutError)),
        reraise=True,
    ):
        with attempt:
            return await nats.connect(
                url,
                name=name,
                connect_timeout=2,
                max_reconnect_attempts=-1,
                reconnect_time_wait=1,
                allow_reconnect=True,
            )
    raise AssertionError("unreachable")


async def ensure_streams(js: JetStreamContext) -> None:
    """Create (or update) the event stream and the dead-letter stream."""
    streams = [
        StreamConfig(
            name=STREAM_NAME,
            subjects=STREAM_SUBJECTS,
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            duplicate_window=DUPLICATE_WINDOW_SECONDS,
        ),
        StreamConfig(
            name=DEAD_LETTER_STREAM,
            subjects=[f"{DEAD_LETTER_PREFIX}.>"],
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            duplicate_window=DUPLICATE_WINDOW_SECONDS,
        ),
    ]
    for config in streams:
        try:
            await js.stream_info(config.name or "")
        except NotFoundError:
            await js.add_stream(config)


async def close_nats(nc: NATS) -> None:
    """Drain the connection, or just close it when the server is already gone (shutdown order varies)."""
    try:
        await asyncio.wait_for(nc.drain(), timeout=5)
    except (nats.errors.Error, TimeoutError, OSError):
        await nc.close()
