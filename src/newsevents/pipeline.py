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

from . import __version__
from .errors import DocumentRejected, NewsEventsError, internal_error
from .ingest.documents import unencodable
from .options import Options
from .records import Article, Event, RawDocument, Rejected, Result, Stored

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .coder import FrontPart
    from .extract.memory import BoilerplateMemory

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
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop the batch
        return _rejected(raw, internal_error(stage, exc, f"{raw.source_uri} (document {raw.id})"))


def provenance(opts: Options) -> dict[str, str]:
    out = {"pipeline": __version__, "model": opts.spacy_model, "config": opts.config_hash}
    if opts.sentence_model:
        from .classify.model import shared_model

        out["classifier"] = shared_model().hash
    return out


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
    and the changed body would be a new article."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, opts.batch_size)):
        yield from _process_chunk(chunk, opts, memory, stored)


def _process_chunk(chunk: list[RawDocument | Rejected], opts: Options,
                   memory: BoilerplateMemory | None, stored: StoredInputs | None) -> Iterator[Result]:
    readable = [i for i in chunk if isinstance(i, RawDocument) and unencodable(i) is None]
    known = stored.stored_inputs([raw.content_hash for raw in readable]) if stored and readable else {}
    staged: list[Result | tuple[RawDocument, Article]] = []
    for item in chunk:
        if isinstance(item, Rejected):
            staged.append(Result(rejected=item))
            continue
        if (bad := unencodable(item)) is not None:
            staged.append(_rejected(item, bad))
            continue
        if (article_id := known.get(item.content_hash)) is not None:
            staged.append(Result(stored=Stored(article_id, item.id, item.source_uri, item.content_hash)))
            continue
        article = _guarded("extract", item, lambda: _extract(item, opts, memory))  # noqa: B023
        staged.append(article if isinstance(article, Result) else (item, article))
    to_parse = [s for s in staged if isinstance(s, tuple)]
    docs = iter(_parse(to_parse, opts))
    for entry in staged:
        if isinstance(entry, Result):
            yield entry
            continue
        raw, article = entry
        doc = next(docs)
        yield doc if isinstance(doc, Result) else _resolve_and_code(raw, article, doc, opts)


def _extract(raw: RawDocument, opts: Options, memory: BoilerplateMemory | None) -> Article:
    from .extract import extract  # imported with the first document to extract (see above)

    return extract(raw, opts, memory)


def _parse(pairs: list[tuple[RawDocument, Article]], opts: Options) -> list[Doc | Result]:
    """spaCy's parse of each body, batched; a document the parser fails on gets its rejection in
    its place. A failure inside ``nlp.pipe`` loses the whole batch, so then the bodies are parsed
    again one by one to find the document that caused it."""
    from . import analyse

    if not pairs:
        return []  # nothing to parse: the model is not even loaded
    bodies = [article.body for _, article in pairs]
    try:
        return list(analyse.parse(bodies, opts.spacy_model, opts.batch_size))
    except NewsEventsError:
        raise
    except Exception:  # noqa: BLE001 - isolated below, document by document
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


def events_of(results: Iterable[Result]) -> list[Event]:
    return [e for r in results for e in r.events]


def page_paragraphs(article: Article) -> list[str]:
    """Every paragraph the page had, kept or dropped: what publisher memory counts."""
    return list(article.paragraphs) + [d.text for d in article.dropped]
