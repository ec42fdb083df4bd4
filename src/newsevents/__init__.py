"""newsevents: news articles in, a sourced, geolocated event database out.

``process`` codes one text, ``process_batch`` many; ``run`` stores a whole run as
``newsevents process`` does (``runner.run``)::

    import newsevents

    summary = newsevents.run(["examples/articles"], "events.db")
    print(summary.documents, summary.new_events, dict(summary.rejected))
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .records import Event, Result

if TYPE_CHECKING:
    from .options import Options
    from .runner import run as run


def process(text_or_html: str, published: str | None = None, *, options: Options | None = None) -> list[Event]:
    """Code one article given as plain text or HTML; returns its events (empty when rejected)."""
    from .ingest import document_from_text
    from .options import load_options
    from .pipeline import process_one

    opts = options or load_options()
    return list(process_one(document_from_text(text_or_html, published=published), opts).events)


def process_batch(
    texts: Iterable[str | dict[str, Any]], *, options: Options | None = None
) -> list[Result]:
    """Code many articles; each item is a text/HTML string or a dict ``{id, text|html, url,
    published}``. Returns one Result per item (article + events, or the rejection)."""
    from .ingest import document_from_record, document_from_text
    from .options import load_options
    from .pipeline import process_documents

    opts = options or load_options()
    docs = (
        document_from_record(t, source_uri="<batch>") if isinstance(t, dict) else document_from_text(t)
        for t in texts
    )
    return list(process_documents(docs, opts))


def __getattr__(name: str) -> Any:
    # ``run`` is imported when first used: the pipeline's modules take a while to import, and
    # `import newsevents` should not wait for them.
    if name == "run":
        from .runner import run

        return run
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
