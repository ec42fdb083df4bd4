"""What made an event: the pipeline version, the options, every packaged data table and the
models. An edited trigger row or a retrained classifier changes the events, so it changes their
provenance too; two runs with equal provenance code the same text the same way.

Its own module because both the pipeline and the coder need it and the pipeline imports the coder.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata, resources
from pathlib import Path

from . import __version__, lexicon
from .lexicon import Lexicon
from .options import Options


@functools.lru_cache(maxsize=4)
def data_tables_hash(overlay: Path | None = None) -> str:
    """A digest of every packaged data file (trigger lexicon, actor and place tables, ...) and of
    the tables of the user's ``overlay`` folder (option ``tables_dir``)."""
    digest = hashlib.sha256()
    root = resources.files("newsevents.data")
    stack = [root]
    files = []
    while stack:
        for entry in stack.pop().iterdir():
            if entry.is_dir():
                stack.append(entry)
            elif entry.is_file() and not entry.name.endswith((".pyc", ".py")):
                files.append(entry)
    for entry in sorted(files, key=lambda f: str(f)):
        digest.update(str(entry).removeprefix(str(root)).encode("utf-8"))
        digest.update(entry.read_bytes())
    if overlay is not None:
        for path in Lexicon(overlay).overlay_files():
            digest.update(f"overlay/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def spacy_model_version(name: str) -> str:
    """The installed version of the spaCy pipeline package: sm 3.7 and 3.8 parse differently.
    A pipeline loaded from a path has no package version; its name stands alone then."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unpackaged"


def provenance(opts: Options) -> dict[str, str]:
    out = {"pipeline": __version__, "model": opts.spacy_model,
           "model_version": spacy_model_version(opts.spacy_model),
           "config": opts.config_hash, "tables": data_tables_hash(lexicon.overlay_dir())}
    if opts.sentence_model:
        from .classify.model import shared_model  # onnxruntime loads only when the model is on

        out["classifier"] = shared_model().hash
    return out
