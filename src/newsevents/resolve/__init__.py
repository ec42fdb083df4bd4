"""PLACEHOLDER (being replaced by the resolve helper)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..options import Options
from ..records import Article, Mentions


def resolve(doc: Doc, article: Article, opts: Options) -> Mentions:
    return Mentions()
