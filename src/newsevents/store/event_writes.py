"""The rows one event owns (the event, its actors and quantities, its search entry), written the
same way by a stored batch (core) and by a reviewer's correction or added event (review): its own
module so that both import it at the top, without importing each other."""

from __future__ import annotations

from ..records import Event
from . import rows
from .backend import Backend
from .linking import EventLink


def insert_event(db: Backend, event: Event, run_id: str | None, created: str, found: EventLink) -> None:
    """One event's rows (event, actors, quantities, search index); the caller holds the
    transaction. Shared by batches and by events a reviewer adds."""
    db.execute(
        rows.insert_sql("events", rows.EVENT_COLUMNS),
        rows.event_row(event, run_id, created, found.cluster_id, found.duplicate,
                       found.dedup_key, found.place_key),
    )
    write_event_parts(db, event)
    db.fts_index_event(event.event_id, event.evidence.sentence)


def write_event_parts(db: Backend, event: Event) -> None:
    """The actor and quantity rows of an event (a correction deletes the old ones first)."""
    db.executemany(
        "INSERT INTO event_actors (event_id, role, seq, text, name, country, sector, kind)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows.actor_rows(event),
    )
    db.executemany(
        "INSERT INTO event_quantities (event_id, seq, count, count_high, item, status,"
        " qualifier, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows.quantity_rows(event),
    )
