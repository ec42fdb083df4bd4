"""Incremental linking inside the write transaction: the store's side of ``newsevents.link``.

A new article is compared with stored articles that share an LSH bucket; a new event with
stored events of the same type and place in its date window. Decisions depend only on what was
stored before, in insertion order, so re-running or rebuilding gives the same links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import link
from ..records import Event
from .backend import Backend


@dataclass(frozen=True)
class EventLink:
    cluster_id: str
    duplicate: bool
    dedup_key: str
    place_key: str | None


def link_article(db: Backend, article_id: str, body: str) -> tuple[str | None, float | None]:
    """Store the article's signature and buckets; return (root article it copies, containment)."""
    sig = link.signature(body)
    keys = link.band_keys(sig)
    best: tuple[float, int, str] | None = None
    if sig.shingles >= link.MIN_SHINGLES:
        marks = ", ".join("?" for _ in keys)
        rows = db.fetchall(
            "SELECT m.article_id, m.shingles, m.signature, a.seq FROM article_minhash m"
            " JOIN articles a ON a.id = m.article_id"
            f" WHERE m.article_id IN (SELECT article_id FROM article_bands WHERE bucket IN ({marks}))"
            " AND m.article_id <> ? AND a.duplicate_of IS NULL",
            (*keys, article_id),
        )
        for other_id, shingles, text, seq in rows:
            other = link.Signature.from_text(text, int(shingles))
            if link.is_near_duplicate(sig, other):
                score = link.containment(sig, other)
                # Highest containment wins; ties go to the earliest stored article.
                if best is None or (score, -seq) > (best[0], -best[1]):
                    best = (score, int(seq), str(other_id))
    db.execute(
        "INSERT INTO article_minhash (article_id, shingles, signature) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (article_id, sig.shingles, sig.to_text()),
    )
    if best is None:
        # Only originals are searched, so only originals are put in the LSH buckets: a story
        # syndicated a thousand times keeps its buckets small.
        db.executemany(
            "INSERT INTO article_bands (bucket, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, article_id) for k in keys],
        )
        return None, None
    score, _seq, other_id = best
    row = db.fetchone("SELECT duplicate_of FROM articles WHERE id = ?", (other_id,))
    root = row[0] if row and row[0] else other_id
    return root, round(score, 4)


def link_event(db: Backend, event: Event, duplicate_of: str | None) -> EventLink:
    """Decide an event's cluster and whether it repeats an event of the article it copies."""
    dkey = link.dedup_key(event)
    pkey = link.place_key(event.location)
    if duplicate_of is not None:
        row = db.fetchone(
            "SELECT cluster_id FROM events WHERE article_id = ? AND dedup_key = ?"
            " AND cluster_id IS NOT NULL ORDER BY ev_start, event_id",
            (duplicate_of, dkey),
        )
        if row is None and pkey is not None and event.date.start is not None:
            # The copy may have reworded the sentence; the same type, place and date in the
            # story it copies is still the same report.
            row = db.fetchone(
                "SELECT cluster_id FROM events WHERE article_id = ? AND type = ? AND place_key = ?"
                " AND date_start = ? AND cluster_id IS NOT NULL ORDER BY ev_start, event_id",
                (duplicate_of, event.type, pkey, event.date.start),
            )
        if row is not None:
            return EventLink(str(row[0]), True, dkey, pkey)
    window = link.date_window(event)
    if pkey is not None and window is not None:
        mine_a = link.countries(event.actor)
        mine_r = link.countries(event.recipient)
        rows = db.fetchall(
            "SELECT e.cluster_id, e.actor_countries, e.recipient_countries FROM events e"
            " JOIN articles a ON a.id = e.article_id"
            " WHERE e.type = ? AND e.place_key = ? AND e.date_start >= ? AND e.date_start <= ?"
            " AND e.cluster_id IS NOT NULL AND e.duplicate = 0"
            " ORDER BY a.seq, e.ev_start, e.event_id",
            (event.type, pkey, window[0], window[1] + "\uffff"),
        )
        for cluster_id, actors, recips in rows:
            if link.actors_compatible(mine_a, mine_r, _split(actors), _split(recips)):
                return EventLink(str(cluster_id), False, dkey, pkey)
    return EventLink(event.cluster_id or link.new_cluster_id(event.event_id), False, dkey, pkey)


def _split(text: str | None) -> frozenset[str]:
    return frozenset(t for t in (text or "").split(";") if t)


def relink_all(db: Backend) -> None:
    """Recompute every link from the stored records, in insertion order (used when the linking
    tables are first created on a database that already holds articles)."""
    db.execute("UPDATE events SET cluster_id = NULL, duplicate = 0, dedup_key = NULL, place_key = NULL")
    db.execute("UPDATE articles SET duplicate_of = NULL, similarity = NULL")
    db.execute("DELETE FROM article_bands")
    db.execute("DELETE FROM article_minhash")
    articles = db.fetchall("SELECT id, body FROM articles ORDER BY seq")
    for article_id, body in articles:
        root, score = link_article(db, article_id, body)
        if root is not None:
            db.execute(
                "UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?",
                (root, score, article_id),
            )
        events = db.fetchall(
            "SELECT record_json FROM events WHERE article_id = ? ORDER BY ev_start, event_id",
            (article_id,),
        )
        for (record_json,) in events:
            event = Event.from_dict(json.loads(record_json))
            found = link_event(db, event, root)
            db.execute(
                "UPDATE events SET cluster_id = ?, duplicate = ?, dedup_key = ?, place_key = ?"
                " WHERE event_id = ?",
                (found.cluster_id, int(found.duplicate), found.dedup_key, found.place_key, event.event_id),
            )
