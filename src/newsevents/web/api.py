"""The JSON API: thin handlers that parse the request, call the store or ``queries``, and answer.

Reads run in worker threads, each with its own store connection (``StorePool``): SQLite
connections belong to the thread that opened them. Writes go through ``security.check_write``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .. import __version__
from ..errors import InputError, NewsEventsError
from ..export import _country as country_names  # (ISO numeric, name) of an ISO3 code, cached
from ..records import DATE_PRECISIONS, MODALITIES, PLACE_PRECISIONS, PLOVER_TYPES, STANCES
from ..store import EventFilter, Store, open_store
from ..store.review import EDITABLE, ReviewError, UnknownEvent
from . import evidence, queries
from .params import (
    MAX_PER_PAGE,
    SORTS,
    ParamError,
    WebFilter,
    parse_bbox,
    parse_choice,
    parse_filter,
    parse_int,
)
from .security import SecurityConfig, WriteRefused, check_write, token_ok


class StorePool:
    """One open store per worker thread, opened on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url, create=False)
            self._local.store = store
        return store


@dataclass(frozen=True)
class ApiContext:
    pool: StorePool
    security: SecurityConfig
    db_label: str  # what the page header shows: the file name, or the database without password


def ctx(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.ctx
    return context


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _read(request: Request, work: Callable[[Store], Any]) -> Any:
    """Run ``work`` with this thread's store (handlers are sync, so Starlette runs them in the
    thread pool)."""
    return work(ctx(request).pool.get())


def _filter(request: Request) -> WebFilter:
    return parse_filter(request.query_params)


# --------------------------------------------------------------------------- reads


def meta(request: Request) -> JSONResponse:
    """What the front end needs once: vocabularies, whether this client may write, map settings."""
    c = ctx(request)
    return JSONResponse({
        "version": __version__,
        "database": c.db_label,
        "writable": token_ok(c.security, request.headers),
        "read_only": c.security.token is None,
        "tile_url": c.security.tile_url,
        "vocabularies": {"type": PLOVER_TYPES, "modality": MODALITIES, "stance": STANCES,
                         "date_precision": DATE_PRECISIONS, "place_precision": PLACE_PRECISIONS,
                         "sort": SORTS, "editable": EDITABLE},
    })


def list_events(request: Request) -> JSONResponse:
    q = request.query_params
    f = _filter(request)
    sort = parse_choice(q, "sort", SORTS, "date")
    order = parse_choice(q, "order", ("asc", "desc"), "desc")
    page = parse_int(q, "page", 1, 1, 10**6)
    per_page = parse_int(q, "per_page", 50, 1, MAX_PER_PAGE)
    result = _read(request, lambda s: queries.list_events(s, f, sort, order, page, per_page))
    return JSONResponse(result.to_dict())


def event_detail(request: Request) -> JSONResponse:
    event_id = request.path_params["event_id"]

    def work(store: Store) -> dict[str, Any] | None:
        found = queries.event_detail_rows(store, event_id)
        if found is None:
            return None
        record = found["event"]
        article = store.get_article(found["article"]["id"])
        words = evidence.field_words(record)
        marks = queries.article_event_marks(store, record["article_id"])
        found["fields"] = words
        found["body"] = evidence.segments(article.body if article else "",
                                          evidence.article_marks(marks, event_id, words))
        found["article_events"] = marks
        found["review"] = store.review_of(event_id)
        found["audit"] = [a.to_dict() for a in store.audit(event_id)]
        cluster = record.get("cluster_id")
        if cluster:
            sources = store.cluster_sources(cluster)
            heads = queries.headlines(store, [s.article_id for s in sources])
            found["cluster"] = {
                "id": cluster, "description": store.describe_cluster(cluster),
                "sources": [{"event_id": s.event_id, "article_id": s.article_id, "outlet": s.outlet,
                             "stance": s.stance, "source": s.source, "duplicate": s.duplicate,
                             "headline": heads.get(s.article_id)} for s in sources],
            }
        return found

    found = _read(request, work)
    if found is None:
        return error(404, f"no event {event_id!r}")
    return JSONResponse(found)


def article_detail(request: Request) -> JSONResponse:
    article_id = request.path_params["article_id"]

    def work(store: Store) -> dict[str, Any] | None:
        article = store.get_article(article_id)
        if article is None:
            return None
        marks = queries.article_event_marks(store, article.id)
        data = article.to_dict()
        body = data.pop("body")
        data.pop("paragraphs", None)
        data.pop("dropped", None)
        return {
            "article": data,
            "links": store.article_links(article.id),
            "body": evidence.segments(body, evidence.article_marks(marks)),
            "body_length": len(body),
            "events": queries.list_events(store, WebFilter(EventFilter(
                article_id=article.id, include_duplicates=True, include_rejected=True,
                include_historical=True)),
                "date", "asc", 1, MAX_PER_PAGE).events,
            "dropped": [{"reason": r, "detail": d, "text": t} for r, d, t in store.dropped(article.id)],
        }

    found = _read(request, work)
    if found is None:
        return error(404, f"no article {article_id!r}")
    return JSONResponse(found)


def map_cells(request: Request) -> JSONResponse:
    q = request.query_params
    f = _filter(request)
    zoom = parse_int(q, "zoom", 2, 0, 18)
    bbox = parse_bbox(q.get("bbox"))
    return JSONResponse(_read(request, lambda s: queries.map_cells(s, f, zoom, bbox)))


def timeline(request: Request) -> JSONResponse:
    f = _filter(request)
    bucket = parse_choice(request.query_params, "bucket", ("auto", "day", "month"), "auto")
    return JSONResponse(_read(request, lambda s: queries.timeline(s, f, bucket)))


def facets(request: Request) -> JSONResponse:
    f = _filter(request)
    return JSONResponse(_read(request, lambda s: queries.facets(s, f)))


def _entity(request: Request, kind: str) -> JSONResponse:
    key = request.path_params["key"]
    base = parse_filter(request.query_params)
    if kind == "actor":
        f = WebFilter(base.events, actor=key, review=base.review)
    elif kind == "country":
        f = WebFilter(base.events, involving=key.upper(), review=base.review)
    else:
        f = WebFilter(replace(base.events, place=key), review=base.review)

    def work(store: Store) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": kind, "key": key, "summary": queries.entity_summary(store, f)}
        if kind == "actor":
            out["profile"] = queries.actor_profile(store, key)
        if kind == "country":
            out["name"] = country_names(key.upper())[1] or None
            out["roles"] = queries.country_roles(store, key.upper())
        return out

    found = _read(request, work)
    if found["summary"]["events"] == 0 and (kind != "actor" or found.get("profile") is None):
        return error(404, f"no events for {kind} {key!r}")
    return JSONResponse(found)


def actor(request: Request) -> JSONResponse:
    return _entity(request, "actor")


def country(request: Request) -> JSONResponse:
    return _entity(request, "country")


def place(request: Request) -> JSONResponse:
    return _entity(request, "place")


def audit_log(request: Request) -> JSONResponse:
    q = request.query_params
    page = parse_int(q, "page", 1, 1, 10**6)
    per_page = parse_int(q, "per_page", 50, 1, MAX_PER_PAGE)
    event_id = q.get("event_id") or None

    def work(store: Store) -> dict[str, Any]:
        entries = [a.to_dict() for a in store.audit(event_id, per_page, (page - 1) * per_page)]
        facts = queries.event_facts(store, sorted({e["event_id"] for e in entries}))
        for e in entries:
            e["event"] = facts.get(e["event_id"])
        return {"page": page, "per_page": per_page, "total": store.audit_count(event_id),
                "entries": entries}

    return JSONResponse(_read(request, work))


# --------------------------------------------------------------------------- writes


async def _payload(request: Request) -> dict[str, Any]:
    c = ctx(request)
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    check_write(c.security, request.headers, own)
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReviewError(f"the body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ReviewError("the body must be a JSON object")
    return data


async def review(request: Request) -> JSONResponse:
    """Accept, correct or reject: {action, reviewer, changes?, note?}."""
    data = await _payload(request)
    event_id = request.path_params["event_id"]
    pool = ctx(request).pool

    def work() -> dict[str, Any]:
        store = pool.get()
        status = store.review_event(event_id, str(data.get("action", "")), str(data.get("reviewer", "")),
                                    data.get("changes"), data.get("note"))
        found = queries.event_detail_rows(store, event_id)
        return {"status": status, "event": found["event"] if found else None,
                "audit": [a.to_dict() for a in store.audit(event_id)]}

    return JSONResponse(await run_in_threadpool(work))


def _offset(value: object) -> int:
    """A character offset from a JSON body: a number or a numeric string, read as int() reads it."""
    if isinstance(value, str | int | float):
        return int(value)
    raise TypeError(f"not a number: {value!r}")


async def add_event(request: Request) -> JSONResponse:
    """Mark a sentence as an event the coder missed: {start, end, reviewer, fields, note?}."""
    data = await _payload(request)
    article_id = request.path_params["article_id"]
    pool = ctx(request).pool
    try:
        start, end = _offset(data.get("start")), _offset(data.get("end"))
    except (TypeError, ValueError) as exc:
        raise ReviewError("start and end: character offsets into the article body") from exc

    def work() -> dict[str, Any]:
        store = pool.get()
        event_id = store.add_event(article_id, start, end, str(data.get("reviewer", "")),
                                   data.get("fields"), data.get("note"))
        found = queries.event_detail_rows(store, event_id)
        return {"event_id": event_id, "event": found["event"] if found else None}

    return JSONResponse(await run_in_threadpool(work), status_code=201)


# --------------------------------------------------------------------------- errors


async def on_error(request: Request, exc: Exception) -> Response:
    """Library errors become JSON answers with a status that says whose fault it was."""
    if isinstance(exc, WriteRefused):
        return error(exc.status, exc.message)
    if isinstance(exc, UnknownEvent):
        return error(404, str(exc))
    if isinstance(exc, (ParamError, ReviewError, InputError)):
        return error(400, str(exc))
    if isinstance(exc, NewsEventsError):
        return error(500, str(exc))
    raise exc
