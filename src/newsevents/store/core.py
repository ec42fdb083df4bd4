"""The Store: one object over SQLite or PostgreSQL that writes batches and answers queries."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, Literal

from .. import __version__, link
from ..errors import InputError, StoreError, internal_error
from ..options import Options
from ..records import Article, Event, Rejected, Result, stable_hash
from . import review, rows
from .backend import Backend
from .event_writes import insert_event
from .filters import BatchOutcome, EventFilter, where_clause
from .linking import link_article, link_event
from .schema import OldSchema, check_readable, migrate

StatsBy = Literal["day", "type", "country"]


@dataclass(frozen=True)
class EventRow:
    """An event with the facts of its article that listings and exports show."""

    event: Event
    duplicate: bool
    outlet: str | None  # agency, else publisher
    publisher: str | None
    headline: str | None
    url: str | None
    published: str | None
    stored: str  # ISO time the event was first stored
    review: str | None = None  # accepted / corrected / rejected / added; None when not reviewed


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def storable(text: str) -> str:
    """``text`` with NUL characters and unpaired surrogates written as escapes (``\\x00``,
    ``\\ud800``): what a message or an id shows when the text itself cannot be stored."""
    if "\x00" in text:
        text = text.replace("\x00", "\\x00")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _unstorable(result: Result) -> str | None:
    """Why a record cannot be stored as text in every backend (NUL bytes, lone surrogates)."""
    for text in _strings(result.to_dict()):
        if "\x00" in text:
            return "nul_character"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "unencodable_text"
    return None


def storable_result(result: Result) -> Result:
    """``result``, or the ``store`` rejection of its article when the store cannot write it (text
    it cannot hold, events naming another article). Partition writers check with it too."""
    if result.rejected is not None or result.stored is not None:
        return result
    article = result.article
    if article is None:
        raise StoreError("a Result holds neither an article nor a rejection")
    reason, message = None, ""
    stray = [e.event_id for e in result.events if e.article_id != article.id]
    if stray:
        reason, message = "event_article_mismatch", f"events {stray[:3]} name another article"
    elif (bad := _unstorable(result)) is not None:
        reason, message = bad, "text cannot be stored (NUL byte or unpaired surrogate)"
    if reason is None:
        return result
    return Result(rejected=Rejected(article.doc_id, article.source_uri, "store", reason, message))


_EVENT_SELECT = (
    "SELECT e.record_json, e.cluster_id, e.duplicate, a.agency, a.publisher, a.headline, a.url,"
    " a.published, e.created, e.review FROM events e JOIN articles a ON a.id = e.article_id"
)
# Non-null dates first in both backends (SQLite sorts NULL first, PostgreSQL last).
_EVENT_ORDER = " ORDER BY (e.date_start IS NULL), e.date_start, a.seq, e.ev_start, e.event_id"


class Store:
    """Use as a context manager; ``open_store`` builds it and brings the schema up to date."""

    def __init__(self, db: Backend) -> None:
        self.db = db

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def dialect(self) -> str:
        return self.db.dialect

    # ------------------------------------------------------------------ runs

    def start_run(self, opts: Options, inputs: list[str]) -> str:
        started = _now()
        run_id = f"run-{started[:19].replace(':', '').replace('-', '')}-{secrets.token_hex(3)}"
        options = {f: getattr(opts, f) for f in opts.__dataclass_fields__}
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO runs (run_id, started, pipeline_version, spacy_model, config_hash,"
                " options_json, inputs_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (run_id, started, __version__, opts.spacy_model, opts.config_hash,
                 rows.dumps(options), rows.dumps(list(inputs))),
            )
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        with self.db.transaction():
            if self.db.fetchone("SELECT 1 FROM runs WHERE run_id = ?", (run_id,)) is None:
                raise StoreError(f"no run {run_id} in this database")
            self.db.execute(
                "UPDATE runs SET finished = ?, summary_json = ? WHERE run_id = ?",
                (_now(), rows.dumps(summary), run_id),
            )

    def record_run(self, run: dict[str, Any]) -> bool:
        """Record a run made elsewhere (``partitions``: a run written to Parquet, imported
        here) under its own id, as ``runs()`` lists runs; False when it is recorded already."""
        if self.db.fetchone("SELECT 1 FROM runs WHERE run_id = ?", (run["run_id"],)) is not None:
            return False
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO runs (run_id, started, finished, pipeline_version, spacy_model, config_hash,"
                " options_json, inputs_json, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (run["run_id"], run["started"], run.get("finished"), run.get("pipeline_version"),
                 run.get("spacy_model"), run.get("config_hash"),
                 *(None if run.get(k) is None else rows.dumps(run[k]) for k in ("options", "inputs", "summary"))),
            )
        return True

    def runs(self) -> list[dict[str, Any]]:
        found = self.db.fetchall(
            "SELECT run_id, started, finished, pipeline_version, spacy_model, config_hash,"
            " options_json, inputs_json, summary_json FROM runs ORDER BY started, run_id"
        )
        keys = ("run_id", "started", "finished", "pipeline_version", "spacy_model", "config_hash")
        out = []
        for r in found:
            item = dict(zip(keys, r[:6]))
            item["options"] = json.loads(r[6]) if r[6] else None
            item["inputs"] = json.loads(r[7]) if r[7] else None
            item["summary"] = json.loads(r[8]) if r[8] else None
            out.append(item)
        return out

    # ------------------------------------------------------------------ writing

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One transaction around several writes (a batch and the publisher memory it adds):
        the writes inside join it, and a crash leaves all of them or none."""
        return self.db.transaction()

    def write_batch(self, results: Sequence[Result], run_id: str) -> BatchOutcome:
        """Store a batch in ONE transaction: a crash leaves all of it or none. Articles already
        stored (same id) add nothing, so re-running the same input changes nothing. An article
        the store cannot write (text it cannot hold, or an error while writing it) becomes a
        ``store`` rejection, listed in ``BatchOutcome.rejections``, and the batch goes on."""
        outcome = BatchOutcome()
        created = _now()
        with self.db.transaction():
            ids = [r.article.id for r in results if r.article is not None]
            known = self.existing_articles(ids)
            row = self.db.fetchone("SELECT COALESCE(MAX(seq), 0) FROM articles")
            seq = int(row[0]) if row else 0
            for result in results:
                if result.stored is not None:
                    self._write_input(result.stored.article_id, result.stored.source_uri, result.stored.doc_id,
                                      result.stored.content_hash, run_id)
                    outcome.duplicate_articles += 1
                    continue
                checked = storable_result(result)
                if checked.rejected is not None:
                    self._reject(checked.rejected, run_id, created, outcome, by_store=checked is not result)
                    continue
                article = checked.article
                assert article is not None  # storable_result: an article or a rejection
                if article.id in known:
                    # An exact copy (same normalised body) from another input.
                    self._write_input(article.id, article.source_uri, article.doc_id, article.input_hash, run_id)
                    outcome.duplicate_articles += 1
                    continue
                written = BatchOutcome()  # counted only once the whole article is in
                try:
                    with self.db.savepoint():
                        dup_of = self._write_article(article, checked.events, seq + 1, run_id, created, written)
                except StoreError:
                    raise  # the database itself failed (locked, full, read-only): every article would
                except Exception as exc:
                    failed = internal_error("store", exc, f"{article.source_uri} (document {article.doc_id})")
                    self._reject(Rejected(article.doc_id, article.source_uri, failed.stage, failed.reason,
                                          failed.message), run_id, created, outcome, by_store=True)
                    continue
                seq += 1
                known.add(article.id)
                outcome.new_articles += 1
                outcome.new_events += written.new_events
                outcome.near_duplicates += dup_of is not None
        return outcome

    def _write_input(self, article_id: str, source_uri: str, doc_id: str, content_hash: str | None,
                     run_id: str) -> None:
        """Remember an input that gave the article, with the hash of its content so a re-run
        skips it (an input stored before schema version 4 gets its hash now)."""
        self.db.execute(
            "INSERT INTO article_docs (article_id, source_uri, doc_id, run_id, content_hash)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, source_uri, doc_id) DO UPDATE"
            " SET content_hash = COALESCE(article_docs.content_hash, excluded.content_hash)",
            (article_id, storable(source_uri), storable(doc_id), run_id, content_hash),
        )

    def stored_inputs(self, hashes: Sequence[str]) -> dict[str, str]:
        """For each of these content hashes (``RawDocument.content_hash``) an input already
        gave, the id of the article it gave: the pipeline skips such inputs."""
        found: dict[str, str] = {}
        unique = sorted(set(hashes))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(self.db.fetchall(
                f"SELECT content_hash, article_id FROM article_docs WHERE content_hash IN ({marks})", chunk))
        return found

    def _reject(self, r: Rejected, run_id: str, created: str, outcome: BatchOutcome, *,
                by_store: bool) -> None:
        self._write_rejected(r, run_id, created)
        outcome.rejected += 1
        if by_store:
            outcome.rejections.append(r)

    def existing_articles(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored."""
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in self.db.fetchall(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def _write_rejected(self, r: Rejected, run_id: str, created: str) -> None:
        # The row names the document as it came, and that can hold what the store refuses (a
        # JSONL id with a NUL, a file name with undecodable bytes): such characters are escaped.
        self.db.execute(
            "INSERT INTO rejected (source_uri, doc_id, stage, reason, message, run_id, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (storable(r.source_uri), storable(r.doc_id), r.stage, r.reason, storable(r.message), run_id,
             created),
        )

    def _write_article(self, article: Article, events: Iterable[Event], seq: int, run_id: str,
                       created: str, outcome: BatchOutcome) -> str | None:
        db = self.db
        # The article row goes first: links and events refer to it.
        db.execute(rows.insert_sql("articles", rows.ARTICLE_COLUMNS),
                   rows.article_row(article, seq, run_id, created, None, None))
        dup_of, score = link_article(db, article.id, article.body)
        if dup_of is not None:
            db.execute("UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?",
                       (dup_of, score, article.id))
        self._write_input(article.id, article.source_uri, article.doc_id, article.input_hash, run_id)
        db.executemany(
            "INSERT INTO dropped_parts (article_id, seq, reason, detail, text) VALUES (?, ?, ?, ?, ?)",
            [(article.id, i, d.reason, d.detail, d.text) for i, d in enumerate(article.dropped)],
        )
        db.fts_index_article(article.id, article.headline, article.body)
        seen: set[str] = set()
        for event in sorted(events, key=lambda e: (e.evidence.start, e.event_id)):
            if event.event_id in seen:
                continue  # the coder emitted the same event twice; keep one
            seen.add(event.event_id)
            insert_event(db, event, run_id, created, link_event(db, event, dup_of))
            outcome.new_events += 1
        return dup_of

    # ------------------------------------------------------------------ boilerplate memory

    def record_paragraphs(self, publisher: str, hashes: Iterable[str], article_id: str | None = None) -> None:
        """Remember that one article of ``publisher`` held these paragraphs. The article is named
        by ``article_id`` or, when not given, by its set of paragraph hashes, so recording the same
        article again counts it once."""
        unique = sorted(set(hashes))
        if not unique:
            return
        key = article_id or stable_hash(unique)
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO boilerplate_memory (publisher, paragraph_hash, article_key)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(publisher, h, key) for h in unique],
            )

    def boilerplate_seen(self, publisher: str, paragraph_hash: str) -> int:
        row = self.db.fetchone(
            "SELECT COUNT(*) FROM boilerplate_memory WHERE publisher = ? AND paragraph_hash = ?",
            (publisher, paragraph_hash),
        )
        return int(row[0]) if row else 0

    def relink(self) -> None:
        """Recompute every near-duplicate link and cluster from the stored records, in insertion
        order (after the linking thresholds change). One transaction."""
        from .linking import relink_all

        with self.db.transaction():
            relink_all(self.db)

    def boilerplate_memory(self) -> StoreBoilerplateMemory:
        """This store as the publisher memory the extract stage asks (``seen_count``)."""
        return StoreBoilerplateMemory(self)

    # ------------------------------------------------------------------ reading

    def query_rows(self, f: EventFilter = EventFilter()) -> Iterator[EventRow]:
        """Matching events with their article facts, streamed (memory does not grow with the
        database)."""
        where, params = where_clause(f, self.db)
        sql = _EVENT_SELECT + where + _EVENT_ORDER
        if f.limit is not None:
            sql += " LIMIT ?"
            params.append(int(f.limit))
        for (record_json, cluster_id, duplicate, agency, publisher, headline, url, published, created,
             reviewed) in self.db.stream(sql, params):
            event = replace(Event.from_dict(json.loads(record_json)), cluster_id=cluster_id)
            yield EventRow(event, bool(duplicate), agency or publisher, publisher, headline, url,
                           published, created, reviewed)

    def query_events(self, f: EventFilter = EventFilter()) -> Iterator[Event]:
        for row in self.query_rows(f):
            yield row.event

    def get_article(self, id_or_prefix: str) -> Article | None:
        """The article with this id, or the only one whose id starts with it."""
        row = self.db.fetchone("SELECT body, record_json FROM articles WHERE id = ?", (id_or_prefix,))
        if row is None:
            if not id_or_prefix or not all(c in "0123456789abcdef" for c in id_or_prefix):
                return None
            found = self.db.fetchall(
                "SELECT body, record_json, id FROM articles WHERE substr(id, 1, ?) = ? LIMIT 3",
                (len(id_or_prefix), id_or_prefix),
            )
            if len(found) > 1:
                raise InputError(
                    f"article id prefix {id_or_prefix!r} is ambiguous: "
                    f"{', '.join(r[2] for r in found)}{', ...' if len(found) > 2 else ''}"
                )
            if not found:
                return None
            row = found[0][:2]
        return rows.article_from_row(row[0], row[1])

    def article_links(self, article_id: str) -> dict[str, Any]:
        """Which stored article this one copies, and which copy it."""
        row = self.db.fetchone("SELECT duplicate_of, similarity FROM articles WHERE id = ?", (article_id,))
        copies = self.db.fetchall(
            "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY seq", (article_id,)
        )
        docs = self.db.fetchall(
            "SELECT source_uri, doc_id FROM article_docs WHERE article_id = ? ORDER BY source_uri, doc_id",
            (article_id,),
        )
        return {
            "duplicate_of": row[0] if row else None,
            "similarity": row[1] if row else None,
            "copies": [c[0] for c in copies],
            "inputs": [f"{d[0]}#{d[1]}" for d in docs],
        }

    def article_events(self, article_id: str) -> list[Event]:
        return list(self.query_events(EventFilter(article_id=article_id, include_duplicates=True,
                                                  include_historical=True)))

    def cluster_sources(self, cluster_id: str) -> list[link.ClusterSource]:
        found = self.db.fetchall(
            "SELECT e.event_id, e.article_id, COALESCE(a.agency, a.publisher), e.stance, e.source,"
            " e.duplicate FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.cluster_id = ? ORDER BY a.seq, e.ev_start, e.event_id",
            (cluster_id,),
        )
        return [link.ClusterSource(r[0], r[1], r[2], r[3] or "reported", r[4], bool(r[5])) for r in found]

    def describe_cluster(self, cluster_id: str) -> str:
        return link.describe_sources(self.cluster_sources(cluster_id))

    def dropped(self, article_id: str) -> list[tuple[str, str, str]]:
        """(reason, detail, text) of the parts left out of the article body."""
        return [
            (r[0], r[1] or "", r[2])
            for r in self.db.fetchall(
                "SELECT reason, detail, text FROM dropped_parts WHERE article_id = ? ORDER BY seq",
                (article_id,),
            )
        ]

    def rejected(self) -> list[Rejected]:
        return [
            Rejected(r[0], r[1], r[2], r[3], r[4] or "")
            for r in self.db.fetchall(
                "SELECT doc_id, source_uri, stage, reason, message FROM rejected"
                " ORDER BY created, source_uri, doc_id, stage, reason"
            )
        ]

    def stats(self, by: StatsBy = "type", f: EventFilter = EventFilter()) -> list[tuple[str | None, int]]:
        """Event counts grouped by day (of the start date), PLOVER type or location country;
        duplicates of syndicated copies are not counted."""
        key = {
            "day": "substr(e.date_start, 1, 10)",
            "type": "e.type",
            "country": "e.location_country",
        }.get(by)
        if key is None:
            raise InputError(f"stats by {by!r}: choose day, type or country")
        where, params = where_clause(f, self.db)
        order = f"({key} IS NULL), {key}" if by == "day" else f"COUNT(*) DESC, ({key} IS NULL), {key}"
        sql = (
            f"SELECT {key}, COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id"
            f"{where} GROUP BY {key} ORDER BY {order}"
        )
        return [(r[0], int(r[1])) for r in self.db.fetchall(sql, params)]

    def counts(self) -> dict[str, int]:
        """Rows per main table (for summaries and tests)."""
        out = {}
        for table in ("articles", "events", "event_actors", "event_quantities", "dropped_parts",
                      "rejected", "runs", "article_docs"):
            row = self.db.fetchone(f"SELECT COUNT(*) FROM {table}")
            out[table] = int(row[0]) if row else 0
        return out

    def schema_version(self) -> int:
        from .schema import current_version

        return current_version(self.db)

    # ------------------------------------------------------------------ review (store/review.py)

    def review_event(self, event_id: str, action: str, who: str, changes: Any = None,
                     note: str | None = None) -> str:
        """Accept, correct (``changes``: editable fields in the record shape) or reject an event;
        every change is written to ``review_audit``. Returns the new status."""
        return review.review_event(self.db, event_id, action, who, changes, note)

    def add_event(self, article_id: str, start: int, end: int, who: str, fields: Any,
                  note: str | None = None) -> str:
        """Add an event the coder missed in the sentence around body[start:end]."""
        return review.add_event(self.db, article_id, start, end, who, fields, note)

    def audit(self, event_id: str | None = None, limit: int = 100, offset: int = 0) -> list[review.AuditEntry]:
        return review.audit(self.db, event_id, limit, offset)

    def audit_count(self, event_id: str | None = None) -> int:
        return review.audit_count(self.db, event_id)

    def review_of(self, event_id: str) -> dict[str, Any] | None:
        return review.review_of(self.db, event_id)

    def reviewed_sentences(self, f: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
        """Reviewed sentences as labelled examples in the training corpus's format."""
        return review.reviewed_sentences(self.db, f)


class StoreBoilerplateMemory:
    """Adapter to ``extract.memory.BoilerplateMemory``: paragraphs are hashed as extract hashes
    them, and each article is counted once per publisher."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def seen_count(self, publisher: str, paragraph_hash: str) -> int:
        return self.store.boilerplate_seen(publisher, paragraph_hash)

    def record(self, publisher: str, article_id: str, paragraphs: Iterable[str]) -> None:
        from ..extract.memory import paragraph_hash  # the extract stage owns the hash definition

        self.store.record_paragraphs(publisher, [paragraph_hash(p) for p in paragraphs], article_id)


def open_store(url: str, *, create: bool = True, read_only: bool = False) -> Store:
    """Open (and create or migrate) the store at ``url``: a file path or ``sqlite:///path`` for
    SQLite, ``postgresql://...`` for PostgreSQL. With ``create=False`` a missing SQLite file is a
    ``StoreError`` instead of a new empty database. With ``read_only=True`` nothing is written,
    not even a migration: a database on read-only media can be read, and a file that is not a
    newsevents database (empty, another program's) is an error and stays as it was. A writable
    database too old to read is still upgraded first."""
    db = _backend(url, create=create and not read_only, read_only=read_only)
    try:
        if read_only:
            try:
                check_readable(db, url)
            except OldSchema:
                db.close()
                db = _backend(url, create=False, read_only=False)
                migrate(db)
        else:
            migrate(db)
    except BaseException:
        db.close()
        raise
    return Store(db)


def _backend(url: str, *, create: bool, read_only: bool) -> Backend:
    from .backend import PostgresBackend, SqliteBackend

    if url.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url, read_only=read_only)
    if url.startswith("sqlite:///"):
        return SqliteBackend(url[len("sqlite:///"):] or ":memory:", create=create, read_only=read_only)
    if "://" in url:
        raise StoreError(f"unknown database URL scheme in {url!r}: use a file path, sqlite:/// or postgresql://")
    return SqliteBackend(url, create=create, read_only=read_only)
