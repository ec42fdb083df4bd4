"""Query filters and batch outcomes, and the SQL a filter becomes."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pycountry

from .. import lexicon
from ..errors import InputError
from ..records import PLOVER_TYPES, SECTORS, Rejected
from .backend import Backend


@dataclass(frozen=True)
class EventFilter:
    """Which events a query returns. Every field is optional; set fields are combined with AND.
    Events of near-duplicate articles that repeat an already counted event are left out unless
    ``include_duplicates``; events a reviewer rejected unless ``include_rejected``; past
    happenings retold for context (modality ``historical``) unless ``include_historical`` or the
    ``modality`` filter asks for them: like ACLED, a count of events is a count of news, and a
    war's background retold in every article would count its past again each day."""

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
    include_rejected: bool = False  # events a reviewer rejected are left out unless this is set
    include_historical: bool = False  # background retold for context is left out unless this is set


_FIELD_NAMES = {"acled_event_type": "ACLED event type", "acled_sub_event_type": "ACLED sub-event type"}


def checked(f: EventFilter) -> EventFilter:
    """``f`` with every value the store can match, normalised (codes in capitals, a country name
    as its ISO 3166-1 alpha-3 code); InputError naming the valid values for one it cannot match
    (a misspelt type would otherwise give an empty result that looks like an answer)."""
    changes: dict[str, Any] = {}
    if f.type:
        changes["type"] = _one_of("type", f.type.upper(), PLOVER_TYPES, "a PLOVER type")
    for name in ("since", "until"):
        value = getattr(f, name)
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                raise InputError(f"{name} {value!r} is not a day (YYYY-MM-DD): {exc}") from None
    for name in ("country", "actor_country", "recipient_country"):
        value = getattr(f, name)
        if value:
            changes[name] = country_code(name, value)
    if f.sector:
        changes["sector"] = _one_of("sector", f.sector.upper(), SECTORS, "a PLOVER sector")
    types = acled_types()
    if f.acled_event_type:
        _one_of("acled_event_type", f.acled_event_type, sorted(types), "one", fold=True)
    if f.acled_sub_event_type:
        subs = sorted({s for group in types.values() for s in group})
        _one_of("acled_sub_event_type", f.acled_sub_event_type, subs, "one", fold=True)
    return replace(f, **changes)


def _one_of(name: str, value: str, valid: Sequence[str], what: str, fold: bool = False) -> str:
    found = value.casefold() in {v.casefold() for v in valid} if fold else value in valid
    if not found:
        label = _FIELD_NAMES.get(name, name)
        raise InputError(f"{label} {value!r} is not {what}; choose one of {', '.join(valid)}")
    return value


def non_state_codes() -> tuple[str, ...]:
    """The codes of bodies that are not states, used as actor countries (sector_codes.tsv's
    non_state_actor: intergovernmental, non-governmental, international militant groups), in
    the table's order."""
    codes = lexicon.sector_codes("non_state_actor")
    return tuple(c for c in lexicon.table("sector_codes.tsv").column("code") if c in codes)


def country_code(name: str, value: str) -> str:
    """The ISO 3166-1 alpha-3 code of a code (alpha-3 or alpha-2) or a country name, in the
    forms news writers use ("Russia", "Ivory Coast"); the codes of bodies that are no state
    (``non_state_codes``: IGO, NGO, IMG) stand as they are."""
    given = value.strip()
    if given.upper() in lexicon.sector_codes("non_state_actor"):
        return given.upper()
    try:
        return str(pycountry.countries.lookup(given).alpha_3)
    except LookupError:
        pass
    # The resolver's names ("Russia", "UK", "Ivory Coast", "Kosovo"); imported only now, since the
    # resolve package brings spaCy with it.
    from ..resolve.tables import country_lexicon, norm

    found = country_lexicon().names.get(norm(given))
    if found is not None:
        return found[0]
    raise InputError(
        f"{name} {value!r} is not a country: give an ISO 3166-1 alpha-3 code (UKR), a two-letter "
        f"code (UA) or a name (Ukraine); {', '.join(non_state_codes())} name intergovernmental, "
        "non-governmental bodies and international militant groups")


@functools.lru_cache(maxsize=1)
def acled_types() -> dict[str, tuple[str, ...]]:
    """ACLED event type -> its sub-event types (data/store/acled_types.tsv)."""
    out: dict[str, list[str]] = {}
    for row in lexicon.rows("acled_types.tsv"):
        out.setdefault(row.get(0), []).append(row.get(1))
    return {k: tuple(v) for k, v in out.items()}


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

    def add(self, other: BatchOutcome) -> None:
        for name in ("new_articles", "duplicate_articles", "near_duplicates", "new_events", "rejected"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rejections.extend(other.rejections)


def _actor_exists(roles: tuple[str, ...], column: str) -> str:
    role_list = ", ".join(f"'{r}'" for r in roles)
    # An IN list, not a correlated EXISTS: the database reads the few matching actor rows through
    # their index instead of probing once per event (0.5 s to 5 ms over 100,000 events).
    return f"e.event_id IN (SELECT x.event_id FROM event_actors x WHERE x.role IN ({role_list}) AND x.{column} = ?)"


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
    elif not f.include_historical:
        add("(e.modality IS NULL OR e.modality <> 'historical')")
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
    if not f.include_rejected:
        add("(e.review IS NULL OR e.review <> 'rejected')")
    return (" WHERE " + " AND ".join(conds)) if conds else "", params
