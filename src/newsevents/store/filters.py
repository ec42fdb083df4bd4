"""Query filters and batch outcomes, and the SQL a filter becomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import Rejected
from .backend import Backend


@dataclass(frozen=True)
class EventFilter:
    """Which events a query returns. Every field is optional; set fields are combined with AND.
    Events of near-duplicate articles that repeat an already counted event are left out unless
    ``include_duplicates``."""

    type: str | None = None  # PLOVER type, e.g. ASSAULT
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    country: str | None = None  # ISO3 of the event's location
    actor_country: str | None = None
    recipient_country: str | None = None
    sector: str | None = None  # actor or recipient sector
    place: str | None = None  # location name (case-insensitive)
    admin1: str | None = None
    since: str | None = None  # ISO date, on the event's start date, inclusive
    until: str | None = None
    stance: str | None = None
    modality: str | None = None
    min_confidence: float | None = None
    search: str | None = None  # full-text over evidence sentences and article bodies
    article_id: str | None = None
    cluster_id: str | None = None
    include_duplicates: bool = False
    limit: int | None = None


@dataclass
class BatchOutcome:
    """What one ``write_batch`` did."""

    new_articles: int = 0
    duplicate_articles: int = 0  # already stored (same article id): nothing added
    near_duplicates: int = 0  # new articles recognised as copies of a stored one
    new_events: int = 0
    rejected: int = 0  # rejections written, those of the batch and those the store made
    # The articles the store itself turned into rejections (stage "store": NUL characters, text
    # that cannot be encoded, internal errors), so a caller can count and list them.
    rejections: list[Rejected] = field(default_factory=list)

    def add(self, other: "BatchOutcome") -> None:
        for name in ("new_articles", "duplicate_articles", "near_duplicates", "new_events", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rejections.extend(other.rejections)


def _actor_exists(roles: tuple[str, ...], column: str) -> str:
    role_list = ", ".join(f"'{r}'" for r in roles)
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id"
        f" AND x.role IN ({role_list}) AND x.{column} = ?)"
    )


def where_clause(f: EventFilter, db: Backend) -> tuple[str, list[Any]]:
    """The WHERE part (over events ``e`` joined with articles ``a``) and its parameters."""
    conds: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        conds.append(sql)
        params.extend(values)

    if f.type:
        add("e.type = ?", f.type.upper())
    if f.acled_event_type:
        add("lower(e.acled_event_type) = lower(?)", f.acled_event_type)
    if f.acled_sub_event_type:
        add("lower(e.acled_sub_event_type) = lower(?)", f.acled_sub_event_type)
    if f.country:
        add("e.location_country = ?", f.country.upper())
    if f.actor_country:
        add(_actor_exists(("actor",), "country"), f.actor_country.upper())
    if f.recipient_country:
        add(_actor_exists(("recipient",), "country"), f.recipient_country.upper())
    if f.sector:
        add(_actor_exists(("actor", "recipient"), "sector"), f.sector.upper())
    if f.place:
        add("(lower(e.location_name) = lower(?) OR lower(e.location_text) = lower(?))", f.place, f.place)
    if f.admin1:
        add("lower(e.location_admin1) = lower(?)", f.admin1)
    if f.since:
        add("substr(e.date_start, 1, 10) >= ?", f.since)
    if f.until:
        add("substr(e.date_start, 1, 10) <= ?", f.until)
    if f.stance:
        add("e.stance = ?", f.stance.lower())
    if f.modality:
        add("e.modality = ?", f.modality.lower())
    if f.min_confidence is not None:
        add("e.confidence >= ?", f.min_confidence)
    if f.search and f.search.strip():
        sql, values = db.fts_condition(f.search)
        add(sql, *values)
    if f.article_id:
        add("e.article_id = ?", f.article_id)
    if f.cluster_id:
        add("e.cluster_id = ?", f.cluster_id)
    if not f.include_duplicates:
        add("e.duplicate = 0")
    return (" WHERE " + " AND ".join(conds)) if conds else "", params
