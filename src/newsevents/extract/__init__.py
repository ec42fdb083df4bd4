"""PLACEHOLDER (being replaced by the extract helper)."""

from __future__ import annotations

from ..options import Options
from ..records import Article, RawDocument


def extract(raw: RawDocument, opts: Options) -> Article:
    paras = tuple(p.strip() for p in raw.text.split("\n\n") if p.strip())
    body = "\n\n".join(paras)
    return Article(id=Article.id_for(body), doc_id=raw.id, source_uri=raw.source_uri, body=body,
                   paragraphs=paras, published=raw.published, url=raw.url)
