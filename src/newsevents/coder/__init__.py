"""PLACEHOLDER (being replaced by the coder helper)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..options import Options
from ..records import Article, Event, Mentions


def code(doc: Doc, article: Article, mentions: Mentions, opts: Options) -> list[Event]:
    return []
