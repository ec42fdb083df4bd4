"""``process_documents`` with its stages in workers (a process pool or a Dask cluster).

The same chunks as in one process, in the same order, with the same results:

- extraction without publisher memory (``find_parts``, the costly part of extract) is sent to the
  workers for the next ``AHEAD`` chunks while the current one is coded, so the workers always have
  something to do while this process writes;
- when the caller asks for chunk k (after storing chunks 0..k-1), the stored inputs are checked
  again and publisher memory is applied here, in input order, as in one process;
- the chunk is then cut into pieces of a few documents, coded in the workers (``code_documents``:
  acceptance checks, parse, resolve, code), and its Results are yielded in input order.

``staged_chunks`` is the first half alone (``partitions.write_run`` codes and writes each chunk
itself, and skips the chunks a stopped run wrote). Memory stays bounded: at most AHEAD + 1 chunks of inputs and their parts are held at a time,
whatever the number of documents.
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon
from .errors import DocumentRejected
from .ingest.documents import unencodable
from .options import Options
from .pipeline import (
    Staged,
    StoredInputs,
    _rejected,
    code_documents,
    find_parts,
    merge_staged,
    stage_chunk,
    to_code,
)
from .records import RawDocument, Rejected, Result
from .workers import Task, WorkerLost, Workers

if TYPE_CHECKING:
    from .extract.memory import BoilerplateMemory
    from .extract.parts import Parts

# Chunks whose extraction is sent ahead of the one being coded. One would keep both cores busy
# while this process writes a batch; two absorb a chunk of slow pages.
AHEAD = 2
# A chunk is coded in about this many pieces per worker: small pieces even out the work across
# workers at the end of a chunk (the next chunk waits for the last piece), large ones keep spaCy's
# batches efficient. Four documents a piece for 32-document chunks on two workers.
PIECES_PER_WORKER = 4


@dataclass
class _Ahead:
    number: int
    chunk: list[RawDocument | Rejected]
    parts: dict[int, Task]  # position in the chunk -> the find_parts task


@dataclass(frozen=True)
class Chunk:
    """The ``number``-th chunk of ``opts.batch_size`` inputs, staged (``pipeline.stage_chunk``:
    final Results, or inputs with their extraction parts), or None when the caller skips it."""

    number: int
    items: list[RawDocument | Rejected]
    staged: list[Staged] | None


def process_in_workers(items: Iterable[RawDocument | Rejected], opts: Options,
                       memory: BoilerplateMemory | None, stored: StoredInputs | None,
                       workers: Workers) -> Iterator[Result]:
    for chunk in staged_chunks(items, opts, stored, workers):
        assert chunk.staged is not None  # nothing skipped
        pairs = to_code(chunk.staged, memory)
        yield from merge_staged(chunk.staged, collect_pieces(submit_pieces(pairs, opts, workers), opts, workers))


def staged_chunks(items: Iterable[RawDocument | Rejected], opts: Options, stored: StoredInputs | None,
                  workers: Workers, skip: Container[int] = ()) -> Iterator[Chunk]:
    """The inputs chunk by chunk, their extraction sent ahead to the workers. A chunk is staged
    when the caller asks for it, so the stored inputs it is checked against include the chunks
    the caller stored before; the chunks numbered in ``skip`` are read, not extracted."""
    lexicon.use_tables_dir(opts.tables_dir)  # a bad table row fails here, before any document
    iterator = iter(items)
    numbers = itertools.count()
    window: deque[_Ahead] = deque()

    def fill() -> None:
        while len(window) <= AHEAD and (chunk := list(itertools.islice(iterator, opts.batch_size))):
            number = next(numbers)
            window.append(_Ahead(number, chunk, {}) if number in skip
                          else _send_ahead(number, chunk, stored, workers))

    fill()
    while window:
        ahead = window.popleft()
        fill()
        if ahead.number in skip:
            yield Chunk(ahead.number, ahead.chunk, None)
            continue
        found = {id(ahead.chunk[i]): task for i, task in ahead.parts.items()}

        def parts_of(raw: RawDocument) -> Parts | Result:
            task = found.get(id(raw))  # noqa: B023 - used before the loop moves on
            if task is None:  # not sent ahead: it was stored then (it cannot be unstored since)
                return find_parts(raw)
            try:
                return workers.result(task)
            except WorkerLost as exc:
                return _lost(raw, exc)

        yield Chunk(ahead.number, ahead.chunk, stage_chunk(ahead.chunk, stored, parts_of))


def _send_ahead(number: int, chunk: list[RawDocument | Rejected], stored: StoredInputs | None,
                workers: Workers) -> _Ahead:
    """Send the extraction of the chunk's documents that are not stored yet to the workers."""
    readable = {i: item for i, item in enumerate(chunk)
                if isinstance(item, RawDocument) and unencodable(item) is None}
    known = stored.stored_inputs([raw.content_hash for raw in readable.values()]) if stored and readable else {}
    return _Ahead(number, chunk, {i: workers.submit(find_parts, raw) for i, raw in readable.items()
                                  if raw.content_hash not in known})


# A piece of a chunk's documents to code, and the worker task coding it.
Piece = tuple[list[tuple[RawDocument, "Parts"]], Task]


def submit_pieces(pairs: Sequence[tuple[RawDocument, Parts]], opts: Options, workers: Workers) -> list[Piece]:
    """The documents to code (memory applied), cut into pieces sent to the workers."""
    if not pairs:
        return []
    size = max(1, math.ceil(len(pairs) / (workers.count * PIECES_PER_WORKER)))
    pieces = [list(pairs[i:i + size]) for i in range(0, len(pairs), size)]
    return [(piece, workers.submit(code_documents, piece, opts)) for piece in pieces]


def collect_pieces(pieces: list[Piece], opts: Options, workers: Workers) -> list[Result]:
    """The pieces' Results, in order, brought to this process."""
    out: list[Result] = []
    for piece, task in pieces:
        try:
            out.extend(workers.result(task))
        except WorkerLost:
            # One of the piece's documents may be what kills the worker: each is tried alone, so
            # only that one is rejected.
            out.extend(_code_alone(piece, opts, workers))
    return out


def _code_alone(piece: list[tuple[RawDocument, Parts]], opts: Options, workers: Workers) -> list[Result]:
    tasks = [workers.submit(code_documents, [pair], opts) for pair in piece]
    out: list[Result] = []
    for (raw, _parts), task in zip(piece, tasks):
        try:
            out.extend(workers.result(task))
        except WorkerLost as exc:
            out.append(_lost(raw, exc))
    return out


def _lost(raw: RawDocument, exc: WorkerLost) -> Result:
    return _rejected(raw, DocumentRejected("worker", "worker_lost", str(exc)))
