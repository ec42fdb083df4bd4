"""The event store: SQLite by default, PostgreSQL for teams; linking across articles inside the
write transaction. See docs/store.md for the schema."""

from __future__ import annotations

from .core import EventRow, Store, open_store
from .filters import BatchOutcome, EventFilter
from .schema import LATEST as SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "BatchOutcome", "EventFilter", "EventRow", "Store", "open_store"]
