"""A whole run into a store: the pipeline's Results written batch by batch through the one store
writer, in this process, wherever the stages ran (here, a process pool, a Dask cluster).

Each batch, its input records and the publisher memory it adds are one transaction: a run that
stops (client killed, a machine lost) leaves whole batches, and the next start with the same
inputs skips what is stored by content hash and goes on from there, with the same memory an
uninterrupted run would have had.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .options import Options
from .pipeline import page_paragraphs, process_documents
from .records import RawDocument, Rejected, Result

if TYPE_CHECKING:
    from .store import BatchOutcome, Store
    from .workers import Workers

OnBatch = Callable[[list[Result], "BatchOutcome"], None]


def process_into_store(items: Iterable[RawDocument | Rejected], opts: Options, store: Store, run_id: str,
                       *, workers: Workers | None = None, on_batch: OnBatch | None = None) -> None:
    """Process ``items`` and store every Result, ``opts.batch_size`` at a time; ``on_batch`` is
    told each written batch and its outcome (counts, progress)."""
    memory = store.boilerplate_memory()
    batch: list[Result] = []
    for result in process_documents(items, opts, memory, stored=store, workers=workers):
        batch.append(result)
        # Written when full, before the next chunk is asked for: the pipeline's next chunk must
        # see this one stored and remembered (see process_documents).
        if len(batch) >= opts.batch_size:
            _write(store, batch, run_id, on_batch)
            batch = []
    if batch:
        _write(store, batch, run_id, on_batch)


def _write(store: Store, batch: list[Result], run_id: str, on_batch: OnBatch | None) -> None:
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
