"""The cascade, in one readable place: ingest -> extract -> analyse -> resolve -> code.

The headline and standfirst are parsed and resolved as texts of their own and coded with the
body (``coder.front``).

Stages are plain functions over records; this module only orders them and turns a
``DocumentRejected`` into a ``Rejected`` row so one bad document never stops a batch.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from . import __version__
from .analyse import parse
from .coder import FrontPart, code, front_texts, part_article
from .errors import DocumentRejected
from .extract import extract
from .extract.memory import BoilerplateMemory
from .options import Options
from .records import Article, Event, RawDocument, Rejected, Result
from .resolve import resolve


def _rejected(raw: RawDocument, exc: DocumentRejected) -> Result:
    return Result(rejected=Rejected(raw.id, raw.source_uri, exc.stage, exc.reason, exc.message))


def provenance(opts: Options) -> dict[str, str]:
    return {"pipeline": __version__, "model": opts.spacy_model, "config": opts.config_hash}


def process_documents(
    items: Iterable[RawDocument | Rejected], opts: Options,
    memory: BoilerplateMemory | None = None,
) -> Iterator[Result]:
    """Run every document through the pipeline; yields one Result per input item, in order.
    ``memory`` is the publisher boilerplate memory extract consults (the store provides one)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, opts.batch_size)):
        yield from _process_chunk(chunk, opts, memory)


def _process_chunk(chunk: list[RawDocument | Rejected], opts: Options,
                   memory: BoilerplateMemory | None) -> Iterator[Result]:
    staged: list[Result | tuple[RawDocument, Article]] = []
    for item in chunk:
        if isinstance(item, Rejected):
            staged.append(Result(rejected=item))
            continue
        try:
            staged.append((item, extract(item, opts, memory)))
        except DocumentRejected as exc:
            staged.append(_rejected(item, exc))
    to_parse = [s for s in staged if isinstance(s, tuple)]
    docs = iter(parse((a.body for _, a in to_parse), opts.spacy_model, opts.batch_size))
    fronts = [front_texts(a) for _, a in to_parse]
    front_docs = iter(parse((text for parts in fronts for _, text in parts), opts.spacy_model,
                            opts.batch_size))
    front_of = iter(fronts)
    for entry in staged:
        if isinstance(entry, Result):
            yield entry
            continue
        raw, article = entry
        doc = next(docs)
        named = [(name, next(front_docs)) for name, _ in next(front_of)]
        try:
            mentions = resolve(doc, article, opts)
            parts = tuple(FrontPart(name, d, resolve(d, part_article(article, d.text), opts))
                          for name, d in named)
            events = code(doc, article, mentions, opts, parts)
        except DocumentRejected as exc:
            yield _rejected(raw, exc)
            continue
        kept = tuple(e for e in events if e.confidence >= opts.min_confidence)
        yield Result(article=article, events=kept)


def process_one(raw: RawDocument, opts: Options) -> Result:
    return next(process_documents([raw], opts))


def events_of(results: Iterable[Result]) -> list[Event]:
    return [e for r in results for e in r.events]


def page_paragraphs(article: Article) -> list[str]:
    """Every paragraph the page had, kept or dropped: what publisher memory counts."""
    return list(article.paragraphs) + [d.text for d in article.dropped]
