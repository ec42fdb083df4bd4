"""Records to table rows: the queryable columns beside each stored JSON record."""

from __future__ import annotations

import json
from typing import Any

from ..records import Actor, Article, Event

ARTICLE_COLUMNS = (
    "id", "seq", "doc_id", "source_uri", "headline", "byline", "agency", "publisher", "published",
    "language", "url", "canonical_url", "fetched", "body", "record_json", "run_id", "created",
    "duplicate_of", "similarity",
)

EVENT_COLUMNS = (
    "event_id", "article_id", "type", "mode", "contexts", "acled_event_type",
    "acled_sub_event_type", "actor_countries", "recipient_countries", "location_text",
    "location_name", "location_feature", "location_country", "location_admin1", "latitude",
    "longitude", "geonameid", "geo_precision", "date_start", "date_end", "date_precision",
    "date_text", "killed", "injured", "stance", "source", "source_country", "attribution_text",
    "modality", "confidence", "salience", "sentence", "ev_start", "ev_end", "trigger", "rule",
    "record_json", "run_id", "created", "cluster_id", "duplicate", "dedup_key", "place_key",
)


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT DO NOTHING"


def dumps(data: Any) -> str:
    # Plain text JSON (not JSONB) so the record reads back byte for byte in both backends.
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def article_json(article: Article) -> str:
    """The record without its body (kept once, in the ``body`` column)."""
    data = article.to_dict()
    data.pop("body")
    return dumps(data)


def article_from_row(body: str, record_json: str) -> Article:
    data = json.loads(record_json)
    data["body"] = body
    return Article.from_dict(data)


def article_row(article: Article, seq: int, run_id: str, created: str,
                duplicate_of: str | None, similarity: float | None) -> tuple[Any, ...]:
    a = article
    return (
        a.id, seq, a.doc_id, a.source_uri, a.headline, a.byline, a.agency, a.publisher,
        a.published, a.language, a.url, a.canonical_url, a.fetched, a.body, article_json(a),
        run_id, created, duplicate_of, similarity,
    )


def _countries(actors: tuple[Actor, ...]) -> str | None:
    codes = sorted({a.country for a in actors if a.country})
    return ";".join(codes) if codes else None


def event_row(event: Event, run_id: str | None, created: str, cluster_id: str, duplicate: bool,
              dedup_key: str, place_key: str | None) -> tuple[Any, ...]:
    e = event
    loc = e.location
    att = e.attribution
    source_country = att.source_actor.country if att.source_actor else None
    data = e.to_dict()
    data["cluster_id"] = cluster_id
    return (
        e.event_id, e.article_id, e.type, e.mode, ";".join(e.contexts) or None,
        e.acled.event_type if e.acled else None, e.acled.sub_event_type if e.acled else None,
        _countries(e.actor), _countries(e.recipient),
        loc.text if loc else None, loc.name if loc else None, loc.feature if loc else None,
        loc.country if loc else None, loc.admin1 if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, loc.geonameid if loc else None,
        loc.precision if loc else None,
        e.date.start, e.date.end, e.date.precision, e.date.text,
        e.fatalities.killed if e.fatalities else None,
        e.fatalities.injured if e.fatalities else None,
        att.stance, att.source, source_country, att.text,
        e.modality, e.confidence, e.salience,
        e.evidence.sentence, *_body_span(e), e.evidence.trigger, e.evidence.rule,
        dumps(data), run_id, created, cluster_id, int(duplicate), dedup_key, place_key,
    )


def _body_span(e: Event) -> tuple[int | None, int | None]:
    """The evidence offsets into the body; none for an event told in the headline or
    standfirst only (its record keeps the offsets into that part)."""
    if e.evidence.part != "body":
        return None, None
    return e.evidence.start, e.evidence.end


def actor_rows(event: Event) -> list[tuple[Any, ...]]:
    rows = []
    roles: list[tuple[str, tuple[Actor, ...]]] = [("actor", event.actor), ("recipient", event.recipient)]
    if event.attribution.source_actor is not None:
        roles.append(("source", (event.attribution.source_actor,)))
    for role, actors in roles:
        for seq, a in enumerate(actors):
            rows.append((event.event_id, role, seq, a.text, a.name, a.country, a.sector, a.kind))
    return rows


def quantity_rows(event: Event) -> list[tuple[Any, ...]]:
    return [
        (event.event_id, seq, q.count, q.count_high, q.item, q.status, q.qualifier, q.text)
        for seq, q in enumerate(event.quantities)
    ]
