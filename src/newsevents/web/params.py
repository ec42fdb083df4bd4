"""The query parameters of the web API, as one declarative table.

The table parses requests (``parse_filter``), feeds the OpenAPI document and the docs, so a filter
exists in all three or in none. The event filters are those of ``newsevents events``
(``store.EventFilter``) plus three the web app adds: ``actor`` (a name), ``involving`` (a country
anywhere in the event) and ``review`` (status).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..records import MODALITIES, PLOVER_TYPES, STANCES
from ..store import EventFilter

REVIEW_STATES = ("unreviewed", "reviewed", "accepted", "corrected", "rejected", "added")
SORTS = ("date", "type", "confidence", "location", "country", "outlet", "review", "stored")
MAX_PER_PAGE = 200
# The longest value a query parameter may have: a search phrase, a name.
MAX_PARAM = 200


class ParamError(InputError):
    """A query parameter with a value the API cannot use."""


@dataclass(frozen=True)
class Param:
    name: str  # query parameter
    kind: str  # string | integer | number | boolean | date
    help: str
    enum: tuple[str, ...] = ()
    target: str = ""  # EventFilter field; empty for the web-only filters of WebFilter


EVENT_PARAMS: tuple[Param, ...] = (
    Param("type", "string", "PLOVER event type", PLOVER_TYPES, "type"),
    Param("acled_type", "string", "ACLED event type, e.g. Battles", (), "acled_event_type"),
    Param("acled_sub_type", "string", "ACLED sub-event type, e.g. Air/drone strike", (), "acled_sub_event_type"),
    Param("country", "string", "ISO3 country of the event's location", (), "country"),
    Param("actor_country", "string", "ISO3 country of an actor", (), "actor_country"),
    Param("recipient_country", "string", "ISO3 country of a recipient", (), "recipient_country"),
    Param("sector", "string", "sector of an actor or recipient (GOV, MIL, CVL, ...)", (), "sector"),
    Param("place", "string", "location name", (), "place"),
    Param("admin1", "string", "first-level region of the location", (), "admin1"),
    Param("since", "date", "events starting on or after this day (YYYY-MM-DD)", (), "since"),
    Param("until", "date", "events starting on or before this day (YYYY-MM-DD)", (), "until"),
    Param("stance", "string", "attribution stance", STANCES, "stance"),
    Param("modality", "string", "modality", MODALITIES, "modality"),
    Param("min_confidence", "number", "lowest confidence, 0 to 1", (), "min_confidence"),
    Param("search", "string", "full-text search in evidence sentences and article bodies", (), "search"),
    Param("article_id", "string", "events of one article", (), "article_id"),
    Param("cluster_id", "string", "events of one same-happening cluster", (), "cluster_id"),
    Param("include_duplicates", "boolean", "also events repeated by syndicated copies", (), "include_duplicates"),
    Param("include_rejected", "boolean", "also events a reviewer rejected", (), "include_rejected"),
    Param("include_historical", "boolean", "also past happenings retold for context (modality historical)",
          (), "include_historical"),
    Param("actor", "string", "name of an actor or recipient (as normalised, e.g. Russian armed forces)"),
    Param("involving", "string", "ISO3 country of the location, an actor or a recipient"),
    Param("review", "string", "review status", REVIEW_STATES),
)

PAGE_PARAMS: tuple[Param, ...] = (
    Param("sort", "string", "sort key", SORTS),
    Param("order", "string", "sort order", ("asc", "desc")),
    Param("page", "integer", "page number, from 1"),
    Param("per_page", "integer", f"events per page, 1 to {MAX_PER_PAGE}"),
)

MAP_PARAMS: tuple[Param, ...] = (
    Param("zoom", "integer", "map zoom level 0 to 18: sets the size of the clustering grid"),
    Param("bbox", "string", "west,south,east,north in degrees: only events inside"),
)


@dataclass(frozen=True)
class WebFilter:
    """The store's EventFilter plus the filters only the web app has."""

    events: EventFilter = EventFilter()
    actor: str | None = None
    involving: str | None = None
    review: str | None = None


def _value(p: Param, raw: str) -> Any:
    raw = raw.strip()
    if len(raw) > MAX_PARAM:
        raise ParamError(f"{p.name}: at most {MAX_PARAM} characters")
    if p.kind == "boolean":
        return _boolean(p, raw)
    if raw == "":
        return None
    return _READERS.get(p.kind, _text)(p, raw)


def _boolean(p: Param, raw: str) -> bool:
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("", "0", "false", "no", "off"):
        return False
    raise ParamError(f"{p.name}: true or false")


def _integer(p: Param, raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise ParamError(f"{p.name}: a whole number") from exc


def _number(p: Param, raw: str) -> float:
    try:
        number = float(raw)
    except ValueError as exc:
        raise ParamError(f"{p.name}: a number") from exc
    if not 0 <= number <= 1:
        raise ParamError(f"{p.name}: from 0 to 1")
    return number


def _date(p: Param, raw: str) -> str:
    try:
        dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ParamError(f"{p.name}: a date as YYYY-MM-DD") from exc
    return raw


def _text(p: Param, raw: str) -> str:
    """A string, or one of the parameter's values (event types upper-cased, others lower)."""
    if p.enum:
        wanted = raw.upper() if p.name == "type" else raw.lower()
        if wanted not in p.enum:
            raise ParamError(f"{p.name}: one of {', '.join(p.enum)}")
        return wanted
    return raw


# How a non-empty value of each kind is read; other kinds are text.
_READERS: dict[str, Callable[[Param, str], Any]] = {
    "integer": _integer, "number": _number, "date": _date}


def parse_filter(query: Mapping[str, str]) -> WebFilter:
    """A WebFilter from request query parameters; a bad value is a ParamError naming it."""
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for p in EVENT_PARAMS:
        if p.name in query:
            value = _value(p, query[p.name])
            (fields if p.target else extra)[p.target or p.name] = value
    if extra.get("review") == "rejected":
        fields["include_rejected"] = True  # asking for rejected events means showing them
    if extra.get("involving"):
        extra["involving"] = extra["involving"].upper()
    return WebFilter(dataclasses.replace(EventFilter(), **fields), **extra)


def parse_int(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ParamError(f"{name}: a whole number") from exc
    if not low <= value <= high:
        raise ParamError(f"{name}: from {low} to {high}")
    return value


def parse_choice(query: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    value = (query.get(name) or default).strip().lower()
    if value not in choices:
        raise ParamError(f"{name}: one of {', '.join(choices)}")
    return value


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    """west, south, east, north; west may be greater than east across the antimeridian."""
    if not raw:
        return None
    try:
        west, south, east, north = (float(x) for x in raw.split(","))
    except ValueError as exc:
        raise ParamError("bbox: west,south,east,north as four numbers") from exc
    south, north = max(-90.0, south), min(90.0, north)
    if south > north:
        raise ParamError("bbox: south is above north")
    if east - west >= 360:
        west, east = -180.0, 180.0
    else:
        # Leaflet gives longitudes past 180 when the world is scrolled; fold them back.
        west, east = _fold(west), _fold(east)
    return west, south, east, north


def _fold(lon: float) -> float:
    return lon if -180 <= lon <= 180 else ((lon + 180) % 360) - 180
