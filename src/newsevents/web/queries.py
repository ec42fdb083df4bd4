"""The web app's reads: one page of events, map cells, timeline counts, facets, entity summaries.

Everything is computed in the database (paging, grid clustering, grouping), so a request costs
the same whether the store holds a hundred events or a hundred thousand; benchmarks/web_bench.py
times them. Filters are the store's ``where_clause`` plus the web-only ones below, all
parameterised.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..store import Store
from ..store.filters import where_clause
from .params import WebFilter

# Map grid cells per 256-pixel tile side: a cluster covers about 40 pixels on screen.
CELLS_PER_TILE = 6
FACETS = {
    "type": "e.type",
    "country": "e.location_country",
    "stance": "e.stance",
    "modality": "e.modality",
    "acled_sub_type": "e.acled_sub_event_type",
    "review": "COALESCE(e.review, 'unreviewed')",
}
FACET_LIMIT = 30
_ARTICLE_COLUMN = re.compile(r"(?<![\w.])a\.\w")
_SORT_SQL = {
    "date": "e.date_start",
    "type": "e.type",
    "confidence": "e.confidence",
    "location": "COALESCE(e.location_name, e.location_text)",
    "country": "e.location_country",
    "outlet": "COALESCE(a.agency, a.publisher)",
    "review": "e.review",
    "stored": "e.created",
}


def where(store: Store, f: WebFilter) -> tuple[str, list[Any]]:
    """The WHERE part over events ``e`` (and articles ``a``) for a web filter."""
    sql, params = where_clause(f.events, store.db)
    conds = [sql[len(" WHERE "):]] if sql else []
    # IN lists over event_actors' indexes, as the store's actor filters (filters.py) do.
    if f.actor:
        conds.append("e.event_id IN (SELECT x.event_id FROM event_actors x"
                     " WHERE x.role IN ('actor', 'recipient') AND x.name = ?)")
        params.append(f.actor)
    if f.involving:
        conds.append("(e.location_country = ? OR e.event_id IN (SELECT x.event_id FROM event_actors x"
                     " WHERE x.role IN ('actor', 'recipient') AND x.country = ?))")
        params += [f.involving, f.involving]
    if f.review == "unreviewed":
        conds.append("e.review IS NULL")
    elif f.review == "reviewed":
        conds.append("e.review IS NOT NULL")
    elif f.review:
        conds.append("e.review = ?")
        params.append(f.review)
    return (" WHERE " + " AND ".join(conds)) if conds else "", params


def _from(where_sql: str) -> str:
    # The articles join costs a third of a count over 100,000 events; add it only when a filter
    # reads an article column (PostgreSQL's full-text search does).
    needs_article = _ARTICLE_COLUMN.search(where_sql) is not None
    return "FROM events e JOIN articles a ON a.id = e.article_id" if needs_article else "FROM events e"


@dataclass(frozen=True)
class Page:
    total: int
    page: int
    per_page: int
    events: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        pages = max(1, math.ceil(self.total / self.per_page))
        return {"total": self.total, "page": self.page, "per_page": self.per_page, "pages": pages,
                "events": self.events}


_LIST_COLUMNS = (
    "event_id", "type", "mode", "date_start", "date_end", "date_precision", "location",
    "location_country", "location_admin1", "acled_event_type", "acled_sub_event_type", "stance",
    "source", "modality", "confidence", "trigger", "review", "article_id", "outlet", "headline",
    "killed", "injured", "latitude", "longitude", "cluster_id", "sentence",
)
_LIST_SELECT = (
    "SELECT e.event_id, e.type, e.mode, e.date_start, e.date_end, e.date_precision,"
    " COALESCE(e.location_name, e.location_text), e.location_country, e.location_admin1,"
    " e.acled_event_type, e.acled_sub_event_type, e.stance, e.source, e.modality, e.confidence,"
    " e.trigger, e.review, e.article_id, COALESCE(a.agency, a.publisher), a.headline, e.killed,"
    " e.injured, e.latitude, e.longitude, e.cluster_id, e.sentence"
    " FROM events e JOIN articles a ON a.id = e.article_id"
)


def list_events(store: Store, f: WebFilter, sort: str = "date", order: str = "desc",
                page: int = 1, per_page: int = 50) -> Page:
    """One page of matching events, sorted. The page's ids are found first, over the narrow
    indexes only; then the rows and actors of those ids alone are read."""
    where_sql, params = where(store, f)
    row = store.db.fetchone(f"SELECT COUNT(*) {_from(where_sql)}{where_sql}", params)
    total = int(row[0]) if row else 0
    key = _SORT_SQL[sort]
    direction = "DESC" if order == "desc" else "ASC"
    # NULLs last in both backends (their defaults differ); the event id breaks ties so pages
    # never overlap. Plain column keys let the database walk an index in order.
    order_sql = f" ORDER BY {key} {direction} NULLS LAST, e.event_id {direction}"
    ids = [r[0] for r in store.db.fetchall(
        f"SELECT e.event_id {_from(where_sql + order_sql)}{where_sql}{order_sql} LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page])]
    found: dict[str, dict[str, Any]] = {}
    if ids:
        marks = ", ".join("?" for _ in ids)
        for r in store.db.fetchall(f"{_LIST_SELECT} WHERE e.event_id IN ({marks})", ids):
            found[r[0]] = dict(zip(_LIST_COLUMNS, r))
    events = [found[i] for i in ids if i in found]
    actors = _actors_of(ids, store)
    for e in events:
        e["reviewed"] = e["review"] is not None
        e["actor"] = actors.get((e["event_id"], "actor"), [])
        e["recipient"] = actors.get((e["event_id"], "recipient"), [])
    return Page(total, page, per_page, events)


def _actors_of(event_ids: list[str], store: Store) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    if not event_ids:
        return out
    marks = ", ".join("?" for _ in event_ids)
    for event_id, role, text, name, country, sector in store.db.fetchall(
        "SELECT event_id, role, text, name, country, sector FROM event_actors"
        f" WHERE event_id IN ({marks}) AND role IN ('actor', 'recipient') ORDER BY event_id, role, seq",
        event_ids,
    ):
        out[(event_id, role)].append({"text": text, "name": name, "country": country, "sector": sector})
    return out


def map_cells(store: Store, f: WebFilter, zoom: int,
              bbox: tuple[float, float, float, float] | None) -> dict[str, Any]:
    """Events with coordinates grouped on a grid whose cell shrinks as the map zooms in; each cell
    gives its count per type, the mean position, and the event id when it holds one event."""
    cell = 360.0 / (2 ** zoom) / CELLS_PER_TILE
    where_sql, params = where(store, f)
    conds = [where_sql[len(" WHERE "):]] if where_sql else []
    conds.append("e.latitude IS NOT NULL AND e.longitude IS NOT NULL")
    if bbox is not None:
        west, south, east, north = bbox
        conds.append("e.latitude BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            conds.append("e.longitude BETWEEN ? AND ?")
            params += [west, east]
        else:  # the view crosses the antimeridian
            conds.append("(e.longitude >= ? OR e.longitude <= ?)")
            params += [west, east]
    # Truncation is floor for the shifted (positive) coordinates in SQLite; PostgreSQL rounds a
    # cast, so it floors explicitly.
    cast = "CAST({} AS INTEGER)" if store.dialect == "sqlite" else "CAST(FLOOR({}) AS INTEGER)"
    gx, gy = cast.format("(e.longitude + 180.0) / ?"), cast.format("(e.latitude + 90.0) / ?")
    sql = (
        f"SELECT {gx} AS gx, {gy} AS gy, e.type, COUNT(*), SUM(e.latitude), SUM(e.longitude),"
        f" MIN(e.event_id) {_from(where_sql)} WHERE {' AND '.join(conds)}"
        " GROUP BY gx, gy, e.type"
    )
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for x, y, type_, count, lat_sum, lon_sum, event_id in store.db.fetchall(sql, [cell, cell, *params]):
        c = cells.setdefault((x, y), {"count": 0, "lat": 0.0, "lon": 0.0, "types": {}, "event_id": None})
        c["count"] += int(count)
        c["lat"] += float(lat_sum)
        c["lon"] += float(lon_sum)
        c["types"][type_] = int(count)
        c["event_id"] = event_id
    out = []
    for c in cells.values():
        c["lat"] = round(c["lat"] / c["count"], 5)
        c["lon"] = round(c["lon"] / c["count"], 5)
        if c["count"] > 1:
            c["event_id"] = None
        out.append(c)
    out.sort(key=lambda c: -c["count"])
    row = store.db.fetchone(
        f"SELECT COUNT(*) {_from(where_sql)}{where_sql}{' AND' if where_sql else ' WHERE'}"
        " (e.latitude IS NULL OR e.longitude IS NULL)", where(store, f)[1])
    return {"zoom": zoom, "cell_degrees": cell, "cells": out,
            "placed": sum(c["count"] for c in out), "unplaced": int(row[0]) if row else 0}


def timeline(store: Store, f: WebFilter, bucket: str = "auto") -> dict[str, Any]:
    """Event counts per day (or month, for long spans) and type."""
    where_sql, params = where(store, f)
    base = f"{_from(where_sql)}{where_sql}{' AND' if where_sql else ' WHERE'} e.date_start IS NOT NULL"
    if bucket == "auto":
        row = store.db.fetchone(f"SELECT MIN(substr(e.date_start, 1, 10)), MAX(substr(e.date_start, 1, 10)) {base}",
                                params)
        bucket = "day"
        if row and row[0] and row[1]:
            import datetime as dt

            span = dt.date.fromisoformat(row[1]) - dt.date.fromisoformat(row[0])
            # A bar per day stops being readable past about two years.
            bucket = "month" if span.days > 730 else "day"
    width = 10 if bucket == "day" else 7
    key = f"substr(e.date_start, 1, {width})"
    found = store.db.fetchall(
        f"SELECT {key} AS d, e.type, COUNT(*) {base} GROUP BY d, e.type ORDER BY d, e.type", params)
    series = [{"date": d, "type": t, "count": int(n)} for d, t, n in found]
    return {"bucket": bucket, "series": series, "types": sorted({s["type"] for s in series})}


def facets(store: Store, f: WebFilter) -> dict[str, list[list[Any]]]:
    """The most frequent values of the filterable columns among the matching events."""
    where_sql, params = where(store, f)
    out: dict[str, list[list[Any]]] = {}
    for name, column in FACETS.items():
        found = store.db.fetchall(
            f"SELECT {column} AS v, COUNT(*) AS n {_from(where_sql)}{where_sql}"
            f" GROUP BY v ORDER BY n DESC, v LIMIT {FACET_LIMIT}", params)
        out[name] = [[v, int(n)] for v, n in found if v is not None]
    return out


def event_detail_rows(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event record (reviewed values) with its article facts and review status."""
    row = store.db.fetchone(
        "SELECT e.record_json, e.cluster_id, e.duplicate, e.review, a.id, a.headline,"
        " COALESCE(a.agency, a.publisher), a.published, a.url FROM events e"
        " JOIN articles a ON a.id = e.article_id WHERE e.event_id = ?", (event_id,))
    if row is None:
        return None
    record = json.loads(row[0])
    record["cluster_id"] = row[1]
    return {"event": record, "duplicate": bool(row[2]), "reviewed": row[3] is not None, "review_status": row[3],
            "article": {"id": row[4], "headline": row[5], "outlet": row[6], "published": row[7],
                        "url": row[8]}}


def article_event_marks(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The article's events with their evidence spans (for highlighting the body)."""
    return [
        {"event_id": r[0], "type": r[1], "start": int(r[2]), "end": int(r[3]), "review": r[4],
         "trigger": r[5], "duplicate": bool(r[6])}
        for r in store.db.fetchall(
            "SELECT event_id, type, ev_start, ev_end, review, trigger, duplicate FROM events"
            " WHERE article_id = ? ORDER BY ev_start, event_id", (article_id,))
        if r[2] is not None and r[3] is not None
    ]


def entity_summary(store: Store, f: WebFilter) -> dict[str, Any]:
    """Totals of an actor, country or place page: events, first and last day, counts by type."""
    where_sql, params = where(store, f)
    row = store.db.fetchone(
        f"SELECT COUNT(*), MIN(substr(e.date_start, 1, 10)), MAX(substr(e.date_start, 1, 10))"
        f" {_from(where_sql)}{where_sql}", params)
    by_type = store.db.fetchall(
        f"SELECT e.type, COUNT(*) AS n {_from(where_sql)}{where_sql} GROUP BY e.type ORDER BY n DESC, e.type",
        params)
    return {"events": int(row[0]) if row else 0, "first": row[1] if row else None,
            "last": row[2] if row else None, "by_type": [[t, int(n)] for t, n in by_type]}


def actor_profile(store: Store, name: str) -> dict[str, Any] | None:
    """How an actor name appears: its countries, sectors and the words used for it."""
    found = store.db.fetchall(
        "SELECT country, sector, text, role, COUNT(*) AS n FROM event_actors WHERE name = ?"
        " GROUP BY country, sector, text, role ORDER BY n DESC LIMIT 50", (name,))
    if not found:
        return None
    return {
        "name": name,
        "countries": sorted({r[0] for r in found if r[0]}),
        "sectors": sorted({r[1] for r in found if r[1]}),
        "written_as": sorted({r[2] for r in found if r[2]})[:20],
        "roles": sorted({r[3] for r in found}),
    }


def country_roles(store: Store, code: str) -> dict[str, int]:
    """How often a country is where events happen, who acts, and who is acted on."""
    f = WebFilter()
    where_sql, params = where(store, f)
    out = {}
    for role, cond in (
        ("location", "e.location_country = ?"),
        ("actor", "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id"
                  " AND x.role = 'actor' AND x.country = ?)"),
        ("recipient", "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id"
                      " AND x.role = 'recipient' AND x.country = ?)"),
    ):
        row = store.db.fetchone(f"SELECT COUNT(*) FROM events e{where_sql} AND {cond}", [*params, code])
        out[role] = int(row[0]) if row else 0
    return out


def headlines(store: Store, article_ids: list[str]) -> dict[str, str | None]:
    if not article_ids:
        return {}
    marks = ", ".join("?" for _ in article_ids)
    return dict(store.db.fetchall(f"SELECT id, headline FROM articles WHERE id IN ({marks})", article_ids))


def event_facts(store: Store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Type, sentence and review status of some events (for the audit log's rows)."""
    if not event_ids:
        return {}
    marks = ", ".join("?" for _ in event_ids)
    return {
        r[0]: {"type": r[1], "sentence": r[2], "review": r[3]}
        for r in store.db.fetchall(
            f"SELECT event_id, type, sentence, review FROM events WHERE event_id IN ({marks})", event_ids)
    }
