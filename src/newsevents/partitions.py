"""Runs written to Parquet partitions instead of a store, and loaded into one later
(``newsevents process --parquet-dir DIR``, ``newsevents import DIR``; docs/scale.md).

A partition folder holds ``run.json`` (the run: id, options, inputs, and its summary once it
finished) and one partition per stored batch, ``part-NNNNNN.parquet`` in each of four folders:

- ``articles/``: one row per article (flat columns to query, and ``record_json``, the record);
- ``events/``: one row per event of those articles;
- ``rejected/``: one row per rejected document;
- ``stored/``: one row per input the run had already written (the same content read again).

Every row carries ``position``, its document's place in the batch, so the import hands the
writer the batch exactly as the run had it. ``import_partitions`` loads the partitions in order
through the single store writer (``runner._write``: the batch and the publisher memory it adds
in one transaction), so the store ends up as a direct run into an empty database would have left
it: the same articles, event ids, inputs, rejections and memory. Importing again adds nothing. A
partition that cannot be read (a file missing, not Parquet, a record that is not one) is stored
as a rejection (stage ``import``, its reason and message) and the others are imported.

``PartitionWriter`` stands where the store stands in ``runner.run``: what depends on earlier
batches (inputs already written, publisher memory) is kept in memory for the run, starting
empty, so a run's events are those of a direct run into a new database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import ConfigError, InputError
from .extract.memory import InMemoryBoilerplateMemory
from .options import Options
from .records import Article, Event, Rejected, Result, Stored
from .runner import RunSummary, _write
from .store import BatchOutcome, Store
from .store.core import storable, storable_result

MANIFEST = "run.json"
TABLES = ("articles", "events", "rejected", "stored")
_PART = re.compile(r"^part-(\d{6})\.parquet$")

# Column name -> kind ("str", "int", "float"); every table ends with the lossless record where
# it has one.
_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("position", "int"), ("article_id", "str"), ("doc_id", "str"), ("source_uri", "str"),
                 ("input_hash", "str"), ("publisher", "str"), ("headline", "str"),
                 ("published", "str"), ("language", "str"), ("url", "str"), ("record_json", "str")),
    "events": (("position", "int"), ("event_id", "str"), ("article_id", "str"), ("type", "str"),
               ("mode", "str"), ("acled_event_type", "str"), ("acled_sub_event_type", "str"),
               ("date_start", "str"), ("location_country", "str"), ("confidence", "float"),
               ("record_json", "str")),
    "rejected": (("position", "int"), ("doc_id", "str"), ("source_uri", "str"), ("stage", "str"),
                 ("reason", "str"), ("message", "str")),
    "stored": (("position", "int"), ("article_id", "str"), ("doc_id", "str"), ("source_uri", "str"),
               ("content_hash", "str")),
}


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError("Parquet partitions need pyarrow: pip install 'newsevents[parquet]'") from exc
    return pa, pq


def _schema(table: str) -> Any:
    pa, _ = _pyarrow()
    kinds = {"str": pa.string(), "int": pa.int32(), "float": pa.float64()}
    return pa.schema([(name, kinds[kind]) for name, kind in _COLUMNS[table]])


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------------------------- writing


def _article_row(position: int, article: Article) -> dict[str, Any]:
    return {"position": position, "article_id": article.id, "doc_id": article.doc_id,
            "source_uri": article.source_uri, "input_hash": article.input_hash,
            "publisher": article.publisher, "headline": article.headline,
            "published": article.published, "language": article.language, "url": article.url,
            "record_json": _dumps(article.to_dict())}


def _event_row(position: int, event: Event) -> dict[str, Any]:
    return {"position": position, "event_id": event.event_id, "article_id": event.article_id,
            "type": event.type, "mode": event.mode,
            "acled_event_type": event.acled.event_type if event.acled else None,
            "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
            "date_start": event.date.start,
            "location_country": event.location.country if event.location else None,
            "confidence": event.confidence, "record_json": _dumps(event.to_dict())}


def _rejected_row(position: int, r: Rejected) -> dict[str, Any]:
    # A document's name can hold what Parquet's UTF-8 cannot (an undecodable file name): escaped
    # as the store escapes it.
    return {"position": position, "doc_id": storable(r.doc_id), "source_uri": storable(r.source_uri),
            "stage": r.stage, "reason": r.reason, "message": storable(r.message)}


def _stored_row(position: int, s: Stored) -> dict[str, Any]:
    return {"position": position, "article_id": s.article_id, "doc_id": storable(s.doc_id),
            "source_uri": storable(s.source_uri), "content_hash": s.content_hash}


@dataclass
class _Rows:
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})


class PartitionWriter:
    """A run's batches as Parquet partitions in ``folder`` (created; it must hold no run yet).
    Stands for the store in ``runner.run`` and ``runner.process_into_store``."""

    def __init__(self, folder: str | Path) -> None:
        _pyarrow()  # a missing pyarrow is said before any document is read
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise InputError(f"cannot write partitions to {self.folder}: it is not a folder")
        if (self.folder / MANIFEST).exists() or any(_parts(self.folder).values()):
            raise InputError(f"{self.folder} already holds a run's partitions: give a new or empty folder")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.written = 0  # partitions written
        self._memory = InMemoryBoilerplateMemory()
        self._inputs: dict[str, str] = {}  # content hash -> article id, as article_docs holds them
        self._articles: set[str] = set()
        self._manifest: dict[str, Any] = {}

    # The Sink interface (runner.Sink) ------------------------------------------------------

    def start_run(self, opts: Options, inputs: list[str]) -> str:
        started = _now()
        run_id = f"run-{started[:19].replace(':', '').replace('-', '')}-{secrets.token_hex(3)}"
        self._manifest = {
            "run_id": run_id, "started": started, "finished": None, "pipeline_version": __version__,
            "spacy_model": opts.spacy_model, "config_hash": opts.config_hash,
            "options": {f: getattr(opts, f) for f in opts.__dataclass_fields__},
            "inputs": list(inputs), "summary": None,
        }
        self._write_manifest()
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        self._manifest.update(finished=_now(), summary=summary)
        self._write_manifest()

    def stored_inputs(self, hashes: Sequence[str]) -> dict[str, str]:
        return {h: self._inputs[h] for h in hashes if h in self._inputs}

    def boilerplate_memory(self) -> InMemoryBoilerplateMemory:
        return self._memory

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def write_batch(self, results: Sequence[Result], run_id: str) -> BatchOutcome:
        """The batch as one partition; the outcome is what the store's ``write_batch`` will
        count when the partition is imported into an empty database (near-duplicates aside:
        linking happens in the store)."""
        outcome = BatchOutcome()
        rows = _Rows()
        for position, result in enumerate(results):
            self._add(position, result, rows, outcome)
        self._write_partition(rows)
        return outcome

    # ---------------------------------------------------------------------------------------

    def _add(self, position: int, result: Result, rows: _Rows, outcome: BatchOutcome) -> None:
        tables = rows.tables
        if result.stored is not None:
            tables["stored"].append(_stored_row(position, result.stored))
            self._inputs.setdefault(result.stored.content_hash, result.stored.article_id)
            outcome.duplicate_articles += 1
            return
        # What the store would refuse (text it cannot hold) is refused here, as it would be.
        checked = storable_result(result)
        if checked.rejected is not None:
            tables["rejected"].append(_rejected_row(position, checked.rejected))
            outcome.rejected += 1
            if checked is not result:
                outcome.rejections.append(checked.rejected)
            return
        article = checked.article
        assert article is not None  # storable_result: an article or a rejection
        tables["articles"].append(_article_row(position, article))
        tables["events"].extend(_event_row(position, e) for e in checked.events)
        if article.input_hash is not None:
            self._inputs.setdefault(article.input_hash, article.id)
        if article.id in self._articles:
            outcome.duplicate_articles += 1
            return
        self._articles.add(article.id)
        outcome.new_articles += 1
        outcome.new_events += len({e.event_id for e in checked.events})

    def _write_partition(self, rows: _Rows) -> None:
        """The four files, each written under a temporary name and renamed: a run killed while
        writing leaves whole files (an import names a partition short of one as broken)."""
        pa, pq = _pyarrow()
        name = f"part-{self.written:06d}.parquet"
        for table in TABLES:
            folder = self.folder / table
            folder.mkdir(exist_ok=True)
            schema = _schema(table)
            data = pa.Table.from_pylist(rows.tables[table], schema=schema)
            temporary = folder / f".{name}.tmp"
            pq.write_table(data, str(temporary))
            os.replace(temporary, folder / name)
        self.written += 1

    def _write_manifest(self) -> None:
        temporary = self.folder / f".{MANIFEST}.tmp"
        temporary.write_text(json.dumps(self._manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
        os.replace(temporary, self.folder / MANIFEST)


def _parts(folder: Path) -> dict[str, dict[int, Path]]:
    """table -> partition number -> file."""
    found: dict[str, dict[int, Path]] = {}
    for table in TABLES:
        found[table] = {}
        sub = folder / table
        if sub.is_dir():
            for path in sub.iterdir():
                if (m := _PART.match(path.name)) is not None:
                    found[table][int(m.group(1))] = path
    return found


# ---------------------------------------------------------------------------------- import


class BrokenPartition(Exception):
    """A partition that cannot be imported; ``reason`` is a stable code."""

    def __init__(self, reason: str, path: Path, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.path = path
        self.message = message


@dataclass
class ImportSummary:
    """What ``import_partitions`` did: the documents' counts (as a run's) and the partitions."""

    run: RunSummary
    partitions: int = 0
    imported: int = 0
    broken: list[Rejected] = field(default_factory=list)


def read_manifest(folder: str | Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    if not Path(folder).is_dir():
        raise InputError(f"{folder} is not a folder of partitions")
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{folder} holds no {MANIFEST}: not a folder `process --parquet-dir` wrote") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("run_id"), str) or not data.get("started"):
        raise InputError(f"{path} is not a run manifest (no run_id or started)")
    return data


def import_partitions(folder: str | Path, store: Store,
                      on_batch: Callable[[list[Result], BatchOutcome], None] | None = None) -> ImportSummary:
    """Load the partitions in ``folder`` into ``store``, in order, through the single writer; a
    broken partition becomes a rejection (stage ``import``) and the others are imported."""
    _pyarrow()
    folder = Path(folder)
    manifest = read_manifest(folder)
    run_id = manifest["run_id"]
    store.record_run(manifest)
    summary = ImportSummary(RunSummary(run_id=run_id))

    def counted(batch: list[Result], outcome: BatchOutcome) -> None:
        summary.run.add(batch, outcome)
        if on_batch is not None:
            on_batch(batch, outcome)

    parts = _parts(folder)
    for number in sorted(set().union(*parts.values())):
        summary.partitions += 1
        try:
            batch = read_partition(folder, number, {t: parts[t].get(number) for t in TABLES})
        except BrokenPartition as exc:
            rejected = Rejected(f"part-{number:06d}", str(exc.path), "import", exc.reason, exc.message)
            summary.broken.append(rejected)
            _write(store, [Result(rejected=rejected)], run_id, counted)
            continue
        _write(store, _with_articles(batch, store), run_id, counted)
        summary.imported += 1
    return summary


def _with_articles(batch: list[Result], store: Store) -> list[Result]:
    """The batch, with an input whose article is not stored (it was in a broken partition) as
    a rejection: the input is not lost from the record, and the store holds no dangling row."""
    wanted = [r.stored.article_id for r in batch if r.stored is not None]
    if not wanted:
        return batch
    found = store.existing_articles(wanted)
    return [Result(rejected=Rejected(r.stored.doc_id, r.stored.source_uri, "import", "missing_article",
                                     f"its article {r.stored.article_id} is in a partition that was not imported"))
            if r.stored is not None and r.stored.article_id not in found else r for r in batch]


def read_partition(folder: Path, number: int, files: dict[str, Path | None]) -> list[Result]:
    """A partition's Results in batch order; ``BrokenPartition`` when it cannot be read whole."""
    _, pq = _pyarrow()
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        path = files[table]
        if path is None:
            raise BrokenPartition("missing_file", folder / table / f"part-{number:06d}.parquet",
                                  f"the partition has no {table} file")
        try:
            read = pq.read_table(str(path))
        except Exception as exc:  # pyarrow raises several kinds for a file that is not Parquet
            raise BrokenPartition("unreadable_parquet", path, f"{type(exc).__name__}: {exc}") from exc
        missing = [name for name, _ in _COLUMNS[table] if name not in read.column_names]
        if missing:
            raise BrokenPartition("bad_columns", path, f"no column {', '.join(missing)}")
        tables[table] = read.to_pylist()
    try:
        return _results(tables)
    except BrokenPartition:
        raise
    except Exception as exc:
        path = files["articles"] or folder
        raise BrokenPartition("bad_record", path, f"{type(exc).__name__}: {exc}") from exc


def _results(tables: dict[str, list[dict[str, Any]]]) -> list[Result]:
    by_position: dict[int, Result] = {}
    events: dict[int, list[Event]] = {}
    for row in tables["events"]:
        events.setdefault(int(row["position"]), []).append(Event.from_dict(json.loads(row["record_json"])))
    for row in tables["articles"]:
        article = Article.from_dict(json.loads(row["record_json"]))
        _put(by_position, row, Result(article=article, events=tuple(events.pop(int(row["position"]), ()))))
    for row in tables["rejected"]:
        _put(by_position, row, Result(rejected=Rejected(row["doc_id"], row["source_uri"], row["stage"],
                                                        row["reason"], row["message"] or "")))
    for row in tables["stored"]:
        _put(by_position, row, Result(stored=Stored(row["article_id"], row["doc_id"], row["source_uri"],
                                                    row["content_hash"])))
    if events:
        raise ValueError(f"events at positions {sorted(events)} have no article")
    positions = sorted(by_position)
    if positions != list(range(len(positions))):
        raise ValueError(f"document positions {positions[:10]} are not 0..{len(positions) - 1}")
    return [by_position[p] for p in positions]


def _put(by_position: dict[int, Result], row: dict[str, Any], result: Result) -> None:
    position = int(row["position"])
    if position in by_position:
        raise ValueError(f"two documents at position {position}")
    by_position[position] = result


def partition_files(folder: str | Path) -> Iterator[Path]:
    """Every partition file in ``folder`` (tests break one)."""
    for table in _parts(Path(folder)).values():
        yield from (table[n] for n in sorted(table))
