"""Extraction: a RawDocument becomes an Article (body paragraphs without boilerplate, headline,
standfirst, byline and agency, publisher, publication time with offset, language).

``extract(raw, opts)`` is the stage; ``extract_parts`` is the same work without the acceptance
checks (language, length), used by the benchmarks, which include non-English pages.

Reason codes (stage "extract"): ``no_body`` (no article text found), ``too_long`` (a body over
``max_chars``), ``language`` (not one of ``languages``), ``too_short`` (fewer than ``min_words``).
An exception raised while extracting one document is ``internal_error`` (see pipeline.py), as in
every stage; the store adds ``nul_character``, ``unencodable_text`` and
``event_article_mismatch`` (docs/store.md).
"""

from __future__ import annotations

from ..errors import DocumentRejected
from ..options import Options
from ..records import Article, RawDocument
from .html import extract_html
from .language import detect, language_name
from .memory import MEMORY_MIN_SEEN, BoilerplateMemory, InMemoryBoilerplateMemory, paragraph_hash
from .parts import Parts, apply_memory
from .text import extract_text

__all__ = [
    "MEMORY_MIN_SEEN",
    "BoilerplateMemory",
    "DocumentRejected",
    "InMemoryBoilerplateMemory",
    "Parts",
    "apply_memory",
    "article_from_parts",
    "extract",
    "extract_parts",
    "paragraph_hash",
]


def extract_parts(raw: RawDocument, memory: BoilerplateMemory | None = None, *,
                  left_out: bool = False) -> Parts:
    if raw.content_type == "html":
        parts = extract_html(raw.text, raw.url, report_left_out=left_out)
    else:
        parts = extract_text(raw.text)
    apply_memory(parts, memory)
    return parts


def extract(raw: RawDocument, opts: Options, memory: BoilerplateMemory | None = None, *,
            left_out: bool = False) -> Article:
    """Article of ``raw``; raises DocumentRejected (stage "extract") with reason ``no_body``,
    ``too_long``, ``language`` or ``too_short``. ``left_out`` adds to ``dropped`` the text of an
    HTML page that trafilatura left out (reason ``boilerplate:outside_body``), for people who want
    to see it; the pipeline does not ask for it."""
    return article_from_parts(raw, extract_parts(raw, memory, left_out=left_out), opts)


def article_from_parts(raw: RawDocument, parts: Parts, opts: Options) -> Article:
    """The Article of ``raw`` from what extraction found (publisher memory already applied): the
    acceptance checks and the record. Split from ``extract`` so that a pool or a Dask cluster can
    find the parts in its workers while the memory, which grows with every stored batch, is
    applied in order by the one process that writes (pipeline.process_documents)."""
    if not parts.paragraphs:
        raise DocumentRejected("extract", "no_body", f"no article text found in {raw.source_uri}")
    body = "\n\n".join(parts.paragraphs)
    if len(body) > opts.max_chars:
        raise DocumentRejected("extract", "too_long",
                               f"body has {len(body)} characters, over max_chars={opts.max_chars}")
    detected = detect(body, opts.languages)
    language = detected[0] if detected else parts.lang_hint
    if detected and detected[0] not in opts.languages:
        code, prob = detected
        raise DocumentRejected(
            "extract", "language",
            f"detected language {code} ({language_name(code)}, p={prob:.2f}); "
            f"accepted: {', '.join(opts.languages)}",
        )
    words = len(body.split())
    if words < opts.min_words:
        raise DocumentRejected("extract", "too_short",
                               f"body has {words} words, fewer than min_words={opts.min_words}")
    return Article(
        id=Article.id_for(body),
        doc_id=raw.id,
        source_uri=raw.source_uri,
        body=body,
        paragraphs=tuple(parts.paragraphs),
        headline=parts.headline,
        standfirst=parts.standfirst,
        byline=parts.byline,
        agency=parts.agency,
        publisher=parts.publisher,
        published=parts.published or raw.published,
        language=language,
        url=raw.url,
        canonical_url=parts.canonical_url,
        fetched=raw.fetched,
        dropped=tuple(parts.dropped),
        warnings=raw.warnings,
        input_hash=raw.content_hash,
    )
