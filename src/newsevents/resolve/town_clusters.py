"""Namesake towns placed by their neighbours in the article.

A local story names its towns without their state: "officers from the Columbus Police
Department ... Tays, 32, of Franklin ... Hollman, 31, of Hope". Each of those names belongs to
towns in several states, and the gazetteer, with nothing more said, takes the largest (Columbus,
Ohio; Franklin, Tennessee; Hope, Arkansas). A reader places them by each other: there is one
Columbus with a Franklin and a Hope close by, in Indiana. The rule here does the same, and only
for towns picked among namesakes by size: a namesake near which at least
``MIN_NEIGHBOURS`` of the article's other town names have a town of their own (within
``NEAR_KM``), and more of them than near the town picked, replaces it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..records import PlaceMention
from .places import Gazetteer
from .tables import ascii_key

# A town and its neighbours in a local story lie within a county or two of each other.
NEAR_KM = 60.0
# One neighbour could be chance (most US states have a Franklin); two agreeing are not.
MIN_NEIGHBOURS = 2


def towns_by_neighbours(out: list[PlaceMention], gazetteer: Gazetteer,
                        picked_by_size: Callable[[PlaceMention], bool]) -> list[PlaceMention]:
    """``out`` with every town picked by size moved to the namesake its neighbours point at."""
    names = {ascii_key(m.place.text) for m in out if m.place.precision == "city"}
    if len(names) <= MIN_NEIGHBOURS:
        return out
    towns = {name: gazetteer.own_towns(name) for name in names}
    return [_moved(m, towns, gazetteer) if picked_by_size(m) else m for m in out]


def _moved(m: PlaceMention, towns: dict[str, list[int]], gazetteer: Gazetteer) -> PlaceMention:
    """``m`` at the namesake its neighbours point at (``towns``: the article's town names and
    the towns whose own name each is), or ``m`` as it was."""
    picked = gazetteer.index_of(m.place.geonameid) if m.place.geonameid is not None else None
    if picked is None:
        return m
    cc = gazetteer.cc[picked]
    key = ascii_key(m.place.text)
    namesakes = [i for i in towns.get(key, ()) if gazetteer.cc[i] == cc]
    if len(namesakes) < 2:
        return m
    others = [[j for j in found if gazetteer.cc[j] == cc]
              for name, found in towns.items() if name != key]

    def neighbours(i: int) -> int:
        return sum(any(j != i and gazetteer.km_between(i, j) <= NEAR_KM for j in near)
                   for near in others)

    best = max(namesakes, key=lambda i: (neighbours(i), gazetteer.pop[i]))
    near = neighbours(best)
    if best == picked or near < MIN_NEIGHBOURS or near <= neighbours(picked):
        return m
    place = gazetteer.town_place(m.place.text, best)
    return PlaceMention(m.start, m.end, place, f"{m.rule}+town-by-neighbours:{near}")
