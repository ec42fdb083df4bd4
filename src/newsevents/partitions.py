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

``write_run`` (what ``process --parquet-dir`` runs) has each partition written where its Results
are (on Dask, a worker: they never come back to the client), which returns a small ``Receipt``
(the inputs, the files' checksums, article ids and paragraph hashes), also written beside the
files, last (``receipts/``). What depends on earlier batches (inputs already written, publisher
memory) grows in the client from the receipts, starting empty, so a run's events are those of a
direct run into a new database. Started again on the folder of a stopped run with the same
arguments, it keeps the complete partitions and writes the others. ``PartitionWriter`` stands
where the store stands in ``runner.run`` (written by the client, no resuming).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import logging
import os
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from . import __version__, lexicon
from .errors import ConfigError, InputError
from .extract.memory import paragraph_hash
from .ingest import fetch_urls, read_paths
from .options import Options, load_options
from .parallel import Chunk, collect_pieces, staged_chunks, submit_pieces
from .pipeline import merge_staged, page_paragraphs, to_code
from .provenance import provenance
from .records import Article, Event, RawDocument, Rejected, Result, Stored
from .runner import RunSummary, _workers, _write
from .store import BatchOutcome, Store
from .store.core import storable, storable_result
from .workers import InProcess, WorkerLost, Workers

log = logging.getLogger("newsevents")

MANIFEST = "run.json"
TABLES = ("articles", "events", "rejected", "stored")
RECEIPTS = "receipts"
_PART = re.compile(r"^part-(\d{6})\.parquet$")
_RECEIPT = re.compile(r"^part-(\d{6})\.json$")

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


# An input as a partition's receipt names it: document id, source, content hash ("" for an input
# rejected while reading, which has none).
InputKey = tuple[str, str, str]


def input_key(item: RawDocument | Rejected) -> InputKey:
    if isinstance(item, RawDocument):
        return (item.id, item.source_uri, item.content_hash)
    return (item.doc_id, item.source_uri, "")


def _result_key(result: Result) -> InputKey:
    """The input a Result stands for, as far as the Result says (a writer given Results only)."""
    if result.article is not None:
        return (result.article.doc_id, result.article.source_uri, result.article.input_hash or "")
    if result.stored is not None:
        return (result.stored.doc_id, result.stored.source_uri, result.stored.content_hash)
    assert result.rejected is not None
    return (result.rejected.doc_id, result.rejected.source_uri, "")


@dataclass(frozen=True)
class PartitionSpec:
    """Where and what partition ``write_partition`` writes (sent to the worker that writes it)."""

    folder: str
    number: int
    fingerprint: str  # the run's arguments (``_arguments``), hashed
    inputs: tuple[InputKey, ...]

    @property
    def name(self) -> str:
        return f"part-{self.number:06d}"


@dataclass(frozen=True)
class ArticleNote:
    """What the run's later partitions depend on in one written article: its input (skipped when
    read again) and its paragraphs (publisher memory)."""

    article_id: str
    input_hash: str | None
    publisher: str | None
    paragraphs: tuple[str, ...]  # paragraph hashes (extract.memory.paragraph_hash)
    events: int  # distinct event ids


@dataclass(frozen=True)
class Receipt:
    """A written partition, as its writer reports it to the client and keeps it beside the files
    (``receipts/part-NNNNNN.json``, written last: a partition without one is not complete). Small:
    ids, hashes and counts, never bodies or events."""

    number: int
    fingerprint: str
    inputs: tuple[InputKey, ...]
    files: tuple[tuple[str, str], ...]  # (path under the folder, sha256 of the file)
    articles: tuple[ArticleNote, ...]
    stored: tuple[tuple[str, str], ...]  # (content hash, article id) of inputs written before
    rejections: tuple[Rejected, ...]  # the batch's rejected documents
    refused: tuple[Rejected, ...]  # articles a store would refuse, written as rejections
    event_rows: int
    events_by_type: dict[str, int]
    warnings: dict[str, int]  # documents used with a warning, by stage/reason

    @property
    def documents(self) -> int:
        return len(self.inputs)

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "fingerprint": self.fingerprint,
                "inputs": [list(k) for k in self.inputs], "files": [list(f) for f in self.files],
                "articles": [[a.article_id, a.input_hash, a.publisher, list(a.paragraphs), a.events]
                             for a in self.articles],
                "stored": [list(s) for s in self.stored],
                "rejections": [r.to_dict() for r in self.rejections],
                "refused": [r.to_dict() for r in self.refused], "event_rows": self.event_rows,
                "events_by_type": self.events_by_type, "warnings": self.warnings}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Receipt:
        return cls(
            number=int(data["number"]), fingerprint=str(data["fingerprint"]),
            inputs=tuple((str(a), str(b), str(c)) for a, b, c in data["inputs"]),
            files=tuple((str(path), str(digest)) for path, digest in data["files"]),
            articles=tuple(ArticleNote(str(i), h, p, tuple(paragraphs), int(n))
                           for i, h, p, paragraphs, n in data["articles"]),
            stored=tuple((str(h), str(i)) for h, i in data["stored"]),
            rejections=tuple(Rejected.from_dict(r) for r in data["rejections"]),
            refused=tuple(Rejected.from_dict(r) for r in data["refused"]),
            event_rows=int(data["event_rows"]), events_by_type=dict(data["events_by_type"]),
            warnings=dict(data["warnings"]))


@dataclass
class _Partition:
    """A partition's rows and receipt contents while it is built."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    articles: list[ArticleNote] = field(default_factory=list)
    stored: list[tuple[str, str]] = field(default_factory=list)
    rejections: list[Rejected] = field(default_factory=list)
    refused: list[Rejected] = field(default_factory=list)
    events_by_type: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)

    def add(self, position: int, result: Result) -> None:
        if result.stored is not None:
            self.tables["stored"].append(_stored_row(position, result.stored))
            self.stored.append((result.stored.content_hash, result.stored.article_id))
            return
        # What the store would refuse (text it cannot hold) is refused here, as it would be.
        checked = storable_result(result)
        if checked.rejected is not None:
            self.tables["rejected"].append(_rejected_row(position, checked.rejected))
            (self.rejections if checked is result else self.refused).append(checked.rejected)
            return
        article = checked.article
        assert article is not None  # storable_result: an article or a rejection
        self.tables["articles"].append(_article_row(position, article))
        self.tables["events"].extend(_event_row(position, e) for e in checked.events)
        self.articles.append(ArticleNote(
            article.id, article.input_hash, article.publisher,
            tuple(paragraph_hash(p) for p in page_paragraphs(article)) if article.publisher else (),
            len({e.event_id for e in checked.events})))
        self.events_by_type.update(e.type for e in checked.events)
        self.warnings.update({f"{w.stage}/{w.reason}" for w in article.warnings})


def write_partition(results: Sequence[Result], spec: PartitionSpec) -> Receipt:
    """Write one batch's Results as a partition and return its receipt. Runs where the Results
    are (a Dask worker, with the folder on a shared filesystem). Every file is written under a
    temporary name of its own and renamed, the receipt last: a writer killed half way leaves no
    file an import or a resumed run would take for whole."""
    built = _Partition()
    for position, result in enumerate(results):
        built.add(position, result)
    folder = Path(spec.folder)
    files = tuple(_write_table(folder, table, spec.name, built.tables[table]) for table in TABLES)
    receipt = Receipt(spec.number, spec.fingerprint, spec.inputs, files, tuple(built.articles),
                      tuple(built.stored), tuple(built.rejections), tuple(built.refused),
                      len(built.tables["events"]), dict(built.events_by_type), dict(built.warnings))
    _replace_with(folder / RECEIPTS / f"{spec.name}.json", json.dumps(receipt.to_dict(), indent=0).encode())
    return receipt


def write_coded(coded: list[list[Result]], placed: list[Result | None], spec: PartitionSpec) -> Receipt:
    """``write_partition`` of a batch whose coded Results come in pieces (``coded``, in order)
    and go where ``placed`` has None; the other places hold the Results made in the client."""
    pieces = itertools.chain.from_iterable(coded)
    return write_partition([p if p is not None else next(pieces) for p in placed], spec)


def _write_table(folder: Path, table: str, name: str, rows: list[dict[str, Any]]) -> tuple[str, str]:
    pa, pq = _pyarrow()
    buffer = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema(table)), buffer)
    data = buffer.getvalue().to_pybytes()
    _replace_with(folder / table / f"{name}.parquet", data)
    return (f"{table}/{name}.parquet", hashlib.sha256(data).hexdigest())


def _replace_with(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` whole or is left as it was. The temporary name is the writer's own:
    a worker of a stopped run still finishing the same partition does not write into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class _HashMemory:
    """Publisher memory kept as paragraph hashes (what receipts carry)."""

    def __init__(self) -> None:
        self._articles: dict[tuple[str, str], set[str]] = defaultdict(set)

    def record(self, publisher: str, article_id: str, paragraphs: Iterable[str]) -> None:
        self.record_hashes(publisher, article_id, (paragraph_hash(p) for p in paragraphs))

    def record_hashes(self, publisher: str, article_id: str, hashes: Iterable[str]) -> None:
        for h in hashes:
            self._articles[(publisher, h)].add(article_id)

    def seen_count(self, publisher: str, paragraph_hash: str) -> int:
        return len(self._articles.get((publisher, paragraph_hash), ()))


class _RunState:
    """What the next partitions depend on, grown from each receipt in order: the inputs written
    (skipped when read again), publisher memory, the articles written (a copy is not new)."""

    def __init__(self) -> None:
        self.memory = _HashMemory()
        self._inputs: dict[str, str] = {}  # content hash -> article id, as article_docs holds them
        self._articles: set[str] = set()

    def stored_inputs(self, hashes: Sequence[str]) -> dict[str, str]:
        return {h: self._inputs[h] for h in hashes if h in self._inputs}

    def apply(self, receipt: Receipt) -> BatchOutcome:
        """The receipt's partition taken in; what ``Store.write_batch`` will count for it when it
        is imported into an empty database (near-duplicates aside: linking happens there)."""
        outcome = BatchOutcome(rejected=len(receipt.rejections) + len(receipt.refused),
                               rejections=list(receipt.refused))
        for content_hash, article_id in receipt.stored:
            self._inputs.setdefault(content_hash, article_id)
            outcome.duplicate_articles += 1
        for note in receipt.articles:
            if note.publisher:
                self.memory.record_hashes(note.publisher, note.article_id, note.paragraphs)
            if note.input_hash is not None:
                self._inputs.setdefault(note.input_hash, note.article_id)
            if note.article_id in self._articles:
                outcome.duplicate_articles += 1
                continue
            self._articles.add(note.article_id)
            outcome.new_articles += 1
            outcome.new_events += note.events
        return outcome


def _arguments(opts: Options, inputs: Sequence[str]) -> dict[str, Any]:
    """What makes a run's partitions: its inputs, options and models (``provenance``). A folder
    is continued only by a run with the same."""
    options = {f: getattr(opts, f) for f in opts.__dataclass_fields__}
    made = {"inputs": list(inputs), "options": options, "provenance": provenance(opts)}
    return dict(json.loads(json.dumps(made, default=str)))  # as read back from run.json


def _fingerprint(arguments: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(arguments, sort_keys=True).encode()).hexdigest()[:16]


class _Folder:
    """A partition folder and its manifest (``run.json``), written by the client only."""

    def __init__(self, folder: str | Path) -> None:
        _pyarrow()  # a missing pyarrow is said before any document is read
        self.path = Path(folder)
        if self.path.exists() and not self.path.is_dir():
            raise InputError(f"cannot write partitions to {self.path}: it is not a folder")
        self.manifest: dict[str, Any] = {}

    def holds_run(self) -> bool:
        return (self.path / MANIFEST).exists() or any(_parts(self.path).values())

    def open(self, opts: Options, inputs: list[str]) -> None:
        """Start a run in the folder, or continue the one it holds."""
        if self.holds_run():
            self.resume(opts, inputs)
        else:
            self.start(opts, inputs)

    def start(self, opts: Options, inputs: list[str]) -> str:
        self.path.mkdir(parents=True, exist_ok=True)
        started = _now()
        run_id = f"run-{started[:19].replace(':', '').replace('-', '')}-{secrets.token_hex(3)}"
        arguments = _arguments(opts, inputs)
        self.manifest = {
            "run_id": run_id, "started": started, "finished": None, "pipeline_version": __version__,
            "spacy_model": opts.spacy_model, "config_hash": opts.config_hash,
            "options": arguments["options"], "inputs": list(inputs), "arguments": arguments,
            "fingerprint": _fingerprint(arguments), "resumed": [], "summary": None,
        }
        self.save()
        return run_id

    def resume(self, opts: Options, inputs: list[str]) -> None:
        """Continue the run the folder holds: refused unless its arguments are these."""
        self.manifest = read_manifest(self.path)
        arguments = _arguments(opts, inputs)
        if self.manifest.get("arguments") != arguments:
            raise InputError(f"{self.path} already holds the partitions of another run "
                             f"({_differences(self.manifest.get('arguments'), arguments)}): give a new "
                             "or empty folder, or the arguments of that run to continue it")
        self.manifest.update(finished=None, summary=None)
        self.manifest["resumed"] = [*self.manifest.get("resumed", []), _now()]
        self.save()

    def finish(self, summary: dict[str, Any]) -> None:
        self.manifest.update(finished=_now(), summary=summary)
        self.save()

    def save(self) -> None:
        _replace_with(self.path / MANIFEST, (json.dumps(self.manifest, ensure_ascii=False, indent=1) + "\n").encode())


def _differences(before: Any, now: dict[str, Any]) -> str:
    """What differs between the arguments a folder's run had and these, for the refusal."""
    if not isinstance(before, dict):
        return "its run.json records no arguments"
    said = []
    for group in ("inputs", "options", "provenance"):
        old, new = before.get(group), now[group]
        if group == "inputs":
            if old != new:
                said.append(f"inputs {old} there, {new} here")
            continue
        old = old if isinstance(old, dict) else {}
        keys = sorted((set(old) | set(new)) - {"config"})  # provenance's config: the options' hash
        said += [f"{group[:-1] if group == 'options' else group} {key}: {old.get(key)!r} there, "
                 f"{new.get(key)!r} here" for key in keys if old.get(key) != new.get(key)]
    return "; ".join(said) or "arguments differ"


class PartitionWriter:
    """A run's batches as Parquet partitions in ``folder`` (created; it must hold no run yet),
    written by this process. Stands for the store in ``runner.run`` and
    ``runner.process_into_store``; ``write_run`` is the run that workers write and that resumes."""

    def __init__(self, folder: str | Path) -> None:
        self._folder = _Folder(folder)
        self.folder = self._folder.path
        if self._folder.holds_run():
            raise InputError(f"{self.folder} already holds a run's partitions: give a new or empty folder")
        self.written = 0  # partitions written
        self._state = _RunState()

    # The Sink interface (runner.Sink) ------------------------------------------------------

    def start_run(self, opts: Options, inputs: list[str]) -> str:
        return self._folder.start(opts, inputs)

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        self._folder.finish(summary)

    def stored_inputs(self, hashes: Sequence[str]) -> dict[str, str]:
        return self._state.stored_inputs(hashes)

    def boilerplate_memory(self) -> _HashMemory:
        return self._state.memory

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def write_batch(self, results: Sequence[Result], run_id: str) -> BatchOutcome:
        """The batch as one partition; the outcome is what the store's ``write_batch`` will
        count when the partition is imported into an empty database."""
        spec = PartitionSpec(str(self.folder), self.written, self._folder.manifest["fingerprint"],
                             tuple(_result_key(r) for r in results))
        receipt = write_partition(results, spec)
        self.written += 1
        return self._state.apply(receipt)


# ---------------------------------------------------------------------------------- a run


@dataclass
class PartitionRun:
    """What ``write_run`` did: the run's counts (every partition's, those written before a stop
    included) and which partitions this start wrote and which it found complete."""

    run: RunSummary
    written: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)

    def add(self, receipt: Receipt, outcome: BatchOutcome) -> None:
        run = self.run
        run.documents += receipt.documents
        run.new_articles += outcome.new_articles
        run.known_articles += outcome.duplicate_articles
        run.new_events += outcome.new_events
        run.events_by_type.update(receipt.events_by_type)
        run.warnings.update(receipt.warnings)
        for rejected in receipt.rejections + receipt.refused:
            run.reject(rejected)


OnPartition = Callable[[Receipt, bool], None]  # a partition's receipt, and whether it was skipped


def write_run(inputs: str | Path | Iterable[str | Path], folder: str | Path, opts: Options | None = None, *,
              urls: Sequence[str] = (), workers: int | Workers = 1, scheduler: str | None = None,
              dask: bool = False, on_partition: OnPartition | None = None) -> PartitionRun:
    """``newsevents process --parquet-dir FOLDER``: the run as partitions that the workers write
    (``runner.run``'s arguments otherwise). A folder that holds partitions of a run with the same
    arguments is continued: complete partitions are kept and only the others written, so the
    folder ends as one uninterrupted run would have left it. A folder of another run is refused
    (``InputError``)."""
    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    options = opts if opts is not None else load_options()
    lexicon.use_tables_dir(options.tables_dir)  # the tables' hash is part of the run's arguments
    target = _Folder(folder)
    target.open(options, [str(p) for p in paths] + list(urls))
    complete = complete_partitions(target.path, target.manifest["fingerprint"])

    def items() -> Iterator[RawDocument | Rejected]:
        yield from read_paths(paths, options)
        if urls:
            yield from fetch_urls(urls, options)

    done = PartitionRun(RunSummary(run_id=target.manifest["run_id"]))
    state = _RunState()
    with _workers(workers, scheduler, dask) as pool:
        where = pool if pool is not None else InProcess()
        for chunk in staged_chunks(items(), options, state, where, skip=set(complete)):
            spec = PartitionSpec(str(target.path), chunk.number, target.manifest["fingerprint"],
                                 tuple(input_key(i) for i in chunk.items))
            skipped = chunk.staged is None
            receipt = (_kept(complete.pop(chunk.number), spec) if skipped
                       else _write_chunk(chunk, spec, state, options, where))
            done.add(receipt, state.apply(receipt))
            (done.skipped if skipped else done.written).append(chunk.number)
            if on_partition is not None:
                on_partition(receipt, skipped)
    if complete:
        raise InputError(f"{target.path} holds partitions {sorted(complete)} beyond the {len(done.written) + len(done.skipped)} "
                         "the inputs give now: the inputs changed since; give a new folder")
    target.finish(done.run.as_dict())
    return done


def _kept(receipt: Receipt, spec: PartitionSpec) -> Receipt:
    """A complete partition's receipt, when it holds the inputs read now in its place."""
    if receipt.inputs != spec.inputs:
        first = next((i for i, (a, b) in enumerate(zip(receipt.inputs, spec.inputs)) if a != b),
                     min(len(receipt.inputs), len(spec.inputs)))
        raise InputError(f"partition {spec.name} of {spec.folder} holds other inputs than those read now "
                         f"(document {first}): the inputs changed since it was written; give a new folder")
    return receipt


def _write_chunk(chunk: Chunk, spec: PartitionSpec, state: _RunState, opts: Options, workers: Workers) -> Receipt:
    """Code a chunk in the workers and have the partition written where its Results are: on Dask
    they go from the coding workers to the writing one, never through this process."""
    assert chunk.staged is not None
    pieces = submit_pieces(to_code(chunk.staged, state.memory), opts, workers)
    placed = [s if isinstance(s, Result) else None for s in chunk.staged]
    try:
        return cast(Receipt, workers.gather_then(write_coded, [task for _, task in pieces], placed, spec))
    except WorkerLost:
        # A piece kept killing its worker: its documents are coded one by one (only the one that
        # kills a worker alone is rejected) and the partition written from the Results gathered.
        results = list(merge_staged(chunk.staged, collect_pieces(pieces, opts, workers)))
        return cast(Receipt, workers.result(workers.submit(write_partition, results, spec)))


def complete_partitions(folder: str | Path, fingerprint: str) -> dict[int, Receipt]:
    """The partitions of ``folder`` written whole: a receipt, and every file it names with the
    checksum it gives. The others (a run stopped while writing them, a file changed since) are
    written again by a resumed run."""
    found: dict[int, Receipt] = {}
    for number, path in sorted(_receipt_files(Path(folder)).items()):
        try:
            receipt = read_receipt(Path(folder), path)
        except BrokenPartition as exc:
            log.warning("partition %d of %s is written again: %s", number, folder, exc.message)
            continue
        if receipt.fingerprint != fingerprint:
            raise InputError(f"{path} is the receipt of another run than {folder}/{MANIFEST}: give a new folder")
        found[number] = receipt
    return found


def read_receipt(folder: Path, path: Path) -> Receipt:
    """The receipt at ``path``, when its files are as it says; ``BrokenPartition`` otherwise."""
    try:
        receipt = Receipt.from_dict(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BrokenPartition("bad_receipt", path, f"{type(exc).__name__}: {exc}") from exc
    for name, digest in receipt.files:
        try:
            data = (folder / name).read_bytes()
        except FileNotFoundError as exc:
            raise BrokenPartition("missing_file", folder / name, f"the partition has no {name}") from exc
        if hashlib.sha256(data).hexdigest() != digest:
            raise BrokenPartition("checksum", folder / name, f"{name} changed since its partition was written")
    return receipt


def _receipt_files(folder: Path) -> dict[int, Path]:
    sub = folder / RECEIPTS
    if not sub.is_dir():
        return {}
    return {int(m.group(1)): path for path in sub.iterdir() if (m := _RECEIPT.match(path.name)) is not None}


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
    finished: bool = True  # the run wrote its last partition (else: run it again to finish)


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
    summary = ImportSummary(RunSummary(run_id=run_id), finished=bool(manifest.get("finished")))

    def counted(batch: list[Result], outcome: BatchOutcome) -> None:
        summary.run.add(batch, outcome)
        if on_batch is not None:
            on_batch(batch, outcome)

    parts, receipts = _parts(folder), _receipt_files(folder)
    for number in sorted(set(receipts).union(*parts.values())):
        summary.partitions += 1
        try:
            batch = read_partition(folder, number, {t: parts[t].get(number) for t in TABLES})
            _check_receipt(folder, number, receipts.get(number))
        except BrokenPartition as exc:
            rejected = Rejected(f"part-{number:06d}", str(exc.path), "import", exc.reason, exc.message)
            summary.broken.append(rejected)
            _write(store, [Result(rejected=rejected)], run_id, counted)
            continue
        _write(store, _with_articles(batch, store), run_id, counted)
        summary.imported += 1
    return summary


def _check_receipt(folder: Path, number: int, path: Path | None) -> None:
    """The partition was written whole (its receipt is written last) and not changed since."""
    if path is None:
        raise BrokenPartition("incomplete", folder / RECEIPTS / f"part-{number:06d}.json",
                              "the run stopped while writing this partition: run the same "
                              "`newsevents process` command again to finish it")
    read_receipt(folder, path)


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
