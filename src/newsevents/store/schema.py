"""The schema as small registered migrations; ``schema_version`` records which ones ran.

Each migration is a function over a ``Backend`` run in its own transaction. A database made by
any earlier version is brought up to date on open; a database from a newer version is refused.
docs/store.md describes every table and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..errors import StoreError
from .backend import Backend

Migration = Callable[[Backend], None]


def _ddl(db: Backend, script: str) -> None:
    for statement in script.split(";"):
        statement = statement.strip()
        if not statement:
            continue
        if db.dialect == "postgresql":
            statement = statement.replace(" REAL", " DOUBLE PRECISION")
        db.execute(statement)


_V1_TABLES = """
CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    pipeline_version TEXT,
    spacy_model TEXT,
    config_hash TEXT,
    options_json TEXT,
    inputs_json TEXT,
    summary_json TEXT
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    source_uri TEXT NOT NULL,
    headline TEXT,
    byline TEXT,
    agency TEXT,
    publisher TEXT,
    published TEXT,
    language TEXT,
    url TEXT,
    canonical_url TEXT,
    fetched TEXT,
    body TEXT NOT NULL,
    record_json TEXT NOT NULL,
    run_id TEXT,
    created TEXT NOT NULL
);
CREATE TABLE article_docs (
    article_id TEXT NOT NULL REFERENCES articles(id),
    source_uri TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    run_id TEXT,
    PRIMARY KEY (article_id, source_uri, doc_id)
);
CREATE TABLE dropped_parts (
    article_id TEXT NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    type TEXT NOT NULL,
    mode TEXT,
    contexts TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    actor_countries TEXT,
    recipient_countries TEXT,
    location_text TEXT,
    location_name TEXT,
    location_feature TEXT,
    location_country TEXT,
    location_admin1 TEXT,
    latitude REAL,
    longitude REAL,
    geonameid INTEGER,
    geo_precision TEXT,
    date_start TEXT,
    date_end TEXT,
    date_precision TEXT,
    date_text TEXT,
    killed INTEGER,
    injured INTEGER,
    stance TEXT,
    source TEXT,
    source_country TEXT,
    attribution_text TEXT,
    modality TEXT,
    confidence REAL,
    salience REAL,
    sentence TEXT,
    ev_start INTEGER,
    ev_end INTEGER,
    trigger TEXT,
    rule TEXT,
    record_json TEXT NOT NULL,
    run_id TEXT,
    created TEXT NOT NULL
);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(event_id),
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient', 'source')),
    seq INTEGER NOT NULL,
    text TEXT,
    name TEXT,
    country TEXT,
    sector TEXT,
    kind TEXT,
    PRIMARY KEY (event_id, role, seq)
);
CREATE TABLE event_quantities (
    event_id TEXT NOT NULL REFERENCES events(event_id),
    seq INTEGER NOT NULL,
    count INTEGER NOT NULL,
    count_high INTEGER,
    item TEXT,
    status TEXT,
    qualifier TEXT,
    text TEXT,
    PRIMARY KEY (event_id, seq)
);
CREATE TABLE rejected (
    source_uri TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT,
    run_id TEXT,
    created TEXT NOT NULL,
    PRIMARY KEY (source_uri, doc_id, stage, reason)
);
CREATE TABLE boilerplate_memory (
    publisher TEXT NOT NULL,
    paragraph_hash TEXT NOT NULL,
    article_key TEXT NOT NULL,
    PRIMARY KEY (publisher, paragraph_hash, article_key)
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_country ON events (location_country);
CREATE INDEX event_actors_country ON event_actors (country, role);
CREATE INDEX articles_publisher ON articles (publisher)
"""

_V1_FTS_SQLITE = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (article_id UNINDEXED, headline, body);
CREATE VIRTUAL TABLE events_fts USING fts5 (event_id UNINDEXED, sentence)
"""

_V1_FTS_POSTGRES = """
ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS
    (to_tsvector('english', coalesce(headline, '') || ' ' || body)) STORED;
ALTER TABLE events ADD COLUMN fts tsvector GENERATED ALWAYS AS
    (to_tsvector('english', coalesce(sentence, ''))) STORED;
CREATE INDEX articles_fts ON articles USING gin (fts);
CREATE INDEX events_fts ON events USING gin (fts)
"""


def _v1_base(db: Backend) -> None:
    _ddl(db, _V1_TABLES)
    _ddl(db, _V1_FTS_SQLITE if db.dialect == "sqlite" else _V1_FTS_POSTGRES)


_V2_LINKING = """
ALTER TABLE articles ADD COLUMN duplicate_of TEXT;
ALTER TABLE articles ADD COLUMN similarity REAL;
ALTER TABLE events ADD COLUMN cluster_id TEXT;
ALTER TABLE events ADD COLUMN duplicate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN dedup_key TEXT;
ALTER TABLE events ADD COLUMN place_key TEXT;
CREATE TABLE article_minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    shingles INTEGER NOT NULL,
    signature TEXT NOT NULL
);
CREATE TABLE article_bands (
    bucket TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (bucket, article_id)
);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_happening ON events (type, place_key, date_start);
CREATE INDEX events_dedup ON events (article_id, dedup_key);
CREATE VIEW events_flat AS
SELECT
    e.event_id,
    e.date_start AS event_date,
    substr(e.date_start, 1, 4) AS year,
    e.date_precision,
    e.type AS plover_type,
    e.mode AS plover_mode,
    e.acled_event_type AS event_type,
    e.acled_sub_event_type AS sub_event_type,
    (SELECT COALESCE(x.name, x.text) FROM event_actors x
        WHERE x.event_id = e.event_id AND x.role = 'actor' AND x.seq = 0) AS actor1,
    e.actor_countries AS actor1_countries,
    (SELECT COALESCE(x.name, x.text) FROM event_actors x
        WHERE x.event_id = e.event_id AND x.role = 'recipient' AND x.seq = 0) AS actor2,
    e.recipient_countries AS actor2_countries,
    e.location_country AS iso3,
    e.location_admin1 AS admin1,
    COALESCE(e.location_name, e.location_text) AS location,
    e.latitude,
    e.longitude,
    e.geo_precision,
    e.killed AS fatalities,
    e.injured,
    e.stance,
    e.source AS claimed_by,
    e.modality,
    e.confidence,
    e.trigger,
    e.sentence AS notes,
    COALESCE(a.agency, a.publisher) AS outlet,
    a.headline,
    a.url,
    a.published,
    e.cluster_id,
    e.duplicate,
    e.article_id
FROM events e JOIN articles a ON a.id = e.article_id;
CREATE VIEW clusters AS
SELECT
    cluster_id,
    MIN(type) AS plover_type,
    MIN(date_start) AS first_date,
    MAX(date_start) AS last_date,
    MIN(COALESCE(location_name, location_text)) AS location,
    COUNT(*) AS events,
    COUNT(DISTINCT article_id) AS articles,
    SUM(CASE WHEN duplicate = 0 THEN 1 ELSE 0 END) AS counted_events
FROM events
GROUP BY cluster_id
"""


def _v2_linking(db: Backend) -> None:
    from .linking import relink_all  # linking needs the v2 columns; imported when they exist

    _ddl(db, _V2_LINKING)
    relink_all(db)


# Review (issue 14, the web app): the reviewed value replaces the coded one in ``events`` (so
# every filter, map and export sees it); ``event_reviews`` keeps the machine's original record and
# ``review_audit`` every change, one row per field. The indexes serve the web app: events_geo and
# events_timeline cover the map and timeline grouping and the list's count (no table read), the
# others the list's sorts and filters (benchmarks/web_bench.py; docs/web.md has the figures).
_V3_REVIEW = """
ALTER TABLE events ADD COLUMN review TEXT;
CREATE TABLE event_reviews (
    event_id TEXT PRIMARY KEY REFERENCES events(event_id),
    status TEXT NOT NULL CHECK (status IN ('accepted', 'corrected', 'rejected', 'added')),
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    original_json TEXT
);
CREATE TABLE review_audit (
    audit_id {serial} PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(event_id),
    action TEXT NOT NULL CHECK (action IN ('accept', 'correct', 'reject', 'add')),
    field TEXT,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    note TEXT
);
CREATE INDEX review_audit_event ON review_audit (event_id, audit_id);
CREATE INDEX events_review ON events (review);
CREATE INDEX events_place ON events (location_name);
CREATE INDEX events_confidence ON events (confidence);
CREATE INDEX events_geo ON events (duplicate, latitude, longitude, type, review, event_id);
CREATE INDEX events_timeline ON events (duplicate, date_start, type, review, event_id);
CREATE INDEX event_actors_name ON event_actors (name, role)
"""


def _events_flat_with_review() -> str:
    """The v2 ``events_flat`` view with the review status as its last column (derived from the v2
    text so the two cannot drift apart)."""
    start = _V2_LINKING.index("CREATE VIEW events_flat AS")
    end = _V2_LINKING.index(";", _V2_LINKING.index("FROM events e JOIN articles a", start))
    view = _V2_LINKING[start:end]
    tail = "    e.article_id\nFROM events e"
    if tail not in view:
        raise StoreError("events_flat view text changed: update _events_flat_with_review")
    return view.replace(tail, "    e.article_id,\n    e.review\nFROM events e")


def _v3_review(db: Backend) -> None:
    serial = "INTEGER" if db.dialect == "sqlite" else "BIGINT GENERATED BY DEFAULT AS IDENTITY"
    _ddl(db, _V3_REVIEW.replace("{serial}", serial))
    db.execute("DROP VIEW events_flat")
    db.execute(_events_flat_with_review())


_V4_INPUT_HASHES = """
ALTER TABLE article_docs ADD COLUMN content_hash TEXT;
CREATE INDEX article_docs_content ON article_docs (content_hash)
"""


def _v4_input_hashes(db: Backend) -> None:
    # Inputs stored before have no hash: their next run processes them once more (the article
    # is known by its id, so nothing is added) and records it.
    _ddl(db, _V4_INPUT_HASHES)


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "base tables and full-text search", _v1_base),
    (2, "near-duplicate and same-happening links; events_flat and clusters views", _v2_linking),
    (3, "review: reviewed values, event_reviews, review_audit; web app indexes", _v3_review),
    (4, "content hash of each input, so re-runs skip stored inputs", _v4_input_hashes),
]
LATEST = MIGRATIONS[-1][0]


def current_version(db: Backend) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = db.fetchone("SELECT MAX(version) FROM schema_version")
    return int(row[0]) if row and row[0] is not None else 0


# Reading needs the tables and columns of this version (v3 only adds what writers use).
READABLE = 2


def check_readable(db: Backend, name: str) -> int:
    """The schema version of a database opened read-only, when this code can read it; else
    StoreError (``name`` says which database)."""
    if not db.table_exists("schema_version"):
        raise StoreError(f"{name} is not a newsevents database (it has no schema_version table)")
    version = current_version(db)
    if version > LATEST:
        raise StoreError(
            f"database schema version {version} is newer than this newsevents ({LATEST}); "
            "upgrade newsevents"
        )
    if version < READABLE:
        raise OldSchema(f"{name} has schema version {version}; reading needs version {READABLE}: open it "
                        "once for writing (any `newsevents process --db` run) to upgrade it")
    return version


class OldSchema(StoreError):
    """A database too old to read as it is; opening it for writing migrates it."""


def migrate(db: Backend, target: int = LATEST) -> int:
    """Apply every registered migration above the database's version, up to ``target``; each in
    its own transaction, so an interrupted upgrade resumes where it stopped."""
    with db.transaction():
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
        )
    version = current_version(db)
    if version > LATEST:
        raise StoreError(
            f"database schema version {version} is newer than this newsevents ({LATEST}); "
            "upgrade newsevents"
        )
    for number, name, apply in MIGRATIONS:
        if version < number <= target:
            with db.transaction():
                # Re-check inside the write lock: another process may have migrated meanwhile.
                if current_version(db) >= number:
                    continue
                apply(db)
                db.execute(
                    "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
                    (number, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )
    return current_version(db)
