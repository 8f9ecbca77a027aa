"""The event bus: JetStream connection, transactional outbox, inbox and durable consumers."""

from talentkit.bus.consumer import HandlerContext, Subscription, per_event
from talentkit.bus.tables import BusTables, bus_tables

__all__ = ["BusTables", "HandlerContext", "Subscription", "bus_tables", "per_event"]
