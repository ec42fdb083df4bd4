"""The cascade, in one readable place: ingest -> extract -> analyse -> resolve -> code.

Stages are plain functions over records; this module only orders them and makes sure one bad
document never stops a batch: a ``DocumentRejected`` becomes that document's ``Rejected`` row, and
so does any other exception a stage raises on it (reason ``internal_error``, the traceback in the
log). Errors that concern every document (``ConfigError``: the spaCy model is not installed) still
end the run.

The headline and standfirst are parsed and resolved as texts of their own and coded with the
body (``coder.front``).

The stages are imported when first needed, not with this module: spaCy, trafilatura and the
gazetteer take a second or more to import, and a run whose inputs are all stored already (see
``StoredInputs``) needs none of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from . import lexicon
from .errors import DocumentRejected, NewsEventsError, internal_error
from .ingest.documents import unencodable
from .options import Options
from .records import Article, RawDocument, Rejected, Result, Stored

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .coder import FrontPart
    from .extract.memory import BoilerplateMemory
    from .extract.parts import Parts

T = TypeVar("T")


def _rejected(raw: RawDocument, exc: DocumentRejected) -> Result:
    return Result(rejected=Rejected(raw.id, raw.source_uri, exc.stage, exc.reason, exc.message))


def _guarded(stage: str, raw: RawDocument, run: Callable[[], T]) -> T | Result:
    """``run()``, or the document's rejection when it raises."""
    try:
        return run()
    except DocumentRejected as exc:
        return _rejected(raw, exc)
    except NewsEventsError:
        raise  # a configuration or store problem: every document would meet it
    except Exception as exc:
        return _rejected(raw, internal_error(stage, exc, f"{raw.source_uri} (document {raw.id})"))


class StoredInputs(Protocol):
    def stored_inputs(self, hashes: Sequence[str]) -> dict[str, str]:
        """For each content hash (``RawDocument.content_hash``) already stored, its article id."""
        ...


def process_documents(
    items: Iterable[RawDocument | Rejected], opts: Options,
    memory: BoilerplateMemory | None = None,
    stored: StoredInputs | None = None,
) -> Iterator[Result]:
    """Run every document through the pipeline; yields one Result per input item, in order.
    ``memory`` is the publisher boilerplate memory extract consults (the store provides one).
    Inputs ``stored`` knows by their content hash are not processed again: their Result holds
    only the stored article's id (``Result.stored``). Tying a re-run to the input, not to the
    body, matters: publisher memory grows, drops more paragraphs of the same page the next time,
    and the changed body would be a new article.

    Items are taken ``opts.batch_size`` at a time, and the next batch is started only when the
    caller asks for its first result, so a caller that stores each batch before asking for more
    (``runner.process_into_store``) makes the memory and the stored inputs of batch k hold
    batches 0..k-1. ``parallel.process_in_workers`` is the same over a process pool or a Dask
    cluster (``workers.py``), with the same results."""
    lexicon.use_tables_dir(opts.tables_dir)  # a bad table row fails here, before any document
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, opts.batch_size)):
        staged = stage_chunk(chunk, stored, lambda raw: find_parts(raw))
        yield from merge_staged(staged, code_documents(to_code(staged, memory), opts))


# What a chunk's document is after the cheap checks: a final Result, or the input with the
# extraction parts found for it (memory not yet applied).
Staged = Result | tuple[RawDocument, "Parts"]


def stage_chunk(chunk: Sequence[RawDocument | Rejected], stored: StoredInputs | None,
                parts_of: Callable[[RawDocument], Parts | Result]) -> list[Staged]:
    """Each item of a chunk as a final Result (rejected at ingest, unencodable, stored already)
    or with its extraction parts, which ``parts_of`` finds (here, or fetched from a worker)."""
    readable = [i for i in chunk if isinstance(i, RawDocument) and unencodable(i) is None]
    known = stored.stored_inputs([raw.content_hash for raw in readable]) if stored and readable else {}
    staged: list[Staged] = []
    for item in chunk:
        if isinstance(item, Rejected):
            staged.append(Result(rejected=item))
        elif (bad := unencodable(item)) is not None:
            staged.append(_rejected(item, bad))
        elif (article_id := known.get(item.content_hash)) is not None:
            staged.append(Result(stored=Stored(article_id, item.id, item.source_uri, item.content_hash)))
        else:
            parts = parts_of(item)
            staged.append(parts if isinstance(parts, Result) else (item, parts))
    return staged


def to_code(staged: list[Staged], memory: BoilerplateMemory | None) -> list[tuple[RawDocument, Parts]]:
    """The documents of a chunk still to code, with publisher memory applied to their parts (in
    the calling process, in input order: the memory is the store's)."""
    from .extract import apply_memory

    pairs = [s for s in staged if isinstance(s, tuple)]
    for _raw, parts in pairs:
        apply_memory(parts, memory)
    return pairs


def merge_staged(staged: list[Staged], coded: Iterable[Result]) -> Iterator[Result]:
    """The chunk's Results in input order: the staged ones, and the coded ones in their places."""
    results = iter(coded)
    for entry in staged:
        yield entry if isinstance(entry, Result) else next(results)


def find_parts(raw: RawDocument) -> Parts | Result:
    """Extraction without publisher memory (which the caller applies, see ``to_code``); the
    document's rejection when it fails. Runs in a worker."""
    from .extract import extract_parts  # imported with the first document to extract (see above)

    return _guarded("extract", raw, lambda: extract_parts(raw, None))


def code_documents(pairs: Sequence[tuple[RawDocument, Parts]], opts: Options) -> list[Result]:
    """The acceptance checks, the parse, resolution and coding of documents whose parts are
    final: one Result each, in order. Runs in a worker; the spaCy model, the gazetteer and the
    dictionaries load once per process."""
    from .extract import article_from_parts

    lexicon.use_tables_dir(opts.tables_dir)

    staged: list[Result | tuple[RawDocument, Article]] = []
    for raw, parts in pairs:
        article = _guarded("extract", raw, lambda: article_from_parts(raw, parts, opts))  # noqa: B023
        staged.append(article if isinstance(article, Result) else (raw, article))
    to_parse = [s for s in staged if isinstance(s, tuple)]
    docs = iter(_parse(to_parse, opts))
    out: list[Result] = []
    for entry in staged:
        if isinstance(entry, Result):
            out.append(entry)
            continue
        raw, article = entry
        doc = next(docs)
        out.append(doc if isinstance(doc, Result) else _resolve_and_code(raw, article, doc, opts))
    return out


def _parse(pairs: list[tuple[RawDocument, Article]], opts: Options) -> list[Doc | Result]:
    """spaCy's parse of each body, batched; a document the parser fails on gets its rejection in
    its place. A failure inside ``nlp.pipe`` loses the whole batch, so then the bodies are parsed
    again one by one to find the document that caused it."""
    from . import analyse

    if not pairs:
        return []  # nothing to parse: the model is not even loaded
    bodies = [article.body for _, article in pairs]
    try:
        return list(analyse.parse(bodies, opts.spacy_model, opts.batch_size,
                                  candidates_only=opts.parse_filter))
    except NewsEventsError:
        raise
    except Exception:
        return [
            _guarded("analyse", raw, lambda: next(iter(analyse.parse([article.body], opts.spacy_model, 1))))  # noqa: B023
            for raw, article in pairs
        ]


def _resolve_and_code(raw: RawDocument, article: Article, doc: Doc, opts: Options) -> Result:
    from .coder import code
    from .resolve import resolve

    mentions = _guarded("resolve", raw, lambda: resolve(doc, article, opts))
    if isinstance(mentions, Result):
        return mentions
    parts = _guarded("analyse", raw, lambda: _front_parts(article, opts))
    if isinstance(parts, Result):
        return parts
    events = _guarded("code", raw, lambda: code(doc, article, mentions, opts, parts))
    if isinstance(events, Result):
        return events
    kept = tuple(e for e in events if e.confidence >= opts.min_confidence)
    return Result(article=article, events=kept)


def _front_parts(article: Article, opts: Options) -> tuple[FrontPart, ...]:
    """The headline and standfirst worth coding, each parsed and resolved as a text of its own."""
    from . import analyse
    from .coder import FrontPart, front_texts, part_article
    from .resolve import resolve

    named = front_texts(article)
    if not named:
        return ()
    docs = analyse.parse([text for _, text in named], opts.spacy_model, opts.batch_size)
    return tuple(FrontPart(name, d, resolve(d, part_article(article, d.text), opts))
                 for (name, _), d in zip(named, docs, strict=True))


def process_one(raw: RawDocument, opts: Options) -> Result:
    return next(process_documents([raw], opts))


def page_paragraphs(article: Article) -> list[str]:
    """Every paragraph the page had, kept or dropped: what publisher memory counts."""
    return list(article.paragraphs) + [d.text for d in article.dropped]
