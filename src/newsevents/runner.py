"""A whole run into a store: the pipeline's Results written batch by batch through the one store
writer, in this process, wherever the stages ran (here, a process pool, a Dask cluster).

``run`` is what ``newsevents process`` does, as a library call: it reads the inputs, records the
run, processes and stores every batch (publisher memory included), counts the run's summary and
records it with the run::

    from newsevents.runner import run          # also newsevents.run

    summary = run(["examples/articles"], "events.db", workers=2)
    print(summary.documents, summary.new_events, dict(summary.rejected))
    # 15 129 {}: the same events, summary and run record as
    # `newsevents process examples/articles --db events.db --workers 2`

The store may be an open ``Store``, a database URL, or a folder of Parquet partitions
(``partitions.PartitionWriter``, what ``process --parquet-dir`` writes and ``newsevents import``
loads). ``process_into_store`` is the lower level: documents already read, a run already started.

Each batch, its input records and the publisher memory it adds are one transaction: a run that
stops (client killed, a machine lost) leaves whole batches, and the next start with the same
inputs skips what is stored by content hash and goes on from there, with the same memory an
uninterrupted run would have had.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import InputError
from .ingest import fetch_urls, read_paths
from .options import Options, load_options
from .parallel import process_in_workers
from .pipeline import page_paragraphs, process_documents
from .records import RawDocument, Rejected, Result

if TYPE_CHECKING:
    from .store import BatchOutcome
    from .workers import Workers

OnBatch = Callable[[list[Result], "BatchOutcome"], None]


class Memory(Protocol):
    """Publisher memory as the writer grows it (``extract.memory`` reads it through seen_count)."""

    def seen_count(self, publisher: str, paragraph_hash: str) -> int: ...

    def record(self, publisher: str, article_id: str, paragraphs: Iterable[str]) -> None: ...


class Sink(Protocol):
    """Where a run's batches go: a ``Store``, or ``partitions.PartitionWriter``."""

    def start_run(self, opts: Options, inputs: list[str]) -> str: ...

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None: ...

    def stored_inputs(self, hashes: Sequence[str]) -> dict[str, str]: ...

    def boilerplate_memory(self) -> Memory: ...

    def transaction(self) -> contextlib.AbstractContextManager[None]: ...

    def write_batch(self, results: Sequence[Result], run_id: str) -> BatchOutcome: ...


@dataclass
class RunSummary:
    """Counts of a run (``run``) or an import (``partitions.import_partitions``), and every
    rejected document; ``as_dict`` is what the run's row records."""

    run_id: str = ""
    documents: int = 0
    new_articles: int = 0
    known_articles: int = 0
    new_events: int = 0
    events_by_type: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)  # stage/reason -> documents
    rejections: list[Rejected] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)  # documents used with a warning, by stage/reason

    @property
    def articles(self) -> int:
        return self.documents - sum(self.rejected.values())

    def add(self, batch: Sequence[Result], outcome: BatchOutcome) -> None:
        self.documents += len(batch)
        self.new_articles += outcome.new_articles
        self.known_articles += outcome.duplicate_articles
        self.new_events += outcome.new_events
        # Articles the store refused (a NUL character, say) are rejections too, and their
        # events were not stored.
        refused = {(r.doc_id, r.source_uri) for r in outcome.rejections}
        for result in batch:
            if result.rejected:
                self.reject(result.rejected)
            elif result.article and (result.article.doc_id, result.article.source_uri) not in refused:
                self.events_by_type.update(e.type for e in result.events)
                self.warnings.update({f"{w.stage}/{w.reason}" for w in result.article.warnings})
        for rejection in outcome.rejections:
            self.reject(rejection)

    def reject(self, r: Rejected) -> None:
        self.rejected[f"{r.stage}/{r.reason}"] += 1
        self.rejections.append(r)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "new_articles": self.new_articles,
                "known_articles": self.known_articles, "new_events": self.new_events,
                "events_by_type": dict(self.events_by_type), "rejected": dict(self.rejected),
                "warnings": dict(self.warnings)}


def run(inputs: str | Path | Iterable[str | Path], store: Sink | str, opts: Options | None = None, *,
        urls: Sequence[str] = (), workers: int | Workers = 1, scheduler: str | None = None,
        dask: bool = False, on_batch: OnBatch | None = None) -> RunSummary:
    """Process the files and folders ``inputs`` (one path or several) and fetch ``urls`` into
    ``store`` as ``newsevents process`` does, and return the run's summary.

    ``store`` is a ``Store``, a ``PartitionWriter`` or a database URL (opened, created or
    migrated, and closed again). ``opts`` defaults to the packaged options. ``workers`` is a
    number of processes (1: this process), run on a local Dask cluster with ``dask`` or on the
    cluster at ``scheduler``; or workers already started (``workers.ProcessPool``,
    ``workers.DaskWorkers``), which are left running. ``on_batch`` is told each stored batch
    and its outcome (a progress bar)."""
    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]  # one path too
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    options = opts if opts is not None else load_options()

    def items() -> Iterator[RawDocument | Rejected]:
        yield from read_paths(paths, options)
        if urls:
            yield from fetch_urls(urls, options)

    if isinstance(store, str):
        from .store import open_store

        with open_store(store) as opened:
            return run(paths, opened, options, urls=urls, workers=workers, scheduler=scheduler,
                       dask=dask, on_batch=on_batch)
    summary = RunSummary(run_id=store.start_run(options, [str(p) for p in paths] + list(urls)))

    def counted(batch: list[Result], outcome: BatchOutcome) -> None:
        summary.add(batch, outcome)
        if on_batch is not None:
            on_batch(batch, outcome)

    with _workers(workers, scheduler, dask) as pool:
        process_into_store(items(), options, store, summary.run_id, workers=pool, on_batch=counted)
    store.finish_run(summary.run_id, summary.as_dict())
    return summary


@contextlib.contextmanager
def _workers(workers: int | Workers, scheduler: str | None, dask: bool) -> Iterator[Workers | None]:
    """Workers given, or opened for the run and closed after it."""
    if not isinstance(workers, int):
        yield workers
        return
    from .workers import open_workers

    pool = open_workers(workers, scheduler, dask)
    try:
        yield pool
    finally:
        if pool is not None:
            pool.close()


def process_into_store(items: Iterable[RawDocument | Rejected], opts: Options, store: Sink,
                       run_id: str, *, workers: Workers | None = None,
                       on_batch: OnBatch | None = None) -> None:
    """Process ``items`` and store every Result, ``opts.batch_size`` at a time; ``on_batch`` is
    told each written batch and its outcome (counts, progress)."""
    memory = store.boilerplate_memory()
    batch: list[Result] = []
    results = (process_documents(items, opts, memory, stored=store) if workers is None
               else process_in_workers(items, opts, memory, store, workers))
    for result in results:
        batch.append(result)
        # Written when full, before the next chunk is asked for: the pipeline's next chunk must
        # see this one stored and remembered (see process_documents).
        if len(batch) >= opts.batch_size:
            _write(store, batch, run_id, on_batch)
            batch = []
    if batch:
        _write(store, batch, run_id, on_batch)


def _write(store: Sink, batch: list[Result], run_id: str, on_batch: OnBatch | None) -> None:
    """One batch and the publisher memory it adds, in one transaction (``partitions`` imports
    through here too)."""
    memory = store.boilerplate_memory()
    with store.transaction():
        outcome = store.write_batch(batch, run_id)
        refused = {(r.doc_id, r.source_uri) for r in outcome.rejections}
        # Publisher memory grows with every batch: a paragraph seen in several articles of the
        # same publisher is boilerplate in the next ones, even when it reads like prose. An
        # article the store refused is not remembered.
        for result in batch:
            article = result.article
            if article and article.publisher and (article.doc_id, article.source_uri) not in refused:
                memory.record(article.publisher, article.id, page_paragraphs(article))
    if on_batch is not None:
        on_batch(batch, outcome)
