"""Linking across articles: near-duplicate articles and same-happening event clusters.

Pure functions over records; the store calls them inside its write transaction and keeps the
results (signatures, LSH buckets, ``duplicate_of`` and ``cluster_id``) in its tables, so linking
is incremental: a new article is compared with what is stored, never with the whole corpus in
memory.

Near duplicates: syndicated wire copies differ in clutter, headline and trims, so two bodies are
compared by word 5-shingles. MinHash estimates their Jaccard similarity; LSH banding finds
candidates without comparing all pairs. The decision uses *containment* (shared shingles over the
smaller article's shingles) because a copy trimmed to half its length still is a copy, though its
Jaccard similarity with the full story is only 0.5.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .records import Event, Place, stable_hash

if TYPE_CHECKING:  # numpy is imported where signatures are made: a re-run of stored inputs needs none
    import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
# 42 bands of 3 rows: a pair with Jaccard 0.4 becomes a candidate with p=0.93, 0.5 with
# p=0.996, while unrelated stories (Jaccard ~0.02) collide with p~0.0003. Re-run
# tests/test_link.py after changing these.
LSH_BANDS = 42
LSH_ROWS = 3
# A trimmed copy shares nearly all its shingles with the full story; independently written
# stories on the same happening share a few quoted phrases (well under half). 0.7 leaves room for
# an outlet's own clutter lines, a changed headline and the estimate's error (+-0.1 at 128
# permutations on a short story).
MIN_CONTAINMENT = 0.7
# Below this many shingles (a ~15 word text) similarity says little; such articles are not linked.
MIN_SHINGLES = 10
# Events whose dates are this many days apart can still be the same happening (time zones,
# "overnight", a report filed the next morning).
CLUSTER_DAYS = 1
# Only these date precisions are sharp enough to cluster on.
CLUSTER_DATE_PRECISIONS = ("day", "week")

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    """MinHash signature of an article body and the number of distinct shingles it came from."""

    values: np.ndarray  # uint32, NUM_PERM long
    shingles: int

    def to_text(self) -> str:
        return self.values.astype(">u4").tobytes().hex()

    @classmethod
    def from_text(cls, text: str, shingles: int) -> Signature:
        import numpy as np

        return cls(np.frombuffer(bytes.fromhex(text), dtype=">u4").astype(np.uint32), shingles)


def shingles(body: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = [w.casefold() for w in _WORD.findall(body)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(body: str) -> Signature:
    import numpy as np
    from datasketch import MinHash  # here: importing it takes a third of a second (scipy)

    grams = shingles(body)

    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return Signature(np.asarray(mh.hashvalues, dtype=np.uint32), len(grams))


def band_keys(sig: Signature) -> list[str]:
    """One bucket key per LSH band; two articles sharing any key are candidates."""
    keys = []
    for band in range(LSH_BANDS):
        chunk = sig.values[band * LSH_ROWS : (band + 1) * LSH_ROWS].astype(">u4").tobytes()
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def jaccard(a: Signature, b: Signature) -> float:
    import numpy as np

    return float(np.mean(a.values == b.values))


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller article's shingles that the other one also has."""
    j = jaccard(a, b)
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return min(1.0, shared / smaller)


def is_near_duplicate(a: Signature, b: Signature) -> bool:
    if min(a.shingles, b.shingles) < MIN_SHINGLES:
        return False
    return containment(a, b) >= MIN_CONTAINMENT


# --------------------------------------------------------------------------- events


def place_key(place: Place | None) -> str | None:
    """A key naming the same place across articles: the GeoNames id where resolved, else the
    country, region and case-folded name."""
    if place is None:
        return None
    if place.geonameid is not None:
        return f"g{place.geonameid}"
    name = place.name or place.text
    if not name:
        return None
    return f"n:{place.country or ''}:{place.admin1 or ''}:{' '.join(name.split()).casefold()}"


def dedup_key(event: Event) -> str:
    """Same type, same sentence (whitespace and case ignored) and same place: the same report of
    the same event, as a syndicated copy repeats it."""
    sentence = " ".join(event.evidence.sentence.split()).casefold()
    return stable_hash(event.type, sentence, place_key(event.location) or "")


def countries(actors: Iterable[object]) -> frozenset[str]:
    return frozenset(c for c in (getattr(a, "country", None) for a in actors) if c)


def date_window(event: Event) -> tuple[str, str] | None:
    """The range of start dates an event of the same happening may have, or None when the
    event's date is too vague to cluster on."""
    if event.date.start is None or event.date.precision not in CLUSTER_DATE_PRECISIONS:
        return None
    try:
        day = dt.date.fromisoformat(event.date.start[:10])
    except ValueError:
        return None
    delta = dt.timedelta(days=CLUSTER_DAYS)
    # Clamp at the calendar's ends (year 1 or 9999 comes from bad input, not news).
    low = day - delta if day > dt.date.min + delta else dt.date.min
    high = day + delta if day < dt.date.max - delta else dt.date.max
    return low.isoformat(), high.isoformat()


def actors_compatible(
    actors_a: frozenset[str], recips_a: frozenset[str], actors_b: frozenset[str], recips_b: frozenset[str]
) -> bool:
    """Where both events name actor (or recipient) countries, the sets must meet; an unnamed
    side does not contradict (one report says "Russia", another only "drones")."""
    if actors_a and actors_b and not actors_a & actors_b:
        return False
    return not (recips_a and recips_b and not recips_a & recips_b)


def new_cluster_id(event_id: str) -> str:
    return "c" + stable_hash("cluster", event_id, length=15)


# --------------------------------------------------------------------------- describing


@dataclass(frozen=True)
class ClusterSource:
    """One event of a cluster as a source: which outlet carried it and who it credits."""

    event_id: str
    article_id: str
    outlet: str | None  # agency or publisher of the article
    stance: str
    source: str | None  # the attribution's named source ("Ukraine's air force")
    duplicate: bool = False


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


_STANCE_ORDER = ("claimed", "reported", "unconfirmed", "disputed", "denied")
_STANCE_VERB = {
    "claimed": "claimed by",
    "reported": "reported by",
    "unconfirmed": "reported as unconfirmed by",
    "disputed": "disputed by",
    "denied": "denied by",
}


def describe_sources(sources: Iterable[ClusterSource]) -> str:
    """One line per cluster: 'claimed by Ukraine's air force, reported by AP and Reuters, denied
    by Russia's defence ministry'. A claim or denial credits its named source; a report in the
    article's own voice credits the outlet."""
    by_stance: dict[str, list[str]] = {}
    for src in sources:
        name = src.outlet or src.source if src.stance == "reported" else src.source or src.outlet
        if not name:
            continue
        names = by_stance.setdefault(src.stance, [])
        if name not in names:
            names.append(name)
    parts = []
    for stance in _STANCE_ORDER + tuple(sorted(set(by_stance) - set(_STANCE_ORDER))):
        if stance in by_stance:
            verb = _STANCE_VERB.get(stance, f"{stance} by")
            parts.append(f"{verb} {_join(by_stance[stance])}")
    return ", ".join(parts)
